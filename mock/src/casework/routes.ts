// Staff API of cases (window intake, approvers' review): thin handlers over service.ts. The
// officer's scope (department, halls) is applied in every query; out of scope answers 404.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import type { CaseAction, CaseState } from '../../../src/domain/cases/states'
import { CaseDetail, CaseFollowUpListResponse, CaseIdParams, CaseRatingReplyBody, StaffActionBody, StaffActionParams, StaffCaseListResponse, StaffCaseQuery, StaffFileLinkResponse, StaffFileParams, StaffFileViewQuery } from '../../../src/domain/contract/cases'
import { errorResponses, type Services } from '../context'
import { createCaseworkService } from './service'

const staff = { auth: 'staff' as const, roles: ['window' as const, 'approver' as const, 'admin' as const] }

const caseworkRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services: s }) => {
  const work = createCaseworkService(s)
  const tags = ['cases']

  app.get(
    '/api/staff/cases',
    { config: staff, schema: { tags, summary: 'Work queue by role within the officer’s scope (window: intake at their halls; approver: review of their department), with counts per state', querystring: StaffCaseQuery, response: { 200: StaffCaseListResponse } } },
    async (request) => work.queue(request.db, request.staff!, { state: request.query.state as CaseState | undefined, limit: request.query.limit }),
  )

  app.get(
    '/api/staff/cases/follow-ups',
    { config: staff, schema: { tags, summary: '不满意 ratings awaiting a follow-up (cases in scope)', response: { 200: CaseFollowUpListResponse } } },
    async (request) => work.followUps(request.db, request.staff!),
  )

  app.get(
    '/api/staff/cases/:id',
    { config: staff, schema: { tags, summary: 'Case for an officer (404 outside their scope)', params: CaseIdParams, response: { 200: CaseDetail, ...errorResponses(404) } } },
    async (request) => work.one(request.db, request.staff!, request.params.id),
  )

  app.get(
    '/api/staff/cases/:id/files/:fileId',
    { config: staff, schema: { tags, summary: 'Open a material of a case (logged in the citizen’s 谁查看了我的数据)', params: Type.Object({ id: Type.String({ format: 'uuid' }), fileId: Type.String({ format: 'uuid' }) }) } },
    async (request, reply) => {
      const f = await work.file(request.db, request, request.staff!, request.params.id, request.params.fileId)
      reply.header('content-type', f.type).header('cache-control', 'private, no-store').header('content-disposition', 'inline')
      return reply.send(f.bytes)
    },
  )

  app.get(
    '/api/staff/cases/:id/files/:fileId/link',
    { config: staff, schema: { tags, summary: 'A short-lived signed link that opens a material in a viewer (404 outside the officer’s scope)', params: StaffFileParams, response: { 200: StaffFileLinkResponse, ...errorResponses(404) } } },
    async (request) => work.fileLink(request.db, request.staff!, request.params.id, request.params.fileId),
  )

  app.get(
    '/api/staff/cases/:id/files/:fileId/view',
    {
      schema: {
        tags,
        summary: 'Open a material through its viewer link (no bearer: an <img> or a new tab); logged in the citizen’s 谁查看了我的数据',
        params: StaffFileParams,
        querystring: StaffFileViewQuery,
        response: { 200: Type.Any({ description: 'the material (image or PDF)' }), ...errorResponses(403, 404) },
      },
    },
    async (request, reply) => {
      const f = await work.openLinked(request.db, request, request.params.id, request.params.fileId, request.query.by, request.query.t)
      reply.header('content-type', f.type).header('cache-control', 'private, no-store').header('content-disposition', 'inline')
      return reply.send(f.bytes)
    },
  )

  app.post(
    '/api/staff/cases/:id/:action',
    { config: staff, schema: { tags, summary: 'Move a case (by role, within scope)', params: StaffActionParams, body: StaffActionBody, response: { 200: CaseDetail, ...errorResponses(400, 403, 404, 409) } } },
    async (request) => work.act(request.db, request.staff!, request.params.id, request.params.action as CaseAction, request.body),
  )

  app.post(
    '/api/staff/cases/:id/rating-reply',
    { config: staff, schema: { tags, summary: 'Answer a 不满意 rating (follow-up)', params: CaseIdParams, body: CaseRatingReplyBody, response: { 200: Type.Object({ ok: Type.Boolean() }), ...errorResponses(404, 409) } } },
    async (request) => {
      await work.ratingReply(request.db, request.staff!, request.params.id, request.body.reply)
      return { ok: true }
    },
  )
}

export default caseworkRoutes
