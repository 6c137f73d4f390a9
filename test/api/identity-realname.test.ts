// L2 real name against the seeded registry and L3 with the stand-in liveness provider.
import { eq } from 'drizzle-orm'
import { accounts } from '../../mock/src/db/schema'
import { standInFace } from '../../mock/src/identity/face'
import { idCheckDigit, maskIdNumber } from '../../src/domain'
import { validation } from '../../src/domain/messages/zh-CN/validation'
import { forEachDatabase } from './harness'
import { TestClock, consent, get, login, loginL2, nextCitizen, post } from './identity-helpers'

const clock = new TestClock()
const MIN = 60_000

function wrongCheckDigit(id: string): string {
  const right = idCheckDigit(id.slice(0, 17))
  return id.slice(0, 17) + (right === '1' ? '2' : '1')
}

forEachDatabase(
  'identity: real name (L2) and real person (L3)',
  (getEnv) => {
    it('needs the separate ID-processing consent first', async () => {
      const env = getEnv()
      const t = await login(env)
      const c = await nextCitizen(env)
      const res = await post(env, '/api/identity/real-name', { name: c.name, idNumber: c.idNumber }, { token: t.accessToken })
      expect(res.statusCode).toBe(403)
      expect(res.json()).toMatchObject({ code: 'CONSENT_REQUIRED', message: expect.stringContaining('身份证信息') })
      // A withdrawn consent counts as none.
      await consent(env, t.accessToken, 'id_processing', true)
      clock.advance(1000)
      await consent(env, t.accessToken, 'id_processing', false)
      expect((await post(env, '/api/identity/real-name', { name: c.name, idNumber: c.idNumber }, { token: t.accessToken })).json().code).toBe('CONSENT_REQUIRED')
    })

    it('a consent given to an older wording asks again (the text changed with the version)', async () => {
      const env = getEnv()
      const t = await login(env)
      const c = await nextCitizen(env)
      for (const kind of ['id_processing', 'face'] as const) {
        const res = await post(env, '/api/me/consents', { kind, version: '2026-11', granted: true }, { token: t.accessToken })
        expect(res.statusCode).toBe(200)
      }
      expect((await post(env, '/api/identity/real-name', { name: c.name, idNumber: c.idNumber }, { token: t.accessToken })).json().code).toBe('CONSENT_REQUIRED')
      clock.advance(1000)
      await consent(env, t.accessToken, 'id_processing', true)
      expect((await post(env, '/api/identity/real-name', { name: c.name, idNumber: c.idNumber }, { token: t.accessToken })).statusCode).toBe(200)
      expect((await post(env, '/api/identity/face/start', { method: 'stand-in' }, { token: t.accessToken })).json().code).toBe('CONSENT_REQUIRED')
    })

    it('passes with a seeded citizen; every answer masks the ID number', async () => {
      const env = getEnv()
      const t = await loginL2(env)
      const me = await get(env, '/api/me', { token: t.accessToken })
      expect(me.json()).toMatchObject({ level: 'L2', realName: { idNumber: maskIdNumber(t.citizen.idNumber) } })
      expect(me.json().realName.name.endsWith(t.citizen.name.slice(-1))).toBe(true)
      expect(me.body).not.toContain(t.citizen.idNumber)
      expect(me.body).not.toContain(t.citizen.name)
      // Stored encrypted with an HMAC index, never in clear.
      const [row] = await env.database.db.select().from(accounts).where(eq(accounts.phoneHmac, env.crypto.index(t.phone)))
      expect(row.idNumberEnc).not.toContain(t.citizen.idNumber)
      expect(env.crypto.decrypt(row.idNumberEnc!)).toBe(t.citizen.idNumber)
      const again = await post(env, '/api/identity/real-name', { name: t.citizen.name, idNumber: t.citizen.idNumber }, { token: t.accessToken })
      expect(again.json().code).toBe('REAL_NAME_ALREADY')
    })

    it('accepts a lower-case x and full-width digits (domain normalisation)', async () => {
      const env = getEnv()
      let c = await nextCitizen(env)
      while (!c.idNumber.endsWith('X')) c = await nextCitizen(env)
      const t = await login(env)
      await consent(env, t.accessToken, 'id_processing')
      const typed = c.idNumber.slice(0, 17).replace('1', '１') + 'x'
      const res = await post(env, '/api/identity/real-name', { name: c.name, idNumber: typed }, { token: t.accessToken })
      expect(res.statusCode).toBe(200)
    })

    it('gives a distinct message for each kind of failure', async () => {
      const env = getEnv()
      const t = await login(env)
      await consent(env, t.accessToken, 'id_processing')
      const c = await nextCitizen(env)
      const send = (name: string, idNumber: string) => post(env, '/api/identity/real-name', { name, idNumber }, { token: t.accessToken })
      const checkDigit = await send(c.name, wrongCheckDigit(c.idNumber))
      expect(checkDigit.json()).toMatchObject({ statusCode: 400, code: 'ID_NUMBER_INVALID', field: 'idNumber', message: validation.idNumber.checkDigit })
      expect((await send(c.name, c.idNumber.slice(0, 15))).json()).toMatchObject({ code: 'ID_NUMBER_INVALID', message: validation.idNumber.length })
      expect((await send('Tom', c.idNumber)).json()).toMatchObject({ code: 'NAME_INVALID', field: 'name' })
      const otherName = c.name.endsWith('伟') ? c.name.slice(0, -1) + '强' : c.name.slice(0, -1) + '伟'
      const mismatch = await send(otherName, c.idNumber)
      expect(mismatch.json()).toMatchObject({ code: 'NAME_MISMATCH', field: 'name' })
      // A valid number that is not in the registry (sequence 999 is never generated for this date).
      const unknown17 = `${c.idNumber.slice(0, 14)}999`
      const unknown = await send(c.name, unknown17 + idCheckDigit(unknown17))
      expect(unknown.json()).toMatchObject({ code: 'ID_NOT_FOUND', field: 'idNumber' })
      const messages = new Set([checkDigit, mismatch, unknown].map((r) => r.json().message))
      expect(messages.size).toBe(3)
      for (const r of [checkDigit, mismatch, unknown]) expect(r.body).not.toContain(c.idNumber.slice(0, 14))
    })

    it('allows 5 registry mismatches per account per day, then refuses until the next day', async () => {
      const env = getEnv()
      clock.t = Date.parse('2026-12-01T16:30:00Z') // 00:30 in China
      const t = await login(env)
      await consent(env, t.accessToken, 'id_processing')
      const c = await nextCitizen(env)
      for (let i = 0; i < 5; i++) {
        expect((await post(env, '/api/identity/real-name', { name: `${c.name}伟`, idNumber: c.idNumber }, { token: t.accessToken })).json().code).toBe('NAME_MISMATCH')
      }
      const right = () => post(env, '/api/identity/real-name', { name: c.name, idNumber: c.idNumber }, { token: t.accessToken })
      const limited = await right()
      expect(limited.statusCode).toBe(429)
      expect(limited.json().code).toBe('REAL_NAME_DAILY_LIMIT')
      // Format mistakes are caught before the registry and do not count; the next China day is fresh.
      clock.t = Date.parse('2026-12-02T16:00:01Z')
      const fresh = await login(env, t.phone)
      await post(env, '/api/identity/real-name', { name: c.name, idNumber: wrongCheckDigit(c.idNumber) }, { token: fresh.accessToken })
      expect((await post(env, '/api/identity/real-name', { name: c.name, idNumber: c.idNumber }, { token: fresh.accessToken })).statusCode).toBe(200)
    })

    it('binds an ID number to one account only', async () => {
      const env = getEnv()
      const first = await loginL2(env)
      const t = await login(env)
      await consent(env, t.accessToken, 'id_processing')
      const res = await post(env, '/api/identity/real-name', { name: first.citizen.name, idNumber: first.citizen.idNumber }, { token: t.accessToken })
      expect(res.statusCode).toBe(409)
      expect(res.json()).toMatchObject({ code: 'ID_NUMBER_BOUND', field: 'idNumber' })
    })

    it('two accounts claiming one ID number at the same moment: one wins, the other gets 409', async () => {
      const env = getEnv()
      const c = await nextCitizen(env)
      const [x, y] = [await login(env), await login(env)]
      await consent(env, x.accessToken, 'id_processing')
      await consent(env, y.accessToken, 'id_processing')
      const answers = await Promise.all([x, y].map((t) => post(env, '/api/identity/real-name', { name: c.name, idNumber: c.idNumber }, { token: t.accessToken })))
      expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409])
    })

    it('L3 with the stand-in: needs face consent, the server checks the proof, a flow is single use', async () => {
      const env = getEnv()
      const t = await loginL2(env)
      expect((await post(env, '/api/identity/face/start', { method: 'stand-in' }, { token: t.accessToken })).json().code).toBe('CONSENT_REQUIRED')
      await consent(env, t.accessToken, 'face')
      const start = await post(env, '/api/identity/face/start', { method: 'stand-in' }, { token: t.accessToken })
      expect(start.statusCode).toBe(200)
      const { flowId, clientToken } = start.json()
      const wrongProof = clientToken === '000000' ? '111111' : '000000'
      const failed = await post(env, '/api/identity/face/complete', { flowId, standInProof: wrongProof }, { token: t.accessToken })
      expect(failed.json().code).toBe('FACE_FAILED')
      // Spent, even though it failed.
      expect((await post(env, '/api/identity/face/complete', { flowId, standInProof: clientToken }, { token: t.accessToken })).json().code).toBe('FACE_FLOW_INVALID')
      const again = (await post(env, '/api/identity/face/start', { method: 'stand-in' }, { token: t.accessToken })).json()
      const ok = await post(env, '/api/identity/face/complete', { flowId: again.flowId, standInProof: again.clientToken }, { token: t.accessToken })
      expect(ok.statusCode).toBe(200)
      expect(ok.json()).toEqual({ level: 'L3', validUntil: new Date(clock.t + 30 * MIN).toISOString() })
    })

    it('face flows expire after an hour and need L2', async () => {
      const env = getEnv()
      const l1 = await login(env)
      expect((await post(env, '/api/identity/face/start', { method: 'stand-in' }, { token: l1.accessToken })).json()).toMatchObject({ code: 'LEVEL_REQUIRED', requiredLevel: 'L2' })
      const t = await loginL2(env)
      await consent(env, t.accessToken, 'face')
      const start = (await post(env, '/api/identity/face/start', { method: 'stand-in' }, { token: t.accessToken })).json()
      // Keep the session alive (idle rule) while the flow ages past its hour.
      let tok = t
      for (let i = 0; i < 3; i++) {
        clock.advance(20 * MIN + 1000)
        tok = { ...tok, ...(await post(env, '/api/auth/refresh', { refreshToken: tok.refreshToken })).json() }
      }
      expect((await post(env, '/api/identity/face/complete', { flowId: start.flowId, standInProof: start.clientToken }, { token: tok.accessToken })).json().code).toBe('FACE_FLOW_INVALID')
    })

    it('WeChat face needs a weapp binding; the real providers are not configured here', async () => {
      const env = getEnv()
      const t = await loginL2(env)
      await consent(env, t.accessToken, 'face')
      expect((await post(env, '/api/identity/face/start', { method: 'wechat' }, { token: t.accessToken })).json().code).toBe('FACE_CHANNEL_UNSUPPORTED')
    })
  },
  { seed: { citizens: 60, enterprises: 2 }, clock: clock.now },
)

describe('stand-in liveness in production', () => {
  it('refuses to start or to judge', async () => {
    const p = standInFace(true)
    await expect(p.start({ name: '张三', idNumber: 'x', outSeqNo: 'o' }, new Date('2026-11-20T02:00:00Z'))).rejects.toMatchObject({ kind: 'refused' })
    await expect(p.passed({ name: '张三', idNumber: 'x', outSeqNo: 'o' }, { challenge: '1' }, new Date('2026-11-20T02:00:00Z'), '1')).rejects.toMatchObject({ kind: 'refused' })
  })
})
