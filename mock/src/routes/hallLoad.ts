// 就近办: today's booking load of a hall, so citizens can pick a quieter one (issue 4). Public:
// counts only, nothing about who booked.
import { and, eq } from 'drizzle-orm'
import { Type } from '@sinclair/typebox'
import { HallLoadResponse } from '../../../src/domain/contract/booking'
import { slotCapacity, slotsOn } from '../../../src/domain/booking/rules'
import { chinaLocalTime } from '../../../src/domain/catalog/hours'
import { calendarOverrides } from '../cases/calendar'
import { catalogState } from '../catalog/state'
import { bookingSlots } from '../db/schema'
import { ApiError } from '../errors'
import { errorResponses, type App, type Services } from './context'

export function hallLoadRoutes(app: App, s: Services): void {
  app.get(
    '/api/booking/halls/:hallId/load',
    {
      schema: {
        tags: ['booking'],
        summary: "Today's booking load of a hall: places and bookings per 30-minute slot (counts only)",
        params: Type.Object({ hallId: Type.String({ minLength: 1, maxLength: 64 }) }),
        response: { 200: HallLoadResponse, ...errorResponses(404) },
      },
    },
    async (request, reply) => {
      const hall = catalogState().halls.get(request.params.hallId)
      if (!hall) throw new ApiError(404, 'NOT_FOUND')
      const now = s.now()
      const date = chinaLocalTime(now).date
      const rows = await request.db
        .select({ startsAt: bookingSlots.startsAt, capacity: bookingSlots.capacity, booked: bookingSlots.booked })
        .from(bookingSlots)
        .where(and(eq(bookingSlots.hallId, hall.id), eq(bookingSlots.day, date)))
      const byStart = new Map(rows.map((r) => [r.startsAt.getTime(), r]))
      const perSlot = slotCapacity(hall)
      const slots = slotsOn(hall.hours, date, await calendarOverrides(request.db)).map((t) => {
        const row = byStart.get(t.startsAt.getTime())
        return { start: t.start, end: t.end, capacity: row?.capacity ?? perSlot, booked: row?.booked ?? 0 }
      })
      // Counts change with every booking: a minute of caching is enough to spare the database.
      reply.header('cache-control', 'public, max-age=60')
      return {
        hallId: hall.id,
        date,
        capacity: slots.reduce((n, x) => n + x.capacity, 0),
        booked: slots.reduce((n, x) => n + x.booked, 0),
        slots,
      }
    },
  )
}
