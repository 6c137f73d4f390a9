// Hand-written items: 人社, 医保, 住房公积金.
import { rule, type ItemSpec } from './spec'

export const HRSS: ItemSpec[] = [
  { type: 'publicService', name: '社会保险参保证明打印', a: ['社保参保证明', '社保证明', '社保缴费证明', '参保证明'], pop: 96, w: 'IONV', v: 0, L: 1, P: 0, m: ['身份证'], life: ['employment', 'housing', 'education'] },
  { type: 'publicService', name: '个人社会保险权益记录查询', a: ['社保缴费记录查询', '社保查询', '养老保险查询'], pop: 90, w: 'IONV', v: 0, L: 1, P: 0, m: ['身份证'], life: ['employment'] },
  { type: 'publicService', name: '社会保障卡申领', a: ['社保卡办理', '办社保卡', '市民卡'], pop: 85, w: 'ONV', L: 10, P: 5, b: ['《社会保障卡管理办法》'], sub: ['社会保障卡首次申领', '社会保障卡补领', '社会保障卡换领'], m: ['身份证', '照片'], life: ['birth', 'employment'] },
  { type: 'publicService', name: '社会保障卡挂失', a: ['社保卡丢了', '社保卡挂失', '社保卡冻结'], pop: 60, w: 'IONV', v: 0, L: 1, P: 0, b: ['《社会保障卡管理办法》'], m: ['身份证'] },
  { type: 'publicService', name: '灵活就业人员参保登记', a: ['个人交社保', '自由职业社保', '个体社保'], pop: 70, w: 'IONV', v: 0, L: 1, P: 0, m: ['身份证'], life: ['employment'] },
  { type: 'publicService', name: '城乡居民基本养老保险参保登记', a: ['居民养老保险参保', '城乡居民养老保险'], pop: 40, w: 'IONV', v: 0, L: 1, P: 0, m: ['身份证', '户口簿'], life: ['elderly'] },
  { type: 'publicService', name: '职工基本养老保险关系转移接续', a: ['养老保险转移', '社保转移', '社保转入'], pop: 72, w: 'ONV', v: 0, L: 45, P: 15, b: [0, '《城镇企业职工基本养老保险关系转移接续暂行办法》'], m: ['身份证', '参保缴费凭证@'], life: ['employment'] },
  {
    type: 'benefit', name: '基本养老金申领', a: ['办理退休', '退休申请', '退休待遇核定', '退休手续', '养老金领取'], pop: 80, w: 'ONV', L: 20, P: 10, b: [0, '《国务院关于工人退休、退职的暂行办法》'],
    m: ['身份证', '银行卡', '职工档案@', '退休申报表'], life: ['retirement'],
  },
  { type: 'benefit', name: '城乡居民养老保险待遇申领', a: ['居民养老金领取', '农村养老金'], pop: 35, w: 'ONV', L: 20, P: 10, m: ['身份证', '户口簿', '银行卡'], life: ['retirement', 'elderly'] },
  {
    type: 'benefit', name: '失业保险金申领', a: ['领失业金', '失业金', '失业补助', '失业保险'], pop: 78, w: 'IONV', v: 0, L: 10, P: 0, b: [2, 0],
    m: ['身份证', '银行卡', '解除或终止劳动关系证明@'], life: ['employment'],
    auto: [
      rule('months', 'social.unemploymentContributionMonths', 'gte', 12, '失业前累计缴纳失业保险费满1年'),
      rule('involuntary', 'social.separationInvoluntary', 'eq', true, '非因本人意愿中断就业（用人单位数据核验）'),
      rule('noJob', 'social.currentlyInsuredAsEmployee', 'eq', false, '目前没有新的就业参保'),
      rule('noPension', 'social.receivingPension', 'eq', false, '未领取基本养老金'),
    ],
  },
  { type: 'publicService', name: '就业失业登记', a: ['失业登记', '就业登记', '就业创业证'], pop: 58, w: 'IONV', v: 0, L: 1, P: 0, b: [1], m: ['身份证'], life: ['employment'] },
  { type: 'benefit', name: '职业技能提升补贴申领', a: ['技能补贴', '职业资格证书补贴', '考证补贴'], pop: 46, w: 'ONV', v: 0, L: 20, P: 10, b: [2], m: ['身份证', '职业资格证书或职业技能等级证书@', '银行卡'], life: ['employment'] },
  { type: 'benefit', name: '创业担保贷款贴息申请', a: ['创业贷款', '创业担保贷款'], aud: 'b', pop: 30, w: 'ONV', L: 20, P: 10, b: [1], m: ['身份证', '营业执照', '贷款合同%'], life: ['employment'], stage: ['start'] },
  { type: 'benefit', name: '高校毕业生生活安居补助申领', a: ['人才安居补助', '大学生补贴', '毕业生租房补贴', '人才补贴'], pop: 64, w: 'ONV', v: 0, L: 20, P: 10, b: ['《宁波市高校毕业生来甬就业创业若干政策》'], m: ['身份证', '学历证书', '银行卡'], life: ['employment', 'housing'] },
  { type: 'confirmation', name: '工伤认定', a: ['工伤申请', '认定工伤'], aud: 'b', pop: 42, w: 'ONV', L: 60, P: 30, b: [3], m: ['工伤认定申请表', '劳动关系证明材料%', '医疗诊断证明%', '身份证'], life: ['employment', 'medical'] },
  { type: 'confirmation', name: '劳动能力鉴定', a: ['伤残鉴定', '工伤鉴定', '工伤等级鉴定'], pop: 24, w: 'ONV', v: 2, L: 60, P: 40, b: [3], m: ['身份证', '工伤认定决定书@', '病历'], life: ['employment', 'disability'] },
  { type: 'adjudication', name: '劳动人事争议仲裁申请', a: ['劳动仲裁', '拖欠工资', '劳动纠纷'], aud: 'b', pop: 50, w: 'ONV', v: 2, L: 45, P: 45, b: [4], m: ['仲裁申请书', '身份证', '劳动关系证明材料%?'], life: ['employment', 'legal'] },
  { type: 'benefit', name: '丧葬补助金、抚恤金申领', a: ['丧葬费', '抚恤金', '死亡待遇'], pop: 36, w: 'ONV', v: 0, L: 20, P: 5, b: [0], m: ['死亡证明', '申领人身份证', '亲属关系证明*', '银行卡'], life: ['death'] },
  { type: 'benefit', name: '养老保险个人账户一次性待遇申领', a: ['个人账户余额领取', '社保余额退还'], pop: 28, w: 'ONV', v: 0, L: 20, P: 10, b: [0], m: ['死亡证明', '继承人身份证', '亲属关系证明*'], life: ['death'] },
  { type: 'publicService', name: '企业社会保险登记', a: ['单位参保登记', '企业社保开户', '单位社保开户'], aud: 'e', pop: 62, w: 'IONV', v: 0, L: 1, P: 0, b: [0, 7], m: ['营业执照'], stage: ['start'] },
  { type: 'publicService', name: '单位职工参保增减', a: ['社保增员', '社保减员', '员工参保'], aud: 'e', pop: 66, w: 'IONV', v: 0, L: 1, P: 0, b: [0], m: ['营业执照', '劳动合同?'], stage: ['operate'] },
  { type: 'publicService', name: '社会保险登记变更', a: ['单位社保信息变更'], aud: 'e', pop: 20, w: 'IONV', v: 0, L: 1, P: 0, b: [0], m: ['营业执照', '变更证明材料%'], stage: ['change'] },
  { type: 'publicService', name: '社会保险登记注销', a: ['单位社保注销', '社保账户注销'], aud: 'e', pop: 18, w: 'IONV', v: 0, L: 3, P: 0, b: [0], m: ['营业执照', '清算或注销证明%'], stage: ['close'] },
  { type: 'permit', name: '劳务派遣经营许可', a: ['劳务派遣许可证'], aud: 'e', pop: 16, w: 'ONV', L: 20, P: 10, b: [6], m: ['营业执照', '法人身份证明', '住所证明', '劳务派遣管理制度', '验资或实缴注册资本证明^'], stage: ['start'], cycle: { licence: '劳务派遣经营许可证', actions: ['变更', '延续', '注销'] } },
  { type: 'permit', name: '人力资源服务许可', a: ['职业中介许可', '人力资源服务许可证'], aud: 'e', pop: 14, w: 'ONV', L: 20, P: 5, b: [5], m: ['营业执照', '法人身份证明', '住所证明', '服务管理制度'], stage: ['start'], cycle: { licence: '人力资源服务许可证', actions: ['变更', '注销'] } },
  { type: 'confirmation', name: '专业技术职务任职资格评审', a: ['职称评审', '评职称', '中级职称'], pop: 48, w: 'ONV', L: 90, P: 60, b: ['《职称评审管理暂行规定》'], m: ['身份证', '学历证书', '业绩成果材料%'], life: ['employment'] },
  { type: 'publicService', name: '企业新招用人员就业登记', a: ['用工备案', '招工登记'], aud: 'e', pop: 32, w: 'IONV', v: 0, L: 1, P: 0, b: [1], m: ['营业执照', '劳动合同'], stage: ['operate'] },
]

export const MEDINS: ItemSpec[] = [
  { type: 'publicService', name: '基本医疗保险关系转移接续', a: ['医保转移', '医保转入', '医保关系转移'], pop: 80, w: 'ONV', v: 0, L: 45, P: 10, b: [2], m: ['身份证', '参保凭证@'], life: ['employment', 'medical'] },
  { type: 'publicService', name: '城乡居民基本医疗保险参保登记', a: ['居民医保参保', '新生儿医保', '城乡居民医保', '学生医保'], pop: 76, w: 'IONV', v: 0, L: 1, P: 0, b: [0], m: ['身份证', '户口簿'], life: ['birth', 'medical', 'education'] },
  { type: 'publicService', name: '异地就医备案', a: ['异地就医登记', '医保异地备案', '异地就医', '外地看病备案'], pop: 92, w: 'IONV', v: 0, L: 1, P: 0, b: ['《国家医疗保障局 财政部关于进一步做好基本医疗保险跨省异地就医直接结算工作的通知》'], m: ['身份证'], life: ['medical'] },
  { type: 'confirmation', name: '门诊慢特病待遇认定', a: ['慢病认定', '特殊病种', '规定病种', '慢性病医保'], pop: 68, w: 'ONV', L: 20, P: 10, b: [0], m: ['身份证', '病历', '诊断证明书'], life: ['medical'] },
  { type: 'benefit', name: '医疗费用零星报销', a: ['医保报销', '手工报销', '医疗费报销', '看病报销'], pop: 74, w: 'ONV', L: 30, P: 15, b: [0, 1], m: ['身份证', '医疗费', '病历', '银行卡'], life: ['medical'] },
  { type: 'benefit', name: '生育保险待遇申领', a: ['生育津贴', '生育险报销', '产假工资'], pop: 77, w: 'IONV', v: 0, L: 20, P: 5, b: [0], m: ['身份证', '出生证明', '银行卡'], life: ['birth'],
    auto: [
      rule('insured', 'medins.maternityInsuredMonths', 'gte', 12, '生育时已连续参加生育保险满12个月'),
      rule('birth', 'health.birthRecordExists', 'eq', true, '出生医学证明已签发（卫健数据核验）'),
    ],
  },
  { type: 'publicService', name: '医保参保凭证打印', a: ['医保参保证明', '医保证明', '医保缴费证明'], pop: 70, w: 'IONV', v: 0, L: 1, P: 0, b: [0], m: ['身份证'], life: ['medical'] },
  { type: 'benefit', name: '医疗救助申请', a: ['大病救助', '医疗救助'], pop: 30, w: 'ONV', L: 20, P: 15, b: [3], m: ['身份证', '医疗费', '家庭经济状况核对授权书'], life: ['medical', 'socialAid'] },
  { type: 'benefit', name: '长期护理保险待遇申请', a: ['长护险', '长期护理保险', '失能护理'], pop: 38, w: 'ONV', v: 0, L: 30, P: 15, b: ['《宁波市长期护理保险制度实施办法》'], m: ['身份证', '病历', '失能等级评估申请表'], life: ['elderly', 'disability'] },
  { type: 'publicService', name: '职工医保个人账户家庭共济', a: ['家庭共济', '医保共济', '个人账户给家人用'], pop: 54, w: 'IONV', v: 0, L: 1, P: 0, b: [0], m: ['身份证'], life: ['medical'] },
  { type: 'confirmation', name: '退休人员基本医疗保险待遇核定', a: ['退休医保', '医保视同缴费年限'], pop: 34, w: 'ONV', v: 0, L: 20, P: 10, b: [0], m: ['身份证'], life: ['retirement'] },
  { type: 'otherPower', name: '医药机构申请医保定点', a: ['医保定点', '定点药店', '定点医院申请'], aud: 'e', pop: 22, w: 'ONV', L: 90, P: 60, b: ['《医疗机构医疗保障定点管理暂行办法》', '《零售药店医疗保障定点管理暂行办法》'], m: ['营业执照', '医疗机构执业许可证或药品经营许可证@', '医保管理制度'], stage: ['operate'] },
]

const HPF_RULES_RENT = [
  rule('noHome', 'property.ownedUnitsInCity', 'eq', 0, '本人及配偶在宁波市无自有住房（不动产数据核验）'),
  rule('account', 'hpf.accountStatus', 'eq', '正常', '住房公积金账户处于正常缴存状态'),
  rule('months', 'hpf.monthsContributed', 'gte', 3, '连续足额缴存满3个月'),
]

export const HPF: ItemSpec[] = [
  { type: 'publicService', name: '住房公积金提取（购房）', a: ['公积金购房提取', '买房提取公积金', '公积金提取'], pop: 88, w: 'IONV', v: 0, L: 3, P: 0, m: ['身份证', '购房合同', '完税', '银行卡'], life: ['housing'] },
  { type: 'publicService', name: '住房公积金提取（租房）', a: ['公积金租房提取', '租房提取', '租房提取公积金', '公积金提取'], pop: 90, w: 'IONV', v: 0, L: 3, P: 0, m: ['身份证', '租赁合同?', '银行卡'], life: ['housing'], auto: HPF_RULES_RENT },
  { type: 'publicService', name: '住房公积金提取（偿还住房贷款）', a: ['还贷提取', '公积金还贷', '公积金还房贷', '公积金提取'], pop: 86, w: 'IONV', v: 0, L: 3, P: 0, m: ['身份证', '借款合同%', '银行卡'], life: ['housing'] },
  { type: 'publicService', name: '住房公积金提取（退休）', a: ['退休提取公积金', '公积金退休提取', '公积金提取'], pop: 60, w: 'IONV', v: 0, L: 3, P: 0, m: ['身份证', '银行卡'], life: ['retirement'],
    auto: [
      rule('retired', 'social.receivingPension', 'eq', true, '已办理退休并领取基本养老金（人社数据核验）'),
      rule('account', 'hpf.accountStatus', 'in', ['正常', '封存'], '住房公积金账户正常或已封存'),
    ],
  },
  { type: 'publicService', name: '住房公积金提取（离职）', a: ['离职提取公积金', '辞职提取公积金', '公积金提取'], pop: 72, w: 'ONV', v: 0, L: 3, P: 1, m: ['身份证', '银行卡'], life: ['employment'] },
  { type: 'publicService', name: '住房公积金提取（死亡或宣告死亡）', a: ['公积金继承提取', '去世提取公积金'], pop: 20, w: 'ONV', L: 5, P: 3, m: ['死亡证明', '继承人身份证', '继承权公证书或法院判决书%'], life: ['death'] },
  { type: 'publicService', name: '住房公积金个人住房贷款', a: ['公积金贷款', '公积金买房贷款', '公积金房贷'], pop: 84, w: 'ONV', L: 15, P: 5, m: ['身份证', '购房合同', '结婚证?', '收入证明%'], life: ['housing'] },
  { type: 'publicService', name: '住房公积金贷款提前还款', a: ['公积金提前还款', '提前还公积金贷款'], pop: 50, w: 'IONV', v: 0, L: 1, P: 0, m: ['身份证'], life: ['housing'] },
  { type: 'publicService', name: '住房公积金缴存证明出具', a: ['公积金缴存证明', '公积金证明', '公积金缴存明细'], pop: 74, w: 'IONV', v: 0, L: 1, P: 0, m: ['身份证'], life: ['housing'] },
  { type: 'publicService', name: '住房公积金异地转移接续', a: ['公积金转移', '公积金转入', '公积金异地转移'], pop: 66, w: 'IONV', v: 0, L: 3, P: 0, m: ['身份证'], life: ['employment', 'housing'] },
  { type: 'publicService', name: '灵活就业人员住房公积金缴存', a: ['个人缴存公积金', '自愿缴存公积金'], pop: 36, w: 'IONV', v: 0, L: 1, P: 0, m: ['身份证', '银行卡'], life: ['employment', 'housing'] },
  { type: 'publicService', name: '单位住房公积金缴存登记', a: ['单位公积金开户', '公积金开户', '企业公积金开户'], aud: 'e', pop: 55, w: 'IONV', v: 0, L: 1, P: 0, m: ['营业执照', '法人身份证明'], stage: ['start'] },
  { type: 'publicService', name: '单位住房公积金缴存登记变更', a: ['单位公积金信息变更'], aud: 'e', pop: 18, w: 'IONV', v: 0, L: 1, P: 0, m: ['营业执照', '变更证明材料%'], stage: ['change'] },
  { type: 'publicService', name: '单位住房公积金账户注销', a: ['公积金销户', '单位公积金注销'], aud: 'e', pop: 14, w: 'ONV', v: 0, L: 3, P: 1, m: ['营业执照', '注销证明材料%'], stage: ['close'] },
  { type: 'publicService', name: '住房公积金缴存基数调整', a: ['公积金基数调整', '调整公积金基数'], aud: 'e', pop: 40, w: 'IONV', v: 0, L: 1, P: 0, m: ['营业执照'], stage: ['operate'] },
]
