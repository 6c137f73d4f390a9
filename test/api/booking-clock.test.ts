// The stand-in's movable clock (POST /api/dev/clock, outside production only) and the cheaper auth
// hook: a browser test can move the running server into a booking's check-in window, and every
// time rule (code window, token expiry, TOTP, check-in) follows; lastActiveAt is written at most
// once a minute per session while revocation and the L2 idle lapse still act at once. One booking
// writes its audit row, inbox message and jobs in the same statement as the booking.
import { and, eq } from 'drizzle-orm'
import { auditLog, authSessions, bookings, inboxMessages, jobs } from '../../mock/src/db/schema'
import { verifiedTokenCache } from '../../mock/src/identity/auth'
import { SEED_STAFF } from '../../mock/src/identity/staff'
import { base32Decode, totp } from '../../mock/src/identity/totp'
import { createEnv, databases, forEachDatabase, type TestEnv } from './harness'
import { TestClock, get, loginL2, post } from './identity-helpers'
import { HALL, ITEMS, MIN, MONDAY_0900, cn, refreshed } from './booking-support'

const clock = new TestClock(MONDAY_0900)

async function lastActive(env: TestEnv, sessionId: string): Promise<number> {
  const [row] = await env.database.db.select({ at: authSessions.lastActiveAt }).from(authSessions).where(eq(authSessions.id, sessionId))
  return row.at.getTime()
}

/** Staff login with the TOTP of the server's (moved) clock, as a hall tablet set to that time would. */
async function staffAtServerTime(env: TestEnv): Promise<string> {
  const s = SEED_STAFF.find((x) => x.roles.includes('window') && x.hallIds.includes(HALL))!
  const now = new Date((await get(env, '/api/dev/clock')).json().now)
  const res = await post(env, '/api/staff/login', { username: s.username, password: s.password, totp: totp(base32Decode(s.totpSecret), now) })
  expect(res.statusCode).toBe(200)
  return res.json().accessToken
}

forEachDatabase(
  'booking: dev clock and auth cost',
  (getEnv) => {
    beforeEach(() => {
      clock.t = Date.parse(MONDAY_0900)
    })
    afterEach(async () => {
      await post(getEnv(), '/api/dev/clock', { offsetMs: 0 })
    })

    it('moving the clock opens the check-in window: code shown, staff check-in at that time, then back', async () => {
      const env = getEnv()
      const u = await loginL2(env)
      const booked = await post(env, '/api/bookings', { itemCode: ITEMS[0], hallId: HALL, startsAt: cn('2026-11-23T14:00') }, { token: u.accessToken })
      expect(booked.statusCode).toBe(201)
      const id = booked.json().id
      // 09:00: the window (13:30-14:30) is hours away: no code.
      const before = (await get(env, `/api/bookings/${id}`, { token: u.accessToken })).json()
      expect(before.checkIn).toEqual({ validFrom: cn('2026-11-23T13:30'), validUntil: cn('2026-11-23T14:30') })

      const moved = await post(env, '/api/dev/clock', { at: cn('2026-11-23T13:50') })
      expect(moved.statusCode).toBe(200)
      expect(moved.json()).toEqual({ now: cn('2026-11-23T13:50'), offsetMs: 4 * 60 * MIN + 50 * MIN })
      expect((await get(env, '/api/dev/clock')).json().now).toBe(cn('2026-11-23T13:50'))
      // The 15-minute access token has expired at the server's new time; refreshing works.
      expect((await get(env, `/api/bookings/${id}`, { token: u.accessToken })).json().code).toBe('TOKEN_EXPIRED')
      const tok = await refreshed(env, u.refreshToken)
      const inside = (await get(env, `/api/bookings/${id}`, { token: tok.accessToken })).json()
      expect(inside.checkIn.code).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/)
      // The code expires with the window, counted from the moved clock.
      const claims = JSON.parse(Buffer.from(inside.checkIn.code.split('.')[1], 'base64url').toString())
      expect(claims.exp * 1000).toBe(Date.parse(cn('2026-11-23T14:30')))

      const staff = await staffAtServerTime(env)
      const res = await post(env, '/api/staff/bookings/check-in', { code: inside.checkIn.code }, { token: staff })
      expect(res.statusCode).toBe(200)
      expect(res.json()).toMatchObject({ bookingId: id, queueNumber: 'Y001', already: false, checkedInAt: cn('2026-11-23T13:50') })
      expect((await get(env, `/api/bookings/${id}`, { token: tok.accessToken })).json()).toMatchObject({ status: 'checked_in', queueNumber: 'Y001' })

      // Back to the injected clock: offset 0.
      expect((await post(env, '/api/dev/clock', { offsetMs: 0 })).json()).toEqual({ now: MONDAY_0900, offsetMs: 0 })
    })

    it('refuses bad clock input with a 400 and a Chinese message', async () => {
      const env = getEnv()
      const bodies: unknown[] = [{}, { at: 'tomorrow' }, { at: cn('2026-11-23T13:50'), offsetMs: 5 }, { offsetMs: 1.5 }, { offsetMs: 401 * 24 * 60 * MIN }, { at: '2030-01-01T00:00:00Z' }]
      for (const body of bodies) {
        const res = await post(env, '/api/dev/clock', body)
        expect([JSON.stringify(body), res.statusCode]).toEqual([JSON.stringify(body), 400])
        expect(res.json().message).toMatch(/[\u4e00-\u9fa5]/)
      }
      expect((await get(env, '/api/dev/clock')).json().offsetMs).toBe(0)
    })

    it('one booking statement writes the booking, its jobs, the inbox message and the audit row; a refusal writes none', async () => {
      const env = getEnv()
      const u = await loginL2(env)
      const res = await post(env, '/api/bookings', { itemCode: ITEMS[1], hallId: HALL, startsAt: cn('2026-11-24T10:00') }, { token: u.accessToken })
      expect(res.statusCode).toBe(201)
      const id = res.json().id
      const [row] = await env.database.db.select().from(bookings).where(eq(bookings.id, id))
      const db = env.database.db
      const keys = (await db.select({ k: jobs.singletonKey }).from(jobs)).map((j) => j.k).filter((k) => k?.startsWith(`bk:${id}:`))
      expect(keys.sort()).toEqual([`bk:${id}:eve`, `bk:${id}:hour`, `bk:${id}:noshow`])
      const inbox = await db.select().from(inboxMessages).where(and(eq(inboxMessages.accountId, row.accountId), eq(inboxMessages.link, `/packages/booking/pages/detail?id=${id}`)))
      expect(inbox).toHaveLength(1)
      const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.actorId, row.accountId), eq(auditLog.action, 'booking.create')))
      expect(audit).toMatchObject({ audience: 'citizen', actingKind: 'self', detail: { bookingId: id, item: ITEMS[1], hall: HALL } })
      expect(audit.at.toISOString()).toBe(MONDAY_0900)
      // The same item again: refused, and no second inbox message or audit row.
      const again = await post(env, '/api/bookings', { itemCode: ITEMS[1], hallId: HALL, startsAt: cn('2026-11-24T10:30') }, { token: u.accessToken })
      expect(again.json().code).toBe('BOOKING_DUPLICATE')
      expect(await db.select().from(inboxMessages).where(eq(inboxMessages.accountId, row.accountId))).toHaveLength(1)
      expect(await db.select().from(auditLog).where(and(eq(auditLog.actorId, row.accountId), eq(auditLog.action, 'booking.create')))).toHaveLength(1)
    })

    it('writes lastActiveAt at most once a minute; logout and the idle lapse still act at once', async () => {
      const env = getEnv()
      const u = await loginL2(env)
      const session = { id: u.sessionId }
      const t0 = clock.t
      expect(await lastActive(env, session.id)).toBe(t0)
      clock.advance(30_000)
      expect((await get(env, '/api/me', { token: u.accessToken })).json().level).toBe('L2')
      expect(await lastActive(env, session.id)).toBe(t0)
      clock.advance(31_000)
      expect((await get(env, '/api/me', { token: u.accessToken })).statusCode).toBe(200)
      expect(await lastActive(env, session.id)).toBe(clock.t)
      // Idle 31 minutes from the last recorded activity: L2 lapses and the lapse is written at once.
      const tok = await refreshed(env, u.refreshToken)
      clock.advance(31 * MIN)
      const tok2 = await refreshed(env, tok.refreshToken)
      expect((await get(env, '/api/me', { token: tok2.accessToken })).json()).toMatchObject({ level: 'L1', reauthRequired: true })
      const [after] = await env.database.db.select().from(authSessions).where(eq(authSessions.id, session.id))
      expect(after.authAt).toBeNull()
      // Logout is seen by the very next request, whatever the throttle.
      expect((await post(env, '/api/auth/logout', {}, { token: tok2.accessToken })).statusCode).toBe(200)
      expect((await get(env, '/api/me', { token: tok2.accessToken })).json().code).toBe('SESSION_REVOKED')
    })
  },
  { seed: { citizens: 40, enterprises: 2 }, clock: clock.now },
)

describe.each(databases())('booking: dev clock in production [%s]', (name, url) => {
  it('GET and POST /api/dev/clock do not exist', async () => {
    const env = await createEnv(name, url, { seed: false, extraEnv: { NODE_ENV: 'production' } })
    try {
      expect((await get(env, '/api/dev/clock')).statusCode).toBe(404)
      const res = await post(env, '/api/dev/clock', { offsetMs: 86_400_000 })
      expect(res.statusCode).toBe(404)
      expect(res.json().code).toBe('NOT_FOUND')
    } finally {
      await env.dispose()
    }
  }, 120_000)
})

describe('verified access tokens are remembered until they expire', () => {
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url')
  const token = (sid: string, exp: number) => `${b64({ alg: 'ES256' })}.${b64({ sub: 's', sid, exp })}.sig-${sid}`
  function fakeSigner() {
    const calls: string[] = []
    return {
      calls,
      async verify(t: string, audience: 'citizen' | 'staff', now: Date) {
        calls.push(`${audience}:${t.slice(-6)}`)
        const p = JSON.parse(Buffer.from(t.split('.')[1], 'base64url').toString())
        if (p.exp * 1000 <= now.getTime()) throw Object.assign(new Error('expired'), { code: 'ERR_JWT_EXPIRED' })
        if (!t.endsWith(`sig-${p.sid}`)) throw new Error('bad signature')
        return { sub: p.sub, sid: p.sid, act: { kind: 'self' as const } }
      },
    }
  }

  it('checks the signature once per token and audience, and expiry on every use', async () => {
    const signer = fakeSigner()
    const verify = verifiedTokenCache(signer)
    const exp = Date.parse(MONDAY_0900) / 1000 + 900
    const a = token('aaaaaa', exp)
    const at = new Date(MONDAY_0900)
    expect((await verify(a, 'citizen', at)).sid).toBe('aaaaaa')
    expect((await verify(a, 'citizen', new Date(at.getTime() + 60_000))).sid).toBe('aaaaaa')
    expect(signer.calls).toEqual(['citizen:aaaaaa'])
    // Another audience is checked on its own (the real signer refuses a wrong audience).
    await verify(a, 'staff', at)
    expect(signer.calls).toHaveLength(2)
    // At its expiry the cached token goes back through the full check, which refuses it.
    await expect(verify(a, 'citizen', new Date(exp * 1000))).rejects.toMatchObject({ code: 'ERR_JWT_EXPIRED' })
    expect(signer.calls).toHaveLength(3)
    // A changed token is a different key: checked, and refused.
    await expect(verify(a.replace('sig-aaaaaa', 'sig-bbbbbb'), 'citizen', at)).rejects.toThrow('bad signature')
  })

  it('keeps at most `max` tokens, dropping the oldest', async () => {
    const signer = fakeSigner()
    const verify = verifiedTokenCache(signer, 2)
    const at = new Date(MONDAY_0900)
    const exp = at.getTime() / 1000 + 900
    const [t1, t2, t3] = ['t00001', 't00002', 't00003'].map((sid) => token(sid, exp))
    for (const t of [t1, t2, t3, t3, t2, t1]) await verify(t, 'citizen', at)
    expect(signer.calls).toEqual(['citizen:t00001', 'citizen:t00002', 'citizen:t00003', 'citizen:t00001'])
  })
})
