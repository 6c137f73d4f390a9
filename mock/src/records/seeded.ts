// The stand-in's records source: reads the seeded source tables (schema-records.ts) and derives
// monthly records, balances, instalments and withdrawal options with the same rules the seed used.
import { asc, eq } from 'drizzle-orm'
import type { ContributionMonth, ContributionYear, FundEntry, Insurance, PropertyUnit, WithdrawalOption } from '../../../src/domain/contract/records'
import { INSURANCES } from '../../../src/domain/contract/records'
import { messages } from '../../../src/domain/messages'
import type { DbOrTx } from '../db/client'
import { pfAccounts, pfLoans, pfSpans, pfWithdrawals, reUnits, ssPensions, ssSpans } from '../db/schema'
import {
  RECORDS_THROUGH,
  addMonths,
  eachMonth,
  fundLedger,
  fundMonthly,
  loanSchedule,
  monthParts,
  pensionAccount,
  pensionFor,
} from './rules'
import type { ProvidentFundData, PropertyData, QueryOptions, RecordsSource, SocialSecurityData, SubjectRef } from './source'
import { chinaDate as chinaDay, chinaMonth } from '../dates'

const w = messages.records.withdrawal

/** Retirement age in the stand-in: 60 for men, 55 for women (before the 2025 reform phases in). */
export function retirementMonth(birthDate: string, sex: 'M' | 'F'): string {
  return addMonths(birthDate.slice(0, 7), (sex === 'M' ? 60 : 55) * 12 + 1)
}

export function maskAccountNo(no: string): string {
  return no.length <= 8 ? '****' : `${no.slice(0, 4)}${'*'.repeat(no.length - 8)}${no.slice(-4)}`
}

export function seededSource(db: DbOrTx): RecordsSource {
  return {
    async socialSecurity(ref: SubjectRef, { now, year }: QueryOptions): Promise<SocialSecurityData> {
      const asOf = now.toISOString()
      // Sequential: `db` may be a request's transaction, whose one client runs one query at a time.
      const spans = await db.select().from(ssSpans).where(eq(ssSpans.citizenId, ref.citizenId)).orderBy(asc(ssSpans.fromMonth))
      const [pension] = await db.select().from(ssPensions).where(eq(ssPensions.citizenId, ref.citizenId))
      const through = [RECORDS_THROUGH, chinaMonth(now)].sort()[0]
      const byYear = new Map<number, ContributionYear>()
      const monthsOf = new Map<number, ContributionMonth[]>()
      let totalPaidMonths = 0
      for (const s of spans) {
        for (const m of eachMonth(s.fromMonth, s.toMonth)) {
          if (m > through) break
          const y = Number(m.slice(0, 4))
          const parts = monthParts(m, s.base, s.insurances)
          const row = byYear.get(y) ?? { year: y, paidMonths: 0, owedMonths: 0, total: 0 }
          if (s.status === 'paid') {
            row.paidMonths++
            row.total += parts.employer + parts.personal
            totalPaidMonths++
          } else row.owedMonths++
          byYear.set(y, row)
          const list = monthsOf.get(y) ?? []
          list.push({ month: m, employer: s.employer, base: s.base, employerPart: parts.employer, personalPart: parts.personal, status: s.status })
          monthsOf.set(y, list)
        }
      }
      const years = [...byYear.values()].sort((a, b) => a.year - b.year)
      const shownYear = year !== undefined ? year : years.length ? years[years.length - 1].year : null
      const months = shownYear === null ? [] : [...(monthsOf.get(shownYear) ?? [])].reverse()

      const insured = INSURANCES.flatMap((ins: Insurance): SocialSecurityData['insured'] => {
        const mine = spans.filter((s) => s.insurances.includes(ins) && s.fromMonth.slice(0, 7) <= through)
        if (ins === 'pension' && pension) return [{ insurance: ins, status: 'receiving', employer: null, since: pension.startedOn }]
        if (mine.length === 0) return []
        const last = mine[mine.length - 1]
        const current = last.toMonth.slice(0, 7) >= through
        // Retirees keep medical cover without paying.
        if (ins === 'medical' && pension) return [{ insurance: ins, status: 'active', employer: null, since: mine[0].fromMonth }]
        return [{ insurance: ins, status: current ? 'active' : 'suspended', employer: current ? last.employer : null, since: mine[0].fromMonth }]
      })

      let pensionView: SocialSecurityData['pension'] = null
      if (pension) {
        const nowMonth = chinaMonth(now)
        const payments: Array<{ month: string; amount: number }> = []
        for (let m = nowMonth; payments.length < 12 && m >= pension.startedOn.slice(0, 7); m = addMonths(m, -1)) payments.push({ month: m, amount: pensionFor(m, pension.startedOn, pension.initialMonthly) })
        pensionView = { startedOn: pension.startedOn, monthly: pensionFor(nowMonth, pension.startedOn, pension.initialMonthly), payments }
      }
      return { asOf, insured, years, year: shownYear, months, totalPaidMonths, pensionAccount: pension ? 0 : pensionAccount(spans, through), pension: pensionView }
    },

    async providentFund(ref: SubjectRef, { now, year }: QueryOptions): Promise<ProvidentFundData> {
      const asOf = now.toISOString()
      const [account] = await db.select().from(pfAccounts).where(eq(pfAccounts.citizenId, ref.citizenId))
      const spans = await db.select().from(pfSpans).where(eq(pfSpans.citizenId, ref.citizenId)).orderBy(asc(pfSpans.fromMonth))
      const withdrawals = await db.select().from(pfWithdrawals).where(eq(pfWithdrawals.citizenId, ref.citizenId)).orderBy(asc(pfWithdrawals.on))
      const loans = await db.select().from(pfLoans).where(eq(pfLoans.citizenId, ref.citizenId)).orderBy(asc(pfLoans.startMonth))
      const units = await db.select({ id: reUnits.id }).from(reUnits).where(eq(reUnits.citizenId, ref.citizenId))
      if (!account) return { asOf, account: null, years: [], year: null, history: [], loan: null, withdrawals: [] }
      const today = chinaDay(now)
      const through = [RECORDS_THROUGH, chinaMonth(now)].sort()[0]
      const ledger = fundLedger(account.openingBalance, account.openedOn, spans, withdrawals, today)
      const balance = ledger.length ? ledger[ledger.length - 1].balance : account.openingBalance
      const last = spans[spans.length - 1]
      const normal = Boolean(last && last.toMonth.slice(0, 7) >= through)

      const yearsSet = new Set(ledger.map((e) => Number(e.date.slice(0, 4))))
      const years = [...yearsSet].sort((a, b) => b - a)
      const shownYear = year !== undefined ? year : years.length ? years[0] : null
      const history: FundEntry[] = ledger.filter((e) => Number(e.date.slice(0, 4)) === shownYear).reverse()

      let loanView: ProvidentFundData['loan'] = null
      const loan = loans.find((l) => {
        const s = loanSchedule(l)
        return s[s.length - 1].date > today
      })
      if (loan) {
        const schedule = loanSchedule(loan)
        const paid = schedule.filter((i) => i.date <= today)
        const upcoming = schedule.filter((i) => i.date > today)
        loanView = {
          principal: loan.principal,
          balance: paid.length ? paid[paid.length - 1].balance : loan.principal,
          ratePercent: loan.ratePercent,
          termMonths: loan.termMonths,
          startMonth: loan.startMonth.slice(0, 7),
          paidMonths: paid.length,
          nextPayment: upcoming[0] ? { date: upcoming[0].date, amount: upcoming[0].principal + upcoming[0].interest } : null,
          schedule: upcoming.slice(0, 12),
        }
      }

      const nowMonth = chinaMonth(now)
      const retired = retirementMonth(ref.birthDate, ref.sex) <= nowMonth
      const sealedMonths = last ? Math.max(0, addMonthsDiff(last.toMonth.slice(0, 7), nowMonth)) : 0
      const has = balance > 0
      const opt = (kind: WithdrawalOption['kind'], allowed: boolean, reason: string): WithdrawalOption => ({ kind, allowed, reason })
      const withdrawalsView: WithdrawalOption[] = [
        opt('rent', has && normal && units.length === 0 && !loanView, !has ? w.noBalance : units.length ? w.rentHasHome : loanView ? w.rentHasLoan : !normal ? w.notNormal : w.rentOk),
        opt('purchase', has, has ? w.purchaseOk : w.noBalance),
        opt('loan_repayment', has && Boolean(loanView), loanView ? (has ? w.repayOk : w.noBalance) : w.repayNoLoan),
        opt('retirement', has && retired, retired ? (has ? w.retireOk : w.noBalance) : w.retireNotYet),
        opt('leaving', has && !normal && sealedMonths >= 6, normal ? w.leaveDepositing : sealedMonths >= 6 ? (has ? w.leaveOk : w.noBalance) : w.leaveWait),
      ]

      return {
        asOf,
        account: {
          accountNo: maskAccountNo(account.accountNo),
          status: normal ? 'normal' : 'sealed',
          employer: normal ? last.employer : null,
          openedOn: account.openedOn,
          balance,
          base: last ? last.base : 0,
          monthlyDeposit: normal ? fundMonthly(last.base, last.ratePercent) : 0,
          employerRatePercent: last ? last.ratePercent : 0,
          personalRatePercent: last ? last.ratePercent : 0,
          lastDepositMonth: last ? [last.toMonth.slice(0, 7), through].sort()[0] : null,
        },
        years,
        year: shownYear,
        history,
        loan: loanView,
        withdrawals: withdrawalsView,
      }
    },

    async property(ref: SubjectRef, { now }: QueryOptions): Promise<PropertyData> {
      const rows = await db.select().from(reUnits).where(eq(reUnits.citizenId, ref.citizenId)).orderBy(asc(reUnits.registeredOn))
      const units: PropertyUnit[] = rows.map((u) => ({
        id: u.id,
        certNo: u.certNo,
        unitNo: u.unitNo,
        location: u.location,
        areaM2: u.area / 100,
        use: u.use,
        rightType: u.rightType,
        share: u.share,
        registeredOn: u.registeredOn,
        mortgage: u.mortgageHolder && u.mortgageSince ? { holder: u.mortgageHolder, since: u.mortgageSince, amount: u.mortgageAmount ?? 0 } : null,
        seized: u.seized,
        history: [...u.history].reverse() as PropertyUnit['history'],
      }))
      return { asOf: now.toISOString(), units }
    },
  }
}

/** Whole months from `from` to `to` (YYYY-MM). */
function addMonthsDiff(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number)
  const [ty, tm] = to.split('-').map(Number)
  return (ty - fy) * 12 + (tm - fm)
}
