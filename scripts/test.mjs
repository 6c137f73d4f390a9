// The README's test command: builds what the build-output and browser tests read, runs every
// Jest project once, and ends with one line `N passed, N failed`.
// Extra arguments go to Jest (e.g. `npm test -- --selectProjects unit`).
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, existsSync } from 'node:fs'

const args = process.argv.slice(2)
const onlyFast = args.includes('--selectProjects') && !args.some((a) => a === 'build' || a === 'e2e' || a === 'journeys' || a === 'mini')

function run(cmd, cmdArgs, { quiet = false } = {}) {
  // Builds draw progress bars: keep the log readable, but show everything when one fails.
  const r = spawnSync(cmd, cmdArgs, { stdio: quiet ? 'pipe' : 'inherit', maxBuffer: 256 * 1024 * 1024 })
  if (quiet && r.status !== 0) process.stderr.write(`${r.stdout}${r.stderr}`)
  return r.status ?? 1
}

if (args.includes('scale') && !process.env.DATABASE_URL) {
  console.error('npm run test:scale needs PostgreSQL: set DATABASE_URL=postgres://… (a fresh database is created from it) and install nginx (apt-get install -y nginx)')
  console.log('0 passed, 1 failed')
  process.exit(1)
}

let buildFailures = 0
if (!onlyFast && !process.env.SKIP_BUILD) {
  // Mini-program outputs are read by test/build; the PWA by test/e2e and test/journeys (through npm start's
  // staleness check, which skips the h5 build when the hash matches).
  const miniOnly = args.includes('--selectProjects') && !args.some((a) => a === 'build' || a === 'e2e' || a === 'journeys')
  for (const target of ['weapp', 'alipay']) {
    console.log(`\n> build:${target}`)
    if (run('npm', ['run', '--silent', `build:${target}`], { quiet: true }) !== 0) { console.error(`build:${target} failed`); buildFailures++ }
  }
  console.log('\n> build:h5 (if stale)')
  if (!miniOnly && run('npx', ['tsx', 'mock/src/start.ts', '--build-only'], { quiet: true }) !== 0) { console.error('build:h5 failed'); buildFailures++ }
}

mkdirSync('.data', { recursive: true })
const out = '.data/jest-results.json'
const status = run('npx', ['jest', '--maxWorkers=2', '--json', `--outputFile=${out}`, ...args])

let passed = 0
let failed = buildFailures
if (existsSync(out)) {
  const r = JSON.parse(readFileSync(out, 'utf8'))
  passed += r.numPassedTests
  // A suite that cannot even load has no test results: count it as a failure, not as silence.
  failed += r.numFailedTests + r.numRuntimeErrorTestSuites
  // Skipped or todo tests prove nothing: they count as failures here.
  if (r.numPendingTests + r.numTodoTests > 0) {
    console.error(`${r.numPendingTests + r.numTodoTests} skipped/todo tests: not allowed`)
    failed += r.numPendingTests + r.numTodoTests
  }
} else if (status !== 0) {
  failed += 1
}
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed > 0 || status !== 0 ? 1 : 0)
