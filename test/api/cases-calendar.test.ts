// Due dates across the 2027 Spring Festival, on PGlite and PostgreSQL. chinese-days has no 2027
// schedule, so a case accepted before the festival gets a provisional due date from the statutory
// fallback; an operator (admin) then loads the year's published schedule and open cases are
// recomputed on it. The schedule below is a TEST FIXTURE shaped like a State Council notice, not
// the official 2027 one (unpublished when this was written): production data never carries it.
import { eq } from 'drizzle-orm'
import { calendarYears } from '../../mock/src/db/schema'
import { HALL, ITEMS } from './booking-support'
import { forEachDatabase, type TestEnv } from './harness'
import { TestClock, get, loginL2, post } from './identity-helpers'
import { itemCode, pickCitizen, staffToken } from './cases-support'

const clock = new TestClock('2027-02-03T02:00:00.000Z') // Wednesday 10:00 in China, before 除夕 (Fri 02-05)
const RELIEF = '临时救助申请' // promised 3 working days
const FIXTURE_2027 = {
  holidays: ['2027-01-01', '2027-02-05', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12'],
  workdays: ['2027-01-30', '2027-02-20'],
  source: '测试用放假安排（非官方）',
}

async function put(env: TestEnv, year: number | string, body: unknown, token: string) {
  return env.app.inject({ method: 'PUT', url: `/api/staff/calendar/${year}`, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, payload: JSON.stringify(body) })
}

async function acceptedCase(env: TestEnv, win: string) {
  const u = await loginL2(env, await pickCitizen(env, 'any'))
  const res = await post(
    env,
    '/api/cases',
    { itemCode: itemCode(RELIEF), form: { phone: '13800138000', region: '330203', address: '海曙区' }, materials: [{ name: '居民身份证', mode: 'shared' }, { name: '困难情况说明', mode: 'deferred' }] },
    { token: u.accessToken },
  )
  expect(res.statusCode).toBe(201)
  const id = res.json().cases[0].id as string
  const acc = await post(env, `/api/staff/cases/${id}/accept`, {}, { token: win })
  expect(acc.statusCode).toBe(200)
  return { id, token: u.accessToken }
}

forEachDatabase(
  'cases: the 2027 calendar',
  (getEnv) => {
    beforeEach(() => {
      clock.t = Date.parse('2027-02-03T02:00:00.000Z')
    })

    it('provisional across the 2027 Spring Festival until an operator loads the schedule; then exact', async () => {
      const env = getEnv()
      const win = await staffToken(env, clock, 'window', true)
      const admin = await staffToken(env, clock, 'admin', true)

      // Fallback (no 调休): Thu 02-04 (1), 除夕 Fri and 初三 Mon off, Tue 02-09 (2), Wed 02-10 (3).
      const before = await acceptedCase(env, win)
      expect((await get(env, `/api/cases/${before.id}`, { token: before.token })).json()).toMatchObject({ dueOn: '2027-02-10', dueProvisional: true })

      // Only an admin loads a schedule; bad data is refused with a Chinese message.
      expect((await put(env, 2027, FIXTURE_2027, win)).statusCode).toBe(403)
      const outside = await put(env, 2027, { ...FIXTURE_2027, holidays: ['2026-12-31'] }, admin)
      expect(outside.statusCode).toBe(400)
      expect(outside.json()).toMatchObject({ code: 'CALENDAR_DATE_OUTSIDE_YEAR', field: 'holidays', message: '日期 2026-12-31 不在 2027 年内，请检查放假安排。' })
      expect((await put(env, 2027, { ...FIXTURE_2027, workdays: ['2027-02-17'] }, admin)).json()).toMatchObject({ code: 'CALENDAR_WORKDAY_NOT_WEEKEND' })
      expect((await put(env, 2027, { ...FIXTURE_2027, workdays: ['2027-02-06'], holidays: ['2027-02-06'] }, admin)).json()).toMatchObject({ code: 'CALENDAR_DATE_TWICE' })
      expect((await put(env, 2027, { ...FIXTURE_2027, holidays: ['2027-02-30'] }, admin)).statusCode).toBe(400)
      expect((await put(env, 1999, FIXTURE_2027, admin)).statusCode).toBe(400)

      const loaded = await put(env, 2027, FIXTURE_2027, admin)
      expect(loaded.statusCode).toBe(200)
      expect(loaded.json().items).toEqual([expect.objectContaining({ year: 2027, workdays: ['2027-01-30', '2027-02-20'], source: '测试用放假安排（非官方）' })])
      expect(loaded.json().recomputed).toBeGreaterThanOrEqual(1)

      // The open case now counts on the loaded schedule: Thu 02-04 (1), off 02-05..02-14, Mon 02-15 (2), Tue 02-16 (3).
      expect((await get(env, `/api/cases/${before.id}`, { token: before.token })).json()).toMatchObject({ dueOn: '2027-02-16', dueProvisional: false })
      // A case accepted afterwards gets it at once.
      const after = await acceptedCase(env, win)
      expect((await get(env, `/api/cases/${after.id}`, { token: after.token })).json()).toMatchObject({ dueOn: '2027-02-16', dueProvisional: false })
      // 调休: accepted Thu 02-18 → Fri 02-19 (1), Sat 02-20 worked (2), Mon 02-22 (3).
      clock.t = Date.parse('2027-02-18T02:00:00.000Z')
      const win2 = await staffToken(env, clock, 'window', true)
      const late = await acceptedCase(env, win2)
      expect((await get(env, `/api/cases/${late.id}`, { token: late.token })).json()).toMatchObject({ dueOn: '2027-02-22', dueProvisional: false })
      expect((await get(env, '/api/staff/calendar', { token: win2 })).json().items.map((y: { year: number }) => y.year)).toEqual([2027])
    })

    it('booking and hall hours follow the same calendar: a 2027 holiday is closed before and after the schedule is loaded', async () => {
      const env = getEnv()
      // Five minutes on: a fresh TOTP step for the staff login (each code is accepted once).
      clock.t = Date.parse('2027-02-03T02:05:00.000Z')
      await env.database.db.delete(calendarYears).where(eq(calendarYears.year, 2027))
      const admin = await staffToken(env, clock, 'admin', true)
      const dates = async () => {
        const res = await get(env, `/api/booking/availability?hall=${HALL}&item=${ITEMS[0]}`)
        expect(res.statusCode).toBe(200)
        return (res.json().days as { date: string; slots: unknown[] }[]).filter((d) => d.slots.length > 0).map((d) => d.date)
      }
      // Wed 02-03, no schedule: the statutory 除夕 (Fri 02-05) and 初三 (Mon 02-08) are closed.
      expect(await dates()).toEqual(['2027-02-03', '2027-02-04', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12', '2027-02-15', '2027-02-16'])
      const refused = await post(env, '/api/bookings', { itemCode: ITEMS[0], hallId: HALL, startsAt: '2027-02-05T01:00:00.000Z' }, { token: (await loginL2(env, await pickCitizen(env, 'any'))).accessToken })
      expect(refused.statusCode).toBe(422)
      // The hall page's day reads the same calendar.
      const hallDay = async (at: string) => (await get(env, `/api/halls/${HALL}?at=${encodeURIComponent(at)}`)).json().hall.today.kind
      expect([await hallDay('2027-02-05T02:00:00.000Z'), await hallDay('2027-02-20T02:00:00.000Z')]).toEqual(['holiday', 'restDay'])
      // Loaded: 02-05 and 02-08..02-12 off, the 调休 Saturday 02-20 open.
      expect((await put(env, 2027, FIXTURE_2027, admin)).statusCode).toBe(200)
      expect(await dates()).toEqual(['2027-02-03', '2027-02-04', '2027-02-15', '2027-02-16', '2027-02-17', '2027-02-18', '2027-02-19', '2027-02-20'])
      expect([await hallDay('2027-02-09T02:00:00.000Z'), await hallDay('2027-02-20T02:00:00.000Z')]).toEqual(['holiday', 'adjustedWorkday'])
    })
  },
  { seed: { citizens: 20, enterprises: 1 }, clock: clock.now },
)
