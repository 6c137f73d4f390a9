import {
  bookableDates,
  blockedUntil,
  bookingDay,
  canCancel,
  canCheckIn,
  checkBookable,
  eveningReminderAt,
  hourReminderAt,
  noShowAt,
  slotCapacity,
  slotsOn,
} from '../../../src/domain/booking'
import type { TimeRange, WeeklyHours } from '../../../src/domain/catalog/types'

// China time is UTC+8; every clock below is injected.
const at = (local: string): Date => new Date(`${local}+08:00`)
const DAY = 86_400_000

const LUNCH: TimeRange[] = [['08:30', '12:00'], ['13:30', '17:00']]
const HALL: WeeklyHours = { 1: LUNCH, 2: LUNCH, 3: LUNCH, 4: LUNCH, 5: LUNCH, 6: [['09:00', '12:00']] }

describe('official calendar 2026 (chinese-days)', () => {
  it('closes the National Day holiday 10-01..10-07 and opens on 10-08', () => {
    for (let d = 1; d <= 7; d++) expect(bookingDay(`2026-10-0${d}`)).toMatchObject({ working: false, kind: 'holiday', holidayName: '国庆节' })
    expect(bookingDay('2026-10-08')).toMatchObject({ working: true, kind: 'workday' })
  })

  it('opens the 调休 working weekends (Sunday 09-20, Saturday 10-10) with working-day hours', () => {
    expect(bookingDay('2026-09-20')).toMatchObject({ working: true, kind: 'adjustedWorkday', weekday: 7 })
    expect(bookingDay('2026-10-10')).toMatchObject({ working: true, kind: 'adjustedWorkday', weekday: 6 })
    const slots = slotsOn(HALL, '2026-10-10')
    // Working-day hours (08:30-12:00, 13:30-17:00), not the Saturday morning.
    expect(slots[0].start).toBe('08:30')
    expect(slots.at(-1)?.end).toBe('17:00')
    expect(slots).toHaveLength(14)
    expect(slotsOn(HALL, '2026-10-11')).toEqual([]) // an ordinary Sunday
    expect(slotsOn(HALL, '2026-10-03')).toEqual([]) // holiday Saturday
  })
})

describe('slots', () => {
  it('cuts 30-minute slots inside each opening range, none across lunch', () => {
    const slots = slotsOn(HALL, '2026-11-23')
    expect(slots.map((s) => s.start)).toEqual(['08:30', '09:00', '09:30', '10:00', '10:30', '11:00', '11:30', '13:30', '14:00', '14:30', '15:00', '15:30', '16:00', '16:30'])
    expect(slots[0].startsAt.toISOString()).toBe('2026-11-23T00:30:00.000Z')
    expect(slots[0].endsAt.toISOString()).toBe('2026-11-23T01:00:00.000Z')
  })

  it('drops a trailing piece shorter than 30 minutes', () => {
    expect(slotsOn({ 1: [['08:30', '11:45']] }, '2026-11-23').map((s) => s.end).at(-1)).toBe('11:30')
  })

  it('has no Saturday-morning slots on an ordinary Saturday (only working days book)', () => {
    expect(slotsOn(HALL, '2026-11-21')).toEqual([])
  })

  it('gives each slot as many places as the hall has windows', () => {
    expect(slotCapacity({ windows: 8 })).toBe(8)
    expect(slotCapacity({ windows: 0 })).toBe(1)
  })
})

describe('a year chinese-days does not know yet (2027)', () => {
  it('closes the statutory holidays instead of booking them as ordinary days', () => {
    expect(bookingDay('2027-01-01')).toMatchObject({ working: false, kind: 'holiday', weekday: 5 })
    // 春节: 除夕 Fri 02-05 to 初三 Mon 02-08.
    expect(bookingDay('2027-02-05').working).toBe(false)
    expect(bookingDay('2027-02-08').working).toBe(false)
    expect(bookingDay('2027-02-09')).toMatchObject({ working: true, kind: 'workday' })
    expect(bookableDates(at('2026-12-28T09:00:00'))).toEqual(['2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31', '2027-01-04', '2027-01-05', '2027-01-06', '2027-01-07'])
    expect(checkBookable(HALL, at('2027-01-01T09:00:00'), at('2026-12-30T09:00:00'))).toEqual({ ok: false, reason: 'NOT_WORKING_DAY' })
  })

  it('follows a schedule an operator loaded, 调休 weekend working days included', () => {
    const calendar = { years: [2027], holidays: ['2027-01-01', '2027-02-05', '2027-02-08', '2027-02-09'], workdays: ['2027-02-20'] }
    expect(bookingDay('2027-02-09', calendar)).toMatchObject({ working: false, kind: 'holiday' })
    expect(bookingDay('2027-02-20', calendar)).toMatchObject({ working: true, kind: 'adjustedWorkday', weekday: 6 })
    expect(slotsOn(HALL, '2027-02-20', calendar)).toHaveLength(14)
    // The cache of unloaded answers does not leak into a loaded year, nor the other way.
    expect(bookingDay('2027-02-09').working).toBe(true)
    expect(bookingDay('2027-02-20').working).toBe(false)
  })
})

describe('bookable dates: today and 7 working days ahead', () => {
  it('on an ordinary Monday', () => {
    expect(bookableDates(at('2026-11-23T10:00:00'))).toEqual(['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-30', '2026-12-01', '2026-12-02'])
  })

  it('across National Day: skips 10-01..10-07, includes the 调休 Saturday 10-10', () => {
    expect(bookableDates(at('2026-09-29T09:00:00'))).toEqual(['2026-09-29', '2026-09-30', '2026-10-08', '2026-10-09', '2026-10-10', '2026-10-12', '2026-10-13', '2026-10-14'])
  })

  it('from a holiday, today is not offered', () => {
    expect(bookableDates(at('2026-10-03T09:00:00'))[0]).toBe('2026-10-08')
    expect(bookableDates(at('2026-10-03T09:00:00'))).toHaveLength(7)
  })

  it('includes the 调休 Sunday 09-20 before the holiday', () => {
    expect(bookableDates(at('2026-09-18T09:00:00')).slice(0, 3)).toEqual(['2026-09-18', '2026-09-20', '2026-09-21'])
  })
})

describe('checkBookable', () => {
  const now = at('2026-09-29T09:00:00')
  it('accepts an open slot', () => {
    const r = checkBookable(HALL, at('2026-10-08T09:00:00'), now)
    expect(r.ok).toBe(true)
  })
  it('refuses past times, holidays, too far ahead, off-grid and closing slots', () => {
    expect(checkBookable(HALL, at('2026-09-28T09:00:00'), now)).toEqual({ ok: false, reason: 'PAST' })
    expect(checkBookable(HALL, at('2026-10-02T09:00:00'), now)).toEqual({ ok: false, reason: 'NOT_WORKING_DAY' })
    expect(checkBookable(HALL, at('2026-10-11T09:00:00'), now)).toEqual({ ok: false, reason: 'NOT_WORKING_DAY' })
    expect(checkBookable(HALL, at('2026-10-15T09:00:00'), now)).toEqual({ ok: false, reason: 'TOO_FAR' })
    expect(checkBookable(HALL, at('2026-10-08T09:10:00'), now)).toEqual({ ok: false, reason: 'NOT_A_SLOT' })
    expect(checkBookable(HALL, at('2026-10-08T12:00:00'), now)).toEqual({ ok: false, reason: 'NOT_A_SLOT' })
    // Closes 30 minutes before the start: 09:30 is open at 09:00 exactly, 09:00 is not.
    expect(checkBookable(HALL, at('2026-09-29T09:30:00'), now).ok).toBe(true)
    expect(checkBookable(HALL, at('2026-09-29T09:30:00'), new Date(now.getTime() + 1))).toEqual({ ok: false, reason: 'CLOSED' })
  })
})

describe('cancel, check-in, no-show and reminders', () => {
  const start = at('2026-10-10T09:00:00')
  const end = at('2026-10-10T09:30:00')
  it('cancel until one hour before', () => {
    expect(canCancel(start, at('2026-10-10T08:00:00'))).toBe(true)
    expect(canCancel(start, at('2026-10-10T08:00:01'))).toBe(false)
  })
  it('check in from 30 minutes before to the end of the slot', () => {
    expect(canCheckIn(start, end, at('2026-10-10T08:29:59'))).toBe('early')
    expect(canCheckIn(start, end, at('2026-10-10T08:30:00'))).toBe('ok')
    expect(canCheckIn(start, end, at('2026-10-10T09:30:00'))).toBe('ok')
    expect(canCheckIn(start, end, at('2026-10-10T09:30:01'))).toBe('late')
  })
  it('a no-show is due 15 minutes after the end', () => {
    expect(noShowAt(end).toISOString()).toBe(at('2026-10-10T09:45:00').toISOString())
  })
  it('reminds at 20:00 the evening before and one hour before', () => {
    expect(eveningReminderAt(start).toISOString()).toBe(at('2026-10-09T20:00:00').toISOString())
    expect(hourReminderAt(start).toISOString()).toBe(at('2026-10-10T08:00:00').toISOString())
  })
})

describe('no-show block: 3 in 90 days -> 30 days', () => {
  const now = at('2026-11-23T10:00:00')
  const ago = (days: number) => new Date(now.getTime() - days * DAY)
  it('two no-shows do not block', () => {
    expect(blockedUntil([ago(1), ago(2)], now)).toBeNull()
  })
  it('three within 90 days block for 30 days from the latest', () => {
    expect(blockedUntil([ago(80), ago(40), ago(5)], now)?.toISOString()).toBe(new Date(ago(5).getTime() + 30 * DAY).toISOString())
  })
  it('three spread over more than 90 days do not', () => {
    expect(blockedUntil([ago(100), ago(40), ago(5)], now)).toBeNull()
  })
  it('the block ends after 30 days', () => {
    expect(blockedUntil([ago(35), ago(33), ago(31)], now)).toBeNull()
  })
})
