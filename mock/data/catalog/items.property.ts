// Hand-written items: 不动产登记, 自然资源和规划, 住建, 税务.
import { fee, rule, type ItemSpec } from './spec'

const REG_FEE = '《国家发展改革委 财政部关于不动产登记收费标准等有关问题的通知》'
const homeFee = [fee('不动产登记费（住宅）', 80, REG_FEE)]
const certFee = [fee('不动产权证书工本费（第二本起）', 10, REG_FEE)]

export const REALTY: ItemSpec[] = [
  { type: 'confirmation', name: '国有建设用地使用权及房屋所有权首次登记', a: ['房屋首次登记', '大产证', '初始登记'], aud: 'e', pop: 20, w: 'ONV', L: 30, P: 5, b: [0, 1], m: ['营业执照', '建设工程符合规划证明@', '房屋竣工验收材料%', '房地产调查或测绘报告^'], f: [fee('不动产登记费（非住宅）', 550, REG_FEE)], stage: ['operate'] },
  { type: 'confirmation', name: '国有建设用地使用权及房屋所有权转移登记（二手房买卖）', a: ['二手房过户', '房产过户', '二手房买卖登记', '存量房过户'], pop: 88, w: 'ONV', L: 30, P: 1, b: [0, 1, 2], m: ['身份证', '不动产权证书', '存量房买卖合同@', '完税', '结婚证?'], f: homeFee, life: ['housing'] },
  { type: 'confirmation', name: '国有建设用地使用权及房屋所有权转移登记（新建商品房）', a: ['新房办证', '商品房产证', '新房产证', '新房过户'], pop: 82, w: 'IONV', v: 0, L: 30, P: 0, b: [0, 1], m: ['身份证', '购房合同', '完税'], f: homeFee, life: ['housing'] },
  { type: 'confirmation', name: '国有建设用地使用权及房屋所有权转移登记（继承、受遗赠）', a: ['房产继承', '继承过户', '遗产过户'], pop: 40, w: 'NV', L: 30, P: 5, b: [0, 2], m: ['身份证', '不动产权证书', '死亡证明', '继承权公证书或继承材料%'], f: homeFee, life: ['death', 'housing'] },
  { type: 'confirmation', name: '国有建设用地使用权及房屋所有权转移登记（赠与）', a: ['房产赠与', '房子赠与过户'], pop: 28, w: 'NV', L: 30, P: 3, b: [0, 2], m: ['身份证', '不动产权证书', '赠与合同', '完税'], f: homeFee, life: ['housing'] },
  {
    type: 'confirmation', name: '抵押权首次登记', a: ['房产抵押登记', '房屋抵押', '抵押登记', '银行按揭登记'], aud: 'b', pop: 70, w: 'IONV', v: 0, L: 30, P: 1, b: [0, 2], m: ['身份证', '不动产权证书', '主债权合同%', '抵押合同'], f: homeFee, life: ['housing'],
    auto: [
      rule('owner', 'property.applicantIsOwner', 'eq', true, '抵押人为登记簿记载的权利人'),
      rule('noSeal', 'property.sealed', 'eq', false, '不动产未被查封'),
      rule('bank', 'creditor.isLicensedBank', 'eq', true, '抵押权人为持牌金融机构（线上银行端申请）'),
    ],
  },
  { type: 'confirmation', name: '抵押权注销登记', a: ['解押', '抵押注销', '房贷还清解押'], aud: 'b', pop: 66, w: 'IONV', v: 0, L: 30, P: 0, b: [0, 2], m: ['身份证', '不动产登记证明@', '抵押权人同意注销的证明'], life: ['housing'] },
  { type: 'confirmation', name: '预购商品房预告登记', a: ['预告登记', '期房预告登记'], pop: 50, w: 'IONV', v: 0, L: 30, P: 0, b: [0, 2], m: ['身份证', '购房合同'], life: ['housing'] },
  { type: 'confirmation', name: '不动产变更登记', a: ['房产证信息变更', '产证地址变更'], pop: 30, w: 'ONV', L: 30, P: 3, b: [0, 1], m: ['身份证', '不动产权证书', '变更证明材料%'], life: ['housing'] },
  { type: 'confirmation', name: '不动产更正登记', a: ['产证信息更正', '房产证写错'], pop: 14, w: 'NV', L: 30, P: 10, b: [0, 1], m: ['身份证', '不动产权证书', '更正依据材料%'], life: ['housing'] },
  { type: 'confirmation', name: '不动产权证书补证换证', a: ['房产证补办', '房产证丢了', '产证遗失'], pop: 36, w: 'ONV', L: 30, P: 5, b: [0, 1], m: ['身份证', '遗失声明*'], f: certFee, life: ['housing'] },
  { type: 'publicService', name: '不动产登记资料查询', a: ['房产查询', '不动产档案查询', '有无房证明', '房产证明', '查房产'], pop: 89, w: 'IONV', v: 0, L: 1, P: 0, b: [1, '《不动产登记资料查询暂行办法》'], m: ['身份证'], life: ['housing', 'education'] },
  { type: 'confirmation', name: '居住权登记', a: ['居住权设立', '以房养老居住权'], pop: 10, w: 'NV', L: 30, P: 5, b: [2, 0], m: ['身份证', '不动产权证书', '居住权合同或遗嘱'], f: homeFee, life: ['housing', 'elderly'] },
  { type: 'confirmation', name: '宅基地使用权及房屋所有权首次登记', a: ['农房登记', '宅基地确权', '农村房产证'], pop: 32, w: 'NV', L: 30, P: 10, b: [0, 1], m: ['身份证', '户口簿', '宅基地批准文件@', '房屋竣工证明%'], life: ['housing'] },
]

export const NRP: ItemSpec[] = [
  { type: 'permit', name: '建设项目用地预审与选址意见书核发', a: ['用地预审', '选址意见书'], aud: 'e', pop: 12, w: 'OV', L: 20, P: 10, b: [0, 1], m: ['营业执照', '项目备案或核准文件@', '建设项目用地预审申请表', '勘测定界图^'], stage: ['operate'] },
  { type: 'permit', name: '建设用地规划许可证核发', a: ['用地规划许可', '建设用地规划许可证'], aud: 'e', pop: 14, w: 'OV', L: 20, P: 5, b: [0], m: ['营业执照', '土地出让合同%', '规划条件@'], stage: ['operate'] },
  { type: 'permit', name: '建设工程规划许可证核发', a: ['工程规划许可', '规划许可证'], aud: 'e', pop: 16, w: 'OV', L: 20, P: 8, b: [0], m: ['营业执照', '建设工程设计方案', '土地权属证明@'], stage: ['operate'], cycle: { licence: '建设工程规划许可证', actions: ['变更', '延期'] } },
  { type: 'permit', name: '乡村建设规划许可证核发', a: ['农房建设许可', '农村建房规划许可', '建房审批'], pop: 26, w: 'ONV', L: 20, P: 10, b: [0], m: ['身份证', '户口簿', '农房设计图纸%', '村民委员会意见'], life: ['housing'] },
  { type: 'permit', name: '临时用地审批', a: ['临时用地'], aud: 'e', pop: 8, w: 'OV', L: 20, P: 10, b: [1, 2], m: ['营业执照', '临时用地合同', '土地复垦方案^'], stage: ['operate'] },
  { type: 'confirmation', name: '建设工程规划核实', a: ['竣工规划核实', '规划验收'], aud: 'e', pop: 12, w: 'OV', L: 15, P: 5, b: [0], m: ['营业执照', '竣工测量报告^'], stage: ['operate'] },
]

export const HOUSING: ItemSpec[] = [
  { type: 'permit', name: '建筑工程施工许可证核发', a: ['施工许可', '施工许可证', '开工许可'], aud: 'e', pop: 24, w: 'OV', L: 7, P: 3, b: [0, 1], m: ['营业执照', '施工合同', '图纸', '建设工程规划许可证@'], stage: ['operate'], cycle: { licence: '建筑工程施工许可证', actions: ['变更', '延期'] } },
  { type: 'permit', name: '商品房预售许可', a: ['预售许可证', '预售证'], aud: 'e', pop: 20, w: 'OV', L: 10, P: 5, b: [2], m: ['营业执照', '土地使用权证@', '建设工程规划许可证@', '施工许可证@', '商品房预售方案'], stage: ['operate'] },
  { type: 'publicService', name: '商品房买卖合同网签备案', a: ['网签备案', '新房网签', '购房合同备案'], aud: 'b', pop: 60, w: 'IONV', v: 0, L: 3, P: 0, b: [2, '《商品房销售管理办法》'], m: ['身份证', '购房合同'], life: ['housing'] },
  { type: 'publicService', name: '存量房买卖合同网签备案', a: ['二手房网签', '二手房合同备案'], pop: 64, w: 'IONV', v: 0, L: 3, P: 0, b: ['《房地产经纪管理办法》'], m: ['身份证', '不动产权证书', '存量房买卖合同'], life: ['housing'] },
  { type: 'confirmation', name: '房屋租赁登记备案', a: ['租房备案', '租赁备案', '房屋租赁备案'], aud: 'b', pop: 62, w: 'IONV', v: 0, L: 3, P: 0, b: [3], m: ['身份证', '租赁合同', '不动产权证书'], life: ['housing', 'residence'] },
  { type: 'benefit', name: '公共租赁住房保障申请', a: ['公租房申请', '申请公租房', '廉租房'], pop: 46, w: 'ONV', L: 60, P: 30, b: [4], m: ['身份证', '户口簿', '家庭经济状况核对授权书', '无房承诺书*'], life: ['housing', 'socialAid'] },
  { type: 'benefit', name: '住房租赁补贴申请', a: ['租房补贴', '租赁补贴'], pop: 44, w: 'ONV', L: 60, P: 20, b: [4], m: ['身份证', '租赁合同', '银行卡'], life: ['housing'] },
  { type: 'otherPower', name: '建设工程竣工验收备案', a: ['竣工验收备案', '竣工备案'], aud: 'e', pop: 14, w: 'OV', L: 15, P: 3, b: [7], m: ['营业执照', '竣工验收报告', '工程质量保修书'], stage: ['operate'] },
  { type: 'permit', name: '城镇污水排入排水管网许可', a: ['排水许可', '排水许可证', '污水排放许可'], aud: 'e', pop: 30, w: 'ONV', L: 20, P: 5, b: [5], m: ['营业执照', '排水户内部排水管网图', '隔油池或预处理设施说明*'], stage: ['start'], cycle: { licence: '城镇污水排入排水管网许可证', actions: ['变更', '延续'] } },
  { type: 'permit', name: '燃气经营许可', a: ['燃气经营许可证'], aud: 'e', pop: 8, w: 'OV', L: 20, P: 10, b: [6], m: ['营业执照', '燃气设施证明%', '安全管理制度'], stage: ['start'], cycle: { licence: '燃气经营许可证', actions: ['变更', '延续', '注销'] } },
  { type: 'permit', name: '建筑业企业资质核准', a: ['建筑资质', '施工资质'], aud: 'e', pop: 18, w: 'OV', L: 20, P: 10, b: [8], sub: ['施工总承包资质', '专业承包资质', '施工劳务资质备案'], m: ['营业执照', '技术负责人材料%', '主要人员证书@'], stage: ['start'], cycle: { licence: '建筑业企业资质证书', actions: ['变更', '延续'] } },
  { type: 'permit', name: '特殊建设工程消防设计审查', a: ['消防设计审查', '消防审图'], aud: 'e', pop: 16, w: 'OV', L: 15, P: 10, b: ['《建设工程消防设计审查验收管理暂行规定》'], m: ['营业执照', '消防设计文件^'], stage: ['operate'] },
  { type: 'permit', name: '特殊建设工程消防验收', a: ['消防验收'], aud: 'e', pop: 18, w: 'OV', v: 2, L: 15, P: 10, b: ['《建设工程消防设计审查验收管理暂行规定》'], m: ['营业执照', '工程竣工验收报告', '消防检测报告^'], stage: ['operate'] },
]

export const TAX: ItemSpec[] = [
  { type: 'otherPower', name: '个人所得税综合所得汇算清缴', a: ['个税汇算', '个税退税', '退税', '年度汇算'], pop: 94, w: 'IONV', v: 0, L: 1, P: 0, b: [2], m: ['身份证'], life: ['employment'] },
  { type: 'otherPower', name: '个人所得税专项附加扣除信息采集', a: ['专项附加扣除', '个税扣除', '子女教育扣除', '房贷扣除'], pop: 80, w: 'IONV', v: 0, L: 1, P: 0, b: [2], m: ['身份证'], life: ['employment', 'housing'] },
  { type: 'otherPower', name: '发票领用', a: ['发票申领', '领发票', '申领发票', '数电发票'], aud: 'e', pop: 70, w: 'IONV', v: 0, L: 1, P: 0, b: [1], m: ['营业执照'], stage: ['start', 'operate'] },
  { type: 'otherPower', name: '新办纳税人涉税事项办理', a: ['税务登记', '新办企业税务', '税务报到'], aud: 'e', pop: 60, w: 'IONV', v: 0, L: 1, P: 0, b: [0], m: ['营业执照'], stage: ['start'] },
  { type: 'otherPower', name: '税务登记信息变更', a: ['税务变更'], aud: 'e', pop: 30, w: 'IONV', v: 0, L: 1, P: 0, b: [0, 5], m: ['营业执照', '变更证明材料%'], stage: ['change'] },
  { type: 'otherPower', name: '清税申报', a: ['清税证明', '税务注销', '注销税务'], aud: 'e', pop: 44, w: 'IONV', v: 0, L: 20, P: 0, b: [0], m: ['营业执照'], stage: ['close'] },
  { type: 'otherPower', name: '契税申报', a: ['交契税', '买房交税', '契税缴纳'], pop: 72, w: 'IONV', v: 0, L: 1, P: 0, b: [3], m: ['身份证', '购房合同'], life: ['housing'] },
  { type: 'otherPower', name: '存量房交易税费申报', a: ['二手房交税', '二手房个税', '二手房增值税'], pop: 62, w: 'ONV', L: 1, P: 0, b: [0, 2, 3], m: ['身份证', '不动产权证书', '存量房买卖合同'], life: ['housing'] },
  { type: 'otherPower', name: '车辆购置税申报', a: ['购置税', '新车购置税', '交购置税'], pop: 58, w: 'IONV', v: 0, L: 1, P: 0, b: [4], m: ['身份证', '机动车销售统一发票@', '车辆合格证@'], life: ['travel'] },
  { type: 'publicService', name: '完税证明开具', a: ['纳税证明', '个税证明', '完税证明', '税收完税证明'], aud: 'b', pop: 66, w: 'IONV', v: 0, L: 1, P: 0, b: [5], m: ['身份证'], life: ['housing', 'employment'] },
  { type: 'otherPower', name: '跨区域涉税事项报告', a: ['外经证', '跨区域经营'], aud: 'e', pop: 20, w: 'IONV', v: 0, L: 1, P: 0, b: [5], m: ['营业执照', '外出经营合同%'], stage: ['operate'] },
  { type: 'otherPower', name: '出口退（免）税备案', a: ['出口退税备案', '出口退税'], aud: 'e', pop: 26, w: 'IONV', v: 0, L: 5, P: 0, b: [0], m: ['营业执照'], stage: ['operate'] },
  { type: 'otherPower', name: '灵活就业人员社会保险费缴纳', a: ['社保费缴纳', '交社保', '个人缴社保费'], pop: 76, w: 'IONV', v: 0, L: 1, P: 0, b: ['《中华人民共和国社会保险法》', '《社会保险费征缴暂行条例》'], m: ['身份证'], life: ['employment'] },
  { type: 'otherPower', name: '城乡居民医疗保险费缴纳', a: ['居民医保缴费', '交医保', '医保缴费'], pop: 78, w: 'IONV', v: 0, L: 1, P: 0, b: ['《中华人民共和国社会保险法》'], m: ['身份证'], life: ['medical'] },
]
