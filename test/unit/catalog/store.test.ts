// CatalogStore with fake transport and storage: ETag cache, offline fallback, search, recent
// searches, halls with and without location. Real catalog documents from the stand-in's state.
import { autorun } from 'mobx'
import { CatalogStore, STORAGE_KEYS, GUIDES_PER_CHUNK, RECENT_MAX, checklistText, ownDistrictFirst, toBring } from '../../../src/stores/catalog'
import { createCatalogApi } from '../../../src/services/catalog'
import { createRequest } from '../../../src/services/request'
import { TransportError, type TransportRequest, type TransportResponse } from '../../../src/platform/types'
import type { GuidesResponse, HallsResponse } from '../../../src/domain/contract/catalog'
import { messages } from '../../../src/domain/messages'
import { catalogState } from '../../../mock/src/catalog/state'
import { FakeTransport, fakePlatform, json, memoryStorage } from '../app/fakes'

const st = catalogState()
const GUIDES: GuidesResponse = JSON.parse(st.guidesDoc.body)

/** Answers like the server: 304 when If-None-Match matches, else the document with its ETag. */
function server(opts: { online?: () => boolean } = {}) {
  const calls: TransportRequest[] = []
  const transport = new FakeTransport()
  transport.fallback = (req) => {
    calls.push(req)
    if (opts.online && !opts.online()) throw new TransportError('network')
    const path = req.url.replace(/\?.*$/, '')
    const doc = path.endsWith('/api/catalog/index') ? st.index : path.endsWith('/api/catalog/guides') ? st.guidesDoc : undefined
    if (doc) {
      if (req.headers['If-None-Match'] === doc.etag) return { status: 304, headers: { etag: doc.etag }, body: '' }
      return { status: 200, headers: { etag: doc.etag }, body: doc.body } satisfies TransportResponse
    }
    const m = /\/api\/catalog\/items\/(.+)$/.exec(path)
    if (m) {
      const g = st.guide(decodeURIComponent(m[1]))
      return g ? { status: 200, headers: {}, body: g.body } : json(404, { statusCode: 404, code: 'ITEM_NOT_FOUND', message: '没有找到这个事项' })
    }
    if (path.endsWith('/api/halls')) {
      const located = req.url.includes('lat=')
      const groups = located ? [] : [{ district: '330203', name: '海曙区', hallCodes: ['a'] }, { district: '330205', name: '江北区', hallCodes: ['b'] }, { district: '330212', name: '鄞州区', hallCodes: ['c'] }]
      // Only the fields the ordering reads; the platform's order (by district, or by distance: 鄞州 nearest).
      const byDistrict = [{ code: 'a', district: '330203' }, { code: 'b', district: '330205' }, { code: 'c', district: '330212' }]
      const halls = (located ? [byDistrict[2], byDistrict[0], byDistrict[1]] : byDistrict) as unknown as HallsResponse['halls']
      const body: HallsResponse = { at: '2026-01-05T02:00:00.000Z', sort: located ? 'distance' : 'district', halls, groups }
      return json(200, body)
    }
    return json(404, { statusCode: 404, code: 'NOT_FOUND', message: '没有找到' })
  }
  return { transport, calls }
}

function make(opts: { storage?: ReturnType<typeof memoryStorage>; online?: boolean; locate?: () => Promise<{ lat: number; lng: number }>; home?: () => Promise<string | undefined> } = {}) {
  let online = opts.online ?? true
  const srv = server({ online: () => online })
  const { platform } = fakePlatform({ request: srv.transport.fn, isOnline: () => online })
  const request = createRequest({ baseUrl: '', transport: srv.transport.fn, randomBytes: (n) => new Uint8Array(n), isOnline: () => online, maxAttempts: 1 })
  const storage = opts.storage ?? memoryStorage()
  const store = new CatalogStore(createCatalogApi(platform, request, ''), storage, opts.locate ?? (async () => ({ lat: 29.87, lng: 121.55 })), opts.home)
  return { store, storage, calls: srv.calls, setOnline: (o: boolean) => (online = o) }
}

describe('CatalogStore cache', () => {
  test('first load fetches index and guides, stores both with their ETags (guides in chunks)', async () => {
    const { store, storage, calls } = make()
    await store.load()
    expect(store.ready).toBe(true)
    expect(store.guides.size).toBe(GUIDES.items.length)
    expect(calls.map((c) => c.headers['If-None-Match'])).toEqual([undefined, undefined])
    const saved = JSON.parse(storage.get(STORAGE_KEYS.index)!)
    expect(saved.etag).toBe(st.index.etag)
    const meta = JSON.parse(storage.get(STORAGE_KEYS.guidesMeta)!)
    expect(meta.etag).toBe(st.guidesDoc.etag)
    expect(meta.chunks).toBe(Math.ceil(GUIDES.items.length / GUIDES_PER_CHUNK))
    for (let i = 0; i < meta.chunks; i++) expect(storage.get(STORAGE_KEYS.guidesChunk(i))!.length).toBeLessThan(1024 * 1024)
  })

  test('a second start revalidates with If-None-Match; 304 keeps the stored copy', async () => {
    const first = make()
    await first.store.load()
    const setSpy = jest.spyOn(first.storage, 'set')
    const again = make({ storage: first.storage })
    await again.store.load()
    expect(again.calls.map((c) => c.headers['If-None-Match'])).toEqual([st.index.etag, st.guidesDoc.etag])
    expect(setSpy).not.toHaveBeenCalled()
    expect(again.store.ready).toBe(true)
    expect(again.store.guides.size).toBe(GUIDES.items.length)
    expect(again.store.indexError).toBeUndefined()
  })

  test('offline with a stored copy: search and every guide work, no error shown', async () => {
    const first = make()
    await first.store.load()
    const off = make({ storage: first.storage, online: false })
    await off.store.load()
    expect(off.calls).toHaveLength(0) // offline: no request attempted at all
    expect(off.store.indexError).toBeUndefined()
    off.store.setQuery('公积金')
    expect(off.store.results.length).toBeGreaterThan(0)
    const last = GUIDES.items[GUIDES.items.length - 1]
    const g = await off.store.guide(last.code)
    expect(g.name).toBe(last.name)
  })

  test('offline without a stored copy: a zh-CN error, and a guide fails with the offline code', async () => {
    const { store } = make({ online: false })
    await store.load()
    expect(store.ready).toBe(false)
    expect(store.indexError).toBe(messages.platform.request.offline)
    await expect(store.guide(GUIDES.items[0].code)).rejects.toMatchObject({ code: 'OFFLINE' })
  })

  test('a network failure after a stored copy exists keeps the copy', async () => {
    const first = make()
    await first.store.load()
    // Online per the platform, but the connection fails: the wrapper reports NETWORK.
    const broken = server({ online: () => false })
    const { platform } = fakePlatform({ request: broken.transport.fn })
    const request = createRequest({ baseUrl: '', transport: broken.transport.fn, randomBytes: (n) => new Uint8Array(n), maxAttempts: 1 })
    const store = new CatalogStore(createCatalogApi(platform, request, ''), first.storage, async () => ({ lat: 0, lng: 0 }))
    await store.load()
    expect(broken.calls.length).toBe(2)
    expect(store.ready).toBe(true)
    expect(store.indexError).toBeUndefined()
  })

  test('a guide opened first (cold start) comes from the stored copy without a request', async () => {
    const first = make()
    await first.store.load()
    const cold = make({ storage: first.storage })
    const item = GUIDES.items[7]
    expect((await cold.store.guide(item.code)).name).toBe(item.name)
    expect(cold.calls).toHaveLength(0)
  })

  test('a shared guide opened on a new device fetches that one guide, not the whole catalogue', async () => {
    const { store, calls, storage } = make()
    const item = GUIDES.items[11]
    expect((await store.guide(item.code)).name).toBe(item.name)
    expect(calls.map((c) => c.url.replace(/\?.*$/, ''))).toEqual([expect.stringMatching(new RegExp(`/api/catalog/items/${item.code}$`))])
    expect(store.departmentName(item.department)).not.toBe('')
    // Nothing half-kept: the device copy is still made by a full load later.
    expect(storage.get(STORAGE_KEYS.guidesMeta)).toBeNull()
    await store.load()
    expect(store.guides.size).toBe(GUIDES.items.length)
  })

  test('a corrupt stored copy is ignored and fetched again', async () => {
    const storage = memoryStorage({ [STORAGE_KEYS.index]: '{not json' })
    const { store, calls } = make({ storage })
    await store.load()
    expect(calls[0].headers['If-None-Match']).toBeUndefined()
    expect(store.ready).toBe(true)
  })
})

describe('CatalogStore search and recent searches', () => {
  test('results observed before the index arrived update once it is there (as a page sees them)', async () => {
    const { store } = make()
    const seen: number[] = []
    const stop = autorun(() => seen.push(store.results.length))
    await store.load()
    store.setQuery('公积金')
    stop()
    expect(seen[0]).toBe(0)
    expect(seen[seen.length - 1]).toBeGreaterThan(0)
  })

  test('results as the user types, with filters and categories', async () => {
    const { store } = make()
    await store.load()
    store.setQuery('gjj')
    const rows = store.results
    expect(rows.length).toBeGreaterThan(0)
    expect(rows[0].name).toContain('公积金')
    const dept = rows[0].entry.d
    store.setFilter('department', dept)
    expect(store.results.every((r) => r.entry.d === dept)).toBe(true)
    store.resetFilters({ lifeEvent: 'birth' })
    store.setQuery('')
    const birth = store.results
    expect(birth.length).toBeGreaterThan(0)
    expect(birth.every((r) => r.brief?.le?.includes('birth'))).toBe(true)
    expect(store.bundles.every((b) => b.lifeEvents.includes('birth'))).toBe(true)
    expect(store.hot.length).toBeGreaterThan(0)
  })

  test('recent searches: newest first, de-duplicated, capped, persisted, clearable', async () => {
    const storage = memoryStorage()
    const { store } = make({ storage })
    for (let i = 0; i < RECENT_MAX + 3; i++) store.rememberQuery(`查询${i}`)
    store.rememberQuery('查询5')
    store.rememberQuery('   ')
    expect(store.recent[0]).toBe('查询5')
    expect(store.recent).toHaveLength(RECENT_MAX)
    expect(new Set(store.recent).size).toBe(RECENT_MAX)
    const reopened = make({ storage }).store
    expect(reopened.recent).toEqual(store.recent)
    reopened.clearRecent()
    expect(make({ storage }).store.recent).toEqual([])
  })
})

describe('CatalogStore halls and checklist', () => {
  test('with a location the halls come sorted by distance; refusing gives the district list', async () => {
    const ok = make()
    await ok.store.loadHalls()
    expect(ok.store.locationRefused).toBe(false)
    expect(ok.store.halls?.sort).toBe('distance')
    expect(ok.calls[0].url).toContain('lat=29.87')
    const refused = make({ locate: async () => Promise.reject(new Error('denied')) })
    await refused.store.loadHalls()
    expect(refused.store.locationRefused).toBe(true)
    expect(refused.store.halls?.sort).toBe('district')
    expect(refused.calls[0].url).not.toContain('lat=')
  })

  test('without a location the signed-in person\'s own district leads; the rest keep the platform\'s order', async () => {
    const denied = async () => Promise.reject(new Error('denied'))
    const own = make({ locate: denied, home: async () => '330212' })
    await own.store.loadHalls()
    expect(own.store.hallGroups.map((g) => g.name)).toEqual(['鄞州区', '海曙区', '江北区'])
    expect(own.store.leadingOwnDistrict?.name).toBe('鄞州区')
    // The flat list (the guide's first three, booking's preselected hall) follows the same order.
    expect(own.store.orderedHalls.map((h) => h.code)).toEqual(['c', 'a', 'b'])
    // Signed out, or the district unknown or failing: the platform's order, and no line saying otherwise.
    for (const home of [async () => undefined, async () => Promise.reject(new Error('401'))]) {
      const other = make({ locate: denied, home })
      await other.store.loadHalls()
      expect(other.store.hallGroups.map((g) => g.name)).toEqual(['海曙区', '江北区', '鄞州区'])
      expect(other.store.leadingOwnDistrict).toBeUndefined()
      expect(other.store.orderedHalls.map((h) => h.code)).toEqual(['a', 'b', 'c'])
    }
    // With a location the person's district is not asked for.
    let asked = 0
    const located = make({ home: async () => { asked++; return '330212' } })
    await located.store.loadHalls()
    expect(asked).toBe(0)
    expect(located.store.orderedHalls.map((h) => h.code)).toEqual(['c', 'a', 'b'])
    expect(ownDistrictFirst([{ district: 'x' }, { district: 'y' }], 'z')).toEqual([{ district: 'x' }, { district: 'y' }])
  })

  test('一次告知 text lists every material and marks the ticked ones; a shared one is 免提交, never to prepare', () => {
    const item = GUIDES.items.find((i) => i.materials.length >= 3 && i.materials[0].source !== 'shared' && i.materials[1].source !== 'shared' && i.materials.some((m) => m.source === 'shared'))!
    expect(item).toBeDefined()
    const ui = messages.catalogUi.guide
    const shared = item.materials.findIndex((m) => m.source === 'shared')
    // Even "ticked" (a stale index), a shared material is not the person's to bring.
    const text = checklistText(item, new Set([0, shared]), { title: ui.checklistTitle, ready: ui.ready, todo: ui.todo, exempt: ui.exemptMark, footer: ui.footer })
    const lines = text.split('\n')
    expect(lines[0]).toContain(item.name)
    expect(lines[1]).toContain(ui.ready)
    expect(lines[1]).toContain(item.materials[0].name)
    expect(lines[2]).toContain(ui.todo)
    expect(lines[shared + 1]).toContain(ui.exemptMark)
    expect(lines[shared + 1]).not.toContain(ui.ready)
    expect(lines).toHaveLength(item.materials.length + 2)
    expect(toBring(item)).toBe(item.materials.length - item.materials.filter((m) => m.source === 'shared').length)
  })
})
