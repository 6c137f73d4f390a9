// The app-side offline verifier (src/domain/wallet/verify.ts) against codes signed with
// node:crypto: every way a code can be wrong gets its own reason; the independent verifier in
// test/support agrees on each.
import { createPrivateKey, generateKeyPairSync, sign as cryptoSign, type KeyObject } from 'node:crypto'
import { compactId, disclosedClaims, fromBase64Url, toBase64Url, uuidFromCompact, utf8Decode, utf8Encode, verifyCode, peekHeader } from '../../../src/domain/wallet'
import { independentVerify, type Jwk } from '../../support/independent-verifier'

function keyPair(kid: string): { kid: string; privateKey: KeyObject; jwk: Jwk } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  const j = publicKey.export({ format: 'jwk' }) as { kty: string; crv: string; x: string; y: string }
  return { kid, privateKey: createPrivateKey(privateKey.export({ type: 'pkcs8', format: 'pem' })), jwk: { kty: j.kty, crv: j.crv, x: j.x, y: j.y, kid } }
}

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o), 'utf8').toString('base64url')
function signCode(k: { kid: string; privateKey: KeyObject }, payload: Record<string, unknown>, typ = 'zj.cred'): string {
  const h = b64({ alg: 'ES256', kid: k.kid, typ })
  const p = b64(payload)
  const sig = cryptoSign('sha256', Buffer.from(`${h}.${p}`), { key: k.privateKey, dsaEncoding: 'ieee-p1363' })
  return `${h}.${p}.${sig.toString('base64url')}`
}

const NOW = new Date('2026-11-22T03:00:00Z')
const iat = Math.floor(NOW.getTime() / 1000)
const key = keyPair('k1')
const other = keyPair('k2')
const cid = compactId('0d3f6c1e-8f7b-4a51-9c2e-3b9a7d4e5f60')
const claims = { cid, t: 'ssc', iss: '330200', d: { n: '王小明', a18: 1 }, iat, exp: iat + 60, jti: 'abcdefghijk' }
const keys = [{ kid: key.kid, x: key.jwk.x, y: key.jwk.y }]
const keySet = { keys: [key.jwk] }

describe('app-side offline verifier', () => {
  it('accepts a good code and returns its claims; the independent verifier agrees', () => {
    const code = signCode(key, claims)
    const r = verifyCode(code, { keys, revoked: [], now: NOW, typ: 'zj.cred' })
    expect(r.result).toBe('valid')
    if (r.result === 'valid') expect(r.claims.d).toEqual({ n: '王小明', a18: 1 })
    expect(independentVerify(code, keySet, { now: NOW }).ok).toBe(true)
  })

  it('forged signature (signed by a key not in the set under a known kid) -> bad_signature', () => {
    const code = signCode({ kid: 'k1', privateKey: other.privateKey }, claims)
    expect(verifyCode(code, { keys, now: NOW }).result).toBe('bad_signature')
    expect(independentVerify(code, keySet, { now: NOW })).toEqual({ ok: false, reason: 'bad_signature' })
  })

  it('one changed field -> bad_signature', () => {
    const code = signCode(key, claims)
    const [h, , s] = code.split('.')
    const changed = `${h}.${b64({ ...claims, d: { n: '王小明', a18: 1, id: 'x' } })}.${s}`
    const changedName = `${h}.${b64({ ...claims, d: { n: '王大明', a18: 1 } })}.${s}`
    for (const c of [changed, changedName]) {
      expect(verifyCode(c, { keys, now: NOW }).result).toBe('bad_signature')
      expect(independentVerify(c, keySet, { now: NOW })).toEqual({ ok: false, reason: 'bad_signature' })
    }
  })

  it('expired, and replay after expiry -> expired', () => {
    const code = signCode(key, claims)
    expect(verifyCode(code, { keys, now: new Date(NOW.getTime() + 59_000) }).result).toBe('valid')
    const later = new Date(NOW.getTime() + 60_000)
    expect(verifyCode(code, { keys, now: later }).result).toBe('expired')
    expect(independentVerify(code, keySet, { now: later })).toEqual({ ok: false, reason: 'expired' })
    const old = signCode(key, { ...claims, iat: iat - 3600, exp: iat - 3540 })
    expect(verifyCode(old, { keys, now: NOW }).result).toBe('expired')
  })

  it('revoked credential -> revoked (after the signature checked out)', () => {
    const code = signCode(key, claims)
    expect(verifyCode(code, { keys, revoked: new Set([cid]), now: NOW }).result).toBe('revoked')
    expect(independentVerify(code, keySet, { now: NOW, revoked: [cid] })).toEqual({ ok: false, reason: 'revoked' })
  })

  it('unknown key id -> unknown_key; rotation: a set with both keys accepts both', () => {
    const code = signCode(other, claims)
    expect(verifyCode(code, { keys, now: NOW }).result).toBe('unknown_key')
    expect(independentVerify(code, keySet, { now: NOW })).toEqual({ ok: false, reason: 'unknown_key' })
    const both = [...keys, { kid: other.kid, x: other.jwk.x, y: other.jwk.y }]
    expect(verifyCode(code, { keys: both, now: NOW }).result).toBe('valid')
    expect(verifyCode(signCode(key, claims), { keys: both, now: NOW }).result).toBe('valid')
  })

  it('malformed input -> malformed; wrong kind; not yet valid', () => {
    for (const bad of ['', 'abc', 'a.b', 'a.b.c.d', '!!.??.**', `${b64({ alg: 'none', kid: 'k1', typ: 'zj.cred' })}.${b64(claims)}.`]) {
      expect(verifyCode(bad, { keys, now: NOW }).result).toBe('malformed')
    }
    expect(verifyCode(signCode(key, claims, 'zj.chk'), { keys, now: NOW, typ: 'zj.cred' }).result).toBe('wrong_kind')
    expect(verifyCode(signCode(key, { ...claims, iat: iat + 600, exp: iat + 660 }), { keys, now: NOW }).result).toBe('not_yet_valid')
    expect(peekHeader(signCode(key, claims, 'zj.proof'))?.typ).toBe('zj.proof')
    expect(peekHeader('hello')).toBeNull()
  })
})

describe('codecs and disclosure', () => {
  it('base64url and UTF-8 round-trip against Buffer', () => {
    for (const s of ['', 'a', 'ab', 'abc', '王小明 𠮷 ✓', JSON.stringify(claims)]) {
      const bytes = utf8Encode(s)
      expect(Buffer.from(bytes).toString('utf8')).toBe(s)
      expect(toBase64Url(bytes)).toBe(Buffer.from(s, 'utf8').toString('base64url'))
      expect(utf8Decode(fromBase64Url(toBase64Url(bytes)))).toBe(s)
    }
    expect(() => fromBase64Url('ab=c')).toThrow()
    expect(() => utf8Decode(Uint8Array.from([0xe4, 0xb8]))).toThrow()
    expect(uuidFromCompact(cid)).toBe('0d3f6c1e-8f7b-4a51-9c2e-3b9a7d4e5f60')
    expect(cid).toHaveLength(22)
  })

  it('discloses only chosen fields; age predicates from the birth date on the China-time day', () => {
    const fields = { n: '王小明', id: '330203200811220014', no: 'A12345678', bd: '2008-11-22' }
    // 2026-11-21T16:00Z is 2026-11-22 00:00 in China: the 18th birthday.
    const r = disclosedClaims('ssc', fields, ['a18'], new Date('2026-11-21T16:00:00Z'))
    expect(r).toEqual({ ok: true, claims: { a18: 1 } })
    expect(disclosedClaims('ssc', fields, ['a18'], new Date('2026-11-21T15:59:00Z'))).toEqual({ ok: true, claims: { a18: 0 } })
    expect(disclosedClaims('ssc', fields, ['n', 'no'], NOW)).toEqual({ ok: true, claims: { n: '王小明', no: 'A12345678' } })
    expect(disclosedClaims('ssc', fields, ['bd'], NOW)).toEqual({ ok: false, key: 'bd' })
    expect(disclosedClaims('ssc', fields, ['uscc'], NOW)).toEqual({ ok: false, key: 'uscc' })
  })
})
