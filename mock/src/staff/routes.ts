// Staff (hall windows, approvers, admins): username + scrypt password + TOTP. Tokens have the
// staff audience, so they never pass on citizen endpoints, nor citizen tokens here. Thin handlers
// over service.ts; admins manage the accounts and their scope (issue 20). A Fastify plugin.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import {
  OkResponse,
  ScannerSyncResponse,
  StaffAccountView,
  StaffCreateBody,
  StaffIdParams,
  StaffListResponse,
  StaffLoginBody,
  StaffMeResponse,
  StaffScopeBody,
  StaffSetupBody,
  StaffTotpResponse,
  TokenResponse,
  VillageAgentBody,
} from '../../../src/domain/contract'
import { errorResponses, type Services } from '../context'
import { createStaffService } from './service'

const staffRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services: s }) => {
  const tags = ['staff']
  const staff = createStaffService(s, app.identity)
  const admin = { auth: 'staff' as const, roles: ['admin' as const] }

  app.post(
    '/api/staff/login',
    { schema: { tags, summary: 'Staff sign-in: username + password + TOTP; 5 failures in 15 min lock the account for 15 min. 403 STAFF_SETUP_REQUIRED: first sign-in, use /api/staff/setup', body: StaffLoginBody, response: { 200: TokenResponse, ...errorResponses(400, 401, 403, 423) } } },
    async (request, reply) => staff.login(request.db, reply, request.body),
  )

  app.post(
    '/api/staff/setup',
    {
      schema: {
        tags,
        summary: 'First sign-in: the one-time password and a code from the newly enrolled TOTP app, plus the new password (12+ characters, letters and digits, not a published one); answers with a session',
        body: StaffSetupBody,
        response: { 200: TokenResponse, ...errorResponses(400, 401, 403, 423) },
      },
    },
    async (request, reply) => staff.setup(request.db, reply, request.body),
  )

  app.get(
    '/api/staff/me',
    { config: { auth: 'staff' }, schema: { tags, summary: 'The signed-in staff member and their scope (department, halls)', response: { 200: StaffMeResponse, ...errorResponses(401) } } },
    async (request) => staff.me(request.db, request.staff!.staffId),
  )

  app.post(
    '/api/staff/logout',
    { config: { auth: 'staff' }, schema: { tags, summary: 'Staff log out', response: { 200: OkResponse, ...errorResponses(401) } } },
    async (request) => {
      await staff.logout(request.db, request.staff!.sessionId)
      return { ok: true as const }
    },
  )

  app.post(
    '/api/staff/wallet/sync',
    {
      config: { auth: 'staff', roles: ['window', 'admin'] },
      schema: { tags, summary: 'Key set and revocation list for a scanner; the server records the time (offline verifications before it are not believed)', response: { 200: ScannerSyncResponse, ...errorResponses(401, 403) } },
    },
    async (request) => staff.scannerSync(request.db, request.staff!.staffId),
  )

  // ---- Admin -------------------------------------------------------------------------------------
  app.get(
    '/api/staff/accounts',
    { config: admin, schema: { tags, summary: 'Staff accounts with scope, disabled and lock state (admin)', response: { 200: StaffListResponse, ...errorResponses(401, 403) } } },
    async (request) => ({ items: await staff.list(request.db) }),
  )

  app.post(
    '/api/staff/accounts',
    { config: admin, schema: { tags, summary: 'Create a staff account with its scope (admin); answers the TOTP secret once', body: StaffCreateBody, response: { 201: StaffTotpResponse, ...errorResponses(400, 401, 403, 409) } } },
    async (request, reply) => {
      reply.code(201)
      return staff.create(request.db, request, request.body)
    },
  )

  app.post(
    '/api/staff/accounts/:id/scope',
    { config: admin, schema: { tags, summary: 'Set roles, department and halls of a staff account (admin)', params: StaffIdParams, body: StaffScopeBody, response: { 200: StaffAccountView, ...errorResponses(400, 401, 403, 404) } } },
    async (request) => staff.setScope(request.db, request, request.params.id, request.body),
  )

  app.post(
    '/api/staff/accounts/:id/disable',
    { config: admin, schema: { tags, summary: 'Disable a staff account (admin); its sessions end', params: StaffIdParams, response: { 200: StaffAccountView, ...errorResponses(401, 403, 404, 409) } } },
    async (request) => staff.setDisabled(request.db, request, request.params.id, true),
  )

  app.post(
    '/api/staff/accounts/:id/enable',
    { config: admin, schema: { tags, summary: 'Enable a disabled staff account again (admin)', params: StaffIdParams, response: { 200: StaffAccountView, ...errorResponses(401, 403, 404) } } },
    async (request) => staff.setDisabled(request.db, request, request.params.id, false),
  )

  app.post(
    '/api/staff/accounts/:id/reset-totp',
    { config: admin, schema: { tags, summary: 'Give a staff account a new TOTP secret (admin); answered once, sessions end', params: StaffIdParams, response: { 200: StaffTotpResponse, ...errorResponses(401, 403, 404) } } },
    async (request) => staff.resetTotp(request.db, request, request.params.id),
  )

  app.post(
    '/api/staff/accounts/:id/unlock',
    { config: admin, schema: { tags, summary: 'Lift a sign-in lock after failed attempts (admin)', params: StaffIdParams, response: { 200: StaffAccountView, ...errorResponses(401, 403, 404) } } },
    async (request) => staff.unlock(request.db, request, request.params.id),
  )

  app.post(
    '/api/staff/village-agents',
    { config: admin, schema: { tags, summary: 'Register or remove a village agent (代办员) by phone (admin)', body: VillageAgentBody, response: { 200: OkResponse, ...errorResponses(400, 401, 403, 404) } } },
    async (request) => {
      await staff.villageAgent(request.db, request, request.body.phone, request.body.enabled)
      return { ok: true as const }
    },
  )
}

export default staffRoutes
