// Today's hours of a hall as one line of text (open now / opens at / closed today).
import type { HallToday } from '@/domain/contract/catalog'
import { format, messages } from '@/packages/catalog/messages'

const c = messages.catalog
const t = messages.catalogUi.halls

export function hallStatus(today: HallToday): string {
  const hours = today.ranges.map(([open, close]) => format(t.hoursRange, { open, close })).join('，')
  const day = today.holidayName ?? c.dayKind[today.kind]
  if (today.ranges.length === 0) return `${c.halls.closedToday}（${day}）`
  const now = today.openNow
    ? `${c.halls.openNow}${today.closesAt ? `，${format(c.halls.closesAt, { time: today.closesAt })}` : ''}`
    : `${c.halls.closedNow}${today.opensAt ? `，${format(c.halls.opensAt, { time: today.opensAt })}` : ''}`
  return `${now} · ${format(t.today, { hours })}`
}
