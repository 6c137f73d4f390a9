// Acting as an enterprise (legal representative, operators) and under 代办 mandates, with the
// audit trail recorded against both identities.
import { and, asc, eq } from 'drizzle-orm'
import { accounts, auditLog, citizens, enterprises, mandates } from '../../mock/src/db/schema'
import { mandateCovers } from '../../mock/src/acting/service'
import { forEachDatabase, type TestEnv } from './harness'
import { TestClock, get, loginL2, loginL3, post, type SeededCitizen } from './identity-helpers'

const clock = new TestClock()
const DAY = 86_400_000
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)])
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 2)])
const GIF = Buffer.from('GIF89a' + 'x'.repeat(40))

/** The first seeded enterprise and its legal representative from the registry. */
async function enterpriseAndRep(env: TestEnv, index = 0): Promise<{ enterprise: typeof enterprises.$inferSelect; rep: SeededCitizen }> {
  const rows = await env.database.db.select({ e: enterprises, c: citizens }).from(enterprises).innerJoin(citizens, eq(citizens.id, enterprises.legalRepCitizenId)).where(eq(enterprises.status, 'active')).orderBy(asc(enterprises.uscc))
  const { e, c } = rows[index]
  return { enterprise: e, rep: { id: c.id, name: c.name, idNumber: env.crypto.decrypt(c.idNumberEnc) } }
}

const reps = new Set<string>()
/** A seeded citizen who is nobody's legal representative. */
async function plainCitizen(env: TestEnv): Promise<SeededCitizen> {
  if (reps.size === 0) for (const e of await env.database.db.select().from(enterprises)) reps.add(e.legalRepCitizenId)
  const used = new Set((await env.database.db.select({ h: accounts.idNumberHmac }).from(accounts)).map((r) => r.h))
  for (const c of await env.database.db.select().from(citizens).orderBy(asc(citizens.name))) {
    if (!reps.has(c.id) && !used.has(c.idNumberHmac)) return { id: c.id, name: c.name, idNumber: env.crypto.decrypt(c.idNumberEnc) }
  }
  throw new Error('no free citizen')
}

forEachDatabase(
  'identity: enterprise and proxy identities',
  (getEnv) => {
    let rep: Awaited<ReturnType<typeof loginL3>>
    let enterprise: typeof enterprises.$inferSelect

    beforeAll(async () => {
      const env = getEnv()
      const found = await enterpriseAndRep(env)
      enterprise = found.enterprise
      rep = await loginL3(env, found.rep)
    })

    it('the legal representative sees the enterprise, switches to it, and the audit names both', async () => {
      const env = getEnv()
      const list = await get(env, '/api/me/enterprises', { token: rep.accessToken })
      expect(list.json().items).toContainEqual({ id: enterprise.id, uscc: enterprise.uscc, name: enterprise.name, role: 'legal_rep' })
      const sw = await post(env, '/api/me/acting', { kind: 'enterprise', id: enterprise.id }, { token: rep.accessToken })
      expect(sw.statusCode).toBe(200)
      const tok = sw.json().accessToken
      const claims = JSON.parse(Buffer.from(tok.split('.')[1], 'base64url').toString())
      expect(claims.act).toEqual({ kind: 'enterprise', id: enterprise.id })
      expect((await get(env, '/api/me', { token: tok })).json().acting).toEqual({ kind: 'enterprise', id: enterprise.id, label: enterprise.name })
      const repId = (await get(env, '/api/me', { token: tok })).json().accountId
      const [row] = await env.database.db.select().from(auditLog).where(and(eq(auditLog.actorId, repId), eq(auditLog.action, 'acting.switch')))
      expect(row).toMatchObject({ actingKind: 'enterprise', actingId: enterprise.id })
      // The old token (acting as self) no longer matches the session: the app refreshes.
      expect((await get(env, '/api/me', { token: rep.accessToken })).json().code).toBe('TOKEN_EXPIRED')
      rep = { ...rep, ...(await post(env, '/api/me/acting', { kind: 'self' }, { token: tok })).json() }
    })

    it('someone else cannot act as that enterprise', async () => {
      const env = getEnv()
      const other = await loginL2(env, await plainCitizen(env))
      const res = await post(env, '/api/me/acting', { kind: 'enterprise', id: enterprise.id }, { token: other.accessToken })
      expect(res.statusCode).toBe(403)
      expect(res.json().code).toBe('ENTERPRISE_NOT_AUTHORIZED')
      expect((await get(env, `/api/enterprises/${enterprise.id}/operators`, { token: other.accessToken })).statusCode).toBe(404)
    })

    it('the legal representative authorises an operator, who can then act; revoking stops it at once', async () => {
      const env = getEnv()
      const op = await loginL2(env, await plainCitizen(env))
      const add = await post(env, `/api/enterprises/${enterprise.id}/operators`, { phone: op.phone }, { token: rep.accessToken })
      expect(add.statusCode).toBe(201)
      expect((await post(env, `/api/enterprises/${enterprise.id}/operators`, { phone: op.phone }, { token: rep.accessToken })).json().code).toBe('OPERATOR_EXISTS')
      const ops = (await get(env, `/api/enterprises/${enterprise.id}/operators`, { token: rep.accessToken })).json().items
      expect(ops).toHaveLength(1)
      expect(ops[0].phone).toBe(`${op.phone.slice(0, 3)}****${op.phone.slice(7)}`)
      expect(ops[0].name).not.toContain(op.citizen.name)
      expect((await get(env, '/api/me/enterprises', { token: op.accessToken })).json().items[0]).toMatchObject({ id: enterprise.id, role: 'operator' })
      const acting = (await post(env, '/api/me/acting', { kind: 'enterprise', id: enterprise.id }, { token: op.accessToken })).json()
      expect((await get(env, '/api/me', { token: acting.accessToken })).json().acting.kind).toBe('enterprise')
      expect((await post(env, `/api/enterprises/${enterprise.id}/operators/${ops[0].id}/revoke`, {}, { token: rep.accessToken })).statusCode).toBe(200)
      const after = await get(env, '/api/me', { token: acting.accessToken })
      expect(after.statusCode).toBe(403)
      expect(after.json().code).toBe('ENTERPRISE_NOT_AUTHORIZED')
      // A refreshed token is back to self.
      const r = (await post(env, '/api/auth/refresh', { refreshToken: acting.refreshToken })).json()
      expect((await get(env, '/api/me', { token: r.accessToken })).json().acting.kind).toBe('self')
    })

    it('代办: grant (L3, ≤ 90 days, items or categories), act, grantor sees actions, revokes at once', async () => {
      const env = getEnv()
      const grantor = await loginL3(env, await plainCitizen(env))
      const grantee = await loginL2(env, await plainCitizen(env))
      const base = { granteePhone: grantee.phone, itemCodes: ['330200-SB-001'], categories: ['socialSecurity', 'retirement'] }
      const tooLong = await post(env, '/api/me/mandates', { ...base, endsAt: new Date(clock.t + 91 * DAY).toISOString() }, { token: grantor.accessToken })
      expect(tooLong.json()).toMatchObject({ code: 'MANDATE_END_INVALID', field: 'endsAt' })
      expect((await post(env, '/api/me/mandates', { ...base, endsAt: new Date(clock.t - 1000).toISOString() }, { token: grantor.accessToken })).json().code).toBe('MANDATE_END_INVALID')
      expect((await post(env, '/api/me/mandates', { ...base, itemCodes: [], categories: [' '], endsAt: new Date(clock.t + DAY).toISOString() }, { token: grantor.accessToken })).json().code).toBe('MANDATE_SCOPE_EMPTY')
      expect((await post(env, '/api/me/mandates', { ...base, categories: ['tax'], endsAt: new Date(clock.t + DAY).toISOString() }, { token: grantor.accessToken })).json()).toMatchObject({ code: 'MANDATE_CATEGORY_UNKNOWN', field: 'categories' })
      expect((await post(env, '/api/me/mandates', { ...base, granteePhone: grantor.phone, endsAt: new Date(clock.t + DAY).toISOString() }, { token: grantor.accessToken })).json().code).toBe('GRANTEE_SELF')
      const created = await post(env, '/api/me/mandates', { ...base, endsAt: new Date(clock.t + 90 * DAY).toISOString() }, { token: grantor.accessToken })
      expect(created.statusCode).toBe(201)
      const mandateId = created.json().id
      expect(await mandateCovers(env.database.db, mandateId, { itemCode: '330200-SB-001' })).toBe(true)
      expect(await mandateCovers(env.database.db, mandateId, { itemCode: 'other', lifeEvents: ['birth', 'retirement'] })).toBe(true)
      expect(await mandateCovers(env.database.db, mandateId, { itemCode: 'other', lifeEvents: ['birth'] })).toBe(false)
      expect(await mandateCovers(env.database.db, mandateId, { dataScope: 'socialSecurity' })).toBe(true)
      expect(await mandateCovers(env.database.db, mandateId, { dataScope: 'property' })).toBe(false)

      const received = (await get(env, '/api/me/mandates', { token: grantee.accessToken })).json().items
      expect(received).toEqual([expect.objectContaining({ id: mandateId, direction: 'received', revoked: false, paper: false })])
      expect(received[0].counterpart).not.toContain(grantor.citizen.name)
      const acting = (await post(env, '/api/me/acting', { kind: 'proxy', id: mandateId }, { token: grantee.accessToken })).json()
      const me = (await get(env, '/api/me', { token: acting.accessToken })).json()
      expect(me.acting).toMatchObject({ kind: 'proxy', id: mandateId })
      expect(me.acting.label.endsWith(grantor.citizen.name.slice(-1))).toBe(true)

      const actions = (await get(env, `/api/me/mandates/${mandateId}/actions`, { token: grantor.accessToken })).json().items
      expect(actions.map((a: { action: string }) => a.action)).toContain('acting.switch')
      const [audit] = await env.database.db.select().from(auditLog).where(and(eq(auditLog.mandateId, mandateId), eq(auditLog.action, 'acting.switch')))
      expect(audit.actingId).toBe((await get(env, '/api/me', { token: grantor.accessToken })).json().accountId)

      expect((await post(env, `/api/me/mandates/${mandateId}/revoke`, {}, { token: grantor.accessToken })).statusCode).toBe(200)
      const after = await get(env, '/api/me', { token: acting.accessToken })
      expect(after.statusCode).toBe(403)
      expect(after.json().code).toBe('MANDATE_INVALID')
      expect((await post(env, '/api/me/acting', { kind: 'proxy', id: mandateId }, { token: grantee.accessToken })).json().code).toBe('MANDATE_INVALID')
    })

    it('代办: an application is filed in the grantor\'s name only for what the mandate covers (403 MANDATE_SCOPE otherwise)', async () => {
      const env = getEnv()
      const grantor = await loginL3(env, await plainCitizen(env))
      const grantee = await loginL2(env, await plainCitizen(env))
      const RELIEF = '33020005008007000' // 临时救助申请
      const ELDER = '33020005008004000' // 高龄津贴申领
      const id = (await post(env, '/api/me/mandates', { granteePhone: grantee.phone, itemCodes: [RELIEF], categories: [], endsAt: new Date(clock.t + DAY).toISOString() }, { token: grantor.accessToken })).json().id
      const acting = (await post(env, '/api/me/acting', { kind: 'proxy', id }, { token: grantee.accessToken })).json()
      const outside = await post(env, '/api/cases', { itemCode: ELDER, form: {}, materials: [] }, { token: acting.accessToken })
      expect(outside.statusCode).toBe(403)
      expect(outside.json().code).toBe('MANDATE_SCOPE')
      // Covered: the scope lets it through to the form's own checks.
      const inside = await post(env, '/api/cases', { itemCode: RELIEF, form: {}, materials: [] }, { token: acting.accessToken })
      expect(inside.json().code).not.toBe('MANDATE_SCOPE')
      // The grantee acting as themself is not limited by anyone's mandate.
      expect((await post(env, '/api/cases', { itemCode: ELDER, form: {}, materials: [] }, { token: grantee.accessToken })).json().code).not.toBe('MANDATE_SCOPE')
    })

    it('a mandate ends on its end date', async () => {
      const env = getEnv()
      const grantor = await loginL3(env, await plainCitizen(env))
      const grantee = await loginL2(env, await plainCitizen(env))
      const id = (await post(env, '/api/me/mandates', { granteePhone: grantee.phone, itemCodes: ['A'], categories: [], endsAt: new Date(clock.t + 10 * 60_000).toISOString() }, { token: grantor.accessToken })).json().id
      const acting = (await post(env, '/api/me/acting', { kind: 'proxy', id }, { token: grantee.accessToken })).json()
      clock.advance(11 * 60_000)
      expect((await get(env, '/api/me', { token: acting.accessToken })).json().code).toBe('MANDATE_INVALID')
    })

    it('village agent: a paper mandate with a JPEG/PNG 委托书 (type by magic bytes), stored in the database', async () => {
      const env = getEnv()
      const agent = await loginL2(env, await plainCitizen(env))
      const elder = await plainCitizen(env)
      const body = { grantorName: elder.name, grantorIdNumber: elder.idNumber, itemCodes: ['330200-YL-002'], categories: [], endsAt: new Date(clock.t + 30 * DAY).toISOString() }
      const notAgent = await post(env, '/api/agent/mandates', { ...body, documentBase64: PNG.toString('base64') }, { token: agent.accessToken })
      expect(notAgent.statusCode).toBe(403)
      expect(notAgent.json().code).toBe('NOT_VILLAGE_AGENT')
      await env.database.db.update(accounts).set({ isVillageAgent: true }).where(eq(accounts.phoneHmac, env.crypto.index(agent.phone)))
      const gif = await post(env, '/api/agent/mandates', { ...body, documentBase64: GIF.toString('base64') }, { token: agent.accessToken })
      expect(gif.json()).toMatchObject({ code: 'DOCUMENT_TYPE', field: 'document' })
      const wrongName = await post(env, '/api/agent/mandates', { ...body, grantorName: `${elder.name}伟`, documentBase64: JPEG.toString('base64') }, { token: agent.accessToken })
      expect(wrongName.json().code).toBe('NAME_MISMATCH')
      const ok = await post(env, '/api/agent/mandates', { ...body, documentBase64: JPEG.toString('base64') }, { token: agent.accessToken })
      expect(ok.statusCode).toBe(201)
      const [m] = await env.database.db.select().from(mandates).where(eq(mandates.id, ok.json().id))
      expect(m.documentType).toBe('image/jpeg')
      expect(Buffer.compare(m.document!, JPEG)).toBe(0)
      expect(m.grantorId).toBeNull()
      const list = (await get(env, '/api/me/mandates', { token: agent.accessToken })).json().items
      expect(list[0]).toMatchObject({ id: ok.json().id, direction: 'received', paper: true })
      expect(JSON.stringify(list)).not.toContain(elder.idNumber)
      const acting = await post(env, '/api/me/acting', { kind: 'proxy', id: ok.json().id }, { token: agent.accessToken })
      expect(acting.statusCode).toBe(200)
    })
  },
  { seed: { citizens: 80, enterprises: 5 }, clock: clock.now },
)
