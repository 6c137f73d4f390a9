// Catalog API: the offline index (ETag/304, compression), search with filters and pages, guides,
// lists and 一件事 bundles. The catalog is served from the seed module, so answers are compared
// with the domain functions run directly on the same data.
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { CATALOG, SYNONYM_GROUPS } from '../../mock/data/catalog'
import { buildSearchIndex } from '../../mock/data/catalog/buildIndex'
import { mergeBundleForm, mergeBundleMaterials } from '../../src/domain/catalog/bundle'
import { prepareIndex, search, type SearchIndex } from '../../src/domain/catalog/search'
import type {
  BundleDetailResponse,
  BundlesResponse,
  CatalogIndexResponse,
  CategoriesResponse,
  DepartmentsResponse,
  GuidesResponse,
  HotSearchesResponse,
  ItemGuideResponse,
  ItemsResponse,
} from '../../src/domain/contract/catalog'
import { ENTERPRISE_STAGES, LIFE_EVENTS } from '../../src/domain/contract/catalog'
import { forEachDatabase, type TestEnv } from './harness'

const CJK = /[\u4e00-\u9fff]/
const STRONG_ETAG = /^"[^"]+"$/

const itemNamed = (name: string) => {
  const it = CATALOG.items.find((x) => x.name === name)
  if (!it) throw new Error(`no item ${name}`)
  return it
}

function get(env: TestEnv, url: string, headers: Record<string, string> = {}) {
  return env.app.inject({ method: 'GET', url, headers })
}

function expectError(res: { statusCode: number; json: () => any }, status: number, code: string, field?: string) {
  expect(res.statusCode).toBe(status)
  const body = res.json()
  expect(body).toMatchObject({ statusCode: status, code })
  if (field) expect(body.field).toBe(field)
  expect(body.message).toMatch(CJK)
  return body
}

forEachDatabase('catalog API', (getEnv) => {
  describe('GET /api/catalog/index', () => {
    it('serves the whole offline index with a strong ETag and revalidation caching', async () => {
      const res = await get(getEnv(), '/api/catalog/index')
      expect(res.statusCode).toBe(200)
      expect(res.headers['content-type']).toContain('application/json')
      expect(res.headers['cache-control']).toBe('public, no-cache')
      const etag = String(res.headers.etag)
      expect(etag).toMatch(STRONG_ETAG)
      expect(etag).toContain(CATALOG.version)
      const body = res.json<CatalogIndexResponse>()
      expect(body.version).toBe(CATALOG.version)
      expect(body.index.catalog).toBe(CATALOG.version)
      expect(body.index.items.map((e) => e.c)).toEqual(CATALOG.items.map((it) => it.code))
      expect(body.briefs.map((b) => b.c)).toEqual(CATALOG.items.map((it) => it.code))
      expect(body.bundles).toHaveLength(CATALOG.bundles.length)
      expect(body.hot.length).toBeGreaterThan(0)
      // The downloaded index drives the same search the device runs.
      const prepared = prepareIndex(body.index as SearchIndex)
      expect(search(prepared, 'gjj tq', { limit: 3 }).length).toBeGreaterThan(0)
      expect(search(prepared, '公积金提取', { limit: 3 }).map((h) => h.name).join()).toContain('公积金')
      const brief = body.briefs.find((b) => b.c === itemNamed('居民身份证首次申领').code)
      expect(brief).toMatchObject({ t: 'confirmation', v: 1, le: ['residence'] })
      expect(brief?.es).toBeUndefined()
    })

    it('answers 304 without a body when If-None-Match holds the current tag (also in a list or weak)', async () => {
      const first = await get(getEnv(), '/api/catalog/index')
      const etag = String(first.headers.etag)
      for (const inm of [etag, `"stale", ${etag}`, `W/${etag}`, '*']) {
        const res = await get(getEnv(), '/api/catalog/index', { 'if-none-match': inm })
        expect([inm, res.statusCode]).toEqual([inm, 304])
        expect(res.body).toBe('')
        expect(res.headers.etag).toBe(inm === '*' ? etag : etag)
        expect(res.headers['cache-control']).toBe('public, no-cache')
      }
      const stale = await get(getEnv(), '/api/catalog/index', { 'if-none-match': '"2000.01.1-outdated"' })
      expect(stale.statusCode).toBe(200)
      expect(stale.body).toBe(first.body)
      expect(stale.headers.etag).toBe(etag)
    })

    it('is compressed for clients that accept it, with a per-coding tag that still revalidates', async () => {
      const plain = await get(getEnv(), '/api/catalog/index')
      const etag = String(plain.headers.etag)
      // The identity answer varies by Accept-Encoding too: a shared cache must not hand it to a
      // client that asked for br (nor the br body to one that did not).
      expect(plain.headers['content-encoding']).toBeUndefined()
      expect(String(plain.headers.vary)).toContain('accept-encoding')
      expect(etag).not.toMatch(/-(gzip|br)"$/)
      const gz = await get(getEnv(), '/api/catalog/index', { 'accept-encoding': 'gzip' })
      expect(gz.statusCode).toBe(200)
      expect(gz.headers['content-encoding']).toBe('gzip')
      expect(String(gz.headers.vary)).toContain('accept-encoding')
      expect(gz.headers.etag).toBe(etag.replace(/"$/, '-gzip"'))
      expect(gunzipSync(gz.rawPayload).toString('utf8')).toBe(plain.body)
      const br = await get(getEnv(), '/api/catalog/index', { 'accept-encoding': 'br, gzip' })
      expect(br.headers['content-encoding']).toBe('br')
      expect(br.headers.etag).toBe(etag.replace(/"$/, '-br"'))
      expect(brotliDecompressSync(br.rawPayload).toString('utf8')).toBe(plain.body)

      // Budgets for the download the device makes on first start and after a catalog release.
      expect(plain.rawPayload.length).toBeLessThan(250_000)
      expect(gz.rawPayload.length).toBeLessThan(60_000)
      expect(gz.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3)

      const revalidated = await get(getEnv(), '/api/catalog/index', { 'accept-encoding': 'gzip', 'if-none-match': String(gz.headers.etag) })
      expect(revalidated.statusCode).toBe(304)
      expect(revalidated.headers.etag).toBe(gz.headers.etag)
      // RFC 9110 15.4.5: the 304 repeats the 200's Vary.
      expect(revalidated.headers.vary).toBe('accept-encoding')
    })
  })

  describe('GET /api/catalog/items (search)', () => {
    // Built here from the same seed, independently of the server's copy; compared hit by hit below.
    const prepared = prepareIndex(buildSearchIndex(CATALOG, SYNONYM_GROUPS))

    it.each(['公积金提取', 'gjj', 'shebao', '身份证', '开办餐馆 营业执照', ''])('ranks %p exactly like the on-device search', async (q) => {
      const res = await get(getEnv(), `/api/catalog/items?q=${encodeURIComponent(q)}&pageSize=10`)
      expect(res.statusCode).toBe(200)
      expect(res.headers['cache-control']).toBe('public, max-age=300')
      const body = res.json<ItemsResponse>()
      const expected = search(prepared, q, { limit: 10 })
      expect(body.items.map((i) => [i.code, i.match])).toEqual(expected.map((h) => [h.code, h.match]))
      expect(body.total).toBe(search(prepared, q, { limit: 10_000 }).length)
      expect(body.catalogVersion).toBe(CATALOG.version)
    })

    it('returns summaries with the department name and flags', async () => {
      const it0 = itemNamed('居民身份证首次申领')
      const body = (await get(getEnv(), `/api/catalog/items?q=${encodeURIComponent(it0.name)}`)).json<ItemsResponse>()
      expect(body.items[0]).toEqual({
        code: it0.code,
        name: it0.name,
        department: 'police',
        departmentName: CATALOG.departments.find((d) => d.id === 'police')?.name,
        type: it0.type,
        audience: it0.audience,
        fourWays: it0.fourWays,
        visits: it0.visits,
        promisedDays: it0.promisedDays,
        canApplyOnline: it0.canApplyOnline,
        canBook: it0.canBook,
        autoApproval: it0.autoApproval !== null,
        popularity: it0.popularity,
        match: 'exactName',
      })
    })

    it('filters by department (id or 3-digit code), 四办 flag, audience, life event and stage', async () => {
      const env = getEnv()
      const police = (await get(env, '/api/catalog/items?department=police&pageSize=50')).json<ItemsResponse>()
      expect(police.total).toBe(CATALOG.items.filter((it) => it.department === 'police').length)
      expect(police.items.every((i) => i.department === 'police')).toBe(true)
      const code = CATALOG.departments.find((d) => d.id === 'police')?.code
      expect((await get(env, `/api/catalog/items?department=${code}`)).json<ItemsResponse>().total).toBe(police.total)

      const online = (await get(env, '/api/catalog/items?fourWay=online&pageSize=50')).json<ItemsResponse>()
      expect(online.total).toBe(CATALOG.items.filter((it) => it.fourWays.online).length)
      expect(online.items.every((i) => i.fourWays.online)).toBe(true)

      const ent = (await get(env, '/api/catalog/items?audience=enterprise&pageSize=50')).json<ItemsResponse>()
      expect(ent.total).toBe(CATALOG.items.filter((it) => it.audience !== 'person').length)
      expect(ent.items.every((i) => i.audience !== 'person')).toBe(true)

      const birth = (await get(env, '/api/catalog/items?lifeEvent=birth&pageSize=50')).json<ItemsResponse>()
      const birthCodes = CATALOG.items.filter((it) => it.lifeEvents.includes('birth')).map((it) => it.code)
      expect(birth.total).toBe(birthCodes.length)
      expect(birth.total).toBeGreaterThan(0)
      expect(birth.items.every((i) => birthCodes.includes(i.code))).toBe(true)

      const closing = (await get(env, '/api/catalog/items?stage=close&q=zhuxiao&pageSize=50')).json<ItemsResponse>()
      expect(closing.total).toBeGreaterThan(0)
      for (const i of closing.items) expect(CATALOG.items.find((it) => it.code === i.code)?.enterpriseStages).toContain('close')

      const combined = (await get(env, '/api/catalog/items?department=hpf&audience=person&q=%E6%8F%90%E5%8F%96')).json<ItemsResponse>()
      expect(combined.total).toBeGreaterThan(0)
      expect(combined.items.every((i) => i.department === 'hpf' && i.audience !== 'enterprise')).toBe(true)
    })

    it('pages through the results without overlap', async () => {
      const env = getEnv()
      const all = (await get(env, '/api/catalog/items?pageSize=50')).json<ItemsResponse>()
      expect(all.total).toBe(CATALOG.items.length)
      const p1 = (await get(env, '/api/catalog/items?page=1&pageSize=7')).json<ItemsResponse>()
      const p2 = (await get(env, '/api/catalog/items?page=2&pageSize=7')).json<ItemsResponse>()
      expect(p1).toMatchObject({ page: 1, pageSize: 7, total: all.total })
      expect(p1.items.map((i) => i.code)).toEqual(all.items.slice(0, 7).map((i) => i.code))
      expect(p2.items.map((i) => i.code)).toEqual(all.items.slice(7, 14).map((i) => i.code))
      // Browsing without a query lists the most asked-for items first.
      const pops = all.items.map((i) => i.popularity)
      expect(pops).toEqual([...pops].sort((a, b) => b - a))
      const beyond = (await get(env, '/api/catalog/items?page=1000&pageSize=50')).json<ItemsResponse>()
      expect(beyond.items).toEqual([])
      expect(beyond.total).toBe(all.total)
      // Defaults.
      expect((await get(env, '/api/catalog/items')).json<ItemsResponse>()).toMatchObject({ page: 1, pageSize: 20 })
    })

    it('rejects bad filters with 400 naming the field, in Chinese', async () => {
      const env = getEnv()
      const unknownDept = expectError(await get(env, '/api/catalog/items?department=nosuchdept'), 400, 'UNKNOWN_DEPARTMENT', 'department')
      expect(unknownDept.message).toContain('部门')
      expectError(await get(env, '/api/catalog/items?department=999'), 400, 'UNKNOWN_DEPARTMENT', 'department')
      expect(expectError(await get(env, '/api/catalog/items?department=%E5%85%AC%E5%AE%89'), 400, 'VALIDATION', 'department').message).toContain('部门')
      expect(expectError(await get(env, '/api/catalog/items?fourWay=fast'), 400, 'VALIDATION', 'fourWay').message).toContain('四办')
      expectError(await get(env, '/api/catalog/items?audience=both'), 400, 'VALIDATION', 'audience')
      expectError(await get(env, '/api/catalog/items?lifeEvent=party'), 400, 'VALIDATION', 'lifeEvent')
      expectError(await get(env, '/api/catalog/items?stage=bankrupt'), 400, 'VALIDATION', 'stage')
      expect(expectError(await get(env, '/api/catalog/items?page=0'), 400, 'VALIDATION', 'page').message).toContain('页码')
      expectError(await get(env, '/api/catalog/items?page=abc'), 400, 'VALIDATION', 'page')
      expectError(await get(env, '/api/catalog/items?pageSize=51'), 400, 'VALIDATION', 'pageSize')
      expectError(await get(env, `/api/catalog/items?q=${'办'.repeat(51)}`), 400, 'VALIDATION', 'q')
      expectError(await get(env, '/api/catalog/items?color=red'), 400, 'VALIDATION', 'color')
    })
  })

  describe('GET /api/catalog/items/:code (guide)', () => {
    it('serves every 十统一 field of the item, its department and bundles, with ETag/304', async () => {
      const env = getEnv()
      const item = CATALOG.items.find((it) => it.autoApproval && it.fees.length === 0) ?? CATALOG.items[0]
      const res = await get(env, `/api/catalog/items/${item.code}`)
      expect(res.statusCode).toBe(200)
      const body = res.json<ItemGuideResponse>()
      expect(body.item).toEqual(item)
      expect(body.department.id).toBe(item.department)
      expect(body.catalogVersion).toBe(CATALOG.version)
      const etag = String(res.headers.etag)
      expect(etag).toMatch(STRONG_ETAG)
      expect(res.headers['cache-control']).toBe('public, no-cache')
      const again = await get(env, `/api/catalog/items/${item.code}`, { 'if-none-match': etag })
      expect(again.statusCode).toBe(304)
      expect(again.body).toBe('')
      // Another item has another tag.
      const other = await get(env, `/api/catalog/items/${CATALOG.items[1].code}`, { 'if-none-match': etag })
      expect(other.statusCode).toBe(200)
      expect(other.headers.etag).not.toBe(etag)
    })

    it('GET /api/catalog/guides gives every guide at once for offline use, compressed and revalidated', async () => {
      const env = getEnv()
      const res = await get(env, '/api/catalog/guides', { 'accept-encoding': 'gzip' })
      expect(res.statusCode).toBe(200)
      const body = JSON.parse(gunzipSync(res.rawPayload).toString('utf8')) as GuidesResponse
      expect(body.catalogVersion).toBe(CATALOG.version)
      expect(body.items).toEqual(CATALOG.items)
      expect(body.departments.map((d) => d.id)).toEqual(CATALOG.departments.map((d) => d.id))
      expect(res.rawPayload.length).toBeLessThan(80_000)
      expect((await get(env, '/api/catalog/guides', { 'accept-encoding': 'gzip', 'if-none-match': String(res.headers.etag) })).statusCode).toBe(304)
    })

    it('lists the bundles an item is part of', async () => {
      const bundle = CATALOG.bundles.find((b) => b.id === 'open-restaurant')
      const code = bundle?.items[0].code as string
      const body = (await get(getEnv(), `/api/catalog/items/${code}`)).json<ItemGuideResponse>()
      expect(body.bundles.map((b) => b.code)).toContain('open-restaurant')
      for (const b of body.bundles) expect(CATALOG.bundles.find((x) => x.id === b.code)?.items.some((i) => i.code === code)).toBe(true)
    })

    it('answers 404 with a Chinese message for an unknown or malformed code', async () => {
      const env = getEnv()
      const body = expectError(await get(env, '/api/catalog/items/33020099999999000'), 404, 'ITEM_NOT_FOUND', 'code')
      expect(body.message).toContain('事项')
      expectError(await get(env, '/api/catalog/items/not-a-code'), 404, 'ITEM_NOT_FOUND')
    })
  })

  describe('lists', () => {
    it('GET /api/catalog/departments gives every department with its item count', async () => {
      const res = await get(getEnv(), '/api/catalog/departments')
      expect(res.statusCode).toBe(200)
      expect(res.headers.etag).toMatch(STRONG_ETAG)
      const body = res.json<DepartmentsResponse>()
      expect(body.departments.map((d) => d.id)).toEqual(CATALOG.departments.map((d) => d.id))
      expect(body.departments.length).toBeGreaterThanOrEqual(15)
      expect(body.departments.reduce((n, d) => n + d.itemCount, 0)).toBe(CATALOG.items.length)
      // Every listed department is a valid filter, by id and by code.
      for (const d of body.departments) {
        const byId = (await get(getEnv(), `/api/catalog/items?department=${d.id}&pageSize=1`)).json<ItemsResponse>()
        const byCode = (await get(getEnv(), `/api/catalog/items?department=${d.code}&pageSize=1`)).json<ItemsResponse>()
        expect([d.id, byId.total, byCode.total]).toEqual([d.id, d.itemCount, d.itemCount])
      }
      expect(body.departments.find((d) => d.id === 'police')).toMatchObject({ code: expect.stringMatching(/^\d{3}$/), name: expect.stringMatching(CJK) })
    })

    it('GET /api/catalog/categories gives life events and enterprise stages with Chinese names', async () => {
      const body = (await get(getEnv(), '/api/catalog/categories')).json<CategoriesResponse>()
      expect(body.lifeEvents.map((c) => c.key)).toEqual([...LIFE_EVENTS])
      expect(body.enterpriseStages.map((c) => c.key)).toEqual([...ENTERPRISE_STAGES])
      expect(body.lifeEvents.find((c) => c.key === 'birth')).toMatchObject({ name: '生育', itemCount: CATALOG.items.filter((it) => it.lifeEvents.includes('birth')).length })
      expect(body.enterpriseStages.find((c) => c.key === 'start')?.name).toBe('开办')
      expect(body.enterpriseStages.find((c) => c.key === 'start')?.bundleCodes).toContain('open-restaurant')
      for (const c of [...body.lifeEvents, ...body.enterpriseStages]) expect(c.name).toMatch(CJK)
    })

    it('GET /api/catalog/hot-searches lists the most asked-for items, with a limit', async () => {
      const env = getEnv()
      const body = (await get(env, '/api/catalog/hot-searches')).json<HotSearchesResponse>()
      expect(body.terms).toHaveLength(10)
      const top = Math.max(...CATALOG.items.map((it) => it.popularity))
      expect(body.terms[0].popularity).toBe(top)
      const pops = body.terms.map((t) => t.popularity)
      expect(pops).toEqual([...pops].sort((a, b) => b - a))
      const three = (await get(env, '/api/catalog/hot-searches?limit=3')).json<HotSearchesResponse>()
      expect(three.terms).toEqual(body.terms.slice(0, 3))
      expectError(await get(env, '/api/catalog/hot-searches?limit=0'), 400, 'VALIDATION', 'limit')
    })
  })

  describe('一件事 bundles', () => {
    it('GET /api/catalog/bundles lists every bundle, most asked-for first', async () => {
      const res = await get(getEnv(), '/api/catalog/bundles')
      const body = res.json<BundlesResponse>()
      expect(body.bundles.length).toBeGreaterThanOrEqual(20)
      expect(body.bundles).toHaveLength(CATALOG.bundles.length)
      const pops = body.bundles.map((b) => b.popularity)
      expect(pops).toEqual([...pops].sort((a, b) => b - a))
      expect(body.bundles.find((b) => b.code === 'open-restaurant')).toMatchObject({ name: '开办餐馆', leadDepartment: 'market', itemCount: 6 })
      const again = await get(getEnv(), '/api/catalog/bundles', { 'if-none-match': String(res.headers.etag) })
      expect(again.statusCode).toBe(304)
    })

    it('GET /api/catalog/bundles/:code merges the form and the materials across items', async () => {
      const env = getEnv()
      const bundle = CATALOG.bundles.find((b) => b.id === 'open-restaurant')
      if (!bundle) throw new Error('seed has no open-restaurant bundle')
      const res = await get(env, '/api/catalog/bundles/open-restaurant')
      expect(res.statusCode).toBe(200)
      const body = res.json<BundleDetailResponse>()
      expect(body.items.map((i) => i.code)).toEqual(bundle.items.map((i) => i.code))

      // One field per key although several items ask for it; required if any item requires it.
      const keys = body.form.map((f) => f.key)
      expect(new Set(keys).size).toBe(keys.length)
      const asked = bundle.items.reduce((n, i) => n + i.fields.length, 0)
      expect(keys.length).toBeLessThan(asked)
      const name = body.form.find((f) => f.key === 'enterprise.name')
      expect(name?.usedBy.length).toBeGreaterThan(1)
      expect(body.form).toEqual(mergeBundleForm(bundle))

      const names = body.materials.map((m) => m.name)
      expect(new Set(names).size).toBe(names.length)
      const itemMap = new Map(CATALOG.items.map((it) => [it.code, it]))
      expect(body.materials).toEqual(mergeBundleMaterials(bundle, itemMap))
      const listed = bundle.items.reduce((n, i) => n + (itemMap.get(i.code)?.materials.length ?? 0), 0)
      expect(names.length).toBeLessThan(listed)

      expect(res.headers.etag).toMatch(STRONG_ETAG)
      expect((await get(env, '/api/catalog/bundles/open-restaurant', { 'if-none-match': String(res.headers.etag) })).statusCode).toBe(304)
    })

    it('answers 404 for an unknown bundle', async () => {
      expectError(await get(getEnv(), '/api/catalog/bundles/open-spaceport'), 404, 'BUNDLE_NOT_FOUND', 'code')
    })
  })

  it('documents the catalog routes in the OpenAPI document', async () => {
    const doc = (await get(getEnv(), '/api/openapi.json')).json<{ paths: Record<string, Record<string, { parameters?: Array<{ name: string }> }>> }>()
    for (const p of ['/api/catalog/index', '/api/catalog/guides', '/api/catalog/items', '/api/catalog/items/{code}', '/api/catalog/bundles/{code}', '/api/halls', '/api/halls/{code}']) {
      expect(Object.keys(doc.paths)).toContain(p)
    }
    expect(doc.paths['/api/catalog/items'].get.parameters?.map((x) => x.name)).toEqual(expect.arrayContaining(['q', 'department', 'fourWay', 'page']))
  })
})
