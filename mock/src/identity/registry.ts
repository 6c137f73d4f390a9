// Identity registry (实名核验) behind one interface. The stand-in looks the ID number up in the
// seeded population registry through its HMAC index; the HTTP adapter calls an identity-check
// service (the police 公民身份信息核查 interface is not public: this is the shape we expect, one
// POST returning match / name_mismatch / not_found).
import { eq } from 'drizzle-orm'
import type { FieldCrypto } from '../crypto'
import type { DbOrTx } from '../db/client'
import { citizens } from '../db/schema'

export type RegistryResult = 'match' | 'name_mismatch' | 'not_found'

export interface IdentityRegistry {
  readonly kind: string
  /** Throws when the registry cannot answer. */
  check(name: string, idNumber: string, ctx: { db: DbOrTx }): Promise<RegistryResult>
}

export function standInRegistry(crypto: FieldCrypto): IdentityRegistry {
  return {
    kind: 'stand-in',
    async check(name, idNumber, { db }) {
      const [c] = await db.select({ name: citizens.name }).from(citizens).where(eq(citizens.idNumberHmac, crypto.index(idNumber)))
      if (!c) return 'not_found'
      return c.name === name ? 'match' : 'name_mismatch'
    },
  }
}

export function httpRegistry(cfg: { url: string; token: string }): IdentityRegistry {
  return {
    kind: 'http',
    async check(name, idNumber) {
      const res = await fetch(`${cfg.url.replace(/\/$/, '')}/v1/identity/check`, {
        method: 'POST',
        headers: { authorization: `Bearer ${cfg.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name, idNumber }),
        signal: AbortSignal.timeout(8000),
      })
      if (!res.ok) throw new Error(`registry: HTTP ${res.status}`)
      const body = (await res.json()) as { result?: string }
      if (body.result === 'match' || body.result === 'name_mismatch' || body.result === 'not_found') return body.result
      throw new Error('registry: unexpected answer')
    },
  }
}
