// The wallet's rules: issuing, revoking, reading and masking credentials (other areas issue
// through `issueCredential`, e.g. a benefit approval when a case is approved, inside their own
// transaction), and what the wallet routes do: the holder's cards, 亮证 codes, the revocation
// list, and the staff side (live status, verification records, revoking). Queries: repo.ts.
import { randomUUID } from 'node:crypto'
import type { FastifyRequest } from 'fastify'
import { maskAddress, maskIdNumber, maskName } from '../../../src/domain/mask'
import {
  CREDENTIAL_DEFS,
  CREDENTIAL_TYPES,
  PRESENT_CODE_MAX_CHARS,
  chinaDay,
  compactId,
  disclosedClaims,
  fromBase64Url,
  isFieldKey,
  largestFittingDisclosure,
  utf8Decode,
  type CredentialType,
  type FieldKey,
  type VerifyResultCode,
} from '../../../src/domain/wallet/types'
import type {
  CredentialListResponse,
  CredentialStatus,
  CredentialStatusResponse,
  CredentialSummary,
  MyVerificationsResponse,
  PresentResponse,
  RevocationListResponse,
  VerificationUploadBody,
  VerificationUploadResponse,
} from '../../../src/domain/contract/wallet'
import type { FieldCrypto } from '../crypto'
import type { DbOrTx } from '../db/client'
import { ApiError } from '../errors'
import { audit, type CitizenIdentity } from '../identity/auth'
import type { Services } from '../context'
import { lastSync, revokedBy } from '../staff/repo'
import * as repo from './repo'
import type { CredentialRow, Holder } from './repo'

export type { CredentialRow } from './repo'
export type CredentialFields = Partial<Record<FieldKey, string>>

/** Issuing authorities of the stand-in city (data, like the seeded registries). */
export const ISSUERS: Record<Exclude<CredentialType, 'bn'>, string> = {
  ssc: '宁波市人力资源和社会保障局',
  dl: '宁波市公安局交通警察局',
  rp: '宁波市公安局',
  pc: '宁波市自然资源和规划局',
  bl: '宁波市市场监督管理局',
}
/** The issuer claim in codes: the GB/T 2260 code of the issuing city (short, stable). */
export const ISSUER_REGION = '330200'

export class WalletError extends Error {
  constructor(readonly code: 'HOLDER_NOT_FOUND' | 'BAD_FIELDS') {
    super(code)
  }
}

export interface IssueInput {
  /** A citizen's account (must have passed real name) … */
  holderAccountId?: string
  /** … or the registry citizen directly … */
  holderCitizenId?: string
  /** … or an enterprise. Exactly one of the three. */
  enterpriseId?: string
  type: CredentialType
  fields: CredentialFields
  /** Benefit approvals: what was approved (e.g. 高龄津贴). */
  title?: string
  /** Defaults to the type's issuing authority. */
  issuer?: string
  /** YYYY-MM-DD; null/absent = no end date. */
  validUntil?: string | null
  sourceCaseId?: string
  issuedAt: Date
  /** Optional fixed id (seeding). */
  id?: string
}

function uuidv4(): string {
  return randomUUID()
}

/**
 * Issue a credential inside the caller's transaction. A licence of a kind the holder already has
 * (all types but benefit approvals) replaces the old one: the old one is revoked first, so the
 * partial unique index (one live licence per kind) holds. Returns the new credential's id.
 *
 *   await issueCredential(request.db, s.crypto, { holderAccountId, type: 'bn', title: '高龄津贴',
 *     fields: { ttl: '高龄津贴', n: name, no: caseNo }, sourceCaseId, issuedAt: s.now() })
 */
export async function issueCredential(db: DbOrTx, crypto: FieldCrypto, input: IssueInput): Promise<{ id: string; cid: string }> {
  const holders = [input.holderAccountId, input.holderCitizenId, input.enterpriseId].filter((x) => x !== undefined)
  if (holders.length !== 1) throw new WalletError('HOLDER_NOT_FOUND')
  let holderCitizenId: string | null = input.holderCitizenId ?? null
  if (input.holderAccountId) {
    holderCitizenId = (await repo.citizenOfAccount(db, input.holderAccountId, { liveOnly: true })) ?? null
    if (!holderCitizenId) throw new WalletError('HOLDER_NOT_FOUND')
  }
  const enterpriseId = input.enterpriseId ?? null
  const def = CREDENTIAL_DEFS[input.type]
  if (def.enterprise !== (enterpriseId !== null)) throw new WalletError('HOLDER_NOT_FOUND')
  for (const k of Object.keys(input.fields)) if (!def.fields.includes(k as FieldKey)) throw new WalletError('BAD_FIELDS')

  if (input.type !== 'bn' && input.type !== 'pc') {
    await repo.revokeOfType(db, holderCitizenId ? { citizenId: holderCitizenId } : { enterpriseId: enterpriseId! }, input.type, input.issuedAt, 'reissued')
  }
  const id = input.id ?? uuidv4()
  const cid = compactId(id)
  await repo.insertCredentials(db, [{
    id,
    cid,
    type: input.type,
    holderCitizenId,
    enterpriseId,
    title: input.title ?? null,
    issuer: input.issuer ?? (input.type === 'bn' ? '宁波市人民政府' : ISSUERS[input.type]),
    fieldsEnc: crypto.encrypt(JSON.stringify(input.fields)),
    validUntil: input.validUntil ?? null,
    sourceCaseId: input.sourceCaseId ?? null,
    issuedAt: input.issuedAt,
  }])
  return { id, cid }
}

/** Revoke (lost, withdrawn, …): from now on codes of it verify as `revoked`. Idempotent. */
export async function revokeCredential(db: DbOrTx, id: string, reason: string, at: Date): Promise<boolean> {
  return repo.revoke(db, id, reason, at)
}

/** The claims of a 亮证 code. Short names keep the QR small: cid credential, t type, iss issuing city, d disclosed. */
export function presentationClaims(row: Pick<CredentialRow, 'cid' | 'type'>, disclosed: Record<string, unknown>): Record<string, unknown> {
  return { cid: row.cid, t: row.type, iss: ISSUER_REGION, d: disclosed }
}

export function readFields(crypto: FieldCrypto, row: CredentialRow): CredentialFields {
  return JSON.parse(crypto.decrypt(row.fieldsEnc)) as CredentialFields
}

export function statusOf(row: Pick<CredentialRow, 'revokedAt' | 'validUntil'>, at: Date): CredentialStatus {
  if (row.revokedAt && row.revokedAt.getTime() <= at.getTime()) return 'revoked'
  if (row.validUntil && row.validUntil < chinaDay(at)) return 'expired'
  return 'active'
}

/** A number shown in a list: the last 4 characters only. */
function maskNumber(v: string): string {
  const chars = Array.from(v)
  if (chars.length <= 4) return '*'.repeat(chars.length)
  return '*'.repeat(Math.min(chars.length - 4, 8)) + chars.slice(-4).join('')
}

export function maskField(key: FieldKey, value: string): string {
  switch (key) {
    case 'n':
    case 'rep':
      return maskName(value)
    case 'id':
      return maskIdNumber(value)
    case 'addr':
      return maskAddress(value)
    case 'no':
    case 'uscc':
      return maskNumber(value)
    case 'bd':
      return `${value.slice(0, 4)}-**-**`
    default:
      return value
  }
}

/** Keys this credential can disclose now: derived ages only when a birth date is on it. */
export function disclosableKeys(type: CredentialType, fields: CredentialFields): FieldKey[] {
  return CREDENTIAL_DEFS[type].disclosable.filter((k) => (k === 'a18' || k === 'a60' ? Boolean(fields.bd) : fields[k] !== undefined))
}

export function summarize(crypto: FieldCrypto, row: CredentialRow, at: Date): CredentialSummary {
  const fields = readFields(crypto, row)
  const def = CREDENTIAL_DEFS[row.type]
  return {
    id: row.id,
    type: row.type,
    ...(row.title ? { title: row.title } : {}),
    issuer: row.issuer,
    status: statusOf(row, at),
    issuedAt: row.issuedAt.toISOString(),
    validUntil: row.validUntil,
    // A company's name on its own 营业执照 is a public registration fact, not a person's name: shown whole.
    fields: def.fields.filter((k) => k !== 'bd' && fields[k] !== undefined).map((k) => ({ key: k, value: def.enterprise && k === 'n' ? fields[k]! : maskField(k, fields[k]!) })),
    disclosable: disclosableKeys(row.type, fields),
  }
}


// ---- what the wallet routes do -------------------------------------------------------------

/** A code is good for 60 s; the app asks for a new one every 30 s so one is always fresh. */
export const PRESENT_TTL_S = 60
export const PRESENT_REFRESH_S = 30
/** A 亮证 code must fit QR version 19 at ECC Q (see PRESENT_CODE_MAX_CHARS). */
export const CODE_MAX_CHARS = PRESENT_CODE_MAX_CHARS
/** A scanner's clock a few seconds ahead of ours is still "at upload" (online scans). */
const UPLOAD_SKEW_MS = 5_000

/** Whose credentials the acting identity holds: the person's own, or the enterprise's. */
async function holderOf(db: DbOrTx, c: CitizenIdentity): Promise<Holder> {
  if (c.acting.kind === 'proxy') throw new ApiError(403, 'WALLET_PROXY_NOT_ALLOWED')
  if (c.acting.kind === 'enterprise') return { enterpriseId: c.acting.forId! }
  const citizenId = await repo.citizenOfAccount(db, c.accountId)
  if (!citizenId) throw new ApiError(403, 'CREDENTIAL_HOLDER_NOT_FOUND')
  return { citizenId }
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

export function createWalletService(s: Pick<Services, 'crypto' | 'codes' | 'now'>) {
  async function list(db: DbOrTx, c: CitizenIdentity): Promise<CredentialListResponse> {
    const holder = await holderOf(db, c)
    const now = s.now()
    // Revoked cards (replaced or reported lost) stay out of the wallet; expired ones show as such.
    const rows = await repo.liveCredentials(db, holder)
    // 电子社保卡 first, then the other licences in the catalogue's order, newest first within a kind.
    rows.sort((a, b) => CREDENTIAL_TYPES.indexOf(a.type) - CREDENTIAL_TYPES.indexOf(b.type) || b.issuedAt.getTime() - a.issuedAt.getTime())
    return { items: rows.map((r) => summarize(s.crypto, r, now)) }
  }

  /** 亮证: a signed code with only the chosen fields, or the largest part of the choice that fits. */
  async function present(db: DbOrTx, request: FastifyRequest, id: string, disclose: string[]): Promise<PresentResponse> {
    const now = s.now()
    const holder = await holderOf(db, request.citizen!)
    const row = await repo.heldCredential(db, holder, id)
    if (!row) throw new ApiError(404, 'CREDENTIAL_NOT_FOUND')
    const status = statusOf(row, now)
    if (status === 'revoked') throw new ApiError(409, 'CREDENTIAL_REVOKED')
    if (status === 'expired') throw new ApiError(409, 'CREDENTIAL_EXPIRED')
    const disclosed = disclosedClaims(row.type, readFields(s.crypto, row), disclose, now)
    if (!disclosed.ok) throw new ApiError(400, 'DISCLOSURE_NOT_ALLOWED', undefined, 'disclose')
    const claims = presentationClaims(row, disclosed.claims)
    const code = await s.codes.sign('cred', claims, { now, ttlSeconds: PRESENT_TTL_S, db })
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
      const suggestedDisclosure = largestFittingDisclosure(disclose as FieldKey[], fits)
      throw new ApiError(422, 'DISCLOSURE_TOO_LONG', undefined, 'disclose', { suggestedDisclosure })
    }
    await audit(db, request, 'wallet.present', now, { credentialId: row.id, disclosed: disclose })
    const iat = Math.floor(now.getTime() / 1000)
    return {
      code,
      issuedAt: new Date(iat * 1000).toISOString(),
      expiresAt: new Date((iat + PRESENT_TTL_S) * 1000).toISOString(),
      refreshAfterSeconds: PRESENT_REFRESH_S,
    }
  }

  /** Credentials revoked by now: the list offline verifiers cache. */
  async function revocations(db: DbOrTx): Promise<RevocationListResponse> {
    const now = s.now()
    const rows = await revokedBy(db, now)
    return { items: rows.map((r) => ({ cid: r.cid, revokedAt: r.revokedAt.toISOString() })), fetchedAt: now.toISOString() }
  }

  /** 谁查验了我的证照 (officers' names masked). */
  async function verifications(db: DbOrTx, c: CitizenIdentity): Promise<MyVerificationsResponse> {
    const rows = await repo.verificationsOf(db, await holderOf(db, c))
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
  }

  async function liveStatus(db: DbOrTx, cid: string): Promise<CredentialStatusResponse> {
    const row = await repo.credentialByCid(db, cid)
    if (!row) return { cid, status: 'unknown' as const }
    return { cid: row.cid, status: statusOf(row, s.now()), ...(row.revokedAt ? { revokedAt: row.revokedAt.toISOString() } : {}) }
  }

  /**
   * Record verifications, also those made offline and uploaded later: each code is re-checked at
   * its verification time, believed only within what the server can vouch for.
   */
  async function upload(db: DbOrTx, staffId: string, records: VerificationUploadBody['records']): Promise<VerificationUploadResponse> {
    const now = s.now()
    const synced = await lastSync(db, staffId)
    const items: { clientId: string; result: VerifyResultCode }[] = []
    for (const rec of records) {
      const at = new Date(rec.verifiedAt)
      // Authenticity is judged at the code's own issue time (so a record uploaded hours later
      // still proves which credential it was); validity at the moment of verification.
      const payload = payloadOf(rec.code)
      const iat = typeof payload?.iat === 'number' ? payload.iat : 0
      // The claimed moment is believed only between what the server can vouch for: after this
      // scanner last had the keys and revocations from us, after the code was issued, and not
      // after this upload (issue 20). Otherwise an expired code could be "verified" earlier.
      const bounded = synced !== undefined && at.getTime() >= synced.getTime() && at.getTime() >= iat * 1000 && at.getTime() <= now.getTime() + UPLOAD_SKEW_MS
      const checked = await s.codes.verify(rec.code, { now: new Date(iat * 1000), kind: 'cred', db })
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
        const cred = typeof claims.cid === 'string' ? await repo.credentialByCid(db, claims.cid) : undefined
        credentialId = cred?.id ?? null
        const t = at.getTime() / 1000
        if (!bounded) result = 'unverifiable'
        else if (claims.exp <= t) result = 'expired'
        else if (!cred || (cred.revokedAt && cred.revokedAt.getTime() <= at.getTime())) result = 'revoked'
        else result = 'valid'
      }
      const inserted = await repo.insertVerification(db, { staffId, clientId: rec.clientId, credentialId, jti, kid: checked.ok ? checked.kid : (checked.kid ?? null), result, deviceResult: rec.result, mode: rec.mode, disclosed, verifiedAt: at, uploadedAt: now })
      // The same clientId is stored once: a second upload answers the first verdict.
      items.push({ clientId: rec.clientId, result: inserted ?? (await repo.storedVerificationResult(db, staffId, rec.clientId)) })
    }
    return { items }
  }

  /** Revoke a credential (admin): reported lost, withdrawn. */
  async function revoke(db: DbOrTx, request: FastifyRequest, id: string, reason: string): Promise<void> {
    const now = s.now()
    const row = await repo.credentialById(db, id)
    if (!row) throw new ApiError(404, 'CREDENTIAL_NOT_FOUND')
    await revokeCredential(db, row.id, reason, now)
    await audit(db, request, 'wallet.revoke', now, { credentialId: row.id })
  }

  return { list, present, revocations, verifications, liveStatus, upload, revoke }
}
