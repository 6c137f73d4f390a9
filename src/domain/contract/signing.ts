import { Type, type Static } from '@sinclair/typebox'

/** The `typ` header of every signed QR code the platform issues (compact JWS, ES256). */
export const CODE_TYPES = { credential: 'zj.cred', checkIn: 'zj.chk', proof: 'zj.proof' } as const

/** One public key of GET /api/keys (a JWK Set, RFC 7517, plus status). */
export const PublishedKey = Type.Object(
  {
    kty: Type.Literal('EC'),
    crv: Type.Literal('P-256'),
    x: Type.String(),
    y: Type.String(),
    kid: Type.String(),
    alg: Type.Literal('ES256'),
    use: Type.Literal('sig'),
    status: Type.Union([Type.Literal('active'), Type.Literal('retired')]),
    retiredAt: Type.Optional(Type.String({ format: 'date-time' })),
  },
  { title: 'PublishedKey' },
)
export type PublishedKey = Static<typeof PublishedKey>

export const KeySetResponse = Type.Object(
  {
    keys: Type.Array(PublishedKey),
    /** When the server produced this set; verifiers show the age of their cached copy from it. */
    fetchedAt: Type.String({ format: 'date-time' }),
  },
  { title: 'KeySet' },
)
export type KeySetResponse = Static<typeof KeySetResponse>

export const RotateKeyResponse = Type.Object({ kid: Type.String() }, { title: 'KeyRotated' })
export type RotateKeyResponse = Static<typeof RotateKeyResponse>
