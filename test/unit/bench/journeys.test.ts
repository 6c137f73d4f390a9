// The journeys bench's plumbing without a browser: recordJourney writes one JSON line only when
// JOURNEY_REPORT names a file, and each record becomes a taps row with its JOURNEYS.md budget and an
// informational time row; a failed Jest run is summarised on one line.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { jestSummary, journeyRows, missingJourneys } from '../../../bench/journeys.bench'
import { meets } from '../../../bench/types'
import { JOURNEY_REPORT_ENV, recordJourney } from '../../support/journey-report'

describe('recordJourney', () => {
  const saved = process.env[JOURNEY_REPORT_ENV]
  afterEach(() => {
    if (saved === undefined) delete process.env[JOURNEY_REPORT_ENV]
    else process.env[JOURNEY_REPORT_ENV] = saved
  })

  test('appends one JSON line per call to $JOURNEY_REPORT, the time rounded', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'journey-report-'))
    const file = path.join(dir, 'r.jsonl')
    process.env[JOURNEY_REPORT_ENV] = file
    recordJourney({ id: 'J6', target: 'h5', taps: 3, budget: 3, firstContentMs: 812.6, timed: 'tap → QR' })
    recordJourney({ id: 'J1', case: 'gjj', target: 'h5', taps: 2, budget: 2 })
    const lines = fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l))
    expect(lines).toEqual([
      { id: 'J6', target: 'h5', taps: 3, budget: 3, firstContentMs: 813, timed: 'tap → QR' },
      { id: 'J1', case: 'gjj', target: 'h5', taps: 2, budget: 2 },
    ])
    fs.rmSync(dir, { recursive: true, force: true })
  })

  test('does nothing without JOURNEY_REPORT', () => {
    delete process.env[JOURNEY_REPORT_ENV]
    const spy = jest.spyOn(fs, 'appendFileSync')
    recordJourney({ id: 'J6', target: 'h5', taps: 3, budget: 3 })
    expect(spy).not.toHaveBeenCalled()
    spy.mockRestore()
  })
})

test('rows: taps against the budget, time without one, in journey order with sub-cases as run', () => {
  const rows = journeyRows([
    { id: 'J10', case: '社保', target: 'h5', taps: 1, budget: 3, firstContentMs: 900, timed: 'tile → figure' },
    { id: 'home', target: 'h5', taps: 1, budget: 1 },
    { id: 'J1', case: '公积金', target: 'h5', taps: 2, budget: 2, firstContentMs: 300, timed: 'search → result' },
    { id: 'J1', case: 'gjj', target: 'h5', taps: 3, budget: 2, firstContentMs: 310, timed: 'search → result' },
  ])
  expect(rows.map((r) => r.name)).toEqual([
    'J1 公积金 (h5) taps', 'J1 公积金 (h5) time to first content',
    'J1 gjj (h5) taps', 'J1 gjj (h5) time to first content',
    'J10 社保 (h5) taps', 'J10 社保 (h5) time to first content',
    'home (h5) taps',
  ])
  expect(rows[0]).toMatchObject({ value: 2, unit: 'taps', budget: { op: '<=', value: 2 } })
  expect(meets(rows[2])).toBe(false)
  expect(rows[1]).toMatchObject({ value: 300, unit: 'ms', note: 'search → result' })
  expect(rows[1].budget).toBeUndefined()
})

test('mini-program rows sit beside the PWA\'s, named by target, with the same budgets', () => {
  const rows = journeyRows([
    { id: 'J4', target: 'h5', taps: 3, budget: 6, firstContentMs: 700, timed: 'tile → slots' },
    { id: 'J1', case: 'gjj', target: 'h5', taps: 2, budget: 2 },
    { id: 'J4', target: 'weapp', taps: 3, budget: 6, firstContentMs: 420, timed: 'tile → slots' },
    { id: 'J1', case: 'gjj', target: 'weapp', taps: 2, budget: 2 },
    { id: 'J4', target: 'alipay', taps: 7, budget: 6 },
  ])
  expect(rows.map((r) => r.name)).toEqual([
    'J1 gjj (h5) taps', 'J1 gjj (weapp) taps',
    'J4 (h5) taps', 'J4 (h5) time to first content',
    'J4 (weapp) taps', 'J4 (weapp) time to first content',
    'J4 (alipay) taps',
  ])
  expect(rows[4]).toMatchObject({ value: 3, budget: { op: '<=', value: 6 } })
  expect(meets(rows[6])).toBe(false)
})

test('every JOURNEYS.md journey must have reported on every target', () => {
  const all = (target: 'h5' | 'weapp' | 'alipay') => Array.from({ length: 10 }, (_, i) => ({ id: `J${i + 1}`, target, taps: 1, budget: 1 }))
  expect(missingJourneys([...all('h5'), ...all('weapp'), ...all('alipay')])).toEqual([])
  // J3 reported only on the PWA and weapp: alipay's J3 is missing, and no journey on a target counts for another.
  const some = [...all('h5'), ...all('weapp'), ...all('alipay').filter((r) => r.id !== 'J3')]
  expect(missingJourneys(some)).toEqual(['J3 on alipay'])
  expect(missingJourneys(all('h5'))).toHaveLength(20)
})

test('a failed Jest run in one line: counts, then each failed test with its first message line', () => {
  const line = jestSummary({
    numTotalTests: 6, numFailedTests: 1, numPendingTests: 0, numTodoTests: 0, numRuntimeErrorTestSuites: 1,
    testResults: [
      { name: '/r/test/journeys/citizen.test.ts', message: '', assertionResults: [{ title: 'J4 book', status: 'failed', failureMessages: ['\u001b[2mexpect(received).toBeLessThanOrEqual(expected)\u001b[22m\n\nExpected: <= 6'] }, { title: 'J6', status: 'passed', failureMessages: [] }] },
      { name: '/r/test/journeys/j2-sign-in.test.ts', message: 'server did not print "is running at"\nmore', assertionResults: [] },
    ],
  }, '/r')
  expect(line).toBe('jest --selectProjects journeys: 1 of 6 tests failed, 0 skipped, 1 suites did not run; test/journeys/citizen.test.ts “J4 book” failed: expect(received).toBeLessThanOrEqual(expected); test/journeys/j2-sign-in.test.ts did not run: server did not print "is running at"')
  expect(line).not.toContain('\n')
  // The mini-program run names its own command.
  expect(jestSummary({ numTotalTests: 1, numFailedTests: 0, numPendingTests: 1, numTodoTests: 0, numRuntimeErrorTestSuites: 0, testResults: [] }, '/r', 'jest --selectProjects mini')).toBe('jest --selectProjects mini: 0 of 1 tests failed, 1 skipped, 0 suites did not run')
})
