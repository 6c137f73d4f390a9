// Consent records, data export, and account deletion (注销) after the export.
import { eq } from 'drizzle-orm'
import { accounts, miniBindings } from '../../mock/src/db/schema'
import { maskIdNumber } from '../../src/domain'
import { forEachDatabase } from './harness'
import { TestClock, consent, get, login, loginL2, post } from './identity-helpers'
import { CONSENT_VERSION } from '../../src/domain/consent'

const clock = new TestClock()

forEachDatabase(
  'identity: privacy',
  (getEnv) => {
    it('records consents with their version, newest first', async () => {
      const env = getEnv()
      const t = await login(env)
      await consent(env, t.accessToken, 'privacy_policy')
      clock.advance(1000)
      await consent(env, t.accessToken, 'face', false)
      const items = (await get(env, '/api/me/consents', { token: t.accessToken })).json().items
      expect(items).toEqual([
        { kind: 'face', version: CONSENT_VERSION, granted: false, at: new Date(clock.t).toISOString() },
        { kind: 'privacy_policy', version: CONSENT_VERSION, granted: true, at: new Date(clock.t - 1000).toISOString() },
      ])
      const bad = await post(env, '/api/me/consents', { kind: 'marketing', version: '1', granted: true }, { token: t.accessToken })
      expect(bad.json()).toMatchObject({ statusCode: 400, field: 'kind' })
    })

    it('exports my data as JSON with the ID number masked', async () => {
      const env = getEnv()
      const t = await loginL2(env)
      const res = await get(env, '/api/me/export', { token: t.accessToken })
      expect(res.statusCode).toBe(200)
      expect(res.headers['content-disposition']).toContain('attachment')
      const data = res.json()
      expect(data.account).toMatchObject({ phone: t.phone, realName: t.citizen.name, idNumber: maskIdNumber(t.citizen.idNumber) })
      expect(res.body).not.toContain(t.citizen.idNumber)
      expect(data.consents.map((c: { kind: string }) => c.kind)).toContain('id_processing')
      expect(data.sessions.length).toBeGreaterThan(0)
      expect(data.actions.map((a: { action: string }) => a.action)).toContain('identity.real_name')
    })

    it('deletion needs an export within 24 hours, then removes personal data and signs out everywhere', async () => {
      const env = getEnv()
      const t = await loginL2(env)
      const early = await post(env, '/api/me/delete', { confirm: true }, { token: t.accessToken })
      expect(early.statusCode).toBe(409)
      expect(early.json().code).toBe('EXPORT_REQUIRED')
      expect((await get(env, '/api/me/export', { token: t.accessToken })).statusCode).toBe(200)
      const accountId = (await get(env, '/api/me', { token: t.accessToken })).json().accountId
      expect((await post(env, '/api/me/delete', { confirm: true }, { token: t.accessToken })).statusCode).toBe(200)
      expect((await get(env, '/api/me', { token: t.accessToken })).statusCode).toBe(401)
      expect((await post(env, '/api/auth/refresh', { refreshToken: t.refreshToken })).statusCode).toBe(401)
      const [row] = await env.database.db.select().from(accounts).where(eq(accounts.id, accountId))
      expect(row).toMatchObject({ phoneEnc: null, phoneHmac: null, realNameEnc: null, idNumberEnc: null, idNumberHmac: null })
      expect(row.deletedAt).not.toBeNull()
      expect(await env.database.db.select().from(miniBindings).where(eq(miniBindings.accountId, accountId))).toHaveLength(0)
      // The phone and the ID number are free for a new account.
      clock.advance(60_000)
      const again = await loginL2(env, t.citizen)
      expect((await get(env, '/api/me', { token: again.accessToken })).json().accountId).not.toBe(accountId)
    })

    it('an export older than 24 hours does not count', async () => {
      const env = getEnv()
      let t = await login(env)
      await get(env, '/api/me/export', { token: t.accessToken })
      clock.advance(25 * 3600_000)
      t = await login(env, t.phone)
      expect((await post(env, '/api/me/delete', { confirm: true }, { token: t.accessToken })).json().code).toBe('EXPORT_REQUIRED')
    })
  },
  { seed: { citizens: 20, enterprises: 1 }, clock: clock.now },
)
