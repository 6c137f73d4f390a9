// Limits that hold across several server instances: every check-and-record for one key runs in
// the request's transaction under a transaction-scoped advisory lock on that key, so two
// instances (or two requests) can never both see "one left" and both take it.
import { and, count, eq, gt, gte, lt, lte, min, sql } from 'drizzle-orm'
import type { DbOrTx } from '../db/client'
import { locks, rateEvents } from '../db/schema'

export const MINUTE = 60_000
export const HOUR = 60 * MINUTE
export const DAY = 24 * HOUR

/** Serialise everything about `key` until the transaction ends. */
export async function lockKey(db: DbOrTx, key: string): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`)
}

/** Events of `key` after `since` (or at it, when `inclusive`), and the oldest of them. */
export async function countEvents(db: DbOrTx, key: string, since: Date, inclusive = false): Promise<{ n: number; oldest: Date | null }> {
  const [row] = await db
    .select({ n: count(), oldest: min(rateEvents.at) })
    .from(rateEvents)
    .where(and(eq(rateEvents.key, key), inclusive ? gte(rateEvents.at, since) : gt(rateEvents.at, since)))
  return { n: Number(row?.n ?? 0), oldest: row?.oldest ? new Date(row.oldest) : null }
}

/** Events older than this no longer count for any limit (the longest window is a day). */
const EVENT_RETENTION = 2 * DAY

export async function recordEvent(db: DbOrTx, key: string, at: Date): Promise<void> {
  await db.insert(rateEvents).values({ key, at })
  // Housekeeping on the way: this key's expired events (cheap on the (key, at) index).
  await db.delete(rateEvents).where(and(eq(rateEvents.key, key), lt(rateEvents.at, new Date(at.getTime() - EVENT_RETENTION))))
}

/**
 * Sliding window: when fewer than `limit` events happened in the last `windowMs`, nothing is
 * returned (the caller records its event); otherwise the seconds until one expires.
 */
export async function slidingLimit(db: DbOrTx, key: string, limit: number, windowMs: number, now: Date): Promise<number | undefined> {
  const { n, oldest } = await countEvents(db, key, new Date(now.getTime() - windowMs))
  if (n < limit) return undefined
  return Math.max(1, Math.ceil(((oldest ?? now).getTime() + windowMs - now.getTime()) / 1000))
}

export async function lockedUntil(db: DbOrTx, key: string, now: Date): Promise<Date | undefined> {
  const [row] = await db.select().from(locks).where(and(eq(locks.key, key), gt(locks.lockedUntil, now)))
  return row ? new Date(row.lockedUntil) : undefined
}

export async function setLock(db: DbOrTx, key: string, until: Date): Promise<void> {
  await db.insert(locks).values({ key, lockedUntil: until }).onConflictDoUpdate({ target: locks.key, set: { lockedUntil: until } })
}

/** Housekeeping helper (tests, jobs): events older than `before` no longer count anywhere. */
export async function pruneEvents(db: DbOrTx, before: Date): Promise<void> {
  await db.delete(rateEvents).where(lte(rateEvents.at, before))
}
