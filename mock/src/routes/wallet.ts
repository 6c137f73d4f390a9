// 电子证照 wallet (issue 8): the holder's cards, 亮证 codes (L3 within 30 minutes), the public
// revocation list, and the staff side: live status and verification records (offline scanners
// upload theirs later). Codes are compact JWS signed by mock/src/signing (typ zj.cred).
import { Type } from '@sinclair/typebox'
import { and, desc, eq, isNotNull, isNull } from 'drizzle-orm'
import {
  CredentialListResponse,
  CredentialStatusQuery,
  CredentialStatusResponse,
  MyVerificationsResponse,
  OkResponse,
  PresentBody,
  PresentResponse,
  RevocationListResponse,
  VerificationUploadBody,
  VerificationUploadResponse,
} from '../../../src/domain/contract'
import { maskName } from '../../../src/domain/mask'
import { CREDENTIAL_TYPES, PRESENT_CODE_MAX_CHARS, disclosedClaims, fromBase64Url, isFieldKey, largestFittingDisclosure, utf8Decode, type FieldKey, type VerifyResultCode } from '../../../src/domain/wallet/types'
import { accounts, citizens, credentialVerifications, credentials, staffAccounts } from '../db/schema'
import type { DbOrTx } from '../db/client'
import { ApiError } from '../errors'
import { audit } from '../identity/auth'
import { presentationClaims, readFields, revokeCredential, statusOf, summarize } from '../wallet'
import { errorResponses, type App, type Services } from './context'
import { lastSync } from '../staff/repo'

/** A code is good for 60 s; the app asks for a new one every 30 s so one is always fresh. */
export const PRESENT_TTL_S = 60
export const PRESENT_REFRESH_S = 30
/** A 亮证 code must fit QR version 19 at ECC Q (see PRESENT_CODE_MAX_CHARS). */
export const CODE_MAX_CHARS = PRESENT_CODE_MAX_CHARS
/** Verifiers may cache the revocation list this long before asking again. */
const REVOCATIONS_MAX_AGE_S = 300
/** A device clock a little ahead of ours is tolerated; later than that is clamped to now. */
/** A scanner's clock a few seconds ahead of ours is still "at upload" (online scans). */
const UPLOAD_SKEW_MS = 5_000

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) })

/** Credential rows the acting identity holds: the person's own, or the enterprise's. */
async function holderCondition(db: DbOrTx, request: { citizen: { accountId: string; acting: { kind: string; forId: string | null } } | null }) {
  const c = request.citizen!
  if (c.acting.kind === 'proxy') throw new ApiError(403, 'WALLET_PROXY_NOT_ALLOWED')
  if (c.acting.kind === 'enterprise') return eq(credentials.enterpriseId, c.acting.forId!)
  const [row] = await db
    .select({ id: citizens.id })
    .from(accounts)
    .innerJoin(citizens, eq(citizens.idNumberHmac, accounts.idNumberHmac))
    .where(eq(accounts.id, c.accountId))
  if (!row) throw new ApiError(403, 'CREDENTIAL_HOLDER_NOT_FOUND')
  return eq(credentials.holderCitizenId, row.id)
}

function payloadOf(code: string): Record<string, unknown> | null {
  const parts = code.trim().split('.')
  if (parts.length !== 3) return null
  try {
    const v = JSON.parse(utf8Decode(fromBase64Url(parts[1]))) as unknown
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null
  } catch {
    return null
  }
}

export function walletRoutes(app: App, s: Services): void {
  const tags = ['wallet']

  app.get(
    '/api/wallet/credentials',
    { config: { auth: 'citizen', level: 'L2' }, schema: { tags, summary: 'My credentials (masked fields); as an enterprise, its 营业执照', response: { 200: CredentialListResponse, ...errorResponses(401, 403) } } },
    async (request) => {
      const cond = await holderCondition(request.db, request)
      const now = s.now()
      // Revoked cards (replaced or reported lost) stay out of the wallet; expired ones show as such.
      const rows = await request.db.select().from(credentials).where(and(cond, isNull(credentials.revokedAt)))
      // 电子社保卡 first, then the other licences in the catalogue's order, newest first within a kind.
      rows.sort((a, b) => CREDENTIAL_TYPES.indexOf(a.type) - CREDENTIAL_TYPES.indexOf(b.type) || b.issuedAt.getTime() - a.issuedAt.getTime())
      return { items: rows.map((r) => summarize(s.crypto, r, now)) }
    },
  )

  app.post(
    '/api/wallet/credentials/:id/present',
    {
      config: { auth: 'citizen', level: 'L3' },
      schema: {
        tags,
        summary: '亮证: a signed presentation code (compact JWS, ES256, ≤ 442 characters: QR version 19 at ECC Q, valid 60 s) with only the chosen fields; needs a face check within 30 minutes. DISCLOSURE_TOO_LONG carries suggestedDisclosure, the largest part of the choice that fits',
        params: IdParams,
        body: PresentBody,
        response: { 200: PresentResponse, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const now = s.now()
      const cond = await holderCondition(request.db, request)
      const [row] = await request.db.select().from(credentials).where(and(cond, eq(credentials.id, request.params.id)))
      if (!row) throw new ApiError(404, 'CREDENTIAL_NOT_FOUND')
      const status = statusOf(row, now)
      if (status === 'revoked') throw new ApiError(409, 'CREDENTIAL_REVOKED')
      if (status === 'expired') throw new ApiError(409, 'CREDENTIAL_EXPIRED')
      const disclosed = disclosedClaims(row.type, readFields(s.crypto, row), request.body.disclose, now)
      if (!disclosed.ok) throw new ApiError(400, 'DISCLOSURE_NOT_ALLOWED', undefined, 'disclose')
      const claims = presentationClaims(row, disclosed.claims)
      const code = await s.codes.sign('cred', claims, { now, ttlSeconds: PRESENT_TTL_S, db: request.db })
      if (code.length > CODE_MAX_CHARS) {
        // Propose the largest part of the choice that fits. Header and signature keep their size,
        // so each candidate's length is exact without signing it.
        const [head, body, sig] = code.split('.')
        const signed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Record<string, unknown>
        const fields = readFields(s.crypto, row)
        const fits = (subset: FieldKey[]): boolean => {
          const d = disclosedClaims(row.type, fields, subset, now)
          if (!d.ok) return false
          const len = Buffer.from(JSON.stringify({ ...signed, d: d.claims })).toString('base64url').length
          return head.length + 1 + len + 1 + sig.length <= CODE_MAX_CHARS
        }
        const suggestedDisclosure = largestFittingDisclosure(request.body.disclose as FieldKey[], fits)
        throw new ApiError(422, 'DISCLOSURE_TOO_LONG', undefined, 'disclose', { suggestedDisclosure })
      }
      await audit(request.db, request, 'wallet.present', now, { credentialId: row.id, disclosed: request.body.disclose })
      const iat = Math.floor(now.getTime() / 1000)
      return {
        code,
        issuedAt: new Date(iat * 1000).toISOString(),
        expiresAt: new Date((iat + PRESENT_TTL_S) * 1000).toISOString(),
        refreshAfterSeconds: PRESENT_REFRESH_S,
      }
    },
  )

  app.get(
    '/api/wallet/revocations',
    { schema: { tags, summary: 'Revoked credentials (compact ids as in codes): the list offline verifiers cache. Public.', response: { 200: RevocationListResponse } } },
    async (request, reply) => {
      const now = s.now()
      const rows = await request.db.select({ cid: credentials.cid, revokedAt: credentials.revokedAt }).from(credentials).where(isNotNull(credentials.revokedAt)).orderBy(credentials.revokedAt)
      reply.header('cache-control', `public, max-age=${REVOCATIONS_MAX_AGE_S}`)
      return { items: rows.filter((r) => r.revokedAt!.getTime() <= now.getTime()).map((r) => ({ cid: r.cid, revokedAt: r.revokedAt!.toISOString() })), fetchedAt: now.toISOString() }
    },
  )

  app.get(
    '/api/wallet/verifications',
    { config: { auth: 'citizen', level: 'L2' }, schema: { tags, summary: '谁查验了我的证照: verifications of my credentials (staff masked)', response: { 200: MyVerificationsResponse, ...errorResponses(401, 403) } } },
    async (request) => {
      const cond = await holderCondition(request.db, request)
      const rows = await request.db
        .select({ v: credentialVerifications, type: credentials.type, staffName: staffAccounts.displayName })
        .from(credentialVerifications)
        .innerJoin(credentials, eq(credentials.id, credentialVerifications.credentialId))
        .innerJoin(staffAccounts, eq(staffAccounts.id, credentialVerifications.staffId))
        .where(cond)
        .orderBy(desc(credentialVerifications.verifiedAt))
        .limit(100)
      return {
        items: rows.map((r) => ({
          id: r.v.id,
          credentialId: r.v.credentialId!,
          credentialType: r.type,
          verifiedAt: r.v.verifiedAt.toISOString(),
          result: r.v.result,
          mode: r.v.mode,
          verifier: maskName(r.staffName),
          disclosed: r.v.disclosed.filter(isFieldKey),
        })),
      }
    },
  )

  app.get(
    '/api/staff/wallet/status',
    { config: { auth: 'staff', roles: ['window', 'admin'] }, schema: { tags, summary: 'Live status of a credential (online check after the offline verdict)', querystring: CredentialStatusQuery, response: { 200: CredentialStatusResponse, ...errorResponses(400, 401, 403) } } },
    async (request) => {
      const [row] = await request.db.select().from(credentials).where(eq(credentials.cid, request.query.cid))
      if (!row) return { cid: request.query.cid, status: 'unknown' as const }
      return { cid: row.cid, status: statusOf(row, s.now()), ...(row.revokedAt ? { revokedAt: row.revokedAt.toISOString() } : {}) }
    },
  )

  app.post(
    '/api/staff/wallet/verifications',
    {
      config: { auth: 'staff', roles: ['window', 'admin'] },
      schema: {
        tags,
        summary: 'Record verifications (also those made offline, uploaded later). The server re-checks each code at its verification time, believed only after the scanner’s last sync (POST /api/staff/wallet/sync) and the code’s iat and not after the upload, else unverifiable; the same clientId is stored once.',
        body: VerificationUploadBody,
        response: { 200: VerificationUploadResponse, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const now = s.now()
      const staffId = request.staff!.staffId
      const synced = await lastSync(request.db, staffId)
      const items: { clientId: string; result: VerifyResultCode }[] = []
      for (const rec of request.body.records) {
        const at = new Date(rec.verifiedAt)
        // Authenticity is judged at the code's own issue time (so a record uploaded hours later
        // still proves which credential it was); validity at the moment of verification.
        const payload = payloadOf(rec.code)
        const iat = typeof payload?.iat === 'number' ? payload.iat : 0
        // The claimed moment is believed only between what the server can vouch for: after this
        // scanner last had the keys and revocations from us, after the code was issued, and not
        // after this upload (issue 20). Otherwise an expired code could be "verified" earlier.
        const bounded = synced !== undefined && at.getTime() >= synced.getTime() && at.getTime() >= iat * 1000 && at.getTime() <= now.getTime() + UPLOAD_SKEW_MS
        const checked = await s.codes.verify(rec.code, { now: new Date(iat * 1000), kind: 'cred', db: request.db })
        let result: VerifyResultCode
        let credentialId: string | null = null
        let disclosed: FieldKey[] = []
        let jti: string | null = null
        if (!checked.ok) {
          result = checked.reason
        } else {
          const claims = checked.claims
          jti = claims.jti
          const d = claims.d
          disclosed = d && typeof d === 'object' ? Object.keys(d).filter(isFieldKey) : []
          const [cred] = typeof claims.cid === 'string' ? await request.db.select().from(credentials).where(eq(credentials.cid, claims.cid)) : []
          credentialId = cred?.id ?? null
          const t = at.getTime() / 1000
          if (!bounded) result = 'unverifiable'
          else if (claims.exp <= t) result = 'expired'
          else if (!cred || (cred.revokedAt && cred.revokedAt.getTime() <= at.getTime())) result = 'revoked'
          else result = 'valid'
        }
        const [inserted] = await request.db
          .insert(credentialVerifications)
          .values({ staffId, clientId: rec.clientId, credentialId, jti, kid: checked.ok ? checked.kid : (checked.kid ?? null), result, deviceResult: rec.result, mode: rec.mode, disclosed, verifiedAt: at, uploadedAt: now })
          .onConflictDoNothing()
          .returning({ result: credentialVerifications.result })
        if (inserted) items.push({ clientId: rec.clientId, result })
        else {
          const [prev] = await request.db.select({ result: credentialVerifications.result }).from(credentialVerifications).where(and(eq(credentialVerifications.staffId, staffId), eq(credentialVerifications.clientId, rec.clientId)))
          items.push({ clientId: rec.clientId, result: prev.result })
        }
      }
      return { items }
    },
  )

  app.post(
    '/api/staff/wallet/credentials/:id/revoke',
    { config: { auth: 'staff', roles: ['admin'] }, schema: { tags, summary: 'Revoke a credential (admin): reported lost, withdrawn', params: IdParams, body: Type.Object({ reason: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false }), response: { 200: OkResponse, ...errorResponses(400, 401, 403, 404) } } },
    async (request) => {
      const now = s.now()
      const [row] = await request.db.select({ id: credentials.id }).from(credentials).where(eq(credentials.id, request.params.id))
      if (!row) throw new ApiError(404, 'CREDENTIAL_NOT_FOUND')
      await revokeCredential(request.db, row.id, request.body.reason, now)
      await audit(request.db, request, 'wallet.revoke', now, { credentialId: row.id })
      return { ok: true as const }
    },
  )
}
