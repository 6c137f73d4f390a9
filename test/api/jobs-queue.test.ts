// The job queue on pg-boss (mock/src/jobs/queue.ts), on both databases: singleton keys, retries
// with backoff on the app clock, a job's writes committed with its completion, each job run once
// by concurrent workers, due dates that follow the app clock rather than the database's, and the
// move of the old `jobs` table's rows.
import { sql } from 'drizzle-orm'
import type { Db } from '../../mock/src/db/client'
import { cancelJobs, enqueue, enqueueMany, installQueue, MAX_ATTEMPTS, pendingJobs, startWorker, workDue } from '../../mock/src/jobs/queue'
import { forEachDatabase } from './harness'

const MIN = 60_000
const T0 = new Date('2026-11-23T01:00:00.000Z')
const at = (ms: number) => new Date(T0.getTime() + ms)

async function rows<T>(db: Db, q: ReturnType<typeof sql>): Promise<T[]> {
  const r = await db.execute(q)
  return (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows) as T[]
}

forEachDatabase('job queue on pg-boss', (getEnv) => {
  const db = () => getEnv().database.db

  beforeAll(async () => {
    await db().execute(sql`create table job_probe (k text primary key)`)
  })

  it('schedules a singleton key once, before and after it ran; a cancelled key can be scheduled again', async () => {
    const spec = { name: 'test.single', data: { n: 1 }, runAt: T0, singletonKey: 'single:1' }
    expect(await enqueue(db(), spec, T0)).toBe(true)
    expect(await enqueue(db(), spec, T0)).toBe(false)
    await enqueueMany(db(), [spec, { ...spec, singletonKey: 'single:2' }], T0)
    expect((await pendingJobs(db(), 'test.single')).map((j) => j.singletonKey).sort()).toEqual(['single:1', 'single:2'])
    expect(await workDue(db(), { 'test.single': async () => undefined }, T0)).toEqual({ completed: 2, failed: 0 })
    expect(await enqueue(db(), spec, at(MIN))).toBe(false)
    expect(await pendingJobs(db(), 'test.single')).toEqual([])

    await enqueue(db(), { ...spec, singletonKey: 'single:3', runAt: at(60 * MIN) }, T0)
    await cancelJobs(db(), ['single:3'])
    expect(await pendingJobs(db(), 'test.single')).toEqual([])
    expect(await enqueue(db(), { ...spec, singletonKey: 'single:3', runAt: at(60 * MIN) }, T0)).toBe(true)
  })

  it('commits a job\'s writes with its completion; a failure undoes them and retries with backoff on the app clock, then gives up', async () => {
    let calls = 0
    const handlers = {
      'test.flaky': async (tx: Parameters<Parameters<Db['transaction']>[0]>[0], data: Record<string, unknown>) => {
        calls++
        await tx.execute(sql`insert into job_probe (k) values (${`${data.k}:${calls}`})`)
        if (calls < 3) throw new Error(`refused ${calls}`)
      },
      'test.dead': async (tx: Parameters<Parameters<Db['transaction']>[0]>[0]) => {
        await tx.execute(sql`insert into job_probe (k) values ('dead')`)
        throw new Error('never works')
      },
    }
    await enqueue(db(), { name: 'test.flaky', data: { k: 'flaky' }, runAt: T0, singletonKey: 'flaky' }, T0)
    expect(await workDue(db(), handlers, T0)).toEqual({ completed: 0, failed: 1 })
    const [after1] = await pendingJobs(db(), 'test.flaky')
    expect(after1).toMatchObject({ attempts: 1, lastError: 'refused 1', state: 'created' })
    // pg-boss's backoff: the first retry waits 30-60 s, counted from the app's instant.
    // start_after has microseconds (the jitter); the app clock has milliseconds.
    const due = (d: Date) => new Date(d.getTime() + 1)
    const wait1 = after1.runAt.getTime() - T0.getTime()
    expect(wait1).toBeGreaterThanOrEqual(30_000)
    expect(wait1).toBeLessThanOrEqual(60_000)
    expect(await workDue(db(), handlers, at(29_000))).toEqual({ completed: 0, failed: 0 })
    expect(await workDue(db(), handlers, due(after1.runAt))).toEqual({ completed: 0, failed: 1 })
    const [after2] = await pendingJobs(db(), 'test.flaky')
    const wait2 = after2.runAt.getTime() - after1.runAt.getTime()
    expect(wait2).toBeGreaterThanOrEqual(60_000)
    expect(wait2).toBeLessThanOrEqual(120_000)
    expect(await workDue(db(), handlers, due(after2.runAt))).toEqual({ completed: 1, failed: 0 })
    // Only the successful run's write is there: the failed ones were rolled back.
    expect((await rows<{ k: string }>(db(), sql`select k from job_probe where k like 'flaky:%' order by k`)).map((r) => r.k)).toEqual(['flaky:3'])
    const [done] = await rows<{ state: string; attempts: number }>(db(), sql`select state, attempts from jobs where singleton_key = 'flaky'`)
    expect(done).toEqual({ state: 'completed', attempts: 3 })

    await enqueue(db(), { name: 'test.dead', runAt: T0, singletonKey: 'dead' }, T0)
    let now = T0
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      expect(await workDue(db(), handlers, now)).toEqual({ completed: 0, failed: 1 })
      const [j] = await rows<{ state: string; run_at: string | Date }>(db(), sql`select state, run_at from jobs where singleton_key = 'dead'`)
      now = due(new Date(j.run_at))
      if (i < MAX_ATTEMPTS - 1) expect(j.state).toBe('created')
      else expect(j.state).toBe('failed')
    }
    expect(await workDue(db(), handlers, at(365 * 24 * 60 * MIN))).toEqual({ completed: 0, failed: 0 })
    expect(await rows(db(), sql`select k from job_probe where k = 'dead'`)).toEqual([])
    const [dead] = await rows<{ attempts: number; last_error: string }>(db(), sql`select attempts, last_error from jobs where singleton_key = 'dead'`)
    expect(dead).toEqual({ attempts: MAX_ATTEMPTS, last_error: 'never works' })
  })

  it('is due by the app clock, not the database clock, and runs each job once under three concurrent workers', async () => {
    // Years ahead of the database's now(): still due when the app clock says so.
    const future = new Date('2031-05-01T00:00:00.000Z')
    await enqueue(db(), { name: 'test.future', runAt: future, singletonKey: 'future' }, future)
    let ran = 0
    const future1 = { 'test.future': async () => void ran++ }
    expect(await workDue(db(), future1, new Date(future.getTime() - 1))).toEqual({ completed: 0, failed: 0 })
    expect(await workDue(db(), future1, future)).toEqual({ completed: 1, failed: 0 })
    expect(ran).toBe(1)

    const N = 60
    await enqueueMany(
      db(),
      Array.from({ length: N }, (_, i) => ({ name: 'test.once', data: { i }, runAt: T0, singletonKey: `once:${i}` })),
      T0,
    )
    const seen: number[] = []
    const handlers = {
      'test.once': async (tx: Parameters<Parameters<Db['transaction']>[0]>[0], data: Record<string, unknown>) => {
        await tx.execute(sql`insert into job_probe (k) values (${`once:${data.i}`})`)
        seen.push(Number(data.i))
      },
    }
    const results = await Promise.all([0, 1, 2].map(() => workDue(db(), handlers, T0)))
    expect(results.reduce((n, r) => n + r.completed, 0)).toBe(N)
    expect(new Set(seen).size).toBe(N)
    expect(seen).toHaveLength(N)
    expect(await rows(db(), sql`select k from job_probe where k like 'once:%'`)).toHaveLength(N)
  })

  it('runs due jobs in due order across queues, whatever the order of the handlers', async () => {
    const order: string[] = []
    await enqueue(db(), { name: 'test.later', runAt: at(2 * MIN), singletonKey: 'order:later' }, T0)
    await enqueue(db(), { name: 'test.sooner', runAt: at(MIN), singletonKey: 'order:sooner' }, T0)
    const handlers = { 'test.later': async () => void order.push('later'), 'test.sooner': async () => void order.push('sooner') }
    expect(await workDue(db(), handlers, at(3 * MIN))).toEqual({ completed: 2, failed: 0 })
    expect(order).toEqual(['sooner', 'later'])
  })

  it('stops gracefully: no job is fetched after stop, the running one finishes and commits', async () => {
    await enqueueMany(
      db(),
      [1, 2, 3].map((i) => ({ name: 'test.stop', data: { i }, runAt: T0, singletonKey: `stop:${i}` })),
      T0,
    )
    let started!: () => void
    const running = new Promise<void>((resolve) => (started = resolve))
    let release!: () => void
    const gate = new Promise<void>((resolve) => (release = resolve))
    const handlers = {
      'test.stop': async (tx: Parameters<Parameters<Db['transaction']>[0]>[0], data: Record<string, unknown>) => {
        started()
        await gate
        await tx.execute(sql`insert into job_probe (k) values (${`stop:${data.i}`})`)
      },
    }
    const stop = startWorker(db(), handlers, () => T0, 20)
    await running
    const stopped = stop()
    release()
    await stopped
    expect(await rows(db(), sql`select k from job_probe where k like 'stop:%'`)).toHaveLength(1)
    expect(await pendingJobs(db(), 'test.stop')).toHaveLength(2)
  })

  it('moves the rows of the old jobs table into pg-boss, keeping their singleton keys', async () => {
    await db().execute(sql`create table jobs_legacy (id bigserial primary key, name text not null, data jsonb not null default '{}', run_at timestamptz not null,
      singleton_key text, state text not null default 'created', attempts integer not null default 0, last_error text, created_at timestamptz not null,
      locked_until timestamptz, completed_at timestamptz)`)
    await db().execute(sql`insert into jobs_legacy (name, data, run_at, singleton_key, state, attempts, created_at, completed_at) values
      ('test.legacy', '{"a":1}', ${T0.toISOString()}::timestamptz, 'legacy:1', 'created', 0, ${T0.toISOString()}::timestamptz, null),
      ('test.legacy', '{"a":2}', ${T0.toISOString()}::timestamptz, 'legacy:2', 'completed', 1, ${T0.toISOString()}::timestamptz, ${T0.toISOString()}::timestamptz)`)
    await installQueue(db())
    expect(await rows(db(), sql`select to_regclass('public.jobs_legacy') as t`)).toEqual([{ t: null }])
    expect((await pendingJobs(db(), 'test.legacy')).map((j) => [j.singletonKey, j.data])).toEqual([['legacy:1', { a: 1 }]])
    expect(await enqueue(db(), { name: 'test.legacy', runAt: T0, singletonKey: 'legacy:2' }, T0)).toBe(false)
    expect(await workDue(db(), { 'test.legacy': async () => undefined }, T0)).toEqual({ completed: 1, failed: 0 })
  })
})
