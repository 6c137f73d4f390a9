// Authorisation sweep: with user A's token, every identity endpoint that takes an id is tried
// with user B's ids. Each answer must be 403/404 and carry none of B's data; B is unaffected.
import { asc, eq } from 'drizzle-orm'
import { citizens, enterprises } from '../../mock/src/db/schema'
import { forEachDatabase } from './harness'
import { TestClock, consent, get, loginL2, loginL3, nextCitizen, post } from './identity-helpers'

const clock = new TestClock()

forEachDatabase(
  'identity: authorisation sweep',
  (getEnv) => {
    it('A cannot reach anything of B by id', async () => {
      const env = getEnv()
      const [e] = await env.database.db.select({ e: enterprises, c: citizens }).from(enterprises).innerJoin(citizens, eq(citizens.id, enterprises.legalRepCitizenId)).where(eq(enterprises.status, 'active')).orderBy(asc(enterprises.uscc)).limit(1)
      const b = await loginL3(env, { id: e.c.id, name: e.c.name, idNumber: env.crypto.decrypt(e.c.idNumberEnc) })
      let c = await nextCitizen(env)
      while (c.id === e.c.id) c = await nextCitizen(env)
      const cUser = await loginL2(env, c)
      let aCitizen = await nextCitizen(env)
      while (aCitizen.id === e.c.id) aCitizen = await nextCitizen(env)
      const a = await loginL3(env, aCitizen)

      // B's things: a mandate to C, an operator (C) of B's enterprise, a face flow, B's session.
      const mandateId = (await post(env, '/api/me/mandates', { granteePhone: cUser.phone, itemCodes: ['X1'], categories: [], endsAt: new Date(clock.t + 86_400_000).toISOString() }, { token: b.accessToken })).json().id
      expect(mandateId).toBeTruthy()
      expect((await post(env, `/api/enterprises/${e.e.id}/operators`, { phone: cUser.phone }, { token: b.accessToken })).statusCode).toBe(201)
      const operatorId = (await get(env, `/api/enterprises/${e.e.id}/operators`, { token: b.accessToken })).json().items[0].id
      await consent(env, b.accessToken, 'face')
      const flowId = (await post(env, '/api/identity/face/start', { method: 'stand-in' }, { token: b.accessToken })).json().flowId

      const A = { token: a.accessToken }
      const attempts: Array<[string, () => ReturnType<typeof get>]> = [
        ['POST /api/me/sessions/{id}/revoke', () => post(env, `/api/me/sessions/${b.sessionId}/revoke`, {}, A)],
        ['POST /api/me/mandates/{id}/revoke', () => post(env, `/api/me/mandates/${mandateId}/revoke`, {}, A)],
        ['GET /api/me/mandates/{id}/actions', () => get(env, `/api/me/mandates/${mandateId}/actions`, A)],
        ['GET /api/enterprises/{id}/operators', () => get(env, `/api/enterprises/${e.e.id}/operators`, A)],
        ['POST /api/enterprises/{id}/operators', () => post(env, `/api/enterprises/${e.e.id}/operators`, { phone: cUser.phone }, A)],
        ['POST /api/enterprises/{id}/operators/{operatorId}/revoke', () => post(env, `/api/enterprises/${e.e.id}/operators/${operatorId}/revoke`, {}, A)],
        ['POST /api/me/acting (enterprise)', () => post(env, '/api/me/acting', { kind: 'enterprise', id: e.e.id }, A)],
        ['POST /api/me/acting (proxy)', () => post(env, '/api/me/acting', { kind: 'proxy', id: mandateId }, A)],
        ['POST /api/identity/face/complete', () => post(env, '/api/identity/face/complete', { flowId }, A)],
      ]
      const secrets = [b.phone, b.citizen.name, b.citizen.idNumber, cUser.phone, e.e.uscc, b.sessionId]
      for (const [label, attempt] of attempts) {
        const res = await attempt()
        expect({ label, ok: [403, 404].includes(res.statusCode) }).toEqual({ label, ok: true })
        for (const s of secrets) expect(res.body).not.toContain(s)
      }

      // Lists of A hold nothing of B.
      for (const url of ['/api/me', '/api/me/sessions', '/api/me/mandates', '/api/me/enterprises', '/api/me/consents', '/api/me/export']) {
        const res = await get(env, url, A)
        expect(res.statusCode).toBe(200)
        for (const s of [...secrets, mandateId, operatorId]) expect(res.body).not.toContain(s)
      }

      // B is untouched.
      expect((await get(env, '/api/me', { token: b.accessToken })).statusCode).toBe(200)
      expect((await get(env, '/api/me/mandates', { token: b.accessToken })).json().items[0].revoked).toBe(false)
      expect((await get(env, `/api/enterprises/${e.e.id}/operators`, { token: b.accessToken })).json().items[0].revoked).toBe(false)

      // Every identity route with a path id is in the sweep (new ones must be added above).
      const spec = (await get(env, '/api/openapi.json')).json()
      const withIds = Object.keys(spec.paths).filter((p) => /^\/api\/(me|enterprises|agent|identity|auth)\//.test(p) && p.includes('{'))
      const covered = attempts.map(([label]) => label.split(' ')[1])
      for (const p of withIds) expect(covered).toContain(p)
    })
  },
  { seed: { citizens: 30, enterprises: 3 }, clock: clock.now },
)
