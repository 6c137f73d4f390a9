// `npm run bench [area ...]`: runs every `bench/<area>.bench.ts` (or only the named areas), checks
// each row against its budget, and writes bench/results.json + bench/results.md. Areas not run keep
// their previous results in both files (marked with their own date). Exit code 1 when a budget is
// missed or a bench file fails, 2 for an unknown area name. See bench/README.md.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { launchBrowser, CHROMIUM_PATH } from '../test/support/browser'
import type { RunningServer } from '../test/support/server'
import { startBenchServer } from './support/server'
import { meets, type BareServer, type BenchContext, type BenchFn, type Row } from './types'

export const BENCH_DIR = __dirname
const ROOT = path.resolve(BENCH_DIR, '..')
const SUFFIX = '.bench.ts'

export interface AreaResult {
  area: string
  /** ISO time the area finished. */
  ranAt: string
  durationMs: number
  rows: Row[]
  /** Set when the bench file threw: its message (the rows measured before are lost). */
  error?: string
}

export interface ResultsFile {
  machine: { cpus: number; cpuModel: string; memoryGiB: number; node: string; chromium: string; platform: string }
  areas: Record<string, AreaResult>
}

export function listAreas(dir = BENCH_DIR): string[] {
  return fs.readdirSync(dir).filter((f) => f.endsWith(SUFFIX)).map((f) => f.slice(0, -SUFFIX.length)).sort()
}

function chromiumVersion(): string {
  try {
    // `chromium --version` prints e.g. "Chromium 142.0.7444.175 built on Debian ..."
    const { execFileSync } = require('node:child_process') as typeof import('node:child_process')
    return execFileSync(CHROMIUM_PATH, ['--version'], { encoding: 'utf8', timeout: 10_000 }).trim()
  } catch {
    return 'unknown'
  }
}

export function machineInfo(): ResultsFile['machine'] {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    chromium: chromiumVersion(),
    platform: `${os.platform()} ${os.release()}`,
  }
}

function fmt(n: number): string {
  if (!Number.isFinite(n)) return String(n)
  const abs = Math.abs(n)
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : 2
  return n.toLocaleString('en-US', { maximumFractionDigits: digits })
}

export function toMarkdown(results: ResultsFile): string {
  const m = results.machine
  const out: string[] = [
    '# Bench results',
    '',
    'Written by `npm run bench` (bench/run.ts); do not edit by hand. See bench/README.md for what each number means.',
    '',
    `Machine of the last run: ${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB, Node ${m.node}, ${m.chromium}, ${m.platform}.`,
    'Numbers from a shared 2-core machine vary between runs; compare rows measured in the same run (baseline column).',
    '',
  ]
  let missed = 0
  for (const area of Object.keys(results.areas).sort()) {
    const r = results.areas[area]
    out.push(`## ${area}`, '', `Run ${r.ranAt} in ${(r.durationMs / 1000).toFixed(0)} s.`, '')
    if (r.error) out.push(`**Failed:** ${r.error.split('\n')[0]}`, '')
    if (r.rows.length) {
      out.push('| measure | value | baseline (same run) | budget | ok | note |', '|---|---:|---|---|---|---|')
      for (const row of r.rows) {
        const ok = meets(row)
        if (ok === false) missed++
        // A baseline of 0 (a bare route's p99 under 1 ms) has no meaningful ratio.
        const ratio = row.baseline && row.baseline.value !== 0 ? ` (${fmt((row.value / row.baseline.value) * 100)} %)` : ''
        const base = row.baseline ? `${row.baseline.name}: ${fmt(row.baseline.value)} ${row.unit}${ratio}` : ''
        const budget = row.budget ? `${row.budget.op} ${fmt(row.budget.value)} ${row.unit}` : ''
        const mark = ok === undefined ? '' : ok ? 'yes' : '**MISSED**'
        out.push(`| ${row.name} | ${fmt(row.value)} ${row.unit} | ${base} | ${budget} | ${mark} | ${(row.note ?? '').replace(/\|/g, '\\|')} |`)
      }
      out.push('')
    }
  }
  out.splice(7, 0, missed ? `**${missed} budget(s) missed** (rows marked MISSED below).` : 'Every budget below is met.', '')
  return out.join('\n')
}

function existingServer(url: string): RunningServer {
  const base = url.replace(/\/$/, '')
  return { url: base, port: Number(new URL(base).port), dataDir: '', output: () => '', stop: async () => 0 }
}

/** Child process helper for the bare Fastify baseline. */
function startBare(opts: { answersFile?: string } = {}): Promise<BareServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(BENCH_DIR, 'support/bare-fastify.ts')], {
    cwd: ROOT,
    env: opts.answersFile ? { ...process.env, BARE_ANSWERS: opts.answersFile } : process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`bare fastify did not start:\n${out}`)) }, 30_000)
    const onData = (b: Buffer) => {
      out += b.toString()
      const m = /bare fastify at (http:\/\/\S+)/.exec(out)
      if (m) {
        clearTimeout(timer)
        resolve({
          url: m[1],
          stop: () => new Promise<void>((done) => {
            if (child.exitCode !== null) return done()
            child.once('exit', () => done())
            child.kill('SIGTERM')
          }),
        })
      }
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`bare fastify exited (${code}):\n${out}`)) })
  })
}

export async function runBench(argv: string[], log = (l: string) => console.log(l)): Promise<number> {
  const all = listAreas()
  const asked = argv.filter((a) => !a.startsWith('-')).map((a) => path.basename(a).replace(/\.bench\.ts$/, ''))
  const unknown = asked.filter((a) => !all.includes(a))
  if (unknown.length) {
    log(`unknown bench area(s): ${unknown.join(', ')}; known: ${all.join(', ')}`)
    return 2
  }
  const areas = asked.length ? asked : all

  const jsonPath = path.join(BENCH_DIR, 'results.json')
  const previous: ResultsFile | undefined = fs.existsSync(jsonPath) ? JSON.parse(fs.readFileSync(jsonPath, 'utf8')) : undefined
  const results: ResultsFile = { machine: machineInfo(), areas: { ...(previous?.areas ?? {}) } }
  // Areas whose file is gone are dropped; the others keep their last numbers until rerun.
  for (const a of Object.keys(results.areas)) if (!all.includes(a)) delete results.areas[a]

  let server: Promise<RunningServer> | undefined
  const bare: BareServer[] = []
  const tmpDirs: string[] = []
  const ctx: BenchContext = {
    root: ROOT,
    // BENCH_SERVER_URL: measure a server that is already running (left running afterwards).
    server: () => (server ??= process.env.BENCH_SERVER_URL
      ? Promise.resolve(existingServer(process.env.BENCH_SERVER_URL))
      : startBenchServer()),
    url: async (p) => `${(await ctx.server()).url}${p}`,
    releaseServer: async () => {
      const running = server
      server = undefined
      if (running) await (await running.catch(() => undefined))?.stop()
    },
    launchBrowser,
    bareFastify: async (opts) => {
      const b = await startBare(opts)
      bare.push(b)
      return b
    },
    tmpDir: (prefix) => {
      const d = fs.mkdtempSync(path.join(os.tmpdir(), `zhijian-bench-${prefix}-`))
      tmpDirs.push(d)
      return d
    },
    log: (l) => log(`  ${l}`),
  }

  // Ctrl-C or a `timeout` must not leave the server running (it holds the checkout's h5 build lock, which
  // every e2e test and h5 build of the team waits for): stop what was started, then exit.
  let interrupted = false
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) return
    interrupted = true
    log(`${signal}: stopping the bench server`)
    void Promise.allSettled([...bare.map((b) => b.stop()), server?.then((srv) => srv.stop())]).finally(() => process.exit(130))
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  process.on('SIGHUP', onSignal)

  let failures = 0
  try {
    for (const area of areas) {
      log(`bench ${area}`)
      const started = Date.now()
      const mod = await import(pathToFileURL(path.join(BENCH_DIR, `${area}${SUFFIX}`)).href)
      // tsx may present a CommonJS module's default export one level down.
      const fn: BenchFn = typeof mod.default === 'function' ? mod.default : mod.default?.default
      const result: AreaResult = { area, ranAt: '', durationMs: 0, rows: [] }
      try {
        if (typeof fn !== 'function') throw new Error(`bench/${area}${SUFFIX} has no default export function`)
        result.rows = await fn(ctx)
      } catch (err) {
        result.error = err instanceof Error ? `${err.message}` : String(err)
        log(`  FAILED: ${result.error}`)
      }
      result.ranAt = new Date().toISOString()
      result.durationMs = Date.now() - started
      results.areas[area] = result
      for (const row of result.rows) {
        const ok = meets(row)
        const budget = row.budget ? ` (budget ${row.budget.op} ${row.budget.value} ${row.unit}: ${ok ? 'ok' : 'MISSED'})` : ''
        log(`  ${row.name}: ${fmt(row.value)} ${row.unit}${budget}`)
        if (ok === false) failures++
      }
      if (result.error) failures++
      // Write after every area, so a later crash keeps what was measured.
      fs.writeFileSync(jsonPath, JSON.stringify(results, null, 2) + '\n')
      fs.writeFileSync(path.join(BENCH_DIR, 'results.md'), toMarkdown(results))
    }
  } finally {
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
    process.off('SIGHUP', onSignal)
    await Promise.all(bare.map((b) => b.stop()))
    if (server) await (await server.catch(() => undefined))?.stop()
    for (const d of tmpDirs) fs.rmSync(d, { recursive: true, force: true })
  }
  log(`${failures ? `${failures} budget miss(es) or failure(s)` : 'all budgets met'}; results in bench/results.md`)
  return failures ? 1 : 0
}

if (require.main === module) {
  runBench(process.argv.slice(2)).then(
    (code) => { process.exitCode = code },
    (err) => { console.error(err); process.exitCode = 1 },
  )
}
