// Acting for others: the queries (each takes a DbOrTx: the request's transaction or the pool).
import { and, desc, eq, inArray, isNull, or } from 'drizzle-orm'
import type { DbOrTx } from '../db/client'
import { accounts, auditLog, authSessions, citizens, enterpriseOperators, enterprises, mandates } from '../db/schema'

export type MandateRow = typeof mandates.$inferSelect
type ActingKind = 'self' | 'enterprise' | 'proxy'

export async function mandate(db: DbOrTx, mandateId: string): Promise<MandateRow | undefined> {
  const [m] = await db.select().from(mandates).where(eq(mandates.id, mandateId))
  return m
}

/** A mandate the account gave or received. */
export async function mandateOf(db: DbOrTx, accountId: string, mandateId: string): Promise<MandateRow | undefined> {
  const [m] = await db
    .select()
    .from(mandates)
    .where(and(eq(mandates.id, mandateId), or(eq(mandates.grantorId, accountId), eq(mandates.granteeId, accountId))))
  return m
}

/** Mandates the account gave and received, newest first. */
export async function mandatesOf(db: DbOrTx, accountId: string): Promise<MandateRow[]> {
  return db
    .select()
    .from(mandates)
    .where(or(eq(mandates.grantorId, accountId), eq(mandates.granteeId, accountId)))
    .orderBy(desc(mandates.createdAt))
}

export async function insertMandate(db: DbOrTx, v: typeof mandates.$inferInsert): Promise<string> {
  const [m] = await db.insert(mandates).values(v).returning({ id: mandates.id })
  return m.id
}

/** Revokes the mandate; sessions acting under it drop back to self (the auth hook would on their next request). */
export async function revokeMandate(db: DbOrTx, mandateId: string, now: Date): Promise<void> {
  await db.update(mandates).set({ revokedAt: now }).where(and(eq(mandates.id, mandateId), isNull(mandates.revokedAt)))
  await db.update(authSessions).set({ actingKind: 'self', actingId: null }).where(and(eq(authSessions.actingKind, 'proxy'), eq(authSessions.actingId, mandateId)))
}

export async function enterpriseName(db: DbOrTx, enterpriseId: string): Promise<string | undefined> {
  const [e] = await db.select({ name: enterprises.name }).from(enterprises).where(eq(enterprises.id, enterpriseId))
  return e?.name
}

/** Everything done under a mandate, newest first, with the actor's encrypted real name. */
export async function mandateActions(db: DbOrTx, mandateId: string) {
  return db
    .select({ at: auditLog.at, action: auditLog.action, n: accounts.realNameEnc })
    .from(auditLog)
    .innerJoin(accounts, eq(accounts.id, auditLog.actorId))
    .where(eq(auditLog.mandateId, mandateId))
    .orderBy(desc(auditLog.at))
}

// ---- Accounts ------------------------------------------------------------------------------------

/** The live, real-named account with this phone (its keyed hash). */
export async function realNamedAccountByPhone(db: DbOrTx, phoneHmac: string): Promise<typeof accounts.$inferSelect | undefined> {
  const [a] = await db
    .select()
    .from(accounts)
    .where(and(eq(accounts.phoneHmac, phoneHmac), isNull(accounts.deletedAt)))
  return a && a.idNumberHmac ? a : undefined
}

export async function isVillageAgent(db: DbOrTx, accountId: string): Promise<boolean> {
  const [me] = await db.select({ agent: accounts.isVillageAgent }).from(accounts).where(eq(accounts.id, accountId))
  return me.agent
}

/** Encrypted real names of these accounts. */
export async function realNames(db: DbOrTx, accountIds: string[]): Promise<Array<{ id: string; n: string | null }>> {
  if (accountIds.length === 0) return []
  return db.select({ id: accounts.id, n: accounts.realNameEnc }).from(accounts).where(inArray(accounts.id, accountIds))
}

export async function setSessionActing(db: DbOrTx, sessionId: string, kind: ActingKind, actingId: string | null): Promise<void> {
  await db.update(authSessions).set({ actingKind: kind, actingId }).where(eq(authSessions.id, sessionId))
}

// ---- Enterprises and operators ---------------------------------------------------------------------

/** Active enterprises whose registered legal representative is the account's verified person. */
export async function legalRepEnterprises(db: DbOrTx, accountId: string) {
  return db
    .select({ id: enterprises.id, uscc: enterprises.uscc, name: enterprises.name })
    .from(enterprises)
    .innerJoin(citizens, eq(citizens.id, enterprises.legalRepCitizenId))
    .innerJoin(accounts, eq(accounts.idNumberHmac, citizens.idNumberHmac))
    .where(and(eq(accounts.id, accountId), eq(enterprises.status, 'active')))
}

/** Enterprises the account is a live operator of. */
export async function operatorEnterprises(db: DbOrTx, accountId: string) {
  return db
    .select({ id: enterprises.id, uscc: enterprises.uscc, name: enterprises.name })
    .from(enterpriseOperators)
    .innerJoin(enterprises, eq(enterprises.id, enterpriseOperators.enterpriseId))
    .where(and(eq(enterpriseOperators.accountId, accountId), isNull(enterpriseOperators.revokedAt)))
}

/** The enterprise's operators (revoked ones too), newest first, with their accounts. */
export async function operatorsOf(db: DbOrTx, enterpriseId: string) {
  return db
    .select({ op: enterpriseOperators, a: accounts })
    .from(enterpriseOperators)
    .innerJoin(accounts, eq(accounts.id, enterpriseOperators.accountId))
    .where(eq(enterpriseOperators.enterpriseId, enterpriseId))
    .orderBy(desc(enterpriseOperators.createdAt))
}

export async function isLiveOperator(db: DbOrTx, enterpriseId: string, accountId: string): Promise<boolean> {
  const [dup] = await db
    .select({ id: enterpriseOperators.id })
    .from(enterpriseOperators)
    .where(and(eq(enterpriseOperators.enterpriseId, enterpriseId), eq(enterpriseOperators.accountId, accountId), isNull(enterpriseOperators.revokedAt)))
  return Boolean(dup)
}

export async function addOperator(db: DbOrTx, v: typeof enterpriseOperators.$inferInsert): Promise<void> {
  await db.insert(enterpriseOperators).values(v)
}

/** Revokes a live operator of the enterprise; false when there is none by that id. */
export async function revokeOperator(db: DbOrTx, enterpriseId: string, operatorId: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(enterpriseOperators)
    .set({ revokedAt: now })
    .where(and(eq(enterpriseOperators.id, operatorId), eq(enterpriseOperators.enterpriseId, enterpriseId), isNull(enterpriseOperators.revokedAt)))
    .returning({ id: enterpriseOperators.id })
  return rows.length > 0
}
