// Sessions and refresh tokens. One session = one refresh-token family: every refresh spends the
// presented token and issues its successor; presenting a spent token again means it was copied,
// so the whole family (the session) is revoked (OAuth 2.0 Security BCP, refresh token rotation).
import { createHash, randomBytes } from 'node:crypto'
import { and, eq, isNull } from 'drizzle-orm'
import type { DbOrTx } from '../db/client'
import { accounts, authSessions, refreshTokens, staffAccounts } from '../db/schema'
import { touchSession } from './auth'
import { ApiError } from '../errors'
import { DAY, HOUR } from './rate'
import { ACCESS_TOKEN_SECONDS, type ActingClaim, type Audience, type TokenSigner } from './tokens'

export const REFRESH_LIFETIME: Record<Audience, number> = { citizen: 30 * DAY, staff: 12 * HOUR }

export interface TokenPair {
  accessToken: string
  refreshToken: string
  tokenType: 'Bearer'
  expiresIn: number
  sessionId: string
}

export const hashToken = (t: string) => createHash('sha256').update(t).digest('hex')

export interface NewSession {
  audience: Audience
  subjectId: string
  device: string
  channel: 'weapp' | 'alipay' | 'h5' | 'unknown'
}

async function issue(db: DbOrTx, signer: TokenSigner, session: typeof authSessions.$inferSelect, now: Date): Promise<TokenPair> {
  const refreshToken = randomBytes(32).toString('base64url')
  await db.insert(refreshTokens).values({
    sessionId: session.id,
    tokenHash: hashToken(refreshToken),
    createdAt: now,
    expiresAt: new Date(now.getTime() + REFRESH_LIFETIME[session.audience]),
  })
  const act: ActingClaim = session.actingKind === 'self' ? { kind: 'self' } : { kind: session.actingKind, id: session.actingId ?? undefined }
  let roles: string[] | undefined
  if (session.audience === 'staff') {
    const [s] = await db.select({ roles: staffAccounts.roles }).from(staffAccounts).where(eq(staffAccounts.id, session.subjectId))
    roles = s?.roles
  }
  const accessToken = await signer.sign(session.audience, { sub: session.subjectId, sid: session.id, act, roles }, now)
  return { accessToken, refreshToken, tokenType: 'Bearer', expiresIn: ACCESS_TOKEN_SECONDS, sessionId: session.id }
}

export async function createSession(db: DbOrTx, signer: TokenSigner, s: NewSession, now: Date): Promise<TokenPair> {
  const [session] = await db
    .insert(authSessions)
    .values({ ...s, device: s.device.slice(0, 80), createdAt: now, lastActiveAt: now, authAt: now })
    .returning()
  return issue(db, signer, session, now)
}

/** A new access token for the session as it is now (after an acting-identity switch). */
export async function reissue(db: DbOrTx, signer: TokenSigner, sessionId: string, now: Date): Promise<TokenPair> {
  const [session] = await db.select().from(authSessions).where(eq(authSessions.id, sessionId))
  return issue(db, signer, session, now)
}

export type RefreshOutcome = { ok: true; tokens: TokenPair } | { ok: false; error: ApiError }

/** Spend a refresh token. Failures that change state (reuse) are returned, not thrown, so they commit. */
export async function rotate(db: DbOrTx, signer: TokenSigner, presented: string, now: Date): Promise<RefreshOutcome> {
  const [row] = await db.select().from(refreshTokens).where(eq(refreshTokens.tokenHash, hashToken(presented)))
  if (!row) return { ok: false, error: new ApiError(401, 'REFRESH_INVALID') }
  const [session] = await db.select().from(authSessions).where(eq(authSessions.id, row.sessionId))
  if (!session || session.revokedAt) return { ok: false, error: new ApiError(401, 'SESSION_REVOKED') }
  // Conditional: of two concurrent uses only one can spend the token; the other is a reuse.
  const spent = row.usedAt
    ? []
    : await db
        .update(refreshTokens)
        .set({ usedAt: now })
        .where(and(eq(refreshTokens.id, row.id), isNull(refreshTokens.usedAt)))
        .returning({ id: refreshTokens.id })
  if (spent.length === 0) {
    await revokeSession(db, session.id, 'refresh_reuse', now)
    return { ok: false, error: new ApiError(401, 'REFRESH_REUSED') }
  }
  if (new Date(row.expiresAt) <= now) return { ok: false, error: new ApiError(401, 'REFRESH_INVALID') }
  // Refreshing is activity (the app refreshes when the user acts), with the same idle rules.
  if (session.audience === 'citizen') {
    const [a] = await db.select({ idNumberHmac: accounts.idNumberHmac, deletedAt: accounts.deletedAt }).from(accounts).where(eq(accounts.id, session.subjectId))
    if (!a || a.deletedAt) return { ok: false, error: new ApiError(401, 'SESSION_REVOKED') }
    await touchSession(db, session, a.idNumberHmac !== null, now)
  } else {
    await db.update(authSessions).set({ lastActiveAt: now }).where(eq(authSessions.id, session.id))
  }
  return { ok: true, tokens: await issue(db, signer, session, now) }
}

export async function revokeSession(db: DbOrTx, sessionId: string, reason: string, now: Date): Promise<void> {
  await db.update(authSessions).set({ revokedAt: now, revokeReason: reason }).where(and(eq(authSessions.id, sessionId), isNull(authSessions.revokedAt)))
}

export async function revokeAll(db: DbOrTx, subjectId: string, reason: string, now: Date): Promise<number> {
  const rows = await db
    .update(authSessions)
    .set({ revokedAt: now, revokeReason: reason })
    .where(and(eq(authSessions.subjectId, subjectId), isNull(authSessions.revokedAt)))
    .returning({ id: authSessions.id })
  return rows.length
}
