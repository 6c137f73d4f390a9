// Issue 9: guide reads on the product's server vs a bare Fastify route, same run, same machine.
//
// The product runs as `npm start` runs it (its own Node process, request logging at its default
// level); the bare route runs in its own Node process too (bench/support/bare-fastify.ts).
// autocannon drives both from this process with the headers a browser sends (gzip/br accepted),
// one after the other, after a short warm-up each. Guide reads cycle over 50 real item codes, so no
// single cached answer is measured.
import autocannon from 'autocannon'
import { round, type BenchContext, type Row } from './types'

const CONNECTIONS = 10
const DURATION_S = 10
const WARMUP_S = 2
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

  await load(bare.url, ['/'], WARMUP_S)
  const base = await load(bare.url, ['/'], DURATION_S)
  await bare.stop()
  await load(server.url, guidePaths, WARMUP_S)
  const guide = await load(server.url, guidePaths, DURATION_S)
  ctx.log(`bare: ${JSON.stringify(base)}`)
  ctx.log(`guide: ${JSON.stringify(guide)}`)
  if (guide.errors || guide.non2xx) throw new Error(`guide reads: ${guide.errors} errors, ${guide.non2xx} non-2xx of ${guide.requests}`)

  const how = `autocannon ${CONNECTIONS} connections × ${DURATION_S} s, browser Accept-Encoding`
  return [
    { name: 'guide reads (GET /api/catalog/items/:code)', value: round(guide.rps, 0), unit: 'req/s', baseline: { name: 'bare Fastify route', value: round(base.rps, 0) }, budget: { op: '>=', value: round(base.rps * 0.5, 0) }, note: `${how}; budget = 50 % of bare` },
    { name: 'guide reads p99 latency', value: guide.p99, unit: 'ms', baseline: { name: 'bare Fastify route p99', value: base.p99 }, budget: { op: '<=', value: 50 }, note: `p50 ${guide.p50} ms (bare ${base.p50} ms)` },
  ]
}
