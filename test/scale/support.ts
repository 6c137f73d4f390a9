// Helpers of the scale suite: plain HTTP through the cluster's nginx from a chosen loopback
// source address (per-IP limits see it as the client), people signed in to L2 through the API.
import { randomUUID } from 'node:crypto'
import http from 'node:http'
import { SEED_STAFF } from '../../mock/src/identity/staff'
import { base32Decode, totp } from '../../mock/src/identity/totp'
import { CONSENT_VERSION } from '../../src/domain/consent'

export interface Answer {
  status: number
  headers: http.IncomingHttpHeaders
  body: string
  json<T = Record<string, unknown>>(): T
}

export interface CallOptions {
  body?: unknown
  token?: string
  key?: string
  /** The client's address (any 127.x.y.z): what nginx reports in X-Forwarded-For. */
  from?: string
  headers?: Record<string, string>
  timeoutMs?: number
}

export function call(method: string, url: string, o: CallOptions = {}): Promise<Answer> {
  const payload = o.body === undefined ? undefined : JSON.stringify(o.body)
  const headers: Record<string, string> = { ...o.headers }
  if (payload !== undefined) headers['content-type'] = 'application/json'
  if (method === 'POST') headers['idempotency-key'] = o.key ?? randomUUID()
  if (o.token) headers.authorization = `Bearer ${o.token}`
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, localAddress: o.from, timeout: o.timeoutMs ?? 60_000, agent: false }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8')
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json: <T>() => JSON.parse(body) as T })
      })
      res.on('error', reject)
    })
    req.on('timeout', () => req.destroy(new Error(`${method} ${url}: timed out`)))
    req.on('error', reject)
    if (payload !== undefined) req.write(payload)
    req.end()
  })
}

/** Run `fn` over `items` with at most `n` at a time; results in order. */
export async function mapLimit<T, R>(items: T[], n: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length)
  let next = 0
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) {
        const i = next++
        out[i] = await fn(items[i], i)
      }
    }),
  )
  return out
}

export function tally(values: Array<string | number>): Record<string, number> {
  const t: Record<string, number> = {}
  for (const v of values) t[String(v)] = (t[String(v)] ?? 0) + 1
  return t
}

/** A distinct loopback client address per index (127.1.0.0/16). */
export function clientAddress(i: number): string {
  return `127.1.${(i >> 8) & 255}.${(i & 255) || 1}`
}

let phoneSeq = 0
export function newPhone(): string {
  phoneSeq++
  return `198${String(process.pid % 1000).padStart(3, '0')}${String(phoneSeq).padStart(5, '0')}`
}

export interface Person {
  phone: string
  from: string
  accessToken: string
  refreshToken: string
}

/** Sign in by SMS through nginx (the stand-in gateway's outbox gives the code). */
export async function signIn(base: string, from: string, phone = newPhone()): Promise<Person> {
  const sent = await call('POST', `${base}/api/auth/sms`, { body: { phone }, from })
  if (sent.status !== 200) throw new Error(`sms: ${sent.status} ${sent.body}`)
  const box = await call('GET', `${base}/api/dev/sms-outbox?phone=${phone}`, { from })
  const code = box.json<{ items: Array<{ code: string }> }>().items[0]?.code
  if (!code) throw new Error(`no code for ${phone}: ${box.body}`)
  const res = await call('POST', `${base}/api/auth/login`, { body: { phone, code, channel: 'h5' }, from })
  if (res.status !== 200) throw new Error(`login: ${res.status} ${res.body}`)
  const t = res.json<{ accessToken: string; refreshToken: string }>()
  return { phone, from, accessToken: t.accessToken, refreshToken: t.refreshToken }
}

export async function consentIdProcessing(base: string, p: Person): Promise<void> {
  const res = await call('POST', `${base}/api/me/consents`, { body: { kind: 'id_processing', version: CONSENT_VERSION, granted: true }, token: p.accessToken, from: p.from })
  if (res.status !== 200) throw new Error(`consent: ${res.status} ${res.body}`)
}

/** Sign in and pass real name (L2) with a seeded citizen. */
export async function signInL2(base: string, from: string, citizen: { name: string; idNumber: string }): Promise<Person> {
  const p = await signIn(base, from)
  await consentIdProcessing(base, p)
  const res = await call('POST', `${base}/api/identity/real-name`, { body: { name: citizen.name, idNumber: citizen.idNumber }, token: p.accessToken, from })
  if (res.status !== 200) throw new Error(`real-name: ${res.status} ${res.body}`)
  return p
}

export function staffCredentials(username: string, at: Date): { username: string; password: string; totp: string } {
  const s = SEED_STAFF.find((x) => x.username === username)!
  return { username, password: s.password, totp: totp(base32Decode(s.totpSecret), at) }
}

/** The value of one sample line of a Prometheus text answer (0 when absent). */
export function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(\{([^}]*)\})? (\S+)$/.exec(line)
    if (!m || m[1] !== name) continue
    const got = Object.fromEntries([...(m[3] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((x) => [x[1], x[2]]))
    if (Object.entries(labels).every(([k, v]) => got[k] === v)) return Number(m[4])
  }
  return 0
}
