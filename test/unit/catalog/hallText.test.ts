// A hall's line of today's hours, from the server's reading of its hours at pinned instants: a
// lunch break reads as 午休 (never 下班 before the afternoon span), the spans joined with 、.
import { hoursAt } from '../../../src/domain/catalog/hours'
import type { WeeklyHours } from '../../../src/domain/catalog/types'
import { hallStatus, hoursText } from '../../../src/packages/catalog/hallText'

const LUNCH: WeeklyHours = { 1: [['09:00', '12:00'], ['13:30', '17:00']] }
const ALL_DAY: WeeklyHours = { 1: [['09:00', '17:00']] }
/** Monday 2026-12-07 (a working day) at a China time. */
const at = (hhmm: string) => new Date(`2026-12-07T${hhmm}:00+08:00`)
const status = (hours: WeeklyHours, hhmm: string) => hallStatus(hoursAt(hours, at(hhmm), { years: [2026] }))

test('the day\'s spans, joined the way people write them', () => {
  expect(hoursText([['09:00', '12:00'], ['13:30', '17:00']])).toBe('09:00–12:00、13:30–17:00')
  expect(status(LUNCH, '20:30')).toBe('已下班 · 今日：09:00–12:00、13:30–17:00')
})

test('a morning span ends at 午休, not 下班; at lunch time the hall is 午休中 until the afternoon', () => {
  expect(status(LUNCH, '10:00')).toBe('正在办公，12:00午休 · 今日：09:00–12:00、13:30–17:00')
  expect(status(LUNCH, '12:30')).toBe('午休中，13:30开门 · 今日：09:00–12:00、13:30–17:00')
  expect(status(LUNCH, '14:00')).toBe('正在办公，17:00下班 · 今日：09:00–12:00、13:30–17:00')
})

test('without a lunch break the day ends at 下班; before opening it is neither 午休 nor 已下班', () => {
  expect(status(ALL_DAY, '10:00')).toBe('正在办公，17:00下班 · 今日：09:00–17:00')
  expect(status(LUNCH, '08:00')).toBe('尚未开门，09:00开门 · 今日：09:00–12:00、13:30–17:00')
  expect(status(ALL_DAY, '03:10')).toBe('尚未开门，09:00开门 · 今日：09:00–17:00')
})
