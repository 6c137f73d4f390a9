// Citizen identity API, thin handlers over service.ts: sign-in (SMS code, mini-program login,
// refresh, re-authentication, logout), the token keys, real name (L2), real person (L3), the
// account overview, devices, consent, export and deletion. A Fastify plugin; the auth hook it
// relies on is app-wide (plugin.ts).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import {
  ConsentBody,
  ConsentsResponse,
  DeleteAccountBody,
  FaceCompleteBody,
  FaceStartBody,
  FaceStartResponse,
  IdParams,
  LevelResponse,
  LoginBody,
  MeResponse,
  MiniLoginBody,
  MiniLoginResponse,
  OkResponse,
  ReauthBody,
  RealNameBody,
  RefreshBody,
  SendSmsBody,
  SendSmsResponse,
  SessionsResponse,
  TokenResponse,
} from '../../../src/domain/contract'
import { errorResponses, type Services } from '../context'
import { committedError } from './auth'
import { createIdentityService, type Outcome } from './service'

const identityRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services: s }) => {
  const identity = createIdentityService(s, app.identity)
  const tags = ['identity']
  const answer = <T>(reply: Parameters<typeof committedError>[0], r: Outcome<T>): T => (r.ok ? r.value : committedError(reply, r.error))

  app.get('/api/auth/jwks.json', { schema: { tags, summary: 'Public keys that verify access tokens (ES256)' } }, async () => app.identity.signer.jwks())

  // ---- Sign-in -------------------------------------------------------------------------------------
  app.post(
    '/api/auth/sms',
    { schema: { tags, summary: 'Send a 6-digit SMS code (≤ 1/60 s, ≤ 10/day per phone, ≤ 20/h per IP)', body: SendSmsBody, response: { 200: SendSmsResponse, ...errorResponses(400, 423, 429, 503) } } },
    async (request) => identity.sendSms(request.db, request.body, request.ip),
  )

  app.post(
    '/api/auth/login',
    { schema: { tags, summary: 'Sign in with phone + SMS code (L1); with `bindTicket` also binds the mini-program openid', body: LoginBody, response: { 200: TokenResponse, ...errorResponses(400, 423) } } },
    async (request, reply) => answer(reply, await identity.login(request.db, request.body)),
  )

  app.post(
    '/api/auth/mini-login',
    {
      schema: {
        tags,
        summary: 'Mini-program login: a session when the openid is bound, else a binding ticket for the phone step',
        body: MiniLoginBody,
        response: { 200: MiniLoginResponse, ...errorResponses(400, 401, 403, 503) },
      },
    },
    async (request) => identity.miniLogin(request.db, request.body),
  )

  app.post(
    '/api/auth/refresh',
    { schema: { tags, summary: 'Rotate a refresh token (citizen or staff); reuse of a spent one revokes the session', body: RefreshBody, response: { 200: TokenResponse, ...errorResponses(400, 401) } } },
    async (request, reply) => answer(reply, await identity.refresh(request.db, request.body.refreshToken)),
  )

  app.post(
    '/api/auth/reauth/sms',
    { config: { auth: 'citizen' }, schema: { tags, summary: 'Send a re-authentication code to the account phone', response: { 200: SendSmsResponse, ...errorResponses(401, 423, 429, 503) } } },
    async (request) => identity.reauthSms(request.db, request.citizen!.accountId, request.ip),
  )

  app.post(
    '/api/auth/reauth',
    { config: { auth: 'citizen' }, schema: { tags, summary: 'Re-authenticate with the code: restores L2 for 12 h', body: ReauthBody, response: { 200: OkResponse, ...errorResponses(400, 401, 423) } } },
    async (request, reply) => answer(reply, await identity.reauth(request.db, request.citizen!.accountId, request.citizen!.sessionId, request.body.code)),
  )

  app.post(
    '/api/auth/logout',
    { config: { auth: 'citizen' }, schema: { tags, summary: 'Log out on this device', response: { 200: OkResponse, ...errorResponses(401) } } },
    async (request) => {
      await identity.logout(request.db, request.citizen!.sessionId)
      return { ok: true as const }
    },
  )

  app.post(
    '/api/auth/logout-all',
    { config: { auth: 'citizen' }, schema: { tags, summary: 'Log out everywhere', response: { 200: OkResponse, ...errorResponses(401) } } },
    async (request) => {
      await identity.logoutAll(request.db, request.citizen!.accountId)
      return { ok: true as const }
    },
  )

  // ---- Account, real name, real person ---------------------------------------------------------------
  app.get(
    '/api/me',
    { config: { auth: 'citizen' }, schema: { tags, summary: 'The signed-in citizen: level, masked real name, acting identity', response: { 200: MeResponse, ...errorResponses(401) } } },
    async (request) => identity.me(request.db, request),
  )

  app.post(
    '/api/identity/real-name',
    {
      config: { auth: 'citizen' },
      schema: { tags, summary: 'Real-name check (L2): name + ID number against the identity registry; ≤ 5 mismatches per day', body: RealNameBody, response: { 200: LevelResponse, ...errorResponses(400, 401, 403, 409, 429, 503) } },
    },
    async (request, reply) => answer(reply, await identity.realName(request.db, request, request.body)),
  )

  app.post(
    '/api/identity/face/start',
    {
      config: { level: 'L2' },
      schema: { tags, summary: 'Start a real-person check (L3); the client runs the face UI with `clientToken`', body: FaceStartBody, response: { 200: FaceStartResponse, ...errorResponses(400, 401, 403, 503) } },
    },
    async (request) => identity.faceStart(request.db, request, request.body),
  )

  app.post(
    '/api/identity/face/complete',
    {
      config: { level: 'L2' },
      schema: { tags, summary: 'Finish a real-person check: the server asks the provider for the result (L3 for 30 minutes)', body: FaceCompleteBody, response: { 200: LevelResponse, ...errorResponses(400, 401, 403, 404, 503) } },
    },
    async (request, reply) => answer(reply, await identity.faceComplete(request.db, request, request.body)),
  )

  // ---- Devices, consent, export, deletion --------------------------------------------------------------
  app.get(
    '/api/me/sessions',
    { config: { auth: 'citizen' }, schema: { tags, summary: 'Signed-in devices (账号与安全)', response: { 200: SessionsResponse, ...errorResponses(401) } } },
    async (request) => identity.sessions(request.db, request.citizen!.accountId, request.citizen!.sessionId),
  )

  app.post(
    '/api/me/sessions/:id/revoke',
    { config: { auth: 'citizen' }, schema: { tags, summary: 'Sign one device out', params: IdParams, response: { 200: OkResponse, ...errorResponses(401, 404) } } },
    async (request) => {
      await identity.revokeDevice(request.db, request.citizen!.accountId, request.params.id)
      return { ok: true as const }
    },
  )

  app.get(
    '/api/me/consents',
    { config: { auth: 'citizen' }, schema: { tags, summary: 'Consent records, newest first', response: { 200: ConsentsResponse, ...errorResponses(401) } } },
    async (request) => identity.consents(request.db, request.citizen!.accountId),
  )

  app.post(
    '/api/me/consents',
    { config: { auth: 'citizen' }, schema: { tags, summary: 'Give or withdraw a consent (privacy policy, face, ID processing)', body: ConsentBody, response: { 200: OkResponse, ...errorResponses(400, 401) } } },
    async (request) => {
      await identity.giveConsent(request.db, request, request.body)
      return { ok: true as const }
    },
  )

  app.get('/api/me/export', { config: { auth: 'citizen' }, schema: { tags, summary: 'Everything stored about me (JSON; ID numbers masked)' } }, async (request, reply) => {
    const data = await identity.exportData(request.db, request)
    reply.header('content-disposition', 'attachment; filename="zhijian-my-data.json"')
    return data
  })

  app.post(
    '/api/me/delete',
    { config: { auth: 'citizen' }, schema: { tags, summary: 'Delete the account (注销); requires an export within 24 h', body: DeleteAccountBody, response: { 200: OkResponse, ...errorResponses(400, 401, 409) } } },
    async (request) => {
      await identity.deleteAccount(request.db, request)
      return { ok: true as const }
    },
  )
}

export default identityRoutes
