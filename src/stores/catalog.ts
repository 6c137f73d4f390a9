// Catalog on the device: the search index and every guide are kept in platform storage with their
// ETags, revalidated when online (304 keeps the copy), and used as they are when offline. Search
// runs here with the domain's search(); recent searches are stored locally.
import { makeAutoObservable, observable, runInAction } from 'mobx'
import type {
  BundleDetailResponse,
  CatalogIndexResponse,
  Department,
  GuidesResponse,
  HallDetailResponse,
  HallsResponse,
  ItemBrief,
  ServiceItem,
} from '../domain/contract/catalog'
import { prepareIndex, search, searchNamed, type PreparedIndex, type SearchIndexEntry } from '../domain/catalog/search'
import type { Audience, EnterpriseStage, FourWay, LifeEvent } from '../domain/catalog/types'
// The catalogue's own text only, not the aggregate: this store ships with the subpackages that use it.
import { catalog as catalogText } from '../domain/messages/zh-CN/catalog'
import { format } from '../domain/messages/format'
import type { GeoPoint, PlatformStorage } from '../platform/types'
import { Loadable } from './loadable'
import type { CatalogApi } from '../services/catalog'

export const STORAGE_KEYS = {
  index: 'zj.catalog.index',
  guidesMeta: 'zj.catalog.guides',
  guidesChunk: (n: number) => `zj.catalog.guides.${n}`,
  recent: 'zj.catalog.recent',
  used: 'zj.catalog.used',
} as const
/** 常用: the last items the person opened. */
export const USED_MAX = 5

export interface UsedItem {
  code: string
  name: string
}
/** Mini-programs cap one storage key at 1 MB: the guides are stored in chunks well below that. */
export const GUIDES_PER_CHUNK = 40
export const RECENT_MAX = 10
/** ITEM_BRIEF_FLAGS.book of the contract, repeated here: the app imports the contract's types only (no TypeBox in the bundle). */
const BRIEF_BOOK = 2

export interface Filters {
  department?: string
  fourWay?: FourWay
  audience?: Exclude<Audience, 'both'>
  lifeEvent?: LifeEvent
  stage?: EnterpriseStage
}

export interface ResultRow {
  code: string
  name: string
  departmentName: string
  entry: SearchIndexEntry
  brief?: ItemBrief
}

interface Stored<T> {
  etag?: string
  body: T
}

interface GuidesMeta {
  etag?: string
  catalogVersion: string
  chunks: number
  departments: Department[]
}

function readJson<T>(storage: PlatformStorage, key: string): T | undefined {
  const text = storage.get(key)
  if (!text) return undefined
  try {
    return JSON.parse(text) as T
  } catch {
    return undefined
  }
}

export class CatalogStore {
  /** The catalog index; a failure shows only when there is no copy on the device to go on with. */
  readonly indexState = new Loadable()
  index?: CatalogIndexResponse = undefined
  /** Guides by implementation code (from the cached guides document or fetched one by one). */
  guides = new Map<string, ServiceItem>()
  departments = new Map<string, Department>()
  readonly guidesState = new Loadable()
  query = ''
  filters: Filters = {}
  recent: string[] = []
  used: UsedItem[] = []
  /** Every hall (no location asked), so search can find halls by name. */
  hallList?: HallsResponse = undefined
  /** The hall list near the user (or by district). */
  readonly hallsState = new Loadable()
  halls?: HallsResponse = undefined
  locationRefused = false
  /** The signed-in person's own district (where they live), when known: it leads the by-district list. */
  ownDistrict?: string = undefined
  private prepared?: PreparedIndex = undefined
  private indexEtag?: string = undefined
  private guidesEtag?: string = undefined
  private loading?: Promise<void> = undefined

  constructor(
    private readonly api: CatalogApi,
    private readonly storage: PlatformStorage,
    private readonly locate: () => Promise<GeoPoint>,
    /** The signed-in person's district (undefined when signed out or unknown). */
    private readonly homeDistrict: () => Promise<string | undefined> = async () => undefined,
  ) {
    // Large documents are kept as references (never made deeply observable); `prepared` must be
    // observable too, or `results` computed before the index arrived would stay cached as empty.
    makeAutoObservable<CatalogStore, 'prepared' | 'api' | 'storage' | 'locate' | 'homeDistrict' | 'loading'>(this, {
      index: observable.ref,
      halls: observable.ref,
      hallList: observable.ref,
      guides: observable.shallow,
      departments: observable.shallow,
      prepared: observable.ref,
      api: false,
      storage: false,
      locate: false,
      homeDistrict: false,
      loading: false,
      indexState: false,
      guidesState: false,
      hallsState: false,
    })
    this.recent = (readJson<unknown[]>(storage, STORAGE_KEYS.recent) ?? []).filter((s): s is string => typeof s === 'string')
    this.used = (readJson<unknown[]>(storage, STORAGE_KEYS.used) ?? []).filter((u): u is UsedItem => typeof (u as UsedItem)?.code === 'string' && typeof (u as UsedItem)?.name === 'string')
  }

  /** Record an opened item at the top of 常用 (kept on the device). */
  rememberUsed(item: UsedItem): void {
    this.used = [{ code: item.code, name: item.name }, ...this.used.filter((u) => u.code !== item.code)].slice(0, USED_MAX)
    this.storage.set(STORAGE_KEYS.used, JSON.stringify(this.used))
  }

  /** Halls for search, once per app run; without it search simply finds no halls. */
  async loadHallList(): Promise<void> {
    if (this.hallList) return
    try {
      const res = await this.api.halls({})
      runInAction(() => (this.hallList = res))
    } catch {
      // Offline: items and bundles are still found from the device copy.
    }
  }

  // Read by the search page, its tests and the booking flow's hall list.
  get indexError(): string | undefined {
    return this.indexState.error
  }

  get hallsError(): string | undefined {
    return this.hallsState.error
  }

  get loadingHalls(): boolean {
    return this.hallsState.busy !== ''
  }

  /** How many filters are on (the one 筛选 control shows it). */
  get activeFilterCount(): number {
    const f = this.filters
    return [f.audience, f.fourWay, f.department].filter(Boolean).length
  }

  /** 一件事 bundles whose name answers the query (with synonyms: 生孩子 → 新生儿出生). */
  get bundleHits(): CatalogIndexResponse['bundles'] {
    const prepared = this.prepared
    const all = this.index?.bundles ?? []
    if (!prepared || !this.query.trim()) return []
    const keys = searchNamed(prepared, this.query, all.map((b) => ({ key: b.code, name: b.name })))
    const byCode = new Map(all.map((b) => [b.code, b]))
    return keys.map((k) => byCode.get(k)!).filter((b) => !this.filters.audience || b.audience === 'both' || b.audience === this.filters.audience)
  }

  /** Halls whose name or district answers the query. */
  get hallHits(): HallsResponse['halls'] {
    const prepared = this.prepared
    const halls = this.hallList?.halls ?? []
    if (!prepared || !this.query.trim()) return []
    const keys = searchNamed(prepared, this.query, halls.map((h) => ({ key: h.code, name: h.name, words: [h.districtName] })))
    const byCode = new Map(halls.map((h) => [h.code, h]))
    return keys.slice(0, 5).map((k) => byCode.get(k)!)
  }

  /** Cached copy first (works offline), then revalidation. Safe to call from every page. */
  load(): Promise<void> {
    if (!this.loading) this.loading = this.doLoad().finally(() => (this.loading = undefined))
    return this.loading
  }

  private async doLoad(): Promise<void> {
    if (!this.index) this.restore()
    // With a cached copy the user can go on; only without one is a failure an error to show.
    await this.indexState.run(
      async () => {
        const res = await this.api.index(this.index ? this.indexEtag : undefined)
        runInAction(() => {
          if (!res.notModified) {
            this.setIndex(res.body, res.etag)
            this.storage.set(STORAGE_KEYS.index, JSON.stringify({ etag: res.etag, body: res.body } satisfies Stored<CatalogIndexResponse>))
          }
        })
      },
      { recover: () => this.index !== undefined },
    )
    await this.guidesState.run(
      async () => {
        const res = await this.api.guides(this.guides.size > 0 ? this.guidesEtag : undefined)
        if (!res.notModified) runInAction(() => this.setGuides(res.body, res.etag, true))
      },
      { recover: () => this.guides.size > 0 },
    )
  }

  private restore(): void {
    const idx = readJson<Stored<CatalogIndexResponse>>(this.storage, STORAGE_KEYS.index)
    if (idx?.body?.index) this.setIndex(idx.body, idx.etag)
    const meta = readJson<GuidesMeta>(this.storage, STORAGE_KEYS.guidesMeta)
    if (meta) {
      const items: ServiceItem[] = []
      for (let i = 0; i < meta.chunks; i++) {
        const chunk = readJson<ServiceItem[]>(this.storage, STORAGE_KEYS.guidesChunk(i))
        if (!chunk) return // an incomplete copy is not used; the next load fetches it whole
        items.push(...chunk)
      }
      this.setGuides({ catalogVersion: meta.catalogVersion, items, departments: meta.departments }, meta.etag, false)
    }
  }

  private setIndex(body: CatalogIndexResponse, etag?: string): void {
    this.index = body
    this.indexEtag = etag
    this.prepared = prepareIndex(body.index)
  }

  private setGuides(body: GuidesResponse, etag: string | undefined, persist: boolean): void {
    this.guides = new Map(body.items.map((i) => [i.code, i]))
    this.departments = new Map(body.departments.map((d) => [d.id, d]))
    this.guidesEtag = etag
    if (!persist) return
    const chunks = Math.ceil(body.items.length / GUIDES_PER_CHUNK)
    for (let i = 0; i < chunks; i++) {
      this.storage.set(STORAGE_KEYS.guidesChunk(i), JSON.stringify(body.items.slice(i * GUIDES_PER_CHUNK, (i + 1) * GUIDES_PER_CHUNK)))
    }
    const meta: GuidesMeta = { etag, catalogVersion: body.catalogVersion, chunks, departments: body.departments }
    this.storage.set(STORAGE_KEYS.guidesMeta, JSON.stringify(meta))
  }

  get ready(): boolean {
    return !!this.index
  }

  private get briefs(): Map<string, ItemBrief> {
    return new Map((this.index?.briefs ?? []).map((b) => [b.c, b]))
  }

  departmentName(id: string): string {
    return this.departments.get(id)?.name ?? this.index?.index.depts[id]?.[0] ?? id
  }

  get departmentOptions(): Array<{ id: string; name: string }> {
    return Object.entries(this.index?.index.depts ?? {}).map(([id, names]) => ({ id, name: names[0] ?? id }))
  }

  /** Results for the current query and filters (empty query: the filtered items by popularity). */
  get results(): ResultRow[] {
    const prepared = this.prepared
    if (!prepared || !this.index) return []
    const { department, fourWay, audience, lifeEvent, stage } = this.filters
    const byCategory = !!(lifeEvent || stage)
    const hits = search(prepared, this.query, { department, fourWay, audience, limit: byCategory ? Number.MAX_SAFE_INTEGER : 30 })
    const entries = new Map(this.index.index.items.map((e) => [e.c, e]))
    const briefs = this.briefs
    const rows: ResultRow[] = []
    for (const h of hits) {
      const brief = briefs.get(h.code)
      if (lifeEvent && !brief?.le?.includes(lifeEvent)) continue
      if (stage && !brief?.es?.includes(stage)) continue
      const entry = entries.get(h.code)
      if (!entry) continue
      rows.push({ code: h.code, name: h.name, departmentName: this.departmentName(entry.d), entry, brief })
      if (rows.length >= 30) break
    }
    return rows
  }

  /**
   * Items that can be booked at a hall, for the booking chooser (its own query, not the search
   * page's); an empty query gives the most asked-for ones, so the chooser is never a blank page.
   */
  bookable(query: string, limit = 10): ResultRow[] {
    const prepared = this.prepared
    if (!prepared || !this.index) return []
    const entries = new Map(this.index.index.items.map((e) => [e.c, e]))
    const briefs = this.briefs
    const rows: ResultRow[] = []
    for (const h of search(prepared, query, { limit: query.trim() ? 60 : 400 })) {
      const brief = briefs.get(h.code)
      const entry = entries.get(h.code)
      if (!entry || !brief || (brief.f & BRIEF_BOOK) === 0) continue
      rows.push({ code: h.code, name: h.name, departmentName: this.departmentName(entry.d), entry, brief })
      if (rows.length >= limit) break
    }
    return rows
  }

  /** Whether the device's index says the item can be booked (unknown items: yes, the server decides). */
  canBook(code: string): boolean {
    const b = this.briefs.get(code)
    return !b || (b.f & BRIEF_BOOK) !== 0
  }

  get hot(): string[] {
    return (this.index?.hot ?? []).map((h) => h.text)
  }

  /** 一件事 bundles of the chosen category (or all, most asked-for first). */
  get bundles(): CatalogIndexResponse['bundles'] {
    const all = this.index?.bundles ?? []
    const { lifeEvent, stage } = this.filters
    if (lifeEvent) return all.filter((b) => b.lifeEvents.includes(lifeEvent))
    if (stage) return all.filter((b) => b.enterpriseStages.includes(stage))
    return all
  }

  setQuery(q: string): void {
    this.query = q
  }

  setFilter<K extends keyof Filters>(key: K, value: Filters[K] | undefined): void {
    this.filters = { ...this.filters, [key]: value }
  }

  resetFilters(next: Filters = {}): void {
    this.filters = next
  }

  /** Remember a search the user completed (submitted, or opened a result of). */
  rememberQuery(q = this.query): void {
    const text = q.trim().slice(0, 40)
    if (!text) return
    this.recent = [text, ...this.recent.filter((r) => r !== text)].slice(0, RECENT_MAX)
    this.storage.set(STORAGE_KEYS.recent, JSON.stringify(this.recent))
  }

  clearRecent(): void {
    this.recent = []
    this.storage.remove(STORAGE_KEYS.recent)
  }

  /**
   * A guide from the device copy, else that one guide from the server (kept for this session).
   * A cold deep link (a shared guide) must not wait for the whole catalogue: search and the
   * services tab download it when they are opened.
   */
  async guide(code: string): Promise<ServiceItem> {
    if (!this.index && this.guides.size === 0) this.restore()
    const cached = this.guides.get(code)
    if (cached) return cached
    const res = await this.api.guide(code)
    runInAction(() => {
      this.guides.set(res.item.code, res.item)
      this.departments.set(res.department.id, res.department)
    })
    return res.item
  }

  bundle(code: string): Promise<BundleDetailResponse> {
    return this.api.bundle(code)
  }

  hall(code: string): Promise<HallDetailResponse> {
    return this.api.hall(code)
  }

  /** Halls nearest first when the user shares a location, else by district. */
  async loadHalls(item?: string): Promise<void> {
    await this.hallsState.run(async () => {
      let at: GeoPoint | undefined
      try {
        at = await this.locate()
      } catch {
        at = undefined
      }
      runInAction(() => (this.locationRefused = !at))
      // Without a location, the person's own district leads (asked alongside; a failure only loses the order).
      const [res, own] = await Promise.all([this.api.halls({ at, item }), at ? undefined : this.homeDistrict().catch(() => undefined)])
      runInAction(() => {
        this.halls = res
        this.ownDistrict = own
      })
    })
  }

  /** The by-district groups, the person's own district first when it is among them. */
  get hallGroups(): HallsResponse['groups'] {
    return ownDistrictFirst(this.halls?.groups ?? [], this.ownDistrict)
  }

  /**
   * The halls in display order: nearest first with a location; without one, the person's own
   * district first (as hallGroups), so the guide's short list and booking's preselected hall agree
   * with the full list.
   */
  get orderedHalls(): HallsResponse['halls'] {
    const halls = this.halls?.halls ?? []
    return this.halls?.sort === 'distance' ? [...halls] : ownDistrictFirst(halls, this.ownDistrict)
  }

  /** The person's district when it leads the list (for the line saying so). */
  get leadingOwnDistrict(): HallsResponse['groups'][number] | undefined {
    const first = this.hallGroups[0]
    return first && first.district === this.ownDistrict ? first : undefined
  }
}

/** Groups in the platform's order, with `district`'s group moved to the front (the rest keep their order). */
export function ownDistrictFirst<G extends { district: string }>(groups: readonly G[], district: string | undefined): G[] {
  const own = district === undefined ? -1 : groups.findIndex((x) => x.district === district)
  return own < 0 ? [...groups] : [groups[own], ...groups.slice(0, own), ...groups.slice(own + 1)]
}

const g = catalogText.guide

/** The "一次告知" text: every material with its form, copies and whether the user has it ready. */
/** Materials the person brings: those a department shares (免提交) are not theirs to prepare. */
export function toBring(item: ServiceItem): number {
  return item.materials.filter((m) => m.source !== 'shared').length
}

export function checklistText(item: ServiceItem, ticked: ReadonlySet<number>, ui: { title: string; ready: string; todo: string; exempt: string; footer: string }): string {
  const lines = [format(ui.title, { name: item.name })]
  item.materials.forEach((m, i) => {
    const form = catalogText.materialForm[m.form]
    const req = m.required ? g.required : g.optional
    // Shared by a department: nothing to bring, so neither ready nor to do.
    const mark = m.source === 'shared' ? ui.exempt : ticked.has(i) ? ui.ready : ui.todo
    lines.push(`${i + 1}. ${mark} ${m.name}（${form}，${format(g.copies, { count: m.copies })}，${req}）`)
  })
  lines.push(format(ui.footer, { days: item.promisedDays }))
  return lines.join('\n')
}
