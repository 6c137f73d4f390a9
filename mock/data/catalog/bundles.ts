// 一件事 bundles. Items are named here and resolved to implementation codes in index.ts (a typo
// fails the build). Each item lists the form fields it needs by key; keys shared between items
// are asked once in the merged form (see src/domain/catalog/bundle.ts).
import type { Audience, Bundle, EnterpriseStage, FormField, LifeEvent, ServiceItem } from '../../../src/domain/catalog/types'

const f = (key: string, label: string, kind: FormField['kind'], required = true, options?: string[]): FormField => ({
  key,
  label,
  kind,
  required,
  ...(options ? { options } : {}),
})

/** Field library: one definition per key, so merged forms never disagree on a label. */
export const FIELDS: Record<string, FormField> = Object.fromEntries(
  [
    f('applicant.name', '申请人姓名', 'text'),
    f('applicant.idNumber', '申请人身份证号', 'idNumber'),
    f('applicant.phone', '联系电话', 'phone'),
    f('applicant.address', '联系地址', 'address'),
    f('enterprise.name', '企业名称', 'text'),
    f('enterprise.uscc', '统一社会信用代码', 'uscc'),
    f('enterprise.legalRep', '法定代表人', 'text'),
    f('enterprise.address', '经营场所地址', 'address'),
    f('enterprise.scope', '经营范围', 'text'),
    f('enterprise.capital', '注册资本（万元）', 'number'),
    f('enterprise.type', '企业类型', 'select', true, ['有限责任公司', '个人独资企业', '合伙企业', '个体工商户']),
    f('enterprise.employees', '从业人数', 'number'),
    f('enterprise.area', '经营场所面积（平方米）', 'number'),
    f('enterprise.bankAccount', '基本存款账户', 'text', false),
    f('enterprise.cancelReason', '注销原因', 'select', true, ['决议解散', '营业期限届满', '其他原因']),
    f('shop.seats', '餐位数', 'number'),
    f('shop.rooms', '客房数', 'number'),
    f('shop.signText', '招牌文字', 'text'),
    f('shop.signSize', '招牌尺寸（米）', 'text'),
    f('shop.foodCategory', '经营项目', 'select', true, ['热食类食品制售', '冷食类食品制售', '生食类食品制售', '半成品制售', '预包装食品销售']),
    f('shop.drainage', '日排水量（吨）', 'number'),
    f('newborn.name', '新生儿姓名', 'text'),
    f('newborn.gender', '新生儿性别', 'select', true, ['男', '女']),
    f('newborn.birthDate', '出生日期', 'date'),
    f('newborn.hospital', '出生医院', 'text'),
    f('mother.idNumber', '母亲身份证号', 'idNumber'),
    f('father.idNumber', '父亲身份证号', 'idNumber'),
    f('household.address', '落户地址', 'address'),
    f('deceased.name', '逝者姓名', 'text'),
    f('deceased.idNumber', '逝者身份证号', 'idNumber'),
    f('deceased.deathDate', '死亡日期', 'date'),
    f('relation', '与申请人关系', 'select', true, ['配偶', '子女', '父母', '其他亲属']),
    f('bank.account', '收款银行账号', 'text'),
    f('retire.date', '退休日期', 'date'),
    f('property.certNo', '不动产权证号', 'text'),
    f('property.address', '房屋坐落', 'address'),
    f('property.price', '成交价格（元）', 'number'),
    f('buyer.idNumber', '买方身份证号', 'idNumber'),
    f('seller.idNumber', '卖方身份证号', 'idNumber'),
    f('utility.waterNo', '用水户号', 'text'),
    f('utility.powerNo', '用电户号', 'text'),
    f('utility.gasNo', '燃气户号', 'text'),
    f('soldier.dischargeDate', '退役日期', 'date'),
    f('soldier.unit', '原服役部队', 'text'),
    f('student.name', '学生姓名', 'text'),
    f('student.idNumber', '学生身份证号', 'idNumber'),
    f('student.school', '报名学校', 'text'),
    f('disability.category', '残疾类别', 'select', true, ['视力', '听力', '言语', '肢体', '智力', '精神', '多重']),
    f('job.lastEmployer', '原工作单位', 'text'),
    f('job.separationDate', '离职日期', 'date'),
    f('vehicle.vin', '车辆识别代号', 'text'),
    f('vehicle.model', '品牌型号', 'text'),
    f('marriage.date', '结婚登记日期', 'date'),
    f('spouse.idNumber', '配偶身份证号', 'idNumber'),
    f('project.name', '项目名称', 'text'),
    f('project.investment', '总投资（万元）', 'number'),
    f('project.location', '建设地点', 'address'),
    f('graduate.school', '毕业院校', 'text'),
    f('graduate.degree', '学历', 'select', true, ['大专', '本科', '硕士研究生', '博士研究生']),
    f('employer.name', '就业单位', 'text', false),
  ].map((x) => [x.key, x]),
)

const APPLICANT = ['applicant.name', 'applicant.idNumber', 'applicant.phone']
const ENTERPRISE = ['enterprise.name', 'enterprise.uscc', 'enterprise.legalRep', 'applicant.phone']

interface BundleSeed {
  id: string
  name: string
  description: string
  audience: Audience
  lead: string
  /** [item name, field keys]. */
  items: Array<[string, string[]]>
  visits: 0 | 1 | 2
  life?: LifeEvent[]
  stage?: EnterpriseStage[]
  pop: number
}

const SHOP = [...ENTERPRISE, 'enterprise.address']
const REGISTER: [string, string[]] = ['企业设立登记', [...SHOP, 'enterprise.type', 'enterprise.scope', 'enterprise.capital']]
const SOLE: [string, string[]] = ['个体工商户设立登记', [...APPLICANT, 'enterprise.name', 'enterprise.address', 'enterprise.scope']]
const FIRE_CHECK: [string, string[]] = ['公众聚集场所投入使用、营业前消防安全检查', [...SHOP, 'enterprise.area']]
const INVOICE: [string, string[]] = ['发票领用', ENTERPRISE]
const SIGN: [string, string[]] = ['户外广告设施设置审批', [...SHOP, 'shop.signText', 'shop.signSize']]

export const BUNDLE_SEEDS: BundleSeed[] = [
  { id: 'open-restaurant', name: '开办餐馆', description: '营业执照、食品经营许可、排水许可、店招审批一次申请', audience: 'both', lead: 'market', visits: 1, stage: ['start'], pop: 70, items: [REGISTER, ['食品经营许可', [...SHOP, 'shop.foodCategory', 'shop.seats', 'enterprise.area']], ['城镇污水排入排水管网许可', [...SHOP, 'shop.drainage']], SIGN, FIRE_CHECK, INVOICE] },
  { id: 'open-hotel', name: '开办旅馆', description: '营业执照、特种行业许可、卫生许可、消防检查联办', audience: 'enterprise', lead: 'market', visits: 1, stage: ['start'], pop: 40, items: [REGISTER, ['旅馆业特种行业许可证核发', [...SHOP, 'shop.rooms']], ['公共场所卫生许可', [...SHOP, 'enterprise.area', 'enterprise.employees']], FIRE_CHECK, INVOICE] },
  { id: 'start-company', name: '企业开办', description: '核名、设立登记、刻章、发票、社保和公积金开户一次办，1个工作日内办结', audience: 'enterprise', lead: 'market', visits: 0, stage: ['start'], pop: 88, items: [['企业名称自主申报', [...APPLICANT, 'enterprise.name']], REGISTER, ['公章刻制备案', ENTERPRISE], INVOICE, ['企业社会保险登记', [...ENTERPRISE, 'enterprise.employees', 'enterprise.bankAccount']], ['单位住房公积金缴存登记', [...ENTERPRISE, 'enterprise.employees', 'enterprise.bankAccount']]] },
  { id: 'close-company', name: '企业注销', description: '清税、营业执照注销、社保和公积金账户注销一网通办', audience: 'enterprise', lead: 'market', visits: 0, stage: ['close'], pop: 50, items: [['清税申报', ENTERPRISE], ['企业注销登记', [...ENTERPRISE, 'enterprise.cancelReason']], ['社会保险登记注销', ENTERPRISE], ['单位住房公积金账户注销', [...ENTERPRISE, 'enterprise.bankAccount']]] },
  { id: 'change-company', name: '企业变更', description: '营业执照变更后，税务、社保、公积金登记信息同步变更', audience: 'enterprise', lead: 'market', visits: 0, stage: ['change'], pop: 42, items: [['企业变更登记', [...ENTERPRISE, 'enterprise.address', 'enterprise.scope']], ['税务登记信息变更', ENTERPRISE], ['社会保险登记变更', ENTERPRISE], ['单位住房公积金缴存登记变更', ENTERPRISE]] },
  { id: 'newborn', name: '新生儿出生', description: '出生医学证明、落户、医保参保、社保卡和生育津贴一次办', audience: 'person', lead: 'health', visits: 0, life: ['birth'], pop: 85, items: [['出生医学证明签发', ['newborn.name', 'newborn.gender', 'newborn.birthDate', 'newborn.hospital', 'mother.idNumber', 'father.idNumber']], ['出生登记', [...APPLICANT, 'newborn.name', 'newborn.gender', 'newborn.birthDate', 'household.address', 'mother.idNumber', 'father.idNumber']], ['城乡居民基本医疗保险参保登记', [...APPLICANT, 'newborn.name', 'newborn.birthDate']], ['社会保障卡申领', [...APPLICANT, 'newborn.name']], ['生育保险待遇申领', [...APPLICANT, 'newborn.birthDate', 'bank.account']]] },
  { id: 'retire', name: '退休', description: '养老金申领、医保待遇核定、公积金退休提取一次办', audience: 'person', lead: 'hrss', visits: 0, life: ['retirement'], pop: 72, items: [['基本养老金申领', [...APPLICANT, 'retire.date', 'bank.account']], ['退休人员基本医疗保险待遇核定', [...APPLICANT, 'retire.date']], ['住房公积金提取（退休）', [...APPLICANT, 'bank.account']]] },
  { id: 'resale-home', name: '二手房过户', description: '网签、缴税、不动产转移登记，以及水电气过户联动办理', audience: 'person', lead: 'realty', visits: 1, life: ['housing'], pop: 80, items: [['存量房买卖合同网签备案', ['buyer.idNumber', 'seller.idNumber', 'property.certNo', 'property.address', 'property.price', 'applicant.phone']], ['存量房交易税费申报', ['buyer.idNumber', 'seller.idNumber', 'property.address', 'property.price', 'applicant.phone']], ['国有建设用地使用权及房屋所有权转移登记（二手房买卖）', ['buyer.idNumber', 'seller.idNumber', 'property.certNo', 'property.address', 'applicant.phone']], ['用水过户', ['buyer.idNumber', 'property.address', 'utility.waterNo', 'applicant.phone']], ['用电过户', ['buyer.idNumber', 'property.address', 'utility.powerNo', 'applicant.phone']], ['燃气过户', ['buyer.idNumber', 'property.address', 'utility.gasNo', 'applicant.phone']]] },
  { id: 'new-home', name: '购买新建商品房', description: '网签、契税、新房办证和公积金贷款一次办', audience: 'person', lead: 'realty', visits: 0, life: ['housing'], pop: 60, items: [['商品房买卖合同网签备案', [...APPLICANT, 'property.address', 'property.price']], ['契税申报', [...APPLICANT, 'property.address', 'property.price']], ['国有建设用地使用权及房屋所有权转移登记（新建商品房）', [...APPLICANT, 'property.address']], ['住房公积金个人住房贷款', [...APPLICANT, 'property.address', 'property.price', 'spouse.idNumber']], ['抵押权首次登记', [...APPLICANT, 'property.address']]] },
  { id: 'veteran', name: '军人退役', description: '安置报到、落户、社保和医保接续、优待证申领一次办', audience: 'person', lead: 'veteran', visits: 1, life: ['veteran'], pop: 30, items: [['退役士兵接收安置', [...APPLICANT, 'soldier.dischargeDate', 'soldier.unit']], ['退役军人信息采集', [...APPLICANT, 'soldier.dischargeDate', 'soldier.unit']], ['户口迁移（跨省通办）', [...APPLICANT, 'household.address']], ['职工基本养老保险关系转移接续', APPLICANT], ['基本医疗保险关系转移接续', APPLICANT], ['退役军人优待证申领', APPLICANT]] },
  { id: 'after-death', name: '身后一件事', description: '户口注销、丧葬补助、殡葬费用减免、公积金和社保个人账户余额一次办', audience: 'person', lead: 'civil', visits: 0, life: ['death'], pop: 45, items: [['死亡注销户口', [...APPLICANT, 'deceased.name', 'deceased.idNumber', 'deceased.deathDate', 'relation']], ['基本殡葬服务费用减免', [...APPLICANT, 'deceased.name', 'deceased.idNumber']], ['丧葬补助金、抚恤金申领', [...APPLICANT, 'deceased.name', 'deceased.idNumber', 'deceased.deathDate', 'relation', 'bank.account']], ['养老保险个人账户一次性待遇申领', [...APPLICANT, 'deceased.idNumber', 'relation', 'bank.account']], ['住房公积金提取（死亡或宣告死亡）', [...APPLICANT, 'deceased.idNumber', 'relation', 'bank.account']]] },
  { id: 'school-entry', name: '入学', description: '入学报名时户籍、房产、社保证明由部门共享，无需另开证明', audience: 'person', lead: 'education', visits: 0, life: ['education'], pop: 78, items: [['义务教育阶段新生入学登记', [...APPLICANT, 'student.name', 'student.idNumber', 'student.school', 'household.address']], ['户籍证明开具', [...APPLICANT, 'student.idNumber']], ['不动产登记资料查询', [...APPLICANT, 'property.address']], ['社会保险参保证明打印', APPLICANT]] },
  { id: 'marriage', name: '婚育', description: '结婚登记、生育登记和夫妻投靠落户一次办', audience: 'person', lead: 'civil', visits: 1, life: ['marriage', 'birth'], pop: 48, items: [['内地居民结婚登记', [...APPLICANT, 'spouse.idNumber']], ['生育登记', [...APPLICANT, 'spouse.idNumber', 'marriage.date']], ['投靠落户', [...APPLICANT, 'spouse.idNumber', 'household.address']]] },
  { id: 'unemployment', name: '失业', description: '失业登记、失业金申领、公积金离职提取和技能补贴一次办', audience: 'person', lead: 'hrss', visits: 0, life: ['employment'], pop: 55, items: [['就业失业登记', [...APPLICANT, 'job.lastEmployer', 'job.separationDate']], ['失业保险金申领', [...APPLICANT, 'job.lastEmployer', 'job.separationDate', 'bank.account']], ['住房公积金提取（离职）', [...APPLICANT, 'job.separationDate', 'bank.account']], ['职业技能提升补贴申领', [...APPLICANT, 'bank.account']]] },
  { id: 'graduate-settle', name: '高校毕业生来甬', description: '落户、社保卡、生活安居补助一次办', audience: 'person', lead: 'hrss', visits: 0, life: ['employment', 'residence'], pop: 58, items: [['高校毕业生落户', [...APPLICANT, 'graduate.school', 'graduate.degree', 'household.address']], ['社会保障卡申领', APPLICANT], ['高校毕业生生活安居补助申领', [...APPLICANT, 'graduate.school', 'graduate.degree', 'employer.name', 'bank.account']]] },
  { id: 'elderly-care', name: '老年人优待', description: '高龄津贴、老年优待证、居家养老服务补贴一次申请', audience: 'person', lead: 'civil', visits: 0, life: ['elderly'], pop: 50, items: [['高龄津贴申领', [...APPLICANT, 'bank.account']], ['老年人优待证办理', APPLICANT], ['居家养老服务补贴申请', [...APPLICANT, 'applicant.address']]] },
  { id: 'disability', name: '残疾人服务', description: '残疾人证、两项补贴、辅助器具补贴一次办', audience: 'person', lead: 'disabled', visits: 1, life: ['disability'], pop: 36, items: [['残疾人证核发', [...APPLICANT, 'disability.category', 'applicant.address']], ['困难残疾人生活补贴和重度残疾人护理补贴', [...APPLICANT, 'disability.category', 'bank.account']], ['残疾人辅助器具适配补贴', [...APPLICANT, 'disability.category']]] },
  { id: 'new-car', name: '新车上牌', description: '购置税申报和机动车注册登记一次办', audience: 'person', lead: 'police', visits: 1, life: ['travel'], pop: 52, items: [['车辆购置税申报', [...APPLICANT, 'vehicle.vin', 'vehicle.model']], ['机动车注册登记', [...APPLICANT, 'vehicle.vin', 'vehicle.model', 'applicant.address']]] },
  { id: 'ride-hailing', name: '网约车从业', description: '网约车驾驶员证和运输证一次申请，符合条件的秒批', audience: 'person', lead: 'transport', visits: 0, life: ['employment'], pop: 46, items: [['网络预约出租汽车驾驶员证核发', APPLICANT], ['网络预约出租汽车运输证核发', [...APPLICANT, 'vehicle.vin', 'vehicle.model']]] },
  { id: 'open-pharmacy', name: '开办药店', description: '营业执照、药品经营许可、二类医疗器械备案联办', audience: 'enterprise', lead: 'market', visits: 1, stage: ['start'], pop: 24, items: [REGISTER, ['药品零售企业许可', [...SHOP, 'enterprise.area', 'enterprise.employees']], ['第二类医疗器械经营备案', SHOP], INVOICE] },
  { id: 'open-store', name: '开办便利店', description: '个体营业执照、预包装食品备案、烟草零售许可一次办', audience: 'both', lead: 'market', visits: 1, stage: ['start'], pop: 44, items: [SOLE, ['仅销售预包装食品备案', [...APPLICANT, 'enterprise.name', 'enterprise.address']], ['烟草专卖零售许可', [...APPLICANT, 'enterprise.name', 'enterprise.address', 'enterprise.area']], SIGN] },
  { id: 'open-salon', name: '开办美容美发店', description: '个体营业执照、公共场所卫生许可、店招一次办', audience: 'both', lead: 'market', visits: 1, stage: ['start'], pop: 30, items: [SOLE, ['公共场所卫生许可', [...APPLICANT, 'enterprise.name', 'enterprise.address', 'enterprise.area', 'enterprise.employees']], SIGN] },
  { id: 'open-internet-cafe', name: '开办网吧', description: '营业执照、消防检查、网吧经营许可联办', audience: 'enterprise', lead: 'culture', visits: 2, stage: ['start'], pop: 14, items: [REGISTER, FIRE_CHECK, ['互联网上网服务营业场所经营许可', [...SHOP, 'enterprise.area']]] },
  { id: 'open-ktv', name: '开办歌舞娱乐场所', description: '营业执照、消防检查、卫生许可、娱乐经营许可联办', audience: 'enterprise', lead: 'culture', visits: 2, stage: ['start'], pop: 12, items: [REGISTER, FIRE_CHECK, ['公共场所卫生许可', [...SHOP, 'enterprise.area', 'enterprise.employees']], ['娱乐场所经营许可', [...SHOP, 'enterprise.area']]] },
  { id: 'open-clinic', name: '开办诊所', description: '营业执照、诊所备案、医师变更执业地点、医保定点一次办', audience: 'enterprise', lead: 'health', visits: 1, stage: ['start'], pop: 16, items: [REGISTER, ['诊所执业备案', [...SHOP, 'enterprise.area']], ['医师执业注册', APPLICANT], ['医药机构申请医保定点', SHOP]] },
  { id: 'investment-project', name: '企业投资项目开工', description: '项目备案、用地和工程规划许可、施工许可一次申请、并联审批', audience: 'enterprise', lead: 'devreform', visits: 1, stage: ['operate'], pop: 28, items: [['企业投资项目备案', [...ENTERPRISE, 'project.name', 'project.investment', 'project.location']], ['建设用地规划许可证核发', [...ENTERPRISE, 'project.name', 'project.location']], ['建设工程规划许可证核发', [...ENTERPRISE, 'project.name', 'project.location']], ['建筑工程施工许可证核发', [...ENTERPRISE, 'project.name', 'project.location', 'project.investment']]] },
]

export function buildBundles(items: ServiceItem[]): Bundle[] {
  const byName = new Map(items.map((it) => [it.name, it]))
  return BUNDLE_SEEDS.map((seed) => {
    const resolved = seed.items.map(([name, keys]) => {
      const item = byName.get(name)
      if (!item) throw new Error(`bundle ${seed.id}: unknown item ${name}`)
      return { item, fields: keys.map((k) => {
        const field = FIELDS[k]
        if (!field) throw new Error(`bundle ${seed.id}: unknown field ${k}`)
        return field
      }) }
    })
    return {
      id: seed.id,
      name: seed.name,
      description: seed.description,
      audience: seed.audience,
      leadDepartment: seed.lead,
      items: resolved.map((r) => ({ code: r.item.code, fields: r.fields })),
      // Items run in parallel after one acceptance: the bundle takes as long as its slowest item.
      promisedDays: Math.max(...resolved.map((r) => r.item.promisedDays)),
      visits: seed.visits,
      lifeEvents: seed.life ?? [],
      enterpriseStages: seed.stage ?? [],
      popularity: seed.pop,
    }
  })
}
