// The one sign-in lockout policy (issue 22), for citizens and staff alike: failed attempts are
// counted per subject in a sliding window; reaching the limit locks the subject for a set time,
// during which every attempt is answered 423 with `lockedUntil`. Citizens are locked per phone
// (SMS codes), staff per username (password + TOTP); their numbers sit side by side here.
// Callers hold the subject's advisory lock (rate.ts) so counting and locking cannot interleave.
import { format } from '../../../src/domain/messages'
import { api } from '../../../src/domain/messages/zh-CN/api'
import type { DbOrTx } from '../db/client'
import { ApiError } from '../errors'
import { chinaClock } from '../dates'
import { HOUR, MINUTE, countEvents, lockedUntil, recordEvent, setLock } from './rate'

export interface LockoutPolicy {
  /** This many failures within `windowMs` lock the subject. */
  maxFailures: number
  windowMs: number
  /** How long a lock lasts. */
  lockMs: number
  /** The 423 answer while locked. */
  code: 'LOGIN_LOCKED' | 'STAFF_LOCKED'
  /** `<prefix>:<subject>` names the lock, `<prefix>-fail:<subject>` the counted failures. */
  prefix: string
}

export const LOCKOUT = {
  /** SMS sign-in and re-authentication, per phone (keyed hash): 10 failures in an hour lock it for an hour. */
  citizen: { maxFailures: 10, windowMs: HOUR, lockMs: HOUR, code: 'LOGIN_LOCKED', prefix: 'login' },
  /** Staff password + TOTP, per username: 5 failures in 15 minutes lock it for 15 minutes. */
  staff: { maxFailures: 5, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE, code: 'STAFF_LOCKED', prefix: 'staff' },
} as const satisfies Record<string, LockoutPolicy>

/** The key of the subject's lock row (admins clear it to unlock). */
export const lockKeyOf = (policy: LockoutPolicy, subject: string): string => `${policy.prefix}:${subject}`

/** The key its failures are counted under. */
export const failureKeyOf = (policy: LockoutPolicy, subject: string): string => `${policy.prefix}-fail:${subject}`

/** Until when `failures` within the window lock the subject; undefined while under the limit. */
export function lockEnd(policy: LockoutPolicy, failures: number, now: Date): Date | undefined {
  return failures >= policy.maxFailures ? new Date(now.getTime() + policy.lockMs) : undefined
}

export function lockedError(policy: LockoutPolicy, until: Date): ApiError {
  return new ApiError(423, policy.code, format(api.errors[policy.code], { time: chinaClock(until) }), undefined, { lockedUntil: until.toISOString() })
}

/** The end of the subject's live lock, if any. */
export function activeLock(db: DbOrTx, policy: LockoutPolicy, subject: string, now: Date): Promise<Date | undefined> {
  return lockedUntil(db, lockKeyOf(policy, subject), now)
}

/** Counts a failure; when it reaches the limit the subject is locked and the lock's end returned. */
export async function recordFailure(db: DbOrTx, policy: LockoutPolicy, subject: string, now: Date): Promise<Date | undefined> {
  const key = failureKeyOf(policy, subject)
  await recordEvent(db, key, now)
  const { n } = await countEvents(db, key, new Date(now.getTime() - policy.windowMs))
  const until = lockEnd(policy, n, now)
  if (until) await setLock(db, lockKeyOf(policy, subject), until)
  return until
}
