// China time, once, for the app and the server. Every date and clock the app shows, and every day
// the server decides by (due dates, daily limits, opening hours), is China's: UTC+8 all year, no
// daylight saving since 1991, whatever zone the phone or the server process is set to. So nothing
// here reads the device's zone: an instant is shifted by eight hours and read with the UTC getters.
// Pure and dependency-free (no holiday calendar): the main package and every subpackage may use it.

/** China is UTC+8 all year. */
export const CHINA_UTC_OFFSET_MINUTES = 8 * 60

const MINUTE = 60_000
const DAY = 86_400_000
const OFFSET = CHINA_UTC_OFFSET_MINUTES * MINUTE

export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7

export interface ChinaLocalTime {
  /** YYYY-MM-DD in China. */
  date: string
  weekday: IsoWeekday
  /** Minutes since local midnight. */
  minutes: number
}

const pad = (n: number): string => String(n).padStart(2, '0')

/** The instant moved so that its UTC fields read China's wall clock. */
function shifted(at: Date): Date {
  return new Date(at.getTime() + OFFSET)
}

function ymd(t: Date): string {
  return `${String(t.getUTCFullYear()).padStart(4, '0')}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`
}

/** Date, weekday and minute of the day in China. */
export function chinaLocalTime(at: Date): ChinaLocalTime {
  const t = shifted(at)
  const day = t.getUTCDay()
  return { date: ymd(t), weekday: (day === 0 ? 7 : day) as IsoWeekday, minutes: t.getUTCHours() * 60 + t.getUTCMinutes() }
}

/** 'YYYY-MM-DD': the calendar day in China. */
export function chinaDate(at: Date): string {
  return ymd(shifted(at))
}

/** 'YYYY-MM': the calendar month in China. */
export function chinaMonth(at: Date): string {
  return chinaDate(at).slice(0, 7)
}

/** 'HH:mm' in China. */
export function chinaClock(at: Date): string {
  const t = shifted(at)
  return `${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}`
}

/** 'YYYY-MM-DD HH:mm' in China, for lists and messages. */
export function chinaDateTime(at: Date): string {
  return `${chinaDate(at)} ${chinaClock(at)}`
}

/** 'YYYY-MM-DD HH:mm:ss' in China (亮证's live clock, vendor APIs that take China local time). */
export function chinaDateTimeSeconds(at: Date): string {
  return `${chinaDateTime(at)}:${pad(shifted(at).getUTCSeconds())}`
}

/** An ISO instant from the API as 'YYYY-MM-DD HH:mm' China time; text that is no instant stays as it is. */
export function chinaTimeText(iso: string): string {
  const ms = Date.parse(iso)
  return Number.isNaN(ms) ? iso : chinaDateTime(new Date(ms))
}

/** The instant China's current calendar day began (00:00 UTC+8). */
export function chinaDayStart(at: Date): Date {
  return new Date(Math.floor((at.getTime() + OFFSET) / DAY) * DAY - OFFSET)
}

/** The instant of `date` (YYYY-MM-DD) at `minutes` past midnight, China time. */
export function chinaInstant(date: string, minutes: number): Date {
  const [y, m, d] = date.split('-').map(Number)
  return new Date(Date.UTC(y, m - 1, d) + minutes * MINUTE - OFFSET)
}

/** YYYY-MM-DD plus `days` calendar days (negative: earlier); plain calendar arithmetic, no zone involved. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number)
  return ymd(new Date(Date.UTC(y, m - 1, d + days)))
}

/** 'HH:mm' -> minutes since midnight. */
export function toMinutes(time: string): number {
  const [h, m] = time.split(':').map(Number)
  return h * 60 + m
}

/** Minutes since midnight -> 'HH:mm'. */
export function hhmm(minutes: number): string {
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`
}
