// 预约: availability, book, 我的预约, cancel, reschedule, the check-in code; staff check-in and
// day view; the inbox (消息) and subscribe-message grants. The job worker (no-shows, reminders,
// pushes) is a plugin of its own (jobs/plugin.ts).
import { and, count, desc, eq, isNull, sql } from 'drizzle-orm'
import {
  AvailabilityQuery,
  AvailabilityResponse,
  BookingIdParams,
  BookingListResponse,
  BookingView,
  CreateBookingBody,
  InboxIdParams,
  InboxResponse,
  OkResponse,
  RescheduleBody,
  StaffCheckInBody,
  StaffCheckInResponse,
  StaffDayParams,
  StaffDayQuery,
  StaffDayResponse,
  SubscribeGrantBody,
} from '../../../src/domain/contract'
import { chinaLocalTime } from '../../../src/domain/catalog/hours'
import * as booking from '../booking/service'
import { inboxMessages, subscribeGrants } from '../db/schema'
import { ApiError } from '../errors'
import { audit, auditEntry } from '../identity/auth'
import { jobHandlers } from '../jobs/plugin'
import { workDue } from '../jobs/queue'
import { errorResponses, type App, type Services } from './context'

/** Run the due jobs once at the server's clock (tests, and the dev endpoint). */
export function runJobs(s: Services, handlers = jobHandlers(s)) {
  return workDue(s.database.db, handlers, s.now())
}

export function bookingRoutes(app: App, s: Services): void {
  const tags = ['booking']

  app.get(
    '/api/booking/availability',
    { schema: { tags, summary: 'Bookable days and 30-minute slots of a hall for an item, with places left', querystring: AvailabilityQuery, response: { 200: AvailabilityResponse, ...errorResponses(400, 404, 422) } } },
    async (request) => booking.availability(request.db, request.query.item, request.query.hall, s.now()),
  )

  app.post(
    '/api/bookings',
    {
      config: { auth: 'citizen', level: 'L2' },
      schema: { tags, summary: 'Book a slot (L2). One active per item, 3 in all; refused while blocked for no-shows', body: CreateBookingBody, response: { 201: BookingView, ...errorResponses(400, 401, 403, 404, 409, 422) } },
    },
    async (request, reply) => {
      const now = s.now()
      const c = request.citizen!
      // The audit row is written by book()'s own statement (one round trip for the whole booking).
      const entry = auditEntry(request, 'booking.create', now, { item: request.body.itemCode, hall: request.body.hallId })
      const row = await booking.book(request.db, { accountId: c.accountId, itemCode: request.body.itemCode, hallId: request.body.hallId, startsAt: new Date(request.body.startsAt) }, now, entry)
      reply.code(201)
      return booking.toView(row, now)
    },
  )

  app.get(
    '/api/bookings',
    { config: { auth: 'citizen' }, schema: { tags, summary: '我的预约', response: { 200: BookingListResponse, ...errorResponses(401) } } },
    async (request) => booking.listMine(request.db, request.citizen!.accountId, s.now()),
  )

  app.get(
    '/api/bookings/:id',
    { config: { auth: 'citizen' }, schema: { tags, summary: 'One booking, with its signed check-in code inside the check-in window', params: BookingIdParams, response: { 200: BookingView, ...errorResponses(401, 404) } } },
    async (request) => booking.getMine(request.db, request.params.id, request.citizen!.accountId, s.now(), s.codes),
  )

  app.post(
    '/api/bookings/:id/cancel',
    { config: { auth: 'citizen' }, schema: { tags, summary: 'Cancel (until 1 hour before the start)', params: BookingIdParams, response: { 200: BookingView, ...errorResponses(401, 404, 409, 422) } } },
    async (request) => {
      const now = s.now()
      const row = await booking.cancel(request.db, request.params.id, request.citizen!.accountId, now)
      await audit(request.db, request, 'booking.cancel', now, { bookingId: row.id })
      return booking.toView(row, now)
    },
  )

  app.post(
    '/api/bookings/:id/reschedule',
    {
      config: { auth: 'citizen', level: 'L2' },
      schema: { tags, summary: 'Move to another slot in one step (the old place is kept if the new one cannot be had)', params: BookingIdParams, body: RescheduleBody, response: { 200: BookingView, ...errorResponses(400, 401, 403, 404, 409, 422) } },
    },
    async (request) => {
      const now = s.now()
      const row = await booking.reschedule(request.db, request.params.id, request.citizen!.accountId, { hallId: request.body.hallId, startsAt: new Date(request.body.startsAt) }, now)
      await audit(request.db, request, 'booking.reschedule', now, { bookingId: row.id })
      return booking.toView(row, now)
    },
  )

  app.post(
    '/api/staff/bookings/check-in',
    {
      config: { auth: 'staff', roles: ['window'] },
      schema: { tags, summary: 'Check a booking in by its signed code (typ zj.chk) at one of the officer’s halls (409 CHECKIN_WRONG_HALL names the right one): queue number', body: StaffCheckInBody, response: { 200: StaffCheckInResponse, ...errorResponses(400, 401, 403, 409, 422) } },
    },
    async (request) => {
      const now = s.now()
      const r = await booking.checkIn(request.db, request.body.code.trim(), request.staff!, now, s.codes, (enc) => s.crypto.decrypt(enc))
      if (!r.already) await audit(request.db, request, 'booking.check_in', now, { bookingId: r.bookingId })
      return r
    },
  )

  app.get(
    '/api/staff/halls/:hallId/day',
    {
      config: { auth: 'staff', roles: ['window', 'admin'] },
      schema: { tags, summary: 'Day view of a hall: slots, bookings, check-ins, no-shows', params: StaffDayParams, querystring: StaffDayQuery, response: { 200: StaffDayResponse, ...errorResponses(400, 401, 403, 404) } },
    },
    async (request) => booking.staffDay(request.db, request.staff!, request.params.hallId, request.query.date ?? chinaLocalTime(s.now()).date, (enc) => s.crypto.decrypt(enc)),
  )

  // --- inbox (消息) ---
  app.get(
    '/api/inbox',
    { config: { auth: 'citizen' }, schema: { tags: ['inbox'], summary: 'My messages, newest first', response: { 200: InboxResponse, ...errorResponses(401) } } },
    async (request) => {
      const accountId = request.citizen!.accountId
      const rows = await request.db.select().from(inboxMessages).where(eq(inboxMessages.accountId, accountId)).orderBy(desc(inboxMessages.createdAt), desc(inboxMessages.id)).limit(100)
      const [{ n }] = await request.db
        .select({ n: count() })
        .from(inboxMessages)
        .where(and(eq(inboxMessages.accountId, accountId), isNull(inboxMessages.readAt)))
      return {
        items: rows.map((r) => ({ id: r.id, kind: r.kind, title: r.title, body: r.body, ...(r.link ? { link: r.link } : {}), createdAt: r.createdAt.toISOString(), read: r.readAt !== null })),
        unread: Number(n),
      }
    },
  )

  app.post(
    '/api/inbox/:id/read',
    { config: { auth: 'citizen' }, schema: { tags: ['inbox'], summary: 'Mark one message read', params: InboxIdParams, response: { 200: OkResponse, ...errorResponses(401, 404) } } },
    async (request) => {
      const rows = await request.db
        .update(inboxMessages)
        .set({ readAt: sql`coalesce(${inboxMessages.readAt}, ${s.now().toISOString()}::timestamptz)` })
        .where(and(eq(inboxMessages.id, request.params.id), eq(inboxMessages.accountId, request.citizen!.accountId)))
        .returning({ id: inboxMessages.id })
      if (rows.length === 0) throw new ApiError(404, 'NOT_FOUND_OR_FORBIDDEN')
      return { ok: true as const }
    },
  )

  app.post(
    '/api/inbox/read-all',
    { config: { auth: 'citizen' }, schema: { tags: ['inbox'], summary: 'Mark every message read', response: { 200: OkResponse, ...errorResponses(401) } } },
    async (request) => {
      await request.db
        .update(inboxMessages)
        .set({ readAt: s.now() })
        .where(and(eq(inboxMessages.accountId, request.citizen!.accountId), isNull(inboxMessages.readAt)))
      return { ok: true as const }
    },
  )

  app.post(
    '/api/notify/subscriptions',
    {
      config: { auth: 'citizen' },
      schema: { tags: ['inbox'], summary: 'Record the templates accepted in requestSubscribeMessage (one message each)', body: SubscribeGrantBody, response: { 200: OkResponse, ...errorResponses(400, 401) } },
    },
    async (request) => {
      for (const template of new Set(request.body.accepted)) {
        await request.db
          .insert(subscribeGrants)
          .values({ accountId: request.citizen!.accountId, channel: request.body.channel, template, remaining: 1 })
          .onConflictDoUpdate({ target: [subscribeGrants.accountId, subscribeGrants.channel, subscribeGrants.template], set: { remaining: sql`${subscribeGrants.remaining} + 1` } })
      }
      return { ok: true as const }
    },
  )
}
