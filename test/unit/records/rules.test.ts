// The stand-in source systems' rules: base limits by year, parts, pension account, fund ledger
// (interest on 30 June, withdrawals), loan instalments; and the seed built on them.
import { generateRegistry, ageOn, REFERENCE_DATE } from '../../../mock/src/seed'
import { generateRecords } from '../../../mock/src/seed/records'
import {
  RECORDS_THROUGH,
  addMonths,
  baseLimits,
  contributionYear,
  declaredBase,
  fundLedger,
  loanPayment,
  loanSchedule,
  monthParts,
  pensionAccount,
} from '../../../mock/src/records/rules'

describe('contribution rules', () => {
  it('the contribution year runs July to June; bases are clamped into that year’s limits', () => {
    expect(contributionYear('2024-06')).toBe(2023)
    expect(contributionYear('2024-07')).toBe(2024)
    for (const y of [2005, 2015, 2025]) {
      const { lower, upper } = baseLimits(y)
      expect(upper).toBe(lower * 5)
      expect(declaredBase(y, 0.1)).toBe(lower)
      expect(declaredBase(y, 10)).toBe(upper)
      expect(declaredBase(y, 1)).toBeGreaterThan(lower)
    }
    expect(baseLimits(2025).lower).toBeGreaterThan(baseLimits(2015).lower)
  })

  it('parts: employer pension 14 % before May 2019, 16 % after; personal 8 %', () => {
    const base = 1_000_000
    expect(monthParts('2019-04', base, ['pension'])).toEqual({ employer: 140_000, personal: 80_000, pensionPersonal: 80_000 })
    expect(monthParts('2019-05', base, ['pension'])).toEqual({ employer: 160_000, personal: 80_000, pensionPersonal: 80_000 })
    expect(monthParts('2024-01', base, ['medical']).pensionPersonal).toBe(0)
  })

  it('pension account: contributions plus yearly interest', () => {
    const span = { fromMonth: '2022-01-01', toMonth: '2023-12-01', base: 1_000_000, status: 'paid', insurances: ['pension'] }
    const twoYears = 24 * 80_000
    expect(pensionAccount([span], '2023-12')).toBeGreaterThan(twoYears)
    expect(pensionAccount([{ ...span, status: 'owed' }], '2023-12')).toBe(0)
  })

  it('fund ledger: deposits on the 15th, 1.5 % interest on 30 June, withdrawals lower the balance', () => {
    const spans = [{ employer: 'A', fromMonth: '2024-01-01', toMonth: '2024-12-01', base: 1_000_000, ratePercent: 12 }]
    const l = fundLedger(0, '2024-01-01', spans, [{ on: '2024-10-01', amount: 500_000, reason: '租赁住房提取' }], '2025-07-01')
    expect(l.filter((e) => e.kind === 'deposit')).toHaveLength(12)
    const june = l.find((e) => e.date === '2024-06-30')!
    expect(june.kind).toBe('interest')
    expect(june.amount).toBe(Math.round(6 * 240_000 * 0.015))
    const w = l.find((e) => e.kind === 'withdrawal')!
    expect(w.balance).toBe(l[l.indexOf(w) - 1].balance - 500_000)
    expect(l[l.length - 1].date).toBe('2025-06-30')
  })

  it('loan: equal instalments that repay the principal exactly', () => {
    const loan = { principal: 60_000_000, ratePercent: 2.85, termMonths: 240, startMonth: '2025-07-01' }
    const s = loanSchedule(loan)
    expect(s).toHaveLength(240)
    expect(s.reduce((n, i) => n + i.principal, 0)).toBe(loan.principal)
    expect(s[s.length - 1].balance).toBe(0)
    expect(Math.abs(s[0].principal + s[0].interest - loanPayment(loan))).toBeLessThanOrEqual(1)
    expect(s[1].date).toBe(`${addMonths('2025-07', 1)}-20`)
  })
})

describe('records seed', () => {
  const registry = generateRegistry('unit-records', { citizens: 300, enterprises: 20 })
  const r = generateRecords('unit-records', registry.citizens, registry.enterprises)

  it('is deterministic', () => {
    const again = generateRecords('unit-records', registry.citizens, registry.enterprises)
    expect(JSON.stringify(again)).toBe(JSON.stringify(r))
  })

  it('realistic mix: gaps, owed months, retirees, loans, several properties, people with none', () => {
    const adults = registry.citizens.filter((c) => ageOn(c.birthDate, REFERENCE_DATE) >= 19)
    const withSs = new Set(r.ss.map((s) => s.citizenId))
    expect(withSs.size).toBeGreaterThan(adults.length * 0.6)
    expect(r.ss.some((s) => s.status === 'owed')).toBe(true)
    expect(r.pensions.length).toBeGreaterThan(0)
    expect(r.loans.length).toBeGreaterThan(0)
    const units = new Map<string, number>()
    for (const u of r.units) units.set(u.citizenId, (units.get(u.citizenId) ?? 0) + 1)
    expect([...units.values()].some((n) => n >= 2)).toBe(true)
    expect(adults.some((c) => !units.has(c.id))).toBe(true)
    // Unemployment gaps: some citizen has a month without contributions between two spans.
    const gap = [...withSs].some((id) => {
      const mine = r.ss.filter((s) => s.citizenId === id)
      return mine.some((s, i) => i > 0 && addMonths(mine[i - 1].toMonth.slice(0, 7), 1) < s.fromMonth.slice(0, 7))
    })
    expect(gap).toBe(true)
    // Nobody under 18 has records; nothing after the data's last month.
    for (const s of r.ss) expect(s.toMonth.slice(0, 7) <= RECORDS_THROUGH).toBe(true)
  })

  it('every base is inside its contribution year’s limits; withdrawals never overdraw', () => {
    for (const s of r.ss) {
      const { lower, upper } = baseLimits(contributionYear(s.fromMonth.slice(0, 7)))
      expect(s.base >= lower && s.base <= upper).toBe(true)
      expect(contributionYear(s.fromMonth.slice(0, 7))).toBe(contributionYear(s.toMonth.slice(0, 7)))
    }
    for (const a of r.accounts) {
      const spans = r.pf.filter((s) => s.citizenId === a.citizenId)
      const wd = r.withdrawals.filter((w) => w.citizenId === a.citizenId)
      const ledger = fundLedger(a.openingBalance ?? 0, a.openedOn, spans, wd, '2026-11-20')
      for (const e of ledger) expect(e.balance).toBeGreaterThanOrEqual(0)
    }
  })
})
