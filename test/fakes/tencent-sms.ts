// Local fake of Tencent Cloud SMS SendSms (API 2021-01-11). It checks requests the way the
// documentation describes TC3-HMAC-SHA256 — rebuilt here independently of the adapter: canonical
// request from the headers named in SignedHeaders (names and values lower-cased), the
// credential scope with the UTC date of X-TC-Timestamp, a derived signing key, and a timestamp
// no more than 5 minutes off.
import { createHash, createHmac } from 'node:crypto'
import { sendJson, startFake, type FakeServer } from './http'
import { wallMs } from '../support/clock'

export interface SentSms {
  phone: string
  sdkAppId: string
  signName: string
  templateId: string
  params: string[]
}

export interface TencentFake extends FakeServer {
  sent: SentSms[]
  /** Seconds since the epoch the fake takes as now (default: the request's own clock source). */
  now: () => number
  requests: number
}

export async function startTencentSmsFake(secrets: Record<string, string>): Promise<TencentFake> {
  const state = { sent: [] as SentSms[], now: () => Math.floor(wallMs() / 1000), requests: 0 }
  const server = await startFake((req, body, res) => {
    state.requests++
    const fail = (code: string, message: string) => sendJson(res, 200, { Response: { Error: { Code: code, Message: message }, RequestId: 'fake-req' } })
    const h = (n: string) => String(req.headers[n] ?? '')
    const auth = /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/([a-z]+)\/tc3_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/.exec(h('authorization'))
    if (req.method !== 'POST' || req.url !== '/') return fail('InvalidParameter', 'POST / expected')
    if (!auth) return fail('AuthFailure.InvalidAuthorization', 'Authorization malformed')
    const [, secretId, date, service, signedHeaders, signature] = auth
    const secretKey = secrets[secretId]
    if (!secretKey) return fail('AuthFailure.SecretIdNotFound', 'unknown SecretId')
    const ts = Number(h('x-tc-timestamp'))
    if (!Number.isInteger(ts) || Math.abs(ts - state.now()) > 300) return fail('AuthFailure.SignatureExpire', 'timestamp too far off')
    if (new Date(ts * 1000).toISOString().slice(0, 10) !== date || service !== 'sms') return fail('AuthFailure.SignatureFailure', 'credential scope')
    if (h('x-tc-action') !== 'SendSms' || h('x-tc-version') !== '2021-01-11') return fail('InvalidAction', 'action/version')
    const names = signedHeaders.split(';')
    if (!names.includes('content-type') || !names.includes('host')) return fail('AuthFailure.SignatureFailure', 'content-type and host must be signed')
    const canonicalHeaders = names.map((n) => `${n}:${h(n).trim().toLowerCase()}\n`).join('')
    const sha = (s: string) => createHash('sha256').update(s).digest('hex')
    const canonical = `POST\n/\n\n${canonicalHeaders}\n${signedHeaders}\n${sha(body)}`
    const toSign = `TC3-HMAC-SHA256\n${ts}\n${date}/sms/tc3_request\n${sha(canonical)}`
    let key: Buffer = createHmac('sha256', `TC3${secretKey}`).update(date).digest()
    key = createHmac('sha256', key).update('sms').digest()
    key = createHmac('sha256', key).update('tc3_request').digest()
    if (createHmac('sha256', key).update(toSign).digest('hex') !== signature) return fail('AuthFailure.SignatureFailure', 'signature mismatch')
    const p = JSON.parse(body) as { PhoneNumberSet: string[]; SmsSdkAppId: string; SignName: string; TemplateId: string; TemplateParamSet: string[] }
    if (!Array.isArray(p.PhoneNumberSet) || !p.SmsSdkAppId || !p.SignName || !p.TemplateId) return fail('MissingParameter', 'missing parameter')
    const statuses = p.PhoneNumberSet.map((phone) => {
      state.sent.push({ phone, sdkAppId: p.SmsSdkAppId, signName: p.SignName, templateId: p.TemplateId, params: p.TemplateParamSet ?? [] })
      return { SerialNo: `sn-${state.sent.length}`, PhoneNumber: phone, Fee: 1, SessionContext: '', Code: 'Ok', Message: 'send success', IsoCode: 'CN' }
    })
    sendJson(res, 200, { Response: { SendStatusSet: statuses, RequestId: 'fake-req' } })
  })
  return Object.assign(state, server) as TencentFake
}
