// The rules the stand-in source systems apply: contribution bases and rates by year, interest,
// pension adjustment, provident-fund ledger and loan instalments. Shared by the seed (which must
// never withdraw more than the balance) and the seeded adapter (which derives monthly records).
// Figures are modelled on 浙江/宁波 practice; they are synthetic, not official tables.

/** The last month the seeded source systems have data for. */
export const RECORDS_THROUGH = '2026-10'

/**
 * Average monthly wage (全口径城镇单位就业人员平均工资, yuan) that sets the contribution limits of
 * the contribution year starting in July of that year: base between 60 % and 300 % of it.
 */
const AVG_WAGE: Record<number, number> = {
  2000: 1000, 2001: 1120, 2002: 1260, 2003: 1400, 2004: 1560, 2005: 1720, 2006: 1900, 2007: 2120, 2008: 2380,
  2009: 2600, 2010: 2850, 2011: 3150, 2012: 3450, 2013: 3750, 2014: 4050, 2015: 4380, 2016: 4720, 2017: 5080,
  2018: 5480, 2019: 5900, 2020: 6330, 2021: 6780, 2022: 7150, 2023: 7436, 2024: 7710, 2025: 7980, 2026: 8250,
}

/** The contribution year (July–June) a month belongs to, named by the year it starts. */
export function contributionYear(month: string): number {
  const [y, m] = month.split('-').map(Number)
  return m >= 7 ? y : y - 1
}

export function averageWage(year: number): number {
  return AVG_WAGE[Math.max(2000, Math.min(2026, year))]
}

/** Base limits of a contribution year, fen. */
export function baseLimits(year: number): { lower: number; upper: number } {
  const avg = averageWage(year)
  return { lower: Math.round(avg * 0.6) * 100, upper: avg * 3 * 100 }
}

/** A declared base: the wage (as a multiple of the average) clamped into the year's limits, fen. */
export function declaredBase(year: number, wageRatio: number): number {
  const { lower, upper } = baseLimits(year)
  return Math.min(upper, Math.max(lower, Math.round(averageWage(year) * wageRatio) * 100))
}

/** Rates in percent (employer, personal) by insurance for a month. */
export function rates(month: string): Record<'pension' | 'medical' | 'unemployment' | 'injury' | 'maternity', [number, number]> {
  return {
    pension: [month < '2019-05' ? 14 : 16, 8],
    medical: [month < '2019-01' ? 9.5 : 9, 2],
    unemployment: [month < '2016-03' ? 1.5 : 0.5, 0.5],
    injury: [0.4, 0],
    // Merged into medical insurance from 2020.
    maternity: [month < '2020-01' ? 0.5 : 0, 0],
  }
}

export interface MonthParts {
  employer: number
  personal: number
  pensionPersonal: number
}

/** Employer and personal parts of one month's contributions, fen. */
export function monthParts(month: string, base: number, insurances: readonly string[]): MonthParts {
  const r = rates(month)
  let employer = 0
  let personal = 0
  for (const ins of insurances) {
    const [e, p] = r[ins as keyof typeof r] ?? [0, 0]
    employer += Math.round((base * e) / 100)
    personal += Math.round((base * p) / 100)
  }
  return { employer, personal, pensionPersonal: insurances.includes('pension') ? Math.round((base * r.pension[1]) / 100) : 0 }
}

/** 个人账户记账利率 (percent) credited at the end of each year. */
const ACCOUNT_RATE: Record<number, number> = { 2016: 8.31, 2017: 7.12, 2018: 8.29, 2019: 7.61, 2020: 6.04, 2021: 6.69, 2022: 6.12, 2023: 3.97, 2024: 2.62, 2025: 2.5 }
export function accountRate(year: number): number {
  return ACCOUNT_RATE[year] ?? (year < 2016 ? 3 : 2.5)
}

/** Pension: adjusted up 3 % every January after it started. */
export function pensionFor(month: string, startedOn: string, initialMonthly: number): number {
  const startYear = Number(startedOn.slice(0, 4))
  const years = Math.max(0, Number(month.slice(0, 4)) - startYear)
  return Math.round(initialMonthly * Math.pow(1.03, years))
}

// ---- months -------------------------------------------------------------------------------

export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number)
  const i = y * 12 + (m - 1) + n
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`
}

export function monthsBetween(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number)
  const [ty, tm] = to.split('-').map(Number)
  return (ty - fy) * 12 + (tm - fm) + 1
}

export function* eachMonth(from: string, to: string): Generator<string> {
  for (let m = from.slice(0, 7); m <= to.slice(0, 7); m = addMonths(m, 1)) yield m
}


// ---- personal pension account ------------------------------------------------------------

/** The personal pension account balance at the end of `through` (fen): 8 % parts plus yearly interest. */
export function pensionAccount(spans: ReadonlyArray<{ fromMonth: string; toMonth: string; base: number; status: string; insurances: readonly string[] }>, through: string): number {
  const perYear = new Map<number, number>()
  for (const s of spans) {
    if (s.status !== 'paid') continue
    for (const m of eachMonth(s.fromMonth, s.toMonth)) {
      if (m > through) break
      const y = Number(m.slice(0, 4))
      perYear.set(y, (perYear.get(y) ?? 0) + monthParts(m, s.base, s.insurances).pensionPersonal)
    }
  }
  const years = [...perYear.keys()].sort()
  if (years.length === 0) return 0
  let balance = 0
  const lastYear = Number(through.slice(0, 4))
  for (let y = years[0]; y <= lastYear; y++) {
    balance += perYear.get(y) ?? 0
    // Interest on the year's closing balance, credited once the year is over.
    if (y < lastYear) balance = Math.round(balance * (1 + accountRate(y) / 100))
  }
  return balance
}

// ---- provident fund ------------------------------------------------------------------------

export const FUND_INTEREST_PERCENT = 1.5

export interface FundSpanLike {
  employer: string
  fromMonth: string
  toMonth: string
  base: number
  ratePercent: number
}

export interface LedgerEntry {
  date: string
  kind: 'deposit' | 'withdrawal' | 'interest'
  amount: number
  balance: number
  note: string
}

/** One month's deposit: employer and personal part at the same rate, fen. */
export function fundMonthly(base: number, ratePercent: number): number {
  return 2 * Math.round((base * ratePercent) / 100)
}

/**
 * The account's entries up to and including `throughDay`, oldest first: deposits on the 15th,
 * withdrawals on their day, interest on 30 June (结息) on the balance of that day.
 */
export function fundLedger(openingBalance: number, openedOn: string, spans: readonly FundSpanLike[], withdrawals: ReadonlyArray<{ on: string; amount: number; reason: string }>, throughDay: string): LedgerEntry[] {
  const events: Array<Omit<LedgerEntry, 'balance'> & { order: number }> = []
  for (const s of spans) {
    for (const m of eachMonth(s.fromMonth, s.toMonth)) events.push({ date: `${m}-15`, kind: 'deposit', amount: fundMonthly(s.base, s.ratePercent), note: `${s.employer} ${m} 汇缴`, order: 0 })
  }
  for (const w of withdrawals) events.push({ date: w.on, kind: 'withdrawal', amount: w.amount, note: w.reason, order: 1 })
  events.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.order - b.order))
  const out: LedgerEntry[] = []
  let balance = openingBalance
  let year = Number(openedOn.slice(0, 4))
  const settle = (upTo: string) => {
    // Every 30 June between the last event and `upTo`.
    for (;;) {
      const day = `${year}-06-30`
      if (day > upTo) return
      if (day >= openedOn && balance > 0) {
        const interest = Math.round((balance * FUND_INTEREST_PERCENT) / 100)
        balance += interest
        out.push({ date: day, kind: 'interest', amount: interest, balance, note: '年度结息' })
      }
      year++
    }
  }
  for (const e of events) {
    if (e.date > throughDay) break
    settle(e.date)
    balance += e.kind === 'withdrawal' ? -e.amount : e.amount
    out.push({ date: e.date, kind: e.kind, amount: e.amount, balance, note: e.note })
  }
  settle(throughDay)
  return out
}

// ---- loans ---------------------------------------------------------------------------------

export interface LoanLike {
  principal: number
  ratePercent: number
  termMonths: number
  startMonth: string
}

/** Equal monthly instalments (等额本息), fen. */
export function loanPayment(l: LoanLike): number {
  const r = l.ratePercent / 100 / 12
  return Math.round((l.principal * r) / (1 - Math.pow(1 + r, -l.termMonths)))
}

export interface Instalment {
  n: number
  date: string
  principal: number
  interest: number
  balance: number
}

/** Every instalment (paid on the 20th); the last one clears the rest. */
export function loanSchedule(l: LoanLike): Instalment[] {
  const r = l.ratePercent / 100 / 12
  const pay = loanPayment(l)
  let balance = l.principal
  const out: Instalment[] = []
  for (let n = 1; n <= l.termMonths; n++) {
    const interest = Math.round(balance * r)
    const principal = n === l.termMonths ? balance : Math.min(balance, pay - interest)
    balance -= principal
    out.push({ n, date: `${addMonths(l.startMonth.slice(0, 7), n - 1)}-20`, principal, interest, balance })
  }
  return out
}
