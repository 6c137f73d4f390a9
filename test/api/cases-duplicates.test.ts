// Applications that know the person (issue 18, item 6): contact details from the account and the
// last application; open cases of the same item for the same subject listed for a warning; an item
// that allows one open case at a time refuses the second with 409 (also when two arrive at once),
// and accepts again once the first is withdrawn; 即办件 only for items decided at once.
import { eq } from 'drizzle-orm'
import { cases, citizens } from '../../mock/src/db/schema'
import { CITY } from '../../src/domain/regions'
import { forEachDatabase, type TestEnv } from './harness'
import { TestClock, get, loginL2, post } from './identity-helpers'
import { itemCode, pickCitizen } from './cases-support'

const clock = new TestClock('2026-11-20T02:00:00.000Z')
const PASS = '老年人优待证办理' // one at a time; manual review (promised 0 days, no 秒批)
const RELIEF = '临时救助申请' // may be asked for again
const ELDER = '高龄津贴申领'
const form = { phone: '13900139000', region: '330212', address: '鄞州区天童南路1号' }

async function submit(env: TestEnv, token: string, name: string) {
  const f = (await get(env, `/api/cases/forms/${itemCode(name)}`)).json() as { materials: { name: string; modes: string[]; required: boolean }[] }
  const materials = f.materials.filter((m) => m.required).map((m) => ({ name: m.name, mode: m.modes.includes('shared') ? 'shared' : m.modes.includes('commitment') ? 'deferred' : m.modes[0] }))
  return post(env, '/api/cases', { itemCode: itemCode(name), form, materials, channel: 'h5' }, { token })
}

forEachDatabase(
  'cases: duplicates and known applicant',
  (getEnv) => {
    it('prefills the account phone and the registry’s household district and address before any case, then the last application’s contact details, each field on its own', async () => {
      const env = getEnv()
      const person = await pickCitizen(env, 'any')
      const u = await loginL2(env, person)
      // Registered elsewhere (another city's household district), living here: 所在区县 is the
      // district of the address suggested beside it, as the address is, not left empty.
      await env.database.db.update(citizens).set({ householdRegionCode: '330106' }).where(eq(citizens.id, person.id))
      const [row] = await env.database.db.select().from(citizens).where(eq(citizens.id, person.id))
      const address = env.crypto.decrypt(row.addressEnc)
      const lived = CITY.districts.find((d) => address.startsWith(`浙江省宁波市${d.name}`))
      expect(lived).toBeDefined()
      const before = await get(env, `/api/cases/known?code=${itemCode(RELIEF)}`, { token: u.accessToken })
      expect(before.statusCode).toBe(200)
      expect(before.json()).toEqual({ contact: { phone: u.phone, region: lived!.code, address }, open: [] })
      // Without a form (the halls list, for the person's own district first): the same contact details.
      const bare = await get(env, '/api/cases/known', { token: u.accessToken })
      expect(bare.statusCode).toBe(200)
      expect(bare.json()).toEqual({ contact: { phone: u.phone, region: lived!.code, address }, open: [] })
      const first = await submit(env, u.accessToken, RELIEF)
      expect(first.statusCode).toBe(201)
      const after = (await get(env, `/api/cases/known?code=${itemCode(RELIEF)}`, { token: u.accessToken })).json()
      expect(after.contact).toEqual(form)
      // Relief may be asked for again: a warning with the open case, not a refusal.
      expect(after.open).toEqual([expect.objectContaining({ number: first.json().cases[0].number, exclusive: false })])
      clock.advance(60_000)
      const second = await submit(env, u.accessToken, RELIEF)
      expect(second.statusCode).toBe(201)
      // The newest application lacks an address (an item whose form has none): the address still
      // comes from the one before, not from the registry and not left empty.
      const { address: _dropped, ...noAddress } = form
      await env.database.db.update(cases).set({ form: noAddress }).where(eq(cases.id, second.json().cases[0].id))
      expect((await get(env, `/api/cases/known?code=${itemCode(RELIEF)}`, { token: u.accessToken })).json().contact).toEqual(form)
      expect((await get(env, `/api/cases/known?code=${itemCode(RELIEF)}`)).statusCode).toBe(401)
    })

    it('高龄津贴: someone under 80 (by the birth date of their real-name record) is warned before the form; 80 and over, and items without the rule, are not', async () => {
      const env = getEnv()
      const young = await loginL2(env, await pickCitizen(env, 'young'))
      const known = (await get(env, `/api/cases/known?code=${itemCode(ELDER)}`, { token: young.accessToken })).json()
      expect(known.unmet).toEqual([{ id: 'age', description: '年满80周岁（人口库核验）' }])
      expect((await get(env, `/api/cases/known?code=${itemCode(RELIEF)}`, { token: young.accessToken })).json().unmet).toBeUndefined()
      const elder = await loginL2(env, await pickCitizen(env, 'elder'))
      expect((await get(env, `/api/cases/known?code=${itemCode(ELDER)}`, { token: elder.accessToken })).json().unmet).toBeUndefined()
      // Reading the guide stays open to anyone: the warning is advice, the form still opens.
      expect((await get(env, `/api/cases/forms/${itemCode(ELDER)}`)).statusCode).toBe(200)
    })

    it('refuses a second open 优待证 application with 409 and a message naming the open case; accepts again after withdrawal', async () => {
      const env = getEnv()
      const u = await loginL2(env, await pickCitizen(env, 'any'))
      const first = await submit(env, u.accessToken, PASS)
      expect(first.statusCode).toBe(201)
      const number = first.json().cases[0].number as string
      const known = (await get(env, `/api/cases/known?code=${itemCode(PASS)}`, { token: u.accessToken })).json()
      expect(known.open).toEqual([expect.objectContaining({ number, exclusive: true })])
      const second = await submit(env, u.accessToken, PASS)
      expect(second.statusCode).toBe(409)
      expect(second.json().code).toBe('CASE_DUPLICATE_OPEN')
      expect(second.json().message).toContain(number)
      expect(await env.database.db.select({ id: cases.id }).from(cases).where(eq(cases.itemCode, itemCode(PASS)))).toHaveLength(1)
      // Another person is not affected.
      const other = await loginL2(env, await pickCitizen(env, 'any'))
      expect((await submit(env, other.accessToken, PASS)).statusCode).toBe(201)
      // Withdrawn: no longer open, so a new application is accepted.
      expect((await post(env, `/api/cases/${first.json().cases[0].id}/withdraw`, {}, { token: u.accessToken })).statusCode).toBe(200)
      expect((await submit(env, u.accessToken, PASS)).statusCode).toBe(201)
    })

    it('two submissions at once: exactly one case', async () => {
      const env = getEnv()
      const u = await loginL2(env, await pickCitizen(env, 'any'))
      const both = await Promise.all([submit(env, u.accessToken, PASS), submit(env, u.accessToken, PASS)])
      expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409])
    })

    it('calls an item 即办件 only when the system decides it at once', async () => {
      const env = getEnv()
      expect((await get(env, `/api/cases/forms/${itemCode(ELDER)}`)).json()).toEqual(expect.objectContaining({ promisedDays: 0, instant: true }))
      expect((await get(env, `/api/cases/forms/${itemCode(PASS)}`)).json()).toEqual(expect.objectContaining({ promisedDays: 0, instant: false }))
    })
  },
  { seed: { citizens: 200, enterprises: 2 }, clock: clock.now },
)
