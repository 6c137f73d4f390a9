// The app-side OFFLINE verifier of signed QR codes (compact JWS, ES256), used by the staff
// scanner. Why compact JWS rather than COSE/CBOR + Base45: checking it needs only base64url, JSON
// and P-256 ECDSA over SHA-256, so anyone can write an independent verifier (node:crypto,
// WebCrypto, or @noble/curves here, which also runs on WeChat/Alipay mini-programs that have no
// WebCrypto), and with short claim names the codes fit QR version 19 at ECC Q (PRESENT_CODE_MAX_CHARS).
//
// Order of checks: shape -> key id -> signature -> kind -> time -> revocation. Nothing from an
// unverified payload is ever returned as trustworthy.
import { p256 } from '@noble/curves/nist'
import { sha256 } from '@noble/hashes/sha2'
import { fromBase64Url, utf8Decode, utf8Encode, type VerifyResultCode } from './types'


/** A code issued a little in the future (device clocks drift) is still accepted. */
export const IAT_SKEW_S = 60

export interface CachedKey {
  kid: string
  x: string
  y: string
  crv?: string
  kty?: string
}

export interface CodeHeader {
  alg: string
  kid: string
  typ: string
}

export type VerifyOutcome =
  | { result: 'valid'; kid: string; typ: string; claims: Record<string, unknown> & { iat: number; exp: number; jti: string } }
  | { result: Exclude<VerifyResultCode, 'valid'>; kid?: string; typ?: string; jti?: string; cid?: string }

function decodeJson(part: string): unknown {
  if (!/^[A-Za-z0-9_-]+$/.test(part)) throw new RangeError('not base64url')
  return JSON.parse(utf8Decode(fromBase64Url(part)))
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** The header of a compact JWS, or null when it is not one (used to route a scanned code). */
export function peekHeader(code: string): CodeHeader | null {
  const parts = code.trim().split('.')
  if (parts.length !== 3) return null
  try {
    const h = decodeJson(parts[0])
    if (!isRecord(h) || typeof h.alg !== 'string' || typeof h.kid !== 'string' || typeof h.typ !== 'string') return null
    return { alg: h.alg, kid: h.kid, typ: h.typ }
  } catch {
    return null
  }
}

const pointCache = new Map<string, Uint8Array>()

/** Uncompressed SEC1 point 04||x||y from a JWK; null when it is not a P-256 point. */
function publicPoint(key: CachedKey): Uint8Array | null {
  const cacheKey = `${key.x}.${key.y}`
  const cached = pointCache.get(cacheKey)
  if (cached) return cached
  try {
    const x = fromBase64Url(key.x)
    const y = fromBase64Url(key.y)
    if (x.length !== 32 || y.length !== 32) return null
    const point = new Uint8Array(65)
    point[0] = 4
    point.set(x, 1)
    point.set(y, 33)
    p256.ProjectivePoint.fromHex(point).assertValidity()
    pointCache.set(cacheKey, point)
    return point
  } catch {
    return null
  }
}

export interface VerifyOptions {
  keys: readonly CachedKey[]
  /** Revoked credential ids (compact form, as in the code's `cid` claim). */
  revoked?: ReadonlySet<string> | readonly string[]
  now: Date
  /** Expected typ header, e.g. 'zj.cred'; a different one is `wrong_kind`. */
  typ?: string
}

export function verifyCode(code: string, opts: VerifyOptions): VerifyOutcome {
  const parts = typeof code === 'string' ? code.trim().split('.') : []
  if (parts.length !== 3 || parts.some((p) => p === '')) return { result: 'malformed' }
  let header: unknown
  let payload: unknown
  let signature: Uint8Array
  try {
    header = decodeJson(parts[0])
    payload = decodeJson(parts[1])
    signature = fromBase64Url(parts[2])
  } catch {
    return { result: 'malformed' }
  }
  if (!isRecord(header) || header.alg !== 'ES256' || typeof header.kid !== 'string' || typeof header.typ !== 'string') return { result: 'malformed' }
  const kid = header.kid
  const typ = header.typ
  if (!isRecord(payload) || typeof payload.iat !== 'number' || typeof payload.exp !== 'number' || typeof payload.jti !== 'string') return { result: 'malformed', kid, typ }
  if (signature.length !== 64) return { result: 'bad_signature', kid, typ }
  const key = opts.keys.find((k) => k.kid === kid)
  if (!key) return { result: 'unknown_key', kid, typ }
  const point = publicPoint(key)
  if (!point) return { result: 'unknown_key', kid, typ }
  let ok = false
  try {
    const digest = sha256(utf8Encode(`${parts[0]}.${parts[1]}`))
    ok = p256.verify(signature, digest, point, { prehash: false, lowS: false, format: 'compact' })
  } catch {
    ok = false
  }
  if (!ok) return { result: 'bad_signature', kid, typ }
  // From here the payload is authentic.
  const jti = payload.jti
  const cid = typeof payload.cid === 'string' ? payload.cid : undefined
  if (opts.typ && typ !== opts.typ) return { result: 'wrong_kind', kid, typ, jti }
  const t = opts.now.getTime() / 1000
  if (payload.iat > t + IAT_SKEW_S) return { result: 'not_yet_valid', kid, typ, jti, cid }
  if (payload.exp <= t) return { result: 'expired', kid, typ, jti, cid }
  if (cid && opts.revoked) {
    const revoked = opts.revoked instanceof Set ? opts.revoked.has(cid) : (opts.revoked as readonly string[]).includes(cid)
    if (revoked) return { result: 'revoked', kid, typ, jti, cid }
  }
  return { result: 'valid', kid, typ, claims: payload as Extract<VerifyOutcome, { result: 'valid' }>['claims'] }
}
