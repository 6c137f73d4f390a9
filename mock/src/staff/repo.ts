// Staff accounts: the queries (each takes a DbOrTx: the request's transaction or the pool).
import { and, asc, eq, gt, inArray, isNotNull, isNull, lte, sql } from 'drizzle-orm'
import type { DbOrTx } from '../db/client'
import { accounts, auditLog, credentials, locks, scannerSyncs, staffAccounts } from '../db/schema'
import { LOCKOUT, lockKeyOf as lockoutKey } from '../identity/lockout'

export type StaffRow = typeof staffAccounts.$inferSelect
export type NewStaff = typeof staffAccounts.$inferInsert

export const lockKeyOf = (username: string) => lockoutKey(LOCKOUT.staff, username)

export async function byUsername(db: DbOrTx, username: string): Promise<StaffRow | undefined> {
  const [row] = await db.select().from(staffAccounts).where(eq(staffAccounts.username, username))
  return row
}

export async function byId(db: DbOrTx, id: string, lock = false): Promise<StaffRow | undefined> {
  const q = db.select().from(staffAccounts).where(eq(staffAccounts.id, id))
  const [row] = lock ? await q.for('update') : await q
  return row
}

export async function list(db: DbOrTx): Promise<StaffRow[]> {
  return db.select().from(staffAccounts).orderBy(asc(staffAccounts.username))
}

/** Live sign-in locks of these usernames. */
export async function locksOf(db: DbOrTx, usernames: string[], now: Date): Promise<Map<string, Date>> {
  if (usernames.length === 0) return new Map()
  const rows = await db
    .select()
    .from(locks)
    .where(and(inArray(locks.key, usernames.map(lockKeyOf)), gt(locks.lockedUntil, now)))
  return new Map(rows.map((r) => [r.key.slice(lockKeyOf('').length), r.lockedUntil]))
}

export async function insert(db: DbOrTx, values: NewStaff): Promise<StaffRow | undefined> {
  const [row] = await db.insert(staffAccounts).values(values).onConflictDoNothing().returning()
  return row
}

export async function update(db: DbOrTx, id: string, set: Partial<NewStaff>): Promise<StaffRow | undefined> {
  const [row] = await db.update(staffAccounts).set(set).where(eq(staffAccounts.id, id)).returning()
  return row
}

/** An audit row written outside a request (first sign-in has no session yet). */
export async function insertAudit(db: DbOrTx, entry: typeof auditLog.$inferInsert): Promise<void> {
  await db.insert(auditLog).values(entry)
}

export async function setLastTotpStep(db: DbOrTx, id: string, step: number): Promise<void> {
  await db.update(staffAccounts).set({ lastTotpStep: step }).where(eq(staffAccounts.id, id))
}

export async function clearLock(db: DbOrTx, username: string): Promise<number> {
  const rows = await db.delete(locks).where(eq(locks.key, lockKeyOf(username))).returning({ key: locks.key })
  return rows.length
}

export async function setVillageAgent(db: DbOrTx, phoneHmac: string, enabled: boolean): Promise<string | undefined> {
  const [row] = await db
    .update(accounts)
    .set({ isVillageAgent: enabled })
    .where(and(eq(accounts.phoneHmac, phoneHmac), isNull(accounts.deletedAt)))
    .returning({ id: accounts.id })
  return row?.id
}

export async function recordSync(db: DbOrTx, staffId: string, at: Date): Promise<void> {
  await db
    .insert(scannerSyncs)
    .values({ staffId, syncedAt: at })
    .onConflictDoUpdate({ target: scannerSyncs.staffId, set: { syncedAt: sql`greatest(${scannerSyncs.syncedAt}, excluded.synced_at)` } })
}

export async function lastSync(db: DbOrTx, staffId: string): Promise<Date | undefined> {
  const [row] = await db.select().from(scannerSyncs).where(eq(scannerSyncs.staffId, staffId))
  return row?.syncedAt
}

/** Credentials revoked by `now` (the list offline verifiers cache). */
export async function revokedBy(db: DbOrTx, now: Date): Promise<Array<{ cid: string; revokedAt: Date }>> {
  const rows = await db
    .select({ cid: credentials.cid, revokedAt: credentials.revokedAt })
    .from(credentials)
    .where(and(isNotNull(credentials.revokedAt), lte(credentials.revokedAt, now)))
    .orderBy(credentials.revokedAt)
  return rows.map((r) => ({ cid: r.cid, revokedAt: r.revokedAt! }))
}
