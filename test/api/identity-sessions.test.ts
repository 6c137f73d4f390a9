// Sessions: 15-minute ES256 access tokens, rotating refresh tokens with reuse detection, L2
// re-authentication (12 h / 30 min idle), logout here / everywhere, device list, audiences.
import { decodeProtectedHeader, importJWK, jwtVerify } from 'jose'
import { seedStaff, SEED_STAFF } from '../../mock/src/identity/staff'
import { base32Decode, totp } from '../../mock/src/identity/totp'
import { forEachDatabase } from './harness'
import { TestClock, get, login, loginL2, loginL3, outboxCode, post, sendSms } from './identity-helpers'

const clock = new TestClock()
const MIN = 60_000

forEachDatabase(
  'identity: sessions and levels',
  (getEnv) => {
    beforeAll(async () => {
      await seedStaff(getEnv().database.db, getEnv().crypto)
    })

    it('access tokens are ES256 JWTs with a kid from the JWKS, valid 15 minutes', async () => {
      const env = getEnv()
      const t = await login(env)
      const header = decodeProtectedHeader(t.accessToken)
      expect(header.alg).toBe('ES256')
      const jwks = (await get(env, '/api/auth/jwks.json')).json()
      expect(jwks.keys).toHaveLength(1)
      expect(jwks.keys[0].kid).toBe(header.kid)
      expect(jwks.keys[0]).not.toHaveProperty('d')
      const { payload } = await jwtVerify(t.accessToken, await importJWK(jwks.keys[0], 'ES256'), { currentDate: clock.now() })
      expect(payload.aud).toBe('zhijian-citizen')
      expect((payload.exp as number) - (payload.iat as number)).toBe(900)
      clock.advance(14 * MIN)
      expect((await get(env, '/api/me', { token: t.accessToken })).statusCode).toBe(200)
      clock.advance(MIN + 1000)
      const expired = await get(env, '/api/me', { token: t.accessToken })
      expect(expired.statusCode).toBe(401)
      expect(expired.json().code).toBe('TOKEN_EXPIRED')
    })

    it('rejects missing, malformed and forged tokens', async () => {
      const env = getEnv()
      expect((await get(env, '/api/me')).json().code).toBe('UNAUTHENTICATED')
      expect((await get(env, '/api/me', { headers: { authorization: 'Bearer not.a.jwt' } })).statusCode).toBe(401)
      const t = await login(env)
      const [h, p] = t.accessToken.split('.')
      const forged = `${h}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), sub: '00000000-0000-4000-8000-000000000000' })).toString('base64url')}.${t.accessToken.split('.')[2]}`
      expect((await get(env, '/api/me', { token: forged })).statusCode).toBe(401)
    })

    it('refresh rotates; reusing a spent refresh token revokes the whole family', async () => {
      const env = getEnv()
      const t = await login(env)
      const r1 = await post(env, '/api/auth/refresh', { refreshToken: t.refreshToken })
      expect(r1.statusCode).toBe(200)
      const t2 = r1.json()
      expect(t2.refreshToken).not.toBe(t.refreshToken)
      expect(t2.sessionId).toBe(t.sessionId)
      const r2 = await post(env, '/api/auth/refresh', { refreshToken: t2.refreshToken })
      expect(r2.statusCode).toBe(200)
      // The stolen first token comes back: reuse.
      const reuse = await post(env, '/api/auth/refresh', { refreshToken: t.refreshToken })
      expect(reuse.statusCode).toBe(401)
      expect(reuse.json().code).toBe('REFRESH_REUSED')
      // Everything of that family is dead: the newest refresh token and the access tokens.
      expect((await post(env, '/api/auth/refresh', { refreshToken: r2.json().refreshToken })).json().code).toBe('SESSION_REVOKED')
      expect((await get(env, '/api/me', { token: r2.json().accessToken })).json().code).toBe('SESSION_REVOKED')
    })

    it('a retried refresh with the same Idempotency-Key replays instead of counting as reuse', async () => {
      const env = getEnv()
      const t = await login(env)
      const key = '6f1c1f38-2d4e-4c57-9a55-1a0f5f1f2a11'
      const a = await post(env, '/api/auth/refresh', { refreshToken: t.refreshToken }, { key })
      const b = await post(env, '/api/auth/refresh', { refreshToken: t.refreshToken }, { key })
      expect(b.statusCode).toBe(200)
      expect(b.json().refreshToken).toBe(a.json().refreshToken)
      expect((await get(env, '/api/me', { token: a.json().accessToken })).statusCode).toBe(200)
    })

    it('refresh tokens expire after 30 days', async () => {
      const env = getEnv()
      const t = await login(env)
      clock.advance(30 * 24 * 60 * MIN + 1000)
      expect((await post(env, '/api/auth/refresh', { refreshToken: t.refreshToken })).json().code).toBe('REFRESH_INVALID')
    })

    it('logout here ends only this session; logout everywhere ends all', async () => {
      const env = getEnv()
      const a = await login(env)
      clock.advance(MIN)
      const b = await login(env, a.phone)
      expect((await post(env, '/api/auth/logout', {}, { token: a.accessToken })).statusCode).toBe(200)
      expect((await get(env, '/api/me', { token: a.accessToken })).json().code).toBe('SESSION_REVOKED')
      expect((await post(env, '/api/auth/refresh', { refreshToken: a.refreshToken })).json().code).toBe('SESSION_REVOKED')
      expect((await get(env, '/api/me', { token: b.accessToken })).statusCode).toBe(200)
      clock.advance(MIN)
      const c = await login(env, a.phone)
      expect((await post(env, '/api/auth/logout-all', {}, { token: c.accessToken })).statusCode).toBe(200)
      expect((await get(env, '/api/me', { token: b.accessToken })).statusCode).toBe(401)
      expect((await get(env, '/api/me', { token: c.accessToken })).statusCode).toBe(401)
    })

    it('lists devices and signs one out', async () => {
      const env = getEnv()
      const a = await login(env, undefined, { device: 'iPhone 15' })
      clock.advance(MIN)
      const b = await login(env, a.phone, { device: 'Chromium' })
      const list = await get(env, '/api/me/sessions', { token: b.accessToken })
      expect(list.statusCode).toBe(200)
      const items = list.json().items
      expect(items).toHaveLength(2)
      expect(items.find((s: { current: boolean }) => s.current).device).toBe('Chromium')
      expect(items.map((s: { device: string }) => s.device).sort()).toEqual(['Chromium', 'iPhone 15'])
      expect((await post(env, `/api/me/sessions/${a.sessionId}/revoke`, {}, { token: b.accessToken })).statusCode).toBe(200)
      expect((await get(env, '/api/me', { token: a.accessToken })).statusCode).toBe(401)
      expect((await get(env, '/api/me/sessions', { token: b.accessToken })).json().items).toHaveLength(1)
    })

    it('a route needing L2 answers 403 LEVEL_REQUIRED with requiredLevel until real name is done', async () => {
      const env = getEnv()
      const t = await login(env)
      const res = await get(env, '/api/me/enterprises', { token: t.accessToken })
      expect(res.statusCode).toBe(403)
      expect(res.json()).toMatchObject({ code: 'LEVEL_REQUIRED', requiredLevel: 'L2', message: '请先完成实名认证后再使用此功能。' })
      expect(res.json().reauth).toBeUndefined()
      const l2 = await loginL2(env)
      expect((await get(env, '/api/me/enterprises', { token: l2.accessToken })).statusCode).toBe(200)
    })

    it('L2 lapses after 30 minutes idle and comes back with an SMS re-authentication', async () => {
      const env = getEnv()
      const t = await loginL2(env)
      clock.advance(29 * MIN)
      const fresh = await post(env, '/api/auth/refresh', { refreshToken: t.refreshToken })
      const tok = fresh.json()
      expect((await get(env, '/api/me', { token: tok.accessToken })).json().level).toBe('L2')
      clock.advance(31 * MIN)
      const r2 = (await post(env, '/api/auth/refresh', { refreshToken: tok.refreshToken })).json()
      const me = await get(env, '/api/me', { token: r2.accessToken })
      expect(me.json()).toMatchObject({ level: 'L1', reauthRequired: true })
      // Activity alone does not bring it back.
      const denied = await get(env, '/api/me/enterprises', { token: r2.accessToken })
      expect(denied.json()).toMatchObject({ code: 'LEVEL_REQUIRED', requiredLevel: 'L2', reauth: true, message: '为保护您的账户安全，请重新验证手机号后继续。' })
      expect((await post(env, '/api/auth/reauth/sms', {}, { token: r2.accessToken })).statusCode).toBe(200)
      const code = await outboxCode(env, t.phone)
      expect((await post(env, '/api/auth/reauth', { code }, { token: r2.accessToken })).statusCode).toBe(200)
      expect((await get(env, '/api/me', { token: r2.accessToken })).json()).toMatchObject({ level: 'L2', reauthRequired: false })
    })

    it('L2 lapses 12 hours after sign-in even with steady activity', async () => {
      const env = getEnv()
      let tok = await loginL2(env)
      for (let i = 0; i < 36; i++) {
        clock.advance(20 * MIN)
        tok = { ...tok, ...(await post(env, '/api/auth/refresh', { refreshToken: tok.refreshToken })).json() }
      }
      // 12 h exactly: still L2; a minute later not.
      expect((await get(env, '/api/me', { token: tok.accessToken })).json().level).toBe('L2')
      clock.advance(MIN)
      expect((await get(env, '/api/me', { token: tok.accessToken })).json()).toMatchObject({ level: 'L1', reauthRequired: true })
    })

    it('L3 (face) lasts 30 minutes; a route needing L3 says so', async () => {
      const env = getEnv()
      const l2 = await loginL2(env)
      const need = await post(env, '/api/me/mandates', { granteePhone: '13800000000', itemCodes: ['x'], categories: [], endsAt: new Date(clock.t + 86400000).toISOString() }, { token: l2.accessToken })
      expect(need.json()).toMatchObject({ code: 'LEVEL_REQUIRED', requiredLevel: 'L3', message: '此操作需要刷脸核验本人，请先完成人脸核验。' })
      const t = await loginL3(env)
      expect((await get(env, '/api/me', { token: t.accessToken })).json().level).toBe('L3')
      clock.advance(14 * MIN)
      const r1 = (await post(env, '/api/auth/refresh', { refreshToken: t.refreshToken })).json()
      clock.advance(15 * MIN)
      const r2 = (await post(env, '/api/auth/refresh', { refreshToken: r1.refreshToken })).json()
      expect((await get(env, '/api/me', { token: r2.accessToken })).json().level).toBe('L3')
      clock.advance(2 * MIN)
      expect((await get(env, '/api/me', { token: r2.accessToken })).json().level).toBe('L2')
    })

    it('staff tokens are refused on citizen endpoints and citizen tokens on staff endpoints', async () => {
      const env = getEnv()
      const s = SEED_STAFF[0]
      const staff = await post(env, '/api/staff/login', { username: s.username, password: s.password, totp: totp(base32Decode(s.totpSecret), clock.now()) })
      expect(staff.statusCode).toBe(200)
      const staffToken = staff.json().accessToken
      expect((await get(env, '/api/staff/me', { token: staffToken })).statusCode).toBe(200)
      const onCitizen = await get(env, '/api/me', { token: staffToken })
      expect(onCitizen.statusCode).toBe(401)
      const citizen = await login(env)
      expect((await get(env, '/api/staff/me', { token: citizen.accessToken })).statusCode).toBe(401)
      expect((await post(env, '/api/me/consents', { kind: 'face', version: '1', granted: true }, { token: staffToken })).statusCode).toBe(401)
    })

    it('sendSms helper used: keeps the outbox per phone', async () => {
      const env = getEnv()
      const t = await login(env)
      clock.advance(MIN)
      await sendSms(env, t.phone)
      expect(await outboxCode(env, t.phone)).toMatch(/^\d{6}$/)
    })
  },
  { seed: { citizens: 40, enterprises: 4 }, clock: clock.now },
)
