// Issue 9: Lighthouse mobile (its default: Moto G Power–class screen, simulated slow 4G, 4× CPU
// slowdown) on the PWA as `npm start` serves it, in Debian's Chromium (CHROME_PATH). Each page runs
// RUNS times on a fresh profile (no cache, no service worker: a first visit); the median run by
// performance score is reported, as Lighthouse's own docs recommend. A Taro 4 hello-world
// (bench/support/hello-world.ts), built and measured the same way in the same run, is each row's
// baseline: on this noisy 2-core machine it shows the framework's own floor beside our numbers.
//
// The pages are data: add a line to PAGES when a page worth budgeting exists. `needs` names a
// source file; the page is measured only once that file exists, so a page another helper is still
// building joins the bench by itself. `{item}` in a path becomes the first catalog item's code.
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../test/support/browser'
import { buildHelloWorld, serveStatic } from './support/hello-world'
import { round, type BenchContext, type Row } from './types'

export interface LighthousePage {
  name: string
  path: string
  /** Measured only when this file (relative to the repo) exists. */
  needs?: string
}

export const PAGES: LighthousePage[] = [
  { name: '首页', path: '/' },
  { name: '办事指南 (guide)', path: '/packages/catalog/pages/guide?code={item}' },
  // Signed-in pages: Lighthouse runs without a session, so these measure the page's code and its
  // sign-in prompt (the data a citizen sees arrives after the first paint either way).
  { name: '社保查询结果 (query result)', path: '/packages/records/pages/social', needs: 'src/packages/records/pages/social.tsx' },
  { name: '卡包 (wallet)', path: '/packages/wallet/pages/index', needs: 'src/packages/wallet/pages/index.tsx' },
]

// Five, as Lighthouse's variability guide suggests: on this 2-core machine one page's TBT ranged
// from about 120 to 730 ms in consecutive runs of the same build.
const RUNS = Number(process.env.LIGHTHOUSE_RUNS ?? 5)
// TBT is judged against the same-run hello-world (issue 18): an absolute 150 ms passed on a fast
// day and hid a page at 2.7–5.3× the framework's floor on a slow one. Best practices (issue 25)
// must stay whole under the CSP and headers.
const BUDGET = { performance: 95, lcpS: 2.0, tbtRatio: 1.5, cls: 0.05, bestPractices: 100 }

interface Lhr {
  categories: Record<string, { score: number | null; auditRefs?: Array<{ id: string; weight: number }> }>
  audits: Record<string, { numericValue?: number; score?: number | null; displayValue?: string }>
  runWarnings?: string[]
  /** Lighthouse's own CPU benchmark of the machine at the start of the run (higher is faster). */
  environment?: { benchmarkIndex?: number }
}

/** The audits of a category that did not pass, by id (for the report's note). */
function failing(l: Lhr, category: string): string {
  const refs = l.categories[category]?.auditRefs ?? []
  return refs
    .filter((r) => r.weight > 0 && (l.audits[r.id]?.score ?? 1) < 1)
    .map((r) => r.id)
    .join(', ')
}

function lighthouse(url: string, outFile: string, userDataDir: string): Promise<Lhr> {
  const bin = path.resolve(__dirname, '../node_modules/.bin/lighthouse')
  // --headless=new is Chromium's only headless mode now; the test flags otherwise (TOOLCHAIN.md).
  const flags = [...CHROMIUM_ARGS.filter((f) => f !== '--headless'), '--headless=new', `--user-data-dir=${userDataDir}`]
  const args = [url, '--quiet', '--output=json', `--output-path=${outFile}`, '--only-categories=performance,accessibility,best-practices',
    `--chrome-flags=${flags.join(' ')}`, '--max-wait-for-load=60000']
  return new Promise((resolve, reject) => {
    execFile(bin, args, { env: { ...process.env, CHROME_PATH: CHROMIUM_PATH }, timeout: 240_000, maxBuffer: 64 * 1024 * 1024 }, (err, _stdout, stderr) => {
      if (err) return reject(new Error(`lighthouse ${url}: ${err.message}\n${stderr.slice(-2000)}`))
      resolve(JSON.parse(fs.readFileSync(outFile, 'utf8')) as Lhr)
    })
  })
}

const median = <T>(xs: T[], key: (x: T) => number): T => [...xs].sort((a, b) => key(a) - key(b))[Math.floor((xs.length - 1) / 2)]

export default async function lighthouseBench(ctx: BenchContext): Promise<Row[]> {
  const server = await ctx.server()
  const index = await (await fetch(`${server.url}/api/catalog/index`)).json() as { index?: { items: { c: string }[] }; items?: { c: string }[] }
  const item = ((index.index ?? index).items ?? [])[0]?.c
  if (!item) throw new Error('catalog index is empty')
  const tmp = ctx.tmpDir('lighthouse')
  const rows: Row[] = []
  const score = (l: Lhr) => (l.categories.performance?.score ?? 0) * 100
  /** RUNS fresh-profile runs of `url`; the median run by performance score. */
  const tbt = (l: Lhr) => l.audits['total-blocking-time']?.numericValue ?? NaN
  /** RUNS fresh-profile runs of `url`: the median run by performance score, and TBT's own median and spread. */
  const measure = async (url: string, tag: string): Promise<{ median: Lhr; scores: string; tbt: number; tbts: string; speeds: string }> => {
    const runs: Lhr[] = []
    for (let i = 0; i < RUNS; i++) {
      const out = path.join(tmp, `run-${tag}-${i}.json`)
      try {
        runs.push(await lighthouse(url, out, fs.mkdtempSync(path.join(tmp, 'profile-'))))
      } catch (e) {
        // Lighthouse's own trace-recording failures (NO_NAVSTART, NO_FCP…) say "run Lighthouse
        // again": one more run on a fresh profile, logged; any other failure stands.
        if (!/run Lighthouse again/.test(String((e as Error).message))) throw e
        ctx.log(`${url}: run ${i + 1} repeated after a Lighthouse trace error`)
        runs.push(await lighthouse(url, out, fs.mkdtempSync(path.join(tmp, 'profile-'))))
      }
    }
    return {
      median: median(runs, score),
      scores: runs.map((r) => round(score(r), 0)).join(', '),
      tbt: round(tbt(median(runs, tbt)), 0),
      tbts: runs.map((r) => round(tbt(r), 0)).join(', '),
      // This machine's speed swings between runs; Lighthouse's BenchmarkIndex per run shows how much.
      speeds: runs.map((r) => round(r.environment?.benchmarkIndex ?? NaN, 0)).join(', '),
    }
  }

  const hello = await serveStatic(await buildHelloWorld(ctx, ctx.tmpDir('hello-world')))
  let base: Lhr
  let baseTbt: number
  try {
    const hw = await measure(`${hello.url}/`, 'hello')
    base = hw.median
    baseTbt = hw.tbt
    ctx.log(`hello-world: TBT per run ${hw.tbts}; BenchmarkIndex per run ${hw.speeds}`)
  } finally {
    await hello.close()
  }
  const baseline = (value: number) => ({ name: 'Taro 4 hello-world', value })
  const baseLcp = round((base.audits['largest-contentful-paint']?.numericValue ?? NaN) / 1000, 2)
  ctx.log(`hello-world: performance ${round(score(base), 0)}, TBT ${baseTbt} ms, LCP ${baseLcp} s`)

  for (const p of PAGES) {
    if (p.needs && !fs.existsSync(path.join(ctx.root, p.needs))) {
      ctx.log(`${p.name}: skipped, ${p.needs} does not exist yet`)
      continue
    }
    const url = `${server.url}${p.path.replace('{item}', encodeURIComponent(item))}`
    const { median: m, scores: all, tbt: pageTbt, tbts, speeds } = await measure(url, String(rows.length))
    const a = (id: string) => m.audits[id]?.numericValue ?? NaN
    for (const w of m.runWarnings ?? []) ctx.log(`${p.name}: ${w}`)
    rows.push(
      { name: `${p.name}: performance`, value: round(score(m), 0), unit: 'score', baseline: baseline(round(score(base), 0)), budget: { op: '>=', value: BUDGET.performance }, note: `median of ${RUNS} runs (${all}); ${p.path}` },
      { name: `${p.name}: LCP`, value: round(a('largest-contentful-paint') / 1000, 2), unit: 's', baseline: baseline(baseLcp), budget: { op: '<=', value: BUDGET.lcpS }, note: `FCP ${round(a('first-contentful-paint') / 1000, 2)} s, Speed Index ${round(a('speed-index') / 1000, 2)} s` },
      { name: `${p.name}: TBT`, value: pageTbt, unit: 'ms', baseline: baseline(baseTbt), budget: { op: '<=', value: round(BUDGET.tbtRatio * baseTbt, 0) }, note: `≤ ${BUDGET.tbtRatio}× the same-run hello-world; median of ${RUNS} runs (${tbts}); Lighthouse BenchmarkIndex of those runs ${speeds}` },
      { name: `${p.name}: CLS`, value: round(a('cumulative-layout-shift'), 3), unit: '', budget: { op: '<=', value: BUDGET.cls } },
      { name: `${p.name}: accessibility`, value: round((m.categories.accessibility?.score ?? 0) * 100, 0), unit: 'score', note: 'Lighthouse\'s axe subset; the full axe check is test/e2e/a11y.test.ts' },
      {
        name: `${p.name}: best practices`,
        value: round((m.categories['best-practices']?.score ?? 0) * 100, 0),
        unit: 'score',
        budget: { op: '>=', value: BUDGET.bestPractices },
        note: `as npm start serves it, with the app's CSP and security headers; failing audits: ${failing(m, 'best-practices') || 'none'}`,
      },
    )
  }
  return rows
}
