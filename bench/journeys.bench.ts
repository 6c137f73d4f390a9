// JOURNEYS.md in numbers (issue 18): the PWA journey tests (Jest project `journeys`, test/journeys)
// run once with JOURNEY_REPORT set, and each journey (and each sub-case: J1's four queries, J3's
// three records and its proof, J7's four codes, J10's 社保 and booking) becomes two rows:
// - taps, against the JOURNEYS.md budget (a count, so the budget is absolute);
// - time to first content: ms from the journey's first tap to the first content the person came
//   for being visible (the record's `timed` says which), read on the test's monotonic clock. No
//   budget: JOURNEYS.md sets none in ms, and nothing in the run is a same-run floor to compare with.
// The suites start their own servers (npm start's build-if-stale under the checkout's h5 build lock)
// and browsers, one suite at a time (--runInBand), so two journeys never share the 2 cores. A failed
// Jest run fails the area with Jest's summary. See test/support/journey-report.ts.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { JOURNEY_REPORT_ENV, type JourneyRecord } from '../test/support/journey-report'
import { run } from './support/hello-world'
import type { BenchContext, Row } from './types'

/** The journeys JOURNEYS.md lists; each must have reported at least once. */
const JOURNEYS = ['J1', 'J2', 'J3', 'J4', 'J5', 'J6', 'J7', 'J8', 'J9', 'J10']

interface JestJson {
  numTotalTests: number
  numFailedTests: number
  numPendingTests: number
  numTodoTests: number
  numRuntimeErrorTestSuites: number
  testResults: Array<{
    name: string
    message: string
    assertionResults: Array<{ title: string; status: string; failureMessages: string[] }>
  }>
}

/** One line: how many failed, and for each failed test or suite its file, title and first message line. */
export function jestSummary(r: JestJson, root: string): string {
  const firstLine = (m: string) => m.replace(/\u001b\[[0-9;]*m/g, '').split('\n').map((l) => l.trim()).find((l) => l) ?? ''
  const misses: string[] = []
  for (const suite of r.testResults) {
    const file = path.relative(root, suite.name)
    const failed = suite.assertionResults.filter((a) => a.status !== 'passed')
    if (!suite.assertionResults.length && suite.message) misses.push(`${file} did not run: ${firstLine(suite.message)}`)
    for (const a of failed) misses.push(`${file} “${a.title.slice(0, 60)}” ${a.status}${a.failureMessages[0] ? `: ${firstLine(a.failureMessages[0])}` : ''}`)
  }
  const head = `jest --selectProjects journeys: ${r.numFailedTests} of ${r.numTotalTests} tests failed, ${r.numPendingTests + r.numTodoTests} skipped, ${r.numRuntimeErrorTestSuites} suites did not run`
  return [head, ...misses].join('; ').slice(0, 1500)
}

function order(a: JourneyRecord, b: JourneyRecord): number {
  const n = (id: string) => (/^J(\d+)$/.exec(id) ? Number(id.slice(1)) : 100)
  return n(a.id) - n(b.id)
}

export function journeyRows(records: JourneyRecord[]): Row[] {
  const rows: Row[] = []
  // Stable by journey number; sub-cases keep the order the test ran them in.
  for (const r of [...records].sort(order)) {
    const name = `${r.id}${r.case ? ` ${r.case}` : ''} (${r.target})`
    rows.push({ name: `${name} taps`, value: r.taps, unit: 'taps', budget: { op: '<=', value: r.budget }, note: r.note ?? 'counted by the journey test' })
    if (r.firstContentMs !== undefined) rows.push({ name: `${name} time to first content`, value: r.firstContentMs, unit: 'ms', note: r.timed ?? '' })
  }
  return rows
}

export default async function journeysBench(ctx: BenchContext): Promise<Row[]> {
  // Every journey suite starts its own server holding the h5 build lock; a shared bench server
  // started by an earlier area would hold it for the whole run and the suites would wait forever.
  await ctx.releaseServer()
  const dir = ctx.tmpDir('journeys')
  const report = path.join(dir, 'journeys.jsonl')
  const jsonOut = path.join(dir, 'jest.json')
  const logFile = path.join(dir, 'jest.log')

  // As `npm test` does: rebuild dist/h5 first if stale, so no suite's server start spends its
  // start-up timeout on a build.
  ctx.log('build:h5 (if stale)')
  await run('npx', ['tsx', 'mock/src/start.ts', '--build-only'], { cwd: ctx.root, log: ctx.log })

  ctx.log(`jest --selectProjects journeys --runInBand (log: ${logFile})`)
  const code = await new Promise<number | null>((resolve, reject) => {
    const fd = fs.openSync(logFile, 'w')
    const child = spawn('npx', ['jest', '--selectProjects', 'journeys', '--runInBand', '--json', `--outputFile=${jsonOut}`], {
      cwd: ctx.root,
      env: { ...process.env, [JOURNEY_REPORT_ENV]: report, H5_LOCK_HELD: undefined, FORCE_COLOR: '0' },
      stdio: ['ignore', fd, fd],
    })
    fs.closeSync(fd)
    child.on('error', reject)
    child.on('exit', (c) => resolve(c))
  })
  if (!fs.existsSync(jsonOut)) throw new Error(`jest exited ${code} without results: ${fs.readFileSync(logFile, 'utf8').slice(-600).replace(/\s+/g, ' ')}`)
  const jest = JSON.parse(fs.readFileSync(jsonOut, 'utf8')) as JestJson
  if (code !== 0 || jest.numFailedTests + jest.numRuntimeErrorTestSuites + jest.numPendingTests + jest.numTodoTests > 0) {
    throw new Error(jestSummary(jest, ctx.root))
  }
  const records = fs.existsSync(report)
    ? fs.readFileSync(report, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as JourneyRecord)
    : []
  const missing = JOURNEYS.filter((id) => !records.some((r) => r.id === id))
  if (missing.length) throw new Error(`jest passed but no record for ${missing.join(', ')}: does its test call recordJourney?`)
  ctx.log(`${jest.numTotalTests} journey tests passed, ${records.length} records`)
  return journeyRows(records)
}
