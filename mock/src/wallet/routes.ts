// 电子证照 wallet (issue 8): the holder's cards, 亮证 codes (L3 within 30 minutes), the public
// revocation list, and the staff side: live status and verification records (offline scanners
// upload theirs later). Codes are compact JWS signed by mock/src/signing (typ zj.cred). Thin
// handlers over service.ts.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import {
  CredentialListResponse,
  CredentialStatusQuery,
  CredentialStatusResponse,
  MyVerificationsResponse,
  OkResponse,
  PresentBody,
  PresentResponse,
  RevocationListResponse,
  VerificationUploadBody,
  VerificationUploadResponse,
} from '../../../src/domain/contract'
import { errorResponses, type Services } from '../context'
import { createWalletService } from './service'

/** Verifiers may cache the revocation list this long before asking again. */
const REVOCATIONS_MAX_AGE_S = 300

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) })

const walletRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services: s }) => {
  const tags = ['wallet']
  const wallet = createWalletService(s)
  app.get(
    '/api/wallet/credentials',
    { config: { auth: 'citizen', level: 'L2' }, schema: { tags, summary: 'My credentials (masked fields); as an enterprise, its 营业执照', response: { 200: CredentialListResponse, ...errorResponses(401, 403) } } },
    async (request) => wallet.list(request.db, request.citizen!),
  )

  app.post(
    '/api/wallet/credentials/:id/present',
    {
      config: { auth: 'citizen', level: 'L3' },
      schema: {
        tags,
        summary: '亮证: a signed presentation code (compact JWS, ES256, ≤ 442 characters: QR version 19 at ECC Q, valid 60 s) with only the chosen fields; needs a face check within 30 minutes. DISCLOSURE_TOO_LONG carries suggestedDisclosure, the largest part of the choice that fits',
        params: IdParams,
        body: PresentBody,
        response: { 200: PresentResponse, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => wallet.present(request.db, request, request.params.id, request.body.disclose),
  )

  app.get(
    '/api/wallet/revocations',
    { schema: { tags, summary: 'Revoked credentials (compact ids as in codes): the list offline verifiers cache. Public.', response: { 200: RevocationListResponse } } },
    async (request, reply) => {
      const list = await wallet.revocations(request.db)
      reply.header('cache-control', `public, max-age=${REVOCATIONS_MAX_AGE_S}`)
      return list
    },
  )

  app.get(
    '/api/wallet/verifications',
    { config: { auth: 'citizen', level: 'L2' }, schema: { tags, summary: '谁查验了我的证照: verifications of my credentials (staff masked)', response: { 200: MyVerificationsResponse, ...errorResponses(401, 403) } } },
    async (request) => wallet.verifications(request.db, request.citizen!),
  )

  app.get(
    '/api/staff/wallet/status',
    { config: { auth: 'staff', roles: ['window', 'admin'] }, schema: { tags, summary: 'Live status of a credential (online check after the offline verdict)', querystring: CredentialStatusQuery, response: { 200: CredentialStatusResponse, ...errorResponses(400, 401, 403) } } },
    async (request) => wallet.liveStatus(request.db, request.query.cid),
  )

  app.post(
    '/api/staff/wallet/verifications',
    {
      config: { auth: 'staff', roles: ['window', 'admin'] },
      schema: {
        tags,
        summary: 'Record verifications (also those made offline, uploaded later). The server re-checks each code at its verification time, believed only after the scanner’s last sync (POST /api/staff/wallet/sync) and the code’s iat and not after the upload, else unverifiable; the same clientId is stored once.',
        body: VerificationUploadBody,
        response: { 200: VerificationUploadResponse, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => wallet.upload(request.db, request.staff!.staffId, request.body.records),
  )

  app.post(
    '/api/staff/wallet/credentials/:id/revoke',
    { config: { auth: 'staff', roles: ['admin'] }, schema: { tags, summary: 'Revoke a credential (admin): reported lost, withdrawn', params: IdParams, body: Type.Object({ reason: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false }), response: { 200: OkResponse, ...errorResponses(400, 401, 403, 404) } } },
    async (request) => {
      await wallet.revoke(request.db, request, request.params.id, request.body.reason)
      return { ok: true as const }
    },
  )
}
export default walletRoutes
