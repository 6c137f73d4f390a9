// Staff (hall windows, approvers, admins): username + scrypt password + TOTP. Tokens have the
// staff audience, so they never pass on citizen endpoints, nor citizen tokens here.
import { and, eq, isNull } from 'drizzle-orm'
import { OkResponse, StaffListResponse, StaffLoginBody, StaffSetupBody, StaffMeResponse, TokenResponse, VillageAgentBody } from '../../../src/domain/contract'
import { accounts, staffAccounts } from '../db/schema'
import { ApiError } from '../errors'
import type { IdentityServices } from '../identity'
import { audit, type StaffRole } from '../identity/auth'
import { checkStaffCredentials, completeSetup, needsSetup, newPasswordProblem, setupRequired } from '../identity/first-signin'
import { createSession, revokeSession } from '../identity/sessions'
import { parsePhone } from './auth'
import { errorResponses, type App, type Services } from './context'

export { STAFF_FAILURE_WINDOW, STAFF_LOCK, STAFF_MAX_FAILURES } from '../identity/first-signin'

export function staffRoutes(app: App, s: Services, id: IdentityServices): void {
  const tags = ['staff']

  app.post(
    '/api/staff/login',
    { schema: { tags, summary: 'Staff sign-in: username + password + TOTP; 5 failures in 15 min lock the account for 15 min. 403 STAFF_SETUP_REQUIRED: first sign-in, use /api/staff/setup', body: StaffLoginBody, response: { 200: TokenResponse, ...errorResponses(400, 401, 403, 423) } } },
    async (request, reply) => {
      const now = s.now()
      const checked = await checkStaffCredentials(request.db, s.crypto, reply, request.body, now)
      if (!checked.ok) return checked.body
      // A one-time password or an unproven TOTP enrolment gets no session: /api/staff/setup first.
      if (needsSetup(checked.staff)) throw setupRequired()
      await request.db.update(staffAccounts).set({ lastTotpStep: checked.step }).where(eq(staffAccounts.id, checked.staff.id))
      return createSession(request.db, id.signer, { audience: 'staff', subjectId: checked.staff.id, device: request.body.device ?? '工作台', channel: 'h5' }, now)
    },
  )

  app.post(
    '/api/staff/setup',
    {
      schema: {
        tags,
        summary: 'First sign-in: the one-time password and a code from the newly enrolled TOTP app, plus the new password (12+ characters, letters and digits, not a published one); answers with a session',
        body: StaffSetupBody,
        response: { 200: TokenResponse, ...errorResponses(400, 401, 423) },
      },
    },
    async (request, reply) => {
      const now = s.now()
      const checked = await checkStaffCredentials(request.db, s.crypto, reply, request.body, now)
      if (!checked.ok) return checked.body
      const problem = newPasswordProblem(request.body.newPassword, request.body.password)
      if (problem) throw new ApiError(400, 'STAFF_PASSWORD_WEAK', problem, 'newPassword')
      await completeSetup(request.db, checked.staff, request.body.newPassword, checked.step, now)
      return createSession(request.db, id.signer, { audience: 'staff', subjectId: checked.staff.id, device: request.body.device ?? '工作台', channel: 'h5' }, now)
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
