// Hand-written items: 民政, 交通运输, 卫健, 教育, 司法, 退役军人, 残联, 农业农村.
import { rule, type ItemSpec } from './spec'

export const CIVIL: ItemSpec[] = [
  { type: 'confirmation', name: '内地居民结婚登记', a: ['结婚登记', '领结婚证', '办结婚证', '结婚'], pop: 82, w: 'IV', L: 1, P: 0, b: [0], m: ['身份证', '户口簿', '照片', '无配偶以及与对方无直系血亲和三代以内旁系血亲关系的签字声明'], life: ['marriage'] },
  { type: 'confirmation', name: '内地居民离婚登记', a: ['离婚登记', '协议离婚', '办离婚'], pop: 50, w: 'V', v: 2, L: 30, P: 30, b: [0, 6], m: ['身份证', '户口簿', '结婚证', '离婚协议书'], life: ['marriage'] },
  { type: 'confirmation', name: '补领婚姻登记证', a: ['结婚证补办', '结婚证丢了', '离婚证补办'], pop: 36, w: 'INV', L: 1, P: 0, b: [0], m: ['身份证', '户口簿', '照片'], life: ['marriage'] },
  {
    type: 'benefit', name: '高龄津贴申领', a: ['高龄补贴', '老人补贴', '长寿补贴', '八十岁补贴', '高龄老人津贴'], pop: 72, w: 'IONV', v: 0, L: 20, P: 0, b: [2, '《宁波市高龄津贴发放办法》'], m: ['身份证', '银行卡'], life: ['elderly'],
    auto: [
      rule('age', 'person.age', 'gte', 80, '年满80周岁（人口库核验）'),
      rule('household', 'person.householdRegion', 'startsWith', '3302', '户籍在宁波市'),
      rule('alive', 'person.alive', 'eq', true, '人口库状态为正常（非死亡注销）'),
      rule('notReceiving', 'civil.receivingElderAllowance', 'eq', false, '未在宁波市或其他地区重复领取高龄津贴'),
    ],
  },
  { type: 'benefit', name: '最低生活保障申请', a: ['低保', '申请低保', '低保申请'], pop: 56, w: 'ONV', L: 30, P: 20, b: [1, '《最低生活保障审核确认办法》'], m: ['身份证', '户口簿', '家庭经济状况核对授权书', '收入情况说明*'], life: ['socialAid'] },
  { type: 'benefit', name: '特困人员救助供养', a: ['五保', '特困供养'], pop: 20, w: 'ONV', L: 30, P: 20, b: [1, '《特困人员认定办法》'], m: ['身份证', '户口簿', '家庭经济状况核对授权书'], life: ['socialAid', 'elderly'] },
  { type: 'benefit', name: '临时救助申请', a: ['临时救助', '急难救助'], pop: 28, w: 'IONV', v: 0, L: 15, P: 3, b: [1], m: ['身份证', '困难情况说明*'], life: ['socialAid'] },
  { type: 'benefit', name: '困难残疾人生活补贴和重度残疾人护理补贴', a: ['两项补贴', '残疾人补贴', '重残护理补贴', '残疾人生活补贴'], pop: 50, w: 'ONV', v: 0, L: 20, P: 10, b: ['《国务院关于全面建立困难残疾人生活补贴和重度残疾人护理补贴制度的意见》'], m: ['身份证', '残疾证', '银行卡'], life: ['disability', 'socialAid'] },
  { type: 'benefit', name: '居家养老服务补贴申请', a: ['居家养老补贴', '养老服务补贴'], pop: 34, w: 'ONV', L: 20, P: 10, b: [2, '《宁波市居家养老服务条例》'], m: ['身份证', '能力评估申请表'], life: ['elderly'] },
  { type: 'publicService', name: '老年人优待证办理', a: ['老年证', '老年优待证', '敬老卡'], pop: 58, w: 'IONV', v: 0, L: 5, P: 0, b: [2], m: ['身份证', '照片?'], life: ['elderly'] },
  { type: 'benefit', name: '基本殡葬服务费用减免', a: ['殡葬补贴', '惠民殡葬', '火化费减免', '丧葬费减免'], pop: 32, w: 'IONV', v: 0, L: 5, P: 0, b: [5, '《宁波市殡葬管理办法》'], m: ['死亡证明', '经办人身份证'], life: ['death'] },
  { type: 'confirmation', name: '收养登记', a: ['领养登记', '收养孩子'], pop: 10, w: 'V', v: 2, L: 30, P: 30, b: [6, '《中国公民收养子女登记办法》'], m: ['身份证', '户口簿', '收养申请书', '体检'], life: ['birth'] },
  { type: 'confirmation', name: '社会团体成立登记', a: ['社团登记', '成立协会', '社会组织登记'], aud: 'e', pop: 12, w: 'ONV', L: 60, P: 20, b: [3], m: ['登记申请书', '章程草案', '业务主管单位批准文件@'], stage: ['start'] },
  { type: 'confirmation', name: '民办非企业单位成立登记', a: ['民非登记', '社会服务机构登记'], aud: 'e', pop: 14, w: 'ONV', L: 60, P: 20, b: [4], m: ['登记申请书', '章程草案', '场所使用权证明%'], stage: ['start'] },
  { type: 'otherPower', name: '养老机构备案', a: ['开养老院', '养老院备案'], aud: 'e', pop: 10, w: 'IONV', v: 0, L: 5, P: 1, b: [2, '《养老机构管理办法》'], m: ['营业执照或法人登记证书@', '消防安全承诺*'], stage: ['start'] },
  { type: 'benefit', name: '孤儿基本生活保障金申领', a: ['孤儿补助', '孤儿保障'], pop: 8, w: 'ONV', L: 30, P: 15, b: ['《国务院办公厅关于加强孤儿保障工作的意见》'], m: ['监护人身份证', '父母死亡或失踪证明@'], life: ['socialAid'] },
]

export const TRANSPORT: ItemSpec[] = [
  {
    type: 'permit', name: '网络预约出租汽车驾驶员证核发', a: ['网约车驾驶员证', '网约车司机证', '网约车人证', '跑滴滴'], pop: 64, w: 'IONV', v: 0, L: 20, P: 0, b: [0, 1], m: ['驾驶证', '身份证', '照片', '无犯罪'], life: ['employment'],
    auto: [
      rule('licence', 'driver.licenceYears', 'gte', 3, '取得相应准驾车型机动车驾驶证满3年'),
      rule('crime', 'police.hasDisqualifyingRecord', 'eq', false, '无交通肇事犯罪、危险驾驶犯罪、暴力犯罪记录（公安数据核验）'),
      rule('points', 'driver.full12PointsInLast3Cycles', 'eq', false, '最近连续3个记分周期内没有记满12分记录'),
      rule('exam', 'transport.examPassed', 'eq', true, '已通过网约车驾驶员从业资格考试'),
    ],
  },
  {
    type: 'permit', name: '网络预约出租汽车运输证核发', a: ['网约车运输证', '网约车车辆证', '网约车车证', '网约车营运证'], aud: 'b', pop: 56, w: 'IONV', v: 0, L: 20, P: 0, b: [0, '《宁波市网络预约出租汽车经营服务管理实施细则》'], m: ['行驶证', '车辆保险单@', '车辆卫星定位装置安装证明%'], life: ['employment'],
    auto: [
      rule('seats', 'vehicle.seats', 'lte', 7, '7座及以下乘用车'),
      rule('wheelbase', 'vehicle.wheelbaseMm', 'gte', 2650, '轴距不小于2650毫米（新能源车不小于2600毫米）'),
      rule('age', 'vehicle.registrationYears', 'lte', 2, '注册登记不超过2年'),
      rule('use', 'vehicle.useNature', 'eq', '预约出租客运', '使用性质登记为预约出租客运'),
    ],
  },
  { type: 'permit', name: '网络预约出租汽车经营许可', a: ['网约车平台许可', '网约车经营许可证'], aud: 'e', pop: 10, w: 'OV', L: 20, P: 10, b: [0], m: ['营业执照', '法人身份证明', '服务所在地办公场所证明%', '线上服务能力认定结果@'], stage: ['start'] },
  { type: 'permit', name: '巡游出租汽车驾驶员从业资格', a: ['出租车司机证', '出租车从业资格证'], pop: 30, w: 'ONV', L: 20, P: 10, b: [1], m: ['驾驶证', '身份证', '无犯罪'], life: ['employment'] },
  { type: 'permit', name: '道路旅客运输经营许可', a: ['客运许可', '客运经营许可'], aud: 'e', pop: 10, w: 'OV', L: 20, P: 10, b: [2, 6], m: ['营业执照', '车辆技术等级评定证明%', '安全生产管理制度'], stage: ['start'], cycle: { licence: '道路运输经营许可证（客运）', actions: ['变更', '注销'] } },
  { type: 'permit', name: '道路货物运输经营许可', a: ['货运许可', '道路运输经营许可证', '货运资质'], aud: 'e', pop: 26, w: 'ONV', L: 20, P: 5, b: [2, 7], m: ['营业执照', '车辆行驶证@', '驾驶员从业资格证@', '安全生产管理制度'], stage: ['start'], cycle: { licence: '道路运输经营许可证（货运）', actions: ['变更', '注销'] } },
  { type: 'permit', name: '道路货物运输驾驶员从业资格', a: ['货运从业资格证', '货车司机资格证'], pop: 36, w: 'ONV', L: 20, P: 5, b: [2, 7], m: ['驾驶证', '身份证'], life: ['employment'], cycle: { licence: '道路运输从业人员从业资格证', actions: ['换证', '补证'] } },
  { type: 'otherPower', name: '机动车维修经营备案', a: ['汽修备案', '修车店备案'], aud: 'e', pop: 18, w: 'IONV', v: 0, L: 5, P: 0, b: [5], m: ['营业执照', '维修经营备案表'], stage: ['start'] },
  { type: 'otherPower', name: '机动车驾驶员培训经营备案', a: ['驾校备案', '驾培备案'], aud: 'e', pop: 8, w: 'IONV', v: 0, L: 5, P: 0, b: ['《机动车驾驶员培训管理规定》'], m: ['营业执照', '教练场地证明%'], stage: ['start'] },
  { type: 'permit', name: '超限运输车辆行驶公路许可', a: ['大件运输许可', '超限运输许可'], aud: 'e', pop: 14, w: 'IONV', v: 0, L: 15, P: 2, b: [4, '《超限运输车辆行驶公路管理规定》'], m: ['营业执照', '车辆行驶证@', '货物说明'], stage: ['operate'] },
  { type: 'permit', name: '涉路施工许可', a: ['公路施工许可', '涉路工程许可'], aud: 'e', pop: 8, w: 'OV', L: 20, P: 10, b: [3, 4], m: ['营业执照', '施工方案', '安全保障措施'], stage: ['operate'] },
]

export const HEALTH: ItemSpec[] = [
  { type: 'publicService', name: '出生医学证明签发', a: ['出生证明', '出生证', '出生医学证明'], pop: 70, w: 'INV', L: 1, P: 0, b: [0, '《出生医学证明管理办法》'], sub: ['出生医学证明首次签发', '出生医学证明换发', '出生医学证明补发'], m: ['父母身份证', '新生儿出生登记信息'], life: ['birth'] },
  { type: 'publicService', name: '生育登记', a: ['生育服务登记', '准生证', '二孩登记', '三孩登记'], pop: 68, w: 'IONV', v: 0, L: 1, P: 0, b: [4, '《浙江省人口与计划生育条例》'], m: ['夫妻双方身份证', '结婚证'], life: ['birth', 'marriage'] },
  { type: 'otherPower', name: '诊所执业备案', a: ['开诊所', '诊所备案', '个体诊所'], aud: 'e', pop: 16, w: 'ONV', L: 10, P: 5, b: [1, '《诊所备案管理暂行办法》'], m: ['营业执照', '医师执业证书@', '诊所规章制度', '平面图'], stage: ['start'] },
  { type: 'permit', name: '医疗机构执业登记', a: ['医院执业许可', '医疗机构执业许可证'], aud: 'e', pop: 12, w: 'OV', v: 2, L: 45, P: 20, b: [1], m: ['营业执照', '医疗机构设置批准文件@', '人员资质证明%', '平面图'], stage: ['start'], cycle: { licence: '医疗机构执业许可证', actions: ['变更', '校验', '注销'] } },
  { type: 'permit', name: '医师执业注册', a: ['医师注册', '医生执业证', '变更执业地点'], pop: 30, w: 'IONV', v: 0, L: 20, P: 0, b: [2], m: ['医师资格证书@', '身份证', '体检'], life: ['employment'], cycle: { licence: '医师执业证书', actions: ['变更注册', '注销注册'] } },
  { type: 'permit', name: '护士执业注册', a: ['护士注册', '护士执业证'], pop: 28, w: 'IONV', v: 0, L: 20, P: 0, b: [5], m: ['护士执业资格考试成绩合格证明@', '身份证', '体检'], life: ['employment'], cycle: { licence: '护士执业证书', actions: ['延续注册', '变更注册'] } },
  { type: 'permit', name: '公共场所卫生许可', a: ['卫生许可证', '公共场所卫生许可证', '美容美发卫生许可'], aud: 'e', pop: 38, w: 'IONV', v: 0, L: 20, P: 0, b: [3], m: ['营业执照', '卫生管理制度', '告知承诺书*'], stage: ['start'], cycle: { licence: '公共场所卫生许可证', actions: ['变更', '延续', '注销'] } },
  { type: 'permit', name: '放射诊疗许可', a: ['放射诊疗', '放射许可'], aud: 'e', pop: 6, w: 'OV', v: 2, L: 20, P: 15, b: [6], m: ['营业执照', '放射诊疗设备清单', '放射防护评价报告^'], stage: ['operate'] },
  { type: 'benefit', name: '计划生育家庭特别扶助金申领', a: ['特扶金', '失独家庭扶助', '计生特扶'], pop: 12, w: 'ONV', L: 30, P: 20, b: [4], m: ['身份证', '户口簿', '子女死亡或伤残证明@'], life: ['elderly', 'socialAid'] },
  { type: 'benefit', name: '农村部分计划生育家庭奖励扶助', a: ['计生奖扶', '奖励扶助金'], pop: 10, w: 'ONV', L: 30, P: 20, b: [4], m: ['身份证', '户口簿'], life: ['elderly'] },
]

export const EDUCATION: ItemSpec[] = [
  { type: 'publicService', name: '义务教育阶段新生入学登记', a: ['小学入学报名', '幼升小', '小升初', '入学报名', '新生入学'], pop: 86, w: 'ONV', v: 0, L: 30, P: 20, b: [0, '《宁波市义务教育阶段学校招生入学工作实施意见》'], m: ['户口簿', '不动产权证书?', '居住证?', '监护人身份证'], life: ['education'] },
  { type: 'publicService', name: '公办幼儿园入园登记', a: ['幼儿园报名', '入园报名', '上幼儿园'], pop: 66, w: 'ONV', v: 0, L: 30, P: 20, b: [4], m: ['户口簿', '监护人身份证', '预防接种证查验证明@'], life: ['education'] },
  { type: 'publicService', name: '义务教育阶段转学', a: ['转学', '中小学转学'], pop: 40, w: 'ONV', L: 15, P: 10, b: [0], m: ['监护人身份证', '转入学校接收证明%'], life: ['education'] },
  { type: 'confirmation', name: '教师资格认定', a: ['教师资格证认定', '教师资格证', '教资认定'], pop: 62, w: 'ONV', L: 30, P: 20, b: [2, 3], m: ['身份证', '学历证书', '体检', '普通话水平测试等级证书@', '考试合格证明@'], life: ['employment'] },
  { type: 'permit', name: '民办学校设立审批', a: ['开民办学校', '民办幼儿园审批', '办幼儿园'], aud: 'e', pop: 12, w: 'OV', v: 2, L: 90, P: 60, b: [1], m: ['申办报告', '举办者资格证明%', '校舍证明%', '章程'], stage: ['start'], cycle: { licence: '民办学校办学许可证', actions: ['变更', '延续', '终止'] } },
  { type: 'permit', name: '非学科类校外培训机构审批', a: ['培训机构审批', '办培训班', '艺术培训机构'], aud: 'e', pop: 22, w: 'OV', L: 60, P: 30, b: [1, '《校外培训行政处罚暂行办法》'], m: ['申办报告', '场地证明%', '师资名单及资格证明%', '章程'], stage: ['start'] },
  { type: 'benefit', name: '家庭经济困难学生资助申请', a: ['学生资助', '助学金', '困难学生补助'], pop: 30, w: 'ONV', v: 0, L: 30, P: 15, b: [0], m: ['学生身份证或户口簿', '家庭经济困难情况说明*'], life: ['education', 'socialAid'] },
]

export const JUSTICE: ItemSpec[] = [
  { type: 'publicService', name: '法律援助申请', a: ['法援', '法律援助', '免费律师'], pop: 46, w: 'ONV', L: 7, P: 3, b: [0], m: ['身份证', '经济困难状况说明表*', '与案件有关的材料%'], life: ['legal', 'socialAid'] },
  { type: 'publicService', name: '公证申请', a: ['公证', '办公证', '学历公证', '出生公证', '继承公证'], pop: 52, w: 'ONV', L: 15, P: 5, b: [1], sub: ['出生公证', '学历公证', '继承公证', '委托公证', '声明书公证'], m: ['身份证', '公证事项证明材料%'], f: [{ name: '公证费', amountFen: null, basis: '按浙江省公证服务收费标准' }], life: ['legal'] },
  { type: 'publicService', name: '人民调解申请', a: ['调解', '纠纷调解', '邻里纠纷'], pop: 28, w: 'ONV', L: 30, P: 30, b: [2], m: ['身份证', '纠纷情况说明'], life: ['legal'] },
  { type: 'permit', name: '律师执业许可', a: ['律师执业证', '律师证'], pop: 16, w: 'OV', L: 20, P: 10, b: [3], m: ['法律职业资格证书@', '实习考核合格材料%', '身份证', '律师事务所同意接收证明'], life: ['employment'], cycle: { licence: '律师执业证', actions: ['变更', '注销'] } },
  { type: 'permit', name: '基层法律服务工作者执业核准', a: ['法律服务工作者证'], pop: 6, w: 'OV', L: 20, P: 15, b: [4], m: ['身份证', '学历证书', '考核合格证明@'], life: ['employment'] },
  { type: 'publicService', name: '法律职业资格证书申请', a: ['法律职业资格证', '法考证书'], pop: 24, w: 'ONV', v: 0, L: 20, P: 10, b: ['《国家统一法律职业资格考试实施办法》'], m: ['身份证', '学历证书', '照片'], life: ['employment'] },
]

export const VETERAN: ItemSpec[] = [
  { type: 'benefit', name: '退役士兵接收安置', a: ['退役士兵安置', '退伍安置', '退役报到'], pop: 40, w: 'ONV', L: 30, P: 15, b: [1, 0], m: ['退伍证', '身份证', '档案@'], life: ['veteran', 'employment'] },
  { type: 'publicService', name: '退役军人优待证申领', a: ['优待证', '退役军人优待证'], pop: 44, w: 'IONV', v: 0, L: 30, P: 10, b: [0, '《退役军人、其他优抚对象优待证管理办法（试行）》'], m: ['身份证', '照片'], life: ['veteran'] },
  { type: 'benefit', name: '自主就业退役士兵一次性经济补助', a: ['退伍补助', '一次性经济补助'], pop: 26, w: 'ONV', v: 0, L: 30, P: 15, b: [1], m: ['退伍证', '银行卡'], life: ['veteran'] },
  { type: 'confirmation', name: '伤残抚恤关系转移', a: ['伤残抚恤转移'], pop: 6, w: 'OV', L: 30, P: 20, b: [2], m: ['残疾军人证', '户口迁移证明@'], life: ['veteran', 'disability'] },
  { type: 'confirmation', name: '退役军人残疾等级评定', a: ['军人评残', '伤残等级评定'], pop: 8, w: 'V', v: 2, L: 60, P: 45, b: [2], m: ['身份证', '病历', '致残原因证明%'], life: ['veteran', 'disability'] },
  { type: 'benefit', name: '优抚对象定期抚恤补助', a: ['定期抚恤', '优抚补助'], pop: 14, w: 'ONV', L: 30, P: 20, b: [2], m: ['身份证', '优抚对象证明@', '银行卡'], life: ['veteran'] },
  { type: 'benefit', name: '烈士褒扬金发放', a: ['烈士褒扬金', '烈属抚恤'], pop: 4, w: 'OV', L: 30, P: 20, b: [3], m: ['烈士证明书@', '遗属身份证'], life: ['veteran', 'death'] },
  { type: 'publicService', name: '退役军人信息采集', a: ['退役军人建档', '退役军人登记'], pop: 24, w: 'IONV', v: 0, L: 1, P: 0, b: [0], m: ['退伍证', '身份证'], life: ['veteran'] },
]

export const DISABLED: ItemSpec[] = [
  { type: 'confirmation', name: '残疾人证核发', a: ['残疾证办理', '办残疾证', '残疾人证', '残疾鉴定'], pop: 62, w: 'ONV', L: 30, P: 15, b: [2, 0], m: ['身份证', '户口簿', '照片', '残疾评定表^'], life: ['disability'], cycle: { licence: '中华人民共和国残疾人证', actions: ['换领', '迁移', '注销'] } },
  { type: 'benefit', name: '残疾人辅助器具适配补贴', a: ['辅具补贴', '轮椅补贴', '助听器补贴'], pop: 24, w: 'ONV', L: 20, P: 10, b: [0], m: ['残疾证', '辅具评估意见^'], life: ['disability'] },
  { type: 'benefit', name: '残疾人就业创业扶持补贴', a: ['残疾人创业补贴', '残疾人就业补贴'], aud: 'b', pop: 14, w: 'ONV', L: 20, P: 10, b: [1], m: ['残疾证', '营业执照?', '银行卡'], life: ['disability', 'employment'] },
  { type: 'benefit', name: '残疾儿童康复救助', a: ['残疾儿童康复', '康复救助'], pop: 18, w: 'ONV', L: 20, P: 10, b: [3], m: ['监护人身份证', '户口簿', '诊断证明%'], life: ['disability', 'birth'] },
  { type: 'benefit', name: '残疾人机动轮椅车燃油补贴', a: ['燃油补贴', '残疾人车燃油补贴'], pop: 8, w: 'ONV', L: 20, P: 10, b: [0], m: ['残疾证', '驾驶证', '行驶证'], life: ['disability'] },
  { type: 'benefit', name: '残疾人家庭无障碍改造', a: ['无障碍改造'], pop: 10, w: 'ONV', L: 30, P: 20, b: [0], m: ['残疾证', '不动产权证书?'], life: ['disability', 'housing'] },
]

export const AGRI: ItemSpec[] = [
  { type: 'permit', name: '农村村民宅基地审批', a: ['宅基地审批', '农村建房审批', '宅基地申请'], pop: 34, w: 'ONV', L: 20, P: 15, b: [0, '《中华人民共和国土地管理法》'], m: ['身份证', '户口簿', '农村宅基地和建房（规划许可）申请表', '村民会议决议'], life: ['housing'] },
  { type: 'permit', name: '农药经营许可', a: ['农药许可证', '卖农药许可'], aud: 'e', pop: 10, w: 'ONV', L: 20, P: 10, b: [1, '《农药经营许可管理办法》'], m: ['营业执照', '经营场所证明%', '专业技术人员证明%'], stage: ['start'], cycle: { licence: '农药经营许可证', actions: ['变更', '延续'] } },
  { type: 'permit', name: '兽药经营许可', a: ['兽药许可证'], aud: 'e', pop: 6, w: 'ONV', L: 30, P: 15, b: [2], m: ['营业执照', '质量管理制度'], stage: ['start'], cycle: { licence: '兽药经营许可证', actions: ['变更', '换发'] } },
  { type: 'permit', name: '动物防疫条件合格证核发', a: ['动物防疫合格证', '养殖场防疫证'], aud: 'e', pop: 8, w: 'OV', v: 2, L: 20, P: 15, b: [3], m: ['营业执照', '场所平面图', '防疫制度'], stage: ['start'] },
  { type: 'permit', name: '渔业捕捞许可', a: ['捕捞许可证', '渔船捕捞证', '捕鱼证'], aud: 'b', pop: 18, w: 'ONV', L: 20, P: 10, b: [4], m: ['渔业船舶证书@', '身份证'], stage: ['operate'], cycle: { licence: '渔业捕捞许可证', actions: ['变更', '换发', '注销'] } },
  { type: 'permit', name: '农作物种子生产经营许可', a: ['种子许可证', '种子经营许可'], aud: 'e', pop: 6, w: 'OV', L: 20, P: 15, b: [5], m: ['营业执照', '种子生产地点检疫证明%'], stage: ['start'] },
  { type: 'permit', name: '拖拉机和联合收割机驾驶证申领', a: ['拖拉机驾驶证', '农机驾驶证'], pop: 10, w: 'ONV', v: 2, L: 20, P: 10, b: [6], m: ['身份证', '体检', '照片'], life: ['travel'] },
  { type: 'confirmation', name: '农业机械注册登记', a: ['农机登记', '拖拉机上牌'], pop: 8, w: 'ONV', L: 2, P: 1, b: [6], m: ['身份证', '农机来历证明', '出厂合格证'] },
  { type: 'confirmation', name: '农村土地承包经营权流转备案', a: ['土地流转备案', '承包地流转'], pop: 12, w: 'ONV', L: 10, P: 5, b: [0], m: ['身份证', '流转合同'], stage: ['operate'] },
]
