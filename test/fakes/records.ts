// Local fake of the records gateway (docs/records-protocol.md): 人社 社保, 公积金中心 and 不动产登记
// behind one bearer credential, one POST per source and person, keyed by the ID number in the body.
// Tests fill `people`, watch `requests`, and make it fail: down (503), slow (no answer in time),
// or `tamper` (an answer that breaks the contract).
import type { PropertyData, ProvidentFundData, SocialSecurityData } from '../../mock/src/records/source'
import { wallClock } from '../support/clock'
import { sendJson, startFake, type FakeServer } from './http'

export type RecordsKind = 'social-security' | 'provident-fund' | 'property'

export interface RecordsPerson {
  socialSecurity?: SocialSecurityData | ((year?: number) => Promise<SocialSecurityData>)
  providentFund?: ProvidentFundData | ((year?: number) => Promise<ProvidentFundData>)
  property?: PropertyData | (() => Promise<PropertyData>)
}

export interface RecordsFakeRequest {
  kind: RecordsKind | null
  method: string
  url: string
  authorization: string | undefined
  /** The raw body as received (tests check what travels, and that it is the only place the ID number is). */
  body: string
}

export interface RecordsFake extends FakeServer {
  people: Map<string, RecordsPerson>
  requests: RecordsFakeRequest[]
  /** Answer 503 to everything. */
  down: boolean
  /** Wait this long before answering (longer than RECORDS_TIMEOUT_MS: a timeout). */
  delayMs: number
  /** Replace a good answer (e.g. with one that breaks the contract). */
  tamper?: (kind: RecordsKind, answer: Record<string, unknown>) => unknown
  now: () => Date
}

const KINDS: Record<string, RecordsKind> = {
  '/v1/social-security/query': 'social-security',
  '/v1/provident-fund/query': 'provident-fund',
  '/v1/property/query': 'property',
}

/** What a source system answers for a person it has no records of (protocol: 200, empty). */
export function emptyAnswer(kind: RecordsKind, asOf: string): Record<string, unknown> {
  if (kind === 'social-security') return { asOf, insured: [], years: [], year: null, months: [], totalPaidMonths: 0, pensionAccount: 0, pension: null }
  if (kind === 'provident-fund') return { asOf, account: null, years: [], year: null, history: [], loan: null, withdrawals: [] }
  return { asOf, units: [] }
}

export async function startRecordsFake(token: string): Promise<RecordsFake> {
  const state = { people: new Map(), requests: [], down: false, delayMs: 0, now: wallClock } as unknown as RecordsFake
  const server = await startFake(async (req, body, res) => {
    const kind = KINDS[req.url ?? ''] ?? null
    state.requests.push({ kind, method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization, body })
    if (state.delayMs > 0) await new Promise((r) => setTimeout(r, state.delayMs))
    if (res.destroyed) return
    if (state.down) return sendJson(res, 503, { code: 'SOURCE_UNAVAILABLE', message: 'maintenance' })
    if (req.headers.authorization !== `Bearer ${token}`) return sendJson(res, 401, { code: 'UNAUTHORIZED' })
    if (req.method !== 'POST' || !kind) return sendJson(res, 404, { code: 'NOT_FOUND' })
    let q: { idNumber?: unknown; year?: unknown }
    try {
      q = JSON.parse(body)
    } catch {
      return sendJson(res, 400, { code: 'BAD_REQUEST' })
    }
    if (typeof q.idNumber !== 'string' || !/^\d{17}[\dX]$/.test(q.idNumber) || (q.year !== undefined && !Number.isInteger(q.year))) return sendJson(res, 400, { code: 'BAD_REQUEST' })
    const year = q.year as number | undefined
    const person = state.people.get(q.idNumber)
    const stored = kind === 'social-security' ? person?.socialSecurity : kind === 'provident-fund' ? person?.providentFund : person?.property
    const answer = (typeof stored === 'function' ? await stored(year) : stored) ?? emptyAnswer(kind, state.now().toISOString())
    sendJson(res, 200, state.tamper ? state.tamper(kind, answer as unknown as Record<string, unknown>) : answer)
  })
  return Object.assign(state, server)
}
