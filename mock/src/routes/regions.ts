// Region tree for address and household forms.
import { asc, eq, isNull, sql } from 'drizzle-orm'
import { RegionsQuery, RegionsResponse, type Region } from '../../../src/domain/contract'
import { regions } from '../db/schema'
import { ApiError } from '../errors'
import { errorResponses, type App } from './context'

export function regionRoutes(app: App): void {
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
      const db = request.db
      const hasChildren = sql<boolean>`exists (select 1 from regions c where c.parent_code = "regions"."code")`
      const columns = { code: regions.code, name: regions.name, level: regions.level, parentCode: regions.parentCode, hasChildren }

      let parent: Region | null = null
      if (parentCode !== null) {
        const [row] = await db.select(columns).from(regions).where(eq(regions.code, parentCode))
        if (!row) throw new ApiError(404, 'REGION_NOT_FOUND', undefined, 'parent')
        parent = row
      }
      const items = await db
        .select(columns)
        .from(regions)
        .where(parentCode === null ? isNull(regions.parentCode) : eq(regions.parentCode, parentCode))
        .orderBy(asc(regions.code))
      // Reference data: changes only with a deployment.
      reply.header('cache-control', 'public, max-age=3600')
      return { parent, items }
    },
  )
}
