// Acting for someone else: as an enterprise (legal representative or authorised operator) or
// under a 代办 mandate. The session holds the acting identity; a new access token carries it;
// every action is audited against both the person and whom they acted for.
import { and, desc, eq, inArray, isNull, or } from 'drizzle-orm'
import {
  AddOperatorBody,
  AuditResponse,
  CreateMandateBody,
  CreatedResponse,
  EnterprisesResponse,
  IdParams,
  MANDATE_MAX_DAYS,
  MandatesResponse,
  OkResponse,
  OperatorParams,
  OperatorsResponse,
  PaperMandateBody,
  SwitchActingBody,
  TokenResponse,
} from '../../../src/domain/contract'
import { maskName, maskPhone, validateIdNumber } from '../../../src/domain'
import { isMandateCategory, mandateAllows, type MandateTarget } from '../../../src/domain/mandate'
import { validation } from '../../../src/domain/messages/zh-CN/validation'
import type { DbOrTx } from '../db/client'
import { accounts, auditLog, authSessions, citizens, enterpriseOperators, enterprises, mandates } from '../db/schema'
import { ApiError } from '../errors'
import type { IdentityServices } from '../identity'
import { actingFor, audit, isLegalRep, type CitizenIdentity } from '../identity/auth'
import { DAY } from '../identity/rate'
import { reissue } from '../identity/sessions'
import { parsePhone } from '../identity/accounts'
import { errorResponses, type App, type Services } from './context'
import { iso } from '../dates'

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
  const [m] = await db.select().from(mandates).where(eq(mandates.id, mandateId))
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

export function actingRoutes(app: App, s: Services, id: IdentityServices): void {
  const tags = ['identity']

  async function realNamedAccountByPhone(db: DbOrTx, phone: string) {
    const [a] = await db
      .select()
      .from(accounts)
      .where(and(eq(accounts.phoneHmac, s.crypto.index(phone)), isNull(accounts.deletedAt)))
    return a && a.idNumberHmac ? a : undefined
  }

  async function myMandate(db: DbOrTx, accountId: string, mandateId: string) {
    const [m] = await db
      .select()
      .from(mandates)
      .where(and(eq(mandates.id, mandateId), or(eq(mandates.grantorId, accountId), eq(mandates.granteeId, accountId))))
    return m
  }

  app.get(
    '/api/me/enterprises',
    { config: { level: 'L2' }, schema: { tags, summary: 'Enterprises I may act for (legal representative or operator)', response: { 200: EnterprisesResponse, ...errorResponses(401, 403) } } },
    async (request) => {
      const c = request.citizen!
      const db = request.db
      const reps = await db
        .select({ id: enterprises.id, uscc: enterprises.uscc, name: enterprises.name })
        .from(enterprises)
        .innerJoin(citizens, eq(citizens.id, enterprises.legalRepCitizenId))
        .innerJoin(accounts, eq(accounts.idNumberHmac, citizens.idNumberHmac))
        .where(and(eq(accounts.id, c.accountId), eq(enterprises.status, 'active')))
      const ops = await db
        .select({ id: enterprises.id, uscc: enterprises.uscc, name: enterprises.name })
        .from(enterpriseOperators)
        .innerJoin(enterprises, eq(enterprises.id, enterpriseOperators.enterpriseId))
        .where(and(eq(enterpriseOperators.accountId, c.accountId), isNull(enterpriseOperators.revokedAt)))
      return { items: [...reps.map((e) => ({ ...e, role: 'legal_rep' as const })), ...ops.map((e) => ({ ...e, role: 'operator' as const }))] }
    },
  )

  app.post(
    '/api/me/acting',
    { config: { level: 'L2' }, schema: { tags, summary: 'Switch the acting identity (self / enterprise / proxy); returns a new token pair', body: SwitchActingBody, response: { 200: TokenResponse, ...errorResponses(400, 401, 403) } } },
    async (request) => {
      const now = s.now()
      const c = request.citizen!
      const { kind } = request.body
      const target = kind === 'self' ? null : (request.body.id ?? null)
      const acting = await actingFor(request.db, c.accountId, kind, target, now)
      if (!acting) throw new ApiError(403, kind === 'enterprise' ? 'ENTERPRISE_NOT_AUTHORIZED' : 'MANDATE_INVALID')
      await request.db.update(authSessions).set({ actingKind: kind, actingId: target }).where(eq(authSessions.id, c.sessionId))
      request.citizen = { ...c, acting }
      await audit(request.db, request, 'acting.switch', now, { kind })
      return reissue(request.db, id.signer, c.sessionId, now)
    },
  )

  app.get(
    '/api/enterprises/:id/operators',
    { config: { level: 'L2' }, schema: { tags, summary: 'Operators of my enterprise (legal representative only)', params: IdParams, response: { 200: OperatorsResponse, ...errorResponses(401, 403, 404) } } },
    async (request) => {
      const c = request.citizen!
      if (!(await isLegalRep(request.db, c.accountId, request.params.id))) throw new ApiError(404, 'NOT_FOUND_OR_FORBIDDEN')
      const rows = await request.db
        .select({ op: enterpriseOperators, a: accounts })
        .from(enterpriseOperators)
        .innerJoin(accounts, eq(accounts.id, enterpriseOperators.accountId))
        .where(eq(enterpriseOperators.enterpriseId, request.params.id))
        .orderBy(desc(enterpriseOperators.createdAt))
      return {
        items: rows.map(({ op, a }) => ({
          id: op.id,
          name: a.realNameEnc ? maskName(s.crypto.decrypt(a.realNameEnc)) : '',
          phone: a.phoneEnc ? maskPhone(s.crypto.decrypt(a.phoneEnc)) : '',
          createdAt: iso(op.createdAt),
          revoked: op.revokedAt !== null,
        })),
      }
    },
  )

  app.post(
    '/api/enterprises/:id/operators',
    { config: { level: 'L3' }, schema: { tags, summary: 'Authorise a real-named citizen as operator (legal representative only; L3)', params: IdParams, body: AddOperatorBody, response: { 201: OkResponse, ...errorResponses(400, 401, 403, 404, 409) } } },
    async (request, reply) => {
      const now = s.now()
      const c = request.citizen!
      if (!(await isLegalRep(request.db, c.accountId, request.params.id))) throw new ApiError(404, 'NOT_FOUND_OR_FORBIDDEN')
      const grantee = await realNamedAccountByPhone(request.db, parsePhone(request.body.phone))
      if (!grantee) throw new ApiError(404, 'GRANTEE_NOT_FOUND', undefined, 'phone')
      if (grantee.id === c.accountId) throw new ApiError(400, 'GRANTEE_SELF', undefined, 'phone')
      const [dup] = await request.db
        .select({ id: enterpriseOperators.id })
        .from(enterpriseOperators)
        .where(and(eq(enterpriseOperators.enterpriseId, request.params.id), eq(enterpriseOperators.accountId, grantee.id), isNull(enterpriseOperators.revokedAt)))
      if (dup) throw new ApiError(409, 'OPERATOR_EXISTS', undefined, 'phone')
      await request.db.insert(enterpriseOperators).values({ enterpriseId: request.params.id, accountId: grantee.id, grantedBy: c.accountId, createdAt: now })
      await audit(request.db, request, 'enterprise.operator_added', now, { enterpriseId: request.params.id })
      reply.code(201)
      return { ok: true as const }
    },
  )

  app.post(
    '/api/enterprises/:id/operators/:operatorId/revoke',
    { config: { level: 'L2' }, schema: { tags, summary: 'Withdraw an operator authorisation', params: OperatorParams, response: { 200: OkResponse, ...errorResponses(401, 403, 404) } } },
    async (request) => {
      const now = s.now()
      const c = request.citizen!
      if (!(await isLegalRep(request.db, c.accountId, request.params.id))) throw new ApiError(404, 'NOT_FOUND_OR_FORBIDDEN')
      const rows = await request.db
        .update(enterpriseOperators)
        .set({ revokedAt: now })
        .where(and(eq(enterpriseOperators.id, request.params.operatorId), eq(enterpriseOperators.enterpriseId, request.params.id), isNull(enterpriseOperators.revokedAt)))
        .returning({ id: enterpriseOperators.id })
      if (rows.length === 0) throw new ApiError(404, 'NOT_FOUND_OR_FORBIDDEN')
      await audit(request.db, request, 'enterprise.operator_revoked', now, { enterpriseId: request.params.id })
      return { ok: true as const }
    },
  )

  app.get(
    '/api/me/mandates',
    { config: { auth: 'citizen' }, schema: { tags, summary: 'Mandates I gave and received (我的授权)', response: { 200: MandatesResponse, ...errorResponses(401) } } },
    async (request) => {
      const c = request.citizen!
      const rows = await request.db
        .select()
        .from(mandates)
        .where(or(eq(mandates.grantorId, c.accountId), eq(mandates.granteeId, c.accountId)))
        .orderBy(desc(mandates.createdAt))
      const others = [...new Set(rows.map((m) => (m.grantorId === c.accountId ? m.granteeId : m.grantorId)).filter((x): x is string => Boolean(x)))]
      const names = new Map<string, string>()
      if (others.length > 0) {
        for (const a of await request.db.select({ id: accounts.id, n: accounts.realNameEnc }).from(accounts).where(inArray(accounts.id, others))) {
          names.set(a.id, a.n ? maskName(s.crypto.decrypt(a.n)) : '')
        }
      }
      return {
        items: rows.map((m) => {
          const given = m.grantorId === c.accountId
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
    },
  )

  app.post(
    '/api/me/mandates',
    { config: { level: 'L3' }, schema: { tags, summary: 'Grant a 代办 mandate (items or categories, ≤ 90 days; L3)', body: CreateMandateBody, response: { 201: CreatedResponse, ...errorResponses(400, 401, 403, 404) } } },
    async (request, reply) => {
      const now = s.now()
      const c = request.citizen!
      const sc = scope(request.body.itemCodes, request.body.categories)
      const endsAt = mandateEnd(request.body.endsAt, now)
      const grantee = await realNamedAccountByPhone(request.db, parsePhone(request.body.granteePhone, 'granteePhone'))
      if (!grantee) throw new ApiError(404, 'GRANTEE_NOT_FOUND', undefined, 'granteePhone')
      if (grantee.id === c.accountId) throw new ApiError(400, 'GRANTEE_SELF', undefined, 'granteePhone')
      const [m] = await request.db.insert(mandates).values({ grantorId: c.accountId, granteeId: grantee.id, ...sc, endsAt, createdAt: now }).returning({ id: mandates.id })
      await audit(request.db, request, 'mandate.granted', now, { mandateId: m.id })
      reply.code(201)
      return { id: m.id }
    },
  )

  app.post(
    '/api/agent/mandates',
    {
      config: { level: 'L2' },
      schema: { tags, summary: 'Village agent (代办员): register a signed paper mandate (委托书 photo, JPEG/PNG)', body: PaperMandateBody, response: { 201: CreatedResponse, ...errorResponses(400, 401, 403, 404) } },
    },
    async (request, reply) => {
      const now = s.now()
      const c = request.citizen!
      const [me] = await request.db.select().from(accounts).where(eq(accounts.id, c.accountId))
      if (!me.isVillageAgent) throw new ApiError(403, 'NOT_VILLAGE_AGENT')
      const sc = scope(request.body.itemCodes, request.body.categories)
      const endsAt = mandateEnd(request.body.endsAt, now)
      const checked = validateIdNumber(request.body.grantorIdNumber, now)
      if (!checked.ok) throw new ApiError(400, 'ID_NUMBER_INVALID', validation.idNumber[checked.error], 'grantorIdNumber')
      const name = request.body.grantorName.trim()
      const verdict = await id.registry.check(name, checked.value.idNumber, { db: request.db }).catch(() => {
        throw new ApiError(503, 'REGISTRY_UNAVAILABLE')
      })
      if (verdict !== 'match') throw new ApiError(400, verdict === 'not_found' ? 'ID_NOT_FOUND' : 'NAME_MISMATCH', undefined, verdict === 'not_found' ? 'grantorIdNumber' : 'grantorName')
      const bytes = Buffer.from(request.body.documentBase64, 'base64')
      const type = imageType(bytes)
      if (!type) throw new ApiError(400, 'DOCUMENT_TYPE', undefined, 'document')
      const idHmac = s.crypto.index(checked.value.idNumber)
      // If the grantor has an account too, link it so they see the mandate and can revoke it.
      const [grantorAccount] = await request.db.select({ id: accounts.id }).from(accounts).where(and(eq(accounts.idNumberHmac, idHmac), isNull(accounts.deletedAt)))
      const [m] = await request.db
        .insert(mandates)
        .values({
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
        .returning({ id: mandates.id })
      await audit(request.db, request, 'mandate.paper_registered', now, { mandateId: m.id })
      reply.code(201)
      return { id: m.id }
    },
  )

  app.post(
    '/api/me/mandates/:id/revoke',
    { config: { auth: 'citizen' }, schema: { tags, summary: 'Revoke a mandate at once (grantor, or the grantee giving it up)', params: IdParams, response: { 200: OkResponse, ...errorResponses(401, 404) } } },
    async (request) => {
      const now = s.now()
      const c = request.citizen!
      const m = await myMandate(request.db, c.accountId, request.params.id)
      if (!m) throw new ApiError(404, 'NOT_FOUND_OR_FORBIDDEN')
      await request.db.update(mandates).set({ revokedAt: now }).where(and(eq(mandates.id, m.id), isNull(mandates.revokedAt)))
      // Sessions acting under it drop back to self on their next request (auth hook); do it now too.
      await request.db.update(authSessions).set({ actingKind: 'self', actingId: null }).where(and(eq(authSessions.actingKind, 'proxy'), eq(authSessions.actingId, m.id)))
      await audit(request.db, request, 'mandate.revoked', now, { mandateId: m.id })
      return { ok: true as const }
    },
  )

  app.get(
    '/api/me/mandates/:id/actions',
    { config: { auth: 'citizen' }, schema: { tags, summary: 'Everything done under a mandate (grantor and grantee see it)', params: IdParams, response: { 200: AuditResponse, ...errorResponses(401, 404) } } },
    async (request) => {
      const c = request.citizen!
      const m = await myMandate(request.db, c.accountId, request.params.id)
      if (!m) throw new ApiError(404, 'NOT_FOUND_OR_FORBIDDEN')
      const rows = await request.db
        .select({ at: auditLog.at, action: auditLog.action, n: accounts.realNameEnc })
        .from(auditLog)
        .innerJoin(accounts, eq(accounts.id, auditLog.actorId))
        .where(eq(auditLog.mandateId, m.id))
        .orderBy(desc(auditLog.at))
      return { items: rows.map((r) => ({ at: iso(r.at), action: r.action, actor: r.n ? maskName(s.crypto.decrypt(r.n)) : '' })) }
    },
  )
}
