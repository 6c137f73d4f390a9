// The records gateway adapter (RECORDS_PROVIDER=http): one POST per source system and person, as
// docs/records-protocol.md defines it. Every answer is checked against the contract before it goes
// anywhere; an outage, a timeout or a refusal is a 503 (记录查询服务暂不可用), an answer that breaks the
// contract a 502. The ID number travels only in the request body (never in a URL), so neither our
// logs nor a proxy's access log hold it.
import { FormatRegistry, Type, type TSchema } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'
import { PropertyResponse, ProvidentFundResponse, SocialSecurityResponse } from '../../../src/domain/contract/records'
import { ApiError } from '../errors'
import { maskAccountNo } from './seeded'
import type { PropertyData, ProvidentFundData, QueryOptions, RecordsSource, SocialSecurityData, SubjectRef } from './source'

export interface HttpRecordsConfig {
  url: string
  token: string
  timeoutMs: number
}

/** The three endpoints (docs/records-protocol.md), relative to RECORDS_URL. */
export const RECORDS_PATHS = {
  socialSecurity: '/v1/social-security/query',
  providentFund: '/v1/provident-fund/query',
  property: '/v1/property/query',
} as const

/** Largest answer read from the gateway (a 40-year contribution history is well under 1 MB). */
const MAX_ANSWER_BYTES = 4 * 1024 * 1024

// The contract's string formats, for Value.Check (Fastify checks them with Ajv; TypeBox needs them named).
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
if (!FormatRegistry.Has('date-time')) FormatRegistry.Set('date-time', (v) => DATE_TIME.test(v) && !Number.isNaN(Date.parse(v)))
if (!FormatRegistry.Has('uuid')) FormatRegistry.Set('uuid', (v) => UUID.test(v))

const SocialSecurityAnswer = Type.Omit(SocialSecurityResponse, ['subject'])
const ProvidentFundAnswer = Type.Omit(ProvidentFundResponse, ['subject'])
const PropertyAnswer = Type.Omit(PropertyResponse, ['subject'])

/** Why a query failed, for the operator's log: status and endpoint, never the person. */
export class RecordsSourceError extends ApiError {
  constructor(code: 'RECORDS_UNAVAILABLE' | 'RECORDS_BAD_ANSWER', readonly reason: string) {
    super(code === 'RECORDS_UNAVAILABLE' ? 503 : 502, code)
    this.name = 'RecordsSourceError'
  }
}

export function httpRecordsSource(cfg: HttpRecordsConfig): RecordsSource {
  async function ask<T>(path: string, ref: SubjectRef, body: Record<string, unknown>, schema: TSchema): Promise<T> {
    let res: Response
    try {
      res = await fetch(`${cfg.url}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${cfg.token}`, 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ idNumber: ref.idNumber(), ...body }),
        signal: AbortSignal.timeout(cfg.timeoutMs),
        redirect: 'error',
      })
    } catch (e) {
      const timedOut = (e as Error).name === 'TimeoutError' || (e as Error).name === 'AbortError'
      throw new RecordsSourceError('RECORDS_UNAVAILABLE', `${path}: ${timedOut ? `no answer within ${cfg.timeoutMs} ms` : 'connection failed'}`)
    }
    let text: string
    try {
      text = await readLimited(res, MAX_ANSWER_BYTES)
    } catch (e) {
      const timedOut = (e as Error).name === 'TimeoutError' || (e as Error).name === 'AbortError'
      throw new RecordsSourceError(timedOut ? 'RECORDS_UNAVAILABLE' : 'RECORDS_BAD_ANSWER', `${path}: ${timedOut ? 'answer not complete in time' : (e as Error).message}`)
    }
    if (res.status !== 200) {
      // Gateway error codes (protocol §Errors) are named in the operator's log only.
      throw new RecordsSourceError('RECORDS_UNAVAILABLE', `${path}: HTTP ${res.status}${errorCodeOf(text)}`)
    }
    let data: unknown
    try {
      data = JSON.parse(text)
    } catch {
      throw new RecordsSourceError('RECORDS_BAD_ANSWER', `${path}: answer is not JSON`)
    }
    if (!Value.Check(schema, data)) {
      const first = Value.Errors(schema, data).First()
      throw new RecordsSourceError('RECORDS_BAD_ANSWER', `${path}: answer breaks the contract at ${first?.path || '/'}`)
    }
    // Only the contract's fields go on (an extra field from the gateway is dropped here).
    return Value.Clean(schema, data) as T
  }

  return {
    socialSecurity: (ref: SubjectRef, o: QueryOptions) => ask<SocialSecurityData>(RECORDS_PATHS.socialSecurity, ref, o.year === undefined ? {} : { year: o.year }, SocialSecurityAnswer),
    async providentFund(ref: SubjectRef, o: QueryOptions) {
      const data = await ask<ProvidentFundData>(RECORDS_PATHS.providentFund, ref, o.year === undefined ? {} : { year: o.year }, ProvidentFundAnswer)
      // The account number is shown masked whatever the gateway sends.
      return data.account ? { ...data, account: { ...data.account, accountNo: maskAccountNo(data.account.accountNo) } } : data
    },
    property: (ref: SubjectRef) => ask<PropertyData>(RECORDS_PATHS.property, ref, {}, PropertyAnswer),
  }
}

/** The gateway's own error code (`{"code": "…"}`), if it sent a short one. */
function errorCodeOf(text: string): string {
  try {
    const code = (JSON.parse(text) as { code?: unknown }).code
    return typeof code === 'string' && /^[A-Z_]{1,40}$/.test(code) ? ` ${code}` : ''
  } catch {
    return ''
  }
}

async function readLimited(res: Response, limit: number): Promise<string> {
  const declared = Number(res.headers.get('content-length') ?? '0')
  if (declared > limit) {
    await res.body?.cancel()
    throw new Error(`answer larger than ${limit} bytes`)
  }
  if (!res.body) return ''
  const reader = res.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > limit) {
      await reader.cancel()
      throw new Error(`answer larger than ${limit} bytes`)
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks).toString('utf8')
}
