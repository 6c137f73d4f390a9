// Today's hours of a hall as one line of text (open now / lunch break / opens at / closed today).
import type { HallToday } from '../../domain/contract/catalog'
import { format, messages } from './messages'

const c = messages.catalog
const t = messages.catalogUi.halls

/** A hall's distance: 850米, 1.8公里. */
export function distanceText(m: number): string {
  return m < 1000 ? format(c.halls.distanceMeters, { m }) : format(c.halls.distance, { km: (m / 1000).toFixed(1) })
}

/** A day's spans as people read them: 09:00–12:00、13:30–17:00. */
export function hoursText(ranges: ReadonlyArray<ReadonlyArray<string>>): string {
  return ranges.map(([open, close]) => format(t.hoursRange, { open, close })).join(t.hoursJoin)
}

/**
 * The server reads `today` at its own clock (the stand-in's pinned one in tests): open now, and
 * when the current span ends or the next begins. A span followed by another the same day ends in
 * the lunch break, not at closing time (HH:MM text compares in time order).
 */
export function hallStatus(today: HallToday): string {
  const hours = hoursText(today.ranges)
  const day = today.holidayName ?? c.dayKind[today.kind]
  if (today.ranges.length === 0) return `${c.halls.closedToday}（${day}）`
  let now: string
  if (today.openNow) {
    const closes = today.closesAt
    const lunch = closes !== undefined && today.ranges.some(([open]) => open >= closes)
    now = closes ? `${c.halls.openNow}，${format(lunch ? c.halls.lunchAt : c.halls.closesAt, { time: closes })}` : c.halls.openNow
  } else {
    const opens = today.opensAt
    const lunch = opens !== undefined && today.ranges.some(([, close]) => close <= opens)
    // Before the day's first span it has not opened yet: 已下班 at 07:00 read as closed for the day.
    const state = lunch ? c.halls.lunchNow : opens !== undefined ? c.halls.notOpenYet : c.halls.closedNow
    now = `${state}${opens ? `，${format(c.halls.opensAt, { time: opens })}` : ''}`
  }
  return `${now} · ${format(t.today, { hours })}`
}
