// Whose records a request may read, and the access log (谁查询了我的数据). Other areas may call
// logAccess() when they read a citizen's records too.
import { createHash } from 'node:crypto'
import { and, eq, isNull } from 'drizzle-orm'
import type { FastifyRequest } from 'fastify'
import type { AccessAction, RecordArea } from '../../../src/domain/contract/records'
import { validateIdNumber } from '../../../src/domain/idNumber'
import { mandateAllows, type DataScope } from '../../../src/domain/mandate'
import type { DbOrTx } from '../db/client'
import { accessLog, accounts, authSessions, citizens, mandates } from '../db/schema'
import type { FieldCrypto } from '../crypto'
import { ApiError } from '../errors'
import type { CitizenIdentity } from '../identity/auth'
import type { SubjectRef } from './source'

/** Catalog items whose mandate also lets a proxy read an area (besides the area's category). */
export const AREA_ITEMS: Record<RecordArea, readonly string[]> = {
  social_security: ['33020020002001000', '33020020002002000'],
  provident_fund: ['33020020004009000'],
  property: ['33020020005012000'],
}

/** The mandate data scope (src/domain/mandate.ts) that lets a proxy read an area. */
export const AREA_SCOPE: Record<RecordArea, DataScope> = { social_security: 'socialSecurity', provident_fund: 'housingFund', property: 'property' }

export interface Subject {
  citizenId: string
  name: string
  acting: 'self' | 'proxy'
  mandateId: string | null
  ref: SubjectRef
}

/**
 * The person whose `area` records the current identity may read: themself, or the grantor of a
 * mandate that covers the area (its data scope or one of the area's catalog items). Enterprise
 * identities read no personal records.
 */
export async function resolveSubject(db: DbOrTx, crypto: FieldCrypto, c: CitizenIdentity, area: RecordArea): Promise<Subject> {
  let idHmac: string | null = null
  let mandateId: string | null = null
  if (c.acting.kind === 'enterprise') throw new ApiError(403, 'RECORDS_SCOPE')
  if (c.acting.kind === 'proxy') {
    const [m] = await db.select().from(mandates).where(eq(mandates.id, c.acting.id!))
    const covers = m && (mandateAllows(m, { dataScope: AREA_SCOPE[area] }) || m.itemCodes.some((code) => AREA_ITEMS[area].includes(code)))
    if (!covers) throw new ApiError(403, 'MANDATE_SCOPE')
    mandateId = m.id
    if (m.grantorId) {
      const [g] = await db.select({ h: accounts.idNumberHmac }).from(accounts).where(and(eq(accounts.id, m.grantorId), isNull(accounts.deletedAt)))
      idHmac = g?.h ?? null
    } else idHmac = m.grantorIdNumberHmac
  } else {
    const [a] = await db.select({ h: accounts.idNumberHmac }).from(accounts).where(eq(accounts.id, c.accountId))
    idHmac = a?.h ?? null
  }
  if (!idHmac) throw new ApiError(404, 'RECORDS_SUBJECT_UNKNOWN')
  const acting = mandateId ? ('proxy' as const) : ('self' as const)
  const [p] = await db.select().from(citizens).where(eq(citizens.idNumberHmac, idHmac))
  if (p) {
    return { citizenId: p.id, name: p.name, acting, mandateId, ref: { citizenId: p.id, birthDate: p.birthDate, sex: p.sex, idNumber: () => crypto.decrypt(p.idNumberEnc) } }
  }
  // No population-registry row (production never seeds one): the person as their verified account
  // knows them, real name and ID number checked against the identity registry at L2.
  const [a] = await db
    .select({ name: accounts.realNameEnc, id: accounts.idNumberEnc })
    .from(accounts)
    .where(and(eq(accounts.idNumberHmac, idHmac), isNull(accounts.deletedAt)))
  const idNumber = a?.id ? crypto.decrypt(a.id) : undefined
  const checked = idNumber ? validateIdNumber(idNumber) : undefined
  if (!a?.name || !checked?.ok) throw new ApiError(404, 'RECORDS_SUBJECT_UNKNOWN')
  const citizenId = personKey(idHmac)
  return {
    citizenId,
    name: crypto.decrypt(a.name),
    acting,
    mandateId,
    ref: { citizenId, birthDate: checked.value.birthDate, sex: checked.value.sex, idNumber: () => checked.value.idNumber },
  }
}

/**
 * A stable id (UUID form) for a person known only by their ID number's index: their access log and
 * proofs stay theirs across accounts (a deleted and re-registered account keeps the history).
 */
export function personKey(idHmac: string): string {
  const h = createHash('sha256').update(`records-person:${idHmac}`).digest('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((parseInt(h[16], 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`
}

/** The channel of the request's session (weapp / alipay / h5), or 'api' without one. */
export async function channelOf(db: DbOrTx, request: FastifyRequest): Promise<string> {
  const sessionId = request.citizen?.sessionId ?? request.staff?.sessionId
  if (!sessionId) return 'api'
  const [s] = await db.select({ channel: authSessions.channel }).from(authSessions).where(eq(authSessions.id, sessionId))
  return s?.channel ?? 'unknown'
}

export interface AccessEntryInput {
  citizenId: string
  action: AccessAction
  at: Date
  proofId?: string | null
  mandateId?: string | null
  /** Who it was when the request itself carries no identity (a download link names its holder). */
  as?: { who: 'self' | 'proxy' | 'staff'; actorId: string }
  detail?: { department?: string; material?: string; caseNumber?: string }
}

/** Record a read of a citizen's data by whoever made `request` (citizen, proxy, staff or nobody). */
export async function logAccess(db: DbOrTx, request: FastifyRequest, e: AccessEntryInput): Promise<void> {
  const c = request.citizen
  const s = request.staff
  const who = c ? (c.acting.kind === 'proxy' ? 'proxy' : c.acting.kind === 'enterprise' ? 'enterprise' : 'self') : s ? 'staff' : (e.as?.who ?? 'public')
  await db.insert(accessLog).values({
    at: e.at,
    citizenId: e.citizenId,
    who,
    actorId: c?.accountId ?? s?.staffId ?? e.as?.actorId ?? null,
    mandateId: e.mandateId ?? (c?.acting.kind === 'proxy' ? c.acting.id : null),
    action: e.action,
    proofId: e.proofId ?? null,
    channel: await channelOf(db, request),
    detail: e.detail ?? {},
  })
}
