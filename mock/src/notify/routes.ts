// GET /api/notify/templates: the subscribe-message template ids this deployment configured, so
// the app can ask for exactly those in requestSubscribeMessage. Public and cacheable: ids only.
import { NotifyTemplatesResponse } from '../../../src/domain/contract/notify'
import type { App, Services } from '../routes/context'
import { publicTemplates } from './templates'

export function notifyRoutes(app: App, s: Services): void {
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
