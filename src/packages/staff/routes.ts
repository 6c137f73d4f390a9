import { format, messages } from '@/packages/staff/messages'

export const STAFF_ROUTES = {
  login: '/packages/staff/pages/login',
  home: '/packages/staff/pages/index',
  scan: '/packages/staff/pages/scan',
  // Added by the booking and applications areas (their pages in this subpackage).
  day: '/packages/staff/pages/day',
  cases: '/packages/staff/pages/cases',
} as const

const ago = messages.staff.ago

/** "3 分钟前" for a cache age. */
export function ageText(iso: string | undefined, now: number): string {
  if (!iso) return ago.never
  const ms = now - Date.parse(iso)
  if (ms < 60_000) return ago.justNow
  if (ms < 3600_000) return format(ago.minutes, { n: Math.floor(ms / 60_000) })
  if (ms < 86_400_000) return format(ago.hours, { n: Math.floor(ms / 3600_000) })
  return format(ago.days, { n: Math.floor(ms / 86_400_000) })
}
