// China time (src/domain/time.ts): every case is checked here and again in a Node process whose
// device zone is America/New_York (12 or 13 hours behind China, with daylight saving), where any
// helper that read the device's zone would give another day or hour. Jest's process.env is a copy,
// so assigning TZ inside this file would not reach Date: the second run is a child process.
import path from 'node:path'
import { execFileSync } from 'node:child_process'
import * as time from '../../../src/domain/time'
import { chinaDate as workdaysChinaDate, addDays as workdaysAddDays } from '../../../src/domain/cases/workdays'
import { addDays as rulesAddDays, chinaDateTime as rulesChinaDateTime, chinaInstant as rulesChinaInstant, toMinutes as rulesToMinutes } from '../../../src/domain/booking/rules'
import { chinaLocalTime as hoursChinaLocalTime } from '../../../src/domain/catalog/hours'
import { chinaDay } from '../../../src/domain/wallet/types'
import { chinaDateKey } from '../../../src/domain/idNumber'

const ROOT = path.resolve(__dirname, '../../..')

/** An argument: a string or number as it is, `{ at }` an instant (a Date). */
type Arg = string | number | { at: string }
type Case = [what: string, fn: keyof typeof time, args: Arg[], expected: unknown]

const CASES: Case[] = [
  // Friday 11:30 in New York is Saturday 00:30 in China.
  ['the China day, weekday and minute where the device is still on the day before', 'chinaLocalTime', [{ at: '2026-11-20T16:30:00Z' }], { date: '2026-11-21', weekday: 6, minutes: 30 }],
  ['the China date', 'chinaDate', [{ at: '2026-11-20T16:30:00Z' }], '2026-11-21'],
  ['the China clock', 'chinaClock', [{ at: '2026-11-20T16:30:00Z' }], '00:30'],
  ['date and minute', 'chinaDateTime', [{ at: '2026-11-20T16:30:00Z' }], '2026-11-21 00:30'],
  ['the month turns in China', 'chinaMonth', [{ at: '2026-11-30T16:00:00Z' }], '2026-12'],
  ['the last second of the year in China', 'chinaDate', [{ at: '2026-12-31T15:59:59Z' }], '2026-12-31'],
  ['the first of the next year in China', 'chinaDate', [{ at: '2026-12-31T16:00:00Z' }], '2027-01-01'],
  ['Sunday is weekday 7', 'chinaLocalTime', [{ at: '2026-12-06T04:00:00Z' }], { date: '2026-12-06', weekday: 7, minutes: 720 }],
  // New York springs forward at 07:00Z on 2026-03-08 and falls back at 06:00Z on 2026-11-01.
  ['before New York springs forward', 'chinaDateTimeSeconds', [{ at: '2026-03-08T06:59:30Z' }], '2026-03-08 14:59:30'],
  ['after New York springs forward', 'chinaDateTimeSeconds', [{ at: '2026-03-08T07:00:30Z' }], '2026-03-08 15:00:30'],
  ['before New York falls back', 'chinaDateTime', [{ at: '2026-11-01T05:30:00Z' }], '2026-11-01 13:30'],
  ['after New York falls back', 'chinaDateTime', [{ at: '2026-11-01T06:30:00Z' }], '2026-11-01 14:30'],
  // The wallet's 出示 clock: 08:05 on a phone set to New York, 21:05 in China.
  ['the 出示 clock', 'chinaDateTimeSeconds', [{ at: '2026-12-07T13:05:09Z' }], '2026-12-07 21:05:09'],
  ['an API instant in lists and messages', 'chinaTimeText', ['2026-11-20T02:00:00.000Z'], '2026-11-20 10:00'],
  ['an API instant with another offset', 'chinaTimeText', ['2026-11-20T21:00:00-05:00'], '2026-11-21 10:00'],
  ['text that is no instant stays', 'chinaTimeText', ['soon'], 'soon'],
  ['empty text stays', 'chinaTimeText', [''], ''],
  ['the China day began at 16:00Z the day before', 'chinaDayStart', [{ at: '2026-11-20T16:30:00Z' }], '2026-11-20T16:00:00.000Z'],
  ['a second before China midnight', 'chinaDayStart', [{ at: '2026-11-20T15:59:59Z' }], '2026-11-19T16:00:00.000Z'],
  ['China midnight itself', 'chinaDayStart', [{ at: '2026-11-20T16:00:00Z' }], '2026-11-20T16:00:00.000Z'],
  ['09:00 on a China date', 'chinaInstant', ['2026-11-21', 540], '2026-11-21T01:00:00.000Z'],
  ['China midnight on New York\'s DST day', 'chinaInstant', ['2026-03-08', 0], '2026-03-07T16:00:00.000Z'],
  ['a month turns', 'addDays', ['2026-01-31', 1], '2026-02-01'],
  ['a year turns', 'addDays', ['2026-12-31', 1], '2027-01-01'],
  ['a leap day', 'addDays', ['2028-02-28', 1], '2028-02-29'],
  ['back over a month', 'addDays', ['2027-03-01', -1], '2027-02-28'],
  ['over New York\'s spring-forward day', 'addDays', ['2026-03-07', 2], '2026-03-09'],
  ['over New York\'s fall-back day', 'addDays', ['2026-11-01', 1], '2026-11-02'],
  ['no days', 'addDays', ['2026-11-21', 0], '2026-11-21'],
  ['midnight in minutes', 'toMinutes', ['00:00'], 0],
  ['09:30 in minutes', 'toMinutes', ['09:30'], 570],
  ['minutes as a clock time', 'hhmm', [570], '09:30'],
  ['the last minute of the day', 'hhmm', [1439], '23:59'],
]

/** Runs one case; the New York process gets its source (String(run)), so it runs the very same code. */
function run(t: typeof time, fn: string, args: Arg[]): unknown {
  const f = t[fn as keyof typeof time] as (...a: unknown[]) => unknown
  const r = f(...args.map((a) => (typeof a === 'object' ? new Date(a.at) : a)))
  return r instanceof Date ? r.toISOString() : r
}

describe('China time in this process', () => {
  test.each(CASES)('%s (%s)', (_what, fn, args, expected) => {
    expect(run(time, fn, args)).toEqual(expected)
  })
})

describe('China time on a device set to America/New_York', () => {
  jest.setTimeout(60_000)
  let out: { offsets: number[]; phoneHour: number; results: unknown[] }
  beforeAll(() => {
    const script = `
      const time = require(${JSON.stringify(path.join(ROOT, 'src/domain/time.ts'))})
      const cases = JSON.parse(require('node:fs').readFileSync(0, 'utf8'))
      const run = ${String(run)}
      process.stdout.write(JSON.stringify({
        offsets: [new Date('2026-12-07T12:00:00Z').getTimezoneOffset(), new Date('2026-07-01T12:00:00Z').getTimezoneOffset()],
        phoneHour: new Date('2026-12-07T13:05:09Z').getHours(),
        results: cases.map(([, fn, args]) => run(time, fn, args)),
      }))`
    const text = execFileSync(path.join(ROOT, 'node_modules/.bin/tsx'), ['-e', script], {
      cwd: ROOT,
      input: JSON.stringify(CASES),
      encoding: 'utf8',
      env: { ...process.env, TZ: 'America/New_York' },
    })
    out = JSON.parse(text)
  })

  test('the device really is in New York (EST in winter, EDT in summer; 出示 at 08:05 there)', () => {
    expect(out.offsets).toEqual([300, 240])
    expect(out.phoneHour).toBe(8)
  })

  test.each(CASES.map((c, i) => [...c, i] as const))('%s (%s)', (_what, _fn, _args, expected, i) => {
    expect(out.results[i]).toEqual(expected)
  })
})

test('the domain modules that named China time before use this one', () => {
  expect(workdaysChinaDate).toBe(time.chinaDate)
  expect(workdaysAddDays).toBe(time.addDays)
  expect(rulesAddDays).toBe(time.addDays)
  expect(rulesChinaDateTime).toBe(time.chinaDateTime)
  expect(rulesChinaInstant).toBe(time.chinaInstant)
  expect(rulesToMinutes).toBe(time.toMinutes)
  expect(hoursChinaLocalTime).toBe(time.chinaLocalTime)
  expect(chinaDay).toBe(time.chinaDate)
  expect(chinaDateKey(new Date('2026-12-31T16:00:00Z'))).toBe('20270101')
})
