// 就近办: halls by distance or by district, filters, open-now from hours and the official holiday
// calendar (2026 National Day, the 调休 Saturday 10 Oct), and the hall page.
import { CATALOG } from '../../mock/data/catalog'
import { haversineMeters } from '../../src/domain/catalog/search'
import type { HallDetailResponse, HallsResponse } from '../../src/domain/contract/catalog'
import { CITY } from '../../src/domain/regions'
import { forEachDatabase, type TestEnv } from './harness'

const CJK = /[\u4e00-\u9fff]/
const hall = (id: string) => {
  const h = CATALOG.halls.find((x) => x.id === id)
  if (!h) throw new Error(`no hall ${id}`)
  return h
}
// Instants in China time (UTC+8).
const NATIONAL_DAY = '2026-10-01T10:00:00+08:00'
const ADJUSTED_SATURDAY_AFTERNOON = '2026-10-10T15:00:00+08:00'
const ORDINARY_SATURDAY_MORNING = '2026-10-17T10:00:00+08:00'
const ORDINARY_SATURDAY_AFTERNOON = '2026-10-17T15:00:00+08:00'
const ORDINARY_MONDAY_LUNCH = '2026-10-12T12:30:00+08:00'

function halls(env: TestEnv, query: string) {
  return env.app.inject({ url: `/api/halls?${query}` })
}
const q = (params: Record<string, string | number>) =>
  Object.entries(params)
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
    .join('&')

function expectError(res: { statusCode: number; json: () => any }, status: number, code: string, field: string) {
  expect(res.statusCode).toBe(status)
  const body = res.json()
  expect(body).toMatchObject({ statusCode: status, code, field })
  expect(body.message).toMatch(CJK)
}

forEachDatabase('halls API', (getEnv) => {
  it('without a location lists every hall grouped by district, in the city’s district order', async () => {
    const res = await halls(getEnv(), '')
    expect(res.statusCode).toBe(200)
    expect(res.headers['cache-control']).toBe('no-store')
    const body = res.json<HallsResponse>()
    expect(body.sort).toBe('district')
    expect(body.halls).toHaveLength(CATALOG.halls.length)
    expect(body.halls.length).toBeGreaterThanOrEqual(30)
    const order = CITY.districts.map((d) => d.code)
    expect(body.groups.map((g) => g.district)).toEqual(order.filter((c) => CATALOG.halls.some((h) => h.district === c)))
    expect(body.groups.flatMap((g) => g.hallCodes)).toEqual(body.halls.map((h) => h.code))
    for (const g of body.groups) {
      expect(g.name).toBe(CITY.districts.find((d) => d.code === g.district)?.name)
      for (const code of g.hallCodes) expect(hall(code).district).toBe(g.district)
    }
    // Within a district, the bigger centres come first.
    const haishu = body.halls.filter((h) => h.district === '330203').map((h) => h.level)
    expect(haishu[0]).toBe('district')
    expect(body.halls.every((h) => h.distanceMeters === undefined)).toBe(true)
  })

  it('with a location sorts by haversine distance, nearest first', async () => {
    const here = { lat: 29.8645, lng: 121.5525 } // next to 海曙区行政服务中心
    const body = (await halls(getEnv(), q(here))).json<HallsResponse>()
    expect(body.sort).toBe('distance')
    expect(body.groups).toEqual([])
    expect(body.halls[0].code).toBe('hs-centre')
    expect(body.halls[0].distanceMeters).toBeLessThan(100)
    const d = body.halls.map((h) => h.distanceMeters as number)
    expect(d).toEqual([...d].sort((a, b) => a - b))
    for (const h of body.halls) expect(h.distanceMeters).toBe(Math.round(haversineMeters(here, hall(h.code).location)))
    // 象山 is far from 海曙: tens of kilometres.
    expect(body.halls.find((h) => h.code === 'xs-centre')?.distanceMeters).toBeGreaterThan(40_000)
    const fromCixi = (await halls(getEnv(), q({ lat: 30.185, lng: 121.271 }))).json<HallsResponse>()
    expect(fromCixi.halls[0].district).toBe('330282')
  })

  it('keeps the caller’s location out of the logs', async () => {
    const env = getEnv()
    const before = env.logs.length
    expect((await halls(env, 'lat=29.87654&lng=121.54321')).statusCode).toBe(200)
    expect((await halls(env, 'lat=29.87654')).statusCode).toBe(400)
    const written = env.logs.slice(before).join('\n')
    expect(written).not.toContain('29.87654')
    expect(written).not.toContain('121.54321')
    // Other routes still log their requests, so the check above is not vacuous.
    await env.app.inject({ url: '/api/catalog/bundles' })
    expect(env.logs.slice(before).join('\n')).toContain('/api/catalog/bundles')
  })

  it('filters by district and by the item to be handled', async () => {
    const env = getEnv()
    const yinzhou = (await halls(env, 'district=330212')).json<HallsResponse>()
    expect(yinzhou.halls.length).toBe(CATALOG.halls.filter((h) => h.district === '330212').length)
    expect(yinzhou.halls.every((h) => h.district === '330212')).toBe(true)

    const enterpriseItem = CATALOG.items.find((it) => it.audience === 'enterprise' && it.halls.length > 0 && it.halls.length < CATALOG.halls.length)
    if (!enterpriseItem) throw new Error('seed has no enterprise item served by some halls only')
    const body = (await halls(env, q({ item: enterpriseItem.code, lat: 29.86, lng: 121.55 }))).json<HallsResponse>()
    expect(body.halls.map((h) => h.code).sort()).toEqual([...enterpriseItem.halls].sort())
    expect(body.halls.some((h) => h.level === 'village')).toBe(false)
  })

  it('rejects half a location, unknown districts and items, and malformed values (400, field named)', async () => {
    const env = getEnv()
    expectError(await halls(env, 'lat=29.86'), 400, 'LOCATION_INCOMPLETE', 'lng')
    expectError(await halls(env, 'lng=121.55'), 400, 'LOCATION_INCOMPLETE', 'lat')
    expectError(await halls(env, 'lat=91&lng=121'), 400, 'VALIDATION', 'lat')
    expectError(await halls(env, 'lat=north&lng=121'), 400, 'VALIDATION', 'lat')
    expectError(await halls(env, 'district=330100'), 400, 'UNKNOWN_DISTRICT', 'district')
    expectError(await halls(env, 'district=33'), 400, 'VALIDATION', 'district')
    expectError(await halls(env, 'item=33020099999999000'), 400, 'UNKNOWN_ITEM_FILTER', 'item')
    expectError(await halls(env, 'at=yesterday'), 400, 'VALIDATION', 'at')
    expectError(await halls(env, 'radius=5'), 400, 'VALIDATION', 'radius')
  })

  it('closes every hall on National Day 2026, naming the holiday', async () => {
    const body = (await halls(getEnv(), q({ at: NATIONAL_DAY }))).json<HallsResponse>()
    expect(body.at).toBe(new Date(NATIONAL_DAY).toISOString())
    for (const h of body.halls) {
      expect(h.today).toMatchObject({ date: '2026-10-01', weekday: 4, kind: 'holiday', holidayName: '国庆节', ranges: [], openNow: false })
    }
  })

  it('opens with working-day hours on the 调休 Saturday, 10 Oct 2026', async () => {
    const body = (await halls(getEnv(), q({ at: ADJUSTED_SATURDAY_AFTERNOON }))).json<HallsResponse>()
    const city = body.halls.find((h) => h.code === 'nb-city')
    // Usually open on Saturday mornings only; this afternoon is a working day.
    expect(city?.today).toMatchObject({ weekday: 6, kind: 'adjustedWorkday', ranges: [['09:00', '17:00']], openNow: true, closesAt: '17:00' })
    // A centre that never opens on Saturdays opens too.
    expect(body.halls.find((h) => h.code === 'bl-centre')?.today).toMatchObject({ kind: 'adjustedWorkday', openNow: true })
    expect(body.halls.every((h) => h.today.openNow)).toBe(true)
  })

  it('follows the weekly hours on an ordinary Saturday and over lunch', async () => {
    const env = getEnv()
    const morning = (await halls(env, q({ at: ORDINARY_SATURDAY_MORNING }))).json<HallsResponse>()
    const byCode = new Map(morning.halls.map((h) => [h.code, h.today]))
    expect(byCode.get('nb-city')).toMatchObject({ kind: 'restDay', ranges: [['09:00', '12:00']], openNow: true })
    expect(byCode.get('bl-centre')).toMatchObject({ kind: 'restDay', ranges: [], openNow: false })
    const afternoon = (await halls(env, q({ at: ORDINARY_SATURDAY_AFTERNOON }))).json<HallsResponse>()
    expect(afternoon.halls.every((h) => !h.today.openNow)).toBe(true)
    const lunch = (await halls(env, q({ at: ORDINARY_MONDAY_LUNCH }))).json<HallsResponse>()
    const lunchBreak = lunch.halls.find((h) => h.code === 'jb-centre')?.today
    expect(lunchBreak).toMatchObject({ kind: 'workday', openNow: false, opensAt: '13:30' })
    expect(lunch.halls.find((h) => h.code === 'nb-city')?.today).toMatchObject({ openNow: true, closesAt: '17:00' })
  })

  it('GET /api/halls/:code gives the hall, its weekly and today’s hours and the items it serves', async () => {
    const env = getEnv()
    const res = await env.app.inject({ url: `/api/halls/hs-gulou?at=${encodeURIComponent(ORDINARY_MONDAY_LUNCH)}` })
    expect(res.statusCode).toBe(200)
    const body = res.json<HallDetailResponse>()
    const seed = hall('hs-gulou')
    expect(body.hall).toMatchObject({ code: 'hs-gulou', name: seed.name, level: 'street', districtName: '海曙区', itemCount: seed.items.length })
    expect(body.hall.hours['1']).toEqual(seed.hours[1])
    expect(body.hall.hours['6']).toBeUndefined()
    expect(body.hall.today).toMatchObject({ date: '2026-10-12', openNow: false, opensAt: '13:30' })
    expect(body.items.map((i) => i.code).sort()).toEqual([...seed.items].sort())
    const pops = body.items.map((i) => i.popularity)
    expect(pops).toEqual([...pops].sort((a, b) => b - a))
    expect(body.items.every((i) => i.audience !== 'enterprise')).toBe(true)

    const missing = await env.app.inject({ url: '/api/halls/no-such-hall' })
    expectError(missing, 404, 'HALL_NOT_FOUND', 'code')
  })
})

// The app's clock (BuildOptions.clock), as the platform would see it: no `at` in the request.
let clockNow = new Date(NATIONAL_DAY)
forEachDatabase(
  'halls API with an injected clock',
  (getEnv) => {
    it('computes open-now from the app clock when no time is asked for', async () => {
      clockNow = new Date(NATIONAL_DAY)
      const holiday = (await halls(getEnv(), '')).json<HallsResponse>()
      expect(holiday.at).toBe(new Date(NATIONAL_DAY).toISOString())
      expect(holiday.halls.every((h) => h.today.kind === 'holiday' && !h.today.openNow)).toBe(true)

      clockNow = new Date(ADJUSTED_SATURDAY_AFTERNOON)
      const detail = (await getEnv().app.inject({ url: '/api/halls/nb-city' })).json<HallDetailResponse>()
      expect(detail.at).toBe(new Date(ADJUSTED_SATURDAY_AFTERNOON).toISOString())
      expect(detail.hall.today).toMatchObject({ kind: 'adjustedWorkday', openNow: true })

      clockNow = new Date(ORDINARY_SATURDAY_AFTERNOON)
      expect((await getEnv().app.inject({ url: '/api/halls/nb-city' })).json<HallDetailResponse>().hall.today).toMatchObject({ kind: 'restDay', openNow: false })
    })
  },
  { clock: () => clockNow },
)
