// Signed compact codes for every QR the platform issues: wallet presentations (`zj.cred`), booking
// check-in (`zj.chk`) and e-proofs (`zj.proof`).
//
// Format: compact JWS, ES256, header {alg, kid, typ}. Chosen over COSE/CBOR + Base45 because a
// verifier needs only base64url, JSON and P-256 ECDSA — node:crypto, WebCrypto or @noble/curves on a
// mini-program — and the codes stay under 400 characters when claims use short names.
// Keys: one active P-256 key signs; rotation retires it, and it stays published (GET /api/keys)
// until every code it could have signed has expired, so offline verifiers keep working.
import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto'
import { eq, gt, isNull, or } from 'drizzle-orm'
import { CompactSign, calculateJwkThumbprint, compactVerify, exportJWK } from 'jose'
import type { FieldCrypto } from '../crypto'
import type { DbOrTx } from '../db/client'
import { signingKeys, type PublicJwk } from '../db/schema-signing'

declare module 'fastify' {
  interface FastifyInstance {
    codes: SignedCodes
  }
}

export const CODE_KINDS = ['cred', 'chk', 'proof'] as const
export type CodeKind = (typeof CODE_KINDS)[number]
export const TYP_PREFIX = 'zj.'

/** The longest-lived code (an e-proof, 30 days) plus a day: how long a retired key stays published. */
export const PUBLISH_AFTER_RETIRE_MS = 31 * 24 * 3600 * 1000
/** Another instance may have rotated: re-read the active key this often. */
const ACTIVE_KEY_REFRESH_MS = 5 * 60 * 1000
/** A code issued a little in the future (clock skew between instances) is still accepted. */
const IAT_SKEW_S = 60

export type VerifyFailure = 'malformed' | 'unknown_key' | 'bad_signature' | 'expired' | 'not_yet_valid' | 'wrong_kind'

export type VerifyResult =
  | { ok: true; kind: CodeKind; kid: string; claims: Record<string, unknown> & { iat: number; exp: number; jti: string } }
  | { ok: false; reason: VerifyFailure; kid?: string }

export interface PublishedKey extends PublicJwk {
  kid: string
  alg: 'ES256'
  use: 'sig'
  status: 'active' | 'retired'
  /** ISO time; absent while active. */
  retiredAt?: string
}

interface CodeOptions {
  now: Date
  /** The caller's transaction: on PGlite a query outside it would wait for it to end. */
  db?: DbOrTx
}

export interface SignedCodes {
  /** Compact JWS over `claims` + iat, exp, jti. */
  sign(kind: CodeKind, claims: Record<string, unknown>, options: CodeOptions & { ttlSeconds: number }): Promise<string>
  verify(code: string, options: CodeOptions & { kind?: CodeKind }): Promise<VerifyResult>
  /** The published key set (active + recently retired). */
  keySet(options: CodeOptions): Promise<{ keys: PublishedKey[] }>
  /** Retire the active key and start signing with a new one; returns the new kid. */
  rotate(options: CodeOptions & { db: DbOrTx }): Promise<string>
}

interface LoadedKey {
  kid: string
  publicKey: KeyObject
  jwk: PublicJwk
  privateKeyEnc: string
  retiredAt: Date | null
}

function b64json(part: string): unknown {
  if (!/^[A-Za-z0-9_-]+$/.test(part)) throw new Error('not base64url')
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'))
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

export function createSignedCodes(defaultDb: DbOrTx, crypto: FieldCrypto, options: { demo?: boolean } = {}): SignedCodes {
  // DEMO=1: every code says so, so no scan or printout of a demo passes for the real service.
  const marker = options.demo ? { demo: true } : {}
  const byKid = new Map<string, LoadedKey>()
  let active: { key: LoadedKey; privateKey: KeyObject; checkedAt: number } | null = null

  const load = (row: typeof signingKeys.$inferSelect): LoadedKey => {
    const publicKey = createPublicKey({ key: { ...row.publicJwk }, format: 'jwk' })
    const k = { kid: row.kid, publicKey, jwk: row.publicJwk, privateKeyEnc: row.privateKeyEnc, retiredAt: row.retiredAt }
    byKid.set(row.kid, k)
    return k
  }

  async function newKey(db: DbOrTx, now: Date): Promise<void> {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
    const jwk = (await exportJWK(publicKey)) as PublicJwk
    const publicJwk: PublicJwk = { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y }
    // 8 base64url characters of the RFC 7638 thumbprint: 48 bits name a key well enough and keep QR codes short.
    const kid = (await calculateJwkThumbprint(publicJwk)).slice(0, 8)
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
    // Two instances starting at once: the partial unique index lets only one key become active.
    await db.insert(signingKeys).values({ kid, publicJwk, privateKeyEnc: crypto.encrypt(pem), createdAt: now }).onConflictDoNothing()
  }

  async function activeKey(db: DbOrTx, now: Date): Promise<{ key: LoadedKey; privateKey: KeyObject }> {
    if (active && now.getTime() - active.checkedAt < ACTIVE_KEY_REFRESH_MS) return active
    let [row] = await db.select().from(signingKeys).where(isNull(signingKeys.retiredAt))
    if (!row) {
      await newKey(db, now)
      ;[row] = await db.select().from(signingKeys).where(isNull(signingKeys.retiredAt))
    }
    const key = load(row)
    const privateKey = createPrivateKey(crypto.decrypt(row.privateKeyEnc))
    active = { key, privateKey, checkedAt: now.getTime() }
    return active
  }

  async function keyByKid(db: DbOrTx, kid: string): Promise<LoadedKey | undefined> {
    const cached = byKid.get(kid)
    if (cached) return cached
    const [row] = await db.select().from(signingKeys).where(eq(signingKeys.kid, kid))
    return row ? load(row) : undefined
  }

  return {
    async sign(kind, claims, { now, ttlSeconds, db = defaultDb }) {
      const { key, privateKey } = await activeKey(db, now)
      const iat = Math.floor(now.getTime() / 1000)
      const body = { ...claims, ...marker, iat, exp: iat + ttlSeconds, jti: randomBytes(8).toString('base64url') }
      return new CompactSign(Buffer.from(JSON.stringify(body), 'utf8'))
        .setProtectedHeader({ alg: 'ES256', kid: key.kid, typ: TYP_PREFIX + kind })
        .sign(privateKey)
    },

    async verify(code, { now, kind, db = defaultDb }) {
      const parts = typeof code === 'string' ? code.trim().split('.') : []
      if (parts.length !== 3) return { ok: false, reason: 'malformed' }
      let header: unknown
      let payload: unknown
      try {
        header = b64json(parts[0])
        payload = b64json(parts[1])
      } catch {
        return { ok: false, reason: 'malformed' }
      }
      if (!isRecord(header) || header.alg !== 'ES256' || typeof header.kid !== 'string' || typeof header.typ !== 'string') return { ok: false, reason: 'malformed' }
      const kid = header.kid
      const codeKind = header.typ.startsWith(TYP_PREFIX) ? header.typ.slice(TYP_PREFIX.length) : ''
      if (!(CODE_KINDS as readonly string[]).includes(codeKind)) return { ok: false, reason: 'malformed', kid }
      if (!isRecord(payload) || typeof payload.iat !== 'number' || typeof payload.exp !== 'number' || typeof payload.jti !== 'string') return { ok: false, reason: 'malformed', kid }
      const key = await keyByKid(db, kid)
      // A key retired so long ago that it is no longer published is as unknown as a made-up one.
      if (!key || (key.retiredAt && now.getTime() - key.retiredAt.getTime() > PUBLISH_AFTER_RETIRE_MS)) return { ok: false, reason: 'unknown_key', kid }
      try {
        await compactVerify(code.trim(), key.publicKey, { algorithms: ['ES256'] })
      } catch {
        return { ok: false, reason: 'bad_signature', kid }
      }
      if (kind && codeKind !== kind) return { ok: false, reason: 'wrong_kind', kid }
      const t = now.getTime() / 1000
      if (payload.iat > t + IAT_SKEW_S) return { ok: false, reason: 'not_yet_valid', kid }
      if (payload.exp <= t) return { ok: false, reason: 'expired', kid }
      return { ok: true, kind: codeKind as CodeKind, kid, claims: payload as Extract<VerifyResult, { ok: true }>['claims'] }
    },

    async keySet({ now, db = defaultDb }) {
      await activeKey(db, now)
      const since = new Date(now.getTime() - PUBLISH_AFTER_RETIRE_MS)
      const rows = await db
        .select()
        .from(signingKeys)
        .where(or(isNull(signingKeys.retiredAt), gt(signingKeys.retiredAt, since)))
        .orderBy(signingKeys.createdAt)
      return {
        keys: rows.map((r) => ({
          ...r.publicJwk,
          kid: r.kid,
          alg: 'ES256' as const,
          use: 'sig' as const,
          status: r.retiredAt ? ('retired' as const) : ('active' as const),
          ...(r.retiredAt ? { retiredAt: r.retiredAt.toISOString() } : {}),
        })),
      }
    },

    async rotate({ now, db }) {
      await db.update(signingKeys).set({ retiredAt: now }).where(isNull(signingKeys.retiredAt))
      await newKey(db, now)
      const [row] = await db.select().from(signingKeys).where(isNull(signingKeys.retiredAt))
      for (const k of byKid.values()) if (!k.retiredAt && k.kid !== row.kid) k.retiredAt = now
      load(row)
      active = { key: byKid.get(row.kid)!, privateKey: createPrivateKey(crypto.decrypt(row.privateKeyEnc)), checkedAt: now.getTime() }
      return row.kid
    },
  }
}
