// The job queue, on pg-boss 10 (the last major that declares Node 20). pg-boss owns the schema
// (`pgboss.*`, installed and migrated by `installQueue` after the drizzle migrations), the insert
// (singleton keys, retry settings), the claim (`FOR UPDATE SKIP LOCKED`, so several instances
// never take a job twice), completion and failure (retry with exponential backoff and jitter,
// `failed` after the last attempt). What this file adds, and why:
//
// - An adapter (`bossDb`): pg-boss talks to a `db.executeSql(text, values)`; it runs on the
//   driver client under a Drizzle handle, so on PGlite (one statement with params via `query`,
//   several without via `exec`) as on a `pg` pool, and inside the caller's transaction: a
//   booking's jobs commit with the booking.
// - Our own poll loop (`workDue`) instead of `boss.work()`: each job is fetched, run and
//   completed in ONE transaction on the same connection (the handler in a savepoint), so its
//   writes commit together with its completion, a crash leaves it waiting, and a failure is
//   recorded with the claim. pg-boss's worker completes in a statement of its own.
// - The app clock: pg-boss compares with the database's `now()`, but due dates here follow
//   `services.now` (DEV_CLOCK_AT, POST /api/dev/clock, tests' pinned clocks). Statements that
//   claim, complete or fail run with `now()` replaced by the app's instant (a parameter), so a
//   job is due when `start_after <= app now`, and a retry waits its backoff on the app clock.
//   start_after is stored as app time: moving the dev clock needs no shifting of rows.
// - Singleton keys: pg-boss 10 dedupes only per state (queue policies) or per time slot; the
//   old rule was "once, whatever happened since". A unique index on (name, singleton_key) over
//   pg-boss's job table keeps it; its `ON CONFLICT DO NOTHING` inserts then skip duplicates.
// - No pg-boss maintenance (`supervise: false`): it would expire and archive by the database
//   clock, and an archived job's key could be scheduled again. Nothing is left `active` (the
//   claim commits only with the completion), so there is nothing to expire; finished rows stay,
//   as they did before.
import { sql, type SQL } from 'drizzle-orm'
import PgBoss from 'pg-boss'
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

export const BOSS_SCHEMA = 'pgboss'
export const MAX_ATTEMPTS = 5
/** pg-boss backoff: retry n (1-based) waits RETRY_DELAY_S * 2^(n-1) to twice that: 30-60 s, 1-2 min, 2-4 min, 4-8 min. */
const RETRY = { retryLimit: MAX_ATTEMPTS - 1, retryDelay: 30, retryBackoff: true } as const
/** The queues the app uses, created at install (booking's one-statement insert needs them to exist). */
export const APP_QUEUES = ['booking.no_show', 'booking.remind', 'housekeeping', 'notify.push'] as const

/** A node-postgres Pool/PoolClient or a PGlite instance/transaction: what a Drizzle handle runs on. */
interface DriverClient {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>
  exec?: (text: string) => Promise<Array<{ rows: unknown[] }>>
}

function clientOf(handle: DbOrTx): DriverClient {
  // Drizzle keeps the driver client on its session (a transaction's is the connection it holds).
  return (handle as unknown as { session: { client: DriverClient } }).session.client
}

export interface BossDb extends PgBoss.Db {
  /** The last error a statement raised (pg-boss's fetch swallows errors; we do not). */
  error?: unknown
}

/**
 * pg-boss's `db` over a Drizzle handle. With `now`, every `now()` in pg-boss's statements is the
 * app's instant instead of the database's, and a job is due at `start_after <= now` (pg-boss: `<`).
 */
export function bossDb(handle: DbOrTx, now?: Date): BossDb {
  const client = clientOf(handle)
  const adapter: BossDb = {
    async executeSql(text: string, values: unknown[] = []) {
      let params = values
      if (now && text.includes('now()')) {
        const p = `$${values.length + 1}::timestamptz`
        text = text.replaceAll('start_after < now()', 'start_after <= now()').replaceAll('now()', p)
        params = [...values, now.toISOString()]
      }
      try {
        // PGlite's query() takes one statement; pg-boss's install is several, without params.
        if (params.length === 0 && client.exec) {
          const results = await client.exec(text)
          return results[results.length - 1] ?? { rows: [] }
        }
        return await client.query(text, params)
      } catch (e) {
        adapter.error = e
        throw e
      }
    },
  }
  return adapter
}

const refused: PgBoss.Db = {
  executeSql: () => Promise.reject(new Error('pg-boss calls here must pass { db: bossDb(handle) }')),
}

/** One pg-boss for its statements and settings; every call names the handle it runs on. */
const boss = new PgBoss({ db: refused, schema: BOSS_SCHEMA, supervise: false, schedule: false, migrate: true, ...RETRY })

const queueOptions = JSON.stringify({ policy: 'standard', ...RETRY })

/**
 * Install or migrate pg-boss's schema and what this app adds to it (the singleton index, the app's
 * queues, the `jobs` view), and move the rows of the old `jobs` table over. Idempotent; run after
 * the drizzle migrations, on the connection that holds the migration lock.
 */
export async function installQueue(db: Db): Promise<void> {
  const installer = new PgBoss({ db: bossDb(db), schema: BOSS_SCHEMA, supervise: false, schedule: false, migrate: true })
  await installer.start()
  const run = (text: string, values?: unknown[]) => bossDb(db).executeSql(text, values ?? [])
  await run(`CREATE UNIQUE INDEX IF NOT EXISTS job_singleton ON ${BOSS_SCHEMA}.job (name, singleton_key)`)
  for (const name of APP_QUEUES) await run(`SELECT ${BOSS_SCHEMA}.create_queue($1, $2::json)`, [name, queueOptions])
  await run(`
    CREATE OR REPLACE VIEW jobs AS
    SELECT id, name, data, start_after AS run_at, singleton_key,
      CASE WHEN state IN ('created', 'retry') THEN 'created' ELSE state::text END AS state,
      retry_count + CASE WHEN started_on IS NULL THEN 0 ELSE 1 END AS attempts,
      output->>'message' AS last_error, created_on AS created_at, completed_on AS completed_at
    FROM ${BOSS_SCHEMA}.job`)
  const legacy = await run(`SELECT to_regclass('public.jobs_legacy') IS NOT NULL AS present`)
  if ((legacy.rows[0] as { present: boolean }).present) {
    await run(`SELECT ${BOSS_SCHEMA}.create_queue(n, $1::json) FROM (SELECT DISTINCT name AS n FROM jobs_legacy) q`, [queueOptions])
    await run(`
      INSERT INTO ${BOSS_SCHEMA}.job (name, data, state, retry_limit, retry_count, retry_delay, retry_backoff, start_after, started_on,
        singleton_key, created_on, completed_on, keep_until, output, policy)
      SELECT name, data, (CASE WHEN state = 'active' THEN 'created' ELSE state END)::${BOSS_SCHEMA}.job_state,
        ${RETRY.retryLimit}, greatest(attempts - 1, 0), ${RETRY.retryDelay}, true, run_at,
        CASE WHEN attempts > 0 THEN coalesce(completed_at, run_at) END, singleton_key, created_at, completed_at,
        run_at + interval '14 days', CASE WHEN last_error IS NOT NULL THEN jsonb_build_object('message', last_error) END, 'standard'
      FROM jobs_legacy
      ON CONFLICT DO NOTHING`)
    await run('DROP TABLE jobs_legacy')
  }
}

/** Create the queues (pg-boss partitions) a schedule needs, in the caller's transaction. */
async function ensureQueues(db: DbOrTx, names: string[]): Promise<void> {
  const missing = [...new Set(names)].filter((n) => !(APP_QUEUES as readonly string[]).includes(n))
  if (missing.length === 0) return
  await bossDb(db).executeSql(
    `SELECT ${BOSS_SCHEMA}.create_queue(n, $2::json) FROM unnest($1::text[]) AS n WHERE NOT EXISTS (SELECT 1 FROM ${BOSS_SCHEMA}.queue q WHERE q.name = n)`,
    [missing, queueOptions],
  )
}

/** Schedule a job; with a singletonKey a second schedule of the same key does nothing. */
export async function enqueue(db: DbOrTx, spec: JobSpec, now: Date): Promise<boolean> {
  await ensureQueues(db, [spec.name])
  const id = await boss.send(spec.name, spec.data ?? {}, { startAfter: spec.runAt, singletonKey: spec.singletonKey, db: bossDb(db, now) })
  return id !== null
}

/** Schedule several jobs in one statement (same singleton rule). */
export async function enqueueMany(db: DbOrTx, specs: JobSpec[], now: Date): Promise<void> {
  if (specs.length === 0) return
  await ensureQueues(
    db,
    specs.map((s) => s.name),
  )
  await boss.insert(
    specs.map((s) => ({ name: s.name, data: s.data ?? {}, startAfter: s.runAt.toISOString(), singletonKey: s.singletonKey })),
    { db: bossDb(db, now) },
  )
}

/**
 * The same insert as SQL for a caller's own statement, gated on `from` (a CTE's row): booking
 * writes the booking and its jobs in one statement. Only for APP_QUEUES (they exist already).
 */
export function insertJobsSql(specs: JobSpec[], now: Date, from: SQL): SQL {
  const values = specs.map((j) => sql`(${j.name}, ${JSON.stringify(j.data ?? {})}::jsonb, ${j.runAt.toISOString()}::timestamptz, ${j.singletonKey ?? null})`)
  return sql`
    insert into ${sql.raw(BOSS_SCHEMA)}.job (name, data, start_after, singleton_key, created_on, keep_until, retry_limit, retry_delay, retry_backoff, policy)
    select v.name, v.data, v.start_after, v.singleton_key, ${now.toISOString()}::timestamptz, v.start_after + interval '14 days',
      ${RETRY.retryLimit}::int, ${RETRY.retryDelay}::int, ${RETRY.retryBackoff}, 'standard'
    from ${from}, (values ${sql.join(values, sql`, `)}) as v(name, data, start_after, singleton_key)
    on conflict do nothing`
}

/** Drop scheduled (not yet started) jobs by singleton key, e.g. the reminders of a cancelled booking. */
export async function cancelJobs(db: DbOrTx, singletonKeys: string[]): Promise<void> {
  if (singletonKeys.length === 0) return
  // Deleted, not pg-boss-cancelled: a rescheduled booking schedules the same keys again.
  await bossDb(db).executeSql(`DELETE FROM ${BOSS_SCHEMA}.job WHERE singleton_key = ANY($1::text[]) AND state < 'active'`, [singletonKeys])
}

export interface WorkResult {
  completed: number
  failed: number
}

export interface WorkOptions {
  limit?: number
  /** Asked between jobs: true stops the round (graceful shutdown). */
  stopping?: () => boolean
}

/**
 * Claim, run and complete the next due job in one transaction; undefined when none is due.
 * pg-boss fetches per queue, oldest first; the queues are tried in the order of their earliest due
 * job, so jobs still run in due order across names (a booking's reminders before its no-show
 * check). A queue whose due jobs are all claimed by other workers yields none: the next is tried.
 */
async function workOne(db: Db, handlers: Handlers, now: Date): Promise<{ name: string; outcome: JobOutcome } | undefined> {
  return db.transaction(async (tx) => {
    const at = bossDb(tx, now)
    const due = await at.executeSql(
      `SELECT name FROM ${BOSS_SCHEMA}.job WHERE name = ANY($1::text[]) AND state < 'active' AND start_after <= now() GROUP BY name ORDER BY min(start_after)`,
      [Object.keys(handlers)],
    )
    for (const { name } of due.rows as Array<{ name: string }>) {
      const [job] = await boss.fetch<Record<string, unknown>>(name, { batchSize: 1, db: at })
      if (at.error) throw at.error
      if (!job) continue
      try {
        // A savepoint: a failing handler's writes are undone, the claim and the failure stay.
        await tx.transaction((sp) => handlers[name](sp, job.data ?? {}, now))
      } catch (e) {
        const err = e instanceof Error ? e : new Error(String(e))
        await boss.fail(name, job.id, err, { db: at })
        const r = await at.executeSql(`SELECT state::text AS state FROM ${BOSS_SCHEMA}.job WHERE name = $1 AND id = $2`, [name, job.id])
        return { name, outcome: (r.rows[0] as { state: string } | undefined)?.state === 'failed' ? 'dead' : 'failed' }
      }
      await boss.complete(name, job.id, {}, { db: at })
      return { name, outcome: 'completed' }
    }
    return undefined
  })
}

/**
 * Run every job due at `now` (up to `limit`), one transaction each. A failing job is retried
 * later with backoff and marked failed after MAX_ATTEMPTS.
 */
export async function workDue(db: Db, handlers: Handlers, now: Date, options: WorkOptions | number = {}): Promise<WorkResult> {
  const { limit = 100, stopping = () => false } = typeof options === 'number' ? { limit: options } : options
  const result: WorkResult = { completed: 0, failed: 0 }
  for (let i = 0; i < limit && !stopping(); i++) {
    const ran = await workOne(db, handlers, now)
    if (!ran) break
    if (ran.outcome === 'completed') result.completed++
    else result.failed++
    tell(ran.name, ran.outcome)
  }
  return result
}

/** Poll the queue every `intervalMs` on the server's clock; the stop function ends the round after the running job. */
export function startWorker(db: Db, handlers: Handlers, now: () => Date, intervalMs = 15_000, onError: (e: unknown) => void = () => undefined): () => Promise<void> {
  let running: Promise<unknown> | null = null
  let stopped = false
  const tick = () => {
    if (running || stopped) return
    running = workDue(db, handlers, now(), { stopping: () => stopped })
      .catch(onError)
      .finally(() => {
        running = null
      })
  }
  const timer = setInterval(tick, intervalMs)
  timer.unref()
  return async () => {
    stopped = true
    clearInterval(timer)
    await running
  }
}

/** Jobs waiting, for the day view and tests. */
export async function pendingJobs(db: DbOrTx, name?: string): Promise<Array<typeof jobs.$inferSelect>> {
  return db
    .select()
    .from(jobs)
    .where(name ? sql`${jobs.state} = 'created' and ${jobs.name} = ${name}` : sql`${jobs.state} = 'created'`)
    .orderBy(jobs.runAt, jobs.id)
}
