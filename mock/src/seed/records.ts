// Deterministic records of the three source systems for the synthetic population: employer
// histories with unemployment gaps and yearly bases inside each year's limits (社保), deposit
// spans, withdrawals and loans (公积金), owned units with mortgages and history (不动产), and
// pensions for retirees. One Rng stream per citizen, so a citizen's records never depend on others.
import { CITY } from '../../../src/domain'
import type { DbOrTx } from '../db/client'
import { pfAccounts, pfLoans, pfSpans, pfWithdrawals, reUnits, ssPensions, ssSpans } from '../db/schema'
import { retirementMonth } from '../records/seeded'
import { RECORDS_THROUGH, addMonths, baseLimits, contributionYear, declaredBase, fundLedger, loanPayment, monthsBetween, type FundSpanLike } from '../records/rules'
import type { CitizenPlain, EnterprisePlain } from './generate'
import { ADULT_AGE, REFERENCE_DATE, ageOn } from './generate'
import { hasStreetData, makeAddress, makeBrand, COMPANY_INDUSTRIES } from './places'
import { Rng } from './rng'

const FIRST_RECORD_MONTH = '2000-01'
/** 累计缴费满15年: the least contribution months for the basic pension. */
export const MIN_PENSION_MONTHS = 180
const ALL = ['pension', 'medical', 'unemployment', 'injury', 'maternity']
const SMALL = ['pension', 'medical', 'injury', 'maternity']
const BANKS = ['中国工商银行宁波市分行', '中国建设银行宁波市分行', '中国银行宁波市分行', '中国农业银行宁波市分行', '宁波银行', '招商银行宁波分行']
const FUND_CENTRE = '宁波市住房公积金管理中心'

type SsRow = typeof ssSpans.$inferInsert
type PfRow = typeof pfSpans.$inferInsert

export interface RecordsSeedResult {
  ssSpans: number
  pfAccounts: number
  loans: number
  units: number
  pensions: number
  ms: number
}

interface Job {
  employer: string
  from: string
  to: string
  ratio: number
  insurances: string[]
  fund: number | null
}

const pad = (n: number, w: number) => String(n).padStart(w, '0')

/** Split [from, to] at each contribution year (July) so every row has one declared base. */
function byContributionYear(from: string, to: string): Array<[string, string]> {
  const out: Array<[string, string]> = []
  let start = from
  while (start <= to) {
    const y = contributionYear(start)
    const yearEnd = `${y + 1}-06`
    const end = yearEnd < to ? yearEnd : to
    out.push([start, end])
    start = addMonths(end, 1)
  }
  return out
}

export function generateRecords(seed: string, citizens: readonly CitizenPlain[], enterprises: readonly EnterprisePlain[]) {
  const ss: SsRow[] = []
  const pf: PfRow[] = []
  const accounts: Array<typeof pfAccounts.$inferInsert> = []
  const withdrawals: Array<typeof pfWithdrawals.$inferInsert> = []
  const loans: Array<typeof pfLoans.$inferInsert> = []
  const units: Array<typeof reUnits.$inferInsert> = []
  const pensions: Array<typeof ssPensions.$inferInsert> = []
  const employers = enterprises.filter((e) => e.type === 'limited_company').map((e) => e.name)
  const districts = CITY.districts.filter((d) => hasStreetData(d.code))
  let accountSeq = 0
  let certSeq = 0
  let unitSeq = 0

  for (const c of citizens) {
    const rng = new Rng(`${seed}/records/v1/${c.id}`)
    const age = ageOn(c.birthDate, REFERENCE_DATE)
    if (age < ADULT_AGE + 1) continue
    const retireAt = retirementMonth(c.birthDate, c.sex)
    const retired = retireAt <= RECORDS_THROUGH
    const worked = rng.chance(0.85)

    // ---- employment (社保) ------------------------------------------------------------------
    const jobs: Job[] = []
    const mySpans: PfRow[] = []
    if (worked) {
      const careerStart = addMonths(c.birthDate.slice(0, 7), rng.int(ADULT_AGE, 24) * 12 + rng.int(0, 11))
      let month = careerStart < FIRST_RECORD_MONTH ? FIRST_RECORD_MONTH : careerStart
      const end = retired ? addMonths(retireAt, -1) : RECORDS_THROUGH
      let ratio = 0.5 + rng.next() * 0.9
      while (month <= end) {
        const length = rng.int(10, 110)
        const to = addMonths(month, length - 1) < end ? addMonths(month, length - 1) : end
        const employer = employers.length && rng.chance(0.6) ? rng.pick(employers) : `宁波${makeBrand(rng)}${rng.pick(COMPANY_INDUSTRIES)}有限公司`
        const small = rng.chance(0.15)
        jobs.push({ employer, from: month, to, ratio, insurances: small ? SMALL : ALL, fund: !small && rng.chance(0.8) ? rng.pick([5, 8, 10, 12, 12, 12]) : null })
        ratio = Math.min(4.2, ratio * (0.95 + rng.next() * 0.45))
        // Unemployment between jobs now and then.
        month = addMonths(to, 1 + (rng.chance(0.3) ? rng.int(2, 14) : 0))
        // Some leave work early for good (the last job simply ends).
        if (!retired && rng.chance(0.04)) break
      }
    }
    const ssStart = ss.length
    for (let j = 0; j < jobs.length; j++) {
      const job = jobs[j]
      // The current employer of a few people is behind with the last months (欠缴).
      const owed = j === jobs.length - 1 && job.to === RECORDS_THROUGH && rng.chance(0.06) ? rng.int(1, 3) : 0
      const paidTo = owed ? addMonths(job.to, -owed) : job.to
      for (const [from, to] of byContributionYear(job.from, paidTo)) {
        const base = declaredBase(contributionYear(from), job.ratio)
        ss.push({ citizenId: c.id, employer: job.employer, fromMonth: `${from}-01`, toMonth: `${to}-01`, base, status: 'paid', insurances: job.insurances })
        if (job.fund) mySpans.push({ citizenId: c.id, employer: job.employer, fromMonth: `${from}-01`, toMonth: `${to}-01`, base, ratePercent: job.fund })
      }
      if (owed) {
        const from = addMonths(job.to, -owed + 1)
        ss.push({ citizenId: c.id, employer: job.employer, fromMonth: `${from}-01`, toMonth: `${job.to}-01`, base: declaredBase(contributionYear(from), job.ratio), status: 'owed', insurances: job.insurances })
      }
    }
    // The basic pension needs 15 years (180 months) of contributions paid before it starts (社会保险法
    // 第十六条): the records hold the contribution period first, then the pension, never one without
    // the other. Retirees with fewer months on record (careers mostly before 2000) get no pension here.
    const pensionMonths = ss.slice(ssStart).filter((r) => r.status === 'paid' && r.insurances!.includes('pension')).reduce((n, r) => n + monthsBetween(r.fromMonth.slice(0, 7), r.toMonth.slice(0, 7)), 0)
    if (retired && pensionMonths >= MIN_PENSION_MONTHS) {
      // Pension roughly follows the years paid and the wage level.
      const years = pensionMonths / 12
      const ratio = jobs[jobs.length - 1].ratio
      const startYear = Number(retireAt.slice(0, 4))
      const baseYear = Math.max(2000, startYear)
      const monthly = Math.round(baseLimits(baseYear).lower * (0.55 + Math.min(years, 40) * 0.012) * (0.8 + ratio * 0.25))
      pensions.push({ citizenId: c.id, startedOn: `${retireAt}-01`, initialMonthly: monthly })
    }

    // ---- provident fund ----------------------------------------------------------------------
    pf.push(...mySpans)
    const fundSpans: FundSpanLike[] = mySpans.map((s) => ({ employer: s.employer, fromMonth: s.fromMonth, toMonth: s.toMonth, base: s.base, ratePercent: s.ratePercent }))
    let account: typeof pfAccounts.$inferInsert | null = null
    const myWithdrawals: Array<{ on: string; amount: number; reason: string }> = []
    if (mySpans.length) {
      accountSeq++
      account = { citizenId: c.id, accountNo: `3302${pad(accountSeq, 8)}${pad(rng.int(0, 9999), 4)}`, openedOn: mySpans[0].fromMonth, openingBalance: rng.chance(0.1) ? rng.int(50, 800) * 10000 : 0 }
      accounts.push(account)
    }
    const balanceOn = (day: string) => {
      if (!account) return 0
      const l = fundLedger(account.openingBalance ?? 0, account.openedOn, fundSpans, myWithdrawals, day)
      return l.length ? l[l.length - 1].balance : account.openingBalance ?? 0
    }

    // ---- property ----------------------------------------------------------------------------
    const owned = age >= 25 ? rng.weighted([0, 1, 2, 3], [38, 42, 15, 5]) : 0
    for (let k = 0; k < owned; k++) {
      const earliest = [addMonths(c.birthDate.slice(0, 7), 24 * 12), '1998-01'].sort()[1]
      const lastMonth = '2026-09'
      if (earliest > lastMonth) break
      const span = monthsBetween(earliest, lastMonth)
      const buyMonth = addMonths(earliest, rng.int(0, span - 1))
      const buyDay = `${buyMonth}-${pad(rng.int(1, 28), 2)}`
      const d = rng.pick(districts)
      const use = k === 0 ? 'residential' : rng.weighted(['residential', 'parking', 'commercial'] as const, [60, 30, 10])
      const area = use === 'parking' ? rng.int(1200, 1600) : use === 'commercial' ? rng.int(3000, 20000) : rng.int(4500, 16000)
      certSeq++
      unitSeq++
      const unitNo = `${d.code}${pad(rng.int(1, 999), 3)}${pad(rng.int(1, 999), 3)}GB${pad(rng.int(1, 99999), 5)}F${pad(unitSeq, 8)}`
      const history: Array<{ date: string; kind: string; note: string }> = [
        { date: buyDay, kind: rng.chance(0.6) ? 'first' : 'transfer', note: use === 'parking' ? '车位所有权登记' : '房屋所有权登记' },
      ]
      let mortgageHolder: string | null = null
      let mortgageSince: string | null = null
      let mortgageAmount: number | null = null
      const price = Math.round((area / 100) * rng.int(8000, 32000)) * 100
      // A fund loan for the first home of a depositor bought after 2008.
      if (use === 'residential' && account && buyMonth >= '2008-01' && buyMonth > account.openedOn.slice(0, 7) && buyMonth <= mySpans[mySpans.length - 1].toMonth.slice(0, 7) && !loans.some((l) => l.citizenId === c.id) && rng.chance(0.45)) {
        const principal = Math.min(1_200_000_00, Math.round((price * 0.6) / 1000000) * 1000000 || 10_000_000)
        const termMonths = rng.pick([120, 180, 240, 300, 360])
        const ratePercent = buyMonth < '2015-10' ? 4.5 : buyMonth < '2022-10' ? 3.25 : buyMonth < '2024-05' ? 3.1 : 2.85
        loans.push({ citizenId: c.id, principal, ratePercent, termMonths, startMonth: `${addMonths(buyMonth, 1)}-01` })
        const endMonth = addMonths(buyMonth, termMonths)
        if (endMonth > RECORDS_THROUGH) {
          mortgageHolder = FUND_CENTRE
          mortgageSince = buyDay
          mortgageAmount = principal
          history.push({ date: buyDay, kind: 'mortgage', note: `抵押权人：${FUND_CENTRE}` })
        } else history.push({ date: buyDay, kind: 'mortgage', note: `抵押权人：${FUND_CENTRE}` }, { date: `${endMonth}-25`, kind: 'mortgage_release', note: '贷款结清，注销抵押' })
        // Monthly repayments drawn from the account (偿还贷款提取) once a year when there is money.
        for (let y = Number(buyMonth.slice(0, 4)) + 1; y <= 2026; y++) {
          const day = `${y}-03-10`
          if (day > `${RECORDS_THROUGH}-28` || `${y}-03` > endMonth) break
          const bal = balanceOn(day)
          const want = Math.min(bal, loanPayment({ principal, ratePercent, termMonths, startMonth: buyMonth }) * 12)
          if (want > 100_00 && rng.chance(0.8)) myWithdrawals.push({ on: day, amount: want, reason: '偿还公积金贷款提取' })
        }
      } else if (use !== 'parking' && rng.chance(0.3)) {
        const bank = rng.pick(BANKS)
        const amount = Math.round((price * 0.5) / 1000000) * 1000000 || 10_000_000
        const ends = addMonths(buyMonth, rng.pick([120, 240, 360]))
        history.push({ date: buyDay, kind: 'mortgage', note: `抵押权人：${bank}` })
        if (ends <= RECORDS_THROUGH) history.push({ date: `${ends}-18`, kind: 'mortgage_release', note: '贷款结清，注销抵押' })
        else {
          mortgageHolder = bank
          mortgageSince = buyDay
          mortgageAmount = amount
        }
      }
      const seized = rng.chance(0.02)
      if (seized) history.push({ date: `${addMonths(buyMonth, rng.int(6, 30)) < RECORDS_THROUGH ? addMonths(buyMonth, rng.int(6, 30)) : RECORDS_THROUGH}-05`, kind: 'seizure', note: '宁波市某区人民法院查封' })
      history.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
      units.push({
        citizenId: c.id,
        certNo: `浙(${buyMonth.slice(0, 4)})宁波市${d.name}不动产权第${pad(certSeq * 7 + rng.int(0, 6), 7)}号`,
        unitNo,
        location: use === 'parking' ? `${makeAddress(rng, d.name, d.code).replace(/\d+幢\d+室$/, '')}地下车位${rng.int(1, 600)}号` : makeAddress(rng, d.name, d.code),
        area,
        use,
        rightType: '国有建设用地使用权/房屋所有权',
        share: rng.chance(0.55) ? '共同共有' : '单独所有',
        registeredOn: buyDay,
        mortgageHolder,
        mortgageSince,
        mortgageAmount,
        seized,
        history,
      })
      if (account && use === 'residential' && buyDay > account.openedOn && !mortgageHolder && rng.chance(0.5)) {
        const bal = balanceOn(buyDay)
        if (bal > 1000_00) myWithdrawals.push({ on: buyDay, amount: Math.round(bal * 0.9), reason: '购买自住住房提取' })
      }
    }
    // Renters draw their fund once a year now and then.
    if (account && owned === 0) {
      for (let y = Math.max(2015, Number(account.openedOn.slice(0, 4)) + 1); y <= 2026; y++) {
        if (!rng.chance(0.25)) continue
        const day = `${y}-0${rng.int(4, 9)}-${pad(rng.int(1, 28), 2)}`
        if (day > `${RECORDS_THROUGH}-28`) break
        const bal = balanceOn(day)
        const amount = Math.min(bal, 18000_00)
        if (amount > 1000_00) myWithdrawals.push({ on: day, amount, reason: '租赁住房提取' })
      }
    }
    // Retirees take everything out (退休提取).
    if (account && retired) {
      const day = `${retireAt}-20`
      const bal = balanceOn(day)
      if (bal > 0 && rng.chance(0.7)) myWithdrawals.push({ on: day, amount: bal, reason: '退休提取' })
    }
    myWithdrawals.sort((a, b) => (a.on < b.on ? -1 : 1))
    // Withdrawals were sized one at a time; drop any that a later-found earlier one made too large.
    const kept: typeof myWithdrawals = []
    for (const wd of myWithdrawals) {
      const bal = account ? (fundLedger(account.openingBalance ?? 0, account.openedOn, fundSpans, kept, wd.on).at(-1)?.balance ?? account.openingBalance ?? 0) : 0
      if (wd.amount <= bal) kept.push(wd)
    }
    for (const wd of kept) withdrawals.push({ citizenId: c.id, on: wd.on, amount: wd.amount, reason: wd.reason })
  }
  return { ss, pf, accounts, withdrawals, loans, units, pensions }
}

// Rows per INSERT, under PostgreSQL's 65,535 bind parameters for the widest table (16 columns).
const CHUNK = 2000

async function insertAll<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK))
}

/** Called once by seedDatabase, inside its transaction, right after the registries. */
export async function seedRecords(tx: DbOrTx, seed: string, citizens: readonly CitizenPlain[], enterprises: readonly EnterprisePlain[]): Promise<RecordsSeedResult> {
  const started = performance.now()
  const r = generateRecords(seed, citizens, enterprises)
  await insertAll(r.ss, (c) => tx.insert(ssSpans).values(c))
  await insertAll(r.pensions, (c) => tx.insert(ssPensions).values(c))
  await insertAll(r.accounts, (c) => tx.insert(pfAccounts).values(c))
  await insertAll(r.pf, (c) => tx.insert(pfSpans).values(c))
  await insertAll(r.withdrawals, (c) => tx.insert(pfWithdrawals).values(c))
  await insertAll(r.loans, (c) => tx.insert(pfLoans).values(c))
  await insertAll(r.units, (c) => tx.insert(reUnits).values(c))
  return { ssSpans: r.ss.length, pfAccounts: r.accounts.length, loans: r.loans.length, units: r.units.length, pensions: r.pensions.length, ms: Math.round(performance.now() - started) }
}
