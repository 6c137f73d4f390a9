// Service catalog API (issue 4): the offline index the device caches, server-side search, guides,
// lists, 一件事 bundles, and halls (hallRoutes.ts). Registered as its own plugin so that its
// compression and error labels stay inside the catalog's routes.
import fastifyCompress from '@fastify/compress'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { search } from '../../../src/domain/catalog/search'
import {
  BundleDetailResponse,
  BundlesResponse,
  CatalogIndexResponse,
  CategoriesResponse,
  CodeParams,
  DepartmentsResponse,
  GuidesResponse,
  HotSearchesQuery,
  HotSearchesResponse,
  ItemGuideResponse,
  ItemsQuery,
  ItemsResponse,
} from '../../../src/domain/contract/catalog'
import { CACHED_ROUTE, catalogError, catalogErrorHandler, sendCached } from './http'
import { catalogState, HOT_SEARCH_DEFAULT } from './state'
import { hallRoutes } from './hallRoutes'
import { errorResponses } from '../context'

export interface CatalogRoutesOptions {
  /** The clock for opening hours (default: the system clock). */
  now?: () => Date
}

const NOT_MODIFIED = { 304: Type.Null({ description: 'Not modified: the If-None-Match tag is current.' }) }
const CONDITIONAL = {
  headers: Type.Object({ 'if-none-match': Type.Optional(Type.String({ description: 'ETag of the copy the client holds.' })) }),
}
const SEARCH_CACHE = 'public, max-age=300'

export const catalogRoutes: FastifyPluginAsyncTypebox<CatalogRoutesOptions> = async (app, options) => {
  const st = catalogState()
  // Threshold 1 KB: smaller answers gain little; the index (about 135 KB of JSON) shrinks to a fifth.
  await app.register(fastifyCompress, { threshold: 1024, encodings: ['br', 'gzip', 'deflate'] })
  app.setErrorHandler(catalogErrorHandler(app.initialConfig.bodyLimit ?? 1048576))

  app.get(
    '/api/catalog/index',
    {
      ...CACHED_ROUTE,
      schema: {
        tags: ['catalog'],
        summary: 'Offline search index and list summaries (the device caches it; revalidate with If-None-Match)',
        ...CONDITIONAL,
        response: { 200: CatalogIndexResponse, ...NOT_MODIFIED },
      },
    },
    async (request, reply) => sendCached(request, reply, st.index),
  )

  app.get(
    '/api/catalog/items',
    {
      schema: {
        tags: ['catalog'],
        summary: 'Search items (same ranking as the app’s offline search) with filters and pages',
        querystring: ItemsQuery,
        response: { 200: ItemsResponse, ...errorResponses(400) },
      },
    },
    async (request, reply) => {
      const { q = '', department, fourWay, audience, lifeEvent, stage } = request.query
      const page = request.query.page ?? 1
      const pageSize = request.query.pageSize ?? 20
      let departmentId: string | undefined
      if (department !== undefined) {
        departmentId = /^\d{3}$/.test(department) ? st.departmentIdByCode.get(department) : st.departments.has(department) ? department : undefined
        if (!departmentId) throw catalogError(400, 'UNKNOWN_DEPARTMENT', 'department')
      }
      let hits = search(st.prepared, q, { department: departmentId, fourWay, audience, limit: Number.MAX_SAFE_INTEGER })
      if (lifeEvent) hits = hits.filter((h) => st.items.get(h.code)?.lifeEvents.includes(lifeEvent))
      if (stage) hits = hits.filter((h) => st.items.get(h.code)?.enterpriseStages.includes(stage))
      const start = (page - 1) * pageSize
      const items = hits.slice(start, start + pageSize).map((h) => {
        const summary = st.summaries.get(h.code)
        if (!summary) throw new Error(`catalog: index names unknown item ${h.code}`)
        return { ...summary, match: h.match }
      })
      reply.header('cache-control', SEARCH_CACHE)
      return { catalogVersion: st.version, total: hits.length, page, pageSize, items }
    },
  )

  app.get(
    '/api/catalog/guides',
    {
      ...CACHED_ROUTE,
      schema: {
        tags: ['catalog'],
        summary: 'Every guide in one document (for offline use; fetch after the index, revalidate with If-None-Match)',
        ...CONDITIONAL,
        response: { 200: GuidesResponse, ...NOT_MODIFIED },
      },
    },
    async (request, reply) => sendCached(request, reply, st.guidesDoc),
  )

  app.get(
    '/api/catalog/items/:code',
    {
      ...CACHED_ROUTE,
      schema: {
        tags: ['catalog'],
        summary: 'The full guide of one item (十统一 fields)',
        params: CodeParams,
        ...CONDITIONAL,
        response: { 200: ItemGuideResponse, ...NOT_MODIFIED, ...errorResponses(404) },
      },
    },
    async (request, reply) => {
      const doc = st.guide(request.params.code)
      if (!doc) throw catalogError(404, 'ITEM_NOT_FOUND', 'code')
      return sendCached(request, reply, doc)
    },
  )

  app.get(
    '/api/catalog/departments',
    { ...CACHED_ROUTE, schema: { tags: ['catalog'], summary: 'Departments with their item counts', ...CONDITIONAL, response: { 200: DepartmentsResponse, ...NOT_MODIFIED } } },
    async (request, reply) => sendCached(request, reply, st.departmentsDoc),
  )

  app.get(
    '/api/catalog/categories',
    {
      ...CACHED_ROUTE,
      schema: {
        tags: ['catalog'],
        summary: 'Categories: life events (个人) and enterprise stages (企业)',
        ...CONDITIONAL,
        response: { 200: CategoriesResponse, ...NOT_MODIFIED },
      },
    },
    async (request, reply) => sendCached(request, reply, st.categoriesDoc),
  )

  app.get(
    '/api/catalog/hot-searches',
    {
      ...CACHED_ROUTE,
      schema: {
        tags: ['catalog'],
        summary: 'Hot searches: the most asked-for items',
        querystring: HotSearchesQuery,
        ...CONDITIONAL,
        response: { 200: HotSearchesResponse, ...NOT_MODIFIED, ...errorResponses(400) },
      },
    },
    async (request, reply) => sendCached(request, reply, st.hotSearches(request.query.limit ?? HOT_SEARCH_DEFAULT)),
  )

  app.get(
    '/api/catalog/bundles',
    { ...CACHED_ROUTE, schema: { tags: ['catalog'], summary: '一件事 bundles, most asked-for first', ...CONDITIONAL, response: { 200: BundlesResponse, ...NOT_MODIFIED } } },
    async (request, reply) => sendCached(request, reply, st.bundlesDoc),
  )

  app.get(
    '/api/catalog/bundles/:code',
    {
      ...CACHED_ROUTE,
      schema: {
        tags: ['catalog'],
        summary: 'One 一件事 bundle with its merged form and merged materials list',
        params: CodeParams,
        ...CONDITIONAL,
        response: { 200: BundleDetailResponse, ...NOT_MODIFIED, ...errorResponses(404) },
      },
    },
    async (request, reply) => {
      const doc = st.bundleDetail(request.params.code)
      if (!doc) throw catalogError(404, 'BUNDLE_NOT_FOUND', 'code')
      return sendCached(request, reply, doc)
    },
  )

  hallRoutes(app, st, options.now ?? (() => new Date()))
}
export default catalogRoutes
