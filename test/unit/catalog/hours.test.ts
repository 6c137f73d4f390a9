import { chinaLocalTime, dayInfo, hoursAt, workingDayHours } from '../../../src/domain/catalog/hours'
import type { TimeRange, WeeklyHours } from '../../../src/domain/catalog/types'

// China time is UTC+8: 2026-10-10T09:30+08:00 is 01:30Z.
const at = (local: string): Date => new Date(`${local}+08:00`)

const LUNCH: TimeRange[] = [['08:30', '12:00'], ['13:30', '17:00']]
const SAT: TimeRange[] = [['09:00', '12:00']]
const HALL: WeeklyHours = { 1: LUNCH, 2: LUNCH, 3: LUNCH, 4: LUNCH, 5: LUNCH, 6: SAT }
const WEEKDAYS_ONLY: WeeklyHours = { 1: LUNCH, 2: LUNCH, 3: LUNCH, 4: LUNCH, 5: LUNCH }

describe('chinaLocalTime', () => {
  it('reads the calendar day and weekday in China, not in UTC', () => {
    // 23:30Z on Friday 9 Oct is already Saturday 10 Oct, 07:30 in 宁波.
    expect(chinaLocalTime(new Date('2026-10-09T23:30:00Z'))).toEqual({ date: '2026-10-10', weekday: 6, minutes: 7 * 60 + 30 })
    expect(chinaLocalTime(at('2026-10-11T00:00:00'))).toEqual({ date: '2026-10-11', weekday: 7, minutes: 0 })
  })
})

describe('dayInfo (official calendar 2026)', () => {
  it.each([
    ['2026-10-01', 4, 'holiday'], // 国庆节, Thursday
    ['2026-10-03', 6, 'holiday'], // Saturday inside the holiday: still a holiday, not a rest day
    ['2026-10-07', 3, 'holiday'], // Wednesday given off in lieu
    ['2026-10-08', 4, 'workday'],
    ['2026-10-10', 6, 'adjustedWorkday'], // 调休 Saturday
    ['2026-09-20', 7, 'adjustedWorkday'], // 调休 Sunday
    ['2026-10-17', 6, 'restDay'],
    ['2026-10-18', 7, 'restDay'],
    ['2026-10-12', 1, 'workday'],
  ] as const)('%s is a %s', (date, weekday, kind) => {
    expect(dayInfo(date, weekday).kind).toBe(kind)
  })

  it('names the holiday on holidays and 调休 working days', () => {
    expect(dayInfo('2026-10-01', 4).holidayName).toBe('国庆节')
    expect(dayInfo('2026-10-10', 6).holidayName).toBe('国庆节')
    expect(dayInfo('2026-10-12', 1).holidayName).toBeUndefined()
  })

  it('gives the same answer whatever the process time zone is', () => {
    const saved = process.env.TZ
    try {
      for (const tz of ['America/Los_Angeles', 'Pacific/Kiritimati', 'UTC', 'Asia/Shanghai']) {
        process.env.TZ = tz
        expect([tz, dayInfo('2026-10-01', 4).kind, dayInfo('2026-10-10', 6).kind, dayInfo('2026-10-08', 4).kind]).toEqual([
          tz,
          'holiday',
          'adjustedWorkday',
          'workday',
        ])
      }
    } finally {
      if (saved === undefined) delete process.env.TZ
      else process.env.TZ = saved
    }
  })
})

describe('dayInfo for a year chinese-days has no schedule for (2027)', () => {
  it('closes the statutory holidays (without guessing 调休) until a schedule is loaded', () => {
    expect(dayInfo('2027-01-01', 5)).toEqual({ kind: 'holiday' })
    expect(dayInfo('2027-01-04', 1)).toEqual({ kind: 'workday' })
    expect(dayInfo('2027-02-06', 6)).toEqual({ kind: 'holiday' }) // 春节 on a Saturday
    expect(hoursAt(HALL, at('2027-01-01T10:00:00'))).toMatchObject({ kind: 'holiday', ranges: [], openNow: false })
  })

  it('follows a loaded schedule for its whole year', () => {
    const calendar = { years: [2027], holidays: ['2027-01-01'], workdays: ['2027-02-20'] }
    expect(dayInfo('2027-02-20', 6, calendar)).toEqual({ kind: 'adjustedWorkday' })
    expect(dayInfo('2027-02-08', 1, calendar)).toEqual({ kind: 'workday' }) // not a holiday in the loaded schedule
    expect(hoursAt(HALL, at('2027-02-20T10:00:00'), calendar)).toMatchObject({ kind: 'adjustedWorkday', ranges: LUNCH, openNow: true })
  })
})

describe('hoursAt', () => {
  it('is open inside a range and says when it closes', () => {
    const h = hoursAt(HALL, at('2026-10-12T10:15:00'))
    expect(h).toMatchObject({ date: '2026-10-12', weekday: 1, kind: 'workday', ranges: LUNCH, openNow: true, closesAt: '12:00' })
    expect(h.opensAt).toBeUndefined()
  })

  it('is closed over lunch and says when it reopens; the closing minute is already closed', () => {
    expect(hoursAt(HALL, at('2026-10-12T12:30:00'))).toMatchObject({ openNow: false, opensAt: '13:30' })
    expect(hoursAt(HALL, at('2026-10-12T12:00:00')).openNow).toBe(false)
    expect(hoursAt(HALL, at('2026-10-12T11:59:00')).openNow).toBe(true)
    expect(hoursAt(HALL, at('2026-10-12T08:29:00'))).toMatchObject({ openNow: false, opensAt: '08:30' })
    const evening = hoursAt(HALL, at('2026-10-12T17:00:00'))
    expect(evening.openNow).toBe(false)
    expect(evening.opensAt).toBeUndefined()
  })

  it('is closed all day on National Day 2026, even at a time it is usually open', () => {
    const h = hoursAt(HALL, at('2026-10-01T10:00:00'))
    expect(h).toMatchObject({ kind: 'holiday', holidayName: '国庆节', ranges: [], openNow: false })
    // Saturday 3 Oct would be a Saturday-morning opening in an ordinary week.
    expect(hoursAt(HALL, at('2026-10-03T10:00:00'))).toMatchObject({ kind: 'holiday', openNow: false, ranges: [] })
  })

  it('opens with working-day hours on the 调休 Saturday, 10 Oct 2026', () => {
    // Saturday afternoon: usually closed (Saturday morning only), but today is a working day.
    const h = hoursAt(HALL, at('2026-10-10T15:00:00'))
    expect(h).toMatchObject({ weekday: 6, kind: 'adjustedWorkday', ranges: LUNCH, openNow: true, closesAt: '17:00' })
    // A hall that never opens on Saturdays opens too.
    expect(hoursAt(WEEKDAYS_ONLY, at('2026-10-10T09:00:00')).openNow).toBe(true)
  })

  it('uses the weekend hours on an ordinary weekend', () => {
    expect(hoursAt(HALL, at('2026-10-17T10:00:00'))).toMatchObject({ kind: 'restDay', ranges: SAT, openNow: true, closesAt: '12:00' })
    expect(hoursAt(HALL, at('2026-10-17T13:00:00')).openNow).toBe(false)
    expect(hoursAt(HALL, at('2026-10-18T10:00:00'))).toMatchObject({ kind: 'restDay', ranges: [], openNow: false })
    expect(hoursAt(WEEKDAYS_ONLY, at('2026-10-17T10:00:00')).openNow).toBe(false)
  })

  it('takes working-day hours from the first weekday that has any', () => {
    expect(workingDayHours({ 3: SAT, 4: LUNCH })).toEqual(SAT)
    expect(workingDayHours({ 6: SAT })).toEqual([])
  })
})
