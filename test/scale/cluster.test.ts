// Invariants across instances (issue 23): three instances of the stand-in on one PostgreSQL
// behind nginx, started by the same code as `npm run cluster`. Every request goes through nginx
// (round robin), so consecutive requests land on different instances; `X-Upstream` (a test-only
// header of the cluster) shows which one answered. Runs only with DATABASE_URL (a fresh database
// is created from it and dropped at the end). Numbers are from a shared 2-core machine: the suite
// checks outcomes, never speed.
import { randomBytes, randomUUID } from 'node:crypto'
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { brotliCompressSync, gzipSync } from 'node:zlib'
import autocannon from 'autocannon'
import pg from 'pg'
import { createFieldCrypto } from '../../mock/src/crypto'
import { startCluster, type Cluster } from '../../scripts/cluster'
import { wallMs } from '../support/clock'
import { call, clientAddress, consentIdProcessing, mapLimit, sample, signIn, signInL2, staffCredentials, tally, type Person } from './support'

/** Monday 2026-11-23 09:00 China time: the instances' clocks start here. */
const START = '2026-11-23T01:00:00.000Z'
const HALL = 'jb-centre'
const ITEMS = ['33020007001001000', '33020007001002000', '33020007001003000']
const cn = (local: string): string => new Date(`${local}:00+08:00`).toISOString()
const MIN = 60_000
const RACE_PEOPLE = 200

let cluster: Cluster
let pool: pg.Pool
let dropDatabase: () => Promise<void> = async () => undefined
let citizens: Array<{ name: string; idNumber: string }> = []
let citizenCursor = 0
const nextCitizen = () => citizens[citizenCursor++]
let people: Person[] = []

async function q<T = Record<string, unknown>>(text: string, values: unknown[] = []): Promise<T[]> {
  return (await pool.query(text, values)).rows as T[]
}

async function addSlot(startsAtIso: string, capacity: number): Promise<void> {
  await q(
    `insert into booking_slots (hall_id, day, starts_at, ends_at, capacity) values ($1, $2, $3, $4, $5)
     on conflict do nothing`,
    [HALL, startsAtIso.slice(0, 10), startsAtIso, new Date(Date.parse(startsAtIso) + 30 * MIN).toISOString(), capacity],
  )
}

function book(p: Person, itemCode: string, startsAt: string, key?: string) {
  return call('POST', `${cluster.url}/api/bookings`, { body: { itemCode, hallId: HALL, startsAt }, token: p.accessToken, from: p.from, key })
}

async function setClocks(at: string): Promise<void> {
  for (const inst of cluster.instances) {
    const r = await call('POST', `${inst.url}/api/dev/clock`, { body: { at } })
    if (r.status !== 200) throw new Error(`clock on instance ${inst.index}: ${r.status} ${r.body}`)
  }
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = wallMs() + timeoutMs
  while (!(await check())) {
    if (wallMs() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 250))
  }
}

const upstreamsOf = (answers: Array<{ headers: Record<string, unknown> }>) => new Set(answers.map((a) => String(a.headers['x-upstream'])))

beforeAll(async () => {
  const adminUrl = process.env.DATABASE_URL!
  const name = `zj_scale_${process.pid}_${randomBytes(4).toString('hex')}`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(`create database "${name}"`)
  await admin.end()
  const u = new URL(adminUrl)
  u.pathname = `/${name}`
  const url = u.toString()
  dropDatabase = async () => {
    const c = new pg.Client({ connectionString: adminUrl })
    await c.connect()
    await c.query(`drop database if exists "${name}" with (force)`)
    await c.end()
  }

  // A tiny PWA of our own: nginx's static serving is checked without depending on a build.
  const staticDir = mkdtempSync(path.join(os.tmpdir(), 'zhijian-scale-static-'))
  // nginx's workers run as nobody when started by root: the directory must be readable.
  chmodSync(staticDir, 0o755)
  const js = 'console.log("指尖办");'.repeat(200)
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>指尖办</title>')
  writeFileSync(path.join(staticDir, 'app.1a2b3c4d.js'), js)
  writeFileSync(path.join(staticDir, 'app.1a2b3c4d.js.gz'), gzipSync(js))
  writeFileSync(path.join(staticDir, 'app.1a2b3c4d.js.br'), brotliCompressSync(js))

  const key = randomBytes(32).toString('base64')
  cluster = await startCluster({
    databaseUrl: url,
    instances: 3,
    staticDir,
    exposeUpstream: true,
    readyTimeoutMs: 120_000,
    // Jest sets NODE_ENV=test, which would keep the job workers off: run as a deployment does.
    env: { NODE_ENV: 'development', ID_ENCRYPTION_KEY: key, DEV_CLOCK_AT: START, SEED_CITIZENS: '260', SEED_ENTERPRISES: '5', LOG_LEVEL: 'info' },
  })
  pool = new pg.Pool({ connectionString: url, max: 4 })
  const crypto = createFieldCrypto(Buffer.from(key, 'base64'))
  citizens = (await q<{ name: string; id_number_enc: string }>('select name, id_number_enc from citizens order by id')).map((c) => ({ name: c.name, idNumber: crypto.decrypt(c.id_number_enc) }))
}, 300_000)

afterAll(async () => {
  await cluster?.stop()
  await pool?.end()
  await dropDatabase()
}, 60_000)

describe('a cluster of 3 behind nginx', () => {
  it('nginx serves the PWA itself with the pre-compressed siblings, and proxies /api/ round robin', async () => {
    const br = await call('GET', `${cluster.url}/app.1a2b3c4d.js`, { headers: { 'accept-encoding': 'br, gzip' } })
    expect(br.status).toBe(200)
    expect(br.headers['content-encoding']).toBe('br')
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    const gz = await call('GET', `${cluster.url}/app.1a2b3c4d.js`, { headers: { 'accept-encoding': 'gzip' } })
    expect(gz.headers['content-encoding']).toBe('gzip')
    expect(gz.headers['x-upstream']).toBeUndefined()
    const page = await call('GET', `${cluster.url}/packages/booking/pages/index`, { headers: { accept: 'text/html' } })
    expect(page.status).toBe(200)
    expect(page.body).toContain('指尖办')
    expect((await call('GET', `${cluster.url}/missing.1a2b3c4d.js`)).status).toBe(404)
    // /metrics stays on the instances: through nginx the path is just another page of the app.
    expect((await call('GET', `${cluster.url}/metrics`)).body).not.toContain('http_request_duration_seconds')
    expect((await call('GET', `${cluster.instances[0].url}/metrics`)).body).toContain('http_request_duration_seconds')

    const answers = await mapLimit([0, 1, 2, 3, 4, 5], 1, () => call('GET', `${cluster.url}/api/health/ready`))
    expect(answers.every((a) => a.status === 200)).toBe(true)
    expect(upstreamsOf(answers).size).toBe(3)
  })

  it('the client address reaches the instance through X-Forwarded-For; only nginx may set it', async () => {
    const viaNginx = await call('GET', `${cluster.url}/api/meta`, { from: '127.0.0.77', headers: { 'x-forwarded-for': '203.0.113.9', 'x-request-id': 'scale-xff-through-nginx-1' } })
    expect(viaNginx.headers['x-request-id']).toBe('scale-xff-through-nginx-1')
    const direct = await call('GET', `${cluster.instances[0].url}/api/meta`, { from: '127.0.0.78', headers: { 'x-forwarded-for': '203.0.113.9', 'x-request-id': 'scale-xff-direct-0001' } })
    expect(direct.status).toBe(200)
    await until('access lines', async () => cluster.instances.some((i) => i.output().includes('scale-xff-through-nginx-1')) && cluster.instances[0].output().includes('scale-xff-direct-0001'), 5000)
    const line = (rid: string) => {
      const text = cluster.instances.map((i) => i.output()).join('\n')
      return JSON.parse(text.split('\n').find((l) => l.includes(rid))!) as { req: { remoteAddress: string } }
    }
    // The forged entry the client sent is ignored; nginx's own entry (the real client) counts.
    expect(line('scale-xff-through-nginx-1').req.remoteAddress).toBe('127.0.0.77')
    // Straight to an instance, X-Forwarded-For is not believed.
    expect(line('scale-xff-direct-0001').req.remoteAddress).toBe('127.0.0.78')
    // nginx made up an id when the client sent none, and the instance logged that one.
    const plain = await call('GET', `${cluster.url}/api/meta`)
    const rid = String(plain.headers['x-request-id'])
    expect(rid).toMatch(/^[0-9a-f]{32}$/)
    await until('nginx id in a log', async () => cluster.instances.some((i) => i.output().includes(rid)), 5000)
  })

  it('booking race: 1,000 attempts by 200 people over 3 instances at 100 places give exactly 100 bookings, nobody twice', async () => {
    const startsAt = cn('2026-11-24T10:00')
    await addSlot(startsAt, 100)
    people = await mapLimit(
      Array.from({ length: RACE_PEOPLE }, (_, i) => i),
      8,
      (i) => signInL2(cluster.url, clientAddress(i + 1), nextCitizen()),
    )
    // Five attempts per person (fresh Idempotency-Keys: five separate user actions), all at once.
    const attempts = people.flatMap((p) => Array.from({ length: 5 }, () => p))
    const answers = await mapLimit(attempts, 50, (p) => book(p, ITEMS[0], startsAt))
    const outcome = tally(answers.map((a) => (a.status === 201 ? 'booked' : String(a.json().code))))
    expect(outcome.booked).toBe(100)
    expect(Object.keys(outcome).sort()).toEqual(expect.arrayContaining(['booked']))
    expect(answers.every((a) => a.status === 201 || a.status === 409)).toBe(true)
    expect(upstreamsOf(answers).size).toBe(3)
    const rows = await q<{ account_id: string }>('select account_id from bookings where starts_at = $1 and status = $2', [startsAt, 'active'])
    expect(rows).toHaveLength(100)
    expect(new Set(rows.map((r) => r.account_id)).size).toBe(100)
    const [slot] = await q<{ booked: number }>('select booked from booking_slots where hall_id = $1 and starts_at = $2', [HALL, startsAt])
    expect(slot.booked).toBe(100)
  }, 600_000)

  it('SMS limits hold across instances: one send per phone per minute, 20 per client address per hour', async () => {
    const phone = '19877700001'
    const same = await mapLimit([1, 2, 3, 4, 5, 6], 6, () => call('POST', `${cluster.url}/api/auth/sms`, { body: { phone }, from: '127.2.0.1' }))
    expect(tally(same.map((a) => a.status))).toEqual({ 200: 1, 429: 5 })
    expect(upstreamsOf(same).size).toBe(3)

    const phones = Array.from({ length: 26 }, (_, i) => `1987770${String(1000 + i)}`)
    const fromOne = await mapLimit(phones, 13, (p) => call('POST', `${cluster.url}/api/auth/sms`, { body: { phone: p }, from: '127.2.0.2' }))
    expect(tally(fromOne.map((a) => (a.status === 200 ? 'sent' : String(a.json().code))))).toEqual({ sent: 20, SMS_IP_LIMIT: 6 })
    expect(upstreamsOf(fromOne).size).toBe(3)
    // Another client is not affected: the limit is per real client, not per proxy.
    expect((await call('POST', `${cluster.url}/api/auth/sms`, { body: { phone: '19877702000' }, from: '127.2.0.3' })).status).toBe(200)
  }, 120_000)

  it('the daily real-name mismatch limit (5) holds across instances', async () => {
    const p = await signIn(cluster.url, '127.3.0.1')
    await consentIdProcessing(cluster.url, p)
    const c = nextCitizen()
    const wrong = await mapLimit([1, 2, 3, 4, 5, 6, 7, 8], 8, () =>
      call('POST', `${cluster.url}/api/identity/real-name`, { body: { name: c.name === '王伟' ? '李娜' : '王伟', idNumber: c.idNumber }, token: p.accessToken, from: p.from }),
    )
    expect(tally(wrong.map((a) => String(a.json().code)))).toEqual({ NAME_MISMATCH: 5, REAL_NAME_DAILY_LIMIT: 3 })
    expect(upstreamsOf(wrong).size).toBe(3)
    const right = await call('POST', `${cluster.url}/api/identity/real-name`, { body: c, token: p.accessToken, from: p.from })
    expect(right.json().code).toBe('REAL_NAME_DAILY_LIMIT')
  }, 120_000)

  it('the staff lockout (5 failures) holds across instances', async () => {
    const r = await call('GET', `${cluster.url}/api/dev/clock`)
    const at = new Date(r.json<{ now: string }>().now)
    const bad = await mapLimit([1, 2, 3, 4, 5, 6, 7, 8], 8, () =>
      call('POST', `${cluster.url}/api/staff/login`, { body: { ...staffCredentials('approver01', at), password: 'not-the-password-1' }, from: '127.4.0.1' }),
    )
    expect(tally(bad.map((a) => a.status))).toEqual({ 401: 4, 423: 4 })
    expect(upstreamsOf(bad).size).toBe(3)
    const good = await mapLimit([0, 1, 2], 1, () => call('POST', `${cluster.url}/api/staff/login`, { body: staffCredentials('approver01', at), from: '127.4.0.1' }))
    expect(good.map((a) => a.status)).toEqual([423, 423, 423])
  }, 120_000)

  it('revocation: a session logged out on one instance is refused on every other within 1 s', async () => {
    const p = people[0]
    // Each instance has verified (and cached) this token before.
    for (const inst of cluster.instances) expect((await call('GET', `${inst.url}/api/me`, { token: p.accessToken })).status).toBe(200)
    const out = await call('POST', `${cluster.url}/api/auth/logout`, { token: p.accessToken, from: p.from })
    expect(out.status).toBe(200)
    const loggedOutOn = String(out.headers['x-upstream'])
    const t0 = wallMs()
    const after = await mapLimit(cluster.instances, 3, (inst) => call('GET', `${inst.url}/api/me`, { token: p.accessToken }))
    expect(wallMs() - t0).toBeLessThan(1000)
    expect(after.map((a) => a.status)).toEqual([401, 401, 401])
    expect(after.map((a) => a.json().code)).toEqual(['SESSION_REVOKED', 'SESSION_REVOKED', 'SESSION_REVOKED'])
    expect(cluster.instances.map((i) => `127.0.0.1:${i.port}`)).toContain(loggedOutOn)
  })

  it('crash: an instance killed mid-POST loses nothing; the retry with the same key gets the same answer once', async () => {
    const startsAt = cn('2026-11-24T09:00')
    await addSlot(startsAt, 5)
    const p = people[150]
    const key = randomUUID()
    // Hold the slot's row lock so the booking transaction stops half-way on whichever instance gets it.
    const holder = await pool.connect()
    let first: Awaited<ReturnType<typeof book>> | undefined
    try {
      await holder.query('begin')
      await holder.query('select * from booking_slots where hall_id = $1 and starts_at = $2 for update', [HALL, startsAt])
      const pending = book(p, ITEMS[2], startsAt, key)
      let victim = -1
      await until('the booking to wait on the lock', async () => {
        const rows = await q<{ application_name: string }>(`select application_name from pg_stat_activity where wait_event_type = 'Lock' and application_name like 'zhijian-%'`)
        if (rows.length === 0) return false
        victim = Number(rows[0].application_name.slice('zhijian-'.length))
        return true
      }, 20_000)
      await cluster.instances[victim].kill()
      await holder.query('commit')
      // nginx resends the dropped POST (same Idempotency-Key) to a live instance.
      first = await pending
      expect(first.status).toBe(201)
      expect(first.headers['x-upstream']).not.toBe(`127.0.0.1:${cluster.instances[victim].port}`)
    } finally {
      holder.release()
    }
    // The client's own retry, as an app does after a network error: the stored answer, not a second booking.
    const retry = await book(p, ITEMS[2], startsAt, key)
    expect(retry.status).toBe(201)
    expect(retry.headers['idempotent-replayed']).toBe('true')
    expect(retry.json()).toEqual(first!.json())
    const rows = await q('select id from bookings where starts_at = $1', [startsAt])
    expect(rows).toHaveLength(1)
    const [slot] = await q<{ booked: number }>('select booked from booking_slots where hall_id = $1 and starts_at = $2', [HALL, startsAt])
    expect(slot.booked).toBe(1)
    // Back to three for what follows.
    for (const inst of cluster.instances) if (!inst.running()) await inst.start()
  }, 180_000)

  it('jobs once: reminders and no-show checks, scheduled on all three instances, run exactly once each', async () => {
    const startsAt = cn('2026-11-24T14:00')
    await addSlot(startsAt, 20)
    const bookers = people.slice(160, 172)
    const made = await mapLimit(bookers, 6, (p) => book(p, ITEMS[1], startsAt))
    expect(made.map((a) => a.status)).toEqual(bookers.map(() => 201))
    const ids = made.map((a) => String(a.json().id))
    // Evening and one-hour reminders plus the no-show check, per booking (and as many for every
    // booking the race made).
    expect((await q(`select id from jobs where data->>'bookingId' = any($1::text[])`, [ids])).length).toBe(ids.length * 3)
    const at = cn('2026-11-24T14:50')
    const NAMES = ['booking.remind', 'booking.no_show']
    const dueRows = await q<{ name: string; n: number }>(`select name, count(*)::int as n from jobs where state = 'created' and run_at <= $1 and name = any($2::text[]) group by name`, [at, NAMES])
    const due = Object.fromEntries(dueRows.map((r) => [r.name, r.n]))
    expect(due['booking.no_show']).toBeGreaterThanOrEqual(ids.length)
    const metrics = () => Promise.all(cluster.instances.map(async (i) => (await call('GET', `${i.url}/metrics`)).body))
    const before = await metrics()

    // Every instance's clock past the slot's end: every job is due on all three workers at once.
    await setClocks(at)
    const waiting = async () => (await q<{ n: number }>(`select count(*)::int as n from jobs where state <> 'completed' and run_at <= $1 and name = any($2::text[])`, [at, NAMES]))[0].n
    await until('the due jobs to complete', async () => (await waiting()) === 0, 120_000)
    const retried = await q(`select id from jobs where name = any($1::text[]) and attempts <> 1 and state = 'completed'`, [NAMES])
    expect(retried).toHaveLength(0)
    // What the jobs did, once: two reminders in each inbox, one no-show each.
    const inbox = await q<{ n: number }>(
      `select count(*)::int as n from inbox_messages where kind like 'booking.remind.%' and account_id in (select account_id from bookings where id = any($1::uuid[]))`,
      [ids],
    )
    expect(inbox[0].n).toBe(ids.length * 2)
    expect(await q(`select id from bookings where id = any($1::uuid[]) and status = 'no_show'`, [ids])).toHaveLength(ids.length)
    // Added up over the instances, the runs equal the jobs that were due: none ran twice.
    const after = await metrics()
    const ranOn = (name: string, i: number) => sample(after[i], 'job_runs_total', { name, outcome: 'completed' }) - sample(before[i], 'job_runs_total', { name, outcome: 'completed' })
    const ran = (name: string) => cluster.instances.reduce((n, _inst, i) => n + ranOn(name, i), 0)
    expect(ran('booking.remind')).toBe(due['booking.remind'])
    expect(ran('booking.no_show')).toBe(due['booking.no_show'])
    // More than one worker took part (each takes at most 100 jobs per 15-second round).
    const workers = cluster.instances.filter((_inst, i) => ranOn('booking.remind', i) + ranOn('booking.no_show', i) > 0)
    expect(workers.length).toBeGreaterThanOrEqual(2)
    // Housekeeping, scheduled by each instance at start, exists and ran once for the day.
    const hk = await q<{ state: string; attempts: number }>(`select state, attempts from jobs where singleton_key = 'housekeeping:2026-11-23'`)
    expect(hk).toEqual([{ state: 'completed', attempts: 1 }])
  }, 240_000)

  it('rolling restart under steady load through nginx: 0 failed requests', async () => {
    let finished!: Promise<autocannon.Result>
    const load = (() => {
      let settle!: (r: autocannon.Result) => void
      let fail!: (e: unknown) => void
      finished = new Promise((resolve, reject) => ((settle = resolve), (fail = reject)))
      return autocannon({ url: `${cluster.url}/api/meta`, connections: 8, duration: 600, timeout: 20 }, (err, r) => (err ? fail(err) : settle(r)))
    })()
    // Only what happens before we stop the load counts: stop() itself cuts the requests in flight.
    let stopping = false
    const statuses: Record<number, number> = {}
    const errors: string[] = []
    load.on('response', (_client: unknown, status: number) => {
      if (!stopping) statuses[status] = (statuses[status] ?? 0) + 1
    })
    load.on('reqError', (err: Error) => {
      if (!stopping) errors.push(`${String(err.message ?? err)} (instances restarted by then: ${restarted.join(',') || 'none'})`)
    })
    const restarted: number[] = []
    try {
      for (const inst of cluster.instances) {
        await new Promise((r) => setTimeout(r, 1000))
        const before = inst.pid()
        const code = await inst.stop()
        expect(code).toBe(0)
        await inst.start()
        expect(inst.pid()).not.toBe(before)
        restarted.push(inst.index)
      }
      await new Promise((r) => setTimeout(r, 1000))
    } finally {
      stopping = true
      load.stop()
    }
    const result = await finished
    expect(restarted).toEqual([0, 1, 2])
    expect(errors).toEqual([])
    expect(Object.keys(statuses)).toEqual(['200'])
    expect(statuses[200]).toBeGreaterThan(100)
    expect(result.non2xx).toBe(0)
    expect(result.timeouts).toBe(0)
    // Each drained instance logged its graceful stop (its whole log is in the cluster's directory).
    for (const inst of cluster.instances) {
      const log = readFileSync(path.join(cluster.workDir, `instance-${inst.index}.log`), 'utf8')
      expect(log).toContain('"msg":"shutting down: finishing in-flight requests"')
      expect(log).toContain('"msg":"stopped"')
    }
  }, 300_000)
})
