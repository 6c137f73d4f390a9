// The booking page's date chips: 今天 / 明天 by the China date, whatever the device's zone, so that
// late at night (today's slots gone) the first chip reads 明天 rather than a bare date.
import { dayLabel } from '../../../src/packages/booking/format'

const at = (local: string): Date => new Date(`${local}+08:00`)

describe('dayLabel', () => {
  it('says 今天 and 明天 for the China date, else the weekday', () => {
    const now = at('2026-12-07T22:30:00')
    expect(dayLabel('2026-12-07', 1, now)).toBe('今天 12-07')
    expect(dayLabel('2026-12-08', 2, now)).toBe('明天 12-08')
    expect(dayLabel('2026-12-09', 3, now)).toBe('12-09 周三')
  })

  it('turns over at China midnight, not the device\'s (16:30 UTC is 00:30 the next day in China)', () => {
    const now = new Date('2026-12-07T16:30:00Z')
    expect(dayLabel('2026-12-08', 2, now)).toBe('今天 12-08')
    expect(dayLabel('2026-12-09', 3, now)).toBe('明天 12-09')
    expect(dayLabel('2026-12-07', 1, now)).toBe('12-07 周一')
  })

  it('crosses a month and a year end', () => {
    expect(dayLabel('2027-01-01', 5, at('2026-12-31T20:00:00'))).toBe('明天 01-01')
  })
})
