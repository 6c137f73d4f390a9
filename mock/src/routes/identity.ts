// Real name (L2), real person (L3), the account overview, devices, consent, export and deletion.
import { randomBytes } from 'node:crypto'
import { and, desc, eq, gt, isNull, or } from 'drizzle-orm'
import {
  ConsentBody,
  ConsentsResponse,
  DeleteAccountBody,
  FaceCompleteBody,
  FaceStartBody,
  FaceStartResponse,
  IdParams,
  LevelResponse,
  MeResponse,
  OkResponse,
  RealNameBody,
  SessionsResponse,
} from '../../../src/domain/contract'
import { maskIdNumber, maskName, maskPhone, validateIdNumber } from '../../../src/domain'
import { api } from '../../../src/domain/messages/zh-CN/api'
import { validation } from '../../../src/domain/messages/zh-CN/validation'
import type { FieldCrypto } from '../crypto'
import type { DbOrTx } from '../db/client'
import { accounts, auditLog, authSessions, consents, enterpriseOperators, enterprises, identityTickets, mandates, miniBindings } from '../db/schema'
import { ApiError } from '../errors'
import type { IdentityServices } from '../identity'
import { L3_MAX_AGE, audit, committedError, type Acting } from '../identity/auth'
import { FaceError, type FaceMethod } from '../identity/face'
import { sha256 } from '../identity/mini'
import { DAY, HOUR, chinaDayStart, countEvents, lockKey, recordEvent } from '../identity/rate'
import { revokeAll, revokeSession } from '../identity/sessions'
import { iso } from '../dates'
import { errorResponses, type App, type Services } from './context'

export const REAL_NAME_DAILY_MISMATCHES = 5
export const FACE_FLOW_TTL = HOUR
/** Deletion must follow an export within this time. */
export const EXPORT_FRESH = DAY
export const CONSENT_VERSIONS = { privacy_policy: '2026-11', face: '2026-11', id_processing: '2026-11' } as const

const NAME = /^[\u3400-\u9fff\uf900-\ufaff\u{20000}-\u{2ffff}·•]{2,30}$/u


export async function hasConsent(db: DbOrTx, accountId: string, kind: 'face' | 'id_processing' | 'privacy_policy'): Promise<boolean> {
  const [latest] = await db
    .select({ granted: consents.granted })
    .from(consents)
    .where(and(eq(consents.accountId, accountId), eq(consents.kind, kind)))
    .orderBy(desc(consents.at))
    .limit(1)
  return latest?.granted === true
}

export async function actingLabel(db: DbOrTx, crypto: FieldCrypto, acting: Acting, selfName: string | null): Promise<string> {
  if (acting.kind === 'enterprise' && acting.id) {
    const [e] = await db.select({ name: enterprises.name }).from(enterprises).where(eq(enterprises.id, acting.id))
    return e?.name ?? ''
  }
  if (acting.kind === 'proxy' && acting.id) {
    const [m] = await db.select().from(mandates).where(eq(mandates.id, acting.id))
    if (m?.grantorNameEnc) return maskName(crypto.decrypt(m.grantorNameEnc))
    if (m?.grantorId) {
      const [g] = await db.select({ n: accounts.realNameEnc }).from(accounts).where(eq(accounts.id, m.grantorId))
      return g?.n ? maskName(crypto.decrypt(g.n)) : ''
    }
  }
  return selfName ? maskName(selfName) : '本人'
}

export function identityRoutes(app: App, s: Services, id: IdentityServices): void {
  const tags = ['identity']

  app.get(
    '/api/me',
    { config: { auth: 'citizen' }, schema: { tags, summary: 'The signed-in citizen: level, masked real name, acting identity', response: { 200: MeResponse, ...errorResponses(401) } } },
    async (request) => {
      const c = request.citizen!
      const [a] = await request.db.select().from(accounts).where(eq(accounts.id, c.accountId))
      const name = a.realNameEnc ? s.crypto.decrypt(a.realNameEnc) : null
      return {
        accountId: a.id,
        phone: maskPhone(s.crypto.decrypt(a.phoneEnc!)),
        level: c.level,
        reauthRequired: c.reauthRequired,
        realName: name && a.idNumberEnc ? { name: maskName(name), idNumber: maskIdNumber(s.crypto.decrypt(a.idNumberEnc)) } : null,
        acting: { kind: c.acting.kind, id: c.acting.id, label: await actingLabel(request.db, s.crypto, c.acting, name) },
        isVillageAgent: a.isVillageAgent,
      }
    },
  )

  app.post(
    '/api/identity/real-name',
    {
      config: { auth: 'citizen' },
      schema: { tags, summary: 'Real-name check (L2): name + ID number against the identity registry; ≤ 5 mismatches per day', body: RealNameBody, response: { 200: LevelResponse, ...errorResponses(400, 401, 403, 409, 429, 503) } },
    },
    async (request, reply) => {
      const now = s.now()
      const db = request.db
      const c = request.citizen!
      await lockKey(db, `real-name:${c.accountId}`)
      const [a] = await db.select().from(accounts).where(eq(accounts.id, c.accountId))
      if (a.idNumberHmac) throw new ApiError(409, 'REAL_NAME_ALREADY')
      if (!(await hasConsent(db, c.accountId, 'id_processing'))) throw new ApiError(403, 'CONSENT_REQUIRED', api.identity.consentIdProcessing)
      const failKey = `real-name-fail:${c.accountId}`
      if ((await countEvents(db, failKey, chinaDayStart(now), true)).n >= REAL_NAME_DAILY_MISMATCHES) throw new ApiError(429, 'REAL_NAME_DAILY_LIMIT')

      const name = request.body.name.trim().replace(/[•・]/g, '·')
      if (!NAME.test(name)) throw new ApiError(400, 'NAME_INVALID', undefined, 'name')
      const checked = validateIdNumber(request.body.idNumber, now)
      if (!checked.ok) throw new ApiError(400, 'ID_NUMBER_INVALID', validation.idNumber[checked.error], 'idNumber')
      const idNumber = checked.value.idNumber
      const idHmac = s.crypto.index(idNumber)

      let result
      try {
        result = await id.registry.check(name, idNumber, { db })
      } catch (err) {
        request.log.warn({ err }, 'identity registry unavailable')
        throw new ApiError(503, 'REGISTRY_UNAVAILABLE')
      }
      if (result !== 'match') {
        await recordEvent(db, failKey, now)
        return committedError(reply, new ApiError(400, result === 'not_found' ? 'ID_NOT_FOUND' : 'NAME_MISMATCH', undefined, result === 'not_found' ? 'idNumber' : 'name'))
      }
      // Two accounts claiming one ID number at once: the second waits here and then sees the first.
      await lockKey(db, `id-number:${idHmac}`)
      const [other] = await db.select({ id: accounts.id }).from(accounts).where(and(eq(accounts.idNumberHmac, idHmac), isNull(accounts.deletedAt)))
      if (other) throw new ApiError(409, 'ID_NUMBER_BOUND', undefined, 'idNumber')
      await db
        .update(accounts)
        .set({ realNameEnc: s.crypto.encrypt(name), idNumberEnc: s.crypto.encrypt(idNumber), idNumberHmac: idHmac, realNameAt: now })
        .where(eq(accounts.id, c.accountId))
      await db.update(authSessions).set({ authAt: now }).where(eq(authSessions.id, c.sessionId))
      await audit(db, request, 'identity.real_name', now)
      return { level: 'L2' as const }
    },
  )

  app.post(
    '/api/identity/face/start',
    {
      config: { level: 'L2' },
      schema: { tags, summary: 'Start a real-person check (L3); the client runs the face UI with `clientToken`', body: FaceStartBody, response: { 200: FaceStartResponse, ...errorResponses(400, 401, 403, 503) } },
    },
    async (request) => {
      const now = s.now()
      const db = request.db
      const c = request.citizen!
      if (!(await hasConsent(db, c.accountId, 'face'))) throw new ApiError(403, 'CONSENT_REQUIRED', api.identity.consentFace)
      const method = request.body.method as FaceMethod
      const provider = id.face[method]
      if (!provider) throw new ApiError(400, 'FACE_CHANNEL_UNSUPPORTED', undefined, 'method')
      const [a] = await db.select().from(accounts).where(eq(accounts.id, c.accountId))
      let openid: string | undefined
      if (method === 'wechat') {
        const [b] = await db.select().from(miniBindings).where(and(eq(miniBindings.accountId, c.accountId), eq(miniBindings.platform, 'weapp'))).limit(1)
        if (!b) throw new ApiError(400, 'FACE_CHANNEL_UNSUPPORTED', undefined, 'method')
        openid = s.crypto.decrypt(b.openidEnc)
      }
      const outSeqNo = `zj${randomBytes(12).toString('hex')}`
      const subject = { name: s.crypto.decrypt(a.realNameEnc!), idNumber: s.crypto.decrypt(a.idNumberEnc!), openid, outSeqNo }
      let started
      try {
        started = await provider.start(subject, now)
      } catch (e) {
        if (e instanceof FaceError && e.kind === 'refused') throw new ApiError(403, 'STAND_IN_REFUSED')
        if (e instanceof FaceError) throw new ApiError(503, 'FACE_UNAVAILABLE')
        throw e
      }
      const flowId = randomBytes(24).toString('base64url')
      await db.insert(identityTickets).values({
        kind: 'face',
        secretHash: sha256(flowId),
        accountId: c.accountId,
        data: { method, outSeqNo, state: started.state, sessionId: c.sessionId },
        expiresAt: new Date(now.getTime() + FACE_FLOW_TTL),
        createdAt: now,
      })
      return { flowId, method: request.body.method, clientToken: started.clientToken, ...(started.clientUrl ? { clientUrl: started.clientUrl } : {}), expiresInSeconds: FACE_FLOW_TTL / 1000 }
    },
  )

  app.post(
    '/api/identity/face/complete',
    {
      config: { level: 'L2' },
      schema: { tags, summary: 'Finish a real-person check: the server asks the provider for the result (L3 for 30 minutes)', body: FaceCompleteBody, response: { 200: LevelResponse, ...errorResponses(400, 401, 403, 404, 503) } },
    },
    async (request, reply) => {
      const now = s.now()
      const db = request.db
      const c = request.citizen!
      const [flow] = await db
        .update(identityTickets)
        .set({ usedAt: now })
        .where(
          and(
            eq(identityTickets.secretHash, sha256(request.body.flowId)),
            eq(identityTickets.kind, 'face'),
            eq(identityTickets.accountId, c.accountId),
            isNull(identityTickets.usedAt),
            gt(identityTickets.expiresAt, now),
          ),
        )
        .returning()
      if (!flow) throw new ApiError(404, 'FACE_FLOW_INVALID')
      const d = flow.data as { method: FaceMethod; outSeqNo: string; state: Record<string, string>; sessionId: string }
      const provider = id.face[d.method]
      if (!provider) throw new ApiError(404, 'FACE_FLOW_INVALID')
      const [a] = await db.select().from(accounts).where(eq(accounts.id, c.accountId))
      let openid: string | undefined
      if (d.method === 'wechat') {
        const [b] = await db.select().from(miniBindings).where(and(eq(miniBindings.accountId, c.accountId), eq(miniBindings.platform, 'weapp'))).limit(1)
        openid = b ? s.crypto.decrypt(b.openidEnc) : undefined
      }
      let passed
      try {
        passed = await provider.passed({ name: s.crypto.decrypt(a.realNameEnc!), idNumber: s.crypto.decrypt(a.idNumberEnc!), openid, outSeqNo: d.outSeqNo }, d.state, now, request.body.standInProof)
      } catch (e) {
        if (e instanceof FaceError && e.kind === 'refused') throw new ApiError(403, 'STAND_IN_REFUSED')
        if (e instanceof FaceError) throw new ApiError(503, 'FACE_UNAVAILABLE')
        throw e
      }
      await audit(db, request, passed ? 'identity.face_passed' : 'identity.face_failed', now, { method: d.method })
      // The flow is spent either way (committed), so a failed result cannot be retried blindly.
      if (!passed) return committedError(reply, new ApiError(400, 'FACE_FAILED'))
      await db.update(authSessions).set({ l3At: now }).where(eq(authSessions.id, c.sessionId))
      return { level: 'L3' as const, validUntil: iso(new Date(now.getTime() + L3_MAX_AGE)) }
    },
  )

  app.get(
    '/api/me/sessions',
    { config: { auth: 'citizen' }, schema: { tags, summary: 'Signed-in devices (账号与安全)', response: { 200: SessionsResponse, ...errorResponses(401) } } },
    async (request) => {
      const c = request.citizen!
      const rows = await request.db
        .select()
        .from(authSessions)
        .where(and(eq(authSessions.audience, 'citizen'), eq(authSessions.subjectId, c.accountId), isNull(authSessions.revokedAt)))
        .orderBy(desc(authSessions.lastActiveAt))
      return {
        items: rows.map((r) => ({ id: r.id, device: r.device, channel: r.channel, createdAt: iso(r.createdAt), lastActiveAt: iso(r.lastActiveAt), current: r.id === c.sessionId })),
      }
    },
  )

  app.post(
    '/api/me/sessions/:id/revoke',
    { config: { auth: 'citizen' }, schema: { tags, summary: 'Sign one device out', params: IdParams, response: { 200: OkResponse, ...errorResponses(401, 404) } } },
    async (request) => {
      const c = request.citizen!
      const [row] = await request.db
        .select({ id: authSessions.id })
        .from(authSessions)
        .where(and(eq(authSessions.id, request.params.id), eq(authSessions.audience, 'citizen'), eq(authSessions.subjectId, c.accountId)))
      if (!row) throw new ApiError(404, 'NOT_FOUND_OR_FORBIDDEN')
      await revokeSession(request.db, row.id, 'revoked_by_user', s.now())
      return { ok: true as const }
    },
  )

  app.get(
    '/api/me/consents',
    { config: { auth: 'citizen' }, schema: { tags, summary: 'Consent records, newest first', response: { 200: ConsentsResponse, ...errorResponses(401) } } },
    async (request) => {
      const rows = await request.db.select().from(consents).where(eq(consents.accountId, request.citizen!.accountId)).orderBy(desc(consents.at))
      return { items: rows.map((r) => ({ kind: r.kind, version: r.version, granted: r.granted, at: iso(r.at) })) }
    },
  )

  app.post(
    '/api/me/consents',
    { config: { auth: 'citizen' }, schema: { tags, summary: 'Give or withdraw a consent (privacy policy, face, ID processing)', body: ConsentBody, response: { 200: OkResponse, ...errorResponses(400, 401) } } },
    async (request) => {
      const now = s.now()
      await request.db.insert(consents).values({ accountId: request.citizen!.accountId, kind: request.body.kind, version: request.body.version, granted: request.body.granted, at: now })
      await audit(request.db, request, `consent.${request.body.kind}.${request.body.granted ? 'granted' : 'withdrawn'}`, now)
      return { ok: true as const }
    },
  )

  app.get(
    '/api/me/export',
    { config: { auth: 'citizen' }, schema: { tags, summary: 'Everything stored about me (JSON; ID numbers masked)' } },
    async (request, reply) => {
      const now = s.now()
      const c = request.citizen!
      const db = request.db
      const [a] = await db.select().from(accounts).where(eq(accounts.id, c.accountId))
      const sessions = await db.select().from(authSessions).where(and(eq(authSessions.audience, 'citizen'), eq(authSessions.subjectId, c.accountId)))
      const consentRows = await db.select().from(consents).where(eq(consents.accountId, c.accountId))
      const mandateRows = await db.select().from(mandates).where(or(eq(mandates.grantorId, c.accountId), eq(mandates.granteeId, c.accountId)))
      const operatorRows = await db.select().from(enterpriseOperators).where(eq(enterpriseOperators.accountId, c.accountId))
      const bindings = await db.select({ platform: miniBindings.platform, createdAt: miniBindings.createdAt }).from(miniBindings).where(eq(miniBindings.accountId, c.accountId))
      const actions = await db.select().from(auditLog).where(eq(auditLog.actorId, c.accountId)).orderBy(desc(auditLog.at)).limit(1000)
      await audit(db, request, 'account.export', now)
      reply.header('content-disposition', 'attachment; filename="zhijian-my-data.json"')
      return {
        exportedAt: iso(now),
        account: {
          id: a.id,
          phone: s.crypto.decrypt(a.phoneEnc!),
          realName: a.realNameEnc ? s.crypto.decrypt(a.realNameEnc) : null,
          // Masked even here: an export file travels; the full number is on the person's own ID card.
          idNumber: a.idNumberEnc ? maskIdNumber(s.crypto.decrypt(a.idNumberEnc)) : null,
          realNameAt: a.realNameAt ? iso(a.realNameAt) : null,
          createdAt: iso(a.createdAt),
        },
        miniProgramBindings: bindings.map((b) => ({ platform: b.platform, createdAt: iso(b.createdAt) })),
        sessions: sessions.map((r) => ({ device: r.device, channel: r.channel, createdAt: iso(r.createdAt), lastActiveAt: iso(r.lastActiveAt), revokedAt: r.revokedAt ? iso(r.revokedAt) : null })),
        consents: consentRows.map((r) => ({ kind: r.kind, version: r.version, granted: r.granted, at: iso(r.at) })),
        mandates: mandateRows.map((m) => ({ id: m.id, direction: m.grantorId === c.accountId ? 'given' : 'received', itemCodes: m.itemCodes, categories: m.categories, endsAt: iso(m.endsAt), revokedAt: m.revokedAt ? iso(m.revokedAt) : null })),
        enterpriseOperatorRoles: operatorRows.map((o) => ({ enterpriseId: o.enterpriseId, createdAt: iso(o.createdAt), revokedAt: o.revokedAt ? iso(o.revokedAt) : null })),
        actions: actions.map((x) => ({ at: iso(x.at), action: x.action, actingKind: x.actingKind })),
      }
    },
  )

  app.post(
    '/api/me/delete',
    { config: { auth: 'citizen' }, schema: { tags, summary: 'Delete the account (注销); requires an export within 24 h', body: DeleteAccountBody, response: { 200: OkResponse, ...errorResponses(400, 401, 409) } } },
    async (request) => {
      const now = s.now()
      const db = request.db
      const c = request.citizen!
      const [exported] = await db
        .select({ at: auditLog.at })
        .from(auditLog)
        .where(and(eq(auditLog.actorId, c.accountId), eq(auditLog.action, 'account.export'), gt(auditLog.at, new Date(now.getTime() - EXPORT_FRESH))))
        .limit(1)
      if (!exported) throw new ApiError(409, 'EXPORT_REQUIRED')
      await audit(db, request, 'account.delete', now)
      // Personal data goes; the row stays (audit entries refer to it) without anything identifying.
      await db
        .update(accounts)
        .set({ deletedAt: now, phoneEnc: null, phoneHmac: null, realNameEnc: null, idNumberEnc: null, idNumberHmac: null })
        .where(eq(accounts.id, c.accountId))
      await db.delete(miniBindings).where(eq(miniBindings.accountId, c.accountId))
      await db.update(mandates).set({ revokedAt: now }).where(and(or(eq(mandates.grantorId, c.accountId), eq(mandates.granteeId, c.accountId)), isNull(mandates.revokedAt)))
      await db.update(enterpriseOperators).set({ revokedAt: now }).where(and(eq(enterpriseOperators.accountId, c.accountId), isNull(enterpriseOperators.revokedAt)))
      await revokeAll(db, c.accountId, 'account_deleted', now)
      return { ok: true as const }
    },
  )
}
