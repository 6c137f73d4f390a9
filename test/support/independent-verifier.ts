// A second verifier of the platform's signed QR codes, written only against what is published:
// the JWK Set of GET /api/keys and the compact JWS format (RFC 7515) with ES256 (RFC 7518 §3.4).
// It uses node:crypto alone and imports nothing from src/ or mock/, so a bug shared with the
// app's verifier (src/domain/wallet/verify.ts) cannot make both agree on a wrong answer.
import { createPublicKey, verify as cryptoVerify } from 'node:crypto'

export interface Jwk {
  kty: string
  crv: string
  x: string
  y: string
  kid: string
}

export type IndependentResult =
  | { ok: true; header: Record<string, unknown>; payload: Record<string, unknown> }
  | { ok: false; reason: 'malformed' | 'unknown_key' | 'bad_signature' | 'expired' | 'revoked' }

export function independentVerify(code: string, keySet: { keys: Jwk[] }, opts: { now: Date; revoked?: string[] }): IndependentResult {
  const parts = code.split('.')
  if (parts.length !== 3 || !parts.every((p) => /^[A-Za-z0-9_-]+$/.test(p))) return { ok: false, reason: 'malformed' }
  let header: Record<string, unknown>
  let payload: Record<string, unknown>
  try {
    header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'))
    payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'))
  } catch {
    return { ok: false, reason: 'malformed' }
  }
  if (header.alg !== 'ES256' || typeof header.kid !== 'string') return { ok: false, reason: 'malformed' }
  const jwk = keySet.keys.find((k) => k.kid === header.kid)
  if (!jwk) return { ok: false, reason: 'unknown_key' }
  const key = createPublicKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y }, format: 'jwk' })
  // JWS ES256 signatures are R || S (64 bytes), i.e. IEEE P1363, not DER.
  const good = cryptoVerify('sha256', Buffer.from(`${parts[0]}.${parts[1]}`, 'ascii'), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(parts[2], 'base64url'))
  if (!good) return { ok: false, reason: 'bad_signature' }
  if (typeof payload.exp !== 'number' || payload.exp <= opts.now.getTime() / 1000) return { ok: false, reason: 'expired' }
  if (opts.revoked && typeof payload.cid === 'string' && opts.revoked.includes(payload.cid)) return { ok: false, reason: 'revoked' }
  return { ok: true, header, payload }
}
