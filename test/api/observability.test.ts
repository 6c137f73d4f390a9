// Metrics and readiness (issue 23) on both databases: what an operator's Prometheus and load
// balancer read from each instance.
import { sql } from 'drizzle-orm'
import { enqueue, workDue } from '../../mock/src/jobs/queue'
import { forEachDatabase } from './harness'

/** The value of one sample line (`name{labels} value`), or undefined when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue
    const m = /^([a-zA-Z_:][\w:]*)(\{([^}]*)\})? (\S+)$/.exec(line)
    if (!m || m[1] !== name) continue
    const got = Object.fromEntries([...(m[3] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((x) => [x[1], x[2]]))
    if (Object.entries(labels).every(([k, v]) => got[k] === v)) return Number(m[4])
  }
  return undefined
}

const METRICS_TOKEN = 'scraper-token-0123456789'

forEachDatabase('observability', (getEnv, name) => {
  it('GET /metrics: request durations per route pattern and status, pool, process metrics', async () => {
    const { app } = getEnv()
    for (let i = 0; i < 3; i++) expect((await app.inject({ url: '/api/meta' })).statusCode).toBe(200)
    expect((await app.inject({ url: '/api/regions?parent=999999' })).statusCode).toBe(404)
    const res = await app.inject({ url: '/metrics' })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toContain('text/plain')
    const text = res.body
    expect(sample(text, 'http_request_duration_seconds_count', { method: 'GET', route: '/api/meta', status_code: '200' })).toBeGreaterThanOrEqual(3)
    // The pattern, never the concrete URL.
    expect(sample(text, 'http_request_duration_seconds_count', { route: '/api/regions', status_code: '404' })).toBe(1)
    // (A sample's value may hold the digits 999999, say 0.0999999 s; a label never may.)
    expect(text).not.toMatch(/="[^"]*999999/)
    expect(sample(text, 'db_pool_max_connections')).toBe(name === 'postgres' ? getEnv().config.dbPoolSize : 1)
    expect(sample(text, 'db_pool_connections_in_use')).toBeGreaterThanOrEqual(0)
    expect(sample(text, 'db_pool_waiting_requests')).toBe(0)
    expect(sample(text, 'process_cpu_user_seconds_total')).toBeGreaterThan(0)
    expect(sample(text, 'nodejs_eventloop_lag_p99_seconds')).toBeGreaterThanOrEqual(0)
  })

  it('reports the queue depth per job name and this instance\'s job outcomes, failures included', async () => {
    const { app, database, now } = getEnv()
    const at = now()
    await enqueue(database.db, { name: 'scale.probe', runAt: at, singletonKey: `probe-ok-${name}` }, at)
    await enqueue(database.db, { name: 'scale.probe', runAt: new Date(at.getTime() + 3_600_000), singletonKey: `probe-later-${name}` }, at)
    await enqueue(database.db, { name: 'scale.broken', runAt: at, singletonKey: `probe-broken-${name}` }, at)
    let text = (await app.inject({ url: '/metrics' })).body
    expect(sample(text, 'job_queue_depth', { name: 'scale.probe', when: 'due' })).toBe(1)
    expect(sample(text, 'job_queue_depth', { name: 'scale.probe', when: 'later' })).toBe(1)
    expect(sample(text, 'job_queue_depth', { name: 'scale.broken', when: 'due' })).toBe(1)

    const r = await workDue(
      database.db,
      {
        'scale.probe': async () => undefined,
        'scale.broken': async () => {
          throw new Error('upstream refused')
        },
      },
      at,
    )
    expect(r).toEqual({ completed: 1, failed: 1 })
    text = (await app.inject({ url: '/metrics' })).body
    expect(sample(text, 'job_runs_total', { name: 'scale.probe', outcome: 'completed' })).toBe(1)
    expect(sample(text, 'job_runs_total', { name: 'scale.broken', outcome: 'failed' })).toBe(1)
    expect(sample(text, 'job_queue_depth', { name: 'scale.probe', when: 'due' })).toBeUndefined()
    // The failed one waits for its retry (backoff), so it is no longer due.
    expect(sample(text, 'job_queue_depth', { name: 'scale.broken', when: 'later' })).toBe(1)
    await database.db.execute(sql`delete from jobs where name like 'scale.%'`)
  })

  it('GET /api/health/ready: ready with migrations applied; not ready while draining or when a migration is missing', async () => {
    const { app, database } = getEnv()
    const ok = await app.inject({ url: '/api/health/ready' })
    expect(ok.statusCode).toBe(200)
    expect(ok.json()).toEqual({ status: 'ready', database: true, migrations: true, draining: false })

    // A database a release behind: the newest migration's bookkeeping row is missing.
    const r = await database.db.execute(sql`select id, hash, created_at::text as created_at from drizzle.__drizzle_migrations order by created_at desc limit 1`)
    const rows = (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows) as Array<{ id: number; hash: string; created_at: string }>
    const last = rows[0]
    await database.db.execute(sql`delete from drizzle.__drizzle_migrations where id = ${last.id}`)
    try {
      const behind = await app.inject({ url: '/api/health/ready' })
      expect(behind.statusCode).toBe(503)
      expect(behind.json()).toMatchObject({ status: 'not_ready', database: true, migrations: false })
    } finally {
      await database.db.execute(sql`insert into drizzle.__drizzle_migrations (id, hash, created_at) values (${last.id}, ${last.hash}, ${last.created_at}::bigint)`)
    }

    app.startDraining()
    expect(app.draining).toBe(true)
    const draining = await app.inject({ url: '/api/health/ready' })
    expect(draining.statusCode).toBe(503)
    expect(draining.json()).toEqual({ status: 'not_ready', database: true, migrations: true, draining: true })
    // Liveness is a different question: the process is alive and still answers.
    expect((await app.inject({ url: '/api/health' })).statusCode).toBe(200)
  })

  it('keeps a gateway\'s request id and answers with it', async () => {
    const res = await getEnv().app.inject({ url: '/api/meta', headers: { 'x-request-id': 'abcdef0123456789abcdef0123456789' } })
    expect(res.headers['x-request-id']).toBe('abcdef0123456789abcdef0123456789')
    const line = getEnv().logs.find((l) => l.includes('abcdef0123456789abcdef0123456789'))
    expect(line).toBeDefined()
    expect(JSON.parse(line!)).toMatchObject({ reqId: 'abcdef0123456789abcdef0123456789', msg: 'request completed' })
  })
  it('GET /metrics answers loopback or the scraper\'s token; anyone else gets a 404', async () => {
    const { app } = getEnv()
    const remote = { remoteAddress: '203.0.113.7' }
    expect((await app.inject({ url: '/metrics', ...remote })).statusCode).toBe(404)
    expect((await app.inject({ url: '/metrics', ...remote, headers: { authorization: 'Bearer not-the-token-at-all' } })).statusCode).toBe(404)
    const scraped = await app.inject({ url: '/metrics', ...remote, headers: { authorization: `Bearer ${METRICS_TOKEN}` } })
    expect(scraped.statusCode).toBe(200)
    expect(scraped.body).toContain('http_request_duration_seconds')
    expect((await app.inject({ url: '/metrics', remoteAddress: '::1' })).statusCode).toBe(200)
  })
}, { extraEnv: { METRICS_TOKEN } })
