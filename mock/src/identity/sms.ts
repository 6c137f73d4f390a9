// SMS delivery behind one interface. The stand-in writes to the `sms_outbox` table (development
// and tests read it through /api/dev/sms-outbox); the real adapter calls Tencent Cloud SMS
// (SendSms, API version 2021-01-11) signed with TC3-HMAC-SHA256.
import { createHash, createHmac } from 'node:crypto'
import type { DbOrTx } from '../db/client'
import { smsOutbox } from '../db/schema'

export interface SmsMessage {
  phone: string
  phoneHmac: string
  code: string
  minutes: number
  text: string
}

export interface SmsSender {
  readonly kind: string
  /** Throws when the message could not be handed over. */
  send(message: SmsMessage, ctx: { db: DbOrTx; now: Date }): Promise<void>
}

export const standInSms: SmsSender = {
  kind: 'stand-in',
  async send(m, { db, now }) {
    await db.insert(smsOutbox).values({ phoneHmac: m.phoneHmac, text: m.text, createdAt: now })
  },
}

export interface TencentSmsConfig {
  endpoint: string
  secretId: string
  secretKey: string
  sdkAppId: string
  signName: string
  templateId: string
  region: string
}

const sha256hex = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex')
const hmac = (key: Buffer | string, s: string) => createHmac('sha256', key).update(s, 'utf8').digest()

export const TC3 = { service: 'sms', action: 'SendSms', version: '2021-01-11' }

/**
 * TC3-HMAC-SHA256 Authorization header for a JSON POST to `/`, signing content-type, host and
 * x-tc-action. Exported so the fake server in the tests checks signatures with the same rules
 * as written in Tencent's documentation, not by calling this.
 */
export function tc3Authorization(opts: { secretId: string; secretKey: string; host: string; action: string; service: string; timestamp: number; payload: string }): string {
  const date = new Date(opts.timestamp * 1000).toISOString().slice(0, 10)
  const signedHeaders = 'content-type;host;x-tc-action'
  const canonicalRequest = [
    'POST',
    '/',
    '',
    `content-type:application/json; charset=utf-8\nhost:${opts.host}\nx-tc-action:${opts.action.toLowerCase()}\n`,
    signedHeaders,
    sha256hex(opts.payload),
  ].join('\n')
  const scope = `${date}/${opts.service}/tc3_request`
  const stringToSign = ['TC3-HMAC-SHA256', String(opts.timestamp), scope, sha256hex(canonicalRequest)].join('\n')
  const kDate = hmac(`TC3${opts.secretKey}`, date)
  const kService = hmac(kDate, opts.service)
  const kSigning = hmac(kService, 'tc3_request')
  const signature = createHmac('sha256', kSigning).update(stringToSign, 'utf8').digest('hex')
  return `TC3-HMAC-SHA256 Credential=${opts.secretId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`
}

export function tencentSms(cfg: TencentSmsConfig): SmsSender {
  return {
    kind: 'tencent',
    async send(m, { now }) {
      const url = new URL(cfg.endpoint)
      const payload = JSON.stringify({
        PhoneNumberSet: [`+86${m.phone}`],
        SmsSdkAppId: cfg.sdkAppId,
        SignName: cfg.signName,
        TemplateId: cfg.templateId,
        TemplateParamSet: [m.code, String(m.minutes)],
      })
      const timestamp = Math.floor(now.getTime() / 1000)
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          authorization: tc3Authorization({ secretId: cfg.secretId, secretKey: cfg.secretKey, host: url.host, action: TC3.action, service: TC3.service, timestamp, payload }),
          'content-type': 'application/json; charset=utf-8',
          'x-tc-action': TC3.action,
          'x-tc-timestamp': String(timestamp),
          'x-tc-version': TC3.version,
          'x-tc-region': cfg.region,
        },
        body: payload,
        signal: AbortSignal.timeout(8000),
      })
      const body = (await res.json().catch(() => ({}))) as { Response?: { Error?: { Code: string }; SendStatusSet?: Array<{ Code: string }> } }
      const r = body.Response
      if (!res.ok || !r) throw new Error(`tencent sms: HTTP ${res.status}`)
      if (r.Error) throw new Error(`tencent sms: ${r.Error.Code}`)
      const status = r.SendStatusSet?.[0]?.Code
      if (status !== 'Ok') throw new Error(`tencent sms: send status ${status ?? 'missing'}`)
    },
  }
}
