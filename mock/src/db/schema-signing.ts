// Issuer keys for every signed QR code (credentials, booking check-in, e-proofs). Kept in the
// database so every instance of the server signs and verifies with the same set.
import { sql } from 'drizzle-orm'
import { index, jsonb, pgTable, text, uniqueIndex, varchar } from 'drizzle-orm/pg-core'
import { at } from './columns'

export interface PublicJwk {
  kty: 'EC'
  crv: 'P-256'
  x: string
  y: string
}

export const signingKeys = pgTable(
  'signing_keys',
  {
    kid: varchar('kid', { length: 16 }).primaryKey(),
    publicJwk: jsonb('public_jwk').$type<PublicJwk>().notNull(),
    /** PKCS#8 PEM, field-encrypted like ID numbers. */
    privateKeyEnc: text('private_key_enc').notNull(),
    createdAt: at('created_at').notNull(),
    /** No longer signs; stays published until every code it signed has expired. */
    retiredAt: at('retired_at'),
  },
  (t) => [
    // At most one key signs at a time: a rotation race between instances cannot leave two.
    uniqueIndex('signing_keys_one_active').on(sql`(true)`).where(sql`retired_at is null`),
    index('signing_keys_retired_idx').on(t.retiredAt),
  ],
)
