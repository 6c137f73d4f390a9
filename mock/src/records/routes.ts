// Records (issue 5): 社保 (L2), 公积金 (L2) and 不动产 (L3) queries; e-proofs with a signed QR;
// public verification; 谁查询了我的数据. Thin handlers over service.ts, which reads the
// records source RECORDS_PROVIDER names and writes every read to the person's access log.
import type { FastifyRequest } from 'fastify'
import { Type, type TSchema } from '@sinclair/typebox'
import {
  AccessLogResponse,
  CreateProofBody,
  FundQuery,
  PropertyResponse,
  ProofParams,
  ProofPdfQuery,
  ProofView,
  ProofsResponse,
  ProvidentFundResponse,
  SocialSecurityQuery,
  SocialSecurityResponse,
  VerifyPdfBody,
  VerifyQuery,
  VerifyResponse,
  type RecordArea,
} from '../../../src/domain/contract/records'
import { errorResponses, type App, type Services } from '../context'
import { createRecordsService, type SourceFor } from './service'

export interface RecordsOptions {
  /** The records source system adapter; default: the one RECORDS_PROVIDER names. */
  source?: SourceFor
}

export function recordsRoutes(app: App, s: Services, options: RecordsOptions = {}): void {
  const tags = ['records']
  const records = createRecordsService(s, options)
  const origin = (request: FastifyRequest) => `${request.protocol}://${request.host}`

  /** A records query route: the three areas differ only in level, schema and summary. */
  function recordsQuery(area: RecordArea, route: { path: string; level: 'L2' | 'L3'; summary: string; querystring?: TSchema; response: TSchema }): void {
    app.get(
      route.path,
      {
        config: { level: route.level },
        schema: { tags, summary: route.summary, ...(route.querystring ? { querystring: route.querystring } : {}), response: { 200: route.response, ...errorResponses(401, 403, 404, 502, 503) } },
      },
      async (request) => records.query(request, area, (request.query as { year?: number } | undefined)?.year),
    )
  }
  recordsQuery('social_security', { path: '/api/records/social-security', level: 'L2', summary: '社保: insured status, contributions by year, pension account, pension', querystring: SocialSecurityQuery, response: SocialSecurityResponse })
  recordsQuery('provident_fund', { path: '/api/records/provident-fund', level: 'L2', summary: '公积金: account, history by year, loan, possible withdrawals', querystring: FundQuery, response: ProvidentFundResponse })
  recordsQuery('property', { path: '/api/records/property', level: 'L3', summary: '不动产: units owned and their registration history (L3)', response: PropertyResponse })

  app.post(
    '/api/proofs',
    { config: { level: 'L2' }, schema: { tags, summary: 'Issue an e-proof (PDF with a signed QR; property kinds need L3)', body: CreateProofBody, response: { 201: ProofView, ...errorResponses(400, 401, 403, 404, 409, 502, 503) } } },
    async (request, reply) => {
      const proof = await records.issue(request, request.body.kind, `${origin(request)}/verify`)
      reply.code(201)
      return proof
    },
  )

  app.get(
    '/api/proofs',
    { config: { level: 'L2' }, schema: { tags, summary: '我的证明: proofs I asked for, newest first', response: { 200: ProofsResponse, ...errorResponses(401, 403) } } },
    async (request) => records.list(request.db, request.citizen!.accountId),
  )

  app.get(
    '/api/proofs/:id/pdf',
    {
      schema: {
        tags,
        summary: 'The proof PDF through a short-lived link from 我的证明 (no login: mini-programs download without headers)',
        params: ProofParams,
        querystring: ProofPdfQuery,
        response: { 200: Type.Any({ description: 'application/pdf' }), ...errorResponses(403, 404) },
      },
    },
    async (request, reply) => {
      const p = await records.pdf(request, request.params.id, request.query.t)
      reply.header('content-type', 'application/pdf')
      reply.header('content-disposition', `inline; filename="${p.number}.pdf"`)
      reply.header('cache-control', 'private, no-store')
      return reply.send(p.pdf)
    },
  )

  app.get(
    '/api/verify',
    { schema: { tags, summary: 'Public check of an e-proof: the QR content (signed code) or the printed proof number', querystring: VerifyQuery, response: { 200: VerifyResponse, ...errorResponses(400) } } },
    async (request) => records.verifyCode(request, request.query.code),
  )

  app.post(
    '/api/verify/pdf',
    { schema: { tags, summary: 'Public check of a whole proof PDF: valid only if it is byte for byte the issued file', body: VerifyPdfBody, response: { 200: VerifyResponse, ...errorResponses(400, 413) } } },
    async (request) => records.verifyPdf(request, Buffer.from(request.body.pdfBase64, 'base64')),
  )

  app.get(
    '/api/me/access-log',
    { config: { level: 'L2' }, schema: { tags, summary: '谁查询了我的数据: reads of my records, also by proxies and verifiers', response: { 200: AccessLogResponse, ...errorResponses(401, 403, 404) } } },
    async (request) => records.accessLog(request.db, request.citizen!),
  )
}
