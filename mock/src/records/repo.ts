// Records: the queries of proofs and the access log (谁查询了我的数据). The source systems' own data
// is read through a RecordsSource (seeded.ts or http.ts), never here.
import { desc, eq, inArray } from 'drizzle-orm'
import type { DbOrTx } from '../db/client'
import { accessLog, accounts, proofs, staffAccounts } from '../db/schema'

export type ProofRow = typeof proofs.$inferSelect
export type ProofListRow = Pick<ProofRow, 'id' | 'number' | 'kind' | 'issuedAt' | 'expiresAt' | 'revokedAt'>
export type AccessRow = typeof accessLog.$inferSelect

/** The proofs an account asked for, newest first. */
export async function proofsOf(db: DbOrTx, accountId: string, limit: number): Promise<ProofListRow[]> {
  return db
    .select({ id: proofs.id, number: proofs.number, kind: proofs.kind, issuedAt: proofs.issuedAt, expiresAt: proofs.expiresAt, revokedAt: proofs.revokedAt })
    .from(proofs)
    .where(eq(proofs.accountId, accountId))
    .orderBy(desc(proofs.issuedAt))
    .limit(limit)
}

export async function proofById(db: DbOrTx, id: string): Promise<ProofRow | undefined> {
  const [p] = await db.select().from(proofs).where(eq(proofs.id, id))
  return p
}

/** The issued proof whose PDF has exactly this SHA-256. */
export async function proofByPdfHash(db: DbOrTx, sha256: string): Promise<ProofRow | undefined> {
  const [p] = await db.select().from(proofs).where(eq(proofs.pdfSha256, sha256))
  return p
}

/** The newest reads of a person's data. */
export async function accessLogOf(db: DbOrTx, citizenId: string, limit: number): Promise<AccessRow[]> {
  return db.select().from(accessLog).where(eq(accessLog.citizenId, citizenId)).orderBy(desc(accessLog.at)).limit(limit)
}

/** Encrypted real names of citizen accounts, by id. */
export async function accountNames(db: DbOrTx, ids: string[]): Promise<Array<{ id: string; nameEnc: string | null }>> {
  if (ids.length === 0) return []
  return db.select({ id: accounts.id, nameEnc: accounts.realNameEnc }).from(accounts).where(inArray(accounts.id, ids))
}

/** Display names of staff accounts, by id. */
export async function staffNames(db: DbOrTx, ids: string[]): Promise<Array<{ id: string; name: string }>> {
  if (ids.length === 0) return []
  return db.select({ id: staffAccounts.id, name: staffAccounts.displayName }).from(staffAccounts).where(inArray(staffAccounts.id, ids))
}
