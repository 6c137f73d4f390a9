// SMS one-time codes and their limits (all per phone unless said otherwise):
//   code: 6 digits, ≤ 5 minutes, single use, bound to phone + purpose, stored as a keyed hash;
//   sending: ≤ 1 per 60 s and ≤ 10 per China calendar day per phone, ≤ 20 per hour per client IP;
//   checking: 5 wrong tries kill the code; failures lock the phone by the sign-in lockout policy
//   (lockout.ts: 10 within an hour lock it for an hour).
// Everything runs inside the request transaction under an advisory lock on the phone.
import { randomInt } from 'node:crypto'
import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm'
import { format } from '../../../src/domain/messages'
import { api } from '../../../src/domain/messages/zh-CN/api'
import type { FieldCrypto } from '../crypto'
import type { DbOrTx } from '../db/client'
import { smsCodes } from '../db/schema'
import { ApiError } from '../errors'
import { LOCKOUT, activeLock, lockedError, recordFailure } from './lockout'
import { chinaDayStart } from '../dates'
import { HOUR, MINUTE, countEvents, lockKey, recordEvent, slidingLimit } from './rate'
import type { SmsSender } from './sms'

export const CODE_TTL = 5 * MINUTE
export const RESEND_INTERVAL = MINUTE
export const DAILY_PER_PHONE = 10
export const HOURLY_PER_IP = 20
export const MAX_TRIES = 5

const codeHash = (crypto: FieldCrypto, phoneHmac: string, purpose: string, code: string) => crypto.index(`sms:${phoneHmac}:${purpose}:${code}`)

export async function sendCode(
  db: DbOrTx,
  deps: { crypto: FieldCrypto; sms: SmsSender },
  input: { phone: string; purpose: string; ip: string },
  now: Date,
): Promise<{ expiresInSeconds: number; resendAfterSeconds: number }> {
  const phoneHmac = deps.crypto.index(input.phone)
  await lockKey(db, `phone:${phoneHmac}`)
  await lockKey(db, `ip:${input.ip}`)
  const locked = await activeLock(db, LOCKOUT.citizen, phoneHmac, now)
  if (locked) throw lockedError(LOCKOUT.citizen, locked)

  const wait = await slidingLimit(db, `sms-send:${phoneHmac}`, 1, RESEND_INTERVAL, now)
  if (wait !== undefined) {
    throw new ApiError(429, 'SMS_TOO_SOON', format(api.errors.SMS_TOO_SOON, { seconds: wait }), undefined, { retryAfterSeconds: wait })
  }
  const today = await countEvents(db, `sms-send:${phoneHmac}`, chinaDayStart(now), true)
  if (today.n >= DAILY_PER_PHONE) {
    const retry = Math.ceil((chinaDayStart(now).getTime() + 24 * HOUR - now.getTime()) / 1000)
    throw new ApiError(429, 'SMS_DAILY_LIMIT', undefined, undefined, { retryAfterSeconds: retry })
  }
  const ipWait = await slidingLimit(db, `sms-ip:${input.ip}`, HOURLY_PER_IP, HOUR, now)
  if (ipWait !== undefined) {
    throw new ApiError(429, 'SMS_IP_LIMIT', format(api.errors.SMS_IP_LIMIT, { minutes: Math.ceil(ipWait / 60) }), undefined, { retryAfterSeconds: ipWait })
  }
  await recordEvent(db, `sms-send:${phoneHmac}`, now)
  await recordEvent(db, `sms-ip:${input.ip}`, now)

  // A new code replaces any earlier one for the same purpose.
  await db
    .update(smsCodes)
    .set({ consumedAt: now })
    .where(and(eq(smsCodes.phoneHmac, phoneHmac), eq(smsCodes.purpose, input.purpose), isNull(smsCodes.consumedAt)))
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0')
  await db.insert(smsCodes).values({
    phoneHmac,
    purpose: input.purpose,
    codeHash: codeHash(deps.crypto, phoneHmac, input.purpose, code),
    createdAt: now,
    expiresAt: new Date(now.getTime() + CODE_TTL),
  })
  const minutes = CODE_TTL / MINUTE
  try {
    await deps.sms.send({ phone: input.phone, phoneHmac, code, minutes, text: format(api.identity.smsText, { code, minutes }) }, { db, now })
  } catch {
    // Thrown: the transaction rolls back, so a failed send costs the user no quota.
    throw new ApiError(503, 'SMS_SEND_FAILED')
  }
  return { expiresInSeconds: CODE_TTL / 1000, resendAfterSeconds: RESEND_INTERVAL / 1000 }
}

export type CheckOutcome = { ok: true } | { ok: false; error: ApiError }

/**
 * Check a code. Failures are *returned* (not thrown) so the caller answers with them while the
 * transaction commits the counted failure.
 */
export async function checkCode(db: DbOrTx, crypto: FieldCrypto, input: { phone: string; purpose: string; code: string }, now: Date): Promise<CheckOutcome> {
  const phoneHmac = crypto.index(input.phone)
  await lockKey(db, `phone:${phoneHmac}`)
  const locked = await activeLock(db, LOCKOUT.citizen, phoneHmac, now)
  if (locked) return { ok: false, error: lockedError(LOCKOUT.citizen, locked) }

  const [live] = await db
    .select()
    .from(smsCodes)
    .where(and(eq(smsCodes.phoneHmac, phoneHmac), eq(smsCodes.purpose, input.purpose), isNull(smsCodes.consumedAt), gt(smsCodes.expiresAt, now), sql`${smsCodes.attempts} < ${MAX_TRIES}`))
    .orderBy(desc(smsCodes.createdAt))
    .limit(1)
  if (live && crypto.matches(`sms:${phoneHmac}:${input.purpose}:${input.code}`, live.codeHash)) {
    const spent = await db
      .update(smsCodes)
      .set({ consumedAt: now })
      .where(and(eq(smsCodes.id, live.id), isNull(smsCodes.consumedAt)))
      .returning({ id: smsCodes.id })
    if (spent.length === 1) return { ok: true }
  }

  // A failure: wrong code, or no live code at all (guessing after expiry counts too).
  let error: ApiError
  if (live) {
    const [row] = await db
      .update(smsCodes)
      .set({ attempts: sql`${smsCodes.attempts} + 1` })
      .where(eq(smsCodes.id, live.id))
      .returning({ attempts: smsCodes.attempts })
    const left = MAX_TRIES - row.attempts
    error = left > 0 ? new ApiError(400, 'SMS_CODE_WRONG', format(api.errors.SMS_CODE_WRONG, { left }), 'code') : new ApiError(400, 'SMS_CODE_DEAD', undefined, 'code')
  } else {
    error = new ApiError(400, 'SMS_CODE_EXPIRED', undefined, 'code')
  }
  const until = await recordFailure(db, LOCKOUT.citizen, phoneHmac, now)
  if (until) error = lockedError(LOCKOUT.citizen, until)
  return { ok: false, error }
}
