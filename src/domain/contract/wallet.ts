// 电子证照 wallet, 亮证 (signed presentation codes) and staff verification.
import { Type, type Static } from '@sinclair/typebox'
import { CREDENTIAL_TYPES, FIELD_KEYS, VERIFY_RESULTS } from '../wallet/types'
import { KeySetResponse } from './signing'


export const CredentialTypeSchema = Type.Union(CREDENTIAL_TYPES.map((t) => Type.Literal(t)))
export const FieldKeySchema = Type.Union(FIELD_KEYS.map((k) => Type.Literal(k)))
export const VerifyResultSchema = Type.Union(VERIFY_RESULTS.map((r) => Type.Literal(r)))
export const CREDENTIAL_STATUSES = ['active', 'revoked', 'expired'] as const
export const CredentialStatusSchema = Type.Union(CREDENTIAL_STATUSES.map((s) => Type.Literal(s)))
export type CredentialStatus = (typeof CREDENTIAL_STATUSES)[number]

/** One card in the wallet; field values are masked by the server. */
export const CredentialSummary = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    type: CredentialTypeSchema,
    /** Benefit approvals carry their own title; other types are named by the catalogue. */
    title: Type.Optional(Type.String()),
    issuer: Type.String(),
    status: CredentialStatusSchema,
    issuedAt: Type.String({ format: 'date-time' }),
    validUntil: Type.Union([Type.String(), Type.Null()]),
    fields: Type.Array(Type.Object({ key: FieldKeySchema, value: Type.String() })),
    /** The keys this credential can disclose (derived ones included when the data allows). */
    disclosable: Type.Array(FieldKeySchema),
  },
  { title: 'CredentialSummary' },
)
export type CredentialSummary = Static<typeof CredentialSummary>

export const CredentialListResponse = Type.Object({ items: Type.Array(CredentialSummary) }, { title: 'CredentialList' })
export type CredentialListResponse = Static<typeof CredentialListResponse>

/** POST /api/wallet/credentials/:id/present (L3 within 30 minutes). */
export const PresentBody = Type.Object(
  { disclose: Type.Array(FieldKeySchema, { minItems: 1, maxItems: 8, uniqueItems: true }) },
  { additionalProperties: false, title: 'PresentCredential' },
)
export type PresentBody = Static<typeof PresentBody>

export const PresentResponse = Type.Object(
  {
    code: Type.String({ maxLength: 442, description: 'Fits QR version 19 at ECC Q.' }),
    issuedAt: Type.String({ format: 'date-time' }),
    expiresAt: Type.String({ format: 'date-time' }),
    /** Ask for a fresh code after this many seconds (the code itself lives longer). */
    refreshAfterSeconds: Type.Integer(),
  },
  { title: 'Presentation' },
)
export type PresentResponse = Static<typeof PresentResponse>

/** GET /api/wallet/revocations: revoked credential ids (compact form, as in codes). Public. */
export const RevocationListResponse = Type.Object(
  {
    items: Type.Array(Type.Object({ cid: Type.String(), revokedAt: Type.String({ format: 'date-time' }) })),
    fetchedAt: Type.String({ format: 'date-time' }),
  },
  { title: 'RevocationList' },
)

/**
 * POST /api/staff/wallet/sync: the key set and revocation list for a signed-in scanner, and the
 * server's record of when it had them: offline verifications are believed only after this time.
 */
export const ScannerSyncResponse = Type.Object({ keys: KeySetResponse, revocations: RevocationListResponse, syncedAt: Type.String({ format: 'date-time' }) }, { title: 'ScannerSync' })
export type ScannerSyncResponse = Static<typeof ScannerSyncResponse>
export type RevocationListResponse = Static<typeof RevocationListResponse>

export const CredentialStatusQuery = Type.Object({ cid: Type.String({ minLength: 22, maxLength: 22, pattern: '^[A-Za-z0-9_-]{22}$' }) }, { additionalProperties: false })
export const CredentialStatusResponse = Type.Object(
  { cid: Type.String(), status: Type.Union([CredentialStatusSchema, Type.Literal('unknown')]), revokedAt: Type.Optional(Type.String({ format: 'date-time' })) },
  { title: 'CredentialLiveStatus' },
)
export type CredentialStatusResponse = Static<typeof CredentialStatusResponse>

export const VerificationRecord = Type.Object(
  {
    /** Made on the device; the same record uploaded twice is stored once. */
    clientId: Type.String({ format: 'uuid' }),
    code: Type.String({ minLength: 1, maxLength: 1000 }),
    /** What the device showed. */
    result: VerifyResultSchema,
    mode: Type.Union([Type.Literal('online'), Type.Literal('offline')]),
    verifiedAt: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
)
export type VerificationRecord = Static<typeof VerificationRecord>

/** POST /api/staff/wallet/verifications: the scanner's queue (offline records uploaded later). */
export const VerificationUploadBody = Type.Object({ records: Type.Array(VerificationRecord, { minItems: 1, maxItems: 100 }) }, { additionalProperties: false, title: 'VerificationUpload' })
export type VerificationUploadBody = Static<typeof VerificationUploadBody>

export const VerificationUploadResponse = Type.Object(
  { items: Type.Array(Type.Object({ clientId: Type.String(), result: VerifyResultSchema })) },
  { title: 'VerificationUploaded' },
)
export type VerificationUploadResponse = Static<typeof VerificationUploadResponse>

/** GET /api/wallet/verifications: 谁查验了我的证照. */
export const MyVerificationsResponse = Type.Object(
  {
    items: Type.Array(
      Type.Object({
        id: Type.String({ format: 'uuid' }),
        credentialId: Type.String({ format: 'uuid' }),
        credentialType: CredentialTypeSchema,
        verifiedAt: Type.String({ format: 'date-time' }),
        result: VerifyResultSchema,
        mode: Type.Union([Type.Literal('online'), Type.Literal('offline')]),
        /** The staff member, masked (工作人员 **明). */
        verifier: Type.String(),
        disclosed: Type.Array(FieldKeySchema),
      }),
    ),
  },
  { title: 'MyVerifications' },
)
export type MyVerificationsResponse = Static<typeof MyVerificationsResponse>
