// Everything identity adds to the app, in one call from app.ts: the adapters, the auth/level
// hook (before any route, so every later route's `config.level` is enforced), and the routes.
import { actingRoutes } from '../routes/acting'
import { authRoutes } from '../routes/auth'
import type { App, Services } from '../routes/context'
import { identityRoutes } from '../routes/identity'
import { staffRoutes } from '../staff/routes'
import { createIdentityServices, type IdentityServices } from '.'
import { installAuth } from './auth'

export function registerIdentity(app: App, s: Services): IdentityServices {
  const id = createIdentityServices(s.config, s.crypto, s.now)
  installAuth(app, s.database.db, id.signer, s.now)
  app.get('/api/auth/jwks.json', { schema: { tags: ['identity'], summary: 'Public keys that verify access tokens (ES256)' } }, async () => id.signer.jwks())
  authRoutes(app, s, id)
  identityRoutes(app, s, id)
  actingRoutes(app, s, id)
  staffRoutes(app, s, id)
  return id
}
