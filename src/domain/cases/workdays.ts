// Working-day time limits (办理时限) on the official calendar.
//
// The calendar is the State Council's yearly holiday schedule (国务院办公厅 放假安排), read from
// chinese-days. For a year the package does not know yet (it ships a year once the schedule is
// published), the statutory holidays of 《全国年节及纪念日放假办法》 (2024 revision: 元旦 1 day,
// 春节 除夕–初三, 清明, 劳动节 May 1–2, 端午, 中秋, 国庆 Oct 1–3) are used without 调休, and every
// answer that relied on them says `provisional: true`. A deployment enters a newly published
// schedule as `CalendarOverrides` (data) until the package catches up: an operator loads the
// year's holidays and 调休 working days (server: calendar_years, PUT /api/staff/calendar/:year),
// and that year then follows the loaded schedule exactly (`years`), no longer provisional.
//
// A time limit counts working days after the day of acceptance; days while a supplement
// (补正) is awaited do not count (the pause covers the day after the request up to and including
// the day the supplement arrived). Dates are China calendar days, 'YYYY-MM-DD'.
import { getDayDetail, getHolidaysInRange, getSolarDateFromLunar, getSolarTerms, isWorkday } from 'chinese-days'
import { addDays, chinaDate } from '../time'

export interface CalendarOverrides {
  /** Days off that would otherwise be working days (published holidays and days off in lieu). */
  holidays?: readonly string[]
  /** Weekend days worked to make up for a holiday (调休上班). */
  workdays?: readonly string[]
  /**
   * Years whose whole official schedule is in `holidays`/`workdays`: every other day of such a
   * year is a working day exactly when it is Monday–Friday (no statutory fallback, not provisional).
   */
  years?: readonly number[]
}

export interface Pause {
  /** Day the supplement was requested. */
  from: string
  /** Day it arrived; undefined while still awaited. */
  to?: string
}

export interface DueDate {
  /** The last working day of the limit. */
  due: string
  /** Some counted day came from the statutory fallback, not a published schedule. */
  provisional: boolean
}

// The China calendar day of an instant, and day arithmetic: ../time (re-exported for callers).
export { chinaDate, addDays }

function parts(date: string): [number, number, number] {
  const [y, m, d] = date.split('-').map(Number)
  return [y, m, d]
}


function weekday(date: string): number {
  const [y, m, d] = parts(date)
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay()
}

// chinese-days reads strings in the process's zone; a local-noon Date is the same day everywhere.
function local(date: string): Date {
  const [y, m, d] = parts(date)
  return new Date(y, m - 1, d, 12)
}

const covered = new Map<number, boolean>()
/** Whether chinese-days has the official schedule of `year` (every schedule has 元旦). */
export function officialYearKnown(year: number): boolean {
  let known = covered.get(year)
  if (known === undefined) {
    known = getHolidaysInRange(local(`${year}-01-01`), local(`${year}-01-03`), false).length > 0 && getDayDetail(local(`${year}-01-01`)).name.includes(',')
    covered.set(year, known)
  }
  return known
}

const statutoryCache = new Map<number, Set<string>>()
/** Statutory holidays of a year by the 2024 rules (used only where the schedule is unknown). */
export function statutoryHolidays(year: number): Set<string> {
  const hit = statutoryCache.get(year)
  if (hit) return hit
  const days = new Set<string>([`${year}-01-01`, `${year}-05-01`, `${year}-05-02`, `${year}-10-01`, `${year}-10-02`, `${year}-10-03`])
  const springFestival = getSolarDateFromLunar(`${year}-01-01`).date
  for (let i = -1; i <= 2; i++) days.add(addDays(springFestival, i))
  days.add(getSolarDateFromLunar(`${year}-05-05`).date)
  days.add(getSolarDateFromLunar(`${year}-08-15`).date)
  const qingming = getSolarTerms(local(`${year}-04-01`), local(`${year}-04-10`)).find((t) => t.term === 'pure_brightness')
  if (qingming) days.add(qingming.date)
  statutoryCache.set(year, days)
  return days
}

export interface WorkingDayAnswer {
  working: boolean
  provisional: boolean
}

export function isWorkingDay(date: string, overrides: CalendarOverrides = {}): WorkingDayAnswer {
  if (overrides.workdays?.includes(date)) return { working: true, provisional: false }
  if (overrides.holidays?.includes(date)) return { working: false, provisional: false }
  const year = parts(date)[0]
  if (overrides.years?.includes(year)) {
    const wd = weekday(date)
    return { working: wd !== 0 && wd !== 6, provisional: false }
  }
  if (officialYearKnown(year)) return { working: isWorkday(local(date)), provisional: false }
  const wd = weekday(date)
  const working = wd !== 0 && wd !== 6 && !statutoryHolidays(year).has(date)
  return { working, provisional: true }
}

function paused(date: string, pauses: readonly Pause[]): boolean {
  return pauses.some((p) => date > p.from && (p.to === undefined || date <= p.to))
}

/**
 * The due date of a limit of `days` working days counted from the day after `acceptedOn`.
 * An open pause (supplement still awaited) has no end yet: the answer assumes it ends today.
 */
export function dueDate(acceptedOn: string, days: number, pauses: readonly Pause[] = [], overrides: CalendarOverrides = {}, today?: string): DueDate {
  let provisional = false
  const closed = pauses.map((p) => (p.to === undefined && today !== undefined ? { from: p.from, to: today } : p))
  if (days <= 0) return { due: acceptedOn, provisional }
  let date = acceptedOn
  let counted = 0
  // A limit can never need more than a year of calendar days per 200 working days; guard anyway.
  for (let guard = 0; guard < 3660 && counted < days; guard++) {
    date = addDays(date, 1)
    if (paused(date, closed)) continue
    const w = isWorkingDay(date, overrides)
    provisional ||= w.provisional
    if (w.working) counted++
  }
  return { due: date, provisional }
}

/** Overdue once `today` is after the due date (the due date itself is still in time). */
export function isOverdue(due: string, today: string): boolean {
  return today > due
}

/** Working days from the day after `from` up to and including `to` (0 when to <= from). */
export function workingDaysBetween(from: string, to: string, overrides: CalendarOverrides = {}): number {
  let n = 0
  for (let d = addDays(from, 1), guard = 0; d <= to && guard < 3660; d = addDays(d, 1), guard++) if (isWorkingDay(d, overrides).working) n++
  return n
}
