// An iCalendar (RFC 5545) file for one visit: what the PWA offers for 加入日历. Pure so a unit test
// reads what a phone's calendar would import. Loaded on demand: the first screen never needs it.
import type { CalendarEvent } from './types'

/** UTC basic format, e.g. 20261207T013000Z. */
function stamp(iso: string): string {
  return new Date(Date.parse(iso)).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z')
}

/** TEXT escaping (RFC 5545 §3.3.11). */
function text(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/([,;])/g, '\\$1')
}

/** Lines longer than 75 octets are folded (§3.1); counted in UTF-8 bytes so Chinese text is not split mid-character. */
function fold(line: string): string {
  const out: string[] = []
  let cur = ''
  let bytes = 0
  for (const ch of line) {
    const n = new TextEncoder().encode(ch).length
    if (bytes + n > (out.length === 0 ? 75 : 74)) {
      out.push(cur)
      cur = ''
      bytes = 0
    }
    cur += ch
    bytes += n
  }
  out.push(cur)
  return out.join('\r\n ')
}

/** The .ics text; `now` is the DTSTAMP (the app's clock). A reminder one hour before. */
export function icsText(ev: CalendarEvent, now: Date): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//zhijian//booking//ZH',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${ev.uid}`,
    `DTSTAMP:${stamp(now.toISOString())}`,
    `DTSTART:${stamp(ev.startsAt)}`,
    `DTEND:${stamp(ev.endsAt)}`,
    `SUMMARY:${text(ev.title)}`,
    `LOCATION:${text(ev.location)}`,
    ...(ev.description ? [`DESCRIPTION:${text(ev.description)}`] : []),
    'BEGIN:VALARM',
    'ACTION:DISPLAY',
    `DESCRIPTION:${text(ev.title)}`,
    'TRIGGER:-PT1H',
    'END:VALARM',
    'END:VEVENT',
    'END:VCALENDAR',
  ]
  return `${lines.map(fold).join('\r\n')}\r\n`
}

/** Starts the browser's download of the file (a same-document blob link: the app tab stays where it is). */
export function downloadIcs(ev: CalendarEvent, now: Date, filename = 'booking.ics'): void {
  const url = URL.createObjectURL(new Blob([icsText(ev, now)], { type: 'text/calendar;charset=utf-8' }))
  const a = document.createElement('a')
  a.href = url
  a.download = filename
  a.rel = 'noopener'
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
