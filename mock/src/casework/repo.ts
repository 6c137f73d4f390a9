// Staff side of cases: the queries. Every one takes the officer's scope predicate (staff/scope.ts)
// into its WHERE, so a case outside the scope is never read.
import { and, asc, count, eq, inArray, sql, type SQL } from 'drizzle-orm'
import type { CaseState } from '../../../src/domain/cases/states'
import type { CaseRow } from '../cases/machine'
import type { DbOrTx } from '../db/client'
import { accounts, caseFiles, caseRatings, cases, citizens, staffAccounts } from '../db/schema'

const notDraft = sql`${cases.state} <> 'draft'`

export async function queue(db: DbOrTx, where: SQL, limit: number): Promise<CaseRow[]> {
  return db
    .select()
    .from(cases)
    .where(and(notDraft, where))
    .orderBy(asc(cases.submittedAt))
    .limit(limit)
}

export async function countsByState(db: DbOrTx, where: SQL): Promise<Array<{ state: CaseState; n: number }>> {
  const rows = await db
    .select({ state: cases.state, n: count() })
    .from(cases)
    .where(and(notDraft, where))
    .groupBy(cases.state)
  return rows.map((r) => ({ state: r.state as CaseState, n: Number(r.n) }))
}

/** One case by id within `scope`; undefined when there is none (or it is out of scope). */
export async function caseIn(db: DbOrTx, id: string, scope: SQL, lock = false): Promise<CaseRow | undefined> {
  const q = db
    .select()
    .from(cases)
    .where(and(eq(cases.id, id), notDraft, scope))
  const [row] = lock ? await q.for('update') : await q
  return row
}

/** A file of a case within scope: the case must list it among its materials. */
export async function caseFile(db: DbOrTx, caseId: string, fileId: string, scope: SQL) {
  const [row] = await db
    .select({ f: caseFiles, c: cases })
    .from(caseFiles)
    .innerJoin(cases, and(eq(cases.id, caseId), notDraft, scope, sql`exists (select 1 from jsonb_array_elements(${cases.materials}) m where m -> 'fileIds' ? ${fileId})`))
    .where(eq(caseFiles.id, fileId))
  return row
}

/** Like caseFile, without the bytes: what a viewer link needs to know. */
export async function caseFileMeta(db: DbOrTx, caseId: string, fileId: string, scope: SQL): Promise<{ type: string } | undefined> {
  const [row] = await db
    .select({ type: caseFiles.type })
    .from(caseFiles)
    .innerJoin(cases, and(eq(cases.id, caseId), notDraft, scope, sql`exists (select 1 from jsonb_array_elements(${cases.materials}) m where m -> 'fileIds' ? ${fileId})`))
    .where(eq(caseFiles.id, fileId))
  return row
}

export async function followUps(db: DbOrTx, scope: SQL) {
  return db
    .select({ r: caseRatings, number: cases.number, itemName: cases.itemName })
    .from(caseRatings)
    .innerJoin(cases, and(eq(cases.id, caseRatings.caseId), scope))
    .where(sql`${caseRatings.followUpDueOn} is not null`)
    .orderBy(asc(caseRatings.followUpDueOn))
    .limit(100)
}

/** Answer the follow-up of a case's rating, if the case is in scope. */
export async function replyToCaseRating(db: DbOrTx, caseId: string, scope: SQL, reply: string, by: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(caseRatings)
    .set({ reply, repliedAt: now, repliedBy: by })
    .where(and(eq(caseRatings.caseId, caseId), sql`${caseRatings.followUpDueOn} is not null`, inArray(caseRatings.caseId, db.select({ id: cases.id }).from(cases).where(scope))))
    .returning({ caseId: caseRatings.caseId })
  return rows.length > 0
}

export async function staffName(db: DbOrTx, staffId: string): Promise<string | undefined> {
  const [me] = await db.select({ name: staffAccounts.displayName }).from(staffAccounts).where(eq(staffAccounts.id, staffId))
  return me?.name
}

/** The registry citizen behind an account (whose data a material is), if real-named. */
export async function citizenOfAccount(db: DbOrTx, accountId: string): Promise<string | undefined> {
  const [row] = await db
    .select({ id: citizens.id })
    .from(accounts)
    .innerJoin(citizens, eq(citizens.idNumberHmac, accounts.idNumberHmac))
    .where(eq(accounts.id, accountId))
  return row?.id
}
