// Database schema of the platform stand-in. Migrations in mock/drizzle/ are generated from this
// file by `npm run db:generate`; never edit an applied migration, add a new one.
import { sql } from 'drizzle-orm'
import { type AnyPgColumn, bigint, boolean, check, customType, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core'
import { FEEDBACK_CATEGORIES, REGION_LEVELS } from '../../../src/domain/contract'
import { at, inList } from './columns'

export const SEXES = ['M', 'F'] as const
export const ENTERPRISE_TYPES = ['limited_company', 'partnership', 'individual_business'] as const
export const ENTERPRISE_STATUSES = ['active', 'revoked', 'deregistered'] as const

const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow()

/** GB/T 2260 divisions offered in forms: provinces, cities, and 宁波's districts. */
export const regions = pgTable(
  'regions',
  {
    code: varchar('code', { length: 6 }).primaryKey(),
    name: text('name').notNull(),
    parentCode: varchar('parent_code', { length: 6 }).references((): AnyPgColumn => regions.code),
    level: text('level', { enum: REGION_LEVELS }).notNull(),
  },
  (t) => [index('regions_parent_code_idx').on(t.parentCode), check('regions_level_check', inList('level', REGION_LEVELS))],
)

/**
 * Population registry (人口库). ID number, phone and address are encrypted (AES-256-GCM); the
 * `_hmac` columns are keyed indexes so lookups and uniqueness work without decrypting.
 */
export const citizens = pgTable(
  'citizens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    idNumberEnc: text('id_number_enc').notNull(),
    idNumberHmac: varchar('id_number_hmac', { length: 64 }).notNull().unique('citizens_id_number_hmac_key'),
    birthDate: date('birth_date', { mode: 'string' }).notNull(),
    sex: text('sex', { enum: SEXES }).notNull(),
    phoneEnc: text('phone_enc'),
    phoneHmac: varchar('phone_hmac', { length: 64 }).unique('citizens_phone_hmac_key'),
    householdRegionCode: varchar('household_region_code', { length: 6 })
      .notNull()
      .references(() => regions.code),
    addressEnc: text('address_enc').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    check('citizens_sex_check', inList('sex', SEXES)),
    check('citizens_phone_pair_check', sql`(phone_enc is null) = (phone_hmac is null)`),
    index('citizens_household_region_idx').on(t.householdRegionCode),
  ],
)

/** Market-entity registry (企业库). */
export const enterprises = pgTable(
  'enterprises',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    uscc: varchar('uscc', { length: 18 }).notNull().unique('enterprises_uscc_key'),
    name: text('name').notNull().unique('enterprises_name_key'),
    type: text('type', { enum: ENTERPRISE_TYPES }).notNull(),
    legalRepCitizenId: uuid('legal_rep_citizen_id')
      .notNull()
      .references(() => citizens.id),
    /** In yuan. */
    registeredCapital: bigint('registered_capital', { mode: 'number' }).notNull(),
    establishedOn: date('established_on', { mode: 'string' }).notNull(),
    regionCode: varchar('region_code', { length: 6 })
      .notNull()
      .references(() => regions.code),
    address: text('address').notNull(),
    status: text('status', { enum: ENTERPRISE_STATUSES }).notNull().default('active'),
    createdAt: createdAt(),
  },
  (t) => [
    check('enterprises_type_check', inList('type', ENTERPRISE_TYPES)),
    check('enterprises_status_check', inList('status', ENTERPRISE_STATUSES)),
    check('enterprises_capital_check', sql`registered_capital >= 0`),
    index('enterprises_legal_rep_idx').on(t.legalRepCitizenId),
  ],
)

/**
 * One row per (Idempotency-Key, route). The primary key is what makes a duplicate POST wait for
 * the first and then replay it. `status_code`/`response` are null only inside the transaction
 * that is still handling the first request; nobody else can see that state.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    key: uuid('key').notNull(),
    route: text('route').notNull(),
    bodyHash: varchar('body_hash', { length: 64 }).notNull(),
    statusCode: integer('status_code'),
    response: jsonb('response'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ name: 'idempotency_keys_pkey', columns: [t.key, t.route] }), index('idempotency_keys_created_at_idx').on(t.createdAt)],
)

export const CHANNELS = ['weapp', 'alipay', 'h5', 'unknown'] as const

/** 意见反馈. The optional contact phone is personal data: encrypted. */
export const feedback = pgTable(
  'feedback',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    category: text('category', { enum: FEEDBACK_CATEGORIES }).notNull(),
    content: text('content').notNull(),
    contactEnc: text('contact_enc'),
    channel: text('channel', { enum: CHANNELS }).notNull(),
    createdAt: createdAt(),
  },
  () => [
    check('feedback_category_check', inList('category', FEEDBACK_CATEGORIES)),
    check('feedback_channel_check', inList('channel', CHANNELS)),
    check('feedback_content_length_check', sql`char_length(content) between 1 and 2000`),
  ],
)

// ---------------------------------------------------------------------------------------------
// Identity (issue 3): accounts, sessions, one-time codes, rate limits, staff, mandates, consent.
// ---------------------------------------------------------------------------------------------

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => Buffer.from(v),
})

export const AUDIENCES = ['citizen', 'staff'] as const
export const ACTING_KINDS = ['self', 'enterprise', 'proxy'] as const
export const STAFF_ROLES = ['window', 'approver', 'admin'] as const
export const MINI_PLATFORMS = ['weapp', 'alipay'] as const
export const CONSENT_KINDS = ['privacy_policy', 'face', 'id_processing'] as const

/**
 * A citizen's account. The phone is the login; real name (L2) stores the verified name and ID
 * number (encrypted, HMAC-indexed). One live account per phone and per ID number.
 */
export const accounts = pgTable(
  'accounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Null once the account is deleted (注销). */
    phoneEnc: text('phone_enc'),
    phoneHmac: varchar('phone_hmac', { length: 64 }),
    realNameEnc: text('real_name_enc'),
    idNumberEnc: text('id_number_enc'),
    idNumberHmac: varchar('id_number_hmac', { length: 64 }),
    realNameAt: at('real_name_at'),
    isVillageAgent: boolean('is_village_agent').notNull().default(false),
    createdAt: at('created_at').notNull(),
    deletedAt: at('deleted_at'),
  },
  (t) => [
    // Deleted accounts free their phone and ID number for a new account.
    uniqueIndex('accounts_phone_live_key').on(t.phoneHmac).where(sql`deleted_at is null`),
    uniqueIndex('accounts_id_number_live_key').on(t.idNumberHmac).where(sql`deleted_at is null`),
  ],
)

/** openid (weapp) / user_id (alipay) bound to an account after the phone step. */
export const miniBindings = pgTable(
  'mini_bindings',
  {
    platform: text('platform', { enum: MINI_PLATFORMS }).notNull(),
    openidHmac: varchar('openid_hmac', { length: 64 }).notNull(),
    /** Needed in clear by WeChat 人脸核身 (getVerifyId); encrypted at rest. */
    openidEnc: text('openid_enc').notNull(),
    accountId: uuid('account_id').notNull().references(() => accounts.id),
    /** weapp session_key, encrypted; never sent to a client. */
    sessionKeyEnc: text('session_key_enc'),
    createdAt: at('created_at').notNull(),
  },
  (t) => [primaryKey({ name: 'mini_bindings_pkey', columns: [t.platform, t.openidHmac] }), index('mini_bindings_account_idx').on(t.accountId)],
)

/** Short-lived tickets: mini-login binding, face-check flows, stand-in mini codes. */
export const identityTickets = pgTable('identity_tickets', {
  id: uuid('id').primaryKey().defaultRandom(),
  kind: text('kind').notNull(),
  secretHash: varchar('secret_hash', { length: 64 }).notNull().unique('identity_tickets_secret_key'),
  accountId: uuid('account_id'),
  data: jsonb('data').notNull().default({}),
  expiresAt: at('expires_at').notNull(),
  usedAt: at('used_at'),
  createdAt: at('created_at').notNull(),
})

/** One login session = one refresh-token family. */
export const authSessions = pgTable(
  'auth_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    audience: text('audience', { enum: AUDIENCES }).notNull(),
    subjectId: uuid('subject_id').notNull(),
    device: text('device').notNull(),
    channel: text('channel', { enum: CHANNELS }).notNull(),
    createdAt: at('created_at').notNull(),
    lastActiveAt: at('last_active_at').notNull(),
    /** Last strong authentication (login or re-auth): L2 lasts 12 h from here; null = re-auth needed. */
    authAt: at('auth_at'),
    l3At: at('l3_at'),
    actingKind: text('acting_kind', { enum: ACTING_KINDS }).notNull().default('self'),
    actingId: uuid('acting_id'),
    revokedAt: at('revoked_at'),
    revokeReason: text('revoke_reason'),
  },
  (t) => [index('auth_sessions_subject_idx').on(t.subjectId)],
)

export const refreshTokens = pgTable(
  'refresh_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sessionId: uuid('session_id').notNull().references(() => authSessions.id),
    tokenHash: varchar('token_hash', { length: 64 }).notNull().unique('refresh_tokens_hash_key'),
    createdAt: at('created_at').notNull(),
    expiresAt: at('expires_at').notNull(),
    usedAt: at('used_at'),
  },
  (t) => [index('refresh_tokens_session_idx').on(t.sessionId)],
)

/** SMS one-time codes: hash only; bound to phone and purpose. */
export const smsCodes = pgTable(
  'sms_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    phoneHmac: varchar('phone_hmac', { length: 64 }).notNull(),
    purpose: text('purpose').notNull(),
    codeHash: varchar('code_hash', { length: 64 }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    createdAt: at('created_at').notNull(),
    expiresAt: at('expires_at').notNull(),
    consumedAt: at('consumed_at'),
  },
  (t) => [index('sms_codes_phone_idx').on(t.phoneHmac, t.purpose)],
)

/** What the stand-in SMS gateway "sent" (development and tests read it). */
export const smsOutbox = pgTable(
  'sms_outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    phoneHmac: varchar('phone_hmac', { length: 64 }).notNull(),
    text: text('text').notNull(),
    createdAt: at('created_at').notNull(),
  },
  (t) => [index('sms_outbox_phone_idx').on(t.phoneHmac)],
)

/** Sliding-window rate-limit and failure events; counted under an advisory lock per key. */
export const rateEvents = pgTable(
  'rate_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    key: text('key').notNull(),
    at: at('at').notNull(),
  },
  (t) => [index('rate_events_key_at_idx').on(t.key, t.at)],
)

export const locks = pgTable('locks', {
  key: text('key').primaryKey(),
  lockedUntil: at('locked_until').notNull(),
})

export const staffAccounts = pgTable('staff_accounts', {
  id: uuid('id').primaryKey().defaultRandom(),
  username: varchar('username', { length: 64 }).notNull().unique('staff_accounts_username_key'),
  displayName: text('display_name').notNull(),
  passwordHash: text('password_hash').notNull(),
  totpSecretEnc: text('totp_secret_enc').notNull(),
  roles: jsonb('roles').$type<string[]>().notNull(),
  /** Last accepted TOTP step: a code is never accepted twice. */
  lastTotpStep: bigint('last_totp_step', { mode: 'number' }),
  /** Bootstrap (and later resets) hand out a one-time password: sign-in must replace it first. */
  mustChangePassword: boolean('must_change_password').notNull().default(false),
  /** When the holder proved the TOTP secret works (first sign-in); null: not enrolled yet. */
  totpEnrolledAt: at('totp_enrolled_at'),
  /** When the holder chose the current password (first sign-in flow); null: set by someone else. */
  passwordChangedAt: at('password_changed_at'),
  createdAt: at('created_at').notNull(),
  /** Scope: the catalog department (Department.id) whose items this account works on. */
  departmentId: text('department_id'),
  /** Scope of window staff: the halls (Hall.id) they take intake and check-ins at. */
  hallIds: jsonb('hall_ids').$type<string[]>().notNull().default([]),
  /** Disabled by an admin: cannot sign in; live sessions end. */
  disabledAt: at('disabled_at'),
  updatedAt: at('updated_at'),
})

/** When a staff scanner last fetched the key set and revocation list (bounds offline verdicts). */
export const scannerSyncs = pgTable('scanner_syncs', {
  staffId: uuid('staff_id').primaryKey(),
  syncedAt: at('synced_at').notNull(),
})

/** Legal representative's authorisation of other citizens to act for an enterprise. */
export const enterpriseOperators = pgTable(
  'enterprise_operators',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    enterpriseId: uuid('enterprise_id').notNull().references(() => enterprises.id),
    accountId: uuid('account_id').notNull().references(() => accounts.id),
    grantedBy: uuid('granted_by').notNull().references(() => accounts.id),
    createdAt: at('created_at').notNull(),
    revokedAt: at('revoked_at'),
  },
  (t) => [index('enterprise_operators_account_idx').on(t.accountId)],
)

/** 代办 mandates. `document` = uploaded 委托书 image (village agents). */
export const mandates = pgTable(
  'mandates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Null for a paper mandate (委托书) of someone without an account: then the registry identity. */
    grantorId: uuid('grantor_id').references(() => accounts.id),
    grantorIdNumberHmac: varchar('grantor_id_number_hmac', { length: 64 }),
    grantorNameEnc: text('grantor_name_enc'),
    granteeId: uuid('grantee_id').notNull().references(() => accounts.id),
    itemCodes: jsonb('item_codes').$type<string[]>().notNull(),
    categories: jsonb('categories').$type<string[]>().notNull(),
    endsAt: at('ends_at').notNull(),
    createdAt: at('created_at').notNull(),
    revokedAt: at('revoked_at'),
    documentType: text('document_type'),
    document: bytea('document'),
  },
  (t) => [index('mandates_grantor_idx').on(t.grantorId), index('mandates_grantee_idx').on(t.granteeId)],
)

/** Everything done under an identity, recorded against the person and whom they acted for. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    at: at('at').notNull(),
    audience: text('audience', { enum: AUDIENCES }).notNull(),
    actorId: uuid('actor_id').notNull(),
    actingKind: text('acting_kind', { enum: ACTING_KINDS }).notNull(),
    /** Enterprise id, or the grantor's account id for a mandate. */
    actingId: uuid('acting_id'),
    mandateId: uuid('mandate_id'),
    action: text('action').notNull(),
    detail: jsonb('detail').notNull().default({}),
  },
  (t) => [index('audit_log_actor_idx').on(t.actorId), index('audit_log_acting_idx').on(t.actingId), index('audit_log_mandate_idx').on(t.mandateId)],
)

export const consents = pgTable(
  'consents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id').notNull().references(() => accounts.id),
    kind: text('kind', { enum: CONSENT_KINDS }).notNull(),
    version: text('version').notNull(),
    granted: boolean('granted').notNull(),
    at: at('at').notNull(),
  },
  (t) => [index('consents_account_idx').on(t.accountId), check('consents_kind_check', inList('kind', CONSENT_KINDS))],
)

// Per-area tables live in their own files (one line each).
export * from './schema-signing'
export * from './schema-booking'
export * from './schema-records'
export * from './schema-cases'
export * from './schema-wallet'
