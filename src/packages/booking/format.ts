// Display helpers for booking pages (China time regardless of the device's zone).
import { format, messages } from './messages'
import { addDays, chinaDate } from '../../domain/time'

const t = messages.booking

/**
 * "今天 11-24", "明天 11-25", else "11-26 周三": at night, when today's slots are gone, the first
 * chip is tomorrow and should say so. China dates, whatever the device's zone.
 */
export function dayLabel(date: string, weekday: number, now: Date = new Date()): string {
  const today = chinaDate(now)
  const md = date.slice(5)
  if (date === today) return format(t.dayToday, { md })
  if (date === addDays(today, 1)) return format(t.dayTomorrow, { md })
  return `${md} ${t.weekdays[weekday]}`
}

export function remainingText(remaining: number, open: boolean): string {
  if (remaining <= 0) return t.flow.full
  if (!open) return t.flow.closed
  return format(t.flow.remaining, { n: remaining })
}
