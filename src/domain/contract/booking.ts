// Appointment booking (预约), the inbox (消息) and the staff day view.
import { Type, type Static } from '@sinclair/typebox'
import { SUBSCRIBE_TEMPLATES } from './notify'

const Iso = (description?: string) => Type.String({ format: 'date-time', ...(description ? { description } : {}) })
const Uuid = Type.String({ format: 'uuid' })
const ItemCode = Type.String({ minLength: 1, maxLength: 40, pattern: '^[0-9A-Za-z-]+$' })
const HallId = Type.String({ minLength: 1, maxLength: 40, pattern: '^[a-z0-9-]+$' })

export const BOOKING_STATUSES = ['active', 'cancelled', 'checked_in', 'no_show'] as const
export const BookingStatus = Type.Union(BOOKING_STATUSES.map((s) => Type.Literal(s)))
export type BookingStatus = Static<typeof BookingStatus>

export const AvailabilityQuery = Type.Object({ hall: HallId, item: ItemCode }, { additionalProperties: false })
export type AvailabilityQuery = Static<typeof AvailabilityQuery>

export const SlotView = Type.Object(
  {
    start: Type.String({ description: 'HH:mm, China time' }),
    end: Type.String(),
    startsAt: Iso(),
    capacity: Type.Integer(),
    remaining: Type.Integer(),
    /** Still takes bookings (closes 30 minutes before the start). */
    open: Type.Boolean(),
  },
  { title: 'BookingSlot' },
)
export type SlotView = Static<typeof SlotView>

export const DayView = Type.Object(
  {
    date: Type.String({ description: 'YYYY-MM-DD, China' }),
    weekday: Type.Integer({ minimum: 1, maximum: 7 }),
    /** 调休 working weekend day. */
    adjusted: Type.Boolean(),
    holidayName: Type.Optional(Type.String()),
    slots: Type.Array(SlotView),
  },
  { title: 'BookingDay' },
)
export type DayView = Static<typeof DayView>

export const AvailabilityResponse = Type.Object(
  { hallId: Type.String(), hallName: Type.String(), itemCode: Type.String(), itemName: Type.String(), days: Type.Array(DayView) },
  { title: 'Availability' },
)
export type AvailabilityResponse = Static<typeof AvailabilityResponse>

export const CreateBookingBody = Type.Object({ itemCode: ItemCode, hallId: HallId, startsAt: Iso('Start of the chosen slot') }, { additionalProperties: false, title: 'CreateBooking' })
export type CreateBookingBody = Static<typeof CreateBookingBody>

export const RescheduleBody = Type.Object({ hallId: Type.Optional(HallId), startsAt: Iso() }, { additionalProperties: false, title: 'RescheduleBooking' })
export type RescheduleBody = Static<typeof RescheduleBody>

export const BookingIdParams = Type.Object({ id: Uuid })

export const CheckInCode = Type.Object(
  {
    /** Signed compact code (typ zj.chk) to show as a QR; absent outside the window. */
    code: Type.Optional(Type.String()),
    validFrom: Iso(),
    validUntil: Iso(),
  },
  { title: 'CheckInCode' },
)

export const BookingView = Type.Object(
  {
    id: Uuid,
    itemCode: Type.String(),
    itemName: Type.String(),
    hallId: Type.String(),
    hallName: Type.String(),
    hallAddress: Type.String(),
    date: Type.String(),
    start: Type.String(),
    end: Type.String(),
    startsAt: Iso(),
    endsAt: Iso(),
    status: BookingStatus,
    createdAt: Iso(),
    /** Until when it can be cancelled or rescheduled (1 hour before the start). */
    cancellableUntil: Iso(),
    canCancel: Type.Boolean(),
    queueNumber: Type.Optional(Type.String()),
    checkedInAt: Type.Optional(Iso()),
    checkIn: Type.Optional(CheckInCode),
  },
  { title: 'Booking' },
)
export type BookingView = Static<typeof BookingView>

export const BookingListResponse = Type.Object(
  {
    items: Type.Array(BookingView, { description: 'Newest slot first.' }),
    activeCount: Type.Integer(),
    maxActive: Type.Integer(),
    /** Booking refused until then (3 no-shows in 90 days). */
    blockedUntil: Type.Optional(Iso()),
  },
  { title: 'BookingList' },
)
export type BookingListResponse = Static<typeof BookingListResponse>

export const StaffCheckInBody = Type.Object({ code: Type.String({ minLength: 10, maxLength: 1000 }) }, { additionalProperties: false, title: 'StaffCheckIn' })
export type StaffCheckInBody = Static<typeof StaffCheckInBody>

export const StaffCheckInResponse = Type.Object(
  {
    bookingId: Uuid,
    queueNumber: Type.String(),
    /** Masked name (张*三). */
    name: Type.String(),
    itemName: Type.String(),
    hallName: Type.String(),
    start: Type.String(),
    end: Type.String(),
    checkedInAt: Iso(),
    /** True when this code had already been checked in (the first queue number is returned). */
    already: Type.Boolean(),
  },
  { title: 'StaffCheckInResult' },
)
export type StaffCheckInResponse = Static<typeof StaffCheckInResponse>

export const StaffDayQuery = Type.Object({ date: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })) }, { additionalProperties: false })
export const StaffDayParams = Type.Object({ hallId: HallId })

export const StaffDayBooking = Type.Object({
  id: Uuid,
  name: Type.String({ description: 'Masked' }),
  itemName: Type.String(),
  status: BookingStatus,
  queueNumber: Type.Optional(Type.String()),
})

export const StaffDayResponse = Type.Object(
  {
    hallId: Type.String(),
    hallName: Type.String(),
    date: Type.String(),
    working: Type.Boolean(),
    totals: Type.Object({ booked: Type.Integer(), checkedIn: Type.Integer(), noShow: Type.Integer(), cancelled: Type.Integer() }),
    slots: Type.Array(
      Type.Object({ start: Type.String(), end: Type.String(), capacity: Type.Integer(), booked: Type.Integer(), bookings: Type.Array(StaffDayBooking) }),
    ),
  },
  { title: 'StaffDay' },
)
export type StaffDayResponse = Static<typeof StaffDayResponse>

export const InboxMessage = Type.Object(
  { id: Uuid, kind: Type.String(), title: Type.String(), body: Type.String(), link: Type.Optional(Type.String()), createdAt: Iso(), read: Type.Boolean() },
  { title: 'InboxMessage' },
)
export type InboxMessage = Static<typeof InboxMessage>

export const InboxResponse = Type.Object({ items: Type.Array(InboxMessage), unread: Type.Integer() }, { title: 'Inbox' })
export type InboxResponse = Static<typeof InboxResponse>

export const InboxIdParams = Type.Object({ id: Uuid })

export { SUBSCRIBE_TEMPLATES }
export const SubscribeGrantBody = Type.Object(
  {
    channel: Type.Union([Type.Literal('weapp'), Type.Literal('alipay')]),
    /** Templates the user accepted in requestSubscribeMessage. */
    accepted: Type.Array(Type.Union(SUBSCRIBE_TEMPLATES.map((t) => Type.Literal(t))), { maxItems: 5 }),
  },
  { additionalProperties: false, title: 'SubscribeGrant' },
)
export type SubscribeGrantBody = Static<typeof SubscribeGrantBody>

/** GET /api/booking/halls/:hallId/load — today's booking load of a hall (public; no personal data). */
export const HallLoadResponse = Type.Object(
  {
    hallId: Type.String(),
    /** China calendar day. */
    date: Type.String({ format: 'date' }),
    /** Places in all of today's slots, and how many are booked. 0 slots on a non-working day. */
    capacity: Type.Integer({ minimum: 0 }),
    booked: Type.Integer({ minimum: 0 }),
    slots: Type.Array(Type.Object({ start: Type.String(), end: Type.String(), capacity: Type.Integer(), booked: Type.Integer() })),
  },
  { title: 'HallLoad' },
)
export type HallLoadResponse = Static<typeof HallLoadResponse>
