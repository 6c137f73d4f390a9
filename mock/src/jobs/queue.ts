// A small Postgres-backed job queue (same SQL on PGlite and PostgreSQL). Jobs are rows; a worker
// claims due rows with `FOR UPDATE SKIP LOCKED`, so several server instances can work the same
// queue without taking a job twice, and each job's own writes commit together with its
// completion (one transaction per job). `singletonKey` makes scheduling idempotent: a booking's
// reminder is scheduled once however often the code asks.
//
// Why not pg-boss: pg-boss 12 (the one that runs on PGlite) needs Node >= 22 features and an
// npm override for a dependency missing from the registry here; this covers what booking needs
// (delayed jobs, retries with backoff, singleton keys, multi-instance safety) in one file.
import { and, eq, inArray, lte, sql } from 'drizzle-orm'
import type { Db, DbOrTx, Tx } from '../db/client'
import { jobs } from '../db/schema'

export interface JobSpec {
  name: string
  data?: Record<string, unknown>
  runAt: Date
  singletonKey?: string
}

export type JobHandler = (tx: Tx, data: Record<string, unknown>, now: Date) => Promise<void>
export type Handlers = Record<string, JobHandler>

export type JobOutcome = 'completed' | 'failed' | 'dead'
const observers = new Set<(name: string, outcome: JobOutcome) => void>()

/** Hear how each job attempt of this process ends (metrics); returns the unsubscribe. */
export function observeJobs(fn: (name: string, outcome: JobOutcome) => void): () => void {
  observers.add(fn)
  return () => observers.delete(fn)
}

function tell(name: string, outcome: JobOutcome): void {
  for (const fn of observers) fn(name, outcome)
}

export const MAX_ATTEMPTS = 5
const BACKOFF_MS = [30_000, 120_000, 600_000, 1_800_000]

/** Schedule a job; with a singletonKey a second schedule of the same key does nothing. */
export async function enqueue(db: DbOrTx, spec: JobSpec, now: Date): Promise<boolean> {
  const rows = await db
    .insert(jobs)
    .values({ name: spec.name, data: spec.data ?? {}, runAt: spec.runAt, singletonKey: spec.singletonKey ?? null, createdAt: now })
    .onConflictDoNothing()
    .returning({ id: jobs.id })
  return rows.length > 0
}

/** Schedule several jobs in one statement (same singleton rule). */
export async function enqueueMany(db: DbOrTx, specs: JobSpec[], now: Date): Promise<void> {
  if (specs.length === 0) return
  await db
    .insert(jobs)
    .values(specs.map((spec) => ({ name: spec.name, data: spec.data ?? {}, runAt: spec.runAt, singletonKey: spec.singletonKey ?? null, createdAt: now })))
    .onConflictDoNothing()
}

/** Drop scheduled (not yet started) jobs by singleton key, e.g. the reminders of a cancelled booking. */
export async function cancelJobs(db: DbOrTx, singletonKeys: string[]): Promise<void> {
  if (singletonKeys.length === 0) return
  await db.delete(jobs).where(and(inArray(jobs.singletonKey, singletonKeys), eq(jobs.state, 'created')))
}

export interface WorkResult {
  completed: number
  failed: number
}

/**
 * Run every job due at `now` (up to `limit`), one transaction each. A failing job is retried
 * later with backoff and marked failed after MAX_ATTEMPTS.
 */
export async function workDue(db: Db, handlers: Handlers, now: Date, limit = 100): Promise<WorkResult> {
  const result: WorkResult = { completed: 0, failed: 0 }
  for (let i = 0; i < limit; i++) {
    let claimed: { id: number; name: string; attempts: number } | undefined
    try {
      const done = await db.transaction(async (tx) => {
        const [job] = await tx
          .select()
          .from(jobs)
          .where(and(eq(jobs.state, 'created'), lte(jobs.runAt, now)))
          .orderBy(jobs.runAt, jobs.id)
          .limit(1)
          .for('update', { skipLocked: true })
        if (!job) return false
        claimed = { id: job.id, name: job.name, attempts: job.attempts }
        const handler = handlers[job.name]
        if (!handler) throw new Error(`no handler for job ${job.name}`)
        await handler(tx, job.data as Record<string, unknown>, now)
        await tx.update(jobs).set({ state: 'completed', completedAt: now, attempts: job.attempts + 1 }).where(eq(jobs.id, job.id))
        return true
      })
      if (!done) break
      result.completed++
      tell(claimed!.name, 'completed')
    } catch (e) {
      if (!claimed) throw e
      const attempts = claimed.attempts + 1
      const dead = attempts >= MAX_ATTEMPTS
      await db
        .update(jobs)
        .set({
          attempts,
          lastError: String((e as Error).message ?? e).slice(0, 500),
          state: dead ? 'failed' : 'created',
          runAt: new Date(now.getTime() + BACKOFF_MS[Math.min(attempts - 1, BACKOFF_MS.length - 1)]),
        })
        .where(eq(jobs.id, claimed.id))
      result.failed++
      tell(claimed.name, dead ? 'dead' : 'failed')
    }
  }
  return result
}

/** Poll the queue every `intervalMs` on the server's clock; returns a stop function. */
export function startWorker(db: Db, handlers: Handlers, now: () => Date, intervalMs = 15_000, onError: (e: unknown) => void = () => undefined): () => Promise<void> {
  let running: Promise<unknown> | null = null
  const tick = () => {
    if (running) return
    running = workDue(db, handlers, now())
      .catch(onError)
      .finally(() => {
        running = null
      })
  }
  const timer = setInterval(tick, intervalMs)
  timer.unref()
  return async () => {
    clearInterval(timer)
    await running
  }
}

/** Jobs waiting, for the day view and tests. */
export async function pendingJobs(db: DbOrTx, name?: string): Promise<Array<typeof jobs.$inferSelect>> {
  return db
    .select()
    .from(jobs)
    .where(name ? and(eq(jobs.state, 'created'), eq(jobs.name, name)) : eq(jobs.state, 'created'))
    .orderBy(jobs.runAt, sql`${jobs.id}`)
}
