// The stand-in's movable clock (never in production): app.ts builds it and hands its `now` to
// every rule as `services.now`; routes.ts lets browser tests move it.
import { DAY } from '../identity/rate'

/**
 * A clock that browser tests can move: the running stand-in's `services.now` outside production.
 * Every time rule (booking windows, check-in codes, token expiry, TOTP, jobs) reads it, so one
 * offset moves the whole server consistently; the app asks the server rather than its own clock.
 */
export interface DevClock {
  now: () => Date
  offsetMs(): number
  setOffset(ms: number): void
}

/** How far the clock may be moved either way. */
export const MAX_CLOCK_OFFSET_MS = 400 * DAY

/** A clock that reads `startMs` now and then advances with `base`. */
export function runningFrom(startMs: number, base: () => Date): () => Date {
  const baseStart = base().getTime()
  return () => new Date(startMs + (base().getTime() - baseStart))
}

export function createDevClock(base: () => Date): DevClock {
  let offset = 0
  return {
    now: () => (offset === 0 ? base() : new Date(base().getTime() + offset)),
    offsetMs: () => offset,
    setOffset(ms) {
      offset = ms
    },
  }
}
