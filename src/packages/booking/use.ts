// The booking store, created on first use inside this subpackage so the main bundle stays small (issue 9).
import type { RootStore } from '../../stores/root'
import { useStore } from '../../stores/useStore'
import { createBookingApi } from '../../services/booking'
import { BookingStore } from './store'

export function bookingStoreOf(root: RootStore): BookingStore {
  return root.feature('booking', ({ platform, api }) => new BookingStore({ api: createBookingApi(api.request), newKey: () => api.request.newIdempotencyKey(), platform }))
}

export function useBookingStore(): BookingStore {
  return bookingStoreOf(useStore())
}
