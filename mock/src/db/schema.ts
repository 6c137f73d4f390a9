// Database schema of the platform stand-in. Migrations in mock/drizzle/ are generated from this
// file by `npm run db:generate`; never edit an applied migration, add a new one.
import { sql } from 'drizzle-orm'
import { type AnyPgColumn, bigint, check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid, varchar } from 'drizzle-orm/pg-core'
import { FEEDBACK_CATEGORIES, REGION_LEVELS } from '../../../src/domain/contract'

export const SEXES = ['M', 'F'] as const
export const ENTERPRISE_TYPES = ['limited_company', 'partnership', 'individual_business'] as const
export const ENTERPRISE_STATUSES = ['active', 'revoked', 'deregistered'] as const

const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow()
const inList = (column: string, values: readonly string[]) =>
  sql.raw(`${column} in (${values.map((v) => `'${v}'`).join(', ')})`)

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
