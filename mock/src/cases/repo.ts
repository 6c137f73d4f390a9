// Online applications: the queries (each takes a DbOrTx: the request's transaction or the pool).
// What a citizen may read is decided here, in the WHERE of every query (visibleTo).
import { and, asc, desc, eq, inArray, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm'
import { OPEN_STATES } from '../../../src/domain/cases/duplicates'
import type { DbOrTx } from '../db/client'
import { accounts, bookings, calendarYears, caseBundles, caseCommitments, caseEvents, caseFiles, casePersonFlags, caseRatings, cases, citizens, enterprises, type CaseMaterialRow } from '../db/schema'
import type { CitizenIdentity } from '../identity/auth'
import type { CaseRow } from './machine'

export type NewCase = typeof cases.$inferInsert
export type CaseFileRow = typeof caseFiles.$inferSelect
export type RatingRow = typeof caseRatings.$inferSelect
export type NewRating = typeof caseRatings.$inferInsert
export type CalendarYearRow = typeof calendarYears.$inferSelect
export type BookingRow = typeof bookings.$inferSelect
export type NewCaseEvent = typeof caseEvents.$inferInsert
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

// ---- Moving a case -------------------------------------------------------------------------------

/** The conditional UPDATE of a step: only while the case is still in `from`; undefined when someone moved it first. */
export async function updateIfState(db: DbOrTx, id: string, from: string, set: Partial<NewCase>): Promise<CaseRow | undefined> {
  const [moved] = await db
    .update(cases)
    .set(set)
    .where(and(eq(cases.id, id), eq(cases.state, from)))
    .returning()
  return moved
}

export async function insertEvent(db: DbOrTx, values: NewCaseEvent): Promise<void> {
  await db.insert(caseEvents).values(values)
}

/** The next value of the case/bundle number sequence, as text. */
export async function nextNumberValue(db: DbOrTx): Promise<string> {
  const rows = await db.execute(sql`select nextval('case_number_seq')::text as n`)
  // The drivers differ: some answer { rows }, some an array of rows.
  return String((rows as unknown as { rows: Array<{ n: string }> }).rows?.[0]?.n ?? (rows as unknown as Array<{ n: string }>)[0]?.n)
}

// ---- What a case reads of the applicant and the registries -----------------------------------------

export async function account(db: DbOrTx, id: string) {
  const [acc] = await db.select().from(accounts).where(eq(accounts.id, id))
  return acc
}

export async function enterprise(db: DbOrTx, id: string) {
  const [e] = await db.select().from(enterprises).where(eq(enterprises.id, id))
  return e
}

export async function citizenByIdNumber(db: DbOrTx, idNumberHmac: string) {
  const [c] = await db.select().from(citizens).where(eq(citizens.idNumberHmac, idNumberHmac))
  return c
}

/** The seeded registry flags of a person (失信, deceased, receiving 高龄津贴), if any. */
export async function personFlags(db: DbOrTx, idNumberHmac: string) {
  const [flags] = await db.select().from(casePersonFlags).where(eq(casePersonFlags.idNumberHmac, idNumberHmac))
  return flags
}

/** Whether the person already had this item granted (approved or delivered), filed by them or for them. */
export async function grantedBefore(db: DbOrTx, subjectAccountId: string, itemCode: string): Promise<boolean> {
  const granted = await db
    .select({ id: cases.id })
    .from(cases)
    .where(and(eq(cases.itemCode, itemCode), inArray(cases.state, ['approved', 'delivered']), or(eq(cases.accountId, subjectAccountId), eq(cases.forAccountId, subjectAccountId))))
    .limit(1)
  return granted.length > 0
}

// ---- What a case's views read --------------------------------------------------------------------

export async function bundlesByIds(db: DbOrTx, ids: string[]): Promise<Array<{ id: string; number: string }>> {
  return db.select({ id: caseBundles.id, number: caseBundles.number }).from(caseBundles).where(inArray(caseBundles.id, ids))
}

/** A case's steps, oldest first. */
export async function eventsOf(db: DbOrTx, caseId: string) {
  return db.select().from(caseEvents).where(eq(caseEvents.caseId, caseId)).orderBy(asc(caseEvents.seq))
}

/** Type and size of files (never their bytes). */
export async function filesMeta(db: DbOrTx, ids: string[]): Promise<Array<{ id: string; type: string; size: number }>> {
  if (ids.length === 0) return []
  return db.select({ id: caseFiles.id, type: caseFiles.type, size: caseFiles.size }).from(caseFiles).where(inArray(caseFiles.id, ids))
}

export async function commitmentsOf(db: DbOrTx, caseId: string) {
  return db.select().from(caseCommitments).where(eq(caseCommitments.caseId, caseId))
}

export async function ratingOfCase(db: DbOrTx, caseId: string): Promise<RatingRow | undefined> {
  const [rating] = await db.select().from(caseRatings).where(eq(caseRatings.caseId, caseId))
  return rating
}

// ---- Applications that know the person -------------------------------------------------------------

/** Cases whose subject is the one this identity applies for (whoever filed them). */
function sameSubject(c: Who): SQL {
  if (c.acting.kind === 'enterprise') return eq(cases.enterpriseId, c.acting.id ?? NONE)
  const person = c.acting.kind === 'proxy' ? c.acting.forId : c.accountId
  // A paper mandate names no account: only the agent's own filings for it can be matched.
  if (!person) return and(eq(cases.accountId, c.accountId), eq(cases.actingKind, 'proxy')) as SQL
  return or(and(eq(cases.accountId, person), eq(cases.actingKind, 'self')), eq(cases.forAccountId, person)) as SQL
}

/** Open cases of these items for the identity's subject, newest first. */
export async function openCasesOfSubject(db: DbOrTx, c: Who, itemCodes: string[], limit: number) {
  return db
    .select({ id: cases.id, number: cases.number, itemCode: cases.itemCode, itemName: cases.itemName, state: cases.state })
    .from(cases)
    .where(and(sameSubject(c), inArray(cases.itemCode, itemCodes), inArray(cases.state, [...OPEN_STATES])))
    .orderBy(desc(cases.submittedAt))
    .limit(limit)
}

/** The forms of the account's latest submitted applications for the same kind of subject (their own, or this enterprise's). */
export async function recentForms(db: DbOrTx, c: Who, limit: number): Promise<Array<{ form: CaseRow['form'] }>> {
  return db
    .select({ form: cases.form })
    .from(cases)
    .where(and(eq(cases.accountId, c.accountId), isNotNull(cases.submittedAt), c.acting.kind === 'enterprise' ? eq(cases.enterpriseId, c.acting.id ?? NONE) : eq(cases.actingKind, c.acting.kind)))
    .orderBy(desc(cases.submittedAt))
    .limit(limit)
}
