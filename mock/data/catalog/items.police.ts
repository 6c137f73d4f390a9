// Hand-written items: 公安 (户籍、身份证、出入境、车驾管、治安).
import { fee, rule, type ItemSpec } from './spec'

const ID_FEE = '《财政部 国家发展改革委关于居民身份证收费标准及有关问题的通知》'

export const POLICE: ItemSpec[] = [
  { type: 'confirmation', name: '居民身份证首次申领', a: ['办身份证', '身份证办理', '申领身份证'], pop: 78, w: 'NV', L: 42, P: 7, b: [1], m: ['户口簿', '监护人身份证明?'], f: [fee('居民身份证工本费', 20, ID_FEE)], life: ['residence'] },
  { type: 'confirmation', name: '居民身份证换领', a: ['身份证到期换证', '身份证过期'], pop: 86, w: 'NV', L: 42, P: 7, b: [1], m: ['身份证'], f: [fee('居民身份证工本费', 20, ID_FEE)], life: ['residence'] },
  { type: 'confirmation', name: '居民身份证补领', a: ['身份证丢了', '身份证挂失补办', '身份证遗失'], pop: 84, w: 'ONV', L: 42, P: 7, b: [1], m: ['户口簿'], f: [fee('居民身份证工本费', 40, ID_FEE)], life: ['residence'] },
  { type: 'confirmation', name: '临时居民身份证申领', a: ['临时身份证'], pop: 55, w: 'INV', L: 3, P: 0, b: [1], m: ['户口簿', '照片'], f: [fee('临时居民身份证工本费', 10, ID_FEE)], life: ['residence'] },
  { type: 'confirmation', name: '出生登记', a: ['新生儿落户', '新生儿上户口', '报出生', '宝宝上户口'], pop: 88, w: 'IONV', v: 0, L: 5, P: 0, m: ['出生证明', '户口簿', '结婚证?'], life: ['birth', 'residence'] },
  {
    type: 'confirmation', name: '高校毕业生落户', a: ['大学生落户', '毕业生落户', '人才落户', '人才引进落户'], pop: 80, w: 'IONV', v: 0, L: 10, P: 0, b: ['《宁波市人才落户实施细则》', 0],
    sub: ['全日制普通高校本科及以上毕业生落户', '全日制普通高校专科毕业生落户', '留学回国人员落户'],
    m: ['学历证书', '身份证', '落户地址证明*'], life: ['employment', 'residence'],
    auto: [
      rule('edu', 'education.level', 'in', ['大专', '本科', '硕士研究生', '博士研究生'], '具有全日制大专及以上学历（学信网核验）'),
      rule('age', 'person.age', 'lte', 45, '年龄不超过45周岁'),
      rule('notLocal', 'person.householdRegion', 'notStartsWith', '3302', '户籍尚不在宁波市'),
      rule('noCase', 'police.pendingMigration', 'eq', false, '没有正在办理的户口迁移'),
    ],
  },
  { type: 'confirmation', name: '投靠落户', a: ['夫妻投靠', '投靠子女落户', '随迁落户'], pop: 52, w: 'ONV', L: 20, P: 10, sub: ['夫妻投靠落户', '老人投靠子女落户', '未成年子女投靠父母落户'], m: ['户口簿', '结婚证?', '亲属关系证明*', '不动产权证书?'], life: ['marriage', 'residence'] },
  { type: 'confirmation', name: '户口迁移（跨省通办）', a: ['户口迁移', '迁户口', '户口迁出', '跨省迁户口'], pop: 66, w: 'ONV', L: 20, P: 5, m: ['户口簿', '身份证', '准予迁入证明@'], life: ['residence'] },
  { type: 'confirmation', name: '死亡注销户口', a: ['户口注销', '销户', '死亡销户'], pop: 40, w: 'IONV', v: 0, L: 5, P: 0, m: ['死亡证明', '户口簿', '身份证'], life: ['death'] },
  { type: 'publicService', name: '户籍证明开具', a: ['户口证明', '户籍证明', '户口本证明'], pop: 70, w: 'IONV', v: 0, L: 1, P: 0, m: ['身份证'], life: ['residence', 'education'] },
  { type: 'confirmation', name: '居民户口簿补领换领', a: ['户口本补办', '户口簿补办', '户口本丢了'], pop: 48, w: 'ONV', L: 10, P: 3, m: ['身份证'], life: ['residence'] },
  { type: 'confirmation', name: '姓名变更登记', a: ['改名字', '改名', '名字变更'], pop: 30, w: 'NV', L: 20, P: 10, m: ['户口簿', '身份证', '变更理由说明*'], life: ['residence'] },
  { type: 'confirmation', name: '出生日期更正', a: ['改年龄', '户口出生日期更改'], pop: 18, w: 'V', L: 30, P: 20, m: ['户口簿', '出生证明', '原始档案材料%'], life: ['residence'] },
  {
    type: 'confirmation', name: '居住证申领', a: ['办居住证', '暂住证', '居住证办理', '浙江省居住证'], pop: 82, w: 'IONV', v: 0, L: 15, P: 0, b: [2, '《浙江省流动人口居住登记条例》'],
    m: ['身份证', '照片', '租赁合同', '劳动合同?'], life: ['residence', 'employment'],
    auto: [
      rule('registered', 'residence.registeredDays', 'gte', 180, '在宁波市办理居住登记满半年'),
      rule('notLocal', 'person.householdRegion', 'notStartsWith', '3302', '户籍不在宁波市'),
      rule('basis', 'residence.hasJobOrHomeOrStudy', 'eq', true, '有合法稳定就业、合法稳定住所或连续就读之一（数据核验）'),
    ],
  },
  { type: 'publicService', name: '居住登记', a: ['流动人口登记', '暂住登记', '租房登记'], pop: 60, w: 'IONV', v: 0, L: 3, P: 0, b: ['《浙江省流动人口居住登记条例》'], m: ['身份证', '租赁合同?'], life: ['residence'] },
  { type: 'permit', name: '往来港澳通行证及签注', a: ['港澳通行证', '港澳签注', '去香港', '去澳门', '港澳通行证续签'], pop: 83, w: 'ONV', L: 7, P: 5, b: [4, '《中国公民因私事往来香港地区或者澳门地区的暂行管理办法》'], sub: ['往来港澳通行证首次申领', '往来港澳通行证换发补发', '往来港澳团队旅游签注', '往来港澳个人旅游签注'], m: ['身份证'], f: [fee('往来港澳通行证（电子）', 60, '《国家发展改革委 财政部关于降低部分出入境证件收费标准的通知》'), fee('签注（一次有效）', 15, '同上')], life: ['travel'] },
  { type: 'permit', name: '普通护照签发', a: ['办护照', '护照办理', '护照补办'], pop: 74, w: 'ONV', L: 15, P: 7, b: [5], sub: ['普通护照首次申领', '普通护照换发', '普通护照补发'], m: ['身份证'], f: [fee('普通护照工本费', 120, '《国家发展改革委 财政部关于降低部分出入境证件收费标准的通知》')], life: ['travel'] },
  { type: 'permit', name: '往来台湾通行证及签注', a: ['台湾通行证', '赴台签注', '去台湾'], pop: 38, w: 'ONV', L: 15, P: 7, b: [4, '《中国公民往来台湾地区管理办法》'], m: ['身份证'], f: [fee('往来台湾通行证（电子）', 60, '《国家发展改革委 财政部关于降低部分出入境证件收费标准的通知》')], life: ['travel'] },
  { type: 'permit', name: '机动车驾驶证初次申领', a: ['考驾照', '学车', '驾照考试', '驾驶人考试'], pop: 62, w: 'ONV', v: 2, L: 20, P: 10, b: [6, 3], m: ['身份证', '体检', '照片'], f: [fee('驾驶证工本费', 10, '《国家发展改革委 财政部关于降低部分行政事业性收费标准的通知》'), fee('考试费', null, '按浙江省定标准分科目收取')], life: ['travel'] },
  { type: 'permit', name: '机动车驾驶证换证', a: ['驾照到期换证', '驾驶证到期', '换驾照', '驾照换证'], pop: 76, w: 'IONV', v: 0, L: 5, P: 0, b: [6, 3], m: ['驾驶证', '体检'], f: [fee('驾驶证工本费', 10, '《国家发展改革委 财政部关于降低部分行政事业性收费标准的通知》')], life: ['travel'] },
  { type: 'permit', name: '机动车驾驶证补证', a: ['驾照补办', '驾照丢了', '驾驶证遗失补办'], pop: 58, w: 'IONV', v: 0, L: 5, P: 0, b: [6, 3], m: ['身份证'], f: [fee('驾驶证工本费', 10, '《国家发展改革委 财政部关于降低部分行政事业性收费标准的通知》')], life: ['travel'] },
  { type: 'confirmation', name: '机动车注册登记', a: ['新车上牌', '上牌照', '新车登记'], pop: 72, w: 'ONV', L: 2, P: 1, b: [7, 3], m: ['身份证', '机动车来历证明', '机动车整车出厂合格证明', '车辆购置税完税证明@', '交强险保单@'], f: [fee('号牌工本费', 100, '公安部、国家发展改革委收费标准'), fee('行驶证工本费', 10, '同上')], life: ['travel'] },
  { type: 'confirmation', name: '机动车转移登记', a: ['二手车过户', '车辆过户', '汽车过户'], pop: 68, w: 'NV', L: 2, P: 1, b: [7, 3], m: ['身份证', '行驶证', '机动车登记证书', '机动车来历证明'], life: ['travel'] },
  { type: 'confirmation', name: '机动车检验标志核发', a: ['年检', '车辆年检', '六年免检', '年检标志'], pop: 70, w: 'IONV', v: 0, L: 1, P: 0, b: [7, 3], m: ['行驶证', '交强险保单@'], life: ['travel'] },
  { type: 'confirmation', name: '机动车号牌补领换领', a: ['车牌丢了', '号牌补办'], pop: 22, w: 'ONV', L: 3, P: 1, b: [7, 3], m: ['身份证', '行驶证'], f: [fee('号牌工本费', 100, '公安部、国家发展改革委收费标准')], life: ['travel'] },
  { type: 'confirmation', name: '电动自行车登记', a: ['电动车上牌', '电瓶车上牌', '电动车牌照'], pop: 74, w: 'INV', L: 1, P: 0, b: ['《浙江省电动自行车管理条例》'], m: ['身份证', '电动自行车购车发票', '产品合格证'], life: ['travel'] },
  { type: 'otherPower', name: '交通违法处理', a: ['违章处理', '处理违章', '交通违章'], pop: 80, w: 'IONV', v: 0, L: 1, P: 0, b: [3], m: ['驾驶证', '行驶证'], life: ['travel'] },
  { type: 'publicService', name: '无犯罪记录证明开具', a: ['无犯罪证明', '无犯罪记录', '良民证'], pop: 75, w: 'ONV', v: 0, L: 5, P: 3, b: ['《公安机关办理犯罪记录查询工作规定》'], m: ['身份证', '用途说明*'], life: ['employment', 'legal'] },
  { type: 'confirmation', name: '养犬登记', a: ['办狗证', '犬证', '养狗登记'], pop: 44, w: 'ONV', L: 5, P: 3, b: ['《宁波市养犬管理条例》'], m: ['身份证', '犬只狂犬病免疫证明', '犬只照片'], f: [fee('犬类登记费', null, '按《宁波市养犬管理条例》规定的区域标准收取')] },
  { type: 'permit', name: '旅馆业特种行业许可证核发', a: ['旅馆特行许可', '宾馆特种行业许可', '酒店特行证'], aud: 'e', pop: 34, w: 'ONV', v: 1, L: 20, P: 5, b: [8], m: ['营业执照', '法人身份证明', '住所证明', '平面图', '消防安全检查合格证明@', '治安保卫制度'], stage: ['start'], cycle: { licence: '旅馆业特种行业许可证', actions: ['变更', '注销'] } },
  { type: 'otherPower', name: '公章刻制备案', a: ['刻章备案', '刻公章', '印章刻制'], aud: 'e', pop: 58, w: 'IONV', v: 0, L: 1, P: 0, b: ['《印铸刻字业暂行管理规则》'], m: ['营业执照', '法人身份证明'], stage: ['start'] },
  { type: 'permit', name: '大型群众性活动安全许可', a: ['大型活动审批', '演唱会安全许可'], aud: 'e', pop: 12, w: 'OV', L: 7, P: 5, b: [9], m: ['营业执照', '活动安全工作方案', '场地使用证明', '安全责任人身份证明'], stage: ['operate'] },
  { type: 'permit', name: '保安服务公司设立许可', a: ['保安公司审批'], aud: 'e', pop: 8, w: 'OV', L: 20, P: 10, b: [10], m: ['营业执照', '法人身份证明', '住所证明', '保安服务管理制度'], stage: ['start'], cycle: { licence: '保安服务许可证', actions: ['变更', '注销'] } },
]
