// Scope sweep (issue 20): every /api/staff/* operation, enumerated from the app's own OpenAPI, is
// tried by staff of another department (approver01, 市场监管) and of another hall (window02, 江北)
// against a 民政 case of a 海曙 applicant, a booking and a visit at 海曙区行政服务中心, and ratings
// of both. Each answer must be 403/404 (409 with the right hall's name for a check-in at the wrong
// hall) and carry none of the targets' data. The officers in scope (window01 海曙, approver02 民政)
// are shown to reach the same targets, so a refusal means scope, not a broken request.
//   Re-run: npx jest test/api/staff-scope-sweep.test.ts   (with DATABASE_URL also on PostgreSQL)
import { bookingSlots, bookings, caseRatings } from '../../mock/src/db/schema'
import { SEED_STAFF } from '../../mock/src/identity/staff'
import { base32Decode, totp } from '../../mock/src/identity/totp'
import { ITEMS, MONDAY_0900, cn } from './booking-support'
import { itemCode, pickCitizen, upload } from './cases-support'
import { forEachDatabase, type TestEnv } from './harness'
import { TestClock, accountIdOf, get, loginL3, post, type Req } from './identity-helpers'

const clock = new TestClock(MONDAY_0900)
const HOME_HALL = 'hs-centre'

/** Operations whose target is no department's or hall's: what they answer is the caller's own, or public, or admin-only. */
const NOT_SCOPED: Record<string, 'public' | 'own' | 'admin' | 'any hall'> = {
  'POST /api/staff/login': 'public',
  // First sign-in: the holder's own one-time password and TOTP, before any session exists.
  'POST /api/staff/setup': 'public',
  'GET /api/staff/me': 'own',
  'POST /api/staff/logout': 'own',
  'POST /api/staff/wallet/sync': 'own',
  // A holder shows a credential at any hall: its live status and the officer's own verification records are not hall-bound.
  'GET /api/staff/wallet/status': 'any hall',
  'POST /api/staff/wallet/verifications': 'own',
  'GET /api/staff/calendar': 'public',
}

async function staffLogin(env: TestEnv, username: string): Promise<string> {
  const s = SEED_STAFF.find((x) => x.username === username)!
  clock.advance(31_000) // a TOTP step is good once per account
  const res = await post(env, '/api/staff/login', { username: s.username, password: s.password, totp: totp(base32Decode(s.totpSecret), clock.now()) })
  if (res.statusCode !== 200) throw new Error(`staff login ${username}: ${res.statusCode} ${res.body}`)
  return res.json().accessToken
}

type Res = Awaited<ReturnType<typeof get>>

forEachDatabase(
  'staff: scope sweep',
  (getEnv) => {
    // Each database's run starts at Monday 09:00 (the booking below is 30 minutes later).
    beforeAll(() => {
      clock.t = Date.parse(MONDAY_0900)
    })
    it('every /api/staff/* operation × {other department, other hall}: 0 allowed, no data', async () => {
      const env = getEnv()
      const db = env.database.db
      // ---- Targets ------------------------------------------------------------------------------
      const person = await pickCitizen(env, 'any')
      const u = await loginL3(env, person)
      const U = { token: u.accessToken }
      const relief = itemCode('临时救助申请')
      const f = (await upload(env, u.accessToken)).json()
      const sub = await post(env, '/api/cases', { itemCode: relief, form: { phone: '13800138000', region: '330203', address: '海曙区灵桥路1号' }, materials: [{ name: '居民身份证', mode: 'upload', fileIds: [f.fileId] }, { name: '困难情况说明', mode: 'deferred' }] }, U)
      expect(sub.statusCode).toBe(201)
      const c = sub.json().cases[0]
      const accountId = await accountIdOf(env, u.phone)
      // A rating of the case awaiting follow-up, and a checked-in visit at the home hall with one.
      await db.insert(caseRatings).values({ caseId: c.id, accountId, level: 1, tags: [], comment: '太慢了', followUpDueOn: '2026-12-14', at: clock.now() })
      const visitAt = new Date(clock.t - 3600_000)
      const [slot] = await db.insert(bookingSlots).values({ hallId: HOME_HALL, day: '2026-11-23', startsAt: visitAt, endsAt: new Date(visitAt.getTime() + 1800_000), capacity: 5, booked: 1 }).returning()
      const [visit] = await db
        .insert(bookings)
        .values({ accountId, itemCode: ITEMS[0], hallId: HOME_HALL, slotId: slot.id, startsAt: visitAt, endsAt: slot.endsAt, status: 'checked_in', createdAt: visitAt, checkedInAt: visitAt })
        .returning()
      const [visitRating] = await db.insert(caseRatings).values({ bookingId: visit.id, accountId, level: 1, tags: [], comment: '排队太久', followUpDueOn: '2026-12-14', at: clock.now() }).returning()
      // A booking at the home hall in 20 minutes: its check-in code shows now.
      const booked = await post(env, '/api/bookings', { itemCode: ITEMS[1], hallId: HOME_HALL, startsAt: cn('2026-11-23T09:30') }, U)
      expect(booked.statusCode).toBe(201)
      const checkInCode: string = (await get(env, `/api/bookings/${booked.json().id}`, U)).json().checkIn.code
      expect(checkInCode).toBeTruthy()
      const caseRatingId = (await db.select({ id: caseRatings.id }).from(caseRatings)).find((r) => r.id !== visitRating.id)!.id
      const secrets = [c.number, person.name, person.idNumber, u.phone, '13800138000', booked.json().id, visit.id]

      // ---- Every staff operation, from the OpenAPI ----------------------------------------------
      const spec = (await get(env, '/api/openapi.json')).json()
      const ops: string[] = []
      for (const [p, methods] of Object.entries(spec.paths as Record<string, Record<string, unknown>>)) {
        if (!p.startsWith('/api/staff/')) continue
        for (const m of Object.keys(methods)) ops.push(`${m.toUpperCase()} ${p}`)
      }
      const STAFF_ACTIONS = ['accept', 'reject', 'requestSupplement', 'startReview', 'approve', 'deny', 'deliver']
      const attempts: Record<string, (r: Req) => Promise<Res[]>> = {
        'GET /api/staff/cases': async (r) => [await get(env, '/api/staff/cases', r), await get(env, '/api/staff/cases?state=submitted', r)],
        'GET /api/staff/cases/follow-ups': async (r) => [await get(env, '/api/staff/cases/follow-ups', r)],
        'GET /api/staff/ratings/follow-ups': async (r) => [await get(env, '/api/staff/ratings/follow-ups', r)],
        'GET /api/staff/cases/{id}': async (r) => [await get(env, `/api/staff/cases/${c.id}`, r)],
        'GET /api/staff/cases/{id}/files/{fileId}': async (r) => [await get(env, `/api/staff/cases/${c.id}/files/${f.fileId}`, r)],
        'GET /api/staff/cases/{id}/files/{fileId}/link': async (r) => [await get(env, `/api/staff/cases/${c.id}/files/${f.fileId}/link`, r)],
        // No bearer on the viewer: an outsider, refused a link, can only forge one (for their own id).
        'GET /api/staff/cases/{id}/files/{fileId}/view': async (r) => {
          const me = (await get(env, '/api/staff/me', r)).json()
          return [await get(env, `/api/staff/cases/${c.id}/files/${f.fileId}/view?by=${me.id}&t=${Math.floor(clock.t / 1000) + 300}.${'0'.repeat(32)}`)]
        },
        'POST /api/staff/cases/{id}/{action}': async (r) => Promise.all(STAFF_ACTIONS.map((a) => post(env, `/api/staff/cases/${c.id}/${a}`, { comment: '范围外操作' }, r))),
        'POST /api/staff/cases/{id}/rating-reply': async (r) => [await post(env, `/api/staff/cases/${c.id}/rating-reply`, { reply: '范围外回复' }, r)],
        'POST /api/staff/ratings/{id}/reply': async (r) => [await post(env, `/api/staff/ratings/${caseRatingId}/reply`, { reply: '范围外回复' }, r), await post(env, `/api/staff/ratings/${visitRating.id}/reply`, { reply: '范围外回复' }, r)],
        'POST /api/staff/bookings/check-in': async (r) => [await post(env, '/api/staff/bookings/check-in', { code: checkInCode }, r)],
        'GET /api/staff/halls/{hallId}/day': async (r) => [await get(env, `/api/staff/halls/${HOME_HALL}/day?date=2026-11-23`, r)],
      }
      // Admin-only operations: called with a well-formed request; a non-admin is refused outright.
      const someId = '00000000-0000-4000-8000-000000000000'
      const ADMIN_CALLS: Record<string, (r: Req) => Promise<Res>> = {
        'GET /api/staff/accounts': (r) => get(env, '/api/staff/accounts', r),
        'POST /api/staff/accounts': (r) => post(env, '/api/staff/accounts', { username: 'intruder', displayName: 'x', password: 'Intruder#2026!', roles: ['admin'], hallIds: [] }, r),
        'POST /api/staff/accounts/{id}/scope': (r) => post(env, `/api/staff/accounts/${someId}/scope`, { roles: ['approver'], departmentId: 'civil', hallIds: [] }, r),
        'POST /api/staff/accounts/{id}/disable': (r) => post(env, `/api/staff/accounts/${someId}/disable`, {}, r),
        'POST /api/staff/accounts/{id}/enable': (r) => post(env, `/api/staff/accounts/${someId}/enable`, {}, r),
        'POST /api/staff/accounts/{id}/reset-totp': (r) => post(env, `/api/staff/accounts/${someId}/reset-totp`, {}, r),
        'POST /api/staff/accounts/{id}/unlock': (r) => post(env, `/api/staff/accounts/${someId}/unlock`, {}, r),
        'POST /api/staff/village-agents': (r) => post(env, '/api/staff/village-agents', { phone: u.phone, enabled: true }, r),
        'POST /api/staff/keys/rotate': (r) => post(env, '/api/staff/keys/rotate', {}, r),
        'PUT /api/staff/calendar/{year}': (r) => env.app.inject({ method: 'PUT', url: '/api/staff/calendar/2027', headers: { 'content-type': 'application/json', authorization: `Bearer ${r.token}`, 'idempotency-key': someId }, payload: '{}' }),
        'POST /api/staff/wallet/credentials/{id}/revoke': (r) => post(env, `/api/staff/wallet/credentials/${someId}/revoke`, { reason: 'lost' }, r),
      }

      // Every operation is in exactly one of the three tables: a new staff route fails here until classified.
      const unclassified = ops.filter((op) => !attempts[op] && !ADMIN_CALLS[op] && !NOT_SCOPED[op])
      expect(unclassified).toEqual([])

      const outsiders = { 'other department': await staffLogin(env, 'approver01'), 'other hall': await staffLogin(env, 'window02') }
      let tried = 0
      const allowed: string[] = []
      for (const [scopeName, token] of Object.entries(outsiders)) {
        for (const op of ops) {
          const run = attempts[op] ?? (ADMIN_CALLS[op] ? async (r: Req) => [await ADMIN_CALLS[op](r)] : undefined)
          if (!run) continue
          tried++
          for (const res of await run({ token })) {
            const list = op.startsWith('GET ') && res.statusCode === 200 && !op.includes('{')
            const refused = [403, 404].includes(res.statusCode) || (op === 'POST /api/staff/bookings/check-in' && res.statusCode === 409 && res.json().code === 'CHECKIN_WRONG_HALL')
            // A list answers 200 but holds none of the targets.
            if (!(refused || list)) allowed.push(`${scopeName}: ${op} → ${res.statusCode}`)
            for (const s of secrets) if (res.body.includes(s)) allowed.push(`${scopeName}: ${op} leaked ${s === c.number ? 'the case number' : 'personal data'}`)
            if (list) expect(res.body).not.toContain(c.id)
          }
        }
      }
      expect(allowed).toEqual([])
      // Counted for the closing note: operations × scopes tried, 0 allowed.
      expect(tried).toBe(2 * (Object.keys(attempts).length + Object.keys(ADMIN_CALLS).filter((k) => ops.includes(k)).length))
      console.log(`scope sweep: ${ops.length} staff operations (${tried / 2} scoped or admin-only, ${ops.length - tried / 2} not scoped by design) × 2 scopes = ${tried} tried, ${allowed.length} allowed`)

      // The wrong-hall check-in names the right hall.
      const wrongHall = await post(env, '/api/staff/bookings/check-in', { code: checkInCode }, { token: outsiders['other hall'] })
      expect(wrongHall.json().message).toContain('海曙区行政服务中心')

      // ---- The officers in scope reach the same targets ------------------------------------------
      const win = { token: await staffLogin(env, 'window01') }
      const appr = { token: await staffLogin(env, 'approver02') }
      expect((await get(env, `/api/staff/cases/${c.id}`, win)).statusCode).toBe(200)
      expect((await get(env, '/api/staff/cases', win)).json().items.map((x: { id: string }) => x.id)).toContain(c.id)
      expect((await get(env, `/api/staff/cases/${c.id}/files/${f.fileId}`, win)).statusCode).toBe(200)
      const viewer = await get(env, `/api/staff/cases/${c.id}/files/${f.fileId}/link`, win)
      expect(viewer.statusCode).toBe(200)
      expect((await get(env, viewer.json().url)).statusCode).toBe(200)
      expect((await get(env, `/api/staff/halls/${HOME_HALL}/day?date=2026-11-23`, win)).statusCode).toBe(200)
      expect((await get(env, '/api/staff/ratings/follow-ups', win)).json().items.map((x: { ratingId: string }) => x.ratingId)).toEqual(expect.arrayContaining([caseRatingId, visitRating.id]))
      expect((await post(env, '/api/staff/bookings/check-in', { code: checkInCode }, win)).statusCode).toBe(200)
      expect((await post(env, `/api/staff/cases/${c.id}/accept`, {}, win)).json().state).toBe('accepted')
      expect((await get(env, '/api/staff/cases', appr)).json().items.map((x: { id: string }) => x.id)).toContain(c.id)
      expect((await post(env, `/api/staff/cases/${c.id}/startReview`, {}, appr)).json().state).toBe('under_review')
      // …while the other department's approver still cannot, now that it is in review.
      expect((await post(env, `/api/staff/cases/${c.id}/deny`, { comment: '越权' }, { token: outsiders['other department'] })).statusCode).toBe(404)
      expect((await get(env, `/api/cases/${c.id}`, U)).json().state).toBe('under_review')
    }, 180_000)
  },
  { seed: { citizens: 40, enterprises: 3 }, clock: clock.now },
)
