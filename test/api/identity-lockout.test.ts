// The one sign-in lockout policy against the database (both of them): failures counted in the
// window lock the subject, old failures fall out of the window, and citizen and staff counters
// and locks never mix.
import { LOCKOUT, activeLock, recordFailure } from '../../mock/src/identity/lockout'
import { forEachDatabase } from './harness'

const MIN = 60_000

forEachDatabase('identity: lockout policy', (getEnv) => {
  it.each(Object.entries(LOCKOUT))('%s: the limit-th failure in the window locks for lockMs, then it lifts', async (name, policy) => {
    const db = getEnv().database.db
    const subject = `lockout-${name}`
    const t0 = Date.parse('2026-11-20T02:00:00.000Z')
    for (let i = 1; i < policy.maxFailures; i++) expect(await recordFailure(db, policy, subject, new Date(t0 + i * 1000))).toBeUndefined()
    expect(await activeLock(db, policy, subject, new Date(t0 + policy.maxFailures * 1000))).toBeUndefined()
    const at = new Date(t0 + policy.maxFailures * 1000)
    const until = await recordFailure(db, policy, subject, at)
    expect(until).toEqual(new Date(at.getTime() + policy.lockMs))
    expect(await activeLock(db, policy, subject, new Date(at.getTime() + 1))).toEqual(until)
    expect(await activeLock(db, policy, subject, new Date(at.getTime() + policy.lockMs))).toBeUndefined()
  })

  it.each(Object.entries(LOCKOUT))('%s: failures older than the window do not count', async (name, policy) => {
    const db = getEnv().database.db
    const subject = `lockout-window-${name}`
    const t0 = Date.parse('2026-11-21T02:00:00.000Z')
    for (let i = 0; i < policy.maxFailures - 1; i++) await recordFailure(db, policy, subject, new Date(t0 + i * 1000))
    // The next failure comes just after the first one left the window.
    expect(await recordFailure(db, policy, subject, new Date(t0 + policy.windowMs + 1))).toBeUndefined()
  })

  it('a citizen lock and a staff lock on the same subject text are separate', async () => {
    const db = getEnv().database.db
    const at = new Date('2026-11-22T02:00:00.000Z')
    for (let i = 0; i < LOCKOUT.staff.maxFailures; i++) await recordFailure(db, LOCKOUT.staff, 'same', new Date(at.getTime() + i))
    expect(await activeLock(db, LOCKOUT.staff, 'same', new Date(at.getTime() + MIN))).toBeDefined()
    expect(await activeLock(db, LOCKOUT.citizen, 'same', new Date(at.getTime() + MIN))).toBeUndefined()
    expect(await recordFailure(db, LOCKOUT.citizen, 'same', new Date(at.getTime() + MIN))).toBeUndefined()
  })
})
