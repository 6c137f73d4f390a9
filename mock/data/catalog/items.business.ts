// Hand-written items: 市场监管, 发改, 商务, 文旅, 生态环境, 应急, 水利, 综合执法, 消防, 烟草, 公用事业.
import { fee, rule, type ItemSpec } from './spec'

export const MARKET: ItemSpec[] = [
  { type: 'permit', name: '企业设立登记', a: ['公司注册', '开公司', '营业执照办理', '注册公司', '企业注册'], aud: 'e', pop: 90, w: 'IONV', v: 0, L: 15, P: 1, b: [0, 1], sub: ['有限责任公司设立登记', '股份有限公司设立登记', '个人独资企业设立登记', '合伙企业设立登记'], m: ['公司登记（备案）申请书', '章程', '身份证', '住所证明'], stage: ['start'] },
  { type: 'permit', name: '个体工商户设立登记', a: ['个体户营业执照', '个体户注册', '办个体执照'], pop: 80, w: 'IONV', v: 0, L: 15, P: 0, b: [0, 7], aud: 'b', m: ['个体工商户登记（备案）申请书', '身份证', '住所证明'], stage: ['start'], life: ['employment'] },
  { type: 'permit', name: '企业名称自主申报', a: ['公司核名', '名称预先登记', '企业核名', '起名字'], aud: 'e', pop: 66, w: 'IONV', v: 0, L: 1, P: 0, b: [0, '《企业名称登记管理规定》'], m: ['身份证'], stage: ['start'] },
  { type: 'permit', name: '企业变更登记', a: ['公司变更', '法人变更', '地址变更', '经营范围变更', '股权变更'], aud: 'e', pop: 68, w: 'IONV', v: 0, L: 15, P: 1, b: [0, 1], m: ['变更登记申请书', '营业执照', '股东会决议', '章程修正案?'], stage: ['change'] },
  { type: 'permit', name: '企业注销登记', a: ['公司注销', '注销公司', '注销营业执照'], aud: 'e', pop: 56, w: 'ONV', L: 15, P: 3, b: [0, 1], m: ['注销登记申请书', '清算报告', '清税证明@'], stage: ['close'] },
  { type: 'permit', name: '企业简易注销登记', a: ['简易注销', '公司简易注销'], aud: 'e', pop: 50, w: 'IONV', v: 0, L: 3, P: 1, b: [0], m: ['简易注销全体投资人承诺书'], stage: ['close'] },
  { type: 'permit', name: '个体工商户注销登记', a: ['个体户注销', '注销个体执照'], pop: 40, aud: 'b', w: 'IONV', v: 0, L: 3, P: 0, b: [0, 7], m: ['身份证', '营业执照'], stage: ['close'] },
  { type: 'publicService', name: '营业执照遗失补领换发', a: ['营业执照补办', '执照遗失', '营业执照丢了'], aud: 'e', pop: 30, w: 'IONV', v: 0, L: 3, P: 0, b: [0], m: ['营业执照遗失声明*'], stage: ['operate'] },
  { type: 'publicService', name: '企业年度报告公示', a: ['企业年报', '工商年报', '年报'], aud: 'e', pop: 64, w: 'IONV', v: 0, L: 1, P: 0, b: ['《企业信息公示暂行条例》'], m: ['营业执照'], stage: ['operate'] },
  { type: 'otherPower', name: '经营异常名录移出申请', a: ['移出经营异常', '经营异常'], aud: 'e', pop: 24, w: 'ONV', v: 0, L: 5, P: 3, b: ['《企业经营异常名录管理暂行办法》'], m: ['营业执照', '移出申请书'], stage: ['operate'] },
  { type: 'permit', name: '食品经营许可', a: ['食品经营许可证', '餐饮许可证', '食品许可证', '餐饮服务许可'], aud: 'e', pop: 76, w: 'ONV', L: 10, P: 3, b: [2, '《食品经营许可和备案管理办法》'], sub: ['餐饮服务', '食品销售', '单位食堂'], m: ['食品经营许可申请书', '营业执照', '平面图', '食品安全管理制度', '食品安全管理人员身份证明%'], stage: ['start'], cycle: { licence: '食品经营许可证', actions: ['变更', '延续', '注销', '补证'] } },
  { type: 'otherPower', name: '仅销售预包装食品备案', a: ['预包装食品备案', '便利店食品备案'], aud: 'e', pop: 44, w: 'IONV', v: 0, L: 1, P: 0, b: [2, '《食品经营许可和备案管理办法》'], m: ['营业执照'], stage: ['start'] },
  { type: 'confirmation', name: '食品小作坊登记', a: ['小作坊登记', '小作坊登记证'], aud: 'e', pop: 18, w: 'ONV', L: 15, P: 7, b: ['《浙江省食品小作坊小餐饮店小食杂店和食品摊贩管理规定》'], m: ['营业执照', '平面图'], stage: ['start'] },
  { type: 'permit', name: '食品生产许可', a: ['食品生产许可证', 'SC证'], aud: 'e', pop: 28, w: 'OV', v: 2, L: 20, P: 10, b: [2, '《食品生产许可管理办法》'], m: ['食品生产许可申请书', '营业执照', '生产场所平面图', '工艺流程图', '食品安全管理制度'], stage: ['start'], cycle: { licence: '食品生产许可证', actions: ['变更', '延续', '注销'] } },
  { type: 'permit', name: '药品零售企业许可', a: ['开药店', '药品经营许可证', '药店许可'], aud: 'e', pop: 26, w: 'ONV', v: 2, L: 30, P: 15, b: [3, '《药品经营和使用质量监督管理办法》'], m: ['营业执照', '执业药师注册证@', '平面图', '质量管理文件'], stage: ['start'], cycle: { licence: '药品经营许可证（零售）', actions: ['变更', '换发', '注销'] } },
  { type: 'otherPower', name: '第二类医疗器械经营备案', a: ['二类医疗器械备案', '医疗器械备案'], aud: 'e', pop: 22, w: 'IONV', v: 0, L: 1, P: 0, b: [4], m: ['营业执照', '经营场所证明%', '质量管理制度'], stage: ['start'] },
  { type: 'permit', name: '第三类医疗器械经营许可', a: ['三类医疗器械许可'], aud: 'e', pop: 12, w: 'OV', L: 20, P: 10, b: [4], m: ['营业执照', '质量管理人员资格证明%', '经营场所证明%'], stage: ['start'], cycle: { licence: '医疗器械经营许可证', actions: ['变更', '延续', '注销'] } },
  { type: 'confirmation', name: '特种设备使用登记', a: ['电梯使用登记', '锅炉登记', '叉车登记'], aud: 'e', pop: 24, w: 'IONV', v: 0, L: 15, P: 0, b: [5, '《特种设备使用管理规则》'], m: ['营业执照', '特种设备使用登记表', '产品合格证@', '监督检验证书@'], stage: ['operate'] },
  { type: 'permit', name: '特种设备作业人员资格认定', a: ['叉车证', '特种设备作业证', '电梯操作证'], pop: 34, w: 'ONV', L: 20, P: 10, b: [5], m: ['身份证', '考试合格证明@', '照片'], life: ['employment'] },
  { type: 'permit', name: '工业产品生产许可', a: ['生产许可证', '工业产品许可'], aud: 'e', pop: 10, w: 'OV', L: 20, P: 10, b: [6], m: ['营业执照', '生产许可申请书', '产品检验报告^'], stage: ['start'], cycle: { licence: '全国工业产品生产许可证', actions: ['变更', '延续', '注销'] } },
  { type: 'confirmation', name: '股权出质登记', a: ['股权质押', '股权出质'], aud: 'e', pop: 10, w: 'IONV', v: 0, L: 3, P: 0, b: ['《股权出质登记办法》'], m: ['股权出质登记申请书', '质押合同%'], stage: ['operate'] },
]

export const DEVREFORM: ItemSpec[] = [
  {
    type: 'otherPower', name: '企业投资项目备案', a: ['项目备案', '投资项目备案', '项目赋码'], aud: 'e', pop: 48, w: 'IONV', v: 0, L: 3, P: 0, b: [0, 1], m: ['项目备案信息表'], stage: ['operate'],
    auto: [
      rule('active', 'enterprise.status', 'eq', '存续', '企业登记状态为存续'),
      rule('negative', 'project.inNegativeList', 'eq', false, '项目不属于《产业结构调整指导目录》淘汰类、限制类及市场准入负面清单禁止类'),
      rule('notApproval', 'project.requiresApproval', 'eq', false, '项目不属于《政府核准的投资项目目录》范围'),
    ],
  },
  { type: 'permit', name: '企业投资项目核准', a: ['项目核准'], aud: 'e', pop: 14, w: 'OV', L: 20, P: 10, b: [0, 1], m: ['项目申请报告^', '用地预审与选址意见书@', '营业执照'], stage: ['operate'] },
  { type: 'otherPower', name: '固定资产投资项目节能审查', a: ['节能审查', '能评'], aud: 'e', pop: 12, w: 'OV', L: 20, P: 10, b: [2], m: ['节能报告^', '项目备案证明@'], stage: ['operate'] },
]

export const COMMERCE: ItemSpec[] = [
  { type: 'otherPower', name: '单用途商业预付卡发卡企业备案', a: ['预付卡备案', '会员卡备案', '储值卡备案'], aud: 'e', pop: 14, w: 'IONV', v: 0, L: 30, P: 5, b: [0], m: ['营业执照', '单用途卡章程'], stage: ['operate'] },
  { type: 'permit', name: '报废机动车回收拆解企业资质认定', a: ['报废车回收资质'], aud: 'e', pop: 6, w: 'OV', v: 2, L: 20, P: 15, b: [1], m: ['营业执照', '场地证明%', '环评批复@'], stage: ['start'] },
  { type: 'otherPower', name: '外商投资信息报告', a: ['外资企业报告', '外商投资'], aud: 'e', pop: 16, w: 'IONV', v: 0, L: 1, P: 0, b: [2, '《外商投资信息报告办法》'], m: ['营业执照'], stage: ['start', 'change'] },
  { type: 'permit', name: '对外劳务合作经营资格核准', a: ['对外劳务合作'], aud: 'e', pop: 6, w: 'OV', L: 20, P: 15, b: [3], m: ['营业执照', '风险处置备用金存缴证明%'], stage: ['start'] },
  { type: 'otherPower', name: '二手车交易市场经营者备案', a: ['二手车市场备案'], aud: 'e', pop: 6, w: 'IONV', v: 0, L: 5, P: 1, b: ['《二手车流通管理办法》'], m: ['营业执照'], stage: ['start'] },
]

export const CULTURE: ItemSpec[] = [
  { type: 'permit', name: '娱乐场所经营许可', a: ['KTV许可', '歌舞娱乐许可', '娱乐经营许可证'], aud: 'e', pop: 22, w: 'ONV', v: 2, L: 20, P: 10, b: [0], m: ['营业执照', '法人身份证明', '平面图', '消防安全检查合格证明@'], stage: ['start'], cycle: { licence: '娱乐经营许可证', actions: ['变更', '延续', '注销'] } },
  { type: 'permit', name: '互联网上网服务营业场所经营许可', a: ['网吧许可', '网吧审批', '网络经营许可证'], aud: 'e', pop: 20, w: 'ONV', v: 2, L: 20, P: 10, b: [1], m: ['营业执照', '法人身份证明', '平面图', '网络安全技术措施说明'], stage: ['start'], cycle: { licence: '网络文化经营许可证', actions: ['变更', '注销'] } },
  { type: 'permit', name: '旅行社业务经营许可', a: ['旅行社许可', '开旅行社'], aud: 'e', pop: 16, w: 'ONV', L: 20, P: 10, b: [2], m: ['营业执照', '住所证明', '质量保证金存缴证明%'], stage: ['start'], cycle: { licence: '旅行社业务经营许可证', actions: ['变更', '注销'] } },
  { type: 'permit', name: '营业性演出审批', a: ['演出审批', '演唱会审批'], aud: 'e', pop: 14, w: 'OV', L: 3, P: 2, b: [3], m: ['营业执照', '演出合同%', '演员名单及节目内容'], stage: ['operate'] },
  { type: 'permit', name: '出版物零售业务经营许可', a: ['书店许可', '出版物经营许可证'], aud: 'e', pop: 10, w: 'ONV', L: 20, P: 7, b: [4], m: ['营业执照', '经营场所证明%'], stage: ['start'], cycle: { licence: '出版物经营许可证', actions: ['变更', '注销'] } },
  { type: 'permit', name: '高危险性体育项目经营许可', a: ['游泳馆许可', '游泳池经营许可', '攀岩许可'], aud: 'e', pop: 10, w: 'OV', v: 2, L: 30, P: 15, b: ['《全民健身条例》', '《经营高危险性体育项目许可管理办法》'], m: ['营业执照', '场地设施符合标准的证明%', '救生员资格证明%'], stage: ['start'] },
]

export const ECO: ItemSpec[] = [
  { type: 'permit', name: '建设项目环境影响报告表审批', a: ['环评审批', '环评报告表', '环评'], aud: 'e', pop: 26, w: 'OV', L: 30, P: 10, b: [0, 1], m: ['营业执照', '环境影响报告表^', '项目备案证明@'], stage: ['operate'] },
  { type: 'permit', name: '建设项目环境影响报告书审批', a: ['环评报告书'], aud: 'e', pop: 12, w: 'OV', L: 60, P: 30, b: [0, 1], m: ['营业执照', '环境影响报告书^', '公众参与说明'], stage: ['operate'] },
  { type: 'permit', name: '排污许可证核发', a: ['排污许可', '排污证'], aud: 'e', pop: 22, w: 'OV', L: 20, P: 10, b: [2], m: ['营业执照', '排污许可证申请表', '自行监测方案'], stage: ['operate'], cycle: { licence: '排污许可证', actions: ['变更', '延续', '注销'] } },
  { type: 'permit', name: '辐射安全许可证核发', a: ['辐射许可'], aud: 'e', pop: 8, w: 'OV', L: 20, P: 15, b: [3], m: ['营业执照', '辐射安全管理制度', '环评批复@'], stage: ['operate'], cycle: { licence: '辐射安全许可证', actions: ['变更', '延续', '注销'] } },
]

export const SAFETY: ItemSpec[] = [
  { type: 'permit', name: '危险化学品经营许可', a: ['危化品经营许可证', '危险品经营许可'], aud: 'e', pop: 16, w: 'OV', v: 2, L: 30, P: 15, b: [1, '《危险化学品经营许可证管理办法》'], m: ['营业执照', '安全管理制度', '安全评价报告^'], stage: ['start'], cycle: { licence: '危险化学品经营许可证', actions: ['变更', '延期', '注销'] } },
  { type: 'permit', name: '烟花爆竹经营（零售）许可', a: ['烟花爆竹零售许可', '卖烟花许可'], aud: 'e', pop: 12, w: 'ONV', L: 20, P: 5, b: [2], m: ['营业执照', '零售场所证明%', '安全培训合格证明@'], stage: ['start'] },
  { type: 'permit', name: '特种作业操作证核发', a: ['电工证', '焊工证', '登高证', '特种作业证'], pop: 46, w: 'ONV', L: 20, P: 10, b: [3], m: ['身份证', '学历证书', '体检', '考试合格证明@'], life: ['employment'], cycle: { licence: '特种作业操作证', actions: ['复审', '补发'] } },
]

export const WATER: ItemSpec[] = [
  { type: 'permit', name: '取水许可', a: ['取水许可证', '取水审批'], aud: 'e', pop: 10, w: 'OV', L: 45, P: 15, b: [0, 1], m: ['营业执照', '取水许可申请书', '建设项目水资源论证报告^'], stage: ['operate'], cycle: { licence: '取水许可证', actions: ['变更', '延续', '注销'] } },
  { type: 'permit', name: '河道管理范围内建设项目工程建设方案审批', a: ['涉河审批', '河道建设审批'], aud: 'e', pop: 8, w: 'OV', L: 20, P: 10, b: [2], m: ['营业执照', '防洪评价报告^'], stage: ['operate'] },
  { type: 'permit', name: '生产建设项目水土保持方案审批', a: ['水保方案审批', '水土保持方案'], aud: 'e', pop: 10, w: 'OV', L: 20, P: 8, b: [3], m: ['营业执照', '水土保持方案报告书^'], stage: ['operate'] },
]

export const URBAN: ItemSpec[] = [
  { type: 'permit', name: '户外广告设施设置审批', a: ['店招审批', '门头招牌', '招牌设置', '广告牌审批'], aud: 'e', pop: 36, w: 'ONV', L: 20, P: 5, b: [0, '《宁波市户外广告设施设置管理办法》'], m: ['营业执照', '设置效果图', '场地使用证明%'], stage: ['start'] },
  { type: 'permit', name: '城市建筑垃圾处置核准', a: ['装修垃圾清运', '建筑垃圾处置', '渣土处置'], aud: 'b', pop: 24, w: 'ONV', L: 20, P: 3, b: [3], m: ['处置申请表', '运输合同%', '消纳场所证明%'], stage: ['operate'], life: ['housing'] },
  { type: 'permit', name: '占用挖掘城市道路审批', a: ['挖路审批', '占道审批', '临时占道'], aud: 'b', pop: 20, w: 'ONV', L: 20, P: 5, b: [1], m: ['申请书', '施工方案', '交通组织方案?'], stage: ['operate'] },
  { type: 'permit', name: '砍伐、迁移城市树木审批', a: ['砍树审批', '移树审批'], aud: 'b', pop: 12, w: 'ONV', L: 20, P: 5, b: [2], m: ['申请书', '树木现状照片'] },
]

export const FIRE: ItemSpec[] = [
  { type: 'permit', name: '公众聚集场所投入使用、营业前消防安全检查', a: ['消防检查', '开业消防检查', '消防安全检查', '消防许可'], aud: 'e', pop: 40, w: 'ONV', L: 10, P: 5, b: [0, '《公众聚集场所投入使用、营业消防安全检查规则》'], m: ['营业执照', '消防安全检查申请表', '场所平面布置图', '消防安全制度', '告知承诺书*'], stage: ['start'] },
]

export const TOBACCO: ItemSpec[] = [
  { type: 'permit', name: '烟草专卖零售许可', a: ['烟草证', '烟草零售许可证', '卖烟许可'], aud: 'b', pop: 42, w: 'ONV', L: 20, P: 5, b: [0, 1], m: ['营业执照', '身份证', '经营场所证明%'], stage: ['start'], cycle: { licence: '烟草专卖零售许可证', actions: ['变更', '延续', '停业', '歇业'] } },
]

const UTIL_BASIS = (i: number): number[] => [i]
export const UTILITY: ItemSpec[] = [
  { type: 'publicService', name: '用水过户', a: ['水表过户', '自来水过户'], aud: 'b', pop: 50, w: 'IONV', v: 0, L: 3, P: 0, b: UTIL_BASIS(1), m: ['身份证', '不动产权证书'], life: ['housing'] },
  { type: 'publicService', name: '用电过户', a: ['电表过户', '电费户名变更'], aud: 'b', pop: 52, w: 'IONV', v: 0, L: 3, P: 0, b: UTIL_BASIS(0), m: ['身份证', '不动产权证书'], life: ['housing'] },
  { type: 'publicService', name: '燃气过户', a: ['天然气过户', '煤气过户'], aud: 'b', pop: 48, w: 'IONV', v: 0, L: 3, P: 0, b: UTIL_BASIS(2), m: ['身份证', '不动产权证书'], life: ['housing'] },
  { type: 'publicService', name: '用水报装', a: ['新装水表', '接水'], aud: 'b', pop: 30, w: 'ONV', v: 0, L: 10, P: 3, b: UTIL_BASIS(1), m: ['身份证', '不动产权证书'], stage: ['start'] },
  { type: 'publicService', name: '低压用电报装', a: ['新装电表', '用电报装', '接电'], aud: 'b', pop: 34, w: 'ONV', v: 0, L: 10, P: 3, b: UTIL_BASIS(0), m: ['身份证', '不动产权证书'], stage: ['start'], f: [fee('低压接入工程费', 0, '低压小微企业用电报装实行零投资')] },
  { type: 'publicService', name: '燃气报装', a: ['燃气开户', '天然气开通', '通燃气'], aud: 'b', pop: 30, w: 'ONV', v: 0, L: 10, P: 3, b: UTIL_BASIS(2), m: ['身份证', '不动产权证书'], stage: ['start'], life: ['housing'] },
]
