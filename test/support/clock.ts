// Time in tests. Every rule under test reads an injected or pinned clock (the stand-in's dev
// clock, Playwright's clock, a TestClock); the machine's clock is only for harness timeouts,
// polling deadlines and unique names, and then it is named as such: `wallMs()` / `wallClock()`.
// ESLint refuses a bare `Date.now()` / `new Date()` anywhere else in test/ (.eslintrc.js).

/** The machine's clock in ms: timeouts and unique ids only, never a rule's "now". */
export function wallMs(): number {
  return Date.now() // eslint-disable-line no-restricted-syntax -- the one named wall-clock reading
}

/** The machine's clock as a Date: for code under test whose own wall-clock use is the subject. */
export function wallClock(): Date {
  return new Date(wallMs())
}

/**
 * The pinned instants of the time matrix (UTC; China is UTC+8, no DST). 2026-12-07 is a Monday;
 * 2027-01-01 is a statutory holiday whose schedule chinese-days may not have.
 */
export const INSTANTS = {
  /** Monday 08:50, ten minutes before the first slot. */
  workdayMorning: '2026-12-07T00:50:00.000Z',
  /** Monday 16:50, after the last bookable slot of the day has started. */
  workdayLate: '2026-12-07T08:50:00.000Z',
  /** Friday 19:00. */
  fridayEvening: '2026-12-11T11:00:00.000Z',
  /** Sunday 10:00. */
  sunday: '2026-12-13T02:00:00.000Z',
  /** Wednesday 2026-09-30 15:00, the day before 国庆节. */
  beforeHoliday: '2026-09-30T07:00:00.000Z',
  /** Saturday 2026-10-10 10:00, a 调休 working Saturday (国庆节 2026). */
  adjustedWorkday: '2026-10-10T02:00:00.000Z',
  /** 31 December 23:55, the next year's schedule possibly missing. */
  yearEnd: '2026-12-31T15:55:00.000Z',
} as const

export type InstantName = keyof typeof INSTANTS

/** The instant every suite runs at unless it picks another: a working-day evening (Monday 20:30). */
export const DEFAULT_INSTANT = '2026-12-07T12:30:00.000Z'

/**
 * A clock that starts at `at` and then runs at the machine's pace: timeouts, rate windows and
 * token lifetimes inside a test behave as in life, but the instant never depends on the hour CI
 * started.
 */
export function pinnedClock(at: string | Date = DEFAULT_INSTANT): () => Date {
  const start = typeof at === 'string' ? Date.parse(at) : at.getTime()
  if (Number.isNaN(start)) throw new Error(`pinnedClock: not an instant: ${String(at)}`)
  const wallStart = wallMs()
  return () => new Date(start + (wallMs() - wallStart))
}
