// GET /api/notify/templates: the subscribe-message template ids this deployment configured, so
// the app can ask for exactly those in requestSubscribeMessage. Public and cacheable: ids only.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { NotifyTemplatesResponse } from '../../../src/domain/contract/notify'
import type { Services } from '../context'
import { publicTemplates } from './templates'

const notifyRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services: s }) => {
  const body = publicTemplates(s.config.notify)
  app.get(
    '/api/notify/templates',
    { schema: { tags: ['inbox'], summary: 'Subscribe-message template ids per mini-program (public; only configured ones)', response: { 200: NotifyTemplatesResponse } } },
    async (_request, reply) => {
      reply.header('cache-control', 'public, max-age=300')
      return body
    },
  )
}

export default notifyRoutes
