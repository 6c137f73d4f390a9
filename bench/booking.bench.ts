// Issue 6: booking attempts per second on PostgreSQL, beside a bare Fastify route in the same run.
//
// The booking server is the product's own app (buildApp: auth, L2 check, idempotency transaction,
// the booking rules) on a fresh PostgreSQL database (DATABASE_URL, default the CI one at
// 127.0.0.1:5432/test), in its own Node process like the bare route. It makes USERS citizens at
// L2 straight in the database (account with a verified ID hash + a fresh session; the SMS and
// real-name steps have their own benches/tests) and hands their tokens over in a file.
// autocannon then POSTs /api/bookings, each request a random user, one of five items, one of the
// open slots of 宁波市民服务中心, a fresh Idempotency-Key. Every answer counts as an attempt:
// 201 booked, 409 (slot full, item already booked, 3 active) refused by the rules — any other
// status or error fails the bench.
import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import autocannon from 'autocannon'
import pg from 'pg'
import { round, type BenchContext, type Row } from './types'

const CONNECTIONS = 10
const DURATION_S = 10
const WARMUP_S = 2
const USERS = 3000
const HALL = 'nb-city'
const ITEMS = ['33020007001001000', '33020007001002000', '33020007001003000', '33020007001004000', '33020007001007000']
const KEY = Buffer.alloc(32, 9).toString('base64')

interface Load { rps: number; p99: number; p50: number; errors: number; statuses: Record<string, number>; requests: number }

// ---- the server process (`tsx bench/booking.bench.ts --serve <dbUrl> <tokensFile>`) ----
async function serve(url: string, tokensFile: string): Promise<void> {
  const { buildApp } = await import('../mock/src/app')
  const { parseConfig } = await import('../mock/src/config')
  const { openDatabase } = await import('../mock/src/db/client')
  const { migrate } = await import('../mock/src/db/migrate')
  const { ensureReferenceData } = await import('../mock/src/db/reference')
  const { createFieldCrypto } = await import('../mock/src/crypto')
  const { createIdentityServices } = await import('../mock/src/identity')
  const { createSession } = await import('../mock/src/identity/sessions')
  const { accounts } = await import('../mock/src/db/schema')
  const parsed = parseConfig({ NODE_ENV: 'test', DATABASE_URL: url, ID_ENCRYPTION_KEY: KEY, LOG_LEVEL: 'warn', STATIC_DIR: '/nonexistent' })
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'))
  const config = parsed.config
  const database = await openDatabase(config.database)
  await migrate(database)
  await ensureReferenceData(database.db)
  const crypto = createFieldCrypto(config.idEncryptionKey)
  const now = new Date()
  const ids: string[] = []
  for (let i = 0; i < USERS; i += 500) {
    const rows = await database.db
      .insert(accounts)
      .values(Array.from({ length: Math.min(500, USERS - i) }, (_, j) => ({ idNumberHmac: crypto.index(`bench-${i + j}`), createdAt: now })))
      .returning({ id: accounts.id })
    ids.push(...rows.map((r) => r.id))
  }
  const signer = createIdentityServices(config, crypto, () => new Date()).signer
  const tokens: string[] = []
  for (const id of ids) tokens.push((await createSession(database.db, signer, { audience: 'citizen', subjectId: id, device: 'bench', channel: 'h5' }, now)).accessToken)
  writeFileSync(tokensFile, JSON.stringify(tokens))
  const app = await buildApp(config, database)
  const address = await app.listen({ host: '127.0.0.1', port: 0 })
  console.log(`booking bench server at ${address}`)
  process.on('SIGTERM', () => {
    app.close().then(
      () => database.close().then(() => process.exit(0)),
      () => process.exit(1),
    )
  })
}

if (process.argv.includes('--serve')) {
  const i = process.argv.indexOf('--serve')
  serve(process.argv[i + 1], process.argv[i + 2]).catch((e) => {
    console.error(e)
    process.exit(1)
  })
}

// ---- the bench ----
async function load(url: string, duration: number, next?: () => { path: string; body?: string; headers?: Record<string, string> }): Promise<Load> {
  const r = await autocannon({
    url,
    connections: CONNECTIONS,
    duration,
    requests: [
      next
        ? { method: 'POST', setupRequest: (req) => { const n = next(); return { ...req, path: n.path, body: n.body, headers: { ...req.headers, ...n.headers } } } }
        : { method: 'GET' },
    ],
  })
  const statuses: Record<string, number> = {}
  for (const [k, v] of Object.entries(r.statusCodeStats ?? {})) statuses[k] = (v as { count: number }).count
  return { rps: r.requests.average, p99: r.latency.p99, p50: r.latency.p50, errors: r.errors + r.timeouts, statuses, requests: r.requests.total }
}

async function startBookingServer(ctx: BenchContext, url: string): Promise<{ url: string; tokens: string[]; stop: () => Promise<void> }> {
  const tokensFile = path.join(ctx.tmpDir('zj-booking-bench-'), 'tokens.json')
  const tsx = path.join(ctx.root, 'node_modules/.bin/tsx')
  const child = spawn(tsx, [path.join(ctx.root, 'bench/booking.bench.ts'), '--serve', url, tokensFile], { cwd: ctx.root, stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  const base = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`booking bench server did not start:\n${out.slice(-2000)}`)), 180_000)
    const onData = (d: Buffer) => {
      out += d.toString()
      const m = /booking bench server at (http:\/\/\S+)/.exec(out)
      if (m) {
        clearTimeout(timer)
        resolve(m[1])
      }
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    child.on('exit', (code) => reject(new Error(`booking bench server exited ${code}:\n${out.slice(-2000)}`)))
  })
  const { readFileSync } = await import('node:fs')
  const tokens = JSON.parse(readFileSync(tokensFile, 'utf8')) as string[]
  return {
    url: base,
    tokens,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}

export default async function bookingBench(ctx: BenchContext): Promise<Row[]> {
  const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
  const dbName = `zj_bench_booking_${process.pid}`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(`create database "${dbName}"`)
  const u = new URL(adminUrl)
  u.pathname = `/${dbName}`
  let server: Awaited<ReturnType<typeof startBookingServer>> | undefined
  try {
    ctx.log(`booking: ${USERS} users at L2 on PostgreSQL ${u.host}${u.pathname}`)
    server = await startBookingServer(ctx, u.toString())
    const av = (await (await fetch(`${server.url}/api/booking/availability?hall=${HALL}&item=${ITEMS[0]}`)).json()) as { days: { slots: { startsAt: string; open: boolean }[] }[] }
    const slots = av.days.flatMap((d) => d.slots.filter((s) => s.open).map((s) => s.startsAt))
    if (slots.length < 20) throw new Error(`only ${slots.length} open slots`)
    const tokens = server.tokens
    let n = 0
    const next = () => {
      n++
      const body = JSON.stringify({ itemCode: ITEMS[n % ITEMS.length], hallId: HALL, startsAt: slots[(n * 7) % slots.length] })
      return { path: '/api/bookings', body, headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID(), authorization: `Bearer ${tokens[(n * 13) % tokens.length]}` } }
    }
    const bare = await ctx.bareFastify()
    await load(bare.url, WARMUP_S)
    const base = await load(bare.url, DURATION_S)
    await bare.stop()
    await load(server.url, WARMUP_S, next)
    const booking = await load(server.url, DURATION_S, next)
    ctx.log(`bare: ${JSON.stringify(base)}`)
    ctx.log(`booking: ${JSON.stringify(booking)}`)
    const bad = Object.entries(booking.statuses).filter(([s]) => s !== '201' && s !== '409')
    if (booking.errors || bad.length) throw new Error(`booking attempts: ${booking.errors} errors, statuses ${JSON.stringify(booking.statuses)}`)
    const how = `autocannon ${CONNECTIONS} connections × ${DURATION_S} s, ${USERS} L2 users, 5 items, ${slots.length} slots; 201 ${booking.statuses['201'] ?? 0}, 409 ${booking.statuses['409'] ?? 0}`
    return [
      { name: 'booking attempts (POST /api/bookings, PostgreSQL)', value: round(booking.rps, 0), unit: 'req/s', baseline: { name: 'bare Fastify route', value: round(base.rps, 0) }, budget: { op: '>=', value: 500 }, note: `${how}; goal ≥ 500/s on the CI machine (#6)` },
      { name: 'booking attempt p99 latency', value: booking.p99, unit: 'ms', baseline: { name: 'bare Fastify route p99', value: base.p99 }, note: `p50 ${booking.p50} ms (bare ${base.p50} ms)` },
    ]
  } finally {
    await server?.stop()
    await admin.query(`drop database if exists "${dbName}" with (force)`).catch(() => undefined)
    await admin.end()
  }
}
