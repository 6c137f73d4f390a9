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

  const median = (xs: number[]) => {
    const sorted = [...xs].sort((a, b) => a - b)
    const mid = sorted.length >> 1
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
  }
  const ratios = rounds.map((r) => (r.guide.rps / r.base.rps) * 100)
  const of = (pick: (l: Load) => number, which: 'base' | 'guide') => rounds.map((r) => pick(r[which]))
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
