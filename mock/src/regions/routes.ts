// Region tree for address and household forms.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { RegionsQuery, RegionsResponse, type Region } from '../../../src/domain/contract'
import { ApiError } from '../errors'
import { errorResponses, type Services } from '../context'
import * as repo from './repo'

// Takes the services like every area, though reference data needs none of them.
const regionRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app) => {
  app.get(
    '/api/regions',
    {
      schema: {
        tags: ['regions'],
        summary: 'Children of a region (without `parent`: the provinces)',
        querystring: RegionsQuery,
        response: { 200: RegionsResponse, ...errorResponses(400, 404) },
      },
    },
    async (request, reply) => {
      const parentCode = request.query.parent ?? null
      let parent: Region | null = null
      if (parentCode !== null) {
        const row = await repo.region(request.db, parentCode)
        if (!row) throw new ApiError(404, 'REGION_NOT_FOUND', undefined, 'parent')
        parent = row
      }
      const items = await repo.children(request.db, parentCode)
      // Reference data: changes only with a deployment.
      reply.header('cache-control', 'public, max-age=3600')
      return { parent, items }
    },
  )
}
export default regionRoutes
