// Booking queries: slots, quotas, bookings, no-show blocks, queue numbers, and the inbox (消息)
// and subscribe-message grants the booking routes serve. Each invariant that two concurrent
// requests could break is one conditional statement here (see service.ts for the rules).
import { and, count, desc, eq, gt, gte, inArray, isNull, sql, type SQL } from 'drizzle-orm'
import { MAX_ACTIVE_BOOKINGS } from '../../../src/domain/booking'
import type { DbOrTx } from '../db/client'
import { accounts, bookingBlocks, bookingQueue, bookingQuotas, bookingSlots, bookings, inboxMessages, subscribeGrants } from '../db/schema'

export type BookingRow = typeof bookings.$inferSelect
export type InboxRow = typeof inboxMessages.$inferSelect

// ---- slots -------------------------------------------------------------------------------

/** The slot rows of a hall on some days (only slots someone has booked have a row). */
export async function slotsOnDays(db: DbOrTx, hallId: string, days: string[]): Promise<Array<{ startsAt: Date; booked: number; capacity: number }>> {
  if (days.length === 0) return []
  return db
    .select({ startsAt: bookingSlots.startsAt, booked: bookingSlots.booked, capacity: bookingSlots.capacity })
    .from(bookingSlots)
    .where(and(eq(bookingSlots.hallId, hallId), inArray(bookingSlots.day, days)))
}

/** The slot's row (created on first use, never locked here); its id and whether it looks full. */
export async function slotRow(db: DbOrTx, hallId: string, slot: { date: string; startsAt: Date; endsAt: Date }, capacity: number): Promise<{ id: string; full: boolean }> {
  const where = and(eq(bookingSlots.hallId, hallId), eq(bookingSlots.startsAt, slot.startsAt))
  let [row] = await db.select({ id: bookingSlots.id, booked: bookingSlots.booked, capacity: bookingSlots.capacity }).from(bookingSlots).where(where)
  if (!row) {
    await db.insert(bookingSlots).values({ hallId, day: slot.date, startsAt: slot.startsAt, endsAt: slot.endsAt, capacity }).onConflictDoNothing()
    ;[row] = await db.select({ id: bookingSlots.id, booked: bookingSlots.booked, capacity: bookingSlots.capacity }).from(bookingSlots).where(where)
  }
  return { id: row.id, full: row.booked >= row.capacity }
}

/**
 * Take one place: the conditional UPDATE is what enforces capacity (its row lock serialises
 * concurrent takers; each re-checks `booked < capacity` on the latest row). Done last in the
 * transaction so the lock is held only until commit.
 */
export async function takePlace(db: DbOrTx, slotId: string): Promise<boolean> {
  const rows = await db
    .update(bookingSlots)
    .set({ booked: sql`${bookingSlots.booked} + 1` })
    .where(and(eq(bookingSlots.id, slotId), sql`${bookingSlots.booked} < ${bookingSlots.capacity}`))
    .returning({ id: bookingSlots.id })
  return rows.length > 0
}

export async function releasePlace(db: DbOrTx, slotId: string): Promise<void> {
  await db
    .update(bookingSlots)
    .set({ booked: sql`${bookingSlots.booked} - 1` })
    .where(eq(bookingSlots.id, slotId))
}

export async function releaseQuota(db: DbOrTx, accountId: string): Promise<void> {
  await db
    .update(bookingQuotas)
    .set({ active: sql`${bookingQuotas.active} - 1` })
    .where(and(eq(bookingQuotas.accountId, accountId), gt(bookingQuotas.active, 0)))
}

// ---- booking -----------------------------------------------------------------------------

export interface TakeInput {
  id: string
  accountId: string
  itemCode: string
  hallId: string
  date: string
  startsAt: Date
  endsAt: Date
  capacity: number
  now: Date
}

/** What takeBooking found and took; the service turns a refusal into its message. */
export interface TakeOutcome {
  blocked_until_ms: number | null
  duplicate: boolean
  slot_full: boolean
  quota_taken: boolean
  slot_id: string | null
  booking_id: string | null
}

const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`

/**
 * Take quota, place and booking in one statement (one database round trip). The data-modifying
 * CTEs run in dependency order, each only when the one before it yielded a row:
 *   pre – what the refusals need for a clear message (no-show block, an active booking of the
 *         same item, a full slot). Only messages come from it, and it gates the rest;
 *   q   – the "3 active" quota: INSERT … ON CONFLICT DO UPDATE … WHERE active < 3 (row lock +
 *         CHECK) — taken first, the same lock order as cancel;
 *   s   – the place: the slot row is created with booked = 1 on first use, else
 *         booked + 1 WHERE booked < capacity (its row lock serialises takers; CHECK backs it up);
 *   b   – the booking: the partial unique index (one active per item) with ON CONFLICT DO NOTHING.
 */
export async function takeBooking(db: DbOrTx, t: TakeInput): Promise<TakeOutcome> {
  const acc = sql`${t.accountId}::uuid`
  const starts = ts(t.startsAt)
  const ends = ts(t.endsAt)
  const at = ts(t.now)
  const result = await db.execute(sql`
    with pre as (
      select
        (select (extract(epoch from bb.until) * 1000)::float8 from ${bookingBlocks} bb where bb.account_id = ${acc} and bb.until > ${at}) as blocked_until_ms,
        exists (select 1 from ${bookings} x where x.account_id = ${acc} and x.item_code = ${t.itemCode} and x.status = 'active') as duplicate,
        coalesce((select bs.booked >= bs.capacity from ${bookingSlots} bs where bs.hall_id = ${t.hallId} and bs.starts_at = ${starts}), false) as slot_full
    ),
    q as (
      insert into ${bookingQuotas} as bq (account_id, active)
      select ${acc}, 1 from pre where pre.blocked_until_ms is null and not pre.duplicate and not pre.slot_full
      on conflict (account_id) do update set active = bq.active + 1 where bq.active < ${MAX_ACTIVE_BOOKINGS}
      returning 1
    ),
    s as (
      insert into ${bookingSlots} as bs (hall_id, day, starts_at, ends_at, capacity, booked)
      select ${t.hallId}, ${t.date}::date, ${starts}, ${ends}, ${t.capacity}::int, 1 from q
      on conflict (hall_id, starts_at) do update set booked = bs.booked + 1 where bs.booked < bs.capacity
      returning bs.id
    ),
    b as (
      insert into ${bookings} (id, account_id, item_code, hall_id, slot_id, starts_at, ends_at, created_at)
      select ${t.id}::uuid, ${acc}, ${t.itemCode}, ${t.hallId}, s.id, ${starts}, ${ends}, ${at} from s
      on conflict do nothing
      returning id
    )
    select pre.blocked_until_ms, pre.duplicate, pre.slot_full,
      exists (select 1 from q) as quota_taken,
      (select s.id from s) as slot_id,
      (select b.id from b) as booking_id
    from pre`)
  return rowsOf<TakeOutcome>(result)[0]
}

/** Rows of a raw `execute()`: node-postgres answers a QueryResult, PGlite a Results; both have `rows`. */
function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows
}

export async function booking(db: DbOrTx, id: string): Promise<BookingRow | undefined> {
  const [row] = await db.select().from(bookings).where(eq(bookings.id, id))
  return row
}

export async function bookingOf(db: DbOrTx, id: string, accountId: string): Promise<BookingRow | undefined> {
  const [row] = await db
    .select()
    .from(bookings)
    .where(and(eq(bookings.id, id), eq(bookings.accountId, accountId)))
  return row
}

/** A booking within a staff scope (staff/scope.ts bookingScope). */
export async function bookingIn(db: DbOrTx, id: string, scope: SQL): Promise<BookingRow | undefined> {
  const [row] = await db.select().from(bookings).where(and(eq(bookings.id, id), scope))
  return row
}

/** The person's newest 100 bookings. */
export async function bookingsOf(db: DbOrTx, accountId: string): Promise<BookingRow[]> {
  return db.select().from(bookings).where(eq(bookings.accountId, accountId)).orderBy(desc(bookings.startsAt)).limit(100)
}

/** Change an active booking; undefined when it is no longer active. */
export async function updateActive(db: DbOrTx, id: string, set: Partial<Pick<BookingRow, 'status' | 'cancelledAt' | 'hallId' | 'slotId' | 'startsAt' | 'endsAt' | 'checkedInAt' | 'checkedInBy' | 'queueNumber'>>, scope?: SQL): Promise<BookingRow | undefined> {
  const [row] = await db
    .update(bookings)
    .set(set)
    .where(and(eq(bookings.id, id), eq(bookings.status, 'active'), scope))
    .returning()
  return row
}

/** The next number of a hall's day queue (1, 2, …). */
export async function nextQueueNumber(db: DbOrTx, hallId: string, day: string): Promise<number> {
  const [row] = await db
    .insert(bookingQueue)
    .values({ hallId, day, last: 1 })
    .onConflictDoUpdate({ target: [bookingQueue.hallId, bookingQueue.day], set: { last: sql`${bookingQueue.last} + 1` } })
    .returning({ last: bookingQueue.last })
  return row.last
}

export async function realNameEnc(db: DbOrTx, accountId: string): Promise<string | null | undefined> {
  const [acc] = await db.select({ realNameEnc: accounts.realNameEnc }).from(accounts).where(eq(accounts.id, accountId))
  return acc?.realNameEnc
}

/** A hall's bookings of one day within a staff scope, with the holders' encrypted names. */
export async function dayBookings(db: DbOrTx, hallId: string, date: string, scope: SQL): Promise<Array<{ b: BookingRow; realNameEnc: string | null }>> {
  return db
    .select({ b: bookings, realNameEnc: accounts.realNameEnc })
    .from(bookings)
    .innerJoin(bookingSlots, eq(bookingSlots.id, bookings.slotId))
    .innerJoin(accounts, eq(accounts.id, bookings.accountId))
    .where(and(eq(bookingSlots.hallId, hallId), eq(bookingSlots.day, date), scope))
    .orderBy(bookings.startsAt, bookings.createdAt)
}

// ---- no-shows ----------------------------------------------------------------------------

export async function activeBlock(db: DbOrTx, accountId: string, now: Date): Promise<Date | null> {
  const [b] = await db
    .select({ until: bookingBlocks.until })
    .from(bookingBlocks)
    .where(and(eq(bookingBlocks.accountId, accountId), gt(bookingBlocks.until, now)))
  return b ? b.until : null
}

/** Mark an active booking a no-show once `afterEndMinutes` have passed since its end. */
export async function markNoShow(db: DbOrTx, id: string, afterEndMinutes: number, now: Date): Promise<BookingRow | undefined> {
  const [row] = await db
    .update(bookings)
    .set({ status: 'no_show', noShowAt: now })
    .where(and(eq(bookings.id, id), eq(bookings.status, 'active'), sql`${bookings.endsAt} + make_interval(mins => ${afterEndMinutes}) <= ${now.toISOString()}::timestamptz`))
    .returning()
  return row
}

/** Starts of the person's no-show bookings since `since`. */
export async function noShowStarts(db: DbOrTx, accountId: string, since: Date): Promise<Date[]> {
  const rows = await db
    .select({ startsAt: bookings.startsAt })
    .from(bookings)
    .where(and(eq(bookings.accountId, accountId), eq(bookings.status, 'no_show'), gte(bookings.startsAt, since)))
  return rows.map((r) => r.startsAt)
}

export async function setBlock(db: DbOrTx, accountId: string, until: Date): Promise<void> {
  await db
    .insert(bookingBlocks)
    .values({ accountId, until, reason: 'no_show' })
    .onConflictDoUpdate({ target: bookingBlocks.accountId, set: { until, reason: 'no_show' } })
}

// ---- inbox (消息) and subscribe-message grants ---------------------------------------------

/** The person's newest 100 messages and how many are unread. */
export async function inbox(db: DbOrTx, accountId: string): Promise<{ rows: InboxRow[]; unread: number }> {
  const rows = await db.select().from(inboxMessages).where(eq(inboxMessages.accountId, accountId)).orderBy(desc(inboxMessages.createdAt), desc(inboxMessages.seq)).limit(100)
  const [{ n }] = await db
    .select({ n: count() })
    .from(inboxMessages)
    .where(and(eq(inboxMessages.accountId, accountId), isNull(inboxMessages.readAt)))
  return { rows, unread: Number(n) }
}

/** Mark one of the person's messages read (a first reading keeps its time); false when not theirs. */
export async function markRead(db: DbOrTx, id: string, accountId: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(inboxMessages)
    .set({ readAt: sql`coalesce(${inboxMessages.readAt}, ${now.toISOString()}::timestamptz)` })
    .where(and(eq(inboxMessages.id, id), eq(inboxMessages.accountId, accountId)))
    .returning({ id: inboxMessages.id })
  return rows.length > 0
}

export async function markAllRead(db: DbOrTx, accountId: string, now: Date): Promise<void> {
  await db
    .update(inboxMessages)
    .set({ readAt: now })
    .where(and(eq(inboxMessages.accountId, accountId), isNull(inboxMessages.readAt)))
}

/** One more one-time grant of a template on a channel. */
export async function addGrant(db: DbOrTx, accountId: string, channel: (typeof subscribeGrants.$inferInsert)['channel'], template: string): Promise<void> {
  await db
    .insert(subscribeGrants)
    .values({ accountId, channel, template, remaining: 1 })
    .onConflictDoUpdate({ target: [subscribeGrants.accountId, subscribeGrants.channel, subscribeGrants.template], set: { remaining: sql`${subscribeGrants.remaining} + 1` } })
}
