// Appointment (预约) slot rules. Pure: every function takes the moment it reasons about, so the
// server, the app and tests with an injected clock agree. Halls book only on official working
// days (statutory holidays and days off in lieu are closed, 调休 weekend working days open with
// working-day hours), in 30-minute slots inside the hall's hours, with as many places per slot as
// the hall has windows. The calendar is the halls' (../catalog/hours: a loaded schedule, else
// chinese-days, else the statutory holidays), so a holiday is never bookable just because its
// year's schedule is not published yet.
import { addDays, chinaDateTime, chinaInstant, chinaLocalTime, hhmm, toMinutes } from '../time'
import { calendarDecides, dayInfo, rangesOn, type DayKind, type IsoWeekday } from '../catalog/hours'
import type { Hall, WeeklyHours } from '../catalog/types'
import { CANCEL_UNTIL_BEFORE_MINUTES } from './windows'
import type { CalendarOverrides } from '../cases/workdays'

export const SLOT_MINUTES = 30
/** Bookable from today up to this many working days after today. */
export const BOOKING_WORKING_DAYS_AHEAD = 7
/** A slot stops taking bookings this long before it starts. */
export const BOOK_CLOSES_BEFORE_MINUTES = 30
/** Cancel or reschedule until this long before the start (defined in ./windows, which the app reads alone). */
export { CANCEL_UNTIL_BEFORE_MINUTES }
/** The check-in code is valid from this long before the start to the slot's end. */
export const CHECK_IN_OPENS_BEFORE_MINUTES = 30
/** Not checked in this long after the slot's end: a no-show. */
export const NO_SHOW_AFTER_END_MINUTES = 15
export const MAX_ACTIVE_BOOKINGS = 3
export const NO_SHOW_LIMIT = 3
export const NO_SHOW_WINDOW_DAYS = 90
export const NO_SHOW_BLOCK_DAYS = 30
/** Reminders: the evening before (20:00 China time) and one hour before the start. */
export const EVENING_REMINDER_LOCAL = '20:00'
export const HOUR_REMINDER_BEFORE_MINUTES = 60
/** Places per window per slot. */
export const PLACES_PER_WINDOW = 1

const MINUTE = 60_000
const DAY = 86_400_000

// Clock and calendar arithmetic in China time live in ../time; re-exported for the rules' callers.
export { toMinutes, hhmm, chinaInstant, addDays, chinaDateTime }

export function weekdayOf(date: string): IsoWeekday {
  const [y, m, d] = date.split('-').map(Number)
  const w = new Date(Date.UTC(y, m - 1, d)).getUTCDay()
  return (w === 0 ? 7 : w) as IsoWeekday
}

export interface BookingDay {
  date: string
  weekday: IsoWeekday
  kind: DayKind
  holidayName?: string
  /** Working day (ordinary Mon–Fri, or a 调休 weekend working day). */
  working: boolean
}

// What chinese-days (or the statutory fallback) says of a date never changes within a release:
// remember answers (bounded: a long-running server asks about a sliding window of a few weeks).
const dayCache = new Map<string, BookingDay>()

/** The kind of `date` on the official calendar; `calendar` is the schedule operators loaded. */
export function bookingDay(date: string, calendar: CalendarOverrides = {}): BookingDay {
  const decided = calendarDecides(date, calendar)
  const hit = decided ? undefined : dayCache.get(date)
  if (hit) return hit
  const weekday = weekdayOf(date)
  const info = dayInfo(date, weekday, calendar)
  const day: BookingDay = { date, weekday, ...info, working: info.kind === 'workday' || info.kind === 'adjustedWorkday' }
  if (decided) return day
  if (dayCache.size >= 1000) dayCache.clear()
  dayCache.set(date, day)
  return day
}

/** Today (if a working day) and the next BOOKING_WORKING_DAYS_AHEAD working days, China calendar. */
export function bookableDates(now: Date, calendar: CalendarOverrides = {}): string[] {
  const today = chinaLocalTime(now).date
  const out: string[] = []
  if (bookingDay(today, calendar).working) out.push(today)
  let d = today
  let found = 0
  // Long holidays (Spring Festival) are at most ~9 closed days in a row; 40 is a safe bound.
  for (let i = 0; i < 40 && found < BOOKING_WORKING_DAYS_AHEAD; i++) {
    d = addDays(d, 1)
    if (bookingDay(d, calendar).working) {
      out.push(d)
      found++
    }
  }
  return out
}

export interface SlotTime {
  date: string
  /** "09:00" */
  start: string
  end: string
  startsAt: Date
  endsAt: Date
}

/** The 30-minute slots of a hall on `date`; none on a day that is not a working day. */
export function slotsOn(hours: WeeklyHours, date: string, calendar: CalendarOverrides = {}): SlotTime[] {
  const day = bookingDay(date, calendar)
  if (!day.working) return []
  const out: SlotTime[] = []
  for (const [open, close] of rangesOn(hours, day.weekday, day)) {
    const to = toMinutes(close)
    for (let m = toMinutes(open); m + SLOT_MINUTES <= to; m += SLOT_MINUTES) {
      out.push({ date, start: hhmm(m), end: hhmm(m + SLOT_MINUTES), startsAt: chinaInstant(date, m), endsAt: chinaInstant(date, m + SLOT_MINUTES) })
    }
  }
  return out
}

export function slotCapacity(hall: Pick<Hall, 'windows'>): number {
  return Math.max(1, hall.windows * PLACES_PER_WINDOW)
}

/** Why a start time cannot be booked now; null = it can. */
export type SlotRefusal = 'PAST' | 'TOO_FAR' | 'NOT_WORKING_DAY' | 'NOT_A_SLOT' | 'CLOSED'

/** Find the slot of a hall starting at `startsAt` and check it can be booked at `now`. */
export function checkBookable(hours: WeeklyHours, startsAt: Date, now: Date, calendar: CalendarOverrides = {}): { ok: true; slot: SlotTime } | { ok: false; reason: SlotRefusal } {
  if (startsAt.getTime() <= now.getTime()) return { ok: false, reason: 'PAST' }
  const local = chinaLocalTime(startsAt)
  if (!bookingDay(local.date, calendar).working) return { ok: false, reason: 'NOT_WORKING_DAY' }
  if (!bookableDates(now, calendar).includes(local.date)) return { ok: false, reason: 'TOO_FAR' }
  const slot = slotsOn(hours, local.date, calendar).find((s) => s.startsAt.getTime() === startsAt.getTime())
  if (!slot) return { ok: false, reason: 'NOT_A_SLOT' }
  if (!slotOpen(slot.startsAt, now)) return { ok: false, reason: 'CLOSED' }
  return { ok: true, slot }
}

/** A slot takes bookings until 30 minutes before it starts. */
export function slotOpen(startsAt: Date, now: Date): boolean {
  return now.getTime() <= startsAt.getTime() - BOOK_CLOSES_BEFORE_MINUTES * MINUTE
}

export function canCancel(startsAt: Date, now: Date): boolean {
  return now.getTime() <= startsAt.getTime() - CANCEL_UNTIL_BEFORE_MINUTES * MINUTE
}

export function checkInWindow(startsAt: Date, endsAt: Date): { from: Date; until: Date } {
  return { from: new Date(startsAt.getTime() - CHECK_IN_OPENS_BEFORE_MINUTES * MINUTE), until: endsAt }
}

export function canCheckIn(startsAt: Date, endsAt: Date, now: Date): 'early' | 'ok' | 'late' {
  const w = checkInWindow(startsAt, endsAt)
  if (now.getTime() < w.from.getTime()) return 'early'
  if (now.getTime() > w.until.getTime()) return 'late'
  return 'ok'
}

export function noShowAt(endsAt: Date): Date {
  return new Date(endsAt.getTime() + NO_SHOW_AFTER_END_MINUTES * MINUTE)
}

/** The evening-before reminder (20:00 China time the previous calendar day). */
export function eveningReminderAt(startsAt: Date): Date {
  const date = chinaLocalTime(startsAt).date
  return chinaInstant(addDays(date, -1), toMinutes(EVENING_REMINDER_LOCAL))
}

export function hourReminderAt(startsAt: Date): Date {
  return new Date(startsAt.getTime() - HOUR_REMINDER_BEFORE_MINUTES * MINUTE)
}

/**
 * The no-show block: with at least NO_SHOW_LIMIT no-shows whose slots lie within the last
 * NO_SHOW_WINDOW_DAYS, booking is refused for NO_SHOW_BLOCK_DAYS from the latest of them.
 * Returns the end of the block, or null when not blocked at `now`.
 */
export function blockedUntil(noShowSlotStarts: Date[], now: Date): Date | null {
  const sorted = [...noShowSlotStarts].map((d) => d.getTime()).sort((a, b) => b - a)
  // Look at every run of NO_SHOW_LIMIT consecutive no-shows (newest first) within the window.
  for (let i = 0; i + NO_SHOW_LIMIT - 1 < sorted.length; i++) {
    const newest = sorted[i]
    const oldest = sorted[i + NO_SHOW_LIMIT - 1]
    if (newest - oldest <= NO_SHOW_WINDOW_DAYS * DAY) {
      const until = newest + NO_SHOW_BLOCK_DAYS * DAY
      return until > now.getTime() ? new Date(until) : null
    }
  }
  return null
}

