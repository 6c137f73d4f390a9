// Service catalog types (十统一 item standard, 一件事 bundles, halls).
// Enum values are English keys; their Chinese labels live in messages/zh-CN/catalog.ts.
// Names, materials and legal bases are data (they come from the published catalog), not UI text.

/** 事项类型. Two-digit codes used in the base code are in ITEM_TYPE_CODES. */
export type ItemType =
  | 'permit' // 行政许可
  | 'benefit' // 行政给付
  | 'confirmation' // 行政确认
  | 'reward' // 行政奖励
  | 'adjudication' // 行政裁决
  | 'inspection' // 行政检查
  | 'otherPower' // 其他行政权力
  | 'publicService' // 公共服务

/**
 * Code scheme (documented in mock/data/catalog/README.md):
 *   baseCode (基本编码, 11 digits) = type(2) + department(3) + main item(3) + sub-item(3, '000' = main)
 *   code     (实施编码, 17 digits) = region code of the implementing level (6) + baseCode
 * The same baseCode implemented by the city and by a district gives two implementation codes.
 */
export const ITEM_TYPE_CODES: Record<ItemType, string> = {
  permit: '01',
  benefit: '05',
  inspection: '06',
  confirmation: '07',
  reward: '08',
  adjudication: '09',
  otherPower: '10',
  publicService: '20',
}

export type Audience = 'person' | 'enterprise' | 'both'

/** 四办 flags: 马上办 / 网上办 / 就近办 / 一次办. */
export interface FourWays {
  instant: boolean
  online: boolean
  nearby: boolean
  oneVisit: boolean
}
export type FourWay = keyof FourWays

export type LifeEvent =
  | 'birth' // 生育
  | 'education' // 入学
  | 'employment' // 就业
  | 'marriage' // 婚姻
  | 'housing' // 住房
  | 'residence' // 户籍与居住
  | 'travel' // 出行（驾驶、出入境）
  | 'medical' // 就医
  | 'elderly' // 养老
  | 'retirement' // 退休
  | 'disability' // 残疾人服务
  | 'veteran' // 退役
  | 'death' // 身后
  | 'socialAid' // 社会救助
  | 'legal' // 法律服务
export type EnterpriseStage = 'start' | 'operate' | 'change' | 'close'

export interface Department {
  /** Stable key used in data and filters, e.g. 'police'. */
  id: string
  /** Three-digit department part of the base code. */
  code: string
  /** Full name, e.g. '宁波市公安局'. */
  name: string
  /** Short names people type, e.g. ['公安', '公安局', '派出所']. */
  shortNames: string[]
}

export type MaterialForm = 'original' | 'copy' | 'originalAndCopy' | 'electronic'
/** Where a material comes from: the applicant, another agency, an intermediary, or fetched by data sharing (免提交). */
export type MaterialSource = 'applicant' | 'government' | 'intermediary' | 'shared'

export interface Material {
  name: string
  form: MaterialForm
  copies: number
  required: boolean
  source: MaterialSource
  /** Which agency issues it, when source is 'government' or 'shared' (e.g. '公安机关'). */
  issuer?: string
  /** 告知承诺: a signed commitment may replace this proof. */
  commitmentAllowed: boolean
  /** How to fill it in / what the sample shows. */
  sampleNote?: string
}

export interface Fee {
  name: string
  /** Amount in fen (分); null when it depends on the case (the basis says how it is computed). */
  amountFen: number | null
  basis: string
}

export interface ProcessStep {
  /** 申请, 受理, 审查, 决定, 送达 … */
  name: string
  description: string
}

export type RuleOp = 'eq' | 'ne' | 'gte' | 'lte' | 'startsWith' | 'notStartsWith' | 'in' | 'notIn'
export type FactValue = string | number | boolean

/**
 * One auto-approval (秒批) condition checked against registry data. `fact` names a value the
 * server's fact providers compute (e.g. 'person.age' from the population registry).
 */
export interface AutoApprovalRule {
  id: string
  fact: string
  op: RuleOp
  value: FactValue | FactValue[]
  /** Plain-language statement of the condition, shown in the guide (data, not UI chrome). */
  description: string
}

export interface AutoApproval {
  rules: AutoApprovalRule[]
  /** What happens when a rule fails: the case goes to a person instead of being refused. */
  onFail: 'manualReview'
}

export interface SubItem {
  baseCode: string
  name: string
}

export interface ServiceItem {
  baseCode: string
  /** 实施编码: the key used everywhere (URLs, cases, bookings). */
  code: string
  name: string
  aliases: string[]
  subItems: SubItem[]
  type: ItemType
  /** Department id (see Department.id). */
  department: string
  /** Implementing level: 'city' items are handled city-wide; 'district' ones by each district. */
  level: 'city' | 'district'
  legalBasis: string[]
  steps: ProcessStep[]
  /** 法定办结时限, working days. 0 = decided on the spot. */
  legalDays: number
  /** 承诺办结时限, working days, ≤ legalDays. */
  promisedDays: number
  materials: Material[]
  /** Empty = free of charge. */
  fees: Fee[]
  fourWays: FourWays
  /** 跑动次数. */
  visits: 0 | 1 | 2
  audience: Audience
  /** Hall ids that accept it in person (derived from Hall.items). */
  halls: string[]
  canApplyOnline: boolean
  canBook: boolean
  autoApproval: AutoApproval | null
  /** 0-100, from case volume; breaks search ties and orders hot lists. */
  popularity: number
  lifeEvents: LifeEvent[]
  enterpriseStages: EnterpriseStage[]
}

export type FormFieldKind = 'text' | 'idNumber' | 'uscc' | 'phone' | 'date' | 'number' | 'select' | 'address' | 'region'

export interface FormField {
  /** Shared key: the same key in two items of a bundle is asked once. */
  key: string
  label: string
  kind: FormFieldKind
  required: boolean
  options?: string[]
}

export interface BundleItem {
  code: string
  fields: FormField[]
}

export interface Bundle {
  id: string
  name: string
  description: string
  audience: Audience
  /** Lead department that accepts the whole bundle (一窗受理). */
  leadDepartment: string
  items: BundleItem[]
  promisedDays: number
  visits: 0 | 1 | 2
  lifeEvents: LifeEvent[]
  enterpriseStages: EnterpriseStage[]
  popularity: number
}

export type HallLevel = 'city' | 'district' | 'street' | 'village'
export type TimeRange = [open: string, close: string]

/** Opening hours by ISO weekday (1 = Monday … 7 = Sunday); missing or empty = closed. */
export type WeeklyHours = Partial<Record<1 | 2 | 3 | 4 | 5 | 6 | 7, TimeRange[]>>

export interface LatLng {
  lat: number
  lng: number
}

export interface Hall {
  id: string
  name: string
  level: HallLevel
  /** County-level region code (e.g. '330212'); the city hall carries its district too. */
  district: string
  address: string
  phone: string
  location: LatLng
  hours: WeeklyHours
  windows: number
  /** Implementation codes served in person. */
  items: string[]
}

export interface Catalog {
  version: string
  city: string
  departments: Department[]
  items: ServiceItem[]
  bundles: Bundle[]
  halls: Hall[]
}
