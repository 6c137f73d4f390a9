// 电子证照 wallet (issue 8): credentials held by citizens or enterprises, and every verification
// of a presented code (online or uploaded later from an offline scanner).
import { sql } from 'drizzle-orm'
import { check, index, jsonb, pgTable, text, uniqueIndex, uuid, varchar, date } from 'drizzle-orm/pg-core'
import { CREDENTIAL_TYPES, VERIFY_RESULTS } from '../../../src/domain/wallet/types'
import { at, inList } from './columns'

export const VERIFY_MODES = ['online', 'offline'] as const

/**
 * A credential belongs to a person of the population registry (holder_citizen_id, so it exists
 * before that person ever opens an account) or to an enterprise. `fields_enc` is the JSON of the
 * credential's fields, encrypted like ID numbers. `cid` is the compact id used inside codes.
 */
export const credentials = pgTable(
  'credentials',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    cid: varchar('cid', { length: 22 }).notNull().unique('credentials_cid_key'),
    type: text('type', { enum: CREDENTIAL_TYPES }).notNull(),
    holderCitizenId: uuid('holder_citizen_id'),
    enterpriseId: uuid('enterprise_id'),
    title: text('title'),
    issuer: text('issuer').notNull(),
    fieldsEnc: text('fields_enc').notNull(),
    validUntil: date('valid_until', { mode: 'string' }),
    sourceCaseId: text('source_case_id'),
    issuedAt: at('issued_at').notNull(),
    revokedAt: at('revoked_at'),
    revokedReason: text('revoked_reason'),
  },
  (t) => [
    check('credentials_type_check', inList('type', CREDENTIAL_TYPES)),
    check('credentials_holder_check', sql`(holder_citizen_id is null) <> (enterprise_id is null)`),
    // One live licence of a kind per holder (benefit approvals and property certificates may be
    // many: one per approval / per property); re-issue revokes first.
    uniqueIndex('credentials_one_live_per_holder').on(t.holderCitizenId, t.type).where(sql`revoked_at is null and type not in ('bn', 'pc') and holder_citizen_id is not null`),
    uniqueIndex('credentials_one_live_per_enterprise').on(t.enterpriseId, t.type).where(sql`revoked_at is null and enterprise_id is not null`),
    index('credentials_holder_idx').on(t.holderCitizenId),
    index('credentials_enterprise_idx').on(t.enterpriseId),
    index('credentials_revoked_idx').on(t.revokedAt),
  ],
)

/**
 * One verification by hall staff. Stores who/when/result and which fields were disclosed (keys
 * only, never the values). `credential_id` is set only when the code's signature checked out, so
 * a forged code never shows up in a holder's 谁查验了我的证照.
 */
export const credentialVerifications = pgTable(
  'credential_verifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    staffId: uuid('staff_id').notNull(),
    clientId: uuid('client_id').notNull(),
    credentialId: uuid('credential_id').references(() => credentials.id),
    jti: varchar('jti', { length: 64 }),
    kid: varchar('kid', { length: 64 }),
    /** The server's own verdict at verified_at. */
    result: text('result', { enum: VERIFY_RESULTS }).notNull(),
    /** What the device showed. */
    deviceResult: text('device_result', { enum: VERIFY_RESULTS }).notNull(),
    mode: text('mode', { enum: VERIFY_MODES }).notNull(),
    disclosed: jsonb('disclosed').$type<string[]>().notNull().default([]),
    verifiedAt: at('verified_at').notNull(),
    uploadedAt: at('uploaded_at').notNull(),
  },
  (t) => [
    check('credential_verifications_result_check', inList('result', VERIFY_RESULTS)),
    check('credential_verifications_device_result_check', inList('device_result', VERIFY_RESULTS)),
    check('credential_verifications_mode_check', inList('mode', VERIFY_MODES)),
    uniqueIndex('credential_verifications_client_key').on(t.staffId, t.clientId),
    index('credential_verifications_credential_idx').on(t.credentialId, t.verifiedAt),
  ],
)
