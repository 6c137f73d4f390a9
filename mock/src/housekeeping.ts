// Retention: rows that only matter for a while (replay protection, one-time codes, rate windows)
// are deleted once no rule can read them any more, so the tables stay small and nothing personal
// lingers. Runs as a daily job on the job queue (its worker: jobs/plugin.ts).
import { and, isNotNull, lt, or } from 'drizzle-orm'
import type { DbOrTx } from './db/client'
import { idempotencyKeys, identityTickets, locks, rateEvents, refreshTokens, smsCodes, smsOutbox } from './db/schema'
import { enqueue } from './jobs/queue'
import { chinaDate } from './dates'

const HOUR = 3600 * 1000
const DAY = 24 * HOUR

/**
 * How long each kind of row is kept after it stops mattering. Idempotency keys: a mini-program's
 * offline outbox may retry days later and must still get the first answer back.
 */
export const RETENTION = {
  idempotencyKeys: 7 * DAY,
  /** After expiry: a late wrong guess still finds the code and counts as a failure, not "no code". */
  smsCodes: DAY,
  identityTickets: DAY,
  /** Longest window read is "today" (China time) for daily limits: two days is always past it. */
  rateEvents: 2 * DAY,
  /** After expiry: reuse of an expired refresh token is still recognised as reuse for a day. */
  refreshTokens: DAY,
  /** Development outbox of the stand-in SMS gateway. */
  smsOutbox: DAY,
} as const

export type PruneCounts = Record<keyof typeof RETENTION | 'locks', number>

export async function prune(db: DbOrTx, now: Date): Promise<PruneCounts> {
  const before = (ms: number) => new Date(now.getTime() - ms)
  const count = async (q: Promise<unknown[]>) => (await q).length
  return {
    idempotencyKeys: await count(
      db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, before(RETENTION.idempotencyKeys).toISOString())).returning({ k: idempotencyKeys.key }),
    ),
    smsCodes: await count(db.delete(smsCodes).where(lt(smsCodes.expiresAt, before(RETENTION.smsCodes))).returning({ id: smsCodes.id })),
    identityTickets: await count(
      db
        .delete(identityTickets)
        .where(or(lt(identityTickets.expiresAt, before(RETENTION.identityTickets)), and(isNotNull(identityTickets.usedAt), lt(identityTickets.usedAt, before(RETENTION.identityTickets)))))
        .returning({ id: identityTickets.id }),
    ),
    rateEvents: await count(db.delete(rateEvents).where(lt(rateEvents.at, before(RETENTION.rateEvents))).returning({ id: rateEvents.id })),
    refreshTokens: await count(db.delete(refreshTokens).where(lt(refreshTokens.expiresAt, before(RETENTION.refreshTokens))).returning({ id: refreshTokens.id })),
    smsOutbox: await count(db.delete(smsOutbox).where(lt(smsOutbox.createdAt, before(RETENTION.smsOutbox))).returning({ id: smsOutbox.id })),
    locks: await count(db.delete(locks).where(lt(locks.lockedUntil, now)).returning({ k: locks.key })),
  }
}

export const HOUSEKEEPING_JOB = 'housekeeping'
/** 03:00 China time (19:00 UTC): the quietest hour. */
const RUN_HOUR_UTC = 19

/** The next daily run after `now`. */
export function nextHousekeeping(now: Date): Date {
  const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), RUN_HOUR_UTC))
  if (next <= now) next.setUTCDate(next.getUTCDate() + 1)
  return next
}

/** One run per China calendar day (UTC+8, no daylight saving). */
const dayKey = (d: Date) => `${HOUSEKEEPING_JOB}:${chinaDate(d)}`

/** Queue today's run at start-up; the singleton key makes it once a day however many instances start. */
export async function scheduleHousekeeping(db: DbOrTx, now: Date): Promise<void> {
  await enqueue(db, { name: HOUSEKEEPING_JOB, runAt: now, singletonKey: dayKey(now) }, now)
}

/** The job: prune, then queue tomorrow's run (in the same transaction). */
export async function housekeepingJob(tx: DbOrTx, _data: Record<string, unknown>, now: Date): Promise<void> {
  await prune(tx, now)
  const next = nextHousekeeping(now)
  await enqueue(tx, { name: HOUSEKEEPING_JOB, runAt: next, singletonKey: dayKey(next) }, now)
}
