// JOURNEYS.md in numbers (issue 18): the PWA journey tests (Jest project `journeys`, test/journeys)
// and the mini-program journey tests (Jest project `mini`: the built weapp and alipay output in
// their harnesses, MINI_FILES) run once each with JOURNEY_REPORT set, and each journey on each
// target (and each sub-case: J1's four queries, J3's three records and its proof, J7's four codes,
// J10's 社保 and booking) becomes two rows, named by target ("J4 (weapp) taps"):
// - taps, against the JOURNEYS.md budget (a count, so the budget is absolute);
// - time to first content: ms from the journey's first tap to the first content the person came
//   for being visible (the record's `timed` says which), read on the test's monotonic clock. No
//   budget: JOURNEYS.md sets none in ms, and nothing in the run is a same-run floor to compare with.
//   On the mini-programs the harness polls the rendered text every 20 ms and draws no pixels, so
//   their times are that coarse and are not comparable with the PWA's browser times.
// Before the mini run weapp and alipay are built fresh (as `npm test` does, under the team's build
// locks as build.bench.ts does): the harnesses read dist/weapp and dist/alipay.
// The suites start their own servers (npm start's build-if-stale under the checkout's h5 build lock)
// and browsers, one suite at a time (--runInBand), so two journeys never share the 2 cores. A failed
// Jest run fails the area with Jest's summary. See test/support/journey-report.ts.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { JOURNEY_REPORT_ENV, type JourneyRecord } from '../test/support/journey-report'
import { run } from './support/hello-world'
import type { BenchContext, Row } from './types'

/** The journeys JOURNEYS.md lists; each must have reported at least once on each target. */
const JOURNEYS = ['J1', 'J2', 'J3', 'J4', 'J5', 'J6', 'J7', 'J8', 'J9', 'J10']
const TARGETS = ['h5', 'weapp', 'alipay'] as const
/** The mini-program journey files: weapp's J1/J2 are in weapp.test.ts, its J3–J10 in weapp-journeys. */
export const MINI_FILES = ['test/miniprogram/weapp.test.ts', 'test/miniprogram/weapp-journeys.test.ts', 'test/miniprogram/alipay-journeys.test.ts']

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
export function jestSummary(r: JestJson, root: string, what = 'jest --selectProjects journeys'): string {
  const firstLine = (m: string) => m.replace(/\u001b\[[0-9;]*m/g, '').split('\n').map((l) => l.trim()).find((l) => l) ?? ''
  const misses: string[] = []
  for (const suite of r.testResults) {
    const file = path.relative(root, suite.name)
    const failed = suite.assertionResults.filter((a) => a.status !== 'passed')
    if (!suite.assertionResults.length && suite.message) misses.push(`${file} did not run: ${firstLine(suite.message)}`)
    for (const a of failed) misses.push(`${file} “${a.title.slice(0, 60)}” ${a.status}${a.failureMessages[0] ? `: ${firstLine(a.failureMessages[0])}` : ''}`)
  }
  const head = `${what}: ${r.numFailedTests} of ${r.numTotalTests} tests failed, ${r.numPendingTests + r.numTodoTests} skipped, ${r.numRuntimeErrorTestSuites} suites did not run`
  return [head, ...misses].join('; ').slice(0, 1500)
}

function order(a: JourneyRecord, b: JourneyRecord): number {
  const n = (id: string) => (/^J(\d+)$/.exec(id) ? Number(id.slice(1)) : 100)
  return n(a.id) - n(b.id)
}

/** "J3 on weapp, J7 on alipay": each JOURNEYS.md journey with no record on a target. */
export function missingJourneys(records: JourneyRecord[], targets: readonly string[] = TARGETS): string[] {
  return targets.flatMap((t) => JOURNEYS.filter((id) => !records.some((r) => r.id === id && r.target === t)).map((id) => `${id} on ${t}`))
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

/** One Jest run with JOURNEY_REPORT set (one suite at a time); throws with Jest's summary unless every test passed. */
async function runJest(ctx: BenchContext, dir: string, name: string, args: string[], report: string): Promise<number> {
  const jsonOut = path.join(dir, `${name}.json`)
  const logFile = path.join(dir, `${name}.log`)
  const what = `jest ${args.join(' ')}`
  ctx.log(`${what} --runInBand (log: ${logFile})`)
  const code = await new Promise<number | null>((resolve, reject) => {
    const fd = fs.openSync(logFile, 'w')
    const child = spawn('npx', ['jest', ...args, '--runInBand', '--json', `--outputFile=${jsonOut}`], {
      cwd: ctx.root,
      env: { ...process.env, [JOURNEY_REPORT_ENV]: report, H5_LOCK_HELD: undefined, FORCE_COLOR: '0' },
      stdio: ['ignore', fd, fd],
    })
    fs.closeSync(fd)
    child.on('error', reject)
    child.on('exit', (c) => resolve(c))
  })
  if (!fs.existsSync(jsonOut)) throw new Error(`${what} exited ${code} without results: ${fs.readFileSync(logFile, 'utf8').slice(-600).replace(/\s+/g, ' ')}`)
  const jest = JSON.parse(fs.readFileSync(jsonOut, 'utf8')) as JestJson
  if (code !== 0 || jest.numFailedTests + jest.numRuntimeErrorTestSuites + jest.numPendingTests + jest.numTodoTests > 0) {
    throw new Error(jestSummary(jest, ctx.root, what))
  }
  return jest.numTotalTests
}

export default async function journeysBench(ctx: BenchContext): Promise<Row[]> {
  // Every journey suite starts its own server holding the h5 build lock; a shared bench server
  // started by an earlier area would hold it for the whole run and the suites would wait forever.
  await ctx.releaseServer()
  const dir = ctx.tmpDir('journeys')
  const report = path.join(dir, 'journeys.jsonl')

  // As `npm test` does: rebuild dist/h5 first if stale, so no suite's server start spends its
  // start-up timeout on a build.
  ctx.log('build:h5 (if stale)')
  await run('npx', ['tsx', 'mock/src/start.ts', '--build-only'], { cwd: ctx.root, log: ctx.log })
  const h5Tests = await runJest(ctx, dir, 'h5', ['--selectProjects', 'journeys'], report)

  // The mini-program harnesses read the built output: build it from this checkout first.
  for (const target of ['weapp', 'alipay']) {
    ctx.log(`build:${target}`)
    await run('flock', [`/tmp/build-${target}.lock`, 'npm', 'run', '--silent', `build:${target}`], { cwd: ctx.root, log: ctx.log })
  }
  const miniTests = await runJest(ctx, dir, 'mini', ['--selectProjects', 'mini', ...MINI_FILES], report)

  const records = fs.existsSync(report)
    ? fs.readFileSync(report, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as JourneyRecord)
    : []
  const missing = missingJourneys(records)
  if (missing.length) throw new Error(`jest passed but no record for ${missing.join(', ')}: does its test call recordJourney?`)
  ctx.log(`${h5Tests} PWA and ${miniTests} mini-program journey tests passed, ${records.length} records`)
  return journeyRows(records)
}
