// The staff scanner's store: its own session storage, cached key set and revocation list, offline
// verdicts queued and uploaded when the network returns, dispatch on typ (zj.cred / zj.chk /
// zj.proof), and the result clearing itself after 2 minutes.
import { createPrivateKey, generateKeyPairSync, sign as cryptoSign } from 'node:crypto'
import { StaffStore, RESULT_TTL_MS } from '../../../src/packages/staff/store'
import { compactId } from '../../../src/domain/wallet'
import type { TransportRequest } from '../../../src/platform/types'
import { fakePlatform, flush, json } from '../app/fakes'
import { pinnedClock } from '../../support/clock'

// The scanner judges codes at this clock; the codes below are issued at it too.
const clock = pinnedClock()

const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
const jwk = publicKey.export({ format: 'jwk' }) as { x: string; y: string }
const pem = createPrivateKey(privateKey.export({ type: 'pkcs8', format: 'pem' }))
const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url')
function code(typ: string, claims: Record<string, unknown>): string {
  const h = b64({ alg: 'ES256', kid: 'kid1', typ })
  const iat = Math.floor(clock().getTime() / 1000)
  const p = b64({ ...claims, iat, exp: iat + 60, jti: 'n1' })
  return `${h}.${p}.${cryptoSign('sha256', Buffer.from(`${h}.${p}`), { key: pem, dsaEncoding: 'ieee-p1363' }).toString('base64url')}`
}
const CID = compactId('11111111-2222-4333-8444-555555555555')
const REVOKED = compactId('99999999-2222-4333-8444-555555555555')

function setup() {
  const fp = fakePlatform()
  const uploads: unknown[] = []
  fp.transport.fallback = (req: TransportRequest) => {
    const url = req.url
    if (url.endsWith('/api/staff/login')) return json(200, { accessToken: 'sa', refreshToken: 'sr', tokenType: 'Bearer', expiresIn: 900, sessionId: 's' })
    if (url.endsWith('/api/staff/me')) return json(200, { id: 'x', username: 'window01', displayName: '窗口一', roles: ['window'] })
    if (url.endsWith('/api/keys')) return json(200, { keys: [{ kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y, kid: 'kid1', alg: 'ES256', use: 'sig', status: 'active' }], fetchedAt: clock().toISOString() })
    if (url.endsWith('/api/wallet/revocations')) return json(200, { items: [{ cid: REVOKED, revokedAt: clock().toISOString() }], fetchedAt: clock().toISOString() })
    if (url.includes('/api/staff/wallet/status')) return json(200, { cid: CID, status: 'active' })
    if (url.endsWith('/api/staff/wallet/verifications')) {
      uploads.push(JSON.parse(req.body!))
      return json(200, { items: [] })
    }
    if (url.endsWith('/api/staff/bookings/check-in')) return json(200, { ok: true })
    if (url.includes('/api/verify?code=')) return json(200, { valid: true })
    return json(404, { code: 'NOT_FOUND', message: 'x' })
  }
  return { ...fp, uploads, store: new StaffStore(fp.platform, fp.platform.storage, () => clock().getTime()) }
}

describe('StaffStore', () => {
  it('sends a one-time-password account through the first sign-in step, then signs in with the new password', async () => {
    const s = setup()
    const seen: Array<{ url: string; body: Record<string, unknown> }> = []
    const base = s.transport.fallback as (req: TransportRequest) => ReturnType<typeof json>
    s.transport.fallback = (req: TransportRequest) => {
      if (req.url.endsWith('/api/staff/login')) return json(403, { code: 'STAFF_SETUP_REQUIRED', message: '首次登录须先设置新密码并绑定动态口令' })
      if (req.url.endsWith('/api/staff/setup')) {
        seen.push({ url: req.url, body: JSON.parse(req.body!) })
        return json(200, { accessToken: 'sa', refreshToken: 'sr', tokenType: 'Bearer', expiresIn: 900, sessionId: 's' })
      }
      return base(req)
    }
    expect(await s.store.login('chief.admin', 'OneTime2026abcdXYZ', '123456')).toBe(false)
    expect(s.store.needsSetup).toBe(true)
    expect(s.store.loggedIn).toBe(false)
    expect(s.store.error).toContain('首次登录')
    expect(await s.store.setup('chief.admin', 'OneTime2026abcdXYZ', '654321', 'Ningbo-Hall-2027')).toBe(true)
    expect(seen[0].body).toMatchObject({ username: 'chief.admin', password: 'OneTime2026abcdXYZ', totp: '654321', newPassword: 'Ningbo-Hall-2027' })
    expect(s.store.needsSetup).toBe(false)
    expect(s.store.loggedIn).toBe(true)
  })

  it('signs in with its own session keys and caches the key set and revocation list', async () => {
    const s = setup()
    expect(await s.store.login('window01', 'pw', '123456')).toBe(true)
    expect(s.platform.storage.get('staff:zj.session')).toContain('sa')
    expect(s.platform.storage.get('zj.session')).toBeNull()
    expect(s.store.keys?.keys[0].kid).toBe('kid1')
    expect(s.store.revocations?.cids).toEqual([REVOKED])
    // A new store (app restart) starts from the cache.
    const again = new StaffStore(s.platform, s.platform.storage, () => clock().getTime())
    expect(again.keys?.keys).toHaveLength(1)
    expect(again.loggedIn).toBe(true)
  })

  it('verifies offline, queues the record, uploads it when the network returns', async () => {
    const s = setup()
    await s.store.login('window01', 'pw', '123456')
    s.setOnline(false)
    const callsBefore = s.transport.calls.length
    const r = await s.store.submit(code('zj.cred', { cid: CID, t: 'ssc', iss: '330200', d: { a18: 1 } }))
    expect(r).toMatchObject({ kind: 'cred', result: 'valid', type: 'ssc', disclosed: { a18: 1 } })
    expect(s.transport.calls.length).toBe(callsBefore)
    expect(s.store.queue).toHaveLength(1)
    expect(s.store.queue[0]).toMatchObject({ mode: 'offline', result: 'valid' })
    expect((await s.store.submit(code('zj.cred', { cid: REVOKED, t: 'ssc', d: {} }))).result).toBe('revoked')
    s.setOnline(true)
    await flush()
    await flush()
    expect(s.uploads).toHaveLength(1)
    expect((s.uploads[0] as { records: unknown[] }).records).toHaveLength(2)
    expect(s.store.queue).toHaveLength(0)
  })

  it('online: asks the live status as well', async () => {
    const s = setup()
    await s.store.login('window01', 'pw', '123456')
    await s.store.submit(code('zj.cred', { cid: CID, t: 'ssc', d: { n: '王小明' } }))
    await flush()
    expect(s.store.last).toMatchObject({ result: 'valid', live: 'active' })
    expect(s.transport.calls.some((c) => c.url.includes(`/api/staff/wallet/status?cid=${CID}`))).toBe(true)
  })

  it('dispatches check-in and e-proof codes to their areas', async () => {
    const s = setup()
    await s.store.login('window01', 'pw', '123456')
    const chk = code('zj.chk', { b: 'x' })
    expect(await s.store.submit(chk)).toMatchObject({ kind: 'chk', ok: true })
    const post = s.transport.calls.find((c) => c.url.endsWith('/api/staff/bookings/check-in'))!
    expect(JSON.parse(post.body!)).toEqual({ code: chk })
    expect(await s.store.submit(code('zj.proof', { p: 'y' }))).toMatchObject({ kind: 'proof', ok: true })
    expect(s.transport.calls.some((c) => c.method === 'GET' && c.url.includes('/api/verify?code='))).toBe(true)
    expect((await s.store.submit('not a code')).result).toBe('malformed')
  })

  it('takes a typed proof number (spaces, dashes, lower case) to /api/verify, and shows a false proof as false with its reason', async () => {
    const s = setup()
    await s.store.login('window01', 'pw', '123456')
    const base = s.transport.fallback as (req: TransportRequest) => ReturnType<typeof json>
    s.transport.fallback = (req: TransportRequest) => (req.url.includes('code=SB20261120NOTISSUED0') ? json(200, { valid: false, reason: 'not_found' }) : base(req))
    expect(await s.store.submit('  sb 2026-1120 abcd2345ef ')).toMatchObject({ kind: 'proof', ok: true })
    const asked = s.transport.calls.filter((c) => c.url.includes('/api/verify?code='))
    expect(new URL(asked[asked.length - 1].url, 'http://x').searchParams.get('code')).toBe('sb 2026-1120 abcd2345ef')
    expect(await s.store.submit('SB20261120NOTISSUED0')).toMatchObject({ kind: 'proof', ok: false, message: '没有找到该证明，请核对编号。' })
    // Not a number's shape: still the offline verifier's 'malformed', no server call.
    const before = s.transport.calls.length
    expect((await s.store.submit('SB2026')).result).toBe('malformed')
    expect(s.transport.calls.length).toBe(before)
  })

  it('clears the result after 2 minutes', async () => {
    jest.useFakeTimers()
    try {
      const s = setup()
      await s.store.login('window01', 'pw', '123456')
      s.setOnline(false)
      await s.store.submit(code('zj.cred', { cid: CID, t: 'ssc', d: {} }))
      expect(s.store.last).not.toBeNull()
      jest.advanceTimersByTime(RESULT_TTL_MS - 1000)
      expect(s.store.last).not.toBeNull()
      jest.advanceTimersByTime(1000)
      expect(s.store.last).toBeNull()
    } finally {
      jest.useRealTimers()
    }
  })
})
