// Acting for someone else, the rules: as an enterprise (legal representative or authorised
// operator) or under a 代办 mandate. The session holds the acting identity; a new access token
// carries it; every action is audited against both the person and whom they acted for.
import type { FastifyRequest } from 'fastify'
import {
  MANDATE_MAX_DAYS,
  type AddOperatorBody,
  type AuditResponse,
  type CreateMandateBody,
  type EnterprisesResponse,
  type MandatesResponse,
  type OperatorsResponse,
  type PaperMandateBody,
  type SwitchActingBody,
  type TokenResponse,
} from '../../../src/domain/contract'
import { maskName, maskPhone, validateIdNumber } from '../../../src/domain'
import { isMandateCategory, mandateAllows, type MandateTarget } from '../../../src/domain/mandate'
import { validation } from '../../../src/domain/messages/zh-CN/validation'
import type { FieldCrypto } from '../crypto'
import { iso } from '../dates'
import type { DbOrTx } from '../db/client'
import { ApiError } from '../errors'
import type { IdentityServices } from '../identity'
import { parsePhone } from '../identity/accounts'
import { actingFor, audit, isLegalRep, type Acting, type CitizenIdentity } from '../identity/auth'
import { DAY } from '../identity/rate'
import { accountByIdNumber } from '../identity/repo'
import { reissue } from '../identity/sessions'
import type { Services } from '../context'
import * as repo from './repo'

/** Image type by its first bytes, never by what the client says it is. */
export function imageType(bytes: Buffer): 'image/jpeg' | 'image/png' | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg'
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png'
  return undefined
}

function mandateEnd(raw: string, now: Date): Date {
  const end = new Date(raw)
  if (Number.isNaN(end.getTime()) || end <= now || end.getTime() > now.getTime() + MANDATE_MAX_DAYS * DAY) throw new ApiError(400, 'MANDATE_END_INVALID', undefined, 'endsAt')
  return end
}

function scope(itemCodes: string[], categories: string[]): { itemCodes: string[]; categories: string[] } {
  const i = [...new Set(itemCodes.map((x) => x.trim()).filter(Boolean))]
  const c = [...new Set(categories.map((x) => x.trim()).filter(Boolean))]
  if (i.length + c.length === 0) throw new ApiError(400, 'MANDATE_SCOPE_EMPTY', undefined, 'itemCodes')
  if (!c.every(isMandateCategory)) throw new ApiError(400, 'MANDATE_CATEGORY_UNKNOWN', undefined, 'categories')
  return { itemCodes: i, categories: c }
}

/** May this mandate be used for `target`? (See src/domain/mandate.ts.) */
export async function mandateCovers(db: DbOrTx, mandateId: string, target: MandateTarget): Promise<boolean> {
  const m = await repo.mandate(db, mandateId)
  return Boolean(m && mandateAllows(m, target))
}

/**
 * For every service route that acts for someone: under a 代办 mandate the target must be in its
 * scope, else 403 MANDATE_SCOPE. Self and enterprise identities pass (their own checks apply).
 */
export async function assertActingScope(db: DbOrTx, citizen: CitizenIdentity, target: MandateTarget): Promise<void> {
  if (citizen.acting.kind !== 'proxy') return
  if (!citizen.acting.id || !(await mandateCovers(db, citizen.acting.id, target))) throw new ApiError(403, 'MANDATE_SCOPE')
}

/** Whom the citizen acts as, for the app's header: the enterprise, the masked grantor, or themself. */
export async function actingLabel(db: DbOrTx, crypto: FieldCrypto, acting: Acting, selfName: string | null): Promise<string> {
  if (acting.kind === 'enterprise' && acting.id) return (await repo.enterpriseName(db, acting.id)) ?? ''
  if (acting.kind === 'proxy' && acting.id) {
    const m = await repo.mandate(db, acting.id)
    if (m?.grantorNameEnc) return maskName(crypto.decrypt(m.grantorNameEnc))
    if (m?.grantorId) {
      const [g] = await repo.realNames(db, [m.grantorId])
      return g?.n ? maskName(crypto.decrypt(g.n)) : ''
    }
  }
  return selfName ? maskName(selfName) : '本人'
}

export function createActingService(s: Services, id: IdentityServices) {
  const maskedName = (enc: string | null | undefined) => (enc ? maskName(s.crypto.decrypt(enc)) : '')

  async function grantee(db: DbOrTx, rawPhone: string, field: string, selfId: string) {
    const a = await repo.realNamedAccountByPhone(db, s.crypto.index(parsePhone(rawPhone, field)))
    if (!a) throw new ApiError(404, 'GRANTEE_NOT_FOUND', undefined, field)
    if (a.id === selfId) throw new ApiError(400, 'GRANTEE_SELF', undefined, field)
    return a
  }

  /** Only the enterprise's legal representative manages its operators; others learn nothing. */
  async function mustBeLegalRep(db: DbOrTx, accountId: string, enterpriseId: string): Promise<void> {
    if (!(await isLegalRep(db, accountId, enterpriseId))) throw new ApiError(404, 'NOT_FOUND_OR_FORBIDDEN')
  }

  async function enterprisesOf(db: DbOrTx, accountId: string): Promise<EnterprisesResponse> {
    const reps = await repo.legalRepEnterprises(db, accountId)
    const ops = await repo.operatorEnterprises(db, accountId)
    return { items: [...reps.map((e) => ({ ...e, role: 'legal_rep' as const })), ...ops.map((e) => ({ ...e, role: 'operator' as const }))] }
  }

  /** Switches the session's acting identity and answers a token pair carrying it. */
  async function switchActing(db: DbOrTx, request: FastifyRequest, body: SwitchActingBody): Promise<TokenResponse> {
    const now = s.now()
    const c = request.citizen!
    const { kind } = body
    const target = kind === 'self' ? null : (body.id ?? null)
    const acting = await actingFor(db, c.accountId, kind, target, now)
    if (!acting) throw new ApiError(403, kind === 'enterprise' ? 'ENTERPRISE_NOT_AUTHORIZED' : 'MANDATE_INVALID')
    await repo.setSessionActing(db, c.sessionId, kind, target)
    // The switch is audited as the new identity.
    request.citizen = { ...c, acting }
    await audit(db, request, 'acting.switch', now, { kind })
    return reissue(db, id.signer, c.sessionId, now)
  }

  async function operators(db: DbOrTx, accountId: string, enterpriseId: string): Promise<OperatorsResponse> {
    await mustBeLegalRep(db, accountId, enterpriseId)
    const rows = await repo.operatorsOf(db, enterpriseId)
    return {
      items: rows.map(({ op, a }) => ({
        id: op.id,
        name: maskedName(a.realNameEnc),
        phone: a.phoneEnc ? maskPhone(s.crypto.decrypt(a.phoneEnc)) : '',
        createdAt: iso(op.createdAt),
        revoked: op.revokedAt !== null,
      })),
    }
  }

  async function addOperator(db: DbOrTx, request: FastifyRequest, enterpriseId: string, body: AddOperatorBody): Promise<void> {
    const now = s.now()
    const c = request.citizen!
    await mustBeLegalRep(db, c.accountId, enterpriseId)
    const g = await grantee(db, body.phone, 'phone', c.accountId)
    if (await repo.isLiveOperator(db, enterpriseId, g.id)) throw new ApiError(409, 'OPERATOR_EXISTS', undefined, 'phone')
    await repo.addOperator(db, { enterpriseId, accountId: g.id, grantedBy: c.accountId, createdAt: now })
    await audit(db, request, 'enterprise.operator_added', now, { enterpriseId })
  }

  async function revokeOperator(db: DbOrTx, request: FastifyRequest, enterpriseId: string, operatorId: string): Promise<void> {
    const now = s.now()
    await mustBeLegalRep(db, request.citizen!.accountId, enterpriseId)
    if (!(await repo.revokeOperator(db, enterpriseId, operatorId, now))) throw new ApiError(404, 'NOT_FOUND_OR_FORBIDDEN')
    await audit(db, request, 'enterprise.operator_revoked', now, { enterpriseId })
  }

  async function mandates(db: DbOrTx, accountId: string): Promise<MandatesResponse> {
    const rows = await repo.mandatesOf(db, accountId)
    const others = [...new Set(rows.map((m) => (m.grantorId === accountId ? m.granteeId : m.grantorId)).filter((x): x is string => Boolean(x)))]
    const names = new Map<string, string>()
    for (const a of await repo.realNames(db, others)) names.set(a.id, maskedName(a.n))
    return {
      items: rows.map((m) => {
        const given = m.grantorId === accountId
        const counterpart = given ? names.get(m.granteeId) : m.grantorNameEnc ? maskName(s.crypto.decrypt(m.grantorNameEnc)) : names.get(m.grantorId ?? '')
        return {
          id: m.id,
          direction: given ? ('given' as const) : ('received' as const),
          counterpart: counterpart ?? '',
          itemCodes: m.itemCodes,
          categories: m.categories,
          endsAt: iso(m.endsAt),
          createdAt: iso(m.createdAt),
          revoked: m.revokedAt !== null,
          paper: m.documentType !== null,
        }
      }),
    }
  }

  /** A 代办 mandate to a real-named citizen: items or categories, ≤ MANDATE_MAX_DAYS. */
  async function grantMandate(db: DbOrTx, request: FastifyRequest, body: CreateMandateBody): Promise<{ id: string }> {
    const now = s.now()
    const c = request.citizen!
    const sc = scope(body.itemCodes, body.categories)
    const endsAt = mandateEnd(body.endsAt, now)
    const g = await grantee(db, body.granteePhone, 'granteePhone', c.accountId)
    const mandateId = await repo.insertMandate(db, { grantorId: c.accountId, granteeId: g.id, ...sc, endsAt, createdAt: now })
    await audit(db, request, 'mandate.granted', now, { mandateId })
    return { id: mandateId }
  }

  /** A village agent registers a signed paper mandate (委托书 photo) from a grantor the registry knows. */
  async function registerPaperMandate(db: DbOrTx, request: FastifyRequest, body: PaperMandateBody): Promise<{ id: string }> {
    const now = s.now()
    const c = request.citizen!
    if (!(await repo.isVillageAgent(db, c.accountId))) throw new ApiError(403, 'NOT_VILLAGE_AGENT')
    const sc = scope(body.itemCodes, body.categories)
    const endsAt = mandateEnd(body.endsAt, now)
    const checked = validateIdNumber(body.grantorIdNumber, now)
    if (!checked.ok) throw new ApiError(400, 'ID_NUMBER_INVALID', validation.idNumber[checked.error], 'grantorIdNumber')
    const name = body.grantorName.trim()
    const verdict = await id.registry.check(name, checked.value.idNumber, { db }).catch(() => {
      throw new ApiError(503, 'REGISTRY_UNAVAILABLE')
    })
    if (verdict !== 'match') throw new ApiError(400, verdict === 'not_found' ? 'ID_NOT_FOUND' : 'NAME_MISMATCH', undefined, verdict === 'not_found' ? 'grantorIdNumber' : 'grantorName')
    const bytes = Buffer.from(body.documentBase64, 'base64')
    const type = imageType(bytes)
    if (!type) throw new ApiError(400, 'DOCUMENT_TYPE', undefined, 'document')
    const idHmac = s.crypto.index(checked.value.idNumber)
    // If the grantor has an account too, link it so they see the mandate and can revoke it.
    const grantorAccount = await accountByIdNumber(db, idHmac)
    const mandateId = await repo.insertMandate(db, {
      grantorId: grantorAccount?.id ?? null,
      grantorIdNumberHmac: idHmac,
      grantorNameEnc: s.crypto.encrypt(name),
      granteeId: c.accountId,
      ...sc,
      endsAt,
      createdAt: now,
      documentType: type,
      document: bytes,
    })
    await audit(db, request, 'mandate.paper_registered', now, { mandateId })
    return { id: mandateId }
  }

  /** The grantor revokes, or the grantee gives it up; it stops at once. */
  async function revokeMandate(db: DbOrTx, request: FastifyRequest, mandateId: string): Promise<void> {
    const now = s.now()
    const m = await repo.mandateOf(db, request.citizen!.accountId, mandateId)
    if (!m) throw new ApiError(404, 'NOT_FOUND_OR_FORBIDDEN')
    await repo.revokeMandate(db, m.id, now)
    await audit(db, request, 'mandate.revoked', now, { mandateId: m.id })
  }

  async function mandateActions(db: DbOrTx, accountId: string, mandateId: string): Promise<AuditResponse> {
    const m = await repo.mandateOf(db, accountId, mandateId)
    if (!m) throw new ApiError(404, 'NOT_FOUND_OR_FORBIDDEN')
    const rows = await repo.mandateActions(db, m.id)
    return { items: rows.map((r) => ({ at: iso(r.at), action: r.action, actor: maskedName(r.n) })) }
  }

  return { enterprisesOf, switchActing, operators, addOperator, revokeOperator, mandates, grantMandate, registerPaperMandate, revokeMandate, mandateActions }
}

export type ActingService = ReturnType<typeof createActingService>
