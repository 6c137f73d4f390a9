// Booking rules against the database. Every invariant that two concurrent requests could break
// is one conditional statement the database decides:
//   - capacity: INSERT … ON CONFLICT DO UPDATE SET booked = booked + 1 WHERE booked < capacity
//     RETURNING (the slot row's lock serialises takers; the CHECK backs it up);
//   - at most 3 active per person: the same pattern on booking_quotas (CHECK active <= 3);
//   - one active booking per person per item: a partial unique index, INSERT … ON CONFLICT DO
//     NOTHING RETURNING;
//   - state changes: UPDATE … WHERE status = 'active' RETURNING.
// A refusal throws, so the request's transaction (idempotency.ts) rolls everything back. book(),
// the hot path, does all of this in one statement of data-modifying CTEs (see there).
import { randomUUID } from 'node:crypto'
import { and, desc, eq, gt, gte, inArray, sql } from 'drizzle-orm'
import {
  CANCEL_UNTIL_BEFORE_MINUTES,
  MAX_ACTIVE_BOOKINGS,
  NO_SHOW_AFTER_END_MINUTES,
  NO_SHOW_WINDOW_DAYS,
  blockedUntil,
  bookableDates,
  bookingDay,
  canCancel,
  canCheckIn,
  chinaDateTime,
  checkBookable,
  checkInWindow,
  eveningReminderAt,
  hourReminderAt,
  noShowAt,
  slotCapacity,
  slotOpen,
  slotsOn,
  type SlotRefusal,
} from '../../../src/domain/booking'
import { chinaLocalTime } from '../../../src/domain/catalog/hours'
import type { Hall, ServiceItem } from '../../../src/domain/catalog/types'
import type { AvailabilityResponse, BookingListResponse, BookingView, DayView, StaffCheckInResponse, StaffDayResponse } from '../../../src/domain/contract/booking'
import { maskName } from '../../../src/domain/mask'
import { format } from '../../../src/domain/messages'
import { api } from '../../../src/domain/messages/zh-CN/api'
import { bookingText } from '../../../src/domain/messages/zh-CN/booking'
import { calendarOverrides } from '../cases/calendar'
import { catalogState } from '../catalog/state'
import type { DbOrTx, Tx } from '../db/client'
import { accounts, auditLog, bookingBlocks, bookingQueue, bookingQuotas, bookingSlots, bookings, inboxMessages } from '../db/schema'
import { ApiError, type ErrorCode } from '../errors'
import type { AuditEntry, StaffIdentity } from '../identity/auth'
import { cancelJobs, enqueueMany, insertJobsSql, type JobSpec } from '../jobs/queue'
import { bookingScope, hallInScope } from '../staff/scope'
import { notify } from '../notify'
import type { SignedCodes } from '../signing'

type BookingRow = typeof bookings.$inferSelect

export const JOB_NO_SHOW = 'booking.no_show'
export const JOB_REMIND = 'booking.remind'

const DAY_MS = 86_400_000

export function findHall(hallId: string): Hall {
  const hall = catalogState().halls.get(hallId)
  if (!hall) throw new ApiError(404, 'BOOKING_HALL_NOT_FOUND')
  return hall
}

export function findItem(code: string): ServiceItem {
  const item = catalogState().items.get(code)
  if (!item) throw new ApiError(404, 'BOOKING_ITEM_NOT_FOUND')
  return item
}

/** The item must be bookable and served in person at the hall. */
export function bookableAt(itemCode: string, hallId: string): { item: ServiceItem; hall: Hall } {
  const item = findItem(itemCode)
  const hall = findHall(hallId)
  if (!item.canBook) throw new ApiError(422, 'BOOKING_ITEM_NOT_BOOKABLE')
  if (!item.halls.includes(hall.id)) throw new ApiError(422, 'BOOKING_ITEM_NOT_AT_HALL')
  return { item, hall }
}

function refusal(reason: SlotRefusal, startsAt: Date): ApiError {
  switch (reason) {
    case 'PAST':
      return new ApiError(422, 'BOOKING_PAST')
    case 'NOT_WORKING_DAY':
      return new ApiError(422, 'BOOKING_NOT_WORKING_DAY', format(api.errors.BOOKING_NOT_WORKING_DAY, { date: chinaLocalTime(startsAt).date }))
    case 'TOO_FAR':
      return new ApiError(422, 'BOOKING_TOO_FAR')
    case 'NOT_A_SLOT':
      return new ApiError(422, 'BOOKING_NOT_A_SLOT')
    case 'CLOSED':
      return new ApiError(422, 'BOOKING_SLOT_CLOSED')
  }
}

export async function availability(db: DbOrTx, itemCode: string, hallId: string, now: Date): Promise<AvailabilityResponse> {
  const { item, hall } = bookableAt(itemCode, hallId)
  const calendar = await calendarOverrides(db)
  const dates = bookableDates(now, calendar)
  const taken = dates.length
    ? await db
        .select({ startsAt: bookingSlots.startsAt, booked: bookingSlots.booked, capacity: bookingSlots.capacity })
        .from(bookingSlots)
        .where(and(eq(bookingSlots.hallId, hall.id), inArray(bookingSlots.day, dates)))
    : []
  const byStart = new Map(taken.map((r) => [r.startsAt.getTime(), r]))
  const capacity = slotCapacity(hall)
  const days: DayView[] = dates.map((date) => {
    const info = bookingDay(date, calendar)
    const slots = slotsOn(hall.hours, date, calendar).map((slot) => {
      const row = byStart.get(slot.startsAt.getTime())
      const cap = row?.capacity ?? capacity
      const remaining = Math.max(0, cap - (row?.booked ?? 0))
      return { start: slot.start, end: slot.end, startsAt: slot.startsAt.toISOString(), capacity: cap, remaining, open: slot.startsAt > now && slotOpen(slot.startsAt, now) && remaining > 0 }
    })
    return { date, weekday: info.weekday, adjusted: info.kind === 'adjustedWorkday', ...(info.holidayName ? { holidayName: info.holidayName } : {}), slots }
  })
  return { hallId: hall.id, hallName: hall.name, itemCode: item.code, itemName: item.name, days }
}

async function activeBlock(db: DbOrTx, accountId: string, now: Date): Promise<Date | null> {
  const [b] = await db
    .select({ until: bookingBlocks.until })
    .from(bookingBlocks)
    .where(and(eq(bookingBlocks.accountId, accountId), gt(bookingBlocks.until, now)))
  return b ? b.until : null
}

function blockedError(until: Date): ApiError {
  return new ApiError(403, 'BOOKING_BLOCKED', format(api.errors.BOOKING_BLOCKED, { until: chinaDateTime(until).slice(0, 10) }), undefined, { lockedUntil: until.toISOString() })
}

/** The slot's row (created on first use, never locked here); its id and whether it looks full. */
async function slotRow(db: DbOrTx, hall: Hall, slot: { date: string; startsAt: Date; endsAt: Date }): Promise<{ id: string; full: boolean }> {
  const where = and(eq(bookingSlots.hallId, hall.id), eq(bookingSlots.startsAt, slot.startsAt))
  let [row] = await db.select({ id: bookingSlots.id, booked: bookingSlots.booked, capacity: bookingSlots.capacity }).from(bookingSlots).where(where)
  if (!row) {
    await db.insert(bookingSlots).values({ hallId: hall.id, day: slot.date, startsAt: slot.startsAt, endsAt: slot.endsAt, capacity: slotCapacity(hall) }).onConflictDoNothing()
    ;[row] = await db.select({ id: bookingSlots.id, booked: bookingSlots.booked, capacity: bookingSlots.capacity }).from(bookingSlots).where(where)
  }
  return { id: row.id, full: row.booked >= row.capacity }
}

/**
 * Take one place: the conditional UPDATE is what enforces capacity (its row lock serialises
 * concurrent takers; each re-checks `booked < capacity` on the latest row). Done last in the
 * transaction so the lock is held only until commit.
 */
async function takePlace(db: DbOrTx, slotId: string): Promise<boolean> {
  const rows = await db
    .update(bookingSlots)
    .set({ booked: sql`${bookingSlots.booked} + 1` })
    .where(and(eq(bookingSlots.id, slotId), sql`${bookingSlots.booked} < ${bookingSlots.capacity}`))
    .returning({ id: bookingSlots.id })
  return rows.length > 0
}

async function releasePlace(db: DbOrTx, slotId: string): Promise<void> {
  await db
    .update(bookingSlots)
    .set({ booked: sql`${bookingSlots.booked} - 1` })
    .where(eq(bookingSlots.id, slotId))
}

async function releaseQuota(db: DbOrTx, accountId: string): Promise<void> {
  await db
    .update(bookingQuotas)
    .set({ active: sql`${bookingQuotas.active} - 1` })
    .where(and(eq(bookingQuotas.accountId, accountId), gt(bookingQuotas.active, 0)))
}

const jobKeys = (id: string) => [`bk:${id}:eve`, `bk:${id}:hour`, `bk:${id}:noshow`]

function jobSpecs(b: Pick<BookingRow, 'id' | 'startsAt' | 'endsAt'>, now: Date): JobSpec[] {
  const [eve, hour, noshow] = jobKeys(b.id)
  const evening = eveningReminderAt(b.startsAt)
  const hourly = hourReminderAt(b.startsAt)
  const specs: JobSpec[] = [{ name: JOB_NO_SHOW, data: { bookingId: b.id }, runAt: noShowAt(b.endsAt), singletonKey: noshow }]
  if (evening > now) specs.push({ name: JOB_REMIND, data: { bookingId: b.id, which: 'evening' }, runAt: evening, singletonKey: eve })
  if (hourly > now) specs.push({ name: JOB_REMIND, data: { bookingId: b.id, which: 'hour' }, runAt: hourly, singletonKey: hour })
  return specs
}

async function scheduleJobs(db: DbOrTx, b: Pick<BookingRow, 'id' | 'startsAt' | 'endsAt'>, now: Date): Promise<void> {
  await enqueueMany(db, jobSpecs(b, now), now)
}

export function bookingLink(id: string): string {
  return `/packages/booking/pages/detail?id=${id}`
}

export interface BookInput {
  accountId: string
  itemCode: string
  hallId: string
  startsAt: Date
}

interface BookOutcome {
  blocked_until_ms: number | null
  duplicate: boolean
  slot_full: boolean
  quota_taken: boolean
  slot_id: string | null
  booking_id: string | null
}

const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`

/**
 * Book in one statement (one database round trip; the request's transaction commits it). The
 * data-modifying CTEs run in dependency order, each only when the one before it yielded a row:
 *   pre  – what the refusals need for a clear message (no-show block, an active booking of the
 *          same item, a full slot). Only messages come from it, and it gates the rest;
 *   q    – the "3 active" quota: INSERT … ON CONFLICT DO UPDATE … WHERE active < 3 (row lock +
 *          CHECK) — taken first, the same lock order as cancel();
 *   s    – the place: the slot row is created with booked = 1 on first use, else
 *          booked + 1 WHERE booked < capacity (its row lock serialises takers; CHECK backs it up);
 *   b    – the booking: the partial unique index (one active per item) with ON CONFLICT DO NOTHING;
 *   j, n – its reminder/no-show jobs (singleton keys) and the inbox confirmation (the row notify()
 *          writes for a notice without a push template);
 *   a    – the audit row, when the caller passes one (its detail gets the new booking's id).
 * A refusal throws, and the request's transaction rolls back whatever the statement took.
 */
export async function book(db: DbOrTx, input: BookInput, now: Date, audit?: AuditEntry | null): Promise<BookingRow> {
  const { item, hall } = bookableAt(input.itemCode, input.hallId)
  const check = checkBookable(hall.hours, input.startsAt, now, await calendarOverrides(db))
  if (!check.ok) throw refusal(check.reason, input.startsAt)
  const slot = check.slot
  const id = randomUUID()
  const acc = sql`${input.accountId}::uuid`
  const starts = ts(slot.startsAt)
  const ends = ts(slot.endsAt)
  const at = ts(now)
  const jobsOfBooking = insertJobsSql(jobSpecs({ id, startsAt: slot.startsAt, endsAt: slot.endsAt }, now), now, sql`b`)
  const notice = {
    title: bookingText.notice.createdTitle,
    body: format(bookingText.notice.createdBody, { item: item.name, hall: hall.name, time: `${slot.date} ${slot.start}-${slot.end}` }),
    link: bookingLink(id),
  }
  const result = await db.execute(sql`
    with pre as (
      select
        (select (extract(epoch from bb.until) * 1000)::float8 from ${bookingBlocks} bb where bb.account_id = ${acc} and bb.until > ${at}) as blocked_until_ms,
        exists (select 1 from ${bookings} x where x.account_id = ${acc} and x.item_code = ${item.code} and x.status = 'active') as duplicate,
        coalesce((select bs.booked >= bs.capacity from ${bookingSlots} bs where bs.hall_id = ${hall.id} and bs.starts_at = ${starts}), false) as slot_full
    ),
    q as (
      insert into ${bookingQuotas} as bq (account_id, active)
      select ${acc}, 1 from pre where pre.blocked_until_ms is null and not pre.duplicate and not pre.slot_full
      on conflict (account_id) do update set active = bq.active + 1 where bq.active < ${MAX_ACTIVE_BOOKINGS}
      returning 1
    ),
    s as (
      insert into ${bookingSlots} as bs (hall_id, day, starts_at, ends_at, capacity, booked)
      select ${hall.id}, ${slot.date}::date, ${starts}, ${ends}, ${slotCapacity(hall)}::int, 1 from q
      on conflict (hall_id, starts_at) do update set booked = bs.booked + 1 where bs.booked < bs.capacity
      returning bs.id
    ),
    b as (
      insert into ${bookings} (id, account_id, item_code, hall_id, slot_id, starts_at, ends_at, created_at)
      select ${id}::uuid, ${acc}, ${item.code}, ${hall.id}, s.id, ${starts}, ${ends}, ${at} from s
      on conflict do nothing
      returning id
    ),
    j as (${jobsOfBooking}),
    n as (
      insert into ${inboxMessages} (account_id, kind, title, body, link, created_at)
      select ${acc}, 'booking.created', ${notice.title}, ${notice.body}, ${notice.link}, ${at} from b
    )${audit ? sql`,
    a as (
      insert into ${auditLog} (at, audience, actor_id, acting_kind, acting_id, mandate_id, action, detail)
      select ${ts(audit.at)}, ${audit.audience}, ${audit.actorId}::uuid, ${audit.actingKind}, ${audit.actingId ?? null}::uuid, ${audit.mandateId ?? null}::uuid, ${audit.action},
        ${JSON.stringify({ bookingId: id, ...(audit.detail as Record<string, unknown> | undefined) })}::jsonb from b
    )` : sql``}
    select pre.blocked_until_ms, pre.duplicate, pre.slot_full,
      exists (select 1 from q) as quota_taken,
      (select s.id from s) as slot_id,
      (select b.id from b) as booking_id
    from pre`)
  const out = rowsOf<BookOutcome>(result)[0]
  if (out.blocked_until_ms !== null) throw blockedError(new Date(Number(out.blocked_until_ms)))
  if (out.duplicate) throw new ApiError(409, 'BOOKING_DUPLICATE')
  if (out.slot_full) throw new ApiError(409, 'BOOKING_SLOT_FULL')
  if (!out.quota_taken) throw new ApiError(409, 'BOOKING_TOO_MANY', format(api.errors.BOOKING_TOO_MANY, { max: MAX_ACTIVE_BOOKINGS }))
  if (!out.slot_id) throw new ApiError(409, 'BOOKING_SLOT_FULL')
  if (!out.booking_id) throw new ApiError(409, 'BOOKING_DUPLICATE')
  return {
    id,
    accountId: input.accountId,
    itemCode: item.code,
    hallId: hall.id,
    slotId: out.slot_id,
    startsAt: slot.startsAt,
    endsAt: slot.endsAt,
    status: 'active',
    createdAt: now,
    cancelledAt: null,
    checkedInAt: null,
    checkedInBy: null,
    queueNumber: null,
    noShowAt: null,
  }
}

/** Rows of a raw `execute()`: node-postgres answers a QueryResult, PGlite a Results; both have `rows`. */
function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows
}

/** The holder's own booking; someone else's looks exactly like a missing one (`notFound`, 404). */
export async function ownBooking(db: DbOrTx, id: string, accountId: string, notFound: ErrorCode = 'BOOKING_NOT_FOUND'): Promise<BookingRow> {
  const [row] = await db
    .select()
    .from(bookings)
    .where(and(eq(bookings.id, id), eq(bookings.accountId, accountId)))
  if (!row) throw new ApiError(404, notFound)
  return row
}

export async function cancel(db: DbOrTx, id: string, accountId: string, now: Date): Promise<BookingRow> {
  const current = await ownBooking(db, id, accountId)
  if (current.status !== 'active') throw new ApiError(409, 'BOOKING_NOT_ACTIVE')
  if (!canCancel(current.startsAt, now)) throw new ApiError(409, 'BOOKING_TOO_LATE_TO_CANCEL')
  const [row] = await db
    .update(bookings)
    .set({ status: 'cancelled', cancelledAt: now })
    .where(and(eq(bookings.id, id), eq(bookings.status, 'active')))
    .returning()
  if (!row) throw new ApiError(409, 'BOOKING_NOT_ACTIVE')
  // Quota before slot: the same lock order as book(), so the two cannot deadlock.
  await releaseQuota(db, accountId)
  await releasePlace(db, row.slotId)
  await cancelJobs(db, jobKeys(id))
  // The inbox keeps a record of every change the person made, not only of the booking itself.
  const v = await toView(row, now)
  await notify(db, { accountId, kind: 'booking.cancelled', title: bookingText.notice.cancelledTitle, body: format(bookingText.notice.cancelledBody, { item: v.itemName, hall: v.hallName, time: `${v.date} ${v.start}-${v.end}` }), link: bookingLink(id) }, now)
  return row
}

/** Move to another slot in one step: the old place is released only once the new one is taken. */
export async function reschedule(db: DbOrTx, id: string, accountId: string, to: { hallId?: string; startsAt: Date }, now: Date): Promise<BookingRow> {
  const current = await ownBooking(db, id, accountId)
  if (current.status !== 'active') throw new ApiError(409, 'BOOKING_NOT_ACTIVE')
  if (!canCancel(current.startsAt, now)) throw new ApiError(409, 'BOOKING_TOO_LATE_TO_CANCEL')
  const { hall } = bookableAt(current.itemCode, to.hallId ?? current.hallId)
  if (hall.id === current.hallId && to.startsAt.getTime() === current.startsAt.getTime()) throw new ApiError(422, 'BOOKING_SAME_SLOT')
  const check = checkBookable(hall.hours, to.startsAt, now, await calendarOverrides(db))
  if (!check.ok) throw refusal(check.reason, to.startsAt)
  const slot = await slotRow(db, hall, check.slot)
  if (slot.full) throw new ApiError(409, 'BOOKING_SLOT_FULL')
  // Both slot rows are locked in id order (two people swapping slots cannot deadlock). Releasing
  // first is safe: a refusal rolls the whole transaction back, the old place included.
  if (current.slotId < slot.id) await releasePlace(db, current.slotId)
  if (!(await takePlace(db, slot.id))) throw new ApiError(409, 'BOOKING_SLOT_FULL')
  if (current.slotId > slot.id) await releasePlace(db, current.slotId)
  const [row] = await db
    .update(bookings)
    .set({ hallId: hall.id, slotId: slot.id, startsAt: check.slot.startsAt, endsAt: check.slot.endsAt })
    .where(and(eq(bookings.id, id), eq(bookings.status, 'active')))
    .returning()
  if (!row) throw new ApiError(409, 'BOOKING_NOT_ACTIVE')
  await cancelJobs(db, jobKeys(id))
  await scheduleJobs(db, row, now)
  const before = await toView(current, now)
  const v = await toView(row, now)
  await notify(
    db,
    {
      accountId,
      kind: 'booking.rescheduled',
      title: bookingText.notice.rescheduledTitle,
      body: format(bookingText.notice.rescheduledBody, { item: v.itemName, hall: v.hallName, time: `${v.date} ${v.start}-${v.end}`, from: `${before.date} ${before.start}-${before.end}` }),
      link: bookingLink(id),
    },
    now,
  )
  return row
}

export async function toView(row: BookingRow, now: Date, codes?: SignedCodes, db?: DbOrTx): Promise<BookingView> {
  const st = catalogState()
  const hall = st.halls.get(row.hallId)
  const item = st.items.get(row.itemCode)
  const local = chinaLocalTime(row.startsAt)
  const end = chinaLocalTime(row.endsAt)
  const hm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`
  const cancellableUntil = new Date(row.startsAt.getTime() - CANCEL_UNTIL_BEFORE_MINUTES * 60_000)
  const view: BookingView = {
    id: row.id,
    itemCode: row.itemCode,
    itemName: item?.name ?? row.itemCode,
    hallId: row.hallId,
    hallName: hall?.name ?? row.hallId,
    hallAddress: hall?.address ?? '',
    date: local.date,
    start: hm(local.minutes),
    end: hm(end.minutes),
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    cancellableUntil: cancellableUntil.toISOString(),
    canCancel: row.status === 'active' && canCancel(row.startsAt, now),
  }
  if (row.queueNumber) view.queueNumber = row.queueNumber
  if (row.checkedInAt) view.checkedInAt = row.checkedInAt.toISOString()
  if (row.status === 'active') {
    const w = checkInWindow(row.startsAt, row.endsAt)
    view.checkIn = { validFrom: w.from.toISOString(), validUntil: w.until.toISOString() }
    if (codes && canCheckIn(row.startsAt, row.endsAt, now) === 'ok') {
      const ttlSeconds = Math.max(1, Math.ceil((w.until.getTime() - now.getTime()) / 1000))
      view.checkIn.code = await codes.sign('chk', { b: row.id, h: row.hallId }, { now, ttlSeconds, db })
    }
  }
  return view
}

export async function listMine(db: DbOrTx, accountId: string, now: Date): Promise<BookingListResponse> {
  const rows = await db.select().from(bookings).where(eq(bookings.accountId, accountId)).orderBy(desc(bookings.startsAt)).limit(100)
  const items = await Promise.all(rows.map((r) => toView(r, now)))
  const blocked = await activeBlock(db, accountId, now)
  return {
    items,
    activeCount: rows.filter((r) => r.status === 'active').length,
    maxActive: MAX_ACTIVE_BOOKINGS,
    ...(blocked ? { blockedUntil: blocked.toISOString() } : {}),
  }
}

export async function getMine(db: DbOrTx, id: string, accountId: string, now: Date, codes: SignedCodes): Promise<BookingView> {
  return toView(await ownBooking(db, id, accountId), now, codes, db)
}

async function nextQueueNumber(db: DbOrTx, hallId: string, day: string): Promise<string> {
  const [row] = await db
    .insert(bookingQueue)
    .values({ hallId, day, last: 1 })
    .onConflictDoUpdate({ target: [bookingQueue.hallId, bookingQueue.day], set: { last: sql`${bookingQueue.last} + 1` } })
    .returning({ last: bookingQueue.last })
  // Y = 预约 (appointment) numbers, apart from the walk-in ticket machine's.
  return `Y${String(row.last).padStart(3, '0')}`
}

async function staffView(db: DbOrTx, row: BookingRow, decrypt: (s: string) => string, already: boolean): Promise<StaffCheckInResponse> {
  const [acc] = await db.select({ realNameEnc: accounts.realNameEnc }).from(accounts).where(eq(accounts.id, row.accountId))
  const st = catalogState()
  const v = await toView(row, row.checkedInAt ?? new Date(0))
  return {
    bookingId: row.id,
    queueNumber: row.queueNumber ?? '',
    name: acc?.realNameEnc ? maskName(decrypt(acc.realNameEnc)) : '',
    itemName: st.items.get(row.itemCode)?.name ?? row.itemCode,
    hallName: st.halls.get(row.hallId)?.name ?? row.hallId,
    start: v.start,
    end: v.end,
    checkedInAt: (row.checkedInAt ?? new Date(0)).toISOString(),
    already,
  }
}

export async function checkIn(db: DbOrTx, code: string, staff: StaffIdentity, now: Date, codes: SignedCodes, decrypt: (s: string) => string): Promise<StaffCheckInResponse> {
  const staffId = staff.staffId
  const verified = await codes.verify(code, { now, kind: 'chk', db })
  if (!verified.ok) throw new ApiError(422, verified.reason === 'expired' ? 'CHECKIN_CODE_EXPIRED' : 'CHECKIN_CODE_INVALID')
  const id = verified.claims.b
  if (typeof id !== 'string' || !/^[0-9a-f-]{36}$/i.test(id)) throw new ApiError(422, 'CHECKIN_CODE_INVALID')
  // Only bookings at the officer's halls are read; the signed code names its hall (claim h), so a
  // code shown at the wrong hall is told where to go without reading the booking.
  const [current] = await db.select().from(bookings).where(and(eq(bookings.id, id), bookingScope(staff)))
  if (!current) {
    const hallId = typeof verified.claims.h === 'string' ? verified.claims.h : undefined
    const hall = hallId ? catalogState().halls.get(hallId) : undefined
    if (hall) throw new ApiError(409, 'CHECKIN_WRONG_HALL', format(api.errors.CHECKIN_WRONG_HALL, { hall: hall.name }))
    throw new ApiError(409, 'CHECKIN_WRONG_HALL', format(api.errors.CHECKIN_WRONG_HALL, { hall: '预约的大厅' }))
  }
  if (current.status === 'checked_in') return staffView(db, current, decrypt, true)
  if (current.status !== 'active') throw new ApiError(409, 'CHECKIN_NOT_ACTIVE')
  const when = canCheckIn(current.startsAt, current.endsAt, now)
  if (when === 'early') throw new ApiError(422, 'CHECKIN_TOO_EARLY')
  if (when === 'late') throw new ApiError(422, 'CHECKIN_TOO_LATE')
  const queueNumber = await nextQueueNumber(db, current.hallId, chinaLocalTime(current.startsAt).date)
  const [row] = await db
    .update(bookings)
    .set({ status: 'checked_in', checkedInAt: now, checkedInBy: staffId, queueNumber })
    .where(and(eq(bookings.id, id), eq(bookings.status, 'active'), bookingScope(staff)))
    .returning()
  if (!row) throw new ApiError(409, 'CHECKIN_NOT_ACTIVE')
  await releaseQuota(db, row.accountId)
  await cancelJobs(db, jobKeys(id))
  return staffView(db, row, decrypt, false)
}

export async function staffDay(db: DbOrTx, staff: StaffIdentity, hallId: string, date: string, decrypt: (s: string) => string): Promise<StaffDayResponse> {
  const hall = findHall(hallId)
  if (!hallInScope(staff, hall.id)) throw new ApiError(403, 'STAFF_OUT_OF_SCOPE')
  const calendar = await calendarOverrides(db)
  const info = bookingDay(date, calendar)
  const rows = await db
    .select({ b: bookings, realNameEnc: accounts.realNameEnc })
    .from(bookings)
    .innerJoin(bookingSlots, eq(bookingSlots.id, bookings.slotId))
    .innerJoin(accounts, eq(accounts.id, bookings.accountId))
    .where(and(eq(bookingSlots.hallId, hall.id), eq(bookingSlots.day, date), bookingScope(staff)))
    .orderBy(bookings.startsAt, bookings.createdAt)
  const st = catalogState()
  const totals = { booked: 0, checkedIn: 0, noShow: 0, cancelled: 0 }
  const times = slotsOn(hall.hours, date, calendar)
  const slots = times.map((s) => ({ start: s.start, end: s.end, capacity: slotCapacity(hall), booked: 0, bookings: [] as StaffDayResponse['slots'][number]['bookings'] }))
  const byStart = new Map(times.map((s, i) => [s.startsAt.getTime(), slots[i]]))
  for (const { b, realNameEnc } of rows) {
    const slot = byStart.get(b.startsAt.getTime())
    if (b.status === 'cancelled') totals.cancelled++
    else totals.booked++
    if (b.status === 'checked_in') totals.checkedIn++
    if (b.status === 'no_show') totals.noShow++
    if (!slot) continue
    if (b.status !== 'cancelled') slot.booked++
    slot.bookings.push({
      id: b.id,
      name: realNameEnc ? maskName(decrypt(realNameEnc)) : '',
      itemName: st.items.get(b.itemCode)?.name ?? b.itemCode,
      status: b.status,
      ...(b.queueNumber ? { queueNumber: b.queueNumber } : {}),
    })
  }
  return { hallId: hall.id, hallName: hall.name, date, working: info.working, totals, slots }
}

/** Job: mark a booking not checked in by NO_SHOW_AFTER_END_MINUTES after its end a no-show; 3 in 90 days block. */
export async function markNoShow(tx: Tx, data: Record<string, unknown>, now: Date): Promise<void> {
  const id = String(data.bookingId)
  const [row] = await tx
    .update(bookings)
    .set({ status: 'no_show', noShowAt: now })
    .where(and(eq(bookings.id, id), eq(bookings.status, 'active'), sql`${bookings.endsAt} + make_interval(mins => ${NO_SHOW_AFTER_END_MINUTES}) <= ${now.toISOString()}::timestamptz`))
    .returning()
  if (!row) return
  await releaseQuota(tx, row.accountId)
  const recent = await tx
    .select({ startsAt: bookings.startsAt })
    .from(bookings)
    .where(and(eq(bookings.accountId, row.accountId), eq(bookings.status, 'no_show'), gte(bookings.startsAt, new Date(now.getTime() - NO_SHOW_WINDOW_DAYS * DAY_MS))))
  const until = blockedUntil(
    recent.map((r) => r.startsAt),
    now,
  )
  const v = await toView(row, now)
  await notify(tx, { accountId: row.accountId, kind: 'booking.no_show', title: bookingText.notice.noShowTitle, body: format(bookingText.notice.noShowBody, { item: v.itemName, time: `${v.date} ${v.start}` }), link: bookingLink(row.id) }, now)
  if (until) {
    await tx
      .insert(bookingBlocks)
      .values({ accountId: row.accountId, until, reason: 'no_show' })
      .onConflictDoUpdate({ target: bookingBlocks.accountId, set: { until, reason: 'no_show' } })
    await notify(tx, { accountId: row.accountId, kind: 'booking.blocked', title: bookingText.notice.blockedTitle, body: format(bookingText.notice.blockedBody, { until: chinaDateTime(until).slice(0, 10) }) }, now)
  }
}

/** Job: the evening-before and one-hour reminders, to the inbox and the subscribe message. */
export async function remind(tx: Tx, data: Record<string, unknown>, now: Date): Promise<void> {
  const [row] = await tx
    .select()
    .from(bookings)
    .where(eq(bookings.id, String(data.bookingId)))
  if (!row || row.status !== 'active') return
  const v = await toView(row, now)
  const time = `${v.date} ${v.start}-${v.end}`
  await notify(
    tx,
    {
      accountId: row.accountId,
      kind: `booking.remind.${data.which === 'hour' ? 'hour' : 'evening'}`,
      title: data.which === 'hour' ? bookingText.notice.hourTitle : bookingText.notice.eveningTitle,
      body: format(bookingText.notice.remindBody, { item: v.itemName, hall: v.hallName, address: v.hallAddress, time }),
      link: bookingLink(row.id),
      template: 'booking_reminder',
      fields: { item: v.itemName, time, place: v.hallName },
    },
    now,
  )
}
