// Issue 4: on-device catalog search time in Chromium, and what the device downloads to search and
// read guides offline.
//
// Search: the app's own search module (src/domain/catalog/search.ts, transpiled as is) runs in a
// Chromium page over the real index fetched from the running server, exactly what the search page
// calls on every keystroke. Each query is typed character by character (every prefix is a search),
// repeated; p95 over all of them. Measured twice: at full speed and with CPU throttled 4× (Lighthouse's
// mobile profile, a cheap phone). Download: the bytes on the wire for the index and the guides
// document with brotli and with gzip, as the server sends them.
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import ts from 'typescript'
import { percentile, round, type BenchContext, type Row } from './types'

/** Chinese, pinyin, initials, synonyms, aliases, typos, departments — what citizens type. */
export const QUERIES = [
  '高龄津贴', '公积金提取', '社保', '身份证', '居民身份证换领', '结婚登记', '二手房过户', '异地就医', '营业执照',
  '护照', '无犯罪证明', '失业金', '退休', '出生登记', '居住证', '网约车', '开办企业', '不动产', '医保', '公安',
  'gongjijin', 'shebao', 'shenfenzheng', 'hunyin', 'gjj', 'sfz', 'ylbx', 'gaolingjintie', 'jiehundengji', 'huzhao',
  'gongjijn', 'shenfenzeng', '身分证', '公积全', '老人补贴', '宝宝上户口', '有无房证明', '电瓶车上牌', '年检', '租房提取',
]
const REPEATS = 5
const THROTTLE = 4

/** search.ts and its one runtime import, as CommonJS text for a tiny in-page loader. */
function searchModuleSource(root: string): string {
  const load = (rel: string) => ts.transpileModule(fs.readFileSync(path.join(root, rel), 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 },
  }).outputText
  const text = load('src/domain/text.ts')
  const search = load('src/domain/catalog/search.ts')
  return `window.__zjSearch = (function () {
    var mods = {};
    function def(name, src) { var m = { exports: {} }; new Function('exports', 'require', 'module', src)(m.exports, function (n) { return mods[n]; }, m); mods[name] = m.exports; }
    def('../text', ${JSON.stringify(text)});
    def('search', ${JSON.stringify(search)});
    return mods.search;
  })();`
}

/** Bytes on the wire for one GET with the given Accept-Encoding (no decoding). */
function wireBytes(url: string, encoding: string): Promise<{ bytes: number; encoding: string }> {
  return new Promise((resolve, reject) => {
    http.get(url, { headers: { 'accept-encoding': encoding } }, (res) => {
      let bytes = 0
      res.on('data', (c: Buffer) => { bytes += c.length })
      res.on('end', () => {
        if (res.statusCode !== 200) reject(new Error(`GET ${url}: ${res.statusCode}`))
        else resolve({ bytes, encoding: String(res.headers['content-encoding'] ?? 'identity') })
      })
      res.on('error', reject)
    }).on('error', reject)
  })
}

interface PageTimings { prepareMs: number; samples: number[]; items: number }

export default async function catalogBench(ctx: BenchContext): Promise<Row[]> {
  const rows: Row[] = []
  const base = (await ctx.server()).url

  for (const doc of ['index', 'guides'] as const) {
    const url = `${base}/api/catalog/${doc}`
    const raw = await wireBytes(url, 'identity')
    const gz = await wireBytes(url, 'gzip')
    const br = await wireBytes(url, 'br')
    if (br.encoding !== 'br' || gz.encoding !== 'gzip') ctx.log(`${doc}: server answered ${br.encoding}/${gz.encoding} (expected br/gzip)`)
    rows.push(
      { name: `catalog ${doc} download, brotli`, value: round(br.bytes / 1024), unit: 'KiB', note: `raw ${round(raw.bytes / 1024)} KiB, gzip ${round(gz.bytes / 1024)} KiB` },
    )
  }

  const browser = await ctx.launchBrowser()
  try {
    const page = browser.page
    // A blank same-origin document for the search module: the app's pages and the API answer with
    // the CSP, which (rightly) refuses the injected script, so the bench serves its own page.
    const blank = `${base}/__bench-search`
    await page.route(blank, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: '<!doctype html><meta charset="utf-8"><title>bench</title>' }))
    await page.goto(blank)
    await page.addScriptTag({ content: searchModuleSource(ctx.root) })
    const measure = async (): Promise<PageTimings> => page.evaluate(async ({ queries, repeats }) => {
      const mod = (window as unknown as { __zjSearch: typeof import('../src/domain/catalog/search') }).__zjSearch
      const body = await (await fetch('/api/catalog/index')).json()
      const t0 = performance.now()
      const prepared = mod.prepareIndex(body.index ?? body)
      const prepareMs = performance.now() - t0
      const samples: number[] = []
      for (let r = 0; r < repeats; r++) {
        for (const q of queries) {
          for (let i = 1; i <= q.length; i++) {
            const s = performance.now()
            mod.search(prepared, q.slice(0, i), { limit: 30 })
            samples.push(performance.now() - s)
          }
        }
      }
      return { prepareMs, samples, items: prepared ? (body.index ?? body).items.length : 0 }
    }, { queries: QUERIES, repeats: REPEATS })

    const fast = await measure()
    const cdp = await browser.cdp(page)
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE })
    const slow = await measure()
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 })
    await cdp.detach()

    const n = fast.samples.length
    const what = `${QUERIES.length} queries typed key by key (${n / REPEATS} searches) × ${REPEATS}, ${fast.items} items`
    rows.push(
      { name: 'catalog search p95, Chromium', value: round(percentile(fast.samples, 95), 2), unit: 'ms', budget: { op: '<=', value: 50 }, note: `${what}; p50 ${round(percentile(fast.samples, 50), 2)} ms, max ${round(Math.max(...fast.samples), 1)} ms` },
      { name: `catalog search p95, Chromium, CPU ${THROTTLE}× slower`, value: round(percentile(slow.samples, 95), 2), unit: 'ms', budget: { op: '<=', value: 50 }, note: `cheap-phone profile; p50 ${round(percentile(slow.samples, 50), 2)} ms, max ${round(Math.max(...slow.samples), 1)} ms` },
      { name: 'catalog index prepare (once per start)', value: round(fast.prepareMs, 1), unit: 'ms', note: `CPU ${THROTTLE}× slower: ${round(slow.prepareMs, 1)} ms` },
    )
  } finally {
    await browser.close()
  }
  return rows
}
