// Staff first sign-in (issue 25): an account created with a one-time password (the bootstrap
// command, later an admin's create/reset) cannot get a session until its holder has proved the
// TOTP enrolment with a fresh code and replaced the password. Also the shared credential check of
// /api/staff/login and /api/staff/setup, locked by the sign-in lockout policy (lockout.ts).
import { randomBytes } from 'node:crypto'
import type { FastifyReply } from 'fastify'
import { api } from '../../../src/domain/messages/zh-CN/api'
import type { FieldCrypto } from '../crypto'
import type { DbOrTx } from '../db/client'
import { ApiError } from '../errors'
import { isSeedPassword } from '../production'
import { committedError } from '../identity/auth'
import { LOCKOUT, activeLock, lockKeyOf, lockedError, recordFailure } from '../identity/lockout'
import { DUMMY_HASH, hashPassword, verifyPassword } from '../identity/password'
import { lockKey } from '../identity/rate'
import { base32Decode, base32Encode, verifyTotp } from '../identity/totp'
import * as repo from './repo'
import type { StaffRow } from './repo'

export const MIN_STAFF_PASSWORD = 12

export type CredentialCheck = { ok: true; staff: StaffRow; step: number } | { ok: false; body: never }

/**
 * Password + TOTP, one code accepted once; 5 failures in 15 minutes lock the username for 15
 * minutes. A failure answer is already committed (the counter survives the request).
 */
export async function checkStaffCredentials(
  db: DbOrTx,
  crypto: FieldCrypto,
  reply: FastifyReply,
  body: { username: string; password: string; totp: string },
  now: Date,
): Promise<CredentialCheck> {
  const username = body.username.trim().toLowerCase()
  await lockKey(db, lockKeyOf(LOCKOUT.staff, username))
  const locked = await activeLock(db, LOCKOUT.staff, username, now)
  if (locked) throw lockedError(LOCKOUT.staff, locked)
  const staff = await repo.byUsername(db, username)
  const passwordOk = await verifyPassword(body.password, staff?.passwordHash ?? DUMMY_HASH)
  const step = staff && passwordOk ? verifyTotp(base32Decode(crypto.decrypt(staff.totpSecretEnc)), body.totp, now) : undefined
  // A TOTP code is good once: a step at or before the last accepted one is a replay.
  const fresh = step !== undefined && (staff!.lastTotpStep === null || step > staff!.lastTotpStep)
  if (!staff || !passwordOk || !fresh) {
    const until = await recordFailure(db, LOCKOUT.staff, username, now)
    if (until) return { ok: false, body: committedError(reply, lockedError(LOCKOUT.staff, until)) }
    return { ok: false, body: committedError(reply, new ApiError(401, 'STAFF_LOGIN_FAILED')) }
  }
  return { ok: true, staff, step: step! }
}

/** Whether the account must go through the first sign-in flow before it gets a session. */
export function needsSetup(staff: StaffRow): boolean {
  return staff.mustChangePassword || staff.totpEnrolledAt === null
}

/**
 * The answer of /api/staff/login for such an account: no session, a pointer to the flow. After
 * an admin's TOTP reset the holder keeps their password and only enrols the new secret.
 */
export function setupRequired(staff: StaffRow): ApiError {
  return new ApiError(403, staff.mustChangePassword ? 'STAFF_SETUP_REQUIRED' : 'STAFF_TOTP_ENROL_REQUIRED')
}

/** Why a new password is refused, or undefined when it is acceptable. */
export function newPasswordProblem(newPassword: string, oldPassword: string): string | undefined {
  const p = newPassword.normalize('NFKC')
  const weak = p.length < MIN_STAFF_PASSWORD || !/[A-Za-z]/.test(p) || !/\d/.test(p) || p === oldPassword.normalize('NFKC') || isSeedPassword(p)
  return weak ? api.errors.STAFF_PASSWORD_WEAK : undefined
}

/** Stores the new password (if one is given), marks TOTP enrolled, consumes the code's step, and logs it. */
export async function completeSetup(db: DbOrTx, staff: StaffRow, newPassword: string | undefined, step: number, now: Date): Promise<void> {
  await repo.update(db, staff.id, {
    ...(newPassword ? { passwordHash: await hashPassword(newPassword), mustChangePassword: false, passwordChangedAt: now } : {}),
    totpEnrolledAt: staff.totpEnrolledAt ?? now,
    lastTotpStep: step,
  })
  await repo.insertAudit(db, { at: now, audience: 'staff', actorId: staff.id, actingKind: 'self', action: 'staff.first_signin_completed', detail: { totpEnrolled: true, passwordChanged: Boolean(newPassword) } })
}

/** otpauth:// URI an authenticator app enrols from (RFC 6238 defaults: SHA-1, 6 digits, 30 s). */
export function otpauthUri(username: string, secretBase32: string): string {
  const issuer = '指尖办'
  return `otpauth://totp/${encodeURIComponent(`${issuer}:${username}`)}?secret=${secretBase32}&issuer=${encodeURIComponent(issuer)}&algorithm=SHA1&digits=6&period=30`
}

/** A one-time password an operator can type: 20 characters from an unambiguous alphabet, with a letter and a digit. */
export function oneTimePassword(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789'
  for (;;) {
    const bytes = randomBytes(40)
    let out = ''
    // Rejection sampling keeps every character equally likely.
    for (const b of bytes) if (b < alphabet.length * 4 && out.length < 20) out += alphabet[b % alphabet.length]
    if (out.length === 20 && /[A-Za-z]/.test(out) && /\d/.test(out)) return out
  }
}

export const USERNAME = /^[a-z][a-z0-9._-]{2,63}$/

export type BootstrapResult = { created: true; username: string; password: string; otpauth: string } | { created: false; reason: 'exists' | 'invalid' }

/**
 * Creates an admin account with a one-time password and a fresh TOTP secret. It must change the
 * password and prove the TOTP enrolment at first sign-in. Never overwrites an existing account.
 */
export async function bootstrapAdmin(db: DbOrTx, crypto: FieldCrypto, input: { username: string; displayName?: string }, now: Date): Promise<BootstrapResult> {
  const username = input.username.trim().toLowerCase()
  if (!USERNAME.test(username)) return { created: false, reason: 'invalid' }
  const password = oneTimePassword()
  const secret = base32Encode(randomBytes(20))
  const row = await repo.insert(db, {
    username,
    displayName: input.displayName?.trim() || '系统管理员',
    passwordHash: await hashPassword(password),
    totpSecretEnc: crypto.encrypt(secret),
    roles: ['admin'],
    mustChangePassword: true,
    totpEnrolledAt: null,
    createdAt: now,
  })
  if (!row) return { created: false, reason: 'exists' }
  return { created: true, username, password, otpauth: otpauthUri(username, secret) }
}
