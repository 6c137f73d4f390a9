// The published catalog, served from the versioned seed module in memory: it is reference data
// that changes only with a release (CATALOG.version), so everything derived from it (the search
// index, summaries, whole JSON documents and their ETags) is computed once per process.
import { createHash } from 'node:crypto'
import { CATALOG, SYNONYM_GROUPS } from '../../data/catalog'
import { buildSearchIndex } from '../../data/catalog/buildIndex'
import { mergeBundleForm, mergeBundleMaterials } from '../../../src/domain/catalog/bundle'
import { prepareIndex, type PreparedIndex } from '../../../src/domain/catalog/search'
import type { Bundle, Catalog, Department, Hall, ServiceItem } from '../../../src/domain/catalog/types'
import { CITY } from '../../../src/domain/regions'
import { catalog as text } from '../../../src/domain/messages/zh-CN/catalog'
import {
  ENTERPRISE_STAGES,
  ITEM_BRIEF_FLAGS,
  LIFE_EVENTS,
  type BundleDetailResponse,
  type BundleSummary,
  type CatalogIndexResponse,
  type CategoriesResponse,
  type DepartmentsResponse,
  type GuidesResponse,
  type HotSearch,
  type ItemBrief,
  type ItemGuideResponse,
  type ItemSummary,
} from '../../../src/domain/contract/catalog'

/** A JSON document serialised once, with a strong ETag over its exact bytes. */
export interface CachedJson {
  body: string
  etag: string
  bytes: number
}

export function cachedJson(value: unknown, version: string): CachedJson {
  const body = JSON.stringify(value)
  // Hex, not base64url: a '-' in the hash could look like the coding suffix http.ts appends.
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 32)
  return { body, etag: `"${version}-${hash}"`, bytes: Buffer.byteLength(body) }
}

export const HOT_SEARCH_DEFAULT = 10

export interface CatalogState {
  catalog: Catalog
  version: string
  prepared: PreparedIndex
  items: ReadonlyMap<string, ServiceItem>
  departments: ReadonlyMap<string, Department>
  /** 3-digit department code → id. */
  departmentIdByCode: ReadonlyMap<string, string>
  bundles: ReadonlyMap<string, Bundle>
  halls: ReadonlyMap<string, Hall>
  hallItems: ReadonlyMap<string, ReadonlySet<string>>
  districtNames: ReadonlyMap<string, string>
  summaries: ReadonlyMap<string, ItemSummary>
  /** The document the device caches (GET /api/catalog/index). */
  index: CachedJson
  /** Every guide at once, for offline use (GET /api/catalog/guides). */
  guidesDoc: CachedJson
  departmentsDoc: CachedJson
  categoriesDoc: CachedJson
  bundlesDoc: CachedJson
  hotSearches(limit: number): CachedJson
  guide(code: string): CachedJson | undefined
  bundleDetail(code: string): CachedJson | undefined
}

function memo<K, V>(compute: (key: K) => V | undefined): (key: K) => V | undefined {
  const cache = new Map<K, V>()
  return (key) => {
    if (cache.has(key)) return cache.get(key)
    const value = compute(key)
    if (value !== undefined) cache.set(key, value)
    return value
  }
}

function build(catalog: Catalog, synonyms: string[][]): CatalogState {
  const version = catalog.version
  const items = new Map(catalog.items.map((it) => [it.code, it]))
  const departments = new Map(catalog.departments.map((d) => [d.id, d]))
  const bundles = new Map(catalog.bundles.map((b) => [b.id, b]))
  const halls = new Map(catalog.halls.map((h) => [h.id, h]))
  const deptName = (id: string): string => departments.get(id)?.name ?? id

  const summaries = new Map<string, ItemSummary>(
    catalog.items.map((it) => [
      it.code,
      {
        code: it.code,
        name: it.name,
        department: it.department,
        departmentName: deptName(it.department),
        type: it.type,
        audience: it.audience,
        fourWays: it.fourWays,
        visits: it.visits,
        promisedDays: it.promisedDays,
        canApplyOnline: it.canApplyOnline,
        canBook: it.canBook,
        autoApproval: it.autoApproval !== null,
        popularity: it.popularity,
      },
    ]),
  )

  const bundleSummary = (b: Bundle): BundleSummary => ({
    code: b.id,
    name: b.name,
    description: b.description,
    audience: b.audience,
    leadDepartment: b.leadDepartment,
    leadDepartmentName: deptName(b.leadDepartment),
    promisedDays: b.promisedDays,
    visits: b.visits,
    lifeEvents: b.lifeEvents,
    enterpriseStages: b.enterpriseStages,
    popularity: b.popularity,
    itemCount: b.items.length,
  })
  const bundleList = [...catalog.bundles].sort((a, b) => b.popularity - a.popularity || a.id.localeCompare(b.id)).map(bundleSummary)

  // Most asked-for items first; the code breaks ties so the list is stable across runs.
  const byPopularity = [...catalog.items].sort((a, b) => b.popularity - a.popularity || a.code.localeCompare(b.code))
  const hot = (limit: number): HotSearch[] => byPopularity.slice(0, limit).map((it) => ({ text: it.name, code: it.code, popularity: it.popularity }))

  const searchIndex = buildSearchIndex(catalog, synonyms)
  const briefs: ItemBrief[] = catalog.items.map((it) => {
    const f =
      (it.canApplyOnline ? ITEM_BRIEF_FLAGS.applyOnline : 0) | (it.canBook ? ITEM_BRIEF_FLAGS.book : 0) | (it.autoApproval ? ITEM_BRIEF_FLAGS.autoApproval : 0)
    const brief: ItemBrief = { c: it.code, t: it.type, v: it.visits, pd: it.promisedDays, f }
    // Empty lists are left out: most items have one of the two, and the index is downloaded whole.
    if (it.lifeEvents.length > 0) brief.le = it.lifeEvents
    if (it.enterpriseStages.length > 0) brief.es = it.enterpriseStages
    return brief
  })
  const indexDoc: CatalogIndexResponse = {
    version,
    city: catalog.city,
    index: searchIndex,
    briefs,
    bundles: bundleList,
    hot: hot(HOT_SEARCH_DEFAULT),
  }

  const departmentsDoc: DepartmentsResponse = {
    catalogVersion: version,
    departments: catalog.departments.map((d) => ({ ...d, itemCount: catalog.items.filter((it) => it.department === d.id).length })),
  }

  const categoriesDoc: CategoriesResponse = {
    catalogVersion: version,
    lifeEvents: LIFE_EVENTS.map((key) => ({
      key,
      name: text.lifeEvent[key],
      itemCount: catalog.items.filter((it) => it.lifeEvents.includes(key)).length,
      bundleCodes: bundleList.filter((b) => b.lifeEvents.includes(key)).map((b) => b.code),
    })),
    enterpriseStages: ENTERPRISE_STAGES.map((key) => ({
      key,
      name: text.enterpriseStage[key],
      itemCount: catalog.items.filter((it) => it.enterpriseStages.includes(key)).length,
      bundleCodes: bundleList.filter((b) => b.enterpriseStages.includes(key)).map((b) => b.code),
    })),
  }

  const guide = memo<string, CachedJson>((code) => {
    const item = items.get(code)
    if (!item) return undefined
    const department = departments.get(item.department)
    if (!department) throw new Error(`catalog: item ${code} has unknown department ${item.department}`)
    const doc: ItemGuideResponse = {
      catalogVersion: version,
      item,
      department,
      bundles: bundleList.filter((b) => bundles.get(b.code)?.items.some((x) => x.code === code)).map((b) => ({ code: b.code, name: b.name })),
    }
    return cachedJson(doc, version)
  })

  const bundleDetail = memo<string, CachedJson>((code) => {
    const bundle = bundles.get(code)
    if (!bundle) return undefined
    const doc: BundleDetailResponse = {
      catalogVersion: version,
      bundle: bundleSummary(bundle),
      items: bundle.items.map(({ code: c }) => {
        const s = summaries.get(c)
        if (!s) throw new Error(`catalog: bundle ${code} names unknown item ${c}`)
        return { code: s.code, name: s.name, department: s.department, departmentName: s.departmentName, promisedDays: s.promisedDays, visits: s.visits }
      }),
      form: mergeBundleForm(bundle),
      materials: mergeBundleMaterials(bundle, items),
    }
    return cachedJson(doc, version)
  })

  const hotDocs = memo<number, CachedJson>((limit) => cachedJson({ catalogVersion: version, terms: hot(limit) }, version))

  return {
    catalog,
    version,
    prepared: prepareIndex(searchIndex),
    items,
    departments,
    departmentIdByCode: new Map(catalog.departments.map((d) => [d.code, d.id])),
    bundles,
    halls,
    hallItems: new Map(catalog.halls.map((h) => [h.id, new Set(h.items)])),
    districtNames: new Map(CITY.districts.map((d) => [d.code, d.name])),
    summaries,
    index: cachedJson(indexDoc, version),
    guidesDoc: cachedJson({ catalogVersion: version, items: catalog.items, departments: catalog.departments } satisfies GuidesResponse, version),
    departmentsDoc: cachedJson(departmentsDoc, version),
    categoriesDoc: cachedJson(categoriesDoc, version),
    bundlesDoc: cachedJson({ catalogVersion: version, bundles: bundleList }, version),
    hotSearches: (limit) => hotDocs(limit) as CachedJson,
    guide,
    bundleDetail,
  }
}

let state: CatalogState | undefined

/** The catalog state, built on first use and shared by every app instance in the process. */
export function catalogState(): CatalogState {
  state ??= build(CATALOG, SYNONYM_GROUPS)
  return state
}
