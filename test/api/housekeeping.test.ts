// Retention: expired one-time codes, tickets, rate windows and old replay keys are deleted; rows
// still inside their window are kept, so pruning never changes what a rule decides.
import { sql } from 'drizzle-orm'
import type { PgTable } from 'drizzle-orm/pg-core'
import { idempotencyKeys, identityTickets, locks, rateEvents, smsCodes, smsOutbox } from '../../mock/src/db/schema'
import { HOUSEKEEPING_JOB, RETENTION, housekeepingJob, nextHousekeeping, prune, scheduleHousekeeping } from '../../mock/src/housekeeping'
import { pendingJobs } from '../../mock/src/jobs/queue'
import { forEachDatabase, uuid } from './harness'
import { TestClock, login, sendSms } from './identity-helpers'

const clock = new TestClock('2026-11-20T02:00:00.000Z')
const DAY = 24 * 3600 * 1000

forEachDatabase(
  'housekeeping',
  (getEnv) => {
    it('deletes what no rule reads any more and keeps the rest', async () => {
      const env = getEnv()
      const db = env.database.db
      const t0 = clock.now()
      const at = (ms: number) => new Date(t0.getTime() + ms)
      // Real rows made through the API at t0: SMS codes, outbox, rate events, a session.
      await login(env)
      // Hand-made rows around each boundary.
      await db.insert(identityTickets).values([
        { kind: 'x', secretHash: 'a'.repeat(64), expiresAt: at(-RETENTION.identityTickets - 60_000), createdAt: at(-2 * DAY) },
        { kind: 'x', secretHash: 'b'.repeat(64), expiresAt: at(-60_000), createdAt: at(-DAY) },
      ])
      await db.insert(locks).values([
        { key: 'gone', lockedUntil: at(-1000) },
        { key: 'kept', lockedUntil: at(3600_000) },
      ])
      await db.insert(idempotencyKeys).values([
        { key: uuid(), route: 'POST /x', bodyHash: 'h', createdAt: at(-RETENTION.idempotencyKeys - 60_000).toISOString() },
        { key: uuid(), route: 'POST /x', bodyHash: 'h', createdAt: at(-DAY).toISOString() },
      ])
      const n = async (table: PgTable) => (await db.select({ n: sql<number>`count(*)::int` }).from(table))[0].n

      const first = await prune(db, t0)
      expect(first).toMatchObject({ identityTickets: 1, locks: 1, idempotencyKeys: 1 })
      expect(await n(locks)).toBe(1)
      const codes = await n(smsCodes)
      const events = await n(rateEvents)
      const outbox = await n(smsOutbox)
      expect(codes).toBeGreaterThan(0)
      expect(events).toBeGreaterThan(0)
      expect(outbox).toBeGreaterThan(0)
      // The same day: today's codes, events and outbox still count for the limits.
      await sendSms(env, '19912340000')
      const sameDay = await prune(db, at(3600_000))
      expect(sameDay).toMatchObject({ smsCodes: 0, rateEvents: 0, smsOutbox: 0 })

      // Three days later all of it is past every window.
      const later = await prune(db, at(3 * DAY))
      expect(later.smsCodes).toBe(codes + 1)
      expect(later.rateEvents).toBeGreaterThanOrEqual(events)
      expect(later.smsOutbox).toBe(outbox + 1)
      expect(await n(smsCodes)).toBe(0)
      expect(await n(rateEvents)).toBe(0)
      // A second run finds nothing: pruning is idempotent.
      expect(Object.values(await prune(db, at(3 * DAY))).every((v) => v === 0)).toBe(true)
    })

    it('runs once a day: scheduling is idempotent and each run queues the next at 03:00 China time', async () => {
      const db = getEnv().database.db
      const now = new Date('2026-11-20T10:00:00.000Z')
      expect(nextHousekeeping(now).toISOString()).toBe('2026-11-20T19:00:00.000Z')
      expect(nextHousekeeping(new Date('2026-11-20T19:00:00.000Z')).toISOString()).toBe('2026-11-21T19:00:00.000Z')
      await scheduleHousekeeping(db, now)
      await scheduleHousekeeping(db, now)
      expect((await pendingJobs(db, HOUSEKEEPING_JOB)).map((j) => j.singletonKey)).toEqual(['housekeeping:2026-11-20'])
      await db.transaction((tx) => housekeepingJob(tx, {}, now))
      const jobs = await pendingJobs(db, HOUSEKEEPING_JOB)
      expect(jobs.map((j) => [j.singletonKey, j.runAt.toISOString()])).toEqual([
        ['housekeeping:2026-11-20', now.toISOString()],
        // 19:00 UTC is 03:00 the next day in China: that day's run.
        ['housekeeping:2026-11-21', '2026-11-20T19:00:00.000Z'],
      ])
    })
  },
  { seed: { citizens: 5, enterprises: 1 }, clock: clock.now },
)
