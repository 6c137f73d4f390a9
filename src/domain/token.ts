// What the app may read from its own access token without verifying it: who the session acts as.
// Only for keeping the device's own records apart (the outbox); the server verifies every request.
import { fromBase64Url, utf8Decode } from './wallet/types'

/**
 * The sender a token speaks for: account, and the identity it acts as (self, an enterprise, a
 * mandate). Two sessions of the same person acting the same way give the same value; a refreshed
 * token keeps it. Null when the token is not a readable JWT.
 */
export function tokenSender(token: string | null): string | null {
  if (!token) return null
  const parts = token.split('.')
  if (parts.length !== 3 || !/^[A-Za-z0-9_-]+$/.test(parts[1])) return null
  try {
    const claims = JSON.parse(utf8Decode(fromBase64Url(parts[1]))) as { sub?: unknown; act?: { kind?: unknown; id?: unknown } }
    if (typeof claims.sub !== 'string' || typeof claims.act?.kind !== 'string') return null
    return `${claims.sub}/${claims.act.kind}/${typeof claims.act.id === 'string' ? claims.act.id : ''}`
  } catch {
    return null
  }
}
