// Wallet queries: credentials by holder, id or compact id, their revocation, verification records,
// and the seed's bulk insert.
import { and, asc, desc, eq, isNull, type SQL } from 'drizzle-orm'
import type { DbOrTx } from '../db/client'
import { accounts, citizens, credentialVerifications, credentials, reUnits, staffAccounts } from '../db/schema'

export type CredentialRow = typeof credentials.$inferSelect
export type NewCredential = typeof credentials.$inferInsert
export type VerificationRow = typeof credentialVerifications.$inferSelect
export type NewVerification = typeof credentialVerifications.$inferInsert

/** Whose credentials: a registry citizen's or an enterprise's. */
export type Holder = { citizenId: string } | { enterpriseId: string }

function heldBy(h: Holder): SQL {
  return 'citizenId' in h ? eq(credentials.holderCitizenId, h.citizenId) : eq(credentials.enterpriseId, h.enterpriseId)
}

/** The registry citizen behind an account (matched on the ID number's index), if real-named. */
export async function citizenOfAccount(db: DbOrTx, accountId: string, opts: { liveOnly?: boolean } = {}): Promise<string | undefined> {
  const [row] = await db
    .select({ id: citizens.id })
    .from(accounts)
    .innerJoin(citizens, eq(citizens.idNumberHmac, accounts.idNumberHmac))
    .where(and(eq(accounts.id, accountId), opts.liveOnly ? isNull(accounts.deletedAt) : undefined))
  return row?.id
}

/** The holder's credentials that are not revoked. */
export async function liveCredentials(db: DbOrTx, holder: Holder): Promise<CredentialRow[]> {
  return db
    .select()
    .from(credentials)
    .where(and(heldBy(holder), isNull(credentials.revokedAt)))
}

/** One of the holder's credentials (revoked ones too). */
export async function heldCredential(db: DbOrTx, holder: Holder, id: string): Promise<CredentialRow | undefined> {
  const [row] = await db
    .select()
    .from(credentials)
    .where(and(heldBy(holder), eq(credentials.id, id)))
  return row
}

export async function credentialById(db: DbOrTx, id: string): Promise<CredentialRow | undefined> {
  const [row] = await db.select().from(credentials).where(eq(credentials.id, id))
  return row
}

export async function credentialByCid(db: DbOrTx, cid: string): Promise<CredentialRow | undefined> {
  const [row] = await db.select().from(credentials).where(eq(credentials.cid, cid))
  return row
}

export async function insertCredentials(db: DbOrTx, rows: NewCredential[]): Promise<void> {
  await db.insert(credentials).values(rows)
}

/** Revoke the holder's live credentials of a type (a new one replaces them). */
export async function revokeOfType(db: DbOrTx, holder: Holder, type: CredentialRow['type'], at: Date, reason: string): Promise<void> {
  await db
    .update(credentials)
    .set({ revokedAt: at, revokedReason: reason })
    .where(and(heldBy(holder), eq(credentials.type, type), isNull(credentials.revokedAt)))
}

/** Revoke one credential unless it already is; whether this call revoked it. */
export async function revoke(db: DbOrTx, id: string, reason: string, at: Date): Promise<boolean> {
  const rows = await db
    .update(credentials)
    .set({ revokedAt: at, revokedReason: reason })
    .where(and(eq(credentials.id, id), isNull(credentials.revokedAt)))
    .returning({ id: credentials.id })
  return rows.length > 0
}

/** The newest 100 verifications of the holder's credentials, with the type and the officer's name. */
export async function verificationsOf(db: DbOrTx, holder: Holder): Promise<Array<{ v: VerificationRow; type: CredentialRow['type']; staffName: string }>> {
  return db
    .select({ v: credentialVerifications, type: credentials.type, staffName: staffAccounts.displayName })
    .from(credentialVerifications)
    .innerJoin(credentials, eq(credentials.id, credentialVerifications.credentialId))
    .innerJoin(staffAccounts, eq(staffAccounts.id, credentialVerifications.staffId))
    .where(heldBy(holder))
    .orderBy(desc(credentialVerifications.verifiedAt))
    .limit(100)
}

/** Store a verification record once per (officer, clientId): its result, or undefined when already stored. */
export async function insertVerification(db: DbOrTx, row: NewVerification): Promise<VerificationRow['result'] | undefined> {
  const [inserted] = await db.insert(credentialVerifications).values(row).onConflictDoNothing().returning({ result: credentialVerifications.result })
  return inserted?.result
}

export async function storedVerificationResult(db: DbOrTx, staffId: string, clientId: string): Promise<VerificationRow['result']> {
  const [prev] = await db
    .select({ result: credentialVerifications.result })
    .from(credentialVerifications)
    .where(and(eq(credentialVerifications.staffId, staffId), eq(credentialVerifications.clientId, clientId)))
  return prev.result
}

/** Property units of the registry (seeded by the records area), by certificate number. */
export async function propertyUnits(db: DbOrTx): Promise<Array<{ citizenId: string; certNo: string; location: string; area: number }>> {
  return db.select({ citizenId: reUnits.citizenId, certNo: reUnits.certNo, location: reUnits.location, area: reUnits.area }).from(reUnits).orderBy(asc(reUnits.certNo))
}
