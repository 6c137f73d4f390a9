// Shared steps of the booking API suites: the injected clock, a staff sign-in, running the job
// queue at the test clock. (Not a test file: Jest matches *.test.ts only.)
import { JOB_NO_SHOW, JOB_REMIND, markNoShow, remind } from '../../mock/src/booking/service'
import { SEED_STAFF } from '../../mock/src/identity/staff'
import { base32Decode, totp } from '../../mock/src/identity/totp'
import { workDue } from '../../mock/src/jobs/queue'
import { PUSH_JOB, pushHandler, type PushSender } from '../../mock/src/notify'
import type { TestEnv } from './harness'
import { post, type TestClock } from './identity-helpers'

/** Monday 2026-11-23 09:00 in China. */
export const MONDAY_0900 = '2026-11-23T01:00:00.000Z'
export const MIN = 60_000
export const HOUR = 60 * MIN

/** Two bookable items served at 江北区行政服务中心 (08:30-12:00, 13:30-17:00). */
export const HALL = 'jb-centre'
export const ITEMS = ['33020007001001000', '33020007001002000', '33020007001003000', '33020007001004000', '33020007001007000']

/** `YYYY-MM-DDTHH:mm` China time -> ISO. */
export const cn = (local: string): string => new Date(`${local}:00+08:00`).toISOString()

export async function staffToken(env: TestEnv, clock: TestClock, which: 'window' | 'approver' | 'admin' = 'window'): Promise<string> {
  // Window staff check in at their own halls only: the officer of HALL (window02, 江北).
  const s = SEED_STAFF.find((x) => x.roles.includes(which) && (which !== 'window' || x.hallIds.includes(HALL)))!
  const res = await post(env, '/api/staff/login', { username: s.username, password: s.password, totp: totp(base32Decode(s.totpSecret), clock.now()) })
  if (res.statusCode !== 200) throw new Error(`staff login: ${res.statusCode} ${res.body}`)
  return res.json().accessToken
}

export async function runJobs(env: TestEnv, now: Date, senders: Partial<Record<'weapp' | 'alipay', PushSender>> = {}) {
  return workDue(env.database.db, { [JOB_NO_SHOW]: markNoShow, [JOB_REMIND]: remind, [PUSH_JOB]: pushHandler(senders, (e) => env.crypto.decrypt(e)) }, now)
}

/** A fresh access token after the clock moved past its 15 minutes. */
export async function refreshed(env: TestEnv, refreshToken: string): Promise<{ accessToken: string; refreshToken: string }> {
  const res = await post(env, '/api/auth/refresh', { refreshToken })
  if (res.statusCode !== 200) throw new Error(`refresh: ${res.statusCode} ${res.body}`)
  return res.json()
}
