// 预约: availability, book, 我的预约, cancel, reschedule, the check-in code; staff check-in and
// day view; a hall's load today (就近办); the inbox (消息) and subscribe-message grants. Thin
// handlers over service.ts. The job worker (no-shows, reminders, pushes) is a plugin of its own
// (jobs/plugin.ts); tests run the queue with an injected clock (workDue).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
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
import { CANCEL_UNTIL_BEFORE_MINUTES } from '../../../src/domain/booking'
import { HallLoadResponse } from '../../../src/domain/contract/booking'
import { chinaLocalTime } from '../../../src/domain/catalog/hours'
import { audit } from '../identity/auth'
import { jobHandlers } from '../jobs/plugin'
import { workDue } from '../jobs/queue'
import { errorResponses, type Services } from '../context'
import * as booking from './service'

/** Run the due jobs once at the server's clock (tests, and the dev endpoint). */
export function runJobs(s: Services, handlers = jobHandlers(s)) {
  return workDue(s.database.db, handlers, s.now())
}

/** The cancel window as the summary says it ("1 hour", "30 minutes"). */
const cancelWindow = CANCEL_UNTIL_BEFORE_MINUTES % 60 === 0 ? `${CANCEL_UNTIL_BEFORE_MINUTES / 60} hour${CANCEL_UNTIL_BEFORE_MINUTES === 60 ? '' : 's'}` : `${CANCEL_UNTIL_BEFORE_MINUTES} minutes`

const bookingRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services: s }) => {
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
      // book() writes the audit row (it knows the new booking's id).
      const row = await booking.book(request.db, { accountId: request.citizen!.accountId, itemCode: request.body.itemCode, hallId: request.body.hallId, startsAt: new Date(request.body.startsAt) }, now, request)
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
    { config: { auth: 'citizen' }, schema: { tags, summary: `Cancel (until ${cancelWindow} before the start)`, params: BookingIdParams, response: { 200: BookingView, ...errorResponses(401, 404, 409, 422) } } },
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

  // 就近办: counts only, nothing about who booked, so public.
  app.get(
    '/api/booking/halls/:hallId/load',
    {
      schema: {
        tags,
        summary: "Today's booking load of a hall: places and bookings per 30-minute slot (counts only)",
        params: Type.Object({ hallId: Type.String({ minLength: 1, maxLength: 64 }) }),
        response: { 200: HallLoadResponse, ...errorResponses(404) },
      },
    },
    async (request, reply) => {
      const load = await booking.hallLoad(request.db, request.params.hallId, s.now())
      // Counts change with every booking: a minute of caching is enough to spare the database.
      reply.header('cache-control', 'public, max-age=60')
      return load
    },
  )

  // --- inbox (消息) ---
  app.get(
    '/api/inbox',
    { config: { auth: 'citizen' }, schema: { tags: ['inbox'], summary: 'My messages, newest first', response: { 200: InboxResponse, ...errorResponses(401) } } },
    async (request) => booking.inbox(request.db, request.citizen!.accountId),
  )

  app.post(
    '/api/inbox/:id/read',
    { config: { auth: 'citizen' }, schema: { tags: ['inbox'], summary: 'Mark one message read', params: InboxIdParams, response: { 200: OkResponse, ...errorResponses(401, 404) } } },
    async (request) => {
      await booking.markRead(request.db, request.params.id, request.citizen!.accountId, s.now())
      return { ok: true as const }
    },
  )

  app.post(
    '/api/inbox/read-all',
    { config: { auth: 'citizen' }, schema: { tags: ['inbox'], summary: 'Mark every message read', response: { 200: OkResponse, ...errorResponses(401) } } },
    async (request) => {
      await booking.markAllRead(request.db, request.citizen!.accountId, s.now())
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
      await booking.grantSubscriptions(request.db, request.citizen!.accountId, request.body)
      return { ok: true as const }
    },
  )
}
export default bookingRoutes
