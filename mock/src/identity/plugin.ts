// Identity's app-wide part, registered before every area: the adapters (app.identity), the
// request decorators (request.citizen, request.staff) and the one auth/level hook, so every later
// route's `config.auth` / `config.level` / `config.roles` is enforced. fastify-plugin lifts them
// out of this plugin's encapsulation onto the root instance; the routes themselves are plugins
// of their own (identity/routes, acting/routes, staff/routes).
import fp from 'fastify-plugin'
import type { App, Services } from '../context'
import { createIdentityServices, type IdentityServices } from '.'
import { installAuth } from './auth'

declare module 'fastify' {
  interface FastifyInstance {
    /** Token signer, SMS, mini-program, registry and face adapters, wired from config once. */
    identity: IdentityServices
  }
}

async function identity(app: App, opts: { services: Services }): Promise<void> {
  const s = opts.services
  const id = createIdentityServices(s.config, s.crypto, s.now)
  app.decorate('identity', id)
  installAuth(app, s.database.db, id.signer, s.now)
}

export default fp(identity, { name: 'identity', fastify: '5.x' })
