// The official calendar beyond what chinese-days knows: an operator (admin) loads a year's
// published schedule — holidays and 调休 working days — and every due date then uses it instead of
// the statutory fallback. Read from the database on each computation (a few rows), so every
// instance agrees at once; loading a year recomputes the open cases whose due date was provisional.
import { dueDate, type CalendarOverrides, type Pause } from '../../../src/domain/cases/workdays'
import type { CalendarYearBody, CalendarYearsResponse } from '../../../src/domain/contract/cases'
import { format } from '../../../src/domain/messages'
import { api } from '../../../src/domain/messages/zh-CN/api'
import type { DbOrTx } from '../db/client'
import type { cases } from '../db/schema'
import { ApiError } from '../errors'
import * as repo from './repo'
import type { CalendarYearRow } from './repo'

export async function calendarOverrides(db: DbOrTx): Promise<CalendarOverrides> {
  const rows = await repo.calendarYearRows(db)
  if (rows.length === 0) return {}
  return { years: rows.map((r) => r.year), holidays: rows.flatMap((r) => r.holidays), workdays: rows.flatMap((r) => r.workdays) }
}

/** The pauses with the open one closed at `today` (for a due date shown while it is open). */
export function recompute(row: Pick<typeof cases.$inferSelect, 'acceptedOn' | 'promisedDays' | 'pauses'>, today: string, calendar: CalendarOverrides = {}): { dueOn: string | null; provisional: boolean } {
  if (!row.acceptedOn) return { dueOn: null, provisional: false }
  const d = dueDate(row.acceptedOn, row.promisedDays, row.pauses as Pause[], calendar, today)
  return { dueOn: d.due, provisional: d.provisional }
}

/** States whose time limit still runs (or is paused): their due date may change. */
export const TIME_LIMIT_STATES = ['accepted', 'supplement_requested', 'supplemented', 'under_review'] as const

/** A year's schedule as published: dates of that year, 调休 working days on weekends, no date twice. */
export function checkCalendarYear(year: number, b: CalendarYearBody): void {
  const bad = (code: 'CALENDAR_DATE_OUTSIDE_YEAR' | 'CALENDAR_DATE_TWICE' | 'CALENDAR_WORKDAY_NOT_WEEKEND', date: string, field: string) =>
    new ApiError(400, code, format(api.errors[code], { date, year }), field)
  for (const [field, list] of [['holidays', b.holidays], ['workdays', b.workdays]] as const) {
    for (const d of list) {
      const t = new Date(`${d}T00:00:00Z`)
      if (Number.isNaN(t.getTime()) || t.toISOString().slice(0, 10) !== d || t.getUTCFullYear() !== year) throw bad('CALENDAR_DATE_OUTSIDE_YEAR', d, field)
      if (field === 'workdays' && t.getUTCDay() !== 0 && t.getUTCDay() !== 6) throw bad('CALENDAR_WORKDAY_NOT_WEEKEND', d, field)
    }
  }
  const twice = b.workdays.find((d) => b.holidays.includes(d))
  if (twice) throw bad('CALENDAR_DATE_TWICE', twice, 'workdays')
}

export const calendarYearView = (r: CalendarYearRow): CalendarYearsResponse['items'][number] => ({ year: r.year, holidays: r.holidays, workdays: r.workdays, source: r.source, loadedAt: new Date(r.loadedAt).toISOString() })
