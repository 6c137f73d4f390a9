// Display helpers for booking pages (China time regardless of the device's zone).
import { format, messages } from '@/packages/booking/messages'

const t = messages.booking

/** "11-24 周二" */
export function dayLabel(date: string, weekday: number): string {
  return `${date.slice(5)} ${t.weekdays[weekday]}`
}

export function remainingText(remaining: number, open: boolean): string {
  if (remaining <= 0) return t.flow.full
  if (!open) return t.flow.closed
  return format(t.flow.remaining, { n: remaining })
}
