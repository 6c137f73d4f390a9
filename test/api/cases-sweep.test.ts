// Who sees which case: every case route that takes an id, tried by another citizen with B's ids
// (403/404, none of B's data); an enterprise's cases are seen by its legal representative and its
// operators acting for it, and by nobody acting as themselves.
import { asc, eq } from 'drizzle-orm'
import { catalogState } from '../../mock/src/catalog/state'
import { bookingSlots, bookings, citizens, enterprises } from '../../mock/src/db/schema'
import { forEachDatabase, type TestEnv } from './harness'
import { TestClock, accountIdOf, get, loginL2, loginL3, post } from './identity-helpers'
import { itemCode, pickCitizen, upload } from './cases-support'

const clock = new TestClock()

async function applyAs(env: TestEnv, token: string, code: string, extraForm: Record<string, string> = {}) {
  const form = (await get(env, `/api/cases/forms/${code}`)).json()
  const f = await upload(env, token)
  const values: Record<string, string> = { phone: '13800138000', region: '330203', address: '海曙区', ...extraForm }
  const materials = form.materials
    .filter((m: { required: boolean }) => m.required)
    .map((m: { name: string; modes: string[] }) => (m.modes.includes('shared') ? { name: m.name, mode: 'shared' } : { name: m.name, mode: 'upload', fileIds: [f.json().fileId] }))
  return post(env, '/api/cases', { itemCode: code, form: values, materials }, { token })
}

forEachDatabase(
  'cases: authorisation sweep',
  (getEnv) => {
    it('A cannot reach B’s case by id', async () => {
      const env = getEnv()
      const b = await loginL3(env, await pickCitizen(env, 'any'))
      const a = await loginL3(env, await pickCitizen(env, 'any'))
      const res = await applyAs(env, b.accessToken, itemCode('临时救助申请'))
      expect(res.statusCode).toBe(201)
      const c = res.json().cases[0]
      const fileId = c.materials.find((m: { files: unknown[] }) => m.files.length > 0).files[0].id
      const A = { token: a.accessToken }
      const attempts: Array<[string, () => ReturnType<typeof get>]> = [
        ['GET /api/cases/{id}', () => get(env, `/api/cases/${c.id}`, A)],
        ['POST /api/cases/{id}/withdraw', () => post(env, `/api/cases/${c.id}/withdraw`, {}, A)],
        ['POST /api/cases/{id}/supplement', () => post(env, `/api/cases/${c.id}/supplement`, { materials: [{ name: '居民身份证', mode: 'shared' }] }, A)],
        ['POST /api/cases/{id}/materials', () => post(env, `/api/cases/${c.id}/materials`, { name: '居民身份证', fileIds: [fileId] }, A)],
        ['POST /api/cases/{id}/commitments/withdraw', () => post(env, `/api/cases/${c.id}/commitments/withdraw`, { name: '困难情况说明' }, A)],
        ['POST /api/cases/{id}/rating', () => post(env, `/api/cases/${c.id}/rating`, { level: 1, tags: [] }, A)],
        ['GET /api/cases/files/{id}', () => get(env, `/api/cases/files/${fileId}`, A)],
        ['POST /api/cases/drafts/{id}/delete', () => post(env, `/api/cases/drafts/${c.id}/delete`, {}, A)],
        // Staff routes refuse a citizen's token outright.
        ['GET /api/staff/cases/{id}', () => get(env, `/api/staff/cases/${c.id}`, A)],
        ['GET /api/staff/cases/{id}/files/{fileId}', () => get(env, `/api/staff/cases/${c.id}/files/${fileId}`, A)],
        ['GET /api/staff/cases/{id}/files/{fileId}/link', () => get(env, `/api/staff/cases/${c.id}/files/${fileId}/link`, A)],
        // The viewer link route takes no bearer: a forged link is refused whoever holds it.
        ['GET /api/staff/cases/{id}/files/{fileId}/view', () => get(env, `/api/staff/cases/${c.id}/files/${fileId}/view?by=${c.id}&t=4102444800.${'0'.repeat(32)}`, A)],
        ['POST /api/staff/cases/{id}/{action}', () => post(env, `/api/staff/cases/${c.id}/accept`, {}, A)],
        ['POST /api/staff/cases/{id}/rating-reply', () => post(env, `/api/staff/cases/${c.id}/rating-reply`, { reply: '你好你好' }, A)],
      ]
      const secrets = [b.citizen.name, b.citizen.idNumber, c.number, c.queryCode]
      for (const [label, attempt] of attempts) {
        const r = await attempt()
        expect({ label, ok: [401, 403, 404].includes(r.statusCode) }).toEqual({ label, ok: true })
        for (const s of secrets) expect(r.body).not.toContain(s)
      }
      expect((await get(env, '/api/cases', A)).json().items).toHaveLength(0)
      expect((await get(env, `/api/cases/${c.id}`, { token: b.accessToken })).json().state).toBe('submitted')

      // Every case route with a path id is in the sweep.
      const spec = (await get(env, '/api/openapi.json')).json()
      const withIds = Object.keys(spec.paths).filter((p) => /^\/api\/(cases|staff\/cases)\//.test(p) && p.includes('{') && !p.startsWith('/api/cases/forms/'))
      const covered = attempts.map(([label]) => label.split(' ')[1])
      for (const p of withIds) expect(covered).toContain(p)
    })

    it('A cannot see or rate B’s hall visit; staff rating routes refuse citizens', async () => {
      const env = getEnv()
      const b = await loginL3(env, await pickCitizen(env, 'any'))
      const a = await loginL3(env, await pickCitizen(env, 'any'))
      // A visit B checked in to (written directly: booking itself is test/api/booking-*'s business).
      const db = env.database.db
      const startsAt = new Date(clock.t - 3600_000)
      const [slot] = await db.insert(bookingSlots).values({ hallId: 'jb-centre', day: '2026-11-20', startsAt, endsAt: new Date(startsAt.getTime() + 1800_000), capacity: 5, booked: 1 }).returning()
      const [visit] = await db
        .insert(bookings)
        .values({ accountId: await accountIdOf(env, b.phone), itemCode: '33020007001001000', hallId: 'jb-centre', slotId: slot.id, startsAt, endsAt: slot.endsAt, status: 'checked_in', createdAt: startsAt, checkedInAt: startsAt })
        .returning()
      const A = { token: a.accessToken }
      const attempts: Array<[string, () => ReturnType<typeof get>]> = [
        ['GET /api/bookings/{id}/rating', () => get(env, `/api/bookings/${visit.id}/rating`, A)],
        ['POST /api/bookings/{id}/rating', () => post(env, `/api/bookings/${visit.id}/rating`, { level: 1, tags: [] }, A)],
        ['POST /api/staff/ratings/{id}/reply', () => post(env, `/api/staff/ratings/${visit.id}/reply`, { reply: '你好你好' }, A)],
      ]
      for (const [label, attempt] of attempts) {
        const r = await attempt()
        expect({ label, ok: [401, 403, 404].includes(r.statusCode) }).toEqual({ label, ok: true })
        expect(r.body).not.toContain(b.citizen.name)
      }
      expect((await get(env, '/api/staff/ratings/follow-ups', A)).statusCode).toBe(401)
      // B still can, once.
      expect((await get(env, `/api/bookings/${visit.id}/rating`, { token: b.accessToken })).json()).toMatchObject({ canRate: true })
    })

    it('an enterprise identity sees all the enterprise’s cases; acting as oneself does not', async () => {
      const env = getEnv()
      const [e] = await env.database.db.select({ e: enterprises, c: citizens }).from(enterprises).innerJoin(citizens, eq(citizens.id, enterprises.legalRepCitizenId)).where(eq(enterprises.status, 'active')).orderBy(asc(enterprises.uscc)).limit(1)
      let opCitizen = await pickCitizen(env, 'any')
      while (opCitizen.id === e.c.id) opCitizen = await pickCitizen(env, 'any')
      const rep = await loginL3(env, { id: e.c.id, name: e.c.name, idNumber: env.crypto.decrypt(e.c.idNumberEnc) })
      const op = await loginL2(env, opCitizen)
      expect((await post(env, `/api/enterprises/${e.e.id}/operators`, { phone: op.phone }, { token: rep.accessToken })).statusCode).toBe(201)
      const opAct = (await post(env, '/api/me/acting', { kind: 'enterprise', id: e.e.id }, { token: op.accessToken })).json()
      const item = [...catalogState().items.values()].find((i) => i.audience === 'enterprise' && i.canApplyOnline && !i.autoApproval)!
      const res = await applyAs(env, opAct.accessToken, item.code)
      expect(res.statusCode).toBe(201)
      const c = res.json().cases[0]
      // Prefilled from the registry, not from the device.
      expect(c.form).toMatchObject({ enterpriseName: e.e.name, uscc: e.e.uscc })
      expect(c.enterprise).toBe(true)
      const repAct = (await post(env, '/api/me/acting', { kind: 'enterprise', id: e.e.id }, { token: rep.accessToken })).json()
      const seen = (await get(env, '/api/cases', { token: repAct.accessToken })).json().items
      expect(seen.map((x: { id: string }) => x.id)).toContain(c.id)
      expect((await get(env, `/api/cases/${c.id}`, { token: repAct.accessToken })).statusCode).toBe(200)
      // The operator as a private person does not see the enterprise's case in their own list.
      const opSelf = (await post(env, '/api/me/acting', { kind: 'self' }, { token: opAct.accessToken })).json()
      expect((await get(env, '/api/cases', { token: opSelf.accessToken })).json().items).toHaveLength(0)
      expect((await get(env, `/api/cases/${c.id}`, { token: opSelf.accessToken })).statusCode).toBe(404)
    })
  },
  { seed: { citizens: 60, enterprises: 3 }, clock: clock.now },
)
