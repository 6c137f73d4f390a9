// Who may read whose records: a proxy only within the mandate's scope, an enterprise identity
// not at all; the authorisation sweep (another user's ids -> 403/404, nothing leaks); and
// 谁查询了我的数据 listing own queries, a proxy's queries and public verifications.
import { and, asc, eq, sql } from 'drizzle-orm'
import { citizens, enterprises } from '../../mock/src/db/schema'
import type { AccessLogResponse, ProofView, ProofsResponse, SocialSecurityResponse } from '../../src/domain/contract/records'
import { maskName } from '../../src/domain/mask'
import { forEachDatabase } from './harness'
import { TestClock, get, loginL2, loginL3, post } from './identity-helpers'
import { RECORDS_SEED, citizenWhere, has } from './records-helpers'

jest.setTimeout(60_000)

const clock = new TestClock()
const DAY = 86_400_000

forEachDatabase(
  'records: scope, sweep and access log',
  (getEnv) => {
    it('a proxy reads only the areas the mandate covers; the grantor sees it in 谁查询了我的数据', async () => {
      const env = getEnv()
      const grantor = await loginL3(env, await citizenWhere(env, has.any))
      const grantee = await loginL2(env, await citizenWhere(env, has.any))
      const m = await post(env, '/api/me/mandates', { granteePhone: grantee.phone, itemCodes: [], categories: ['socialSecurity'], endsAt: new Date(clock.t + 30 * DAY).toISOString() }, { token: grantor.accessToken })
      expect(m.statusCode).toBe(201)
      const acting = (await post(env, '/api/me/acting', { kind: 'proxy', id: m.json().id }, { token: grantee.accessToken })).json()

      const ss = await get(env, '/api/records/social-security', { token: acting.accessToken })
      expect(ss.statusCode).toBe(200)
      expect(ss.json<SocialSecurityResponse>().subject).toEqual({ acting: 'proxy', name: maskName(grantor.citizen.name) })
      const own = (await get(env, '/api/records/social-security', { token: grantee.accessToken }))
      expect(own.statusCode).toBe(401) // the old token is from before the switch
      expect((await get(env, '/api/records/provident-fund', { token: acting.accessToken })).json().code).toBe('MANDATE_SCOPE')
      expect((await post(env, '/api/proofs', { kind: 'provident_fund' }, { token: acting.accessToken })).json().code).toBe('MANDATE_SCOPE')
      // A proof for the grantor made by the proxy lists for the proxy.
      const proof = await post(env, '/api/proofs', { kind: 'social_security' }, { token: acting.accessToken })
      expect(proof.statusCode).toBe(201)

      const log = (await get(env, '/api/me/access-log', { token: grantor.accessToken })).json<AccessLogResponse>()
      const byProxy = log.items.filter((e) => e.who === 'proxy')
      expect(byProxy.map((e) => e.action).sort()).toEqual(['proof.create', 'social_security.view'])
      expect(byProxy[0].actor).toBe(maskName(grantee.citizen.name))
      expect(byProxy[0].channel).toBe('h5')
      // The grantee's own log does not hold the grantor's entries.
      const granteeLog = (await post(env, '/api/me/acting', { kind: 'self' }, { token: acting.accessToken })).json()
      expect((await get(env, '/api/me/access-log', { token: granteeLog.accessToken })).json<AccessLogResponse>().items).toEqual([])
    })

    it('an enterprise identity reads no personal records', async () => {
      const env = getEnv()
      const [e] = await env.database.db
        .select({ e: enterprises, c: citizens })
        .from(enterprises)
        .innerJoin(citizens, eq(citizens.id, enterprises.legalRepCitizenId))
        .where(and(eq(enterprises.status, 'active'), sql`${citizens.birthDate} <= '2005-01-01'`))
        .orderBy(asc(enterprises.uscc))
        .limit(1)
      const rep = await loginL3(env, { id: e.c.id, name: e.c.name, idNumber: env.crypto.decrypt(e.c.idNumberEnc) })
      const acting = (await post(env, '/api/me/acting', { kind: 'enterprise', id: e.e.id }, { token: rep.accessToken })).json()
      for (const url of ['/api/records/social-security', '/api/records/provident-fund']) {
        expect((await get(env, url, { token: acting.accessToken })).json().code).toBe('RECORDS_SCOPE')
      }
      expect((await post(env, '/api/proofs', { kind: 'social_security' }, { token: acting.accessToken })).json().code).toBe('RECORDS_SCOPE')
    })

    it('sweep: A cannot reach B’s proofs or records; lists of A hold nothing of B', async () => {
      const env = getEnv()
      const a = await loginL3(env, await citizenWhere(env, has.any))
      const b = await loginL3(env, await citizenWhere(env, has.units2))
      const pb = (await post(env, '/api/proofs', { kind: 'property' }, { token: b.accessToken })).json<ProofView>()
      const pa = (await post(env, '/api/proofs', { kind: 'social_security' }, { token: a.accessToken })).json<ProofView>()
      const aToken = new URL(pa.downloadUrl, 'http://x').searchParams.get('t')!
      const attempts = [
        () => env.app.inject({ method: 'GET', url: `/api/proofs/${pb.id}/pdf?t=${aToken}`, headers: { authorization: `Bearer ${a.accessToken}` } }),
        () => env.app.inject({ method: 'GET', url: `/api/proofs/${pb.id}/pdf?t=0.x`, headers: { authorization: `Bearer ${a.accessToken}` } }),
        () => env.app.inject({ method: 'GET', url: `/api/proofs/${pb.id}/pdf`, headers: { authorization: `Bearer ${a.accessToken}` } }),
      ]
      for (const attempt of attempts) {
        const res = await attempt()
        expect([400, 403, 404]).toContain(res.statusCode)
        expect(res.body).not.toContain(b.citizen.name)
        expect(res.headers['content-type']).not.toBe('application/pdf')
      }
      // No endpoint takes a person id: whatever A sends, A gets A's records.
      const ss = (await get(env, `/api/records/social-security?citizenId=${b.citizen.id}`, { token: a.accessToken }))
      expect(ss.statusCode === 400 || ss.json<SocialSecurityResponse>().subject.name === maskName(a.citizen.name)).toBe(true)
      const secrets = [b.citizen.name, b.citizen.idNumber, pb.id, pb.number]
      for (const url of ['/api/proofs', '/api/me/access-log', '/api/records/social-security', '/api/records/provident-fund', '/api/records/property']) {
        const res = await get(env, url, { token: a.accessToken })
        expect(res.statusCode).toBe(200)
        for (const s of secrets) expect(res.body).not.toContain(s)
      }
      expect((await get(env, '/api/proofs', { token: a.accessToken })).json<ProofsResponse>().items.map((p) => p.id)).toEqual([pa.id])
    })

    it('谁查询了我的数据: my queries, proof and a public verification, newest first, with channel', async () => {
      const env = getEnv()
      const me = await loginL3(env, await citizenWhere(env, has.any))
      await get(env, '/api/records/social-security', { token: me.accessToken })
      clock.advance(1000)
      await get(env, '/api/records/provident-fund', { token: me.accessToken })
      clock.advance(1000)
      const p = (await post(env, '/api/proofs', { kind: 'social_security' }, { token: me.accessToken })).json<ProofView>()
      clock.advance(1000)
      await get(env, `/api/verify?code=${p.number}`)
      clock.advance(1000)
      // The download link carries no login; the entry names the proof's holder.
      expect((await env.app.inject({ method: 'GET', url: p.downloadUrl })).statusCode).toBe(200)
      const log = (await get(env, '/api/me/access-log', { token: me.accessToken })).json<AccessLogResponse>()
      expect(log.items.map((e) => [e.who, e.action])).toEqual([
        ['self', 'proof.download'],
        ['public', 'proof.verify'],
        ['self', 'proof.create'],
        ['self', 'provident_fund.view'],
        ['self', 'social_security.view'],
      ])
      expect(log.items[0]).toMatchObject({ actor: maskName(me.citizen.name), channel: 'api' })
      expect(log.items[2]).toMatchObject({ actor: maskName(me.citizen.name), channel: 'h5' })
      expect(log.items[1]).toMatchObject({ actor: '', channel: 'api' })
    })
  },
  { seed: RECORDS_SEED, clock: clock.now },
)
