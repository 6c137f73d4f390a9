// Catalog API contract: service items (十统一), search, 一件事 bundles, halls (就近办).
// Mirrors src/domain/catalog/types.ts; the `_Checks` type at the end fails to compile when the two
// drift apart. The app imports these only as types.
import { Type, type Static, type TLiteral, type TUnion } from '@sinclair/typebox'
import type {
  Audience as DomainAudience,
  Department as DomainDepartment,
  EnterpriseStage as DomainEnterpriseStage,
  FormFieldKind as DomainFormFieldKind,
  HallLevel as DomainHallLevel,
  ItemType as DomainItemType,
  LifeEvent as DomainLifeEvent,
  MaterialForm as DomainMaterialForm,
  MaterialSource as DomainMaterialSource,
  RuleOp as DomainRuleOp,
  ServiceItem as DomainServiceItem,
} from '../catalog/types'
import type { MatchKind as DomainMatchKind, SearchIndex as DomainSearchIndex } from '../catalog/search'
import type { MergedField as DomainMergedField, MergedMaterial as DomainMergedMaterial } from '../catalog/bundle'
import type { DayKind as DomainDayKind } from '../catalog/hours'

function literals<T extends string>(values: readonly T[], options: { description?: string } = {}): TUnion<TLiteral<T>[]> {
  return Type.Union(
    values.map((v) => Type.Literal(v)),
    options,
  )
}

export const ITEM_TYPES = ['permit', 'benefit', 'confirmation', 'reward', 'adjudication', 'inspection', 'otherPower', 'publicService'] as const
export const AUDIENCES = ['person', 'enterprise', 'both'] as const
export const FOUR_WAYS = ['instant', 'online', 'nearby', 'oneVisit'] as const
export const LIFE_EVENTS = [
  'birth',
  'education',
  'employment',
  'marriage',
  'housing',
  'residence',
  'travel',
  'medical',
  'elderly',
  'retirement',
  'disability',
  'veteran',
  'death',
  'socialAid',
  'legal',
] as const
export const ENTERPRISE_STAGES = ['start', 'operate', 'change', 'close'] as const
export const MATERIAL_FORMS = ['original', 'copy', 'originalAndCopy', 'electronic'] as const
export const MATERIAL_SOURCES = ['applicant', 'government', 'intermediary', 'shared'] as const
export const RULE_OPS = ['eq', 'ne', 'gte', 'lte', 'startsWith', 'notStartsWith', 'in', 'notIn'] as const
export const FORM_FIELD_KINDS = ['text', 'idNumber', 'uscc', 'phone', 'date', 'number', 'select', 'address', 'region'] as const
export const HALL_LEVELS = ['city', 'district', 'street', 'village'] as const
export const DAY_KINDS = ['workday', 'restDay', 'holiday', 'adjustedWorkday'] as const
export const MATCH_KINDS = [
  'exactName',
  'exactAlias',
  'namePrefix',
  'nameSubstring',
  'aliasSubstring',
  'synonym',
  'allTokens',
  'pinyin',
  'initials',
  'homophone',
  'pinyinTypo',
  'department',
  'browse',
] as const

export const ItemType = literals(ITEM_TYPES, { description: '事项类型' })
export const Audience = literals(AUDIENCES, { description: '服务对象: person 个人, enterprise 企业, both 两者' })
export const FourWay = literals(FOUR_WAYS, { description: '四办: instant 马上办, online 网上办, nearby 就近办, oneVisit 一次办' })
export const LifeEvent = literals(LIFE_EVENTS, { description: '人生事件 (个人主题)' })
export const EnterpriseStage = literals(ENTERPRISE_STAGES, { description: '企业阶段: 开办/经营/变更/注销' })
export const HallLevel = literals(HALL_LEVELS)
export const DayKind = literals(DAY_KINDS, {
  description: 'workday 工作日, restDay 休息日, holiday 法定节假日 (closed), adjustedWorkday 调休上班 (working-day hours)',
})
export const MatchKind = literals(MATCH_KINDS, { description: 'Why the item matched (ranking tier).' })

const Code17 = Type.String({ pattern: '^\\d{17}$', description: '实施编码 (17 digits).' })
const CatalogVersion = Type.String({ description: 'Version of the published catalog the answer comes from.' })

export const FourWays = Type.Object({ instant: Type.Boolean(), online: Type.Boolean(), nearby: Type.Boolean(), oneVisit: Type.Boolean() })

export const Material = Type.Object(
  {
    name: Type.String(),
    form: literals(MATERIAL_FORMS),
    copies: Type.Integer({ minimum: 1 }),
    required: Type.Boolean(),
    source: literals(MATERIAL_SOURCES),
    issuer: Type.Optional(Type.String()),
    commitmentAllowed: Type.Boolean({ description: '告知承诺: a signed commitment may replace it.' }),
    sampleNote: Type.Optional(Type.String()),
  },
  { title: 'Material' },
)

export const Fee = Type.Object({
  name: Type.String(),
  amountFen: Type.Union([Type.Integer(), Type.Null()], { description: 'Fen (分); null when it depends on the case.' }),
  basis: Type.String(),
})

export const ProcessStep = Type.Object({ name: Type.String(), description: Type.String() })

const FactValue = Type.Union([Type.String(), Type.Number(), Type.Boolean()])
export const AutoApprovalRule = Type.Object({
  id: Type.String(),
  fact: Type.String(),
  op: literals(RULE_OPS),
  value: Type.Union([FactValue, Type.Array(FactValue)]),
  description: Type.String(),
})

export const Department = Type.Object(
  {
    id: Type.String({ description: 'Stable key used in filters, e.g. police.' }),
    code: Type.String({ pattern: '^\\d{3}$', description: 'Department part of the base code.' }),
    name: Type.String(),
    shortNames: Type.Array(Type.String()),
  },
  { title: 'Department' },
)
export type Department = Static<typeof Department>

/** The full guide of one item (十统一 fields). */
export const ServiceItem = Type.Object(
  {
    baseCode: Type.String({ pattern: '^\\d{11}$', description: '基本编码' }),
    code: Code17,
    name: Type.String(),
    aliases: Type.Array(Type.String()),
    subItems: Type.Array(Type.Object({ baseCode: Type.String(), name: Type.String() })),
    type: ItemType,
    department: Type.String(),
    level: Type.Union([Type.Literal('city'), Type.Literal('district')]),
    legalBasis: Type.Array(Type.String()),
    steps: Type.Array(ProcessStep),
    legalDays: Type.Integer({ minimum: 0, description: '法定办结时限 (working days, 0 = on the spot)' }),
    promisedDays: Type.Integer({ minimum: 0, description: '承诺办结时限 (working days)' }),
    materials: Type.Array(Material),
    fees: Type.Array(Fee),
    fourWays: FourWays,
    visits: Type.Union([Type.Literal(0), Type.Literal(1), Type.Literal(2)], { description: '跑动次数' }),
    audience: Audience,
    halls: Type.Array(Type.String(), { description: 'Ids of halls that accept it in person.' }),
    canApplyOnline: Type.Boolean(),
    canBook: Type.Boolean(),
    autoApproval: Type.Union([Type.Object({ rules: Type.Array(AutoApprovalRule), onFail: Type.Literal('manualReview') }), Type.Null()]),
    popularity: Type.Integer({ minimum: 0, maximum: 100 }),
    lifeEvents: Type.Array(LifeEvent),
    enterpriseStages: Type.Array(EnterpriseStage),
  },
  { title: 'ServiceItem' },
)
export type ServiceItem = Static<typeof ServiceItem>

/** GET /api/catalog/items/:code */
export const ItemGuideResponse = Type.Object(
  {
    catalogVersion: CatalogVersion,
    item: ServiceItem,
    department: Department,
    /** 一件事 bundles this item is part of. */
    bundles: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })),
  },
  { title: 'ItemGuide' },
)
export type ItemGuideResponse = Static<typeof ItemGuideResponse>

/** GET /api/catalog/guides — every guide in one document, so any guide opens offline. */
export const GuidesResponse = Type.Object(
  {
    catalogVersion: CatalogVersion,
    items: Type.Array(ServiceItem),
    departments: Type.Array(Department),
  },
  { title: 'Guides' },
)
export type GuidesResponse = Static<typeof GuidesResponse>

export const CodeParams = Type.Object({ code: Type.String({ minLength: 1, maxLength: 64 }) })
export type CodeParams = Static<typeof CodeParams>

// ---- Search index (what the device caches) ----

export const SearchIndexEntry = Type.Object({
  c: Code17,
  n: Type.String(),
  a: Type.Array(Type.String()),
  d: Type.String(),
  p: Type.Integer(),
  w: Type.Integer({ description: '四办 bitmask: 1 instant, 2 online, 4 nearby, 8 oneVisit' }),
  u: Type.Union([Type.Literal('p'), Type.Literal('e'), Type.Literal('b')]),
  y: Type.Array(Type.String()),
})

export const SearchIndex = Type.Object(
  {
    v: Type.Literal(1),
    catalog: Type.String(),
    items: Type.Array(SearchIndexEntry),
    depts: Type.Record(Type.String(), Type.Array(Type.String())),
    syn: Type.Array(Type.Array(Type.String())),
    synPy: Type.Record(Type.String(), Type.String()),
    chars: Type.Record(Type.String(), Type.String()),
  },
  { title: 'SearchIndex', description: 'Input of prepareIndex()/search() in src/domain/catalog/search.ts.' },
)

/** Item fields a result list shows beyond the index entry; short keys keep the download small. */
export const ITEM_BRIEF_FLAGS = { applyOnline: 1, book: 2, autoApproval: 4 } as const
export const ItemBrief = Type.Object(
  {
    c: Code17,
    t: ItemType,
    v: Type.Integer({ minimum: 0, maximum: 2, description: '跑动次数' }),
    pd: Type.Integer({ minimum: 0, description: '承诺办结时限 (working days)' }),
    f: Type.Integer({ description: 'Bitmask: 1 can apply online, 2 can book, 4 auto-approval (秒批).' }),
    le: Type.Optional(Type.Array(LifeEvent)),
    es: Type.Optional(Type.Array(EnterpriseStage)),
  },
  { title: 'ItemBrief' },
)
export type ItemBrief = Static<typeof ItemBrief>

export const BundleSummary = Type.Object(
  {
    code: Type.String(),
    name: Type.String(),
    description: Type.String(),
    audience: Audience,
    leadDepartment: Type.String(),
    leadDepartmentName: Type.String(),
    promisedDays: Type.Integer({ minimum: 0 }),
    visits: Type.Integer({ minimum: 0, maximum: 2 }),
    lifeEvents: Type.Array(LifeEvent),
    enterpriseStages: Type.Array(EnterpriseStage),
    popularity: Type.Integer(),
    itemCount: Type.Integer({ minimum: 1 }),
  },
  { title: 'BundleSummary' },
)
export type BundleSummary = Static<typeof BundleSummary>

export const HotSearch = Type.Object({ text: Type.String(), code: Code17, popularity: Type.Integer() })
export type HotSearch = Static<typeof HotSearch>

/** GET /api/catalog/index — everything search and the lists need offline, in one cacheable document. */
export const CatalogIndexResponse = Type.Object(
  {
    version: CatalogVersion,
    city: Type.String({ pattern: '^\\d{6}$' }),
    index: SearchIndex,
    briefs: Type.Array(ItemBrief, { description: 'One per index item, same order.' }),
    bundles: Type.Array(BundleSummary),
    hot: Type.Array(HotSearch),
  },
  { title: 'CatalogIndex' },
)
export type CatalogIndexResponse = Static<typeof CatalogIndexResponse>

// ---- Server-side search ----

export const ITEMS_PAGE_SIZE_MAX = 50

export const ItemsQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 50, description: 'Chinese, pinyin or initials; empty = browse by popularity.' })),
    department: Type.Optional(Type.String({ pattern: '^(?:[a-z][A-Za-z]{0,31}|\\d{3})$', description: 'Department id (police) or 3-digit code.' })),
    fourWay: Type.Optional(FourWay),
    audience: Type.Optional(Type.Union([Type.Literal('person'), Type.Literal('enterprise')], { description: 'person also returns items for both; likewise enterprise.' })),
    lifeEvent: Type.Optional(LifeEvent),
    stage: Type.Optional(EnterpriseStage),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 1 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: ITEMS_PAGE_SIZE_MAX, default: 20 })),
  },
  { additionalProperties: false },
)
export type ItemsQuery = Static<typeof ItemsQuery>

export const ItemSummary = Type.Object(
  {
    code: Code17,
    name: Type.String(),
    department: Type.String(),
    departmentName: Type.String(),
    type: ItemType,
    audience: Audience,
    fourWays: FourWays,
    visits: Type.Integer({ minimum: 0, maximum: 2 }),
    promisedDays: Type.Integer({ minimum: 0 }),
    canApplyOnline: Type.Boolean(),
    canBook: Type.Boolean(),
    autoApproval: Type.Boolean(),
    popularity: Type.Integer(),
  },
  { title: 'ItemSummary' },
)
export type ItemSummary = Static<typeof ItemSummary>

export const ItemsResponse = Type.Object(
  {
    catalogVersion: CatalogVersion,
    total: Type.Integer({ minimum: 0 }),
    page: Type.Integer({ minimum: 1 }),
    pageSize: Type.Integer({ minimum: 1 }),
    items: Type.Array(Type.Intersect([ItemSummary, Type.Object({ match: MatchKind })])),
  },
  { title: 'ItemSearchResults' },
)
export type ItemsResponse = Static<typeof ItemsResponse>

// ---- Lists ----

export const DepartmentsResponse = Type.Object(
  { catalogVersion: CatalogVersion, departments: Type.Array(Type.Intersect([Department, Type.Object({ itemCount: Type.Integer() })])) },
  { title: 'Departments' },
)
export type DepartmentsResponse = Static<typeof DepartmentsResponse>

const category = <K extends string>(key: TUnion<TLiteral<K>[]>) =>
  Type.Object({ key, name: Type.String(), itemCount: Type.Integer(), bundleCodes: Type.Array(Type.String()) })
export const CategoriesResponse = Type.Object(
  { catalogVersion: CatalogVersion, lifeEvents: Type.Array(category(LifeEvent)), enterpriseStages: Type.Array(category(EnterpriseStage)) },
  { title: 'Categories' },
)
export type CategoriesResponse = Static<typeof CategoriesResponse>

export const HotSearchesQuery = Type.Object(
  { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 30, default: 10 })) },
  { additionalProperties: false },
)
export type HotSearchesQuery = Static<typeof HotSearchesQuery>
export const HotSearchesResponse = Type.Object({ catalogVersion: CatalogVersion, terms: Type.Array(HotSearch) }, { title: 'HotSearches' })
export type HotSearchesResponse = Static<typeof HotSearchesResponse>

// ---- 一件事 bundles ----

export const BundlesResponse = Type.Object({ catalogVersion: CatalogVersion, bundles: Type.Array(BundleSummary) }, { title: 'Bundles' })
export type BundlesResponse = Static<typeof BundlesResponse>

export const MergedField = Type.Object({
  key: Type.String(),
  label: Type.String(),
  kind: literals(FORM_FIELD_KINDS),
  required: Type.Boolean(),
  options: Type.Optional(Type.Array(Type.String())),
  usedBy: Type.Array(Code17, { description: 'Items of the bundle that ask for this field.' }),
})
export const MergedMaterial = Type.Intersect([Material, Type.Object({ usedBy: Type.Array(Code17) })])

/** GET /api/catalog/bundles/:code — one form (一表申请) and one materials list (一套材料). */
export const BundleDetailResponse = Type.Object(
  {
    catalogVersion: CatalogVersion,
    bundle: BundleSummary,
    items: Type.Array(Type.Pick(ItemSummary, ['code', 'name', 'department', 'departmentName', 'promisedDays', 'visits'])),
    form: Type.Array(MergedField),
    materials: Type.Array(MergedMaterial),
  },
  { title: 'BundleDetail' },
)
export type BundleDetailResponse = Static<typeof BundleDetailResponse>

// ---- Halls (就近办) ----

const Hhmm = Type.String({ pattern: '^\\d{2}:\\d{2}$' })
const Range = Type.Array(Hhmm, { minItems: 2, maxItems: 2, description: '[open, close), China time' })

export const HallToday = Type.Object({
  date: Type.String({ format: 'date', description: 'Calendar day in China.' }),
  weekday: Type.Integer({ minimum: 1, maximum: 7, description: 'ISO weekday, 1 = Monday' }),
  kind: DayKind,
  holidayName: Type.Optional(Type.String()),
  ranges: Type.Array(Range),
  openNow: Type.Boolean({ description: 'Open at the moment asked about (`at`, default now).' }),
  closesAt: Type.Optional(Hhmm),
  opensAt: Type.Optional(Hhmm),
})
export type HallToday = Static<typeof HallToday>

export const HallSummary = Type.Object(
  {
    code: Type.String(),
    name: Type.String(),
    level: HallLevel,
    district: Type.String({ pattern: '^\\d{6}$' }),
    districtName: Type.String(),
    address: Type.String(),
    phone: Type.String(),
    location: Type.Object({ lat: Type.Number(), lng: Type.Number() }),
    windows: Type.Integer(),
    itemCount: Type.Integer(),
    distanceMeters: Type.Optional(Type.Integer({ minimum: 0 })),
    today: HallToday,
  },
  { title: 'HallSummary' },
)
export type HallSummary = Static<typeof HallSummary>

const At = Type.String({ format: 'date-time', description: 'Moment to compute opening for (ISO 8601); default now.' })

export const HallsQuery = Type.Object(
  {
    lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
    lng: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
    district: Type.Optional(Type.String({ pattern: '^\\d{6}$' })),
    item: Type.Optional(Code17),
    at: Type.Optional(At),
  },
  { additionalProperties: false },
)
export type HallsQuery = Static<typeof HallsQuery>

export const HallsResponse = Type.Object(
  {
    at: Type.String({ format: 'date-time' }),
    sort: Type.Union([Type.Literal('distance'), Type.Literal('district')]),
    halls: Type.Array(HallSummary, { description: 'In display order.' }),
    groups: Type.Array(
      Type.Object({ district: Type.String(), name: Type.String(), hallCodes: Type.Array(Type.String()) }),
      { description: 'By district when no location was given; empty when sorted by distance.' },
    ),
  },
  { title: 'Halls' },
)
export type HallsResponse = Static<typeof HallsResponse>

export const HallQuery = Type.Object({ at: Type.Optional(At) }, { additionalProperties: false })
export type HallQuery = Static<typeof HallQuery>

export const HallDetailResponse = Type.Object(
  {
    at: Type.String({ format: 'date-time' }),
    hall: Type.Intersect([
      HallSummary,
      Type.Object({
        hours: Type.Record(Type.String({ pattern: '^[1-7]$' }), Type.Array(Range), { description: 'Weekly hours by ISO weekday.' }),
      }),
    ]),
    items: Type.Array(ItemSummary, { description: 'Items served in person, most asked-for first.' }),
  },
  { title: 'HallDetail' },
)
export type HallDetailResponse = Static<typeof HallDetailResponse>

// ---- Compile-time agreement with the domain types ----
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
type Assert<T extends true> = T
export type _Checks = [
  Assert<Same<(typeof ITEM_TYPES)[number], DomainItemType>>,
  Assert<Same<(typeof AUDIENCES)[number], DomainAudience>>,
  Assert<Same<(typeof LIFE_EVENTS)[number], DomainLifeEvent>>,
  Assert<Same<(typeof ENTERPRISE_STAGES)[number], DomainEnterpriseStage>>,
  Assert<Same<(typeof MATERIAL_FORMS)[number], DomainMaterialForm>>,
  Assert<Same<(typeof MATERIAL_SOURCES)[number], DomainMaterialSource>>,
  Assert<Same<(typeof RULE_OPS)[number], DomainRuleOp>>,
  Assert<Same<(typeof FORM_FIELD_KINDS)[number], DomainFormFieldKind>>,
  Assert<Same<(typeof HALL_LEVELS)[number], DomainHallLevel>>,
  Assert<Same<(typeof DAY_KINDS)[number], DomainDayKind>>,
  Assert<Same<(typeof MATCH_KINDS)[number], DomainMatchKind>>,
  Assert<Same<ServiceItem, DomainServiceItem>>,
  Assert<Same<Department, DomainDepartment>>,
  Assert<Same<Static<typeof SearchIndex>, DomainSearchIndex>>,
  Assert<Same<Static<typeof MergedField>, DomainMergedField>>,
  Assert<Same<Static<typeof MergedMaterial>, DomainMergedMaterial>>,
]
