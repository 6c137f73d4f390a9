// Health, meta and the OpenAPI document. No database query of its own: health asks the
// database handle to ping.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { API_VERSION, HealthResponse, MetaResponse } from '../../../src/domain/contract'
import { CITY } from '../../../src/domain'
import { ApiError } from '../errors'
import { errorResponses, type Services } from '../context'

const PING_TIMEOUT_MS = 2000

const systemRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services: s }) => {
  app.get(
    '/api/health',
    {
      schema: {
        tags: ['system'],
        summary: 'Liveness and database check (503 when the database does not answer)',
        response: { 200: HealthResponse, ...errorResponses(503) },
      },
    },
    async (request) => {
      const started = performance.now()
      let timer: NodeJS.Timeout | undefined
      try {
        await Promise.race([
          s.database.ping(),
          new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error('database ping timed out')), PING_TIMEOUT_MS)
          }),
        ])
      } catch (err) {
        request.log.warn({ err }, 'health check: database unavailable')
        throw new ApiError(503, 'SERVICE_UNAVAILABLE')
      } finally {
        clearTimeout(timer)
      }
      return {
        status: 'ok' as const,
        version: s.version,
        uptimeSeconds: Math.round((Date.now() - s.startedAt) / 100) / 10,
        database: { kind: s.database.kind, status: 'ok' as const, latencyMs: Math.round((performance.now() - started) * 10) / 10 },
      }
    },
  )

  app.get(
    '/api/meta',
    { schema: { tags: ['system'], summary: 'Platform facts the app shows: city, versions, server time', response: { 200: MetaResponse } } },
    async () => ({
      appName: '指尖办',
      city: { code: CITY.code, name: CITY.name },
      appVersion: s.version,
      apiVersion: API_VERSION,
      serverTime: s.now().toISOString(),
      demo: s.config.demo,
    }),
  )

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger())
}
export default systemRoutes
