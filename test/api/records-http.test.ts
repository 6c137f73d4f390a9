// The records gateway adapter (RECORDS_PROVIDER=http, docs/records-protocol.md) against its local
// fake: all three sources answer through the protocol, the bearer token travels, the ID number
// travels only in the request body and never reaches a log, and an upstream that is down, slow or
// answers outside the contract gives the person a clear 503 / 502 in Chinese, never a crash.
import { eq } from 'drizzle-orm'
import type { PropertyResponse, ProvidentFundResponse, SocialSecurityResponse } from '../../src/domain/contract/records'
import { api } from '../../src/domain/messages/zh-CN/api'
import { parseConfig } from '../../mock/src/config'
import { citizens } from '../../mock/src/db/schema'
import { standInRefusals } from '../../mock/src/production'
import { personKey } from '../../mock/src/records/access'
import { RecordsSourceError, httpRecordsSource } from '../../mock/src/records/http'
import { seededSource } from '../../mock/src/records/seeded'
import type { PropertyData, ProvidentFundData, SocialSecurityData, SubjectRef } from '../../mock/src/records/source'
import { startRecordsFake, type RecordsFake } from '../fakes/records'
import { wallMs } from '../support/clock'
import { forEachDatabase, TEST_KEY, type TestEnv } from './harness'
import { TestClock, get, loginL2, loginL3, post } from './identity-helpers'
import { RECORDS_SEED, citizenRow, citizenWhere, has } from './records-helpers'
import type { SeededCitizen } from './identity-helpers'

const clock = new TestClock()
const TOKEN = 'records-gateway-token-7f3a'
const TIMEOUT_MS = 600
let fake: RecordsFake
const extraEnv: Record<string, string> = {}

beforeAll(async () => {
  fake = await startRecordsFake(TOKEN)
  fake.now = clock.now
  Object.assign(extraEnv, { RECORDS_PROVIDER: 'http', RECORDS_URL: fake.url, RECORDS_TOKEN: TOKEN, RECORDS_TIMEOUT_MS: String(TIMEOUT_MS) })
})

afterAll(async () => {
  await fake?.close()
})

/**
 * Puts a seeded citizen's records into the fake, as the stand-in's tables have them (computed
 * before any request: the gateway must not read the database the app is using).
 */
async function serve(env: TestEnv, c: SeededCitizen): Promise<{ ss: SocialSecurityData; pf: ProvidentFundData; re: PropertyData; ssYear: Map<number, SocialSecurityData>; pfYear: Map<number, ProvidentFundData> }> {
  const row = await citizenRow(env, c.id)
  const ref: SubjectRef = { citizenId: row.id, birthDate: row.birthDate, sex: row.sex, idNumber: () => c.idNumber }
  const source = seededSource(env.database.db)
  const now = clock.now()
  const ss = await source.socialSecurity(ref, { now })
  const pf = await source.providentFund(ref, { now })
  const re = await source.property(ref, { now })
  const ssYear = new Map<number, SocialSecurityData>()
  for (const y of ss.years.map((x) => x.year)) ssYear.set(y, await source.socialSecurity(ref, { now, year: y }))
  const pfYear = new Map<number, ProvidentFundData>()
  for (const y of pf.years) pfYear.set(y, await source.providentFund(ref, { now, year: y }))
  fake.people.set(c.idNumber, {
    socialSecurity: async (year) => (year === undefined ? ss : (ssYear.get(year) ?? { ...ss, year, months: [] })),
    providentFund: async (year) => (year === undefined ? pf : (pfYear.get(year) ?? { ...pf, year, history: [] })),
    property: re,
  })
  return { ss, pf, re, ssYear, pfYear }
}

const strip = <T extends { subject?: unknown }>(body: T) => {
  const { subject: _subject, ...rest } = body
  return rest
}

describe('RECORDS_* settings', () => {
  const base = { NODE_ENV: 'test', ID_ENCRYPTION_KEY: TEST_KEY, DATABASE_URL: 'memory://' }

  it('http needs RECORDS_URL and RECORDS_TOKEN, and an https:// URL (plain http only on loopback)', () => {
    const missing = parseConfig({ ...base, RECORDS_PROVIDER: 'http' })
    expect(missing.ok).toBe(false)
    if (!missing.ok) expect(missing.errors).toEqual([expect.stringContaining('RECORDS_URL'), expect.stringContaining('RECORDS_TOKEN')])
    const plain = parseConfig({ ...base, RECORDS_PROVIDER: 'http', RECORDS_URL: 'http://records.example.gov.cn', RECORDS_TOKEN: 't' })
    expect(plain.ok).toBe(false)
    if (!plain.ok) expect(plain.errors).toEqual([expect.stringMatching(/^配置错误：RECORDS_URL 必须是 https:\/\//)])
    const tls = parseConfig({ ...base, RECORDS_PROVIDER: 'http', RECORDS_URL: 'https://records.example.gov.cn/gw/', RECORDS_TOKEN: 't' })
    expect(tls.ok && tls.config.records).toEqual({ provider: 'http', url: 'https://records.example.gov.cn/gw', token: 't', timeoutMs: 8000 })
    const loop = parseConfig({ ...base, RECORDS_PROVIDER: 'http', RECORDS_URL: 'http://127.0.0.1:9999', RECORDS_TOKEN: 't', RECORDS_TIMEOUT_MS: '100' })
    expect(loop.ok).toBe(false)
    if (!loop.ok) expect(loop.errors).toEqual([expect.stringContaining('RECORDS_TIMEOUT_MS')])
  })

  it('production refuses RECORDS_PROVIDER=stand-in (unless DEMO=1), and accepts http', () => {
    const prod = { ...base, NODE_ENV: 'production' }
    const standIn = parseConfig(prod)
    if (!standIn.ok) throw new Error(standIn.errors.join('\n'))
    expect(standInRefusals(standIn.config, prod)).toContainEqual(expect.stringContaining('RECORDS_PROVIDER=stand-in（未设置时的默认值）'))
    const demo = parseConfig({ ...prod, DEMO: '1' })
    expect(demo.ok && standInRefusals(demo.config, { ...prod, DEMO: '1' })).toEqual([])
    const env = { ...prod, RECORDS_PROVIDER: 'http', RECORDS_URL: 'https://records.example.gov.cn', RECORDS_TOKEN: 't' }
    const http = parseConfig(env)
    if (!http.ok) throw new Error(http.errors.join('\n'))
    expect(standInRefusals(http.config, env).some((l) => l.includes('RECORDS_PROVIDER'))).toBe(false)
  })
})

forEachDatabase(
  'records: the records gateway adapter against its fake',
  (getEnv) => {
    it('社保, 公积金 and 不动产 answer through the protocol, exactly as the source has them; the token travels, the ID number only in the body', async () => {
      const env = getEnv()
      const c = await citizenWhere(env, has.any)
      const want = await serve(env, c)
      const user = await loginL3(env, c)
      const from = fake.requests.length

      const ss = await get(env, '/api/records/social-security', { token: user.accessToken })
      expect(ss.statusCode).toBe(200)
      const ssBody = ss.json<SocialSecurityResponse>()
      expect(strip(ssBody)).toEqual(want.ss)
      expect(ssBody.subject).toEqual({ acting: 'self', name: expect.stringContaining('*') })
      const year = want.ss.years[0].year
      const older = (await get(env, `/api/records/social-security?year=${year}`, { token: user.accessToken })).json<SocialSecurityResponse>()
      expect(strip(older)).toEqual(want.ssYear.get(year))

      const pf = await get(env, '/api/records/provident-fund', { token: user.accessToken })
      expect(pf.statusCode).toBe(200)
      expect(strip(pf.json<ProvidentFundResponse>())).toEqual(want.pf)

      const re = await get(env, '/api/records/property', { token: user.accessToken })
      expect(re.statusCode).toBe(200)
      expect(strip(re.json<PropertyResponse>())).toEqual(want.re)

      const sent = fake.requests.slice(from)
      expect(sent.map((r) => `${r.method} ${r.url}`)).toEqual([
        'POST /v1/social-security/query',
        'POST /v1/social-security/query',
        'POST /v1/provident-fund/query',
        'POST /v1/property/query',
      ])
      for (const r of sent) {
        expect(r.authorization).toBe(`Bearer ${TOKEN}`)
        expect(r.url).not.toContain(c.idNumber)
      }
      expect(sent.map((r) => JSON.parse(r.body))).toEqual([{ idNumber: c.idNumber }, { idNumber: c.idNumber, year }, { idNumber: c.idNumber }, { idNumber: c.idNumber }])
    })

    it('an e-proof is issued from the gateway’s answers', async () => {
      const env = getEnv()
      const c = await citizenWhere(env, has.any)
      await serve(env, c)
      const user = await loginL2(env, c)
      const from = fake.requests.length
      const res = await post(env, '/api/proofs', { kind: 'social_security' }, { token: user.accessToken })
      expect(res.statusCode).toBe(201)
      expect(fake.requests.slice(from).every((r) => r.kind === 'social-security')).toBe(true)
      expect(fake.requests.length).toBeGreaterThan(from)
    })

    it('a person the source systems do not know gets empty records, not an error', async () => {
      const env = getEnv()
      const c = await citizenWhere(env, has.any)
      fake.people.delete(c.idNumber)
      const user = await loginL2(env, c)
      const ss = (await get(env, '/api/records/social-security', { token: user.accessToken })).json<SocialSecurityResponse>()
      expect(ss).toMatchObject({ insured: [], years: [], months: [], totalPaidMonths: 0, pension: null })
      const pf = (await get(env, '/api/records/provident-fund', { token: user.accessToken })).json<ProvidentFundResponse>()
      expect(pf).toMatchObject({ account: null, history: [], loan: null })
    })

    it('the account number is shown masked even when the gateway sends it whole; fields outside the contract are dropped', async () => {
      const env = getEnv()
      const c = await citizenWhere(env, has.ssAndLoan)
      const want = await serve(env, c)
      const user = await loginL2(env, c)
      fake.tamper = (kind, answer) => (kind === 'provident-fund' ? { ...answer, idNumber: c.idNumber, account: { ...(answer.account as object), accountNo: '330200123456789012', holderIdNumber: c.idNumber } } : answer)
      try {
        const res = await get(env, '/api/records/provident-fund', { token: user.accessToken })
        expect(res.statusCode).toBe(200)
        expect(res.json<ProvidentFundResponse>().account?.accountNo).toBe('3302**********9012')
        expect(res.body).not.toContain(c.idNumber)
        expect(res.json<ProvidentFundResponse>().account?.balance).toBe(want.pf.account?.balance)
      } finally {
        fake.tamper = undefined
      }
    })

    it.each([
      ['a month with a text amount', (a: Record<string, unknown>) => ({ ...a, months: [{ month: '2026-10', employer: 'x', base: '8000.00', employerPart: 1, personalPart: 1, status: 'paid' }] })],
      ['a missing field', (a: Record<string, unknown>) => ({ ...a, insured: undefined })],
      ['an unknown status', (a: Record<string, unknown>) => ({ ...a, insured: [{ insurance: 'pension', status: 'maybe', employer: null, since: '2020-01-01' }] })],
      ['no date on the answer', (a: Record<string, unknown>) => ({ ...a, asOf: 'yesterday' })],
      ['not an object', () => 'OK'],
    ])('an answer outside the contract (%s) is 502 RECORDS_BAD_ANSWER, nothing of it shown', async (_what, tamper) => {
      const env = getEnv()
      const c = await citizenWhere(env, has.any)
      await serve(env, c)
      const user = await loginL2(env, c)
      fake.tamper = (kind, answer) => (kind === 'social-security' ? tamper(answer) : answer)
      try {
        const res = await get(env, '/api/records/social-security', { token: user.accessToken })
        expect(res.statusCode).toBe(502)
        expect(res.json()).toEqual({ statusCode: 502, code: 'RECORDS_BAD_ANSWER', message: api.errors.RECORDS_BAD_ANSWER })
      } finally {
        fake.tamper = undefined
      }
    })

    it('a gateway that is down or too slow is 503 记录查询服务暂不可用 with Retry-After, and the next query works', async () => {
      const env = getEnv()
      const c = await citizenWhere(env, has.any)
      await serve(env, c)
      const user = await loginL3(env, c)
      const expect503 = async (path: string) => {
        const res = await get(env, path, { token: user.accessToken })
        expect(res.statusCode).toBe(503)
        expect(res.json()).toEqual({ statusCode: 503, code: 'RECORDS_UNAVAILABLE', message: '记录查询服务暂不可用，请稍后再试。' })
        expect(res.headers['retry-after']).toBeDefined()
      }
      fake.down = true
      try {
        await expect503('/api/records/social-security')
        await expect503('/api/records/property')
        const proof = await post(env, '/api/proofs', { kind: 'provident_fund' }, { token: user.accessToken })
        expect(proof.statusCode).toBe(503)
      } finally {
        fake.down = false
      }
      fake.delayMs = TIMEOUT_MS * 3
      try {
        const t0 = wallMs()
        await expect503('/api/records/provident-fund')
        expect(wallMs() - t0).toBeLessThan(TIMEOUT_MS * 3)
      } finally {
        fake.delayMs = 0
      }
      // The operator's log says why (endpoint and status or timeout), never whose query it was.
      const log = env.logs.join('\n')
      expect(log).toContain('/v1/social-security/query: HTTP 503 SOURCE_UNAVAILABLE')
      expect(log).toContain(`/v1/provident-fund/query: no answer within ${TIMEOUT_MS} ms`)
      expect((await get(env, '/api/records/social-security', { token: user.accessToken })).statusCode).toBe(200)
    })

    it('a gateway that refuses the token is the same 503, its code named in the operator’s reason', async () => {
      const env = getEnv()
      const c = await citizenWhere(env, has.any)
      const row = await citizenRow(env, c.id)
      const wrong = httpRecordsSource({ url: fake.url, token: 'not-the-token', timeoutMs: 2000 })
      const err = await wrong.socialSecurity({ citizenId: row.id, birthDate: row.birthDate, sex: row.sex, idNumber: () => c.idNumber }, { now: clock.now() }).catch((e: unknown) => e)
      expect(err).toBeInstanceOf(RecordsSourceError)
      expect(err).toMatchObject({ statusCode: 503, code: 'RECORDS_UNAVAILABLE', reason: '/v1/social-security/query: HTTP 401 UNAUTHORIZED' })
      expect(fake.requests[fake.requests.length - 1].authorization).toBe('Bearer not-the-token')
    })

    it('a verified account with no population-registry row (as in production) is asked about by its own ID number', async () => {
      const env = getEnv()
      const c = await citizenWhere(env, has.any)
      const want = await serve(env, c)
      const user = await loginL2(env, c)
      await env.database.db.delete(citizens).where(eq(citizens.id, c.id))
      const res = await get(env, '/api/records/social-security', { token: user.accessToken })
      expect(res.statusCode).toBe(200)
      expect(strip(res.json<SocialSecurityResponse>())).toEqual(want.ss)
      // The access log is kept under a stable key of the person.
      const log = (await get(env, '/api/me/access-log', { token: user.accessToken })).json<{ items: Array<{ action: string }> }>()
      expect(log.items.map((i) => i.action)).toContain('social_security.view')
      expect(personKey(env.crypto.index(c.idNumber))).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    })

    it('no ID number, token or name reaches the logs (trace level), whatever the gateway answered', () => {
      const env = getEnv()
      const log = env.logs.join('\n')
      expect(env.logs.length).toBeGreaterThan(20)
      expect(log).not.toContain(TOKEN)
      for (const idNumber of fake.people.keys()) expect(log).not.toContain(idNumber)
      for (const r of fake.requests) {
        const sent = (JSON.parse(r.body) as { idNumber: string }).idNumber
        expect(log).not.toContain(sent)
      }
    })
  },
  { seed: RECORDS_SEED, clock: clock.now, logLevel: 'trace', extraEnv },
)
