// Issue 9: guide reads on the product's server vs a bare Fastify route, same run, same machine.
//
// The product runs as `npm start` runs it (its own Node process, request logging at its default
// level); the bare route runs in its own Node process too (bench/support/bare-fastify.ts).
// autocannon drives both from this process with the headers a browser sends (gzip/br accepted).
// Guide reads cycle over 50 real item codes, so no single cached answer is measured.
//
// This 2-core machine's speed drifts by a third within a minute, and at times by a factor of five
// within seconds (bare route from 2,000 to 25,000 req/s), so one bare run followed by one guide run
// compared two different machines. Both servers stay up and are measured in short paired rounds
// (bare, then guide at once); the budget row is the median of the rounds' guide/bare ratios, which
// a stall in one round cannot move, and the note lists every round's ratio. p99 likewise is the
// median round's, with the worst round in the note.
//
// A third server in each round: the bare route replaying the product's own guide answers (the same
// bytes and headers, recorded from it first). Measured on this machine, autocannon's own CPU per
// answer roughly doubles from the bare route's 17-byte answer to a guide's (about 1 KB of brotli
// and 15 headers), and autocannon shares the 2 cores with the server: that row says how much of
// the gap to the bare route is the answer itself, and how much is the product's server.
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import autocannon from 'autocannon'
import { round, type BenchContext, type Row } from './types'

const CONNECTIONS = 10
const ROUNDS = Number(process.env.SERVER_BENCH_ROUNDS ?? 12)
const ROUND_S = 2
const WARMUP_S = 3
const HEADERS = { 'accept-encoding': 'gzip, deflate, br', accept: 'application/json' }

interface Load { rps: number; p99: number; p50: number; errors: number; non2xx: number; requests: number }

async function load(url: string, paths: string[], duration: number): Promise<Load> {
  let i = 0
  const r = await autocannon({
    url,
    connections: CONNECTIONS,
    duration,
    headers: HEADERS,
    requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: paths[i++ % paths.length] }) }],
  })
  return { rps: r.requests.average, p99: r.latency.p99, p50: r.latency.p50, errors: r.errors + r.timeouts, non2xx: r.non2xx, requests: r.requests.total }
}

/** One answer as the server sent it: raw bytes (no decoding) and its headers. */
function record(url: string): Promise<{ headers: Record<string, string>; body: string }> {
  return new Promise((resolve, reject) => {
    http.get(url, { headers: HEADERS }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => {
        if (res.statusCode !== 200) return reject(new Error(`${url}: ${res.statusCode}`))
        const headers: Record<string, string> = {}
        // Node and Fastify write these per answer themselves.
        for (const [k, v] of Object.entries(res.headers)) if (!['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding'].includes(k) && typeof v === 'string') headers[k] = v
        resolve({ headers, body: Buffer.concat(chunks).toString('base64') })
      })
      res.on('error', reject)
    }).on('error', reject)
  })
}

export default async function serverBench(ctx: BenchContext): Promise<Row[]> {
  const server = await ctx.server()
  const index = await (await fetch(`${server.url}/api/catalog/index`)).json() as { index?: { items: { c: string }[] }; items?: { c: string }[] }
  const items = (index.index ?? index).items ?? []
  if (items.length < 50) throw new Error(`catalog index has ${items.length} items, expected ≥ 50`)
  const guidePaths = items.slice(0, 50).map((it) => `/api/catalog/items/${encodeURIComponent(it.c)}`)
  const answersFile = path.join(ctx.tmpDir('guide-answers'), 'answers.json')
  const answers = []
  for (const p of guidePaths) answers.push(await record(`${server.url}${p}`))
  fs.writeFileSync(answersFile, JSON.stringify(answers))
  const answerPaths = guidePaths.map((_, i) => `/answer/${i}`)
  // Plus the four Node writes itself: date, connection, keep-alive, content-length.
  const headerCount = Object.keys(answers[0].headers).length + 4
  const bare = await ctx.bareFastify({ answersFile })
  const rounds: { base: Load; same: Load; guide: Load }[] = []
  try {
    await load(bare.url, ['/'], WARMUP_S)
    await load(bare.url, answerPaths, WARMUP_S)
    await load(server.url, guidePaths, WARMUP_S)
    for (let r = 0; r < ROUNDS; r++) {
      const base = await load(bare.url, ['/'], ROUND_S)
      const same = await load(bare.url, answerPaths, ROUND_S)
      const guide = await load(server.url, guidePaths, ROUND_S)
      ctx.log(`round ${r + 1}: bare ${JSON.stringify(base)} same answers ${JSON.stringify(same)} guide ${JSON.stringify(guide)}`)
      if (guide.errors || guide.non2xx) throw new Error(`guide reads: ${guide.errors} errors, ${guide.non2xx} non-2xx of ${guide.requests}`)
      if (same.errors || same.non2xx) throw new Error(`bare route replaying guide answers: ${same.errors} errors, ${same.non2xx} non-2xx of ${same.requests}`)
      rounds.push({ base, same, guide })
    }
  } finally {
    await bare.stop()
  }

  const median = (xs: number[]) => {
    const sorted = [...xs].sort((a, b) => a - b)
    const mid = sorted.length >> 1
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
  }
  const ratios = rounds.map((r) => (r.guide.rps / r.base.rps) * 100)
  const sameRatios = rounds.map((r) => (r.guide.rps / r.same.rps) * 100)
  const answerRatios = rounds.map((r) => (r.same.rps / r.base.rps) * 100)
  const of = (pick: (l: Load) => number, which: 'base' | 'same' | 'guide') => rounds.map((r) => pick(r[which]))
  const bytes = answers.reduce((n, a) => n + Buffer.from(a.body, 'base64').length, 0) / answers.length
  const how = `autocannon ${CONNECTIONS} connections, ${ROUNDS} paired rounds × ${ROUND_S} s each, browser Accept-Encoding`
  return [
    {
      name: 'guide reads vs bare Fastify route',
      value: round(median(ratios), 1),
      unit: '%',
      // Issue 23: the guide read is judged against the bare route at ≥ 80 % (it said 50 here).
      budget: { op: '>=', value: 80 },
      note: `${how}; median of the rounds' guide/bare ratios; per round ${ratios.map((x) => `${round(x, 0)} %`).join(', ')}`,
    },
    {
      name: 'guide reads vs a bare Fastify route sending the same answers',
      value: round(median(sameRatios), 1),
      unit: '%',
      // The product's own cost on top of the answer it sends (framework, hooks, logging, metrics).
      budget: { op: '>=', value: 80 },
      note: `the bare route replays the 50 guide answers recorded from the product (same bytes, ${headerCount} headers, mean body ${round(bytes, 0)} B brotli); paired rounds as above; per round ${sameRatios.map((x) => `${round(x, 0)} %`).join(', ')}`,
    },
    {
      name: 'the same answers from the bare route vs its hello-world',
      value: round(median(answerRatios), 1),
      unit: '%',
      note: `what the answer alone costs (autocannon's parse of the bigger answer included): the bare route, same process, sending the guide answers instead of {"hello":"world"}; per round ${answerRatios.map((x) => `${round(x, 0)} %`).join(', ')}`,
    },
    {
      name: 'guide reads (GET /api/catalog/items/:code)',
      value: round(median(of((l) => l.rps, 'guide')), 0),
      unit: 'req/s',
      baseline: { name: 'bare Fastify route', value: round(median(of((l) => l.rps, 'base')), 0) },
      note: 'median round; the budget is on the paired ratio above',
    },
    {
      name: 'guide reads p99 latency',
      value: median(of((l) => l.p99, 'guide')),
      unit: 'ms',
      baseline: { name: 'bare Fastify route p99', value: median(of((l) => l.p99, 'base')) },
      budget: { op: '<=', value: 50 },
      note: `median round; worst round ${Math.max(...of((l) => l.p99, 'guide'))} ms (bare ${Math.max(...of((l) => l.p99, 'base'))} ms); p50 ${median(of((l) => l.p50, 'guide'))} ms`,
    },
  ]
}
