// Issue 9: what the builds weigh.
// - weapp and alipay: main package and every subpackage (scripts/size.ts), built fresh by this run
//   under the team's build locks; tab pages must sit in the main package, lazyCodeLoading on.
// - H5: the JavaScript the first screen needs — every script the browser requests from the
//   navigation until the home page is on screen (static shell gone) and the network has been quiet
//   for a moment, so chunks fetched lazily right after the first render count too (the start
//   script rebuilds dist/h5 when stale) — against a Taro 4 hello-world
//   created with `taro init` and built by this same run in a temporary directory outside the repo,
//   using the repo's node_modules. Both are measured the same way: decoded bytes of each script,
//   and the same bytes gzip -9 compressed here (so server settings do not enter the comparison).
import fs from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { KB, measure } from '../scripts/size'
import { firstScreenScripts, homeShown, type ScriptBytes } from '../test/support/measure'
import { buildHelloWorld, run, serveStatic } from './support/hello-world'
import { round, type BenchContext, type Row } from './types'

async function miniProgramRows(ctx: BenchContext, target: 'weapp' | 'alipay'): Promise<Row[]> {
  ctx.log(`building ${target}`)
  await run('flock', [`/tmp/build-${target}.lock`, 'npm', 'run', '--silent', `build:${target}`], { cwd: ctx.root, log: ctx.log })
  const dist = path.join(ctx.root, 'dist', target)
  const report = measure(dist, target)
  const rows: Row[] = report.packages.map((p) => ({
    name: `${target} ${p.name === 'main' ? 'main package' : `subpackage ${p.name}`}`,
    value: round(p.bytes / KB),
    unit: 'KiB',
    budget: { op: '<=', value: p.limit / KB },
    note: `${p.files} files`,
  }))
  const app = JSON.parse(fs.readFileSync(path.join(dist, 'app.json'), 'utf8')) as {
    pages: string[]; tabBar?: { list?: { pagePath: string }[]; items?: { pagePath: string }[] }; lazyCodeLoading?: string
  }
  // weapp calls the tab list `list`, alipay `items`.
  const tabs = app.tabBar?.list ?? app.tabBar?.items ?? []
  if (!tabs.length) throw new Error(`${target}: app.json has no tab bar`)
  const tabsOutside = tabs.filter((t) => !app.pages.includes(t.pagePath)).length
  rows.push({ name: `${target} tab pages outside the main package`, value: tabsOutside, unit: 'pages', budget: { op: '<=', value: 0 } })
  rows.push({ name: `${target} lazyCodeLoading = requiredComponents`, value: app.lazyCodeLoading === 'requiredComponents' ? 1 : 0, unit: 'yes=1', budget: { op: '>=', value: 1 } })
  return rows
}

/** First-screen scripts on a fresh profile (no cache, no service worker); see test/support/measure.ts. */
async function firstScreenJs(ctx: BenchContext, url: string, visible: (p: Page) => Promise<void>): Promise<ScriptBytes> {
  const browser = await ctx.launchBrowser()
  try {
    return await firstScreenScripts(browser.page, url, visible)
  } finally {
    await browser.close()
  }
}

export default async function buildBench(ctx: BenchContext): Promise<Row[]> {
  const rows: Row[] = []
  rows.push(...(await miniProgramRows(ctx, 'weapp')))
  rows.push(...(await miniProgramRows(ctx, 'alipay')))

  const helloDist = await buildHelloWorld(ctx, ctx.tmpDir('hello-world'))
  const hello = await serveStatic(helloDist)
  let base: ScriptBytes
  try {
    base = await firstScreenJs(ctx, `${hello.url}/`, (p) => p.getByText('Hello world!').first().waitFor({ timeout: 60_000 }))
  } finally {
    await hello.close()
  }
  const server = await ctx.server()
  const ours = await firstScreenJs(ctx, `${server.url}/`, homeShown)
  ctx.log(`hello-world scripts: ${base.names.join(' ')}`)
  ctx.log(`zhijian scripts: ${ours.names.join(' ')}`)
  const note = (s: ScriptBytes) => `${s.files} scripts until the home page shows and the network is quiet`
  rows.push(
    { name: 'H5 first-screen JS (decoded)', value: round(ours.raw / KB), unit: 'KiB', baseline: { name: 'Taro 4 hello-world', value: round(base.raw / KB) }, budget: { op: '<=', value: round((1.5 * base.raw) / KB) }, note: `${note(ours)}; hello-world ${note(base)}; budget 1.5 × hello-world` },
    { name: 'H5 first-screen JS (gzip -9)', value: round(ours.gzip / KB), unit: 'KiB', baseline: { name: 'Taro 4 hello-world', value: round(base.gzip / KB) }, budget: { op: '<=', value: round((1.5 * base.gzip) / KB) }, note: 'same files, compressed here' },
  )
  return rows
}
