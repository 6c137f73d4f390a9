// Identity's queries for sign-in, real name, face, sessions, consent, export and deletion (each
// takes a DbOrTx: the request's transaction or the pool). Codes, rate events, sessions and tokens
// have their own modules beside this one (codes.ts, rate.ts, sessions.ts).
import { and, desc, eq, gt, isNull, or } from 'drizzle-orm'
import type { DbOrTx } from '../db/client'
import { accounts, auditLog, authSessions, consents, enterpriseOperators, identityTickets, mandates, miniBindings } from '../db/schema'

export type AccountRow = typeof accounts.$inferSelect
export type TicketRow = typeof identityTickets.$inferSelect
export type ConsentKind = 'face' | 'id_processing' | 'privacy_policy'
type MiniPlatform = 'weapp' | 'alipay'

// ---- Accounts ------------------------------------------------------------------------------------

export async function account(db: DbOrTx, accountId: string): Promise<AccountRow> {
  const [a] = await db.select().from(accounts).where(eq(accounts.id, accountId))
  return a
}

/** A live account holding this ID number (its keyed hash). */
export async function accountByIdNumber(db: DbOrTx, idNumberHmac: string): Promise<{ id: string } | undefined> {
  const [a] = await db.select({ id: accounts.id }).from(accounts).where(and(eq(accounts.idNumberHmac, idNumberHmac), isNull(accounts.deletedAt)))
  return a
}

export async function setRealName(db: DbOrTx, accountId: string, v: { realNameEnc: string; idNumberEnc: string; idNumberHmac: string; realNameAt: Date }): Promise<void> {
  await db.update(accounts).set(v).where(eq(accounts.id, accountId))
}

/** Personal data goes; the row stays (audit entries refer to it) without anything identifying. */
export async function eraseAccount(db: DbOrTx, accountId: string, now: Date): Promise<void> {
  await db.update(accounts).set({ deletedAt: now, phoneEnc: null, phoneHmac: null, realNameEnc: null, idNumberEnc: null, idNumberHmac: null }).where(eq(accounts.id, accountId))
  await db.delete(miniBindings).where(eq(miniBindings.accountId, accountId))
  await db.update(mandates).set({ revokedAt: now }).where(and(or(eq(mandates.grantorId, accountId), eq(mandates.granteeId, accountId)), isNull(mandates.revokedAt)))
  await db.update(enterpriseOperators).set({ revokedAt: now }).where(and(eq(enterpriseOperators.accountId, accountId), isNull(enterpriseOperators.revokedAt)))
}

// ---- Consent -------------------------------------------------------------------------------------

export async function latestConsent(db: DbOrTx, accountId: string, kind: ConsentKind): Promise<{ granted: boolean; version: string } | undefined> {
  const [latest] = await db
    .select({ granted: consents.granted, version: consents.version })
    .from(consents)
    .where(and(eq(consents.accountId, accountId), eq(consents.kind, kind)))
    .orderBy(desc(consents.at))
    .limit(1)
  return latest
}

export async function consentsOf(db: DbOrTx, accountId: string) {
  return db.select().from(consents).where(eq(consents.accountId, accountId)).orderBy(desc(consents.at))
}

export async function addConsent(db: DbOrTx, v: typeof consents.$inferInsert): Promise<void> {
  await db.insert(consents).values(v)
}

// ---- Mini-program bindings and one-time tickets ----------------------------------------------

export async function weappOpenidEnc(db: DbOrTx, accountId: string): Promise<string | undefined> {
  const [b] = await db
    .select()
    .from(miniBindings)
    .where(and(eq(miniBindings.accountId, accountId), eq(miniBindings.platform, 'weapp')))
    .limit(1)
  return b?.openidEnc
}

/** The live account bound to this openid (its keyed hash) on a platform. */
export async function boundAccount(db: DbOrTx, platform: MiniPlatform, openidHmac: string): Promise<string | undefined> {
  const [bound] = await db
    .select({ accountId: miniBindings.accountId })
    .from(miniBindings)
    .innerJoin(accounts, eq(accounts.id, miniBindings.accountId))
    .where(and(eq(miniBindings.platform, platform), eq(miniBindings.openidHmac, openidHmac), isNull(accounts.deletedAt)))
  return bound?.accountId
}

export async function setSessionKey(db: DbOrTx, platform: MiniPlatform, openidHmac: string, sessionKeyEnc: string): Promise<void> {
  await db
    .update(miniBindings)
    .set({ sessionKeyEnc })
    .where(and(eq(miniBindings.platform, platform), eq(miniBindings.openidHmac, openidHmac)))
}

/** Binds the openid to the account (a binding to another account moves). */
export async function bind(db: DbOrTx, v: { platform: MiniPlatform; openidHmac: string; openidEnc: string; sessionKeyEnc: string | null; accountId: string; createdAt: Date }): Promise<void> {
  await db
    .insert(miniBindings)
    .values(v)
    .onConflictDoUpdate({ target: [miniBindings.platform, miniBindings.openidHmac], set: { accountId: v.accountId, sessionKeyEnc: v.sessionKeyEnc } })
}

export async function insertTicket(db: DbOrTx, v: typeof identityTickets.$inferInsert): Promise<void> {
  await db.insert(identityTickets).values(v)
}

/** An unused, unexpired ticket of this kind by its secret's hash. */
export async function liveTicket(db: DbOrTx, kind: string, secretHash: string, now: Date): Promise<TicketRow | undefined> {
  const [t] = await db
    .select()
    .from(identityTickets)
    .where(and(eq(identityTickets.secretHash, secretHash), eq(identityTickets.kind, kind), isNull(identityTickets.usedAt), gt(identityTickets.expiresAt, now)))
  return t
}

export async function markTicketUsed(db: DbOrTx, ticketId: string, now: Date): Promise<void> {
  await db.update(identityTickets).set({ usedAt: now }).where(eq(identityTickets.id, ticketId))
}

/** Spends the account's live ticket of this kind in one conditional write (of two racing uses, one wins). */
export async function spendTicket(db: DbOrTx, kind: string, secretHash: string, accountId: string, now: Date): Promise<TicketRow | undefined> {
  const [t] = await db
    .update(identityTickets)
    .set({ usedAt: now })
    .where(
      and(
        eq(identityTickets.secretHash, secretHash),
        eq(identityTickets.kind, kind),
        eq(identityTickets.accountId, accountId),
        isNull(identityTickets.usedAt),
        gt(identityTickets.expiresAt, now),
      ),
    )
    .returning()
  return t
}

// ---- Sessions ------------------------------------------------------------------------------------

export async function updateSession(db: DbOrTx, sessionId: string, set: { authAt?: Date; l3At?: Date; lastActiveAt?: Date }): Promise<void> {
  await db.update(authSessions).set(set).where(eq(authSessions.id, sessionId))
}

/** The citizen's signed-in devices, most recently active first. */
export async function liveSessions(db: DbOrTx, accountId: string) {
  return db
    .select()
    .from(authSessions)
    .where(and(eq(authSessions.audience, 'citizen'), eq(authSessions.subjectId, accountId), isNull(authSessions.revokedAt)))
    .orderBy(desc(authSessions.lastActiveAt))
}

export async function ownSession(db: DbOrTx, accountId: string, sessionId: string): Promise<{ id: string } | undefined> {
  const [row] = await db
    .select({ id: authSessions.id })
    .from(authSessions)
    .where(and(eq(authSessions.id, sessionId), eq(authSessions.audience, 'citizen'), eq(authSessions.subjectId, accountId)))
  return row
}

// ---- Export and deletion -------------------------------------------------------------------------

/** Everything stored about the account, for its export. */
export async function exportRows(db: DbOrTx, accountId: string) {
  const [a] = await db.select().from(accounts).where(eq(accounts.id, accountId))
  const sessions = await db.select().from(authSessions).where(and(eq(authSessions.audience, 'citizen'), eq(authSessions.subjectId, accountId)))
  const consentRows = await db.select().from(consents).where(eq(consents.accountId, accountId))
  const mandateRows = await db.select().from(mandates).where(or(eq(mandates.grantorId, accountId), eq(mandates.granteeId, accountId)))
  const operatorRows = await db.select().from(enterpriseOperators).where(eq(enterpriseOperators.accountId, accountId))
  const bindings = await db.select({ platform: miniBindings.platform, createdAt: miniBindings.createdAt }).from(miniBindings).where(eq(miniBindings.accountId, accountId))
  const actions = await db.select().from(auditLog).where(eq(auditLog.actorId, accountId)).orderBy(desc(auditLog.at)).limit(1000)
  return { account: a, sessions, consents: consentRows, mandates: mandateRows, operators: operatorRows, bindings, actions }
}

/** Whether the account exported its data after `since`. */
export async function exportedSince(db: DbOrTx, accountId: string, since: Date): Promise<boolean> {
  const [exported] = await db
    .select({ at: auditLog.at })
    .from(auditLog)
    .where(and(eq(auditLog.actorId, accountId), eq(auditLog.action, 'account.export'), gt(auditLog.at, since)))
    .limit(1)
  return Boolean(exported)
}
