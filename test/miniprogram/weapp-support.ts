// What the weapp journey files share: a citizen signed in through the API the app uses (the
// journeys count taps from 首页 with the person already signed in, JOURNEYS.md), and a harness
// launched with that session and the privacy guide already agreed, as a returning person has it.
import path from 'node:path'
import { randomUUID } from 'node:crypto'
import { PRIVACY_VERSION } from '../../src/stores/app'
import type { StandIn } from './stand-in'
import type { Api } from '../support/api'
import { sleep, WeappHarness } from './weapp'

export const DIST = path.resolve(__dirname, '../../dist/weapp')

export interface Tokens { accessToken: string; refreshToken: string }

/** JSON to the stand-in as the app sends it; a non-2xx answer throws with its status and body. */
export async function call<T = any>(s: StandIn, method: string, p: string, body?: unknown, token?: string): Promise<T> {
  const headers: Record<string, string> = { ...(method !== 'GET' ? { 'idempotency-key': randomUUID() } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) }
  const r = await s.api<T>(method, p, body, headers)
  if (r.status >= 300) throw new Error(`${method} ${p}: ${r.status} ${JSON.stringify(r.body)}`)
  return r.body
}

let phoneSeq = 0
/** SMS login on a fresh phone, consent, real name (L2); with `l3` also the stand-in face check. */
export async function signIn(s: StandIn, citizen: { name: string; idNumber: string }, opts: { l3?: boolean } = {}): Promise<Tokens> {
  phoneSeq++
  const phone = `198${String(process.pid % 100_000).padStart(5, '0')}${String(phoneSeq).padStart(3, '0')}`
  await call(s, 'POST', '/api/auth/sms', { phone })
  let code = ''
  for (let i = 0; i < 50 && !code; i++) {
    code = (await call<{ items: { code: string }[] }>(s, 'GET', `/api/dev/sms-outbox?phone=${phone}`)).items[0]?.code ?? ''
    if (!code) await sleep(100)
  }
  const tokens = await call<Tokens>(s, 'POST', '/api/auth/login', { phone, code, channel: 'weapp' })
  const tk = tokens.accessToken
  await call(s, 'POST', '/api/me/consents', { kind: 'id_processing', version: PRIVACY_VERSION, granted: true }, tk)
  await call(s, 'POST', '/api/identity/real-name', { name: citizen.name, idNumber: citizen.idNumber }, tk)
  if (opts.l3) {
    await call(s, 'POST', '/api/me/consents', { kind: 'face', version: PRIVACY_VERSION, granted: true }, tk)
    const start = await call<{ flowId: string; clientToken: string }>(s, 'POST', '/api/identity/face/start', { method: 'stand-in' }, tk)
    await call(s, 'POST', '/api/identity/face/complete', { flowId: start.flowId, standInProof: start.clientToken }, tk)
  }
  return tokens
}

/** A returning person: privacy guide agreed, session kept in WeChat storage (the app's own keys). */
export function returningStorage(tokens?: Tokens, extra: Record<string, string> = {}): Map<string, unknown> {
  const m = new Map<string, unknown>([['zj.privacy.accepted', PRIVACY_VERSION], ...Object.entries(extra)])
  if (tokens) m.set('zj.session', JSON.stringify(tokens))
  return m
}

export function harness(s: StandIn, storage: Map<string, unknown>): WeappHarness {
  return new WeappHarness({ distDir: DIST, baseUrl: s.url, storage, setVerifyResult: (id, ret) => s.wechat.setVerifyResult(id, ret) })
}

/** The shared journey set-up's client (test/support/journey-setup.ts) over the stand-in's own HTTP helper (jsdom has no fetch). */
export function apiOf(s: () => StandIn): Api {
  return <T>(method: string, p: string, body?: unknown, token?: string) => call<T>(s(), method, p, body, token)
}
