// Display helpers for booking pages (China time regardless of the device's zone).
import { format, messages } from '@/packages/booking/messages'

const t = messages.booking

/** ISO -> "2026-11-24 09:00" in China time. */
// (Not via domain/catalog/hours: that pulls the holiday calendar into the app bundle.)
export function chinaTimeText(iso: string): string {
  const d = new Date(Date.parse(iso) + 8 * 3600_000)
  if (Number.isNaN(d.getTime())) return iso
  return d.toISOString().slice(0, 16).replace('T', ' ')
}

/** "11-24 周二" */
export function dayLabel(date: string, weekday: number): string {
  return `${date.slice(5)} ${t.weekdays[weekday]}`
}

export function remainingText(remaining: number, open: boolean): string {
  if (remaining <= 0) return t.flow.full
  if (!open) return t.flow.closed
  return format(t.flow.remaining, { n: remaining })
}
