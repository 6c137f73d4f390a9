import { chinaDate, dueDate, isOverdue, isWorkingDay, officialYearKnown, statutoryHolidays, workingDaysBetween } from '../../../src/domain/cases'

describe('working days on the official calendar', () => {
  it('knows the published 2026 schedule (National Day 10-01..10-07 off, 10-10 Saturday worked)', () => {
    expect(officialYearKnown(2026)).toBe(true)
    expect(isWorkingDay('2026-10-01').working).toBe(false)
    expect(isWorkingDay('2026-10-07').working).toBe(false)
    expect(isWorkingDay('2026-10-08').working).toBe(true)
    expect(isWorkingDay('2026-10-08').provisional).toBe(false)
  })
  it('counts from the day after acceptance, skipping weekends', () => {
    // Accepted Friday 2026-11-20: 1st working day Monday 11-23, 5th Friday 11-27.
    expect(dueDate('2026-11-20', 5).due).toBe('2026-11-27')
    expect(dueDate('2026-11-20', 0).due).toBe('2026-11-20')
  })
  it('falls back to the statutory holidays for 2027 and says so', () => {
    expect(officialYearKnown(2027)).toBe(false)
    const h = statutoryHolidays(2027)
    // 2027 Spring Festival: 除夕 Fri 02-05, 初一 Sat 02-06 … 初三 Mon 02-08.
    for (const d of ['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-01-01', '2027-05-01', '2027-10-01', '2027-04-05']) expect(h.has(d)).toBe(true)
    expect(isWorkingDay('2027-02-05')).toEqual({ working: false, provisional: true })
    expect(isWorkingDay('2027-02-09')).toEqual({ working: true, provisional: true })
  })
  it('due dates across the 2027 Spring Festival', () => {
    // Accepted Wed 2027-02-03: Thu 02-04 (1), Fri 02-05 除夕 off, weekend, Mon 02-08 初三 off,
    // Tue 02-09 (2), Wed (3), Thu (4), Fri 02-12 (5).
    const d = dueDate('2027-02-03', 5)
    expect(d).toEqual({ due: '2027-02-12', provisional: true })
    // From late 2026 into 2027: 2026 days are official, 2027 ones provisional.
    expect(dueDate('2026-12-28', 5).due).toBe('2027-01-05')
  })
  it('a published schedule entered as overrides replaces the fallback', () => {
    const published = { holidays: ['2027-02-09', '2027-02-10', '2027-02-11'], workdays: ['2027-02-20'] }
    expect(isWorkingDay('2027-02-20', published)).toEqual({ working: true, provisional: false })
    // Thu 02-04 (1), then off until Fri 02-12 (2), Mon 02-15 (3), Tue (4), Wed 02-17 (5).
    expect(dueDate('2027-02-03', 5, [], published).due).toBe('2027-02-17')
  })
  it('an operator-loaded year follows its schedule exactly, not the fallback', () => {
    // A test fixture shaped like a State Council notice, NOT the official 2027 schedule (unpublished).
    const loaded = { years: [2027], holidays: ['2027-01-01', '2027-02-05', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12'], workdays: ['2027-01-30', '2027-02-20'] }
    expect(isWorkingDay('2027-02-09', loaded)).toEqual({ working: false, provisional: false })
    expect(isWorkingDay('2027-01-30', loaded)).toEqual({ working: true, provisional: false })
    // A statutory holiday the loaded schedule does not list is a working day (the notice decides).
    expect(isWorkingDay('2027-04-05', loaded)).toEqual({ working: true, provisional: false })
    // Accepted Wed 02-03: Thu 02-04 (1), off 02-05..02-14, Mon 02-15 (2) … Thu 02-18 (5).
    expect(dueDate('2027-02-03', 5, [], loaded)).toEqual({ due: '2027-02-18', provisional: false })
    // 调休: Thu 02-18 + 3 = Fri 02-19 (1), Sat 02-20 worked (2), Mon 02-22 (3).
    expect(dueDate('2027-02-18', 3, [], loaded).due).toBe('2027-02-22')
    // Across the new year: 2026 days from chinese-days, 2027 ones loaded, none provisional.
    expect(dueDate('2026-12-28', 5, [], loaded)).toEqual({ due: '2027-01-05', provisional: false })
  })
  it('a supplement pause stops the clock', () => {
    // Accepted Mon 2026-11-23, 3 working days = Thu 11-26. Supplement asked 11-24, arrived 11-30
    // (Mon): 11-25..11-30 do not count; Tue 11-24 counted (1), then 12-01 (2), 12-02 (3).
    expect(dueDate('2026-11-23', 3, [{ from: '2026-11-24', to: '2026-11-30' }]).due).toBe('2026-12-02')
    // Still awaited on 11-27: assume it ends today.
    expect(dueDate('2026-11-23', 3, [{ from: '2026-11-24' }], {}, '2026-11-27').due).toBe('2026-12-01')
  })
  it('overdue after the due date; China date of an instant', () => {
    expect(isOverdue('2026-11-27', '2026-11-27')).toBe(false)
    expect(isOverdue('2026-11-27', '2026-11-28')).toBe(true)
    expect(chinaDate(new Date('2026-11-21T16:30:00Z'))).toBe('2026-11-22')
    expect(workingDaysBetween('2026-11-20', '2026-11-27')).toBe(5)
  })
})
