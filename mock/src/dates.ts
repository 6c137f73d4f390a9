// Dates and times of the stand-in server. China time (the day a limit resets, a due date, the time
// in a message) comes from the app's own domain module, so server and app read an instant the same
// way whatever zone the process runs in; server code takes it from here.
export {
  CHINA_UTC_OFFSET_MINUTES,
  addDays,
  chinaClock,
  chinaDate,
  chinaDateTime,
  chinaDateTimeSeconds,
  chinaDayStart,
  chinaInstant,
  chinaLocalTime,
  chinaMonth,
  chinaTimeText,
} from '../../src/domain/time'

/** A stored instant as the contract's ISO 8601 text (the database may hand back a Date or a string). */
export function iso(v: Date | string): string {
  return new Date(v).toISOString()
}
