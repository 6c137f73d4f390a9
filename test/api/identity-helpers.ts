// Shared steps of the identity API suites: a controllable clock, signing in through the SMS
// outbox, passing real name with a seeded citizen.
import { asc, eq, isNull, and } from 'drizzle-orm'
import { accounts, citizens } from '../../mock/src/db/schema'
import type { TokenResponse } from '../../src/domain/contract'
import { SEED_STAFF } from '../../mock/src/identity/staff'
import { base32Decode, totp } from '../../mock/src/identity/totp'
import { uuid, type TestEnv } from './harness'
import { CONSENT_VERSION } from '../../src/domain/consent'

export class TestClock {
  t: number
  constructor(iso = '2026-11-20T02:00:00.000Z') {
    this.t = Date.parse(iso)
  }
  now = (): Date => new Date(this.t)
  advance(ms: number): void {
    this.t += ms
  }
}

let phoneSeq = 0
/** A fresh phone number per call (199 prefix: not used by the seeded registry's generator). */
export function newPhone(): string {
  phoneSeq++
  return `199${String(process.pid % 1000).padStart(3, '0')}${String(phoneSeq).padStart(5, '0')}`
}

let ipSeq = 0
export function newIp(): string {
  ipSeq++
  return `10.${(process.pid >> 8) & 255}.${(ipSeq >> 8) & 255}.${ipSeq & 255}`
}

export interface Req {
  token?: string
  ip?: string
  key?: string
  headers?: Record<string, string>
}

export function post(env: TestEnv, url: string, body: unknown = {}, r: Req = {}) {
  return env.app.inject({
    method: 'POST',
    url,
    remoteAddress: r.ip ?? newIp(),
    headers: {
      'content-type': 'application/json',
      'idempotency-key': r.key ?? uuid(),
      ...(r.token ? { authorization: `Bearer ${r.token}` } : {}),
      ...r.headers,
    },
    payload: JSON.stringify(body),
  })
}

export function get(env: TestEnv, url: string, r: Req = {}) {
  return env.app.inject({ method: 'GET', url, remoteAddress: r.ip ?? newIp(), headers: { ...(r.token ? { authorization: `Bearer ${r.token}` } : {}), ...r.headers } })
}

/** The latest code the stand-in SMS gateway sent to `phone`. */
export async function outboxCode(env: TestEnv, phone: string): Promise<string> {
  const res = await get(env, `/api/dev/sms-outbox?phone=${phone}`)
  if (res.statusCode !== 200) throw new Error(`outbox: ${res.statusCode} ${res.body}`)
  const code = res.json().items[0]?.code
  if (!code) throw new Error('no code in outbox')
  return code
}

export async function sendSms(env: TestEnv, phone: string, ip?: string, purpose?: 'login' | 'reauth') {
  return post(env, '/api/auth/sms', { phone, ...(purpose ? { purpose } : {}) }, { ip })
}

export async function login(env: TestEnv, phone = newPhone(), extra: Record<string, unknown> = {}): Promise<TokenResponse & { phone: string }> {
  const sent = await sendSms(env, phone)
  if (sent.statusCode !== 200) throw new Error(`sms: ${sent.statusCode} ${sent.body}`)
  const res = await post(env, '/api/auth/login', { phone, code: await outboxCode(env, phone), channel: 'h5', ...extra })
  if (res.statusCode !== 200) throw new Error(`login: ${res.statusCode} ${res.body}`)
  return { ...res.json<TokenResponse>(), phone }
}

export interface SeededCitizen {
  id: string
  name: string
  idNumber: string
}

let citizenCursor = 0
/** Seeded citizens not yet used by this worker's tests (each ID can bind one account only). */
export async function nextCitizen(env: TestEnv): Promise<SeededCitizen> {
  const rows = await env.database.db.select().from(citizens).orderBy(asc(citizens.id)).offset(citizenCursor).limit(1)
  citizenCursor++
  if (!rows[0]) throw new Error('out of seeded citizens')
  const c = rows[0]
  return { id: c.id, name: c.name, idNumber: env.crypto.decrypt(c.idNumberEnc) }
}

export async function consent(env: TestEnv, token: string, kind: 'id_processing' | 'face' | 'privacy_policy', granted = true) {
  const res = await post(env, '/api/me/consents', { kind, version: CONSENT_VERSION, granted }, { token })
  if (res.statusCode !== 200) throw new Error(`consent: ${res.statusCode} ${res.body}`)
}

/** Sign in and pass real name (L2) with a seeded citizen. */
export async function loginL2(env: TestEnv, citizen?: SeededCitizen) {
  const t = await login(env)
  const c = citizen ?? (await nextCitizen(env))
  await consent(env, t.accessToken, 'id_processing')
  const res = await post(env, '/api/identity/real-name', { name: c.name, idNumber: c.idNumber }, { token: t.accessToken })
  if (res.statusCode !== 200) throw new Error(`real-name: ${res.statusCode} ${res.body}`)
  return { ...t, citizen: c }
}

/** L2 then the stand-in face check: L3. */
export async function loginL3(env: TestEnv, citizen?: SeededCitizen) {
  const t = await loginL2(env, citizen)
  await consent(env, t.accessToken, 'face')
  const start = await post(env, '/api/identity/face/start', { method: 'stand-in' }, { token: t.accessToken })
  if (start.statusCode !== 200) throw new Error(`face start: ${start.statusCode} ${start.body}`)
  const done = await post(env, '/api/identity/face/complete', { flowId: start.json().flowId, standInProof: start.json().clientToken }, { token: t.accessToken })
  if (done.statusCode !== 200) throw new Error(`face complete: ${done.statusCode} ${done.body}`)
  return t
}

export async function accountIdOf(env: TestEnv, phone: string): Promise<string> {
  const [a] = await env.database.db.select({ id: accounts.id }).from(accounts).where(and(eq(accounts.phoneHmac, env.crypto.index(phone)), isNull(accounts.deletedAt)))
  return a.id
}

/**
 * Signs a seeded staff member in (password + TOTP at `at`). A TOTP step is accepted once, so sign
 * each username in once per 30 s (per clock) and reuse the token within a suite.
 */
export async function staffLogin(env: TestEnv, username: 'window01' | 'approver01' | 'admin01', at: Date = env.now()): Promise<TokenResponse> {
  const s = SEED_STAFF.find((x) => x.username === username)!
  const res = await post(env, '/api/staff/login', { username, password: s.password, totp: totp(base32Decode(s.totpSecret), at) })
  if (res.statusCode !== 200) throw new Error(`staff login ${username}: ${res.statusCode} ${res.body}`)
  return res.json<TokenResponse>()
}
