// Online applications: the queries (each takes a DbOrTx: the request's transaction or the pool).
// What a citizen may read is decided here, in the WHERE of every query (visibleTo).
import { and, desc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm'
import type { DbOrTx } from '../db/client'
import { caseBundles, caseCommitments, caseFiles, cases, type CaseMaterialRow } from '../db/schema'
import type { CitizenIdentity } from '../identity/auth'
import type { CaseRow } from './machine'

export type NewCase = typeof cases.$inferInsert
export type CaseFileRow = typeof caseFiles.$inferSelect
type Who = Pick<CitizenIdentity, 'accountId' | 'acting'>

const NONE = '00000000-0000-0000-0000-000000000000'
const notDraft = sql`${cases.state} <> 'draft'`

/** The cases the signed-in identity may see: an enterprise's, a mandate's, or the person's own and those filed for them. */
export function visibleTo(c: Who): SQL {
  if (c.acting.kind === 'enterprise') return eq(cases.enterpriseId, c.acting.id ?? NONE)
  if (c.acting.kind === 'proxy') {
    return and(eq(cases.accountId, c.accountId), c.acting.forId ? eq(cases.forAccountId, c.acting.forId) : eq(cases.actingKind, 'proxy')) as SQL
  }
  return or(and(eq(cases.accountId, c.accountId), eq(cases.actingKind, 'self')), eq(cases.forAccountId, c.accountId)) as SQL
}

/** A submitted case the identity may see; undefined when there is none (or it is not theirs). */
export async function visibleCase(db: DbOrTx, c: Who, id: string, lock = false): Promise<CaseRow | undefined> {
  const q = db
    .select()
    .from(cases)
    .where(and(eq(cases.id, id), visibleTo(c), notDraft))
  const [row] = lock ? await q.for('update') : await q
  return row
}

/** The identity's submitted cases, newest first. */
export async function visibleCases(db: DbOrTx, c: Who, limit: number): Promise<CaseRow[]> {
  return db
    .select()
    .from(cases)
    .where(and(visibleTo(c), notDraft))
    .orderBy(desc(cases.submittedAt))
    .limit(limit)
}

export async function byNumber(db: DbOrTx, number: string): Promise<CaseRow | undefined> {
  const [row] = await db.select().from(cases).where(eq(cases.number, number))
  return row
}

// ---- Files ---------------------------------------------------------------------------------------

/** Store an upload; the content addresses it, so the same bytes again answer the same row. */
export async function saveFile(db: DbOrTx, values: { accountId: string; sha256: string; type: string; size: number; bytes: Buffer; createdAt: Date }): Promise<string> {
  const [row] = await db
    .insert(caseFiles)
    .values(values)
    .onConflictDoUpdate({ target: [caseFiles.accountId, caseFiles.sha256], set: { sha256: values.sha256 } })
    .returning({ id: caseFiles.id })
  return row.id
}

export async function ownFile(db: DbOrTx, accountId: string, id: string): Promise<CaseFileRow | undefined> {
  const [f] = await db.select().from(caseFiles).where(and(eq(caseFiles.id, id), eq(caseFiles.accountId, accountId)))
  return f
}

/** How many of these file ids the account owns (each counted once). */
export async function ownedFileCount(db: DbOrTx, accountId: string, ids: string[]): Promise<number> {
  const rows = await db
    .select({ id: caseFiles.id })
    .from(caseFiles)
    .where(and(inArray(caseFiles.id, ids), eq(caseFiles.accountId, accountId)))
  return rows.length
}

// ---- Drafts --------------------------------------------------------------------------------------

/** Insert a draft, or update the one with the same device draft id; undefined when that one was submitted meanwhile. */
export async function upsertDraft(db: DbOrTx, values: NewCase): Promise<CaseRow | undefined> {
  const [row] = await db
    .insert(cases)
    .values(values)
    .onConflictDoUpdate({ target: [cases.accountId, cases.clientRef], set: { form: values.form, materials: values.materials, updatedAt: values.updatedAt }, setWhere: sql`${cases.state} = 'draft'` })
    .returning()
  return row
}

export async function drafts(db: DbOrTx, accountId: string): Promise<CaseRow[]> {
  return db
    .select()
    .from(cases)
    .where(and(eq(cases.accountId, accountId), eq(cases.state, 'draft')))
    .orderBy(desc(cases.updatedAt))
}

/** Delete a draft by id; whether there was one. */
export async function deleteDraft(db: DbOrTx, accountId: string, id: string): Promise<boolean> {
  const rows = await db
    .delete(cases)
    .where(and(eq(cases.id, id), eq(cases.accountId, accountId), eq(cases.state, 'draft')))
    .returning({ id: cases.id })
  return rows.length > 0
}

/** Delete the draft a submission came from (by the device's draft id), if any. */
export async function deleteDraftByRef(db: DbOrTx, accountId: string, clientRef: string): Promise<void> {
  await db.delete(cases).where(and(eq(cases.accountId, accountId), eq(cases.clientRef, clientRef), eq(cases.state, 'draft')))
}

// ---- Submission ----------------------------------------------------------------------------------

export async function insertBundle(db: DbOrTx, values: { number: string; bundleId: string; accountId: string; createdAt: Date }): Promise<string> {
  const [row] = await db.insert(caseBundles).values(values).returning({ id: caseBundles.id })
  return row.id
}

export async function insertCase(db: DbOrTx, values: NewCase): Promise<CaseRow> {
  const [row] = await db.insert(cases).values(values).returning()
  return row
}

export async function insertCommitment(db: DbOrTx, values: { caseId: string; materialName: string; text: string; signedBy: string; signedAt: Date }): Promise<void> {
  await db.insert(caseCommitments).values(values)
}

export async function setAutoResults(db: DbOrTx, id: string, results: NonNullable<CaseRow['autoResults']>): Promise<CaseRow> {
  const [row] = await db.update(cases).set({ autoResults: results }).where(eq(cases.id, id)).returning()
  return row
}

/** New materials of a case; with `state`, only while the case is still in that state. */
export async function setMaterials(db: DbOrTx, id: string, materials: CaseMaterialRow[], now: Date, state?: string): Promise<CaseRow> {
  const [row] = await db
    .update(cases)
    .set({ materials, updatedAt: now })
    .where(state === undefined ? eq(cases.id, id) : and(eq(cases.id, id), eq(cases.state, state)))
    .returning()
  return row
}

/** Withdraw the live commitment of a material; whether there was one. */
export async function withdrawCommitment(db: DbOrTx, caseId: string, materialName: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(caseCommitments)
    .set({ withdrawnAt: now })
    .where(and(eq(caseCommitments.caseId, caseId), eq(caseCommitments.materialName, materialName), isNull(caseCommitments.withdrawnAt)))
    .returning({ id: caseCommitments.id })
  return rows.length > 0
}
