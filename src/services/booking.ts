// Booking API (issue 6): availability, book, 我的预约, cancel, reschedule, check-in code; the
// inbox (消息) and subscribe-message grants; the staff day view and check-in.
import type {
  AvailabilityResponse,
  BookingListResponse,
  BookingView,
  InboxResponse,
  OkResponse,
  StaffCheckInResponse,
  StaffDayResponse,
  SubscribeGrantBody,
  HallLoadResponse,
} from '../domain/contract'
import type { NotifyTemplatesResponse } from '../domain/contract/notify'
import type { Request } from './request'

export interface BookingApi {
  availability(hall: string, item: string): Promise<AvailabilityResponse>
  /** Today's booking load of a hall (counts only; public). */
  hallLoad(hall: string): Promise<HallLoadResponse>
  book(body: { itemCode: string; hallId: string; startsAt: string }, opts?: { idempotencyKey?: string }): Promise<BookingView>
  list(): Promise<BookingListResponse>
  get(id: string): Promise<BookingView>
  cancel(id: string): Promise<BookingView>
  reschedule(id: string, body: { hallId?: string; startsAt: string }, opts?: { idempotencyKey?: string }): Promise<BookingView>
  inbox(): Promise<InboxResponse>
  markRead(id: string): Promise<OkResponse>
  markAllRead(): Promise<OkResponse>
  subscribed(body: SubscribeGrantBody): Promise<OkResponse>
  /** Subscribe-message template ids this deployment configured (public; GET /api/notify/templates). */
  notifyTemplates(): Promise<NotifyTemplatesResponse>
  staffDay(hallId: string, date?: string): Promise<StaffDayResponse>
  staffCheckIn(code: string): Promise<StaffCheckInResponse>
}

const seg = (id: string) => encodeURIComponent(id)

export function createBookingApi(request: Request): BookingApi {
  return {
    availability: (hall, item) => request.get('/api/booking/availability', { query: { hall, item }, auth: false }),
    hallLoad: (hall) => request.get(`/api/booking/halls/${encodeURIComponent(hall)}/load`, { auth: false }),
    book: (body, opts) => request.post('/api/bookings', body, { idempotencyKey: opts?.idempotencyKey }),
    list: () => request.get('/api/bookings'),
    get: (id) => request.get(`/api/bookings/${seg(id)}`),
    cancel: (id) => request.post(`/api/bookings/${seg(id)}/cancel`, {}),
    reschedule: (id, body, opts) => request.post(`/api/bookings/${seg(id)}/reschedule`, body, { idempotencyKey: opts?.idempotencyKey }),
    inbox: () => request.get('/api/inbox'),
    markRead: (id) => request.post(`/api/inbox/${seg(id)}/read`, {}),
    markAllRead: () => request.post('/api/inbox/read-all', {}),
    subscribed: (body) => request.post('/api/notify/subscriptions', body),
    notifyTemplates: () => request.get('/api/notify/templates', { auth: false }),
    staffDay: (hallId, date) => request.get(`/api/staff/halls/${seg(hallId)}/day`, { query: { date } }),
    staffCheckIn: (code) => request.post('/api/staff/bookings/check-in', { code }),
  }
}
