// Booking rules against the database. Every invariant that two concurrent requests could break
// is one conditional statement the database decides:
//   - capacity: INSERT … ON CONFLICT DO UPDATE SET booked = booked + 1 WHERE booked < capacity
//     RETURNING (the slot row's lock serialises takers; the CHECK backs it up);
//   - at most 3 active per person: the same pattern on booking_quotas (CHECK active <= 3);
//   - one active booking per person per item: a partial unique index, INSERT … ON CONFLICT DO
//     NOTHING RETURNING;
//   - state changes: UPDATE … WHERE status = 'active' RETURNING.
// A refusal throws, so the request's transaction (idempotency.ts) rolls everything back. book(),
// the hot path, takes quota, place and booking in one statement (repo.ts takeBooking). The
// statements are in repo.ts; this file holds the rules.
import { randomUUID } from 'node:crypto'
import type { FastifyRequest } from 'fastify'
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
import type { AvailabilityResponse, BookingListResponse, BookingView, DayView, HallLoadResponse, StaffCheckInResponse, StaffDayResponse } from '../../../src/domain/contract/booking'
import type { InboxResponse, SubscribeGrantBody } from '../../../src/domain/contract'
import { maskName } from '../../../src/domain/mask'
import { format } from '../../../src/domain/messages'
import { api } from '../../../src/domain/messages/zh-CN/api'
import { bookingText } from '../../../src/domain/messages/zh-CN/booking'
import { calendarOverrides } from '../cases/calendar'
import { catalogState } from '../catalog/state'
import type { DbOrTx, Tx } from '../db/client'
import { ApiError, type ErrorCode } from '../errors'
import { audit, type StaffIdentity } from '../identity/auth'
import { cancelJobs, enqueueMany, type JobSpec } from '../jobs/queue'
import { bookingScope, hallInScope } from '../staff/scope'
import { notify, notifyWithAnswer } from '../notify'
import type { SignedCodes } from '../signing'
import * as repo from './repo'
import type { BookingRow } from './repo'

export type { BookingRow } from './repo'

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
  const taken = await repo.slotsOnDays(db, hall.id, dates)
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

function blockedError(until: Date): ApiError {
  return new ApiError(403, 'BOOKING_BLOCKED', format(api.errors.BOOKING_BLOCKED, { until: chinaDateTime(until).slice(0, 10) }), undefined, { lockedUntil: until.toISOString() })
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

/**
 * Book: the quota, the place and the booking are taken in one statement (repo.ts takeBooking);
 * then, only when it took them, the reminder and no-show jobs (enqueueMany), the inbox
 * confirmation (notify) and, given the request, its audit row (audit), all in the caller's
 * transaction. A refusal throws, and the request's transaction rolls back whatever was taken.
 */
export async function book(db: DbOrTx, input: BookInput, now: Date, request?: FastifyRequest): Promise<BookingRow> {
  const { item, hall } = bookableAt(input.itemCode, input.hallId)
  const check = checkBookable(hall.hours, input.startsAt, now, await calendarOverrides(db))
  if (!check.ok) throw refusal(check.reason, input.startsAt)
  const slot = check.slot
  const id = randomUUID()
  const out = await repo.takeBooking(db, { id, accountId: input.accountId, itemCode: item.code, hallId: hall.id, date: slot.date, startsAt: slot.startsAt, endsAt: slot.endsAt, capacity: slotCapacity(hall), now })
  if (out.blocked_until_ms !== null) throw blockedError(new Date(Number(out.blocked_until_ms)))
  if (out.duplicate) throw new ApiError(409, 'BOOKING_DUPLICATE')
  if (out.slot_full) throw new ApiError(409, 'BOOKING_SLOT_FULL')
  if (!out.quota_taken) throw new ApiError(409, 'BOOKING_TOO_MANY', format(api.errors.BOOKING_TOO_MANY, { max: MAX_ACTIVE_BOOKINGS }))
  if (!out.slot_id) throw new ApiError(409, 'BOOKING_SLOT_FULL')
  if (!out.booking_id) throw new ApiError(409, 'BOOKING_DUPLICATE')
  await scheduleJobs(db, { id, startsAt: slot.startsAt, endsAt: slot.endsAt }, now)
  const notice = {
    accountId: input.accountId,
    kind: 'booking.created',
    title: bookingText.notice.createdTitle,
    body: format(bookingText.notice.createdBody, { item: item.name, hall: hall.name, time: `${slot.date} ${slot.start}-${slot.end}` }),
    link: bookingLink(id),
  }
  if (request) {
    // Inbox and audit rows go with the stored answer (nothing in this request reads them back):
    // two round trips fewer while the slot's row lock is held.
    await notifyWithAnswer(request, db, notice, now)
    await audit(db, request, 'booking.create', now, { bookingId: id, item: input.itemCode, hall: input.hallId }, { withAnswer: true })
  } else {
    await notify(db, notice, now)
  }
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

/** The holder's own booking; someone else's looks exactly like a missing one (`notFound`, 404). */
export async function ownBooking(db: DbOrTx, id: string, accountId: string, notFound: ErrorCode = 'BOOKING_NOT_FOUND'): Promise<BookingRow> {
  const row = await repo.bookingOf(db, id, accountId)
  if (!row) throw new ApiError(404, notFound)
  return row
}

export async function cancel(db: DbOrTx, id: string, accountId: string, now: Date): Promise<BookingRow> {
  const current = await ownBooking(db, id, accountId)
  if (current.status !== 'active') throw new ApiError(409, 'BOOKING_NOT_ACTIVE')
  if (!canCancel(current.startsAt, now)) throw new ApiError(409, 'BOOKING_TOO_LATE_TO_CANCEL')
  const row = await repo.updateActive(db, id, { status: 'cancelled', cancelledAt: now })
  if (!row) throw new ApiError(409, 'BOOKING_NOT_ACTIVE')
  // Quota before slot: the same lock order as book(), so the two cannot deadlock.
  await repo.releaseQuota(db, accountId)
  await repo.releasePlace(db, row.slotId)
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
  const slot = await repo.slotRow(db, hall.id, check.slot, slotCapacity(hall))
  if (slot.full) throw new ApiError(409, 'BOOKING_SLOT_FULL')
  // Both slot rows are locked in id order (two people swapping slots cannot deadlock). Releasing
  // first is safe: a refusal rolls the whole transaction back, the old place included.
  if (current.slotId < slot.id) await repo.releasePlace(db, current.slotId)
  if (!(await repo.takePlace(db, slot.id))) throw new ApiError(409, 'BOOKING_SLOT_FULL')
  if (current.slotId > slot.id) await repo.releasePlace(db, current.slotId)
  const row = await repo.updateActive(db, id, { hallId: hall.id, slotId: slot.id, startsAt: check.slot.startsAt, endsAt: check.slot.endsAt })
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
  const rows = await repo.bookingsOf(db, accountId)
  const items = await Promise.all(rows.map((r) => toView(r, now)))
  const blocked = await repo.activeBlock(db, accountId, now)
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
  const last = await repo.nextQueueNumber(db, hallId, day)
  // Y = 预约 (appointment) numbers, apart from the walk-in ticket machine's.
  return `Y${String(last).padStart(3, '0')}`
}

async function staffView(db: DbOrTx, row: BookingRow, decrypt: (s: string) => string, already: boolean): Promise<StaffCheckInResponse> {
  const realNameEnc = await repo.realNameEnc(db, row.accountId)
  const st = catalogState()
  const v = await toView(row, row.checkedInAt ?? new Date(0))
  return {
    bookingId: row.id,
    queueNumber: row.queueNumber ?? '',
    name: realNameEnc ? maskName(decrypt(realNameEnc)) : '',
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
  const current = await repo.bookingIn(db, id, bookingScope(staff))
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
  const row = await repo.updateActive(db, id, { status: 'checked_in', checkedInAt: now, checkedInBy: staffId, queueNumber }, bookingScope(staff))
  if (!row) throw new ApiError(409, 'CHECKIN_NOT_ACTIVE')
  await repo.releaseQuota(db, row.accountId)
  await cancelJobs(db, jobKeys(id))
  return staffView(db, row, decrypt, false)
}

export async function staffDay(db: DbOrTx, staff: StaffIdentity, hallId: string, date: string, decrypt: (s: string) => string): Promise<StaffDayResponse> {
  const hall = findHall(hallId)
  if (!hallInScope(staff, hall.id)) throw new ApiError(403, 'STAFF_OUT_OF_SCOPE')
  const calendar = await calendarOverrides(db)
  const info = bookingDay(date, calendar)
  const rows = await repo.dayBookings(db, hall.id, date, bookingScope(staff))
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
  const row = await repo.markNoShow(tx, id, NO_SHOW_AFTER_END_MINUTES, now)
  if (!row) return
  await repo.releaseQuota(tx, row.accountId)
  const until = blockedUntil(await repo.noShowStarts(tx, row.accountId, new Date(now.getTime() - NO_SHOW_WINDOW_DAYS * DAY_MS)), now)
  const v = await toView(row, now)
  await notify(tx, { accountId: row.accountId, kind: 'booking.no_show', title: bookingText.notice.noShowTitle, body: format(bookingText.notice.noShowBody, { item: v.itemName, time: `${v.date} ${v.start}` }), link: bookingLink(row.id) }, now)
  if (until) {
    await repo.setBlock(tx, row.accountId, until)
    await notify(tx, { accountId: row.accountId, kind: 'booking.blocked', title: bookingText.notice.blockedTitle, body: format(bookingText.notice.blockedBody, { until: chinaDateTime(until).slice(0, 10) }) }, now)
  }
}

/** Job: the evening-before and one-hour reminders, to the inbox and the subscribe message. */
export async function remind(tx: Tx, data: Record<string, unknown>, now: Date): Promise<void> {
  const row = await repo.booking(tx, String(data.bookingId))
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

/** 就近办: today's booking load of a hall (issue 4). Public: counts only, nothing about who booked. */
export async function hallLoad(db: DbOrTx, hallId: string, now: Date): Promise<HallLoadResponse> {
  const hall = catalogState().halls.get(hallId)
  if (!hall) throw new ApiError(404, 'NOT_FOUND')
  const date = chinaLocalTime(now).date
  const rows = await repo.slotsOnDays(db, hall.id, [date])
  const byStart = new Map(rows.map((r) => [r.startsAt.getTime(), r]))
  const perSlot = slotCapacity(hall)
  const slots = slotsOn(hall.hours, date, await calendarOverrides(db)).map((t) => {
    const row = byStart.get(t.startsAt.getTime())
    return { start: t.start, end: t.end, capacity: row?.capacity ?? perSlot, booked: row?.booked ?? 0 }
  })
  return {
    hallId: hall.id,
    date,
    capacity: slots.reduce((n, x) => n + x.capacity, 0),
    booked: slots.reduce((n, x) => n + x.booked, 0),
    slots,
  }
}

// ---- inbox (消息) --------------------------------------------------------------------------

export async function inbox(db: DbOrTx, accountId: string): Promise<InboxResponse> {
  const { rows, unread } = await repo.inbox(db, accountId)
  return {
    items: rows.map((r) => ({ id: r.id, kind: r.kind, title: r.title, body: r.body, ...(r.link ? { link: r.link } : {}), createdAt: r.createdAt.toISOString(), read: r.readAt !== null })),
    unread,
  }
}

export async function markRead(db: DbOrTx, id: string, accountId: string, now: Date): Promise<void> {
  if (!(await repo.markRead(db, id, accountId, now))) throw new ApiError(404, 'NOT_FOUND_OR_FORBIDDEN')
}

export async function markAllRead(db: DbOrTx, accountId: string, now: Date): Promise<void> {
  await repo.markAllRead(db, accountId, now)
}

/** The templates accepted in requestSubscribeMessage: one more message each. */
export async function grantSubscriptions(db: DbOrTx, accountId: string, body: SubscribeGrantBody): Promise<void> {
  for (const template of new Set(body.accepted)) await repo.addGrant(db, accountId, body.channel, template)
}
