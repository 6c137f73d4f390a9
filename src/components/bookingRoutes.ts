// Pages of the booking subpackage, with their query parameters: the booking pages link to them, and
// so does the catalogue (预约 on a guide or a hall).
export const BOOKING_ROUTES = {
  book: '/packages/booking/pages/book',
  mine: '/packages/booking/pages/mine',
  detail: '/packages/booking/pages/detail',
  choose: '/packages/booking/pages/choose',
} as const

const q = encodeURIComponent
export const bookUrl = (item: string, hall?: string) => `${BOOKING_ROUTES.book}?item=${q(item)}${hall ? `&hall=${q(hall)}` : ''}`
/** The list of halls for the item instead of the nearest one chosen for the person. */
export const pickHallUrl = (item: string) => `${BOOKING_ROUTES.book}?item=${q(item)}&pick=1`
export const rescheduleUrl = (item: string, hall: string, bookingId: string) => `${bookUrl(item, hall)}&reschedule=${q(bookingId)}`
export const detailUrl = (id: string) => `${BOOKING_ROUTES.detail}?id=${q(id)}`
