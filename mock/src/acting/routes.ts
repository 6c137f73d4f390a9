// Acting for someone else (enterprise or 代办 mandate), thin handlers over service.ts. A Fastify
// plugin; the auth hook that enforces each route's level is app-wide (identity/plugin.ts).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import {
  AddOperatorBody,
  AuditResponse,
  CreateMandateBody,
  CreatedResponse,
  EnterprisesResponse,
  IdParams,
  MandatesResponse,
  OkResponse,
  OperatorParams,
  OperatorsResponse,
  PaperMandateBody,
  SwitchActingBody,
  TokenResponse,
} from '../../../src/domain/contract'
import { errorResponses, type Services } from '../context'
import { createActingService } from './service'

const actingRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services: s }) => {
  const acting = createActingService(s, app.identity)
  const tags = ['identity']

  app.get(
    '/api/me/enterprises',
    { config: { level: 'L2' }, schema: { tags, summary: 'Enterprises I may act for (legal representative or operator)', response: { 200: EnterprisesResponse, ...errorResponses(401, 403) } } },
    async (request) => acting.enterprisesOf(request.db, request.citizen!.accountId),
  )

  app.post(
    '/api/me/acting',
    { config: { level: 'L2' }, schema: { tags, summary: 'Switch the acting identity (self / enterprise / proxy); returns a new token pair', body: SwitchActingBody, response: { 200: TokenResponse, ...errorResponses(400, 401, 403) } } },
    async (request) => acting.switchActing(request.db, request, request.body),
  )

  app.get(
    '/api/enterprises/:id/operators',
    { config: { level: 'L2' }, schema: { tags, summary: 'Operators of my enterprise (legal representative only)', params: IdParams, response: { 200: OperatorsResponse, ...errorResponses(401, 403, 404) } } },
    async (request) => acting.operators(request.db, request.citizen!.accountId, request.params.id),
  )

  app.post(
    '/api/enterprises/:id/operators',
    { config: { level: 'L3' }, schema: { tags, summary: 'Authorise a real-named citizen as operator (legal representative only; L3)', params: IdParams, body: AddOperatorBody, response: { 201: OkResponse, ...errorResponses(400, 401, 403, 404, 409) } } },
    async (request, reply) => {
      await acting.addOperator(request.db, request, request.params.id, request.body)
      reply.code(201)
      return { ok: true as const }
    },
  )

  app.post(
    '/api/enterprises/:id/operators/:operatorId/revoke',
    { config: { level: 'L2' }, schema: { tags, summary: 'Withdraw an operator authorisation', params: OperatorParams, response: { 200: OkResponse, ...errorResponses(401, 403, 404) } } },
    async (request) => {
      await acting.revokeOperator(request.db, request, request.params.id, request.params.operatorId)
      return { ok: true as const }
    },
  )

  app.get(
    '/api/me/mandates',
    { config: { auth: 'citizen' }, schema: { tags, summary: 'Mandates I gave and received (我的授权)', response: { 200: MandatesResponse, ...errorResponses(401) } } },
    async (request) => acting.mandates(request.db, request.citizen!.accountId),
  )

  app.post(
    '/api/me/mandates',
    { config: { level: 'L3' }, schema: { tags, summary: 'Grant a 代办 mandate (items or categories, ≤ 90 days; L3)', body: CreateMandateBody, response: { 201: CreatedResponse, ...errorResponses(400, 401, 403, 404) } } },
    async (request, reply) => {
      const created = await acting.grantMandate(request.db, request, request.body)
      reply.code(201)
      return created
    },
  )

  app.post(
    '/api/agent/mandates',
    {
      config: { level: 'L2' },
      schema: { tags, summary: 'Village agent (代办员): register a signed paper mandate (委托书 photo, JPEG/PNG)', body: PaperMandateBody, response: { 201: CreatedResponse, ...errorResponses(400, 401, 403, 404) } },
    },
    async (request, reply) => {
      const created = await acting.registerPaperMandate(request.db, request, request.body)
      reply.code(201)
      return created
    },
  )

  app.post(
    '/api/me/mandates/:id/revoke',
    { config: { auth: 'citizen' }, schema: { tags, summary: 'Revoke a mandate at once (grantor, or the grantee giving it up)', params: IdParams, response: { 200: OkResponse, ...errorResponses(401, 404) } } },
    async (request) => {
      await acting.revokeMandate(request.db, request, request.params.id)
      return { ok: true as const }
    },
  )

  app.get(
    '/api/me/mandates/:id/actions',
    { config: { auth: 'citizen' }, schema: { tags, summary: 'Everything done under a mandate (grantor and grantee see it)', params: IdParams, response: { 200: AuditResponse, ...errorResponses(401, 404) } } },
    async (request) => acting.mandateActions(request.db, request.citizen!.accountId, request.params.id),
  )
}

export default actingRoutes
