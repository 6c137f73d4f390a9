// Issue 23: the cluster (scripts/cluster.ts) through nginx with 1, 2 and 3 instances, each
// endpoint beside a bare Fastify route measured in the same round; and the booking floor: the
// booking transaction (booking/service.ts book()) straight on a `pg` pool of the instances' size,
// no HTTP, so the HTTP path is judged as a share of what the database itself allows.
//
// The cluster runs on a fresh PostgreSQL database (DATABASE_URL, default the CI one), seeded
// once; citizens at L2 are made straight in the database (as bench/booking.bench.ts does) and
// their tokens used for booking. On a 2-core machine shared with other work, nginx, three
// instances, PostgreSQL and autocannon all compete for the same two cores: the 1→3 instance rows
// show what this machine allows, not what three machines would (see docs/capacity.md).
import { randomBytes, randomUUID } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import autocannon from 'autocannon'
import { drizzle } from 'drizzle-orm/node-postgres'
import pg from 'pg'
import { startCluster, type Cluster } from '../scripts/cluster'
import { round, type BenchContext, type Row } from './types'

const CONNECTIONS = 10
const DURATION_S = Number(process.env.SCALE_BENCH_SECONDS ?? 5)
const POOL_SIZE = 10
const USERS = 1500
const HALL = 'nb-city'
const ITEMS = ['33020007001001000', '33020007001002000', '33020007001003000', '33020007001004000', '33020007001007000']
const HEADERS = { 'accept-encoding': 'gzip, deflate, br', accept: 'application/json' }

interface Load { rps: number; p99: number; p50: number; errors: number; statuses: Record<string, number> }
type Next = () => { method?: string; path: string; body?: string; headers?: Record<string, string> }

async function load(url: string, duration: number, next: Next): Promise<Load> {
  const r = await autocannon({
    url,
    connections: CONNECTIONS,
    duration,
    headers: HEADERS,
    requests: [
      {
        setupRequest: (req) => {
          const n = next()
          return { ...req, method: (n.method ?? 'GET') as 'GET', path: n.path, body: n.body, headers: { ...req.headers, ...n.headers } }
        },
      },
    ],
  })
  const statuses: Record<string, number> = {}
  for (const [k, v] of Object.entries(r.statusCodeStats ?? {})) statuses[k] = (v as { count: number }).count
  return { rps: r.requests.average, p99: r.latency.p99, p50: r.latency.p50, errors: r.errors + r.timeouts, statuses }
}

/** Citizens at L2 with fresh sessions, made in the database; their access tokens. */
async function makeUsers(url: string, key: string): Promise<string[]> {
  const { parseConfig } = await import('../mock/src/config')
  const { createFieldCrypto } = await import('../mock/src/crypto')
  const { createIdentityServices } = await import('../mock/src/identity')
  const { createSession } = await import('../mock/src/identity/sessions')
  const schema = await import('../mock/src/db/schema')
  const parsed = parseConfig({ NODE_ENV: 'development', DATABASE_URL: url, ID_ENCRYPTION_KEY: key, STATIC_DIR: '/nonexistent' })
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'))
  const crypto = createFieldCrypto(parsed.config.idEncryptionKey)
  const pool = new pg.Pool({ connectionString: url, max: 2 })
  try {
    const db = drizzle(pool, { schema })
    const now = new Date()
    const signer = createIdentityServices(parsed.config, crypto, () => new Date()).signer
    const tokens: string[] = []
    for (let i = 0; i < USERS; i += 500) {
      const rows = await db
        .insert(schema.accounts)
        .values(Array.from({ length: Math.min(500, USERS - i) }, (_, j) => ({ idNumberHmac: crypto.index(`scale-bench-${i + j}`), createdAt: now })))
        .returning({ id: schema.accounts.id })
      for (const r of rows) tokens.push((await createSession(db as never, signer, { audience: 'citizen', subjectId: r.id, device: 'bench', channel: 'h5' }, now)).accessToken)
    }
    return tokens
  } finally {
    await pool.end()
  }
}

/** The floor: book() in its own transaction on a pool of POOL_SIZE, CONNECTIONS at a time, for `seconds`. */
async function bookingFloor(url: string, slots: string[], seconds: number): Promise<{ rps: number; booked: number; refused: number }> {
  const schema = await import('../mock/src/db/schema')
  const { book } = await import('../mock/src/booking/service')
  const { ApiError } = await import('../mock/src/errors')
  const pool = new pg.Pool({ connectionString: url, max: POOL_SIZE })
  const db = drizzle(pool, { schema })
  // Accounts of the floor's own (without sessions: no HTTP here).
  const ids = (await db.insert(schema.accounts).values(Array.from({ length: USERS }, () => ({ createdAt: new Date() }))).returning({ id: schema.accounts.id })).map((r) => r.id)
  let n = 0
  let booked = 0
  let refused = 0
  const end = Date.now() + seconds * 1000
  try {
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        while (Date.now() < end) {
          const i = n++
          try {
            await db.transaction((tx) => book(tx as never, { accountId: ids[(i * 13) % ids.length], itemCode: ITEMS[i % ITEMS.length], hallId: HALL, startsAt: new Date(slots[(i * 7) % slots.length]) }, new Date()))
            booked++
          } catch (e) {
            if (!(e instanceof ApiError)) throw e
            refused++
          }
        }
      }),
    )
  } finally {
    await pool.end()
  }
  return { rps: (booked + refused) / seconds, booked, refused }
}

export default async function scaleBench(ctx: BenchContext): Promise<Row[]> {
  const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
  const dbName = `zj_bench_scale_${process.pid}`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(`create database "${dbName}"`)
  const u = new URL(adminUrl)
  u.pathname = `/${dbName}`
  const url = u.toString()
  const key = randomBytes(32).toString('base64')
  const staticDir = ctx.tmpDir('zj-scale-static-')
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>bench</title>')
  let cluster: Cluster | undefined
  try {
    ctx.log('scale: starting 3 instances behind nginx')
    cluster = await startCluster({
      databaseUrl: url,
      instances: 3,
      staticDir,
      exposeUpstream: true,
      workDir: ctx.tmpDir('zj-scale-cluster-'),
      env: { NODE_ENV: 'development', ID_ENCRYPTION_KEY: key, LOG_LEVEL: 'warn', SEED_CITIZENS: '200', SEED_ENTERPRISES: '5', DB_POOL_SIZE: String(POOL_SIZE) },
    })
    const base = cluster.url
    const tokens = await makeUsers(url, key)
    const index = (await (await fetch(`${base}/api/catalog/index`)).json()) as { index?: { items: { c: string }[] }; items?: { c: string }[] }
    const items = index.index?.items ?? index.items ?? []
    const guidePaths = items.slice(0, 50).map((it) => `/api/catalog/items/${encodeURIComponent(it.c)}`)
    const av = (await (await fetch(`${base}/api/booking/availability?hall=${HALL}&item=${ITEMS[0]}`)).json()) as { days: { slots: { startsAt: string; open: boolean }[] }[] }
    const slots = av.days.flatMap((d) => d.slots.filter((s) => s.open).map((s) => s.startsAt))
    if (guidePaths.length < 50 || slots.length < 20) throw new Error(`catalog ${guidePaths.length} items, ${slots.length} open slots`)

    let g = 0
    const guide: Next = () => ({ path: guidePaths[g++ % guidePaths.length] })
    let b = 0
    const booking: Next = () => {
      b++
      return {
        method: 'POST',
        path: '/api/bookings',
        body: JSON.stringify({ itemCode: ITEMS[b % ITEMS.length], hallId: HALL, startsAt: slots[(b * 7) % slots.length] }),
        headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID(), authorization: `Bearer ${tokens[(b * 13) % tokens.length]}` },
      }
    }
    const bare = await ctx.bareFastify()
    const barePath: Next = () => ({ path: '/' })
    const rows: Row[] = []
    try {
      await load(bare.url, 1, barePath)
      await load(base, 1, guide)
      // Guide reads straight on one instance: what nginx's hop costs.
      const bareDirect = await load(bare.url, DURATION_S, barePath)
      const direct = await load(cluster.instances[0].url, DURATION_S, guide)
      rows.push({
        name: 'guide reads, one instance without nginx',
        value: round(direct.rps, 0),
        unit: 'req/s',
        baseline: { name: 'bare Fastify route', value: round(bareDirect.rps, 0) },
        note: `p99 ${direct.p99} ms (bare ${bareDirect.p99} ms); autocannon ${CONNECTIONS} connections × ${DURATION_S} s`,
      })
      for (const n of [1, 2, 3]) {
        await cluster.route(n)
        // The machine is shared: its load while this row was measured is part of the number.
        const loadAvg = round(os.loadavg()[0], 1)
        const bareRun = await load(bare.url, DURATION_S, barePath)
        const guideRun = await load(base, DURATION_S, guide)
        const bookRun = await load(base, DURATION_S, booking)
        ctx.log(`scale ${n}: bare ${JSON.stringify(bareRun)} guide ${JSON.stringify(guideRun)} booking ${JSON.stringify(bookRun)}`)
        const badGuide = Object.keys(guideRun.statuses).filter((s) => s !== '200')
        const badBook = Object.keys(bookRun.statuses).filter((s) => s !== '201' && s !== '409')
        if (guideRun.errors || bookRun.errors || badGuide.length || badBook.length) {
          throw new Error(`${n} instances: guide ${JSON.stringify(guideRun)}, booking ${JSON.stringify(bookRun)}`)
        }
        rows.push({
          name: `guide reads through nginx, ${n} instance${n > 1 ? 's' : ''}`,
          value: round(guideRun.rps, 0),
          unit: 'req/s',
          baseline: { name: 'bare Fastify route', value: round(bareRun.rps, 0) },
          note: `p99 ${guideRun.p99} ms (bare ${bareRun.p99} ms); load average ${loadAvg} on ${os.cpus().length} cores`,
        })
        rows.push({
          name: `booking attempts through nginx, ${n} instance${n > 1 ? 's' : ''}`,
          value: round(bookRun.rps, 0),
          unit: 'req/s',
          baseline: { name: 'bare Fastify route', value: round(bareRun.rps, 0) },
          note: `p99 ${bookRun.p99} ms; 201 ${bookRun.statuses['201'] ?? 0}, 409 ${bookRun.statuses['409'] ?? 0}; load average ${loadAvg}`,
        })
      }
    } finally {
      await bare.stop()
    }
    await cluster.route(3)
    const floor = await bookingFloor(url, slots, DURATION_S)
    const oneInstance = rows.find((r) => r.name === 'booking attempts through nginx, 1 instance')!.value
    rows.push({
      name: 'booking floor: book() on a pg pool, no HTTP',
      value: round(floor.rps, 0),
      unit: 'tx/s',
      note: `pool ${POOL_SIZE}, ${CONNECTIONS} at a time × ${DURATION_S} s; booked ${floor.booked}, refused by the rules ${floor.refused}; load average ${round(os.loadavg()[0], 1)}`,
    })
    rows.push({
      name: 'booking through nginx (1 instance) as a share of the floor',
      value: round((100 * oneInstance) / floor.rps, 1),
      unit: '%',
      budget: { op: '>=', value: 50 },
      note: 'goal ≥ 50 % (#23); both measured in this run on the same database',
    })
    return rows
  } finally {
    await cluster?.stop()
    await admin.query(`drop database if exists "${dbName}" with (force)`).catch(() => undefined)
    await admin.end()
  }
}
