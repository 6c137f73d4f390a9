// Issue 9: guide reads on the product's server vs a bare Fastify route, same run, same machine.
//
// The product runs as `npm start` runs it (its own Node process, request logging at its default
// level); the bare route runs in its own Node process too (bench/support/bare-fastify.ts).
// autocannon drives both from this process with the headers a browser sends (gzip/br accepted).
// Guide reads cycle over 50 real item codes, so no single cached answer is measured.
//
// This 2-core machine's speed drifts by a third within a minute, so one bare run followed by one
// guide run compared two different machines. Both servers stay up and are measured in alternating
// rounds (bare, guide, bare, guide, ...); each row is the mean over its rounds, and the note lists
// every round's ratio.
import autocannon from 'autocannon'
import { round, type BenchContext, type Row } from './types'

const CONNECTIONS = 10
const ROUNDS = Number(process.env.SERVER_BENCH_ROUNDS ?? 5)
const ROUND_S = 5
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

export default async function serverBench(ctx: BenchContext): Promise<Row[]> {
  const server = await ctx.server()
  const index = await (await fetch(`${server.url}/api/catalog/index`)).json() as { index?: { items: { c: string }[] }; items?: { c: string }[] }
  const items = (index.index ?? index).items ?? []
  if (items.length < 50) throw new Error(`catalog index has ${items.length} items, expected ≥ 50`)
  const guidePaths = items.slice(0, 50).map((it) => `/api/catalog/items/${encodeURIComponent(it.c)}`)
  const bare = await ctx.bareFastify()
  const rounds: { base: Load; guide: Load }[] = []
  try {
    await load(bare.url, ['/'], WARMUP_S)
    await load(server.url, guidePaths, WARMUP_S)
    for (let r = 0; r < ROUNDS; r++) {
      const base = await load(bare.url, ['/'], ROUND_S)
      const guide = await load(server.url, guidePaths, ROUND_S)
      ctx.log(`round ${r + 1}: bare ${JSON.stringify(base)} guide ${JSON.stringify(guide)}`)
      if (guide.errors || guide.non2xx) throw new Error(`guide reads: ${guide.errors} errors, ${guide.non2xx} non-2xx of ${guide.requests}`)
      rounds.push({ base, guide })
    }
  } finally {
    await bare.stop()
  }

  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length
  const baseRps = mean(rounds.map((r) => r.base.rps))
  const guideRps = mean(rounds.map((r) => r.guide.rps))
  const ratios = rounds.map((r) => `${round((r.guide.rps / r.base.rps) * 100, 0)} %`).join(', ')
  const worst = (pick: (l: Load) => number, of: 'base' | 'guide') => Math.max(...rounds.map((r) => pick(r[of])))
  const how = `autocannon ${CONNECTIONS} connections, ${ROUNDS} alternating rounds × ${ROUND_S} s each, browser Accept-Encoding`
  return [
    { name: 'guide reads (GET /api/catalog/items/:code)', value: round(guideRps, 0), unit: 'req/s', baseline: { name: 'bare Fastify route', value: round(baseRps, 0) }, budget: { op: '>=', value: round(baseRps * 0.5, 0) }, note: `${how}; budget = 50 % of bare; per round ${ratios}` },
    { name: 'guide reads p99 latency', value: worst((l) => l.p99, 'guide'), unit: 'ms', baseline: { name: 'bare Fastify route p99', value: worst((l) => l.p99, 'base') }, budget: { op: '<=', value: 50 }, note: `worst round; p50 ${worst((l) => l.p50, 'guide')} ms (bare ${worst((l) => l.p50, 'base')} ms)` },
  ]
}
