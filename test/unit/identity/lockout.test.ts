// The one sign-in lockout policy (mock/src/identity/lockout.ts): its numbers for citizens and
// staff, the keys it writes, when failures lock and what a locked answer says.
import { LOCKOUT, failureKeyOf, lockEnd, lockKeyOf, lockedError } from '../../../mock/src/identity/lockout'

const MIN = 60_000
const now = new Date('2026-11-20T02:00:00.000Z')

describe('lockout policy', () => {
  it('citizens: 10 failures within an hour lock the phone for an hour', () => {
    expect(LOCKOUT.citizen).toMatchObject({ maxFailures: 10, windowMs: 60 * MIN, lockMs: 60 * MIN, code: 'LOGIN_LOCKED' })
  })

  it('staff: 5 failures within 15 minutes lock the username for 15 minutes', () => {
    expect(LOCKOUT.staff).toMatchObject({ maxFailures: 5, windowMs: 15 * MIN, lockMs: 15 * MIN, code: 'STAFF_LOCKED' })
  })

  it.each(Object.entries(LOCKOUT))('%s: under the limit nothing locks; at and over it the lock runs lockMs from now', (_name, policy) => {
    expect(lockEnd(policy, 0, now)).toBeUndefined()
    expect(lockEnd(policy, policy.maxFailures - 1, now)).toBeUndefined()
    expect(lockEnd(policy, policy.maxFailures, now)).toEqual(new Date(now.getTime() + policy.lockMs))
    expect(lockEnd(policy, policy.maxFailures + 3, now)).toEqual(new Date(now.getTime() + policy.lockMs))
  })

  it('keeps the keys the stored locks and counters already use', () => {
    expect(lockKeyOf(LOCKOUT.citizen, 'h1')).toBe('login:h1')
    expect(failureKeyOf(LOCKOUT.citizen, 'h1')).toBe('login-fail:h1')
    expect(lockKeyOf(LOCKOUT.staff, 'window01')).toBe('staff:window01')
    expect(failureKeyOf(LOCKOUT.staff, 'window01')).toBe('staff-fail:window01')
  })

  it('a locked answer is 423 with its code, the end in China time and lockedUntil', () => {
    const until = new Date('2026-11-20T03:00:00.000Z')
    const citizen = lockedError(LOCKOUT.citizen, until)
    expect(citizen.statusCode).toBe(423)
    expect(citizen.code).toBe('LOGIN_LOCKED')
    expect(citizen.message).toContain('11:00')
    expect(citizen.details).toEqual({ lockedUntil: until.toISOString() })
    const staff = lockedError(LOCKOUT.staff, until)
    expect(staff.statusCode).toBe(423)
    expect(staff.code).toBe('STAFF_LOCKED')
    expect(staff.message).toContain('11:00')
  })
})
