// The one authentication + assurance-level hook. A route declares what it needs in its config:
//   { config: { auth: 'citizen', level: 'L2' } }   or   { config: { auth: 'staff', roles: ['admin'] } }
// `level` alone implies a citizen. The session row is the source of truth on every request
// (revocation, acting identity, level), so logout and mandate revocation act at once.
import { and, eq, gt, isNull, sql } from 'drizzle-orm'
import type { FastifyReply, FastifyRequest, preValidationHookHandler, RouteOptions } from 'fastify'
import { api } from '../../../src/domain/messages/zh-CN/api'
import type { Db, DbOrTx } from '../db/client'
import { accounts, auditLog, authSessions, citizens, enterpriseOperators, enterprises, mandates, staffAccounts } from '../db/schema'
import { ApiError, toErrorBody } from '../errors'
import { textCheck } from '../guard'
import { deferInsert } from '../idempotency'
import { HOUR, MINUTE } from './rate'
import type { App } from '../context'
import type { AccessClaims, Audience, TokenSigner } from './tokens'

export const LEVELS = ['L1', 'L2', 'L3'] as const
export type Level = (typeof LEVELS)[number]
export const STAFF_ROLES = ['window', 'approver', 'admin'] as const
export type StaffRole = (typeof STAFF_ROLES)[number]

/** ASVS 3.3.2: L2 needs re-authentication after 12 h, or after 30 minutes without activity. */
export const L2_MAX_AGE = 12 * HOUR
export const L2_IDLE = 30 * MINUTE
/** A face check counts for sensitive actions this long. */
export const L3_MAX_AGE = 30 * MINUTE

declare module 'fastify' {
  interface FastifyContextConfig {
    auth?: Audience
    level?: Level
    roles?: StaffRole[]
  }
  // eslint-disable-next-line @typescript-eslint/no-shadow
  interface FastifyRequest {
    citizen: CitizenIdentity | null
    staff: StaffIdentity | null
  }
}

export interface Acting {
  kind: 'self' | 'enterprise' | 'proxy'
  /** Enterprise id (enterprise) or mandate id (proxy). */
  id: string | null
  /** Whom the actions are for: the enterprise id, or the grantor's account id (null for a paper mandate). */
  forId: string | null
}

export interface CitizenIdentity {
  accountId: string
  sessionId: string
  level: Level
  realName: boolean
  /** L2 lapsed (12 h / idle): a fresh SMS code brings it back. */
  reauthRequired: boolean
  acting: Acting
}

export interface StaffIdentity {
  staffId: string
  sessionId: string
  roles: StaffRole[]
  /** Scope (issue 20): catalog department id, or null (a hall's 综合窗口, an admin). */
  departmentId: string | null
  /** Scope of window staff: catalog hall ids. */
  hallIds: string[]
}

const rank = (l: Level) => LEVELS.indexOf(l)

/** Answer with an error *and keep the transaction's writes* (failure counters must survive). */
export function committedError(reply: FastifyReply, err: ApiError): never {
  reply.code(err.statusCode)
  // Typed `never` so route handlers keep their 2xx return type; the value is an ErrorBody.
  return toErrorBody(err, '', 0) as never
}

function bearer(request: FastifyRequest): string | undefined {
  const h = request.headers.authorization
  if (typeof h !== 'string') return undefined
  const m = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(h.trim())
  return m?.[1]
}

/** Whether the acting identity is still allowed now; null = yes. */
export async function actingFor(db: DbOrTx, accountId: string, kind: Acting['kind'], id: string | null, now: Date): Promise<Acting | null> {
  if (kind === 'self') return { kind, id: null, forId: accountId }
  if (!id) return null
  if (kind === 'proxy') {
    const [m] = await db
      .select()
      .from(mandates)
      .where(and(eq(mandates.id, id), eq(mandates.granteeId, accountId), isNull(mandates.revokedAt), gt(mandates.endsAt, now)))
    return m ? { kind, id, forId: m.grantorId } : null
  }
  const ok = await isEnterpriseActor(db, accountId, id)
  return ok ? { kind, id, forId: id } : null
}

/** The registry names the legal representative by citizen; the account by its verified ID number. */
export async function isLegalRep(db: DbOrTx, accountId: string, enterpriseId: string): Promise<boolean> {
  const rows = await db
    .select({ id: enterprises.id })
    .from(enterprises)
    .innerJoin(citizens, eq(citizens.id, enterprises.legalRepCitizenId))
    .innerJoin(accounts, and(eq(accounts.idNumberHmac, citizens.idNumberHmac), isNull(accounts.deletedAt)))
    .where(and(eq(enterprises.id, enterpriseId), eq(accounts.id, accountId), eq(enterprises.status, 'active')))
  return rows.length > 0
}

export async function isEnterpriseActor(db: DbOrTx, accountId: string, enterpriseId: string): Promise<boolean> {
  if (await isLegalRep(db, accountId, enterpriseId)) return true
  const [op] = await db
    .select({ id: enterpriseOperators.id })
    .from(enterpriseOperators)
    .where(and(eq(enterpriseOperators.enterpriseId, enterpriseId), eq(enterpriseOperators.accountId, accountId), isNull(enterpriseOperators.revokedAt)))
  return Boolean(op)
}

/**
 * How stale `lastActiveAt` may get before a request writes it again. Writing it on every request
 * cost one database round trip each; with this, a busy session writes at most once a minute. The
 * price: idle time is measured from up to a minute earlier, so L2 lapses up to a minute *early*
 * (never late), which is the safe side of ASVS 3.3.2.
 */
export const TOUCH_INTERVAL = MINUTE

/**
 * Record activity on a citizen session and work out its level. Once L2 has lapsed (12 h since
 * the last strong authentication, or 30 minutes idle) it stays lapsed until re-authentication:
 * activity after the lapse must not revive it. With `throttle` the write is skipped while the
 * recorded activity is under TOUCH_INTERVAL old and nothing else changes (the lapse itself is
 * always written at once).
 */
export async function touchSession(
  db: DbOrTx,
  session: Pick<typeof authSessions.$inferSelect, 'id' | 'lastActiveAt' | 'authAt' | 'l3At'>,
  realName: boolean,
  at: Date,
  opts: { throttle?: boolean } = {},
): Promise<{ level: Level; fresh: boolean }> {
  const t = at.getTime()
  const sinceActive = t - new Date(session.lastActiveAt).getTime()
  const idle = sinceActive > L2_IDLE
  const fresh = session.authAt !== null && !idle && t - new Date(session.authAt).getTime() <= L2_MAX_AGE
  let level: Level = 'L1'
  if (realName && fresh) level = session.l3At && t - new Date(session.l3At).getTime() <= L3_MAX_AGE ? 'L3' : 'L2'
  const lapses = !fresh && (session.authAt !== null || session.l3At !== null)
  if (lapses || !opts.throttle || sinceActive >= TOUCH_INTERVAL) {
    await db
      .update(authSessions)
      .set({ lastActiveAt: at, ...(fresh ? {} : { authAt: null, l3At: null }) })
      .where(eq(authSessions.id, session.id))
  }
  return { level, fresh }
}

/**
 * Access tokens whose signature and claims were already checked, by audience and token text. An
 * app sends the same token for its 15 minutes, and the ECDSA check is the hook's biggest CPU cost
 * after the database. Only that check is remembered: expiry is compared with the clock on every
 * request (an expired token goes back through the full check, which refuses it), and revocation
 * is the session row's job, read on every request.
 */
export function verifiedTokenCache(signer: Pick<TokenSigner, 'verify'>, max = 10_000) {
  const cache = new Map<string, { claims: AccessClaims; expMs: number }>()
  return async (token: string, audience: Audience, at: Date): Promise<AccessClaims> => {
    const key = `${audience} ${token}`
    const hit = cache.get(key)
    if (hit && at.getTime() < hit.expMs) return hit.claims
    const claims = await signer.verify(token, audience, at)
    const exp = Number((JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as { exp?: unknown }).exp)
    if (Number.isFinite(exp)) {
      // Oldest first out (Map keeps insertion order).
      if (cache.size >= max) cache.delete(cache.keys().next().value as string)
      cache.set(key, { claims, expMs: exp * 1000 })
    }
    return claims
  }
}

export function installAuth(app: App, db: Db, signer: TokenSigner, now: () => Date): void {
  const verify = verifiedTokenCache(signer)
  app.decorateRequest('citizen', null)
  app.decorateRequest('staff', null)
  // Prepared once: the statement every authenticated request runs (no query building per request;
  // PostgreSQL parses and plans it once per connection).
  const lookup = db
    .select({
      session: authSessions,
      accountId: accounts.id,
      idNumberHmac: accounts.idNumberHmac,
      accountDeletedAt: accounts.deletedAt,
      staffId: staffAccounts.id,
      staffRoles: staffAccounts.roles,
      staffDepartmentId: staffAccounts.departmentId,
      staffHallIds: staffAccounts.hallIds,
      staffDisabledAt: staffAccounts.disabledAt,
    })
    .from(authSessions)
    .leftJoin(accounts, and(eq(authSessions.audience, 'citizen'), eq(accounts.id, authSessions.subjectId)))
    .leftJoin(staffAccounts, and(eq(authSessions.audience, 'staff'), eq(staffAccounts.id, authSessions.subjectId)))
    .where(eq(authSessions.id, sql.placeholder('sid')))
    .prepare('auth_session_lookup')
  // Only routes that need a person get the check, as a route hook (ahead of the route's own):
  // public routes (catalog reads among them) run no auth code at all.
  app.addHook('onRoute', (route: RouteOptions) => {
    const config = (route.config ?? {}) as { auth?: Audience; level?: Level }
    const audience: Audience | undefined = config.auth ?? (config.level ? 'citizen' : undefined)
    if (!audience) return
    const check: preValidationHookHandler = (request, _reply, done) => {
      authenticate(request, audience, request.routeOptions.config).then(() => done(), done)
    }
    // After the guard's text check (guard.ts, first), as when both were app hooks.
    const own = route.preValidation === undefined ? [] : Array.isArray(route.preValidation) ? [...route.preValidation] : [route.preValidation]
    own.splice(own[0] === textCheck ? 1 : 0, 0, check)
    route.preValidation = own
  })

  async function authenticate(request: FastifyRequest, audience: Audience, config: FastifyRequest['routeOptions']['config']): Promise<void> {
    const token = bearer(request)
    if (!token) throw new ApiError(401, 'UNAUTHENTICATED')
    const at = now()
    let claims
    try {
      claims = await verify(token, audience, at)
    } catch (e) {
      throw new ApiError(401, (e as { code?: string }).code === 'ERR_JWT_EXPIRED' ? 'TOKEN_EXPIRED' : 'UNAUTHENTICATED')
    }
    // One round trip: the session with its citizen account or staff account.
    const [found] = await lookup.execute({ sid: claims.sid })
    const session = found?.session
    if (!session || session.audience !== audience || session.subjectId !== claims.sub) throw new ApiError(401, 'UNAUTHENTICATED')
    if (session.revokedAt) throw new ApiError(401, 'SESSION_REVOKED')

    if (audience === 'staff') {
      if (!found.staffId || !found.staffRoles) throw new ApiError(401, 'UNAUTHENTICATED')
      if (found.staffDisabledAt) throw new ApiError(401, 'SESSION_REVOKED')
      const roles = found.staffRoles as StaffRole[]
      if (config.roles && !config.roles.some((r) => roles.includes(r))) throw new ApiError(403, 'FORBIDDEN')
      if (at.getTime() - new Date(session.lastActiveAt).getTime() >= TOUCH_INTERVAL) {
        await db.update(authSessions).set({ lastActiveAt: at }).where(eq(authSessions.id, session.id))
      }
      request.staff = { staffId: found.staffId, sessionId: session.id, roles, departmentId: found.staffDepartmentId ?? null, hallIds: found.staffHallIds ?? [] }
      return
    }

    if (!found.accountId || found.accountDeletedAt) throw new ApiError(401, 'SESSION_REVOKED')
    const account = { id: found.accountId }
    const realName = found.idNumberHmac !== null
    const { level, fresh } = await touchSession(db, session, realName, at, { throttle: true })

    const refused = (kind: string) => new ApiError(403, kind === 'enterprise' ? 'ENTERPRISE_NOT_AUTHORIZED' : 'MANDATE_INVALID')
    if (session.actingKind !== claims.act.kind || (session.actingId ?? undefined) !== claims.act.id) {
      // A token from before a switch: say why if its identity has ended, else let the app refresh.
      if (claims.act.kind !== 'self' && !(await actingFor(db, account.id, claims.act.kind, claims.act.id ?? null, at))) throw refused(claims.act.kind)
      throw new ApiError(401, 'TOKEN_EXPIRED')
    }
    const acting = await actingFor(db, account.id, session.actingKind, session.actingId, at)
    if (!acting) {
      // Revoked mandate, expired end date or lost enterprise role: back to self from now on.
      await db.update(authSessions).set({ actingKind: 'self', actingId: null }).where(eq(authSessions.id, session.id))
      throw refused(session.actingKind)
    }
    request.citizen = { accountId: account.id, sessionId: session.id, level, realName, reauthRequired: realName && !fresh, acting }

    const required = config.level ?? 'L1'
    if (rank(level) < rank(required)) {
      const message =
        required === 'L3' && level === 'L2' ? api.identity.levelL3 : realName && !fresh ? api.identity.levelReauth : api.identity.levelL2
      throw new ApiError(403, 'LEVEL_REQUIRED', message, undefined, { requiredLevel: required, ...(realName && !fresh ? { reauth: true } : {}) })
    }
  }
}

export type AuditEntry = typeof auditLog.$inferInsert

/** The audit row for an action by the request's person, as the identity they acted as; null without one. */
export function auditEntry(request: FastifyRequest, action: string, at: Date, detail: Record<string, unknown> = {}): AuditEntry | null {
  const c = request.citizen
  const s = request.staff
  if (!c && !s) return null
  return {
    at,
    audience: c ? 'citizen' : 'staff',
    actorId: c ? c.accountId : s!.staffId,
    actingKind: c ? c.acting.kind : 'self',
    actingId: c && c.acting.kind !== 'self' ? c.acting.forId : null,
    mandateId: c && c.acting.kind === 'proxy' ? c.acting.id : null,
    action,
    detail,
  }
}

/** Record an action against the person and the identity they acted as. */
export async function audit(
  db: DbOrTx,
  request: FastifyRequest,
  action: string,
  at: Date,
  detail: Record<string, unknown> = {},
  opts: { withAnswer?: boolean } = {},
): Promise<void> {
  const entry = auditEntry(request, action, at, detail)
  if (!entry) return
  const insert = db.insert(auditLog).values(entry)
  // withAnswer (a caller whose request neither reads nor deletes audit rows after this): in an
  // idempotent POST the row is written by the statement that stores the answer, in the same
  // transaction, one round trip fewer (idempotency.ts deferInsert).
  if (opts.withAnswer && deferInsert(request, db, insert.getSQL())) return
  await insert
}
