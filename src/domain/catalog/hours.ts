// Opening hours of service halls: is a hall open at a given moment, and what are its hours that
// day. Halls follow the official holiday calendar (国务院办公厅 放假安排): closed on statutory
// holidays, and open with working-day hours on 调休 weekend working days. The calendar is the one
// due dates use (../cases/workdays): a schedule an operator loaded (`CalendarOverrides`), else
// chinese-days, else — for a year neither knows — the statutory holidays without 调休.
// Pure: the caller passes the moment, so server, app and tests agree for the same instant.
import { getDayDetail, getHolidaysInRange, isWorkday } from 'chinese-days'
import { officialYearKnown, statutoryHolidays, type CalendarOverrides } from '../cases/workdays'
import type { TimeRange, WeeklyHours } from './types'
import { chinaLocalTime, toMinutes, type IsoWeekday } from '../time'

// Halls are in China: their hours are read in China time (../time), whatever the device's zone.
export { CHINA_UTC_OFFSET_MINUTES, chinaLocalTime, type ChinaLocalTime, type IsoWeekday } from '../time'

/**
 * - workday: an ordinary Monday–Friday;
 * - restDay: an ordinary Saturday/Sunday (a hall may still open, e.g. Saturday mornings);
 * - holiday: a statutory holiday or a weekday given off in lieu (调休放假): closed;
 * - adjustedWorkday: a weekend day worked to make up for a holiday (调休上班): working-day hours.
 */
export type DayKind = 'workday' | 'restDay' | 'holiday' | 'adjustedWorkday'

export interface DayInfo {
  kind: DayKind
  /** Chinese holiday name (e.g. 国庆节) for holidays and 调休 working days. */
  holidayName?: string
}

export interface HoursOfDay extends DayInfo {
  date: string
  weekday: IsoWeekday
  /** The hall's hours that day; empty = closed all day. */
  ranges: TimeRange[]
  openNow: boolean
  /** When open: the end of the current range ("17:00"). */
  closesAt?: string
  /** When closed now but opening later the same day: the next opening ("13:30"). */
  opensAt?: string
}

// chinese-days reads a date string in the process's local zone and can land on the previous day
// west of UTC; a local-noon Date of the same calendar day is read the same in every zone.
function calendarDay(date: string): Date {
  const [y, m, d] = date.split('-').map(Number)
  return new Date(y, m - 1, d, 12)
}

/** The day as a loaded schedule has it; undefined when the loaded schedules say nothing of `date`. */
function loadedDay(date: string, weekend: boolean, calendar: CalendarOverrides): DayInfo | undefined {
  if (calendar.workdays?.includes(date)) return { kind: weekend ? 'adjustedWorkday' : 'workday' }
  if (calendar.holidays?.includes(date)) return { kind: 'holiday' }
  if (calendar.years?.includes(Number(date.slice(0, 4)))) return { kind: weekend ? 'restDay' : 'workday' }
  return undefined
}

/** Whether a loaded schedule decides `date` (it then decides its whole year). */
export function calendarDecides(date: string, calendar: CalendarOverrides): boolean {
  return loadedDay(date, false, calendar) !== undefined
}

/** What kind of day `date` (YYYY-MM-DD, China) is in the official calendar. */
export function dayInfo(date: string, weekday: IsoWeekday, calendar: CalendarOverrides = {}): DayInfo {
  const weekend = weekday >= 6
  const loaded = loadedDay(date, weekend, calendar)
  if (loaded) return loaded
  const year = Number(date.slice(0, 4))
  // chinese-days treats a year it has no schedule for as all ordinary days: a holiday would read
  // as an open hall and a bookable day.
  if (!officialYearKnown(year)) return { kind: statutoryHolidays(year).has(date) ? 'holiday' : weekend ? 'restDay' : 'workday' }
  const day = calendarDay(date)
  // The detail name is "English,中文,days" for holiday-related days, a weekday name otherwise.
  const parts = getDayDetail(day).name.split(',')
  const holidayName = parts.length >= 2 ? parts[1] : undefined
  const named = holidayName ? { holidayName } : {}
  if (isWorkday(day)) return weekend ? { kind: 'adjustedWorkday', ...named } : { kind: 'workday' }
  // Without weekends, the range lists only statutory holidays and days off in lieu.
  if (getHolidaysInRange(day, day, false).length > 0) return { kind: 'holiday', ...named }
  return { kind: 'restDay' }
}

/** A hall's usual working-day hours: those of the first weekday (Mon–Fri) that has any. */
export function workingDayHours(hours: WeeklyHours): TimeRange[] {
  for (const d of [1, 2, 3, 4, 5] as const) {
    const r = hours[d]
    if (r && r.length > 0) return r
  }
  return []
}

export function rangesOn(hours: WeeklyHours, weekday: IsoWeekday, info: DayInfo): TimeRange[] {
  switch (info.kind) {
    case 'holiday':
      return []
    case 'adjustedWorkday':
      return workingDayHours(hours)
    default:
      return hours[weekday] ?? []
  }
}

/** The hall's hours on the China calendar day of `now`, and whether it is open at `now`. */
export function hoursAt(hours: WeeklyHours, now: Date, calendar: CalendarOverrides = {}): HoursOfDay {
  const local = chinaLocalTime(now)
  const info = dayInfo(local.date, local.weekday, calendar)
  const ranges = rangesOn(hours, local.weekday, info)
  const out: HoursOfDay = { date: local.date, weekday: local.weekday, ...info, ranges, openNow: false }
  for (const [open, close] of ranges) {
    const from = toMinutes(open)
    const to = toMinutes(close)
    if (local.minutes >= from && local.minutes < to) {
      out.openNow = true
      out.closesAt = close
      return out
    }
    if (local.minutes < from && out.opensAt === undefined) out.opensAt = open
  }
  return out
}
