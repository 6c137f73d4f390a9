// Citizen sign-in: SMS code (L1), mini-program login with openid binding, token refresh,
// re-authentication and logout. Every POST is idempotent (see idempotency.ts); answers that
// must keep their writes despite failing (counted wrong codes, refresh reuse) are *returned*
// with committedError instead of thrown.
import { randomBytes } from 'node:crypto'
import { and, eq, gt, isNull } from 'drizzle-orm'
import {
  LoginBody,
  MiniLoginBody,
  MiniLoginResponse,
  OkResponse,
  ReauthBody,
  RefreshBody,
  SendSmsBody,
  SendSmsResponse,
  TokenResponse,
} from '../../../src/domain/contract'
import { maskPhone } from '../../../src/domain'
import { accounts, authSessions, identityTickets, miniBindings } from '../db/schema'
import { ApiError } from '../errors'
import { findOrCreateAccount, parsePhone } from '../identity/accounts'
import { committedError } from '../identity/auth'
import { checkCode, sendCode } from '../identity/codes'
import type { IdentityServices } from '../identity'
import { MiniLoginError, sha256 } from '../identity/mini'
import { MINUTE } from '../identity/rate'
import { createSession, revokeAll, revokeSession, rotate } from '../identity/sessions'
import { errorResponses, type App, type Services } from './context'

export const BIND_TICKET_TTL = 10 * MINUTE

export function authRoutes(app: App, s: Services, id: IdentityServices): void {
  app.post(
    '/api/auth/sms',
    {
      schema: {
        tags: ['identity'],
        summary: 'Send a 6-digit SMS code (≤ 1/60 s, ≤ 10/day per phone, ≤ 20/h per IP)',
        body: SendSmsBody,
        response: { 200: SendSmsResponse, ...errorResponses(400, 423, 429, 503) },
      },
    },
    async (request) => {
      const phone = parsePhone(request.body.phone)
      const r = await sendCode(request.db, { crypto: s.crypto, sms: id.sms }, { phone, purpose: request.body.purpose ?? 'login', ip: request.ip }, s.now())
      return { phone: maskPhone(phone), ...r }
    },
  )

  app.post(
    '/api/auth/login',
    {
      schema: {
        tags: ['identity'],
        summary: 'Sign in with phone + SMS code (L1); with `bindTicket` also binds the mini-program openid',
        body: LoginBody,
        response: { 200: TokenResponse, ...errorResponses(400, 423) },
      },
    },
    async (request, reply) => {
      const now = s.now()
      const db = request.db
      const phone = parsePhone(request.body.phone)
      let ticket: typeof identityTickets.$inferSelect | undefined
      if (request.body.bindTicket) {
        ;[ticket] = await db
          .select()
          .from(identityTickets)
          .where(and(eq(identityTickets.secretHash, sha256(request.body.bindTicket)), eq(identityTickets.kind, 'mini-bind'), isNull(identityTickets.usedAt), gt(identityTickets.expiresAt, now)))
        if (!ticket) throw new ApiError(400, 'BIND_TICKET_INVALID', undefined, 'bindTicket')
      }
      const checked = await checkCode(db, s.crypto, { phone, purpose: 'login', code: request.body.code }, now)
      if (!checked.ok) return committedError(reply, checked.error)
      const accountId = await findOrCreateAccount(db, s, phone, now)
      let channel: 'weapp' | 'alipay' | 'h5' | 'unknown' = request.body.channel ?? 'unknown'
      if (ticket) {
        const d = ticket.data as { platform: 'weapp' | 'alipay'; openidHmac: string; openidEnc: string; sessionKeyEnc?: string }
        await db.update(identityTickets).set({ usedAt: now }).where(eq(identityTickets.id, ticket.id))
        await db
          .insert(miniBindings)
          .values({ platform: d.platform, openidHmac: d.openidHmac, openidEnc: d.openidEnc, sessionKeyEnc: d.sessionKeyEnc ?? null, accountId, createdAt: now })
          .onConflictDoUpdate({ target: [miniBindings.platform, miniBindings.openidHmac], set: { accountId, sessionKeyEnc: d.sessionKeyEnc ?? null } })
        channel = d.platform
      }
      return createSession(db, id.signer, { audience: 'citizen', subjectId: accountId, device: request.body.device ?? defaultDevice(channel), channel }, now)
    },
  )

  app.post(
    '/api/auth/mini-login',
    {
      schema: {
        tags: ['identity'],
        summary: 'Mini-program login: a session when the openid is bound, else a binding ticket for the phone step',
        body: MiniLoginBody,
        response: { 200: MiniLoginResponse, ...errorResponses(400, 401, 403, 503) },
      },
    },
    async (request) => {
      const now = s.now()
      const db = request.db
      const { platform, code } = request.body
      let exchanged
      try {
        exchanged = await id.mini.exchange(platform, code, { db, now })
      } catch (e) {
        if (!(e instanceof MiniLoginError)) throw e
        if (e.kind === 'invalid_code') throw new ApiError(401, 'MINI_CODE_INVALID', undefined, 'code')
        if (e.kind === 'refused') throw new ApiError(403, 'STAND_IN_REFUSED')
        throw new ApiError(503, 'MINI_LOGIN_UNAVAILABLE')
      }
      const openidHmac = s.crypto.index(`${platform}:${exchanged.openid}`)
      const sessionKeyEnc = exchanged.sessionKey ? s.crypto.encrypt(exchanged.sessionKey) : undefined
      const [bound] = await db
        .select({ accountId: miniBindings.accountId })
        .from(miniBindings)
        .innerJoin(accounts, eq(accounts.id, miniBindings.accountId))
        .where(and(eq(miniBindings.platform, platform), eq(miniBindings.openidHmac, openidHmac), isNull(accounts.deletedAt)))
      if (bound) {
        // session_key is kept for decrypting data the mini-program may send later; never returned.
        if (sessionKeyEnc) await db.update(miniBindings).set({ sessionKeyEnc }).where(and(eq(miniBindings.platform, platform), eq(miniBindings.openidHmac, openidHmac)))
        const tokens = await createSession(db, id.signer, { audience: 'citizen', subjectId: bound.accountId, device: request.body.device ?? defaultDevice(platform), channel: platform }, now)
        return { status: 'signed_in' as const, tokens }
      }
      const bindTicket = randomBytes(24).toString('base64url')
      await db.insert(identityTickets).values({
        kind: 'mini-bind',
        secretHash: sha256(bindTicket),
        data: { platform, openidHmac, openidEnc: s.crypto.encrypt(exchanged.openid), sessionKeyEnc },
        expiresAt: new Date(now.getTime() + BIND_TICKET_TTL),
        createdAt: now,
      })
      return { status: 'bind_required' as const, bindTicket, expiresInSeconds: BIND_TICKET_TTL / 1000 }
    },
  )

  app.post(
    '/api/auth/refresh',
    {
      schema: {
        tags: ['identity'],
        summary: 'Rotate a refresh token (citizen or staff); reuse of a spent one revokes the session',
        body: RefreshBody,
        response: { 200: TokenResponse, ...errorResponses(400, 401) },
      },
    },
    async (request, reply) => {
      const r = await rotate(request.db, id.signer, request.body.refreshToken, s.now())
      return r.ok ? r.tokens : committedError(reply, r.error)
    },
  )

  app.post(
    '/api/auth/reauth/sms',
    {
      config: { auth: 'citizen' },
      schema: { tags: ['identity'], summary: 'Send a re-authentication code to the account phone', response: { 200: SendSmsResponse, ...errorResponses(401, 423, 429, 503) } },
    },
    async (request) => {
      const [a] = await request.db.select().from(accounts).where(eq(accounts.id, request.citizen!.accountId))
      const phone = s.crypto.decrypt(a.phoneEnc!)
      const r = await sendCode(request.db, { crypto: s.crypto, sms: id.sms }, { phone, purpose: 'reauth', ip: request.ip }, s.now())
      return { phone: maskPhone(phone), ...r }
    },
  )

  app.post(
    '/api/auth/reauth',
    {
      config: { auth: 'citizen' },
      schema: { tags: ['identity'], summary: 'Re-authenticate with the code: restores L2 for 12 h', body: ReauthBody, response: { 200: OkResponse, ...errorResponses(400, 401, 423) } },
    },
    async (request, reply) => {
      const now = s.now()
      const [a] = await request.db.select().from(accounts).where(eq(accounts.id, request.citizen!.accountId))
      const checked = await checkCode(request.db, s.crypto, { phone: s.crypto.decrypt(a.phoneEnc!), purpose: 'reauth', code: request.body.code }, now)
      if (!checked.ok) return committedError(reply, checked.error)
      await request.db.update(authSessions).set({ authAt: now, lastActiveAt: now }).where(eq(authSessions.id, request.citizen!.sessionId))
      return { ok: true as const }
    },
  )

  app.post(
    '/api/auth/logout',
    { config: { auth: 'citizen' }, schema: { tags: ['identity'], summary: 'Log out on this device', response: { 200: OkResponse, ...errorResponses(401) } } },
    async (request) => {
      await revokeSession(request.db, request.citizen!.sessionId, 'logout', s.now())
      return { ok: true as const }
    },
  )

  app.post(
    '/api/auth/logout-all',
    { config: { auth: 'citizen' }, schema: { tags: ['identity'], summary: 'Log out everywhere', response: { 200: OkResponse, ...errorResponses(401) } } },
    async (request) => {
      await revokeAll(request.db, request.citizen!.accountId, 'logout_all', s.now())
      return { ok: true as const }
    },
  )
}

function defaultDevice(channel: string): string {
  return channel === 'weapp' ? '微信小程序' : channel === 'alipay' ? '支付宝小程序' : channel === 'h5' ? '网页版' : '未知设备'
}
