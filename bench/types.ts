// The contract between bench/run.ts and each `bench/<area>.bench.ts` file (see bench/README.md).
import type { BrowserSession, LaunchOptions } from '../test/support/browser'
import type { RunningServer } from '../test/support/server'

/** One measured number. `budget` is the goal it is checked against (absolute, in `unit`). */
export interface Row {
  name: string
  value: number
  unit: string
  /** What the value is compared with, measured in the same run (e.g. a bare Fastify route). */
  baseline?: { name: string; value: number }
  budget?: { op: '<=' | '>='; value: number }
  /** One short line for the report: how it was measured, or why a budget is what it is. */
  note?: string
}

export interface BareServer {
  url: string
  stop(): Promise<void>
}

export interface BenchContext {
  /** Repository root. */
  root: string
  /**
   * The product as `npm start` runs it (build-if-stale, migrate, seed, serve), started on first
   * call and shared by every bench file in the run; stopped by the runner at the end.
   */
  server(): Promise<RunningServer>
  /** Absolute URL on the shared server: `await ctx.url('/api/catalog/index')`. */
  url(pathname: string): Promise<string>
  /**
   * Stops the shared server if an earlier area started it (the next `server()` starts a fresh one):
   * for an area whose own servers need the checkout's h5 build lock the shared one holds.
   */
  releaseServer(): Promise<void>
  /** Debian's Chromium (test/support/browser.ts); the caller closes it. */
  launchBrowser(opts?: LaunchOptions): Promise<BrowserSession>
  /**
   * A bare Fastify 5 app (`GET /` → small JSON) in its own Node process, for same-run baselines;
   * with `answersFile`, also `GET /answer/:i` replaying recorded answers (bench/support/bare-fastify.ts).
   */
  bareFastify(opts?: { answersFile?: string }): Promise<BareServer>
  /** A fresh temporary directory outside the repository, removed after the run. */
  tmpDir(prefix: string): string
  log(line: string): void
}

export type BenchFn = (ctx: BenchContext) => Promise<Row[]>

/** A budget met? (value op budget) */
export function meets(row: Row): boolean | undefined {
  if (!row.budget) return undefined
  return row.budget.op === '<=' ? row.value <= row.budget.value : row.value >= row.budget.value
}

/** Percentile by nearest rank (p in 0..100) of unsorted samples. */
export function percentile(samples: number[], p: number): number {
  if (!samples.length) return NaN
  const sorted = [...samples].sort((a, b) => a - b)
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)))
  return sorted[rank - 1]
}

export const round = (n: number, digits = 1): number => Math.round(n * 10 ** digits) / 10 ** digits
