// Staff (hall windows, approvers, admins): username + scrypt password + TOTP. Tokens have the
// staff audience, so they never pass on citizen endpoints, nor citizen tokens here.
import { and, eq, isNull } from 'drizzle-orm'
import { OkResponse, StaffListResponse, StaffLoginBody, StaffMeResponse, TokenResponse, VillageAgentBody } from '../../../src/domain/contract'
import { format } from '../../../src/domain/messages'
import { api } from '../../../src/domain/messages/zh-CN/api'
import { accounts, staffAccounts } from '../db/schema'
import { ApiError } from '../errors'
import type { IdentityServices } from '../identity'
import { audit, chinaTime, committedError, type StaffRole } from '../identity/auth'
import { DUMMY_HASH, verifyPassword } from '../identity/password'
import { MINUTE, countEvents, lockKey, lockedUntil, recordEvent, setLock } from '../identity/rate'
import { createSession, revokeSession } from '../identity/sessions'
import { base32Decode, verifyTotp } from '../identity/totp'
import { parsePhone } from './auth'
import { errorResponses, type App, type Services } from './context'

export const STAFF_MAX_FAILURES = 5
export const STAFF_FAILURE_WINDOW = 15 * MINUTE
export const STAFF_LOCK = 15 * MINUTE

export function staffRoutes(app: App, s: Services, id: IdentityServices): void {
  const tags = ['staff']

  app.post(
    '/api/staff/login',
    { schema: { tags, summary: 'Staff sign-in: username + password + TOTP; 5 failures in 15 min lock the account for 15 min', body: StaffLoginBody, response: { 200: TokenResponse, ...errorResponses(400, 401, 423) } } },
    async (request, reply) => {
      const now = s.now()
      const db = request.db
      const username = request.body.username.trim().toLowerCase()
      await lockKey(db, `staff:${username}`)
      const locked = await lockedUntil(db, `staff:${username}`, now)
      if (locked) throw new ApiError(423, 'STAFF_LOCKED', format(api.errors.STAFF_LOCKED, { time: chinaTime(locked) }), undefined, { lockedUntil: locked.toISOString() })
      const [staff] = await db.select().from(staffAccounts).where(eq(staffAccounts.username, username))
      const passwordOk = await verifyPassword(request.body.password, staff?.passwordHash ?? DUMMY_HASH)
      const step = staff && passwordOk ? verifyTotp(base32Decode(s.crypto.decrypt(staff.totpSecretEnc)), request.body.totp, now) : undefined
      // A TOTP code is good once: a step at or before the last accepted one is a replay.
      const fresh = step !== undefined && (staff!.lastTotpStep === null || step > staff!.lastTotpStep)
      if (!staff || !passwordOk || !fresh) {
        const key = `staff-fail:${username}`
        await recordEvent(db, key, now)
        const { n } = await countEvents(db, key, new Date(now.getTime() - STAFF_FAILURE_WINDOW))
        if (n >= STAFF_MAX_FAILURES) {
          const until = new Date(now.getTime() + STAFF_LOCK)
          await setLock(db, `staff:${username}`, until)
          return committedError(reply, new ApiError(423, 'STAFF_LOCKED', format(api.errors.STAFF_LOCKED, { time: chinaTime(until) }), undefined, { lockedUntil: until.toISOString() }))
        }
        return committedError(reply, new ApiError(401, 'STAFF_LOGIN_FAILED'))
      }
      await db.update(staffAccounts).set({ lastTotpStep: step }).where(eq(staffAccounts.id, staff.id))
      return createSession(db, id.signer, { audience: 'staff', subjectId: staff.id, device: request.body.device ?? '工作台', channel: 'h5' }, now)
    },
  )

  app.get(
    '/api/staff/me',
    { config: { auth: 'staff' }, schema: { tags, summary: 'The signed-in staff member', response: { 200: StaffMeResponse, ...errorResponses(401) } } },
    async (request) => {
      const [st] = await request.db.select().from(staffAccounts).where(eq(staffAccounts.id, request.staff!.staffId))
      return { id: st.id, username: st.username, displayName: st.displayName, roles: st.roles as StaffRole[] }
    },
  )

  app.post(
    '/api/staff/logout',
    { config: { auth: 'staff' }, schema: { tags, summary: 'Staff log out', response: { 200: OkResponse, ...errorResponses(401) } } },
    async (request) => {
      await revokeSession(request.db, request.staff!.sessionId, 'logout', s.now())
      return { ok: true as const }
    },
  )

  app.get(
    '/api/staff/accounts',
    { config: { auth: 'staff', roles: ['admin'] }, schema: { tags, summary: 'Staff accounts (admin)', response: { 200: StaffListResponse, ...errorResponses(401, 403) } } },
    async (request) => {
      const rows = await request.db.select().from(staffAccounts).orderBy(staffAccounts.username)
      return { items: rows.map((r) => ({ id: r.id, username: r.username, displayName: r.displayName, roles: r.roles as StaffRole[] })) }
    },
  )

  app.post(
    '/api/staff/village-agents',
    { config: { auth: 'staff', roles: ['admin'] }, schema: { tags, summary: 'Register or remove a village agent (代办员) by phone (admin)', body: VillageAgentBody, response: { 200: OkResponse, ...errorResponses(400, 401, 403, 404) } } },
    async (request) => {
      const phone = parsePhone(request.body.phone)
      const rows = await request.db
        .update(accounts)
        .set({ isVillageAgent: request.body.enabled })
        .where(and(eq(accounts.phoneHmac, s.crypto.index(phone)), isNull(accounts.deletedAt)))
        .returning({ id: accounts.id })
      if (rows.length === 0) throw new ApiError(404, 'GRANTEE_NOT_FOUND', undefined, 'phone')
      await audit(request.db, request, request.body.enabled ? 'staff.village_agent_added' : 'staff.village_agent_removed', s.now(), { accountId: rows[0].id })
      return { ok: true as const }
    },
  )
}
