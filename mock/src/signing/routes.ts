// The public key set that verifies every signed QR code, and its rotation (admin). The key
// store is the signer's own (index.ts); these handlers only ask it and answer.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { KeySetResponse, RotateKeyResponse } from '../../../src/domain/contract'
import { audit } from '../identity/auth'
import { errorResponses, type Services } from '../context'

/** Verifiers refresh daily; an hour of caching keeps a rotation visible the same day. */
const KEY_SET_MAX_AGE_S = 3600

const signingRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services: s }) => {
  app.get(
    '/api/keys',
    { schema: { tags: ['signing'], summary: 'Public keys (JWK Set) that verify credential, check-in and e-proof QR codes', response: { 200: KeySetResponse } } },
    async (_request, reply) => {
      const now = s.now()
      const set = await s.codes.keySet({ now })
      reply.header('cache-control', `public, max-age=${KEY_SET_MAX_AGE_S}`)
      return { keys: set.keys, fetchedAt: now.toISOString() }
    },
  )

  app.post(
    '/api/staff/keys/rotate',
    { config: { auth: 'staff', roles: ['admin'] }, schema: { tags: ['signing'], summary: 'Retire the signing key and start a new one (admin); the old key stays published until its codes expire', response: { 200: RotateKeyResponse, ...errorResponses(401, 403) } } },
    async (request) => {
      const now = s.now()
      const kid = await s.codes.rotate({ now, db: request.db })
      await audit(request.db, request, 'signing_key_rotate', now, { kid })
      return { kid }
    },
  )
}
export default signingRoutes
