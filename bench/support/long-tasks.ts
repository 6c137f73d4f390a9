// Where a page's Total Blocking Time comes from (issue 18): loads a URL in Debian's Chromium on a
// fresh profile with a trace (timeline + V8 CPU samples) and lists every main-thread task after
// the first contentful paint that would be a long task at Lighthouse's 4x CPU slowdown, with the
// modules it evaluated and the functions it spent its time in (source-mapped when dist/h5 was
// built with `ZJ_MAPS=1`).
//
// Lighthouse's own TBT moved 2-5x between runs on the shared 2-core machine. This tool also sums
// a steadier figure, "CPU TBT": the tasks' thread time (CPU, not wall clock, so time the
// scheduler gave to other processes drops out) x 4 minus 50 ms, after FCP. It is not
// Lighthouse's number (Lantern simulates FCP and TTI), but it compares two builds, or the app and
// a hello-world, on a loaded machine.
//
//   node --import tsx bench/support/long-tasks.ts http://127.0.0.1:3000/ [runs] [--quiet]
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { chromium } from 'playwright-core'
import { SourceMapConsumer } from 'source-map'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../test/support/browser'

interface TraceEvent {
  name: string
  ph: string
  pid: number
  tid: number
  ts: number
  dur?: number
  tdur?: number
  id?: string
  args?: { data?: Record<string, unknown> & { url?: string; startTime?: number; cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] }; timeDeltas?: number[] } }
}
interface ProfileNode {
  id: number
  parent?: number
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }
}

const DIST = path.resolve(__dirname, '../../dist/h5')
const maps = new Map<string, SourceMapConsumer | null>()

/** "source:line name" of a script position, through dist/h5's hidden source maps when present. */
async function where(url: string, line: number, column: number): Promise<string> {
  const m = /\/(js\/[^?#]+\.js)$/.exec(url)
  if (!m) return `${url.replace(/^https?:\/\/[^/]+/, '')}:${line}`
  const file = path.join(DIST, `${m[1]}.map`)
  if (!maps.has(file)) maps.set(file, fs.existsSync(file) ? await new SourceMapConsumer(JSON.parse(fs.readFileSync(file, 'utf8'))) : null)
  const consumer = maps.get(file)
  if (!consumer) return `${m[1]}:${line}:${column}`
  const p = consumer.originalPositionFor({ line: line + 1, column })
  return `${(p.source ?? '?').replace(/^webpack:\/\/[^/]*\//, '').replace(/.*node_modules\//, '~/')}:${p.line ?? '?'} ${p.name ?? ''}`.trim()
}

async function record(url: string): Promise<TraceEvent[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhijian-long-tasks-'))
  // Lighthouse's mobile screen.
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS, viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true, locale: 'zh-CN',
  })
  try {
    const page = context.pages()[0] ?? (await context.newPage())
    const cdp = await context.newCDPSession(page)
    const events: TraceEvent[] = []
    cdp.on('Tracing.dataCollected', (d) => events.push(...(d.value as unknown as TraceEvent[])))
    const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()))
    await cdp.send('Tracing.start', {
      transferMode: 'ReportEvents',
      traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'disabled-by-default-v8.cpu_profiler', 'loading', 'v8'] },
    })
    await page.goto(url, { waitUntil: 'load' })
    await page.waitForTimeout(5000) // lazy chunks, the first data, the service worker
    await cdp.send('Tracing.end')
    await complete
    return events
  } finally {
    await context.close()
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

const top = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n).filter(([, v]) => v >= 0.5).map(([k, v]) => `${v.toFixed(1)} ${k}`)

async function analyse(events: TraceEvent[], quiet: boolean): Promise<number> {
  // The page's renderer main thread: where the app's scripts were evaluated.
  const evaluated = events.find((e) => e.name === 'EvaluateScript' && /\/js\//.test(String(e.args?.data?.url ?? '')))
  if (!evaluated) throw new Error('no script of the page was evaluated')
  const { pid, tid } = evaluated
  const onMain = events.filter((e) => e.pid === pid && e.tid === tid)
  const fcp = events.find((e) => e.name === 'firstContentfulPaint' && e.pid === pid)
  if (!fcp) throw new Error('no first contentful paint in the trace')
  // The page's own navigation: the last one that started before its first paint.
  const start = Math.max(0, ...events.filter((e) => e.name === 'navigationStart' && e.ts <= fcp.ts).map((e) => e.ts))
  const after = onMain.filter((e) => e.name === 'RunTask' && e.ph === 'X' && e.ts >= fcp.ts)
  const cpu = (e: TraceEvent) => (e.tdur ?? e.dur ?? 0) / 1000
  const cpuTbt = after.reduce((sum, t) => sum + Math.max(0, cpu(t) * 4 - 50), 0)
  console.log(`FCP ${((fcp.ts - start) / 1000).toFixed(0)} ms; CPU after FCP ${after.reduce((s, t) => s + cpu(t), 0).toFixed(0)} ms; CPU TBT ${cpuTbt.toFixed(0)} ms`)
  if (quiet) return cpuTbt

  // CPU samples of that thread's profile.
  const profile = events.find((e) => e.name === 'Profile' && e.pid === pid && e.tid === tid)
  const nodes = new Map<number, ProfileNode>()
  const samples: { ts: number; node: number }[] = []
  let ts = Number(profile?.args?.data?.startTime ?? 0)
  for (const e of events.filter((x) => x.name === 'ProfileChunk' && x.pid === pid && x.id === profile?.id).sort((a, b) => a.ts - b.ts)) {
    const cp = e.args?.data?.cpuProfile
    for (const n of cp?.nodes ?? []) nodes.set(n.id, n)
    const deltas = e.args?.data?.timeDeltas ?? []
    ;(cp?.samples ?? []).forEach((node, i) => { ts += deltas[i] ?? 0; samples.push({ ts, node }) })
  }

  for (const task of after.filter((t) => cpu(t) >= 12.5)) {
    const end = task.ts + (task.dur ?? 0)
    const inside = onMain.filter((e) => e.ph === 'X' && e !== task && e.ts >= task.ts && e.ts < end)
    const kinds = new Map<string, number>()
    for (const e of inside) if (['EvaluateScript', 'FunctionCall', 'FireAnimationFrame', 'UpdateLayoutTree', 'Layout', 'Paint', 'MinorGC', 'MajorGC', 'ParseHTML'].includes(e.name)) kinds.set(e.name, (kinds.get(e.name) ?? 0) + (e.dur ?? 0) / 1000)
    console.log(`- @${((task.ts - start) / 1000).toFixed(0)} ms: CPU ${cpu(task).toFixed(1)} ms (wall ${((task.dur ?? 0) / 1000).toFixed(1)}); ${top(kinds, 6).join(', ')}`)
    const self = new Map<string, number>()
    const modules = new Map<string, number>()
    const inTask = samples.filter((s) => s.ts >= task.ts && s.ts < end)
    for (let i = 0; i < inTask.length; i++) {
      const dt = ((inTask[i + 1]?.ts ?? inTask[i].ts + 100) - inTask[i].ts) / 1000
      let node = nodes.get(inTask[i].node)
      const leaf = node?.callFrame
      const key = leaf?.url ? await where(leaf.url, leaf.lineNumber, leaf.columnNumber) : leaf?.functionName || '(native)'
      self.set(key, (self.get(key) ?? 0) + dt)
      // A module's evaluation: the frame just above webpack's require.
      const counted = new Set<string>()
      let child: ProfileNode | undefined
      while (node) {
        if (child && node.callFrame.url && /__webpack_require__/.test(await where(node.callFrame.url, node.callFrame.lineNumber, node.callFrame.columnNumber))) {
          const f = child.callFrame
          const mod = f.url ? (await where(f.url, f.lineNumber, f.columnNumber)).replace(/:\S*( .*)?$/, '') : f.functionName
          if (!counted.has(mod)) modules.set(mod, (modules.get(mod) ?? 0) + dt)
          counted.add(mod)
        }
        child = node
        node = node.parent === undefined ? undefined : nodes.get(node.parent)
      }
    }
    const mods = top(modules, 8)
    if (mods.length) console.log(`    modules evaluated: ${mods.join('; ')}`)
    console.log(`    self time: ${top(self, 8).join('; ')}`)
  }
  return cpuTbt
}

async function main(): Promise<void> {
  const args = process.argv.slice(2)
  const quiet = args.includes('--quiet')
  const [url, runs = '1'] = args.filter((a) => a !== '--quiet')
  if (!url) throw new Error('usage: node --import tsx bench/support/long-tasks.ts <url> [runs] [--quiet]')
  const results: number[] = []
  for (let i = 0; i < Number(runs); i++) results.push(await analyse(await record(url), quiet))
  const sorted = [...results].sort((a, b) => a - b)
  console.log(`${url}: CPU TBT median ${sorted[Math.floor((sorted.length - 1) / 2)].toFixed(0)} ms (${results.map((r) => r.toFixed(0)).join(', ')})`)
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err)
    process.exit(1)
  })
}
