// Issue 5: records query latency on the seeded data set (2,000 citizens by default) beside a bare
// Fastify route in the same run; proof issue time (PDF + signed QR); and how long seeding takes.
// The API runs in this process (the app exactly as the server builds it, on in-memory PGlite,
// listening on a real port): it needs no PWA build, so it never waits for the h5 build lock.
//
// Latency: one request at a time (no queueing), cycling over several signed-in citizens with
// records, keep-alive connection, timed from this process. p95 by nearest rank.
import http from 'node:http'
import { generateRegistry, ageOn, REFERENCE_DATE } from '../mock/src/seed'
import { generateRecords, seedRecords } from '../mock/src/seed/records'
import { openDatabase } from '../mock/src/db/client'
import { migrate } from '../mock/src/db/migrate'
import { createEnv } from '../test/api/harness'
import { percentile, round, type BenchContext, type Row } from './types'

const SEED = process.env.SEED ?? 'zhijian-2026'
const CITIZENS = Number(process.env.SEED_CITIZENS ?? 2000)
const ENTERPRISES = Number(process.env.SEED_ENTERPRISES ?? 200)
const USERS = 6
const REQUESTS = 300
const WARMUP = 30

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })

function timedGet(url: string, token?: string): Promise<{ ms: number; status: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now()
    const req = http.get(url, { agent, headers: token ? { authorization: `Bearer ${token}` } : {} }, (res) => {
      res.resume()
      res.on('end', () => resolve({ ms: performance.now() - t0, status: res.statusCode ?? 0 }))
    })
    req.on('error', reject)
  })
}

async function api<T>(base: string, method: 'GET' | 'POST', url: string, body?: unknown, token?: string): Promise<T> {
  const res = await fetch(`${base}${url}`, {
    method,
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`)
  return (await res.json()) as T
}

async function signInL3(base: string, c: { name: string; idNumber: string }, n: number): Promise<string> {
  const phone = `1992${String(process.pid % 10000).padStart(4, '0')}${String(n).padStart(3, '0')}`
  await api(base, 'POST', '/api/auth/sms', { phone })
  const { items } = await api<{ items: { code: string }[] }>(base, 'GET', `/api/dev/sms-outbox?phone=${phone}`)
  const { accessToken } = await api<{ accessToken: string }>(base, 'POST', '/api/auth/login', { phone, code: items[0].code, channel: 'h5' })
  for (const kind of ['id_processing', 'face']) await api(base, 'POST', '/api/me/consents', { kind, version: '2026-11', granted: true }, accessToken)
  await api(base, 'POST', '/api/identity/real-name', { name: c.name, idNumber: c.idNumber }, accessToken)
  const start = await api<{ flowId: string; clientToken: string }>(base, 'POST', '/api/identity/face/start', { method: 'stand-in' }, accessToken)
  await api(base, 'POST', '/api/identity/face/complete', { flowId: start.flowId, standInProof: start.clientToken }, accessToken)
  return accessToken
}

async function series(urls: string[], tokens: (string | undefined)[]): Promise<number[]> {
  const out: number[] = []
  for (let i = 0; i < WARMUP + REQUESTS; i++) {
    const r = await timedGet(urls[i % urls.length], tokens[i % tokens.length])
    if (r.status !== 200) throw new Error(`GET ${urls[i % urls.length]}: ${r.status}`)
    if (i >= WARMUP) out.push(r.ms)
  }
  return out
}

export default async function recordsBench(ctx: BenchContext): Promise<Row[]> {
  const rows: Row[] = []
  const registry = generateRegistry(SEED, { citizens: CITIZENS, enterprises: ENTERPRISES })
  const g0 = performance.now()
  const rec = generateRecords(SEED, registry.citizens, registry.enterprises)
  const genMs = performance.now() - g0
  const rowsIn = rec.ss.length + rec.pf.length + rec.accounts.length + rec.withdrawals.length + rec.loans.length + rec.units.length + rec.pensions.length

  // The records part of the seed alone: generate + insert into a fresh migrated database (the
  // records tables have no foreign keys to the registry).
  const alone = await openDatabase({ kind: 'memory' })
  let recordsMs = 0
  try {
    await migrate(alone)
    const r = await seedRecords(alone.db, SEED, registry.citizens, registry.enterprises)
    recordsMs = r.ms
  } finally {
    await alone.close()
  }

  // The API on its own (no PWA build): the app as the server builds it, on in-memory PGlite with the
  // default seed, listening on a real port. Seeding happens here and is timed.
  const env = await createEnv('pglite', 'memory://', { seed: { citizens: CITIZENS, enterprises: ENTERPRISES, seed: SEED } })
  try {
    rows.push({ name: `whole seed incl. records (${CITIZENS} citizens, PGlite in memory)`, value: env.seeded!.ms, unit: 'ms', note: `records part alone ${recordsMs} ms: ${rowsIn} rows, generated in ${Math.round(genMs)} ms` })
    const base = await env.app.listen({ port: 0, host: '127.0.0.1' })
    const people = registry.citizens
      .filter((c) => ageOn(c.birthDate, REFERENCE_DATE) >= 25 && rec.units.some((u) => u.citizenId === c.id) && rec.accounts.some((a) => a.citizenId === c.id))
      .slice(0, USERS)
    const tokens: string[] = []
    for (const [i, c] of people.entries()) tokens.push(await signInL3(base, c, i))
    ctx.log(`${tokens.length} citizens signed in at L3 on ${base}`)

    const bare = await ctx.bareFastify()
    const bareMs = await series([`${bare.url}/`], [undefined])
    await bare.stop()
    const bareP95 = round(percentile(bareMs, 95), 2)
    for (const [name, path] of [
      ['社保 query', '/api/records/social-security'],
      ['公积金 query', '/api/records/provident-fund'],
      ['不动产 query', '/api/records/property'],
    ] as const) {
      const ms = await series([`${base}${path}`], tokens)
      rows.push({
        name: `${name} p95 (GET ${path})`,
        value: round(percentile(ms, 95), 2),
        unit: 'ms',
        baseline: { name: 'bare Fastify route p95', value: bareP95 },
        budget: { op: '<=', value: 100 },
        note: `${REQUESTS} sequential requests over ${tokens.length} citizens, in-process API on PGlite; p50 ${round(percentile(ms, 50), 2)} ms (bare p50 ${round(percentile(bareMs, 50), 2)} ms)`,
      })
    }

    // Proof issue: build content, render the PDF with the embedded font, sign the QR, store.
    const proofMs: number[] = []
    for (let i = 0; i < 10; i++) {
      const t0 = performance.now()
      await api(base, 'POST', '/api/proofs', { kind: 'social_security' }, tokens[i % tokens.length])
      proofMs.push(performance.now() - t0)
    }
    rows.push({ name: '参保证明 issue p95 (POST /api/proofs, PDF + signed QR)', value: round(percentile(proofMs, 95), 1), unit: 'ms', note: `10 sequential; p50 ${round(percentile(proofMs, 50), 1)} ms` })
  } finally {
    agent.destroy()
    await env.dispose()
  }
  return rows
}
