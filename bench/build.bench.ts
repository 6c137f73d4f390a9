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
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { KB, measure } from '../scripts/size'
import { firstScreenScripts, homeShown, type ScriptBytes } from '../test/support/measure'
import { round, type BenchContext, type Row } from './types'

function run(cmd: string, args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv; log: (l: string) => void }): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    child.stdout.on('data', (b: Buffer) => { out = (out + b.toString()).slice(-20_000) })
    child.stderr.on('data', (b: Buffer) => { out = (out + b.toString()).slice(-20_000) })
    child.on('error', reject)
    child.on('exit', (code) => {
      if (code === 0) resolve()
      else {
        opts.log(out.slice(-3000))
        reject(new Error(`${cmd} ${args.join(' ')} exited ${code}`))
      }
    })
  })
}

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

/** `taro init` a hello-world into `dir` and build its h5; returns the dist directory. */
async function buildHelloWorld(ctx: BenchContext, dir: string): Promise<string> {
  const taro = path.join(ctx.root, 'node_modules/.bin/taro')
  ctx.log('taro init hello-world (Taro 4, React, TypeScript, webpack5)')
  // Flags per ../shared/TOOLCHAIN.md plus the two prompts it does not cover; no install (the repo's
  // node_modules are linked instead).
  await run(taro, ['init', 'hello', '--description', 'hello', '--typescript', '--no-build-es5', '--framework', 'React', '--compiler', 'Webpack5',
    '--css', 'None', '--template', 'default', '--npm', 'Npm', '--no-autoInstall'], { cwd: dir, log: ctx.log })
  const app = path.join(dir, 'hello')
  fs.symlinkSync(path.join(ctx.root, 'node_modules'), path.join(app, 'node_modules'), 'dir')
  // The template names @tarojs/plugin-generator@4.2.1, which does not exist (TOOLCHAIN.md): drop it.
  const configFile = path.join(app, 'config/index.ts')
  fs.writeFileSync(configFile, fs.readFileSync(configFile, 'utf8').replace(/plugins:\s*\[[^\]]*\]/, 'plugins: []'))
  ctx.log('building hello-world h5')
  await run(taro, ['build', '--type', 'h5'], { cwd: app, env: { NODE_ENV: 'production' }, log: ctx.log })
  return path.join(app, 'dist')
}

/** Serves a built h5 directory; unknown paths get index.html (SPA fallback). */
function serveStatic(dir: string): Promise<{ url: string; close(): Promise<void> }> {
  const types: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.html': 'text/html; charset=utf-8', '.png': 'image/png', '.json': 'application/json' }
  const server = http.createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)
    let file = path.join(dir, rel)
    if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) file = path.join(dir, 'index.html')
    res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' })
    res.end(fs.readFileSync(file))
  })
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    const { port } = server.address() as { port: number }
    resolve({ url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) })
  }))
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
