// The foundation's redaction test, extended to identity: after sign-in, real name, face, staff
// login, mandates and refreshes at trace level, no secret or personal value is in the log.
import { base32Decode, totp } from '../../mock/src/identity/totp'
import { SEED_STAFF, seedStaff } from '../../mock/src/identity/staff'
import { scrubValue } from '../../mock/src/logger'
import { forEachDatabase } from './harness'
import { TestClock, consent, get, login, loginL2, loginL3, outboxCode, post, sendSms } from './identity-helpers'

const clock = new TestClock()

describe('identity field names are redacted', () => {
  it('by key, at any depth', () => {
    const v = scrubValue({ body: { bindTicket: 't', flowId: 'f', totp: '123456', standInProof: '1', grantorIdNumber: 'x', documentBase64: 'AAA', refreshToken: 'r', certNo: 'c', code: 'VALIDATION' } })
    expect(v).toEqual({
      body: { bindTicket: '[REDACTED]', flowId: '[REDACTED]', totp: '[REDACTED]', standInProof: '[REDACTED]', grantorIdNumber: '[REDACTED]', documentBase64: '[REDACTED]', refreshToken: '[REDACTED]', certNo: '[REDACTED]', code: 'VALIDATION' },
    })
  })
})

forEachDatabase(
  'identity: logs carry no secrets',
  (getEnv) => {
    it('after the identity flows at trace level', async () => {
      const env = getEnv()
      await seedStaff(env.database.db, env.crypto)
      const b = await loginL2(env)
      const a = await loginL3(env)
      const mandate = await post(env, '/api/me/mandates', { granteePhone: b.phone, itemCodes: ['X'], categories: [], endsAt: new Date(clock.t + 86_400_000).toISOString() }, { token: a.accessToken })
      expect(mandate.statusCode).toBe(201)
      const refreshed = (await post(env, '/api/auth/refresh', { refreshToken: a.refreshToken })).json()
      await post(env, '/api/auth/refresh', { refreshToken: a.refreshToken }) // reuse
      const mini = (await post(env, '/api/dev/mini-code', { platform: 'weapp', openid: 'o_secret_openid_42' })).json().code
      const bind = (await post(env, '/api/auth/mini-login', { platform: 'weapp', code: mini })).json().bindTicket
      const phone = '19912345678'
      await sendSms(env, phone)
      const code = await outboxCode(env, phone)
      await post(env, '/api/auth/login', { phone, code: code === '000000' ? '111111' : '000000', bindTicket: bind })
      await post(env, '/api/auth/login', { phone, code, bindTicket: bind })
      await consent(env, b.accessToken, 'face')
      const flow = (await post(env, '/api/identity/face/start', { method: 'stand-in' }, { token: b.accessToken })).json()
      await post(env, '/api/identity/face/complete', { flowId: flow.flowId, standInProof: flow.clientToken }, { token: b.accessToken })
      await post(env, '/api/identity/real-name', { name: b.citizen.name, idNumber: b.citizen.idNumber }, { token: (await login(env)).accessToken })
      const s = SEED_STAFF[0]
      const staffTotp = totp(base32Decode(s.totpSecret), clock.now())
      await post(env, '/api/staff/login', { username: s.username, password: s.password, totp: staffTotp })
      await get(env, `/api/dev/sms-outbox?phone=${phone}`)

      const log = env.logs.join('\n')
      if (process.env.SHOW_LOGS) process.stdout.write(log + '\n')
      expect(env.logs.length).toBeGreaterThan(20)
      const secrets = [
        a.phone, b.phone, phone, a.citizen.idNumber, b.citizen.idNumber, a.citizen.name, b.citizen.name,
        a.accessToken, a.refreshToken, refreshed.refreshToken, refreshed.accessToken.split('.')[2],
        bind, mini, 'o_secret_openid_42', flow.flowId, s.password, `"${staffTotp}"`, `"${code}"`,
      ]
      for (const secret of secrets) expect(log).not.toContain(secret)
      expect(log).toContain('"route":"/api/auth/login"')
    })
  },
  { seed: { citizens: 10, enterprises: 1 }, logLevel: 'trace', clock: clock.now },
)
