// A journey's numbers for `npm run bench -- journeys` (bench/journeys.bench.ts): taps against the
// JOURNEYS.md budget and the time from the journey's first tap to the first content the person came
// for. When JOURNEY_REPORT names a file, recordJourney appends one JSON line to it (each Jest worker
// appends whole lines); otherwise it does nothing, so an ordinary test run writes nothing. The
// tests still assert their budgets themselves: this only reports what they counted. Both the PWA
// journeys (test/journeys, target 'h5') and the mini-program harness journeys (test/miniprogram,
// 'weapp' / 'alipay') call it.
import fs from 'node:fs'
import { performance } from 'node:perf_hooks'
import type { Channel } from './journey-setup'

export interface JourneyRecord {
  /** JOURNEYS.md id: 'J1' … 'J10' (or 'home' for the signed-in 首页 check). */
  id: string
  /** A sub-case of the journey (J1's query, J3's record, J7's code), when it has several. */
  case?: string
  target: Channel
  taps: number
  /** The JOURNEYS.md tap budget for these taps (≤). */
  budget: number
  /** ms from the journey's first tap to the first content the person came for being visible. */
  firstContentMs?: number
  /** What firstContentMs timed: from which tap to which content (the bench's note for the time row). */
  timed?: string
  /** What the taps count, when not simply the journey's (the bench's note for the taps row). */
  note?: string
}

export const JOURNEY_REPORT_ENV = 'JOURNEY_REPORT'

export function recordJourney(r: JourneyRecord): void {
  const file = process.env[JOURNEY_REPORT_ENV]
  if (!file) return
  const line = { ...r, ...(r.firstContentMs === undefined ? {} : { firstContentMs: Math.round(r.firstContentMs) }) }
  fs.appendFileSync(file, `${JSON.stringify(line)}\n`)
}

/** The harness's monotonic clock (not the pinned app clock): for time to first content only. */
export const nowMs = (): number => performance.now()

/** ms since `startedAt` (a nowMs() reading, e.g. Taps.firstTapAt), minus time spent in measuring steps. */
export function msSince(startedAt: number | undefined, excludedMs = 0): number | undefined {
  return startedAt === undefined ? undefined : nowMs() - startedAt - excludedMs
}
