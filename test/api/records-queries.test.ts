// 社保 / 公积金 / 不动产 queries on the seeded source tables: realistic multi-year records, level
// gates (L2, L3 for property), year filter, and the access log entry each query leaves.
import type { PropertyResponse, ProvidentFundResponse, SocialSecurityResponse } from '../../src/domain/contract/records'
import { baseLimits, contributionYear } from '../../mock/src/records/rules'
import { forEachDatabase } from './harness'
import { TestClock, get, login, loginL2, loginL3 } from './identity-helpers'
import { RECORDS_SEED, citizenWhere, has } from './records-helpers'

const clock = new TestClock()

forEachDatabase(
  'records: queries',
  (getEnv) => {
    it('社保: insured status, contributions by year inside each year’s base limits, pension account, year filter', async () => {
      const env = getEnv()
      const user = await loginL2(env, await citizenWhere(env, has.ssAndLoan))
      const res = await get(env, '/api/records/social-security', { token: user.accessToken })
      expect(res.statusCode).toBe(200)
      const body = res.json<SocialSecurityResponse>()
      expect(body.subject.acting).toBe('self')
      expect(body.subject.name).not.toBe(user.citizen.name)
      expect(body.insured.find((i) => i.insurance === 'pension')).toMatchObject({ status: 'active' })
      expect(body.years.length).toBeGreaterThan(1)
      expect(body.year).toBe(2026)
      expect(body.months[0].month).toBe('2026-10')
      expect(body.totalPaidMonths).toBeGreaterThan(12)
      expect(body.pensionAccount).toBeGreaterThan(0)
      expect(body.pension).toBeNull()
      for (const m of body.months) {
        const { lower, upper } = baseLimits(contributionYear(m.month))
        expect(m.base).toBeGreaterThanOrEqual(lower)
        expect(m.base).toBeLessThanOrEqual(upper)
        expect(m.personalPart).toBeGreaterThan(0)
        expect(m.employerPart).toBeGreaterThan(m.personalPart)
      }
      const first = body.years[0].year
      const older = (await get(env, `/api/records/social-security?year=${first}`, { token: user.accessToken })).json<SocialSecurityResponse>()
      expect(older.year).toBe(first)
      expect(older.months.every((m) => m.month.startsWith(String(first)))).toBe(true)
      expect(older.months.length).toBe(body.years[0].paidMonths + body.years[0].owedMonths)
    })

    it('社保: owed months are marked; a retiree sees pension payments', async () => {
      const env = getEnv()
      const owed = await loginL2(env, await citizenWhere(env, has.owed))
      const b = (await get(env, '/api/records/social-security', { token: owed.accessToken })).json<SocialSecurityResponse>()
      expect(b.months.some((m) => m.status === 'owed')).toBe(true)
      expect(b.years.some((y) => y.owedMonths > 0)).toBe(true)

      const retiree = await loginL2(env, await citizenWhere(env, has.pension))
      const r = (await get(env, '/api/records/social-security', { token: retiree.accessToken })).json<SocialSecurityResponse>()
      expect(r.pension).not.toBeNull()
      expect(r.pension!.payments.length).toBeGreaterThan(0)
      expect(r.pension!.monthly).toBeGreaterThan(0)
      expect(r.insured.find((i) => i.insurance === 'pension')?.status).toBe('receiving')
    })

    it('公积金: account, history by year, loan schedule, withdrawal options', async () => {
      const env = getEnv()
      const user = await loginL2(env, await citizenWhere(env, has.ssAndLoan))
      const res = await get(env, '/api/records/provident-fund', { token: user.accessToken })
      expect(res.statusCode).toBe(200)
      const body = res.json<ProvidentFundResponse>()
      expect(body.account).not.toBeNull()
      expect(body.account!.accountNo).toContain('*')
      expect(body.account!.balance).toBeGreaterThanOrEqual(0)
      expect(body.years[0]).toBe(body.year)
      for (const e of body.history) expect(e.date.startsWith(String(body.year))).toBe(true)
      expect(body.loan).not.toBeNull()
      expect(body.loan!.schedule.length).toBeGreaterThan(0)
      expect(body.loan!.nextPayment!.date > '2026-11-20').toBe(true)
      expect(body.loan!.balance).toBeLessThan(body.loan!.principal)
      expect(body.withdrawals.map((w) => w.kind).sort()).toEqual(['leaving', 'loan_repayment', 'purchase', 'rent', 'retirement'])
      expect(body.withdrawals.find((w) => w.kind === 'rent')!.allowed).toBe(false)
    })

    it('不动产 needs L3; with it, units with history; someone without records gets empty answers', async () => {
      const env = getEnv()
      const c = await citizenWhere(env, has.units2)
      const l2 = await loginL2(env, c)
      const refused = await get(env, '/api/records/property', { token: l2.accessToken })
      expect(refused.statusCode).toBe(403)
      expect(refused.json()).toMatchObject({ code: 'LEVEL_REQUIRED', requiredLevel: 'L3' })

      const nobody = await loginL3(env, await citizenWhere(env, has.nothing))
      const empty = (await get(env, '/api/records/social-security', { token: nobody.accessToken })).json<SocialSecurityResponse>()
      expect(empty).toMatchObject({ insured: [], years: [], months: [], year: null, pension: null })
      expect((await get(env, '/api/records/provident-fund', { token: nobody.accessToken })).json<ProvidentFundResponse>().account).toBeNull()
    })

    it('不动产 at L3: several units, each with location, area, right type and history', async () => {
      const env = getEnv()
      const user = await loginL3(env, await citizenWhere(env, has.units2))
      const res = await get(env, '/api/records/property', { token: user.accessToken })
      expect(res.statusCode).toBe(200)
      const body = res.json<PropertyResponse>()
      expect(body.units.length).toBeGreaterThanOrEqual(2)
      for (const u of body.units) {
        expect(u.unitNo).toHaveLength(28)
        expect(u.certNo).toMatch(/^浙\(\d{4}\)宁波市.+不动产权第\d{7}号$/)
        expect(u.areaM2).toBeGreaterThan(0)
        expect(u.history.length).toBeGreaterThan(0)
      }
    })

    it('L1 (no real name) and logged-out callers are refused', async () => {
      const env = getEnv()
      expect((await get(env, '/api/records/social-security')).statusCode).toBe(401)
      const l1 = await login(env)
      for (const url of ['/api/records/social-security', '/api/records/provident-fund', '/api/records/property', '/api/proofs', '/api/me/access-log']) {
        const res = await get(env, url, { token: l1.accessToken })
        expect({ url, status: res.statusCode }).toEqual({ url, status: 403 })
      }
    })
  },
  { seed: RECORDS_SEED, clock: clock.now },
)
