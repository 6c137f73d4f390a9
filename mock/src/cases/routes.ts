// Online applications (办件), the applicant's API: forms, uploads, drafts, submission, reading, the
// applicant's actions, rating, the public lookup, what the form knows of the applicant, hall-visit
// ratings, the staff follow-ups of ratings and the holiday calendar. Thin handlers over
// service.ts. The staff API that moves cases is casework/routes.ts.
import type { FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { UPLOAD_MAX_BYTES } from '../../../src/domain/cases/materials'
import { BookingIdParams } from '../../../src/domain/contract/booking'
import {
  ApplyFormResponse,
  CalendarYearBody,
  CalendarYearParams,
  CalendarYearsResponse,
  CaseCommentBody,
  CaseDetail,
  CaseDraftListResponse,
  CaseIdParams,
  CaseListResponse,
  CaseLookupBody,
  CaseLookupResponse,
  CaseProvideMaterialBody,
  CaseRateBody,
  CaseRatingReplyBody,
  CaseSaveDraftBody,
  CaseSupplementBody,
  CaseUploadResponse,
  CaseWithdrawCommitmentBody,
  RatingFollowUpListResponse,
  RatingIdParams,
  SubmitCaseBody,
  SubmitCaseResponse,
  VisitRatingResponse,
} from '../../../src/domain/contract/cases'
import { KnownApplicantQuery, KnownApplicantResponse } from '../../../src/domain/contract/known'
import { ApiError } from '../errors'
import { committedError, type CitizenIdentity } from '../identity/auth'
import { errorResponses, type Services } from '../context'
import { definition, formResponse } from './apply'
import { createCasesService } from './service'

export { LOOKUP_LIMIT } from './service'

const citizen = { auth: 'citizen' as const, level: 'L2' as const }
const staff = { auth: 'staff' as const, roles: ['window' as const, 'approver' as const, 'admin' as const] }
const tags = ['cases']

function who(request: FastifyRequest): CitizenIdentity {
  const c = request.citizen
  if (!c) throw new ApiError(401, 'UNAUTHENTICATED')
  return c
}

const caseRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services: s }) => {
  const cases = createCasesService(s)

  // ---- Forms ------------------------------------------------------------------------------
  app.get(
    '/api/cases/forms/:code',
    {
      schema: {
        tags,
        summary: 'The application form and materials of an item or a bundle (?bundle=true)',
        params: Type.Object({ code: Type.String({ maxLength: 40 }) }),
        querystring: Type.Object({ bundle: Type.Optional(Type.Boolean()) }),
        response: { 200: ApplyFormResponse, ...errorResponses(404, 409) },
      },
    },
    async (request) => formResponse(definition(request.params.code, request.query.bundle ?? false)),
  )

  app.get(
    '/api/cases/known',
    {
      config: citizen,
      schema: {
        tags,
        summary: 'Contact details to prefill and open cases of the same item(s) for the same subject; without `code`, the contact details alone',
        querystring: KnownApplicantQuery,
        response: { 200: KnownApplicantResponse, ...errorResponses(401, 404, 409) },
      },
    },
    async (request) => cases.known(request.db, who(request), request.query.code, request.query.bundle ?? false),
  )

  // ---- Uploads (raw bytes; the content addresses the file, so a retry finds the same row) ---
  await app.register(async (scope) => {
    scope.addContentTypeParser(['application/octet-stream', 'image/jpeg', 'image/png', 'application/pdf'], { parseAs: 'buffer', bodyLimit: UPLOAD_MAX_BYTES + 1 }, (_req, body, done) =>
      done(null, body),
    )
    scope.setErrorHandler((err) => {
      // A body over the limit: answer in this area's words.
      if ((err as { code?: string }).code === 'FST_ERR_CTP_BODY_TOO_LARGE') throw new ApiError(413, 'CASE_UPLOAD_TOO_LARGE')
      throw err
    })
    scope.post(
      '/api/cases/uploads',
      {
        config: { ...citizen, idempotency: false },
        schema: { tags, summary: 'Upload one material (jpg/png/pdf ≤ 10 MB, raw bytes)', response: { 201: CaseUploadResponse, ...errorResponses(400, 401, 403, 413, 415) } },
      },
      async (request, reply) => {
        const out = await cases.upload(request.db, who(request), request.body)
        reply.code(201)
        return out
      },
    )
  })

  app.get('/api/cases/files/:id', { config: citizen, schema: { tags, summary: 'One of my uploaded files', params: CaseIdParams } }, async (request, reply) => {
    const f = await cases.file(request.db, who(request), request.params.id)
    reply.header('content-type', f.type).header('cache-control', 'private, no-store').header('content-disposition', 'inline')
    return reply.send(f.bytes)
  })

  // ---- Drafts ------------------------------------------------------------------------------
  app.post(
    '/api/cases/drafts',
    { config: citizen, schema: { tags, summary: 'Save a draft (one per device draft id)', body: CaseSaveDraftBody, response: { 200: Type.Object({ draft: Type.Any() }), ...errorResponses(400, 401, 403, 404, 409) } } },
    async (request) => cases.saveDraft(request.db, who(request), request.body),
  )

  app.get('/api/cases/drafts', { config: citizen, schema: { tags, summary: 'My drafts', response: { 200: CaseDraftListResponse } } }, async (request) => cases.drafts(request.db, who(request)))

  app.post('/api/cases/drafts/:id/delete', { config: citizen, schema: { tags, summary: 'Delete a draft', params: CaseIdParams, response: { 200: Type.Object({ deleted: Type.Boolean() }), ...errorResponses(404) } } }, async (request) =>
    cases.deleteDraft(request.db, who(request), request.params.id),
  )

  // ---- Submit --------------------------------------------------------------------------------
  app.post(
    '/api/cases',
    {
      config: citizen,
      schema: { tags, summary: 'Submit an application (one case per item; a bundle gets one bundle number)', body: SubmitCaseBody, response: { 201: SubmitCaseResponse, ...errorResponses(400, 401, 403, 404, 409, 422) } },
    },
    async (request, reply) => {
      const out = await cases.submit(request.db, who(request), request.body)
      reply.code(201)
      return out
    },
  )

  // ---- Reading -------------------------------------------------------------------------------
  app.get(
    '/api/cases',
    { config: citizen, schema: { tags, summary: 'My cases (an enterprise identity: all the enterprise’s cases)', response: { 200: CaseListResponse } } },
    async (request) => cases.list(request.db, who(request)),
  )

  app.get('/api/cases/:id', { config: citizen, schema: { tags, summary: 'Case detail with timeline', params: CaseIdParams, response: { 200: CaseDetail, ...errorResponses(404) } } }, async (request) =>
    cases.one(request.db, who(request), request.params.id),
  )

  // ---- Applicant actions ---------------------------------------------------------------------
  const caseAction = (summary: string) => ({ config: citizen, schema: { tags, summary, params: CaseIdParams, response: { 200: CaseDetail, ...errorResponses(400, 403, 404, 409) } } })

  app.post('/api/cases/:id/withdraw', { ...caseAction('Withdraw before conclusion'), schema: { ...caseAction('').schema, summary: 'Withdraw before conclusion', body: CaseCommentBody } }, async (request) =>
    cases.withdraw(request.db, who(request), request.params.id, request.body.comment),
  )

  app.post('/api/cases/:id/supplement', { ...caseAction(''), schema: { ...caseAction('').schema, summary: 'Send the requested supplement (补正)', body: CaseSupplementBody } }, async (request) =>
    cases.supplement(request.db, who(request), request.params.id, request.body),
  )

  app.post('/api/cases/:id/materials', { ...caseAction(''), schema: { ...caseAction('').schema, summary: 'Hand in a deferred material (容缺后补)', body: CaseProvideMaterialBody } }, async (request) =>
    cases.provideMaterial(request.db, who(request), request.params.id, request.body),
  )

  app.post(
    '/api/cases/:id/commitments/withdraw',
    { ...caseAction(''), schema: { ...caseAction('').schema, summary: 'Withdraw a 告知承诺 before the decision (the proof is then due under 容缺)', body: CaseWithdrawCommitmentBody } },
    async (request) => cases.withdrawCommitment(request.db, who(request), request.params.id, request.body.name),
  )

  app.post('/api/cases/:id/rating', { ...caseAction(''), schema: { ...caseAction('').schema, summary: '好差评 once after conclusion', body: CaseRateBody } }, async (request) =>
    cases.rate(request.db, who(request), request.params.id, request.body),
  )

  // ---- Public lookup ---------------------------------------------------------------------------
  app.post(
    '/api/cases/lookup',
    { schema: { tags, summary: 'Look a case up by number + query code (no login; rate-limited)', body: CaseLookupBody, response: { 200: CaseLookupResponse, ...errorResponses(400, 404, 429) } } },
    async (request, reply) => {
      const out = await cases.lookup(request.db, request.ip, request.body)
      if ('found' in out) return out.found
      if (out.retryAfter) reply.header('retry-after', String(out.retryAfter))
      // The attempt is counted even when refused: answer without rolling the transaction back.
      return committedError(reply, out.refused)
    },
  )

  // ---- Hall-visit ratings and the staff follow-ups of every rating -----------------------------
  app.get(
    '/api/bookings/:id/rating',
    // Reading needs only a session (like the booking itself); rating needs L2 like a case's.
    { config: { auth: 'citizen' as const }, schema: { tags, summary: 'Whether a hall visit can be rated (the holder, after check-in, once), and the rating', params: BookingIdParams, response: { 200: VisitRatingResponse, ...errorResponses(401, 403, 404) } } },
    async (request) => cases.visitRating(request.db, who(request), request.params.id),
  )

  app.post(
    '/api/bookings/:id/rating',
    {
      config: citizen,
      schema: { tags, summary: '好差评 of a hall visit: once, by the booking holder, after check-in', params: BookingIdParams, body: CaseRateBody, response: { 201: VisitRatingResponse, ...errorResponses(400, 401, 403, 404, 409) } },
    },
    async (request, reply) => {
      const out = await cases.rateVisit(request.db, who(request), request.params.id, request.body)
      reply.code(201)
      return out
    },
  )

  app.get(
    '/api/staff/ratings/follow-ups',
    { config: staff, schema: { tags, summary: '不满意 ratings of cases and hall visits awaiting a follow-up', response: { 200: RatingFollowUpListResponse } } },
    async (request) => cases.ratingFollowUps(request.db, request.staff!),
  )

  app.post(
    '/api/staff/ratings/:id/reply',
    { config: staff, schema: { tags, summary: 'Answer a 不满意 rating of a case or a hall visit (follow-up)', params: RatingIdParams, body: CaseRatingReplyBody, response: { 200: Type.Object({ ok: Type.Boolean() }), ...errorResponses(404) } } },
    async (request) => {
      await cases.replyToRating(request.db, request.staff!, request.params.id, request.body.reply)
      return { ok: true }
    },
  )

  // ---- Holiday calendar (operators) ----------------------------------------------------------------
  app.get(
    '/api/staff/calendar',
    { config: staff, schema: { tags, summary: 'Official holiday schedules loaded by operators', response: { 200: CalendarYearsResponse } } },
    async (request) => cases.calendar(request.db),
  )

  app.put(
    '/api/staff/calendar/:year',
    {
      config: { auth: 'staff', roles: ['admin'] },
      schema: { tags, summary: 'Load (or replace) the published holiday schedule of a year (admin)', params: CalendarYearParams, body: CalendarYearBody, response: { 200: CalendarYearsResponse, ...errorResponses(400, 401, 403) } },
    },
    async (request) => cases.loadCalendarYear(request.db, request.staff!, request.params.year, request.body),
  )
}

export default caseRoutes
