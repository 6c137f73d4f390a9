// Online applications: the queries (each takes a DbOrTx: the request's transaction or the pool).
// What a citizen may read is decided here, in the WHERE of every query (visibleTo).
import { and, asc, desc, eq, inArray, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm'
import type { DbOrTx } from '../db/client'
import { bookings, calendarYears, caseBundles, caseCommitments, caseFiles, caseRatings, cases, type CaseMaterialRow } from '../db/schema'
import type { CitizenIdentity } from '../identity/auth'
import type { CaseRow } from './machine'

export type NewCase = typeof cases.$inferInsert
export type CaseFileRow = typeof caseFiles.$inferSelect
export type RatingRow = typeof caseRatings.$inferSelect
export type NewRating = typeof caseRatings.$inferInsert
export type CalendarYearRow = typeof calendarYears.$inferSelect
export type BookingRow = typeof bookings.$inferSelect
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

export async function byId(db: DbOrTx, id: string): Promise<CaseRow | undefined> {
  const [row] = await db.select().from(cases).where(eq(cases.id, id))
  return row
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

// ---- Ratings (of cases and of hall visits) ---------------------------------------------------------

/** Insert a rating once per target; undefined when the target was already rated (the unique index decides). */
export async function insertRating(db: DbOrTx, values: NewRating): Promise<RatingRow | undefined> {
  const [row] = await db.insert(caseRatings).values(values).onConflictDoNothing().returning()
  return row
}

export async function ratingOfBooking(db: DbOrTx, bookingId: string): Promise<RatingRow | undefined> {
  const [r] = await db.select().from(caseRatings).where(eq(caseRatings.bookingId, bookingId))
  return r
}

export async function bookingById(db: DbOrTx, id: string): Promise<BookingRow | undefined> {
  const [b] = await db.select().from(bookings).where(eq(bookings.id, id))
  return b
}

/** Ratings awaiting a follow-up within `scope` (staff/scope.ts ratingScope), with their case or visit. */
export async function ratingFollowUps(db: DbOrTx, scope: SQL, limit: number) {
  return db
    .select({ r: caseRatings, number: cases.number, caseItem: cases.itemName, b: { itemCode: bookings.itemCode, hallId: bookings.hallId } })
    .from(caseRatings)
    .leftJoin(cases, eq(cases.id, caseRatings.caseId))
    .leftJoin(bookings, eq(bookings.id, caseRatings.bookingId))
    .where(and(sql`${caseRatings.followUpDueOn} is not null`, scope))
    .orderBy(asc(caseRatings.followUpDueOn))
    .limit(limit)
}

/** Answer a rating's follow-up, if it has one and is within `scope`. */
export async function replyToRating(db: DbOrTx, id: string, scope: SQL, reply: string, by: string | null, now: Date): Promise<RatingRow | undefined> {
  const [r] = await db
    .update(caseRatings)
    .set({ reply, repliedAt: now, repliedBy: by })
    .where(and(eq(caseRatings.id, id), sql`${caseRatings.followUpDueOn} is not null`, scope))
    .returning()
  return r
}

// ---- Holiday calendar ------------------------------------------------------------------------------

export async function calendarYearRows(db: DbOrTx): Promise<CalendarYearRow[]> {
  return db.select().from(calendarYears).orderBy(asc(calendarYears.year))
}

export async function upsertCalendarYear(db: DbOrTx, row: CalendarYearRow): Promise<void> {
  await db
    .insert(calendarYears)
    .values(row)
    .onConflictDoUpdate({ target: calendarYears.year, set: { holidays: row.holidays, workdays: row.workdays, source: row.source, loadedAt: row.loadedAt, loadedBy: row.loadedBy } })
}

/** Accepted cases in these states whose due date leaned on the statutory fallback. */
export async function provisionalDueCases(db: DbOrTx, states: readonly string[]): Promise<CaseRow[]> {
  return db
    .select()
    .from(cases)
    .where(and(eq(cases.dueProvisional, true), isNotNull(cases.acceptedOn), inArray(cases.state, [...states])))
}

export async function setDue(db: DbOrTx, id: string, dueOn: string | null, provisional: boolean): Promise<void> {
  await db.update(cases).set({ dueOn, dueProvisional: provisional }).where(eq(cases.id, id))
}
