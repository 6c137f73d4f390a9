// Metrics and readiness, as one Fastify plugin (issue 23). Each app gets its own prom-client
// registry, so tests that build several apps in one process never collide.
//
// - GET /metrics: Prometheus text. Not under /api/, so the cluster's nginx (which proxies only
//   /api/) never exposes it; scrape each instance directly, from loopback or with METRICS_TOKEN.
// - GET /api/health/ready: 200 when the database answers, every migration in mock/drizzle is
//   applied and the instance is not draining; 503 otherwise. Liveness stays /api/health.
import { timingSafeEqual } from 'node:crypto'
import { readMigrationFiles } from 'drizzle-orm/migrator'
import { sql } from 'drizzle-orm'
import fp from 'fastify-plugin'
import { Type } from '@sinclair/typebox'
import { collectDefaultMetrics, Counter, Gauge, Registry, type Metric } from 'prom-client'
import type { Database } from './db/client'
import { MIGRATIONS_FOLDER } from './db/migrate'
import { observeJobs } from './jobs/queue'
import type { App, Services } from './context'

declare module 'fastify' {
  interface FastifyInstance {
    /** Readiness goes false from here on (graceful shutdown calls it before closing). */
    startDraining(): void
    readonly draining: boolean
  }
}

const PING_TIMEOUT_MS = 2000
/** Request durations: most answers take 1–50 ms; the slow tail (PDFs, scrypt) reaches seconds. */
const DURATION_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

const ReadyResponse = Type.Object(
  {
    status: Type.Union([Type.Literal('ready'), Type.Literal('not_ready')]),
    database: Type.Boolean(),
    migrations: Type.Boolean(),
    draining: Type.Boolean(),
  },
  { title: 'Readiness' },
)

interface Series {
  labels: { method: string; route: string; status_code: string }
  /** Observations per bucket (not cumulative); the last slot is above the highest bound. */
  counts: number[]
  sum: number
  count: number
}

/**
 * The request-duration histogram, written as prom-client's Histogram writes it (same series, same
 * text) but observed without its per-call label validation and label hashing: one Map lookup by
 * method, status and route. It was the metrics' share of a guide read (bench/server.bench.ts).
 */
export class RouteDurations {
  readonly type = 'histogram'
  readonly aggregator = 'sum'
  private series = new Map<string, Series>()

  constructor(
    readonly name: string,
    readonly help: string,
    private readonly bounds: number[],
  ) {}

  observe(method: string, route: string, statusCode: number, seconds: number): void {
    if (!Number.isFinite(seconds)) return
    const key = `${method} ${statusCode} ${route}`
    let s = this.series.get(key)
    if (!s) {
      s = { labels: { method, route, status_code: String(statusCode) }, counts: new Array<number>(this.bounds.length + 1).fill(0), sum: 0, count: 0 }
      this.series.set(key, s)
    }
    let i = 0
    while (i < this.bounds.length && seconds > this.bounds[i]) i++
    s.counts[i]++
    s.sum += seconds
    s.count++
  }

  reset(): void {
    this.series.clear()
  }

  /** The shape prom-client's Histogram gives its registry (labels `le`, the series' as shared). */
  getForPromString() {
    const bucket = `${this.name}_bucket`
    const values: Array<{ labels: Record<string, string | number>; sharedLabels: Record<string, string>; value: number; metricName: string }> = []
    for (const s of this.series.values()) {
      let acc = 0
      this.bounds.forEach((le, i) => {
        acc += s.counts[i]
        values.push({ labels: { le }, sharedLabels: s.labels, value: acc, metricName: bucket })
      })
      values.push({ labels: { le: '+Inf' }, sharedLabels: s.labels, value: s.count, metricName: bucket })
      values.push({ labels: {}, sharedLabels: s.labels, value: s.sum, metricName: `${this.name}_sum` })
      values.push({ labels: {}, sharedLabels: s.labels, value: s.count, metricName: `${this.name}_count` })
    }
    return { name: this.name, help: this.help, type: this.type, values, aggregator: this.aggregator }
  }

  async get() {
    const data = this.getForPromString()
    return { ...data, values: data.values.map(({ labels, sharedLabels, ...v }) => ({ ...v, labels: { ...labels, ...sharedLabels } })) }
  }
}

/** The newest migration the code ships (drizzle's folderMillis), read once. */
function newestMigrationMillis(): number {
  return Math.max(0, ...readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER }).map((m) => m.folderMillis))
}

async function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  try {
    return await Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timed out')), ms)))])
  } finally {
    clearTimeout(timer)
  }
}

/** Whether drizzle's bookkeeping holds the newest migration the code ships. */
async function migrationsApplied(database: Database, newest: number): Promise<boolean> {
  const r = await database.db.execute(sql`select max(created_at)::text as last from drizzle.__drizzle_migrations`)
  const rows = (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows) as Array<{ last: string | null }>
  return Number(rows[0]?.last ?? 0) >= newest
}

async function observability(app: App, opts: { services: Services }): Promise<void> {
  const s = opts.services
  const register = new Registry()
  collectDefaultMetrics({ register })
  let draining = false
  app.decorate('startDraining', () => {
    draining = true
  })
  app.decorate('draining', {
    getter: () => draining,
  })
  app.addHook('onClose', async () => {
    draining = true
  })

  const duration = new RouteDurations(
    'http_request_duration_seconds',
    'Time from request received to answer sent, by method, route pattern and status.',
    DURATION_BUCKETS,
  )
  register.registerMetric(duration as unknown as Metric)
  app.addHook('onResponse', (request, reply, done) => {
    // The route pattern, never the URL (ids and query strings would explode the label set).
    duration.observe(request.method, request.routeOptions.url ?? '(unmatched)', reply.statusCode, reply.elapsedTime / 1000)
    done()
  })

  const pool = s.database.pool
  new Gauge({
    name: 'db_pool_connections_in_use',
    help: 'PostgreSQL pool connections checked out (0 on PGlite).',
    registers: [register],
    collect() {
      this.set(pool ? pool.totalCount - pool.idleCount : 0)
    },
  })
  new Gauge({
    name: 'db_pool_connections_open',
    help: 'PostgreSQL pool connections open, idle or busy (0 on PGlite).',
    registers: [register],
    collect() {
      this.set(pool ? pool.totalCount : 0)
    },
  })
  new Gauge({
    name: 'db_pool_waiting_requests',
    help: 'Queries waiting for a free pool connection (0 on PGlite).',
    registers: [register],
    collect() {
      this.set(pool ? pool.waitingCount : 0)
    },
  })
  new Gauge({
    name: 'db_pool_max_connections',
    help: 'Pool size setting (DB_POOL_SIZE; 1 on PGlite).',
    registers: [register],
    collect() {
      this.set(pool ? s.config.dbPoolSize : 1)
    },
  })

  // Queue depth is shared state: every instance reports the same database-wide numbers.
  const depth = new Gauge({
    name: 'job_queue_depth',
    help: 'Jobs waiting in the shared queue by job name: due now, or scheduled for later.',
    labelNames: ['name', 'when'] as const,
    registers: [register],
    async collect() {
      this.reset()
      const r = await s.database.db.execute(
        sql`select name, (run_at <= ${s.now()}) as due, count(*)::int as n from jobs where state = 'created' group by name, due`,
      )
      const rows = (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows) as Array<{ name: string; due: boolean; n: number }>
      for (const row of rows) this.set({ name: row.name, when: row.due ? 'due' : 'later' }, Number(row.n))
    },
  })
  void depth
  new Gauge({
    name: 'job_dead_total',
    help: 'Jobs in the shared queue that failed every attempt, by job name.',
    labelNames: ['name'] as const,
    registers: [register],
    async collect() {
      this.reset()
      const r = await s.database.db.execute(sql`select name, count(*)::int as n from jobs where state = 'failed' group by name`)
      const rows = (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows) as Array<{ name: string; n: number }>
      for (const row of rows) this.set({ name: row.name }, Number(row.n))
    },
  })
  // Per instance: which jobs this process ran and how each attempt ended.
  const runs = new Counter({
    name: 'job_runs_total',
    help: 'Job attempts run by this instance, by job name and outcome (completed, failed = will retry, dead = gave up).',
    labelNames: ['name', 'outcome'] as const,
    registers: [register],
  })
  const stopObserving = observeJobs((name, outcome) => runs.inc({ name, outcome }))
  app.addHook('onClose', async () => stopObserving())

  // Metrics name routes, jobs and load: for the operator's scraper, not for whoever reaches a
  // server started with HOST=0.0.0.0. Loopback (a scraper beside the instance) or the token.
  const metricsToken = s.config.metricsToken
  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    if (!isLoopback(request.socket.remoteAddress) && !bearerMatches(request.headers.authorization, metricsToken)) return reply.callNotFound()
    reply.header('content-type', register.contentType)
    reply.header('cache-control', 'no-store')
    return register.metrics()
  })

  const newest = newestMigrationMillis()
  app.get(
    '/api/health/ready',
    {
      schema: {
        tags: ['system'],
        summary: 'Readiness: database answers, migrations applied, not draining (503 otherwise). Load balancers route by this',
        response: { 200: ReadyResponse, 503: ReadyResponse },
      },
    },
    async (request, reply) => {
      let database = false
      let migrations = false
      try {
        migrations = await withTimeout(migrationsApplied(s.database, newest), PING_TIMEOUT_MS)
        database = true
      } catch (err) {
        request.log.warn({ err }, 'readiness: database unavailable')
      }
      const ready = database && migrations && !draining
      reply.code(ready ? 200 : 503)
      return { status: ready ? ('ready' as const) : ('not_ready' as const), database, migrations, draining }
    },
  )
}

export default fp(observability, { name: 'observability', fastify: '5.x' })

function isLoopback(address: string | undefined): boolean {
  if (!address) return false
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address
  return v4.startsWith('127.') || address === '::1'
}

function bearerMatches(header: string | undefined, token: string | undefined): boolean {
  if (!token || !header?.startsWith('Bearer ')) return false
  const given = Buffer.from(header.slice(7))
  const want = Buffer.from(token)
  return given.length === want.length && timingSafeEqual(given, want)
}
