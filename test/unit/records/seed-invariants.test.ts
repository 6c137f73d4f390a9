// Records that read true (issue 21): invariants of the seed generator over the whole default
// population (SEED zhijian-2026, 2,000 citizens, 200 enterprises), with no database: the generator
// is a pure function of the seed.
import { ADULT_AGE, REFERENCE_DATE, generateRegistry } from '../../../mock/src/seed/generate'
import { MIN_PENSION_MONTHS, generateRecords } from '../../../mock/src/seed/records'
import { RECORDS_THROUGH, addMonths, baseLimits, contributionYear, monthsBetween } from '../../../mock/src/records/rules'
import { retirementMonth } from '../../../mock/src/records/seeded'

const SEED = 'zhijian-2026'
const registry = generateRegistry(SEED, { citizens: 2000, enterprises: 200 })
const records = generateRecords(SEED, registry.citizens, registry.enterprises)
const byCitizen = new Map(registry.citizens.map((c) => [c.id, c]))
const month = (d: string | Date | null | undefined) => String(d).slice(0, 7)

describe('seeded records read true (2,000 citizens)', () => {
  it('the population is the default one, with retirees and pensions to check', () => {
    expect(registry.citizens).toHaveLength(2000)
    expect(records.pensions.length).toBeGreaterThan(50)
    expect(records.ss.length).toBeGreaterThan(1000)
  })

  it('every pension follows a contribution period of at least 180 months, all paid before it starts', () => {
    const violations: string[] = []
    for (const p of records.pensions) {
      const c = byCitizen.get(p.citizenId)!
      const paid = records.ss.filter((r) => r.citizenId === p.citizenId && r.status === 'paid' && r.insurances!.includes('pension'))
      const months = paid.reduce((n, r) => n + monthsBetween(month(r.fromMonth), month(r.toMonth)), 0)
      const start = month(p.startedOn)
      if (paid.length === 0) violations.push(`${c.id}: pension without contributions`)
      if (months < MIN_PENSION_MONTHS) violations.push(`${c.id}: ${months} months < ${MIN_PENSION_MONTHS}`)
      // 缴费 and 领取 are separate periods: every contribution ends before the pension starts.
      for (const r of paid) if (month(r.toMonth) >= start) violations.push(`${c.id}: paid ${month(r.toMonth)} while drawing since ${start}`)
      if (start !== retirementMonth(c.birthDate, c.sex)) violations.push(`${c.id}: pension starts ${start}, not at retirement age`)
      if (!(p.initialMonthly > 0)) violations.push(`${c.id}: pension amount ${p.initialMonthly}`)
    }
    expect(violations).toEqual([])
  })

  it('every retiree with 180 months on record draws a pension; no one below retirement age does', () => {
    const violations: string[] = []
    const withPension = new Set(records.pensions.map((p) => p.citizenId))
    for (const c of registry.citizens) {
      const retired = retirementMonth(c.birthDate, c.sex) <= RECORDS_THROUGH
      const months = records.ss
        .filter((r) => r.citizenId === c.id && r.status === 'paid' && r.insurances!.includes('pension'))
        .reduce((n, r) => n + monthsBetween(month(r.fromMonth), month(r.toMonth)), 0)
      if (withPension.has(c.id) && !retired) violations.push(`${c.id}: pension before retirement age`)
      if (retired && months >= MIN_PENSION_MONTHS && !withPension.has(c.id)) violations.push(`${c.id}: ${months} months, retired, no pension`)
    }
    expect(violations).toEqual([])
  })

  it('bases follow the contribution year: one year per row, inside that year’s limits', () => {
    const violations: string[] = []
    for (const r of records.ss) {
      const from = month(r.fromMonth)
      const to = month(r.toMonth)
      const y = contributionYear(from)
      if (contributionYear(to) !== y) violations.push(`${r.citizenId}: ${from}..${to} spans two contribution years`)
      const { lower, upper } = baseLimits(y)
      if (r.base < lower || r.base > upper) violations.push(`${r.citizenId}: base ${r.base} outside ${lower}..${upper} of ${y}`)
      if (from > to) violations.push(`${r.citizenId}: ${from} after ${to}`)
    }
    for (const r of records.pf) {
      const { lower, upper } = baseLimits(contributionYear(month(r.fromMonth)))
      if (r.base < lower || r.base > upper) violations.push(`fund ${r.citizenId}: base ${r.base}`)
      if (![5, 8, 10, 12].includes(r.ratePercent)) violations.push(`fund ${r.citizenId}: rate ${r.ratePercent}`)
    }
    expect(violations).toEqual([])
  })

  it('no one pays after the records’ cut-off or before turning 16; no overlapping periods', () => {
    const violations: string[] = []
    const spans = new Map<string, Array<[string, string]>>()
    for (const r of records.ss) {
      const c = byCitizen.get(r.citizenId)!
      const from = month(r.fromMonth)
      const to = month(r.toMonth)
      if (to > RECORDS_THROUGH) violations.push(`${c.id}: pays in ${to}, after ${RECORDS_THROUGH}`)
      if (from < addMonths(c.birthDate.slice(0, 7), 16 * 12)) violations.push(`${c.id}: pays in ${from}, born ${c.birthDate}`)
      spans.set(c.id, [...(spans.get(c.id) ?? []), [from, to]])
    }
    for (const [id, list] of spans) {
      list.sort((a, b) => (a[0] < b[0] ? -1 : 1))
      for (let i = 1; i < list.length; i++) if (list[i][0] <= list[i - 1][1]) violations.push(`${id}: ${list[i][0]} overlaps ${list[i - 1][1]}`)
    }
    expect(violations).toEqual([])
    // The records' cut-off is after the seed's reference date only by the months the stand-in's
    // clock runs ahead of it (DEFAULT_INSTANT 2026-12): nothing is paid after the month before that.
    expect(RECORDS_THROUGH <= '2026-11').toBe(true)
    expect(ADULT_AGE).toBeGreaterThanOrEqual(16)
    expect(REFERENCE_DATE).toBe('2025-12-31')
  })
})
