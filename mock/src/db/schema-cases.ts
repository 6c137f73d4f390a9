// Online applications (办件), issue 7. The state machine lives in the database: every allowed
// (from, to) pair is a row of case_transition_rules, a trigger refuses any other change of
// cases.state, and each recorded step (case_events) must name an allowed pair (foreign key).
// Writers move a case with a conditional UPDATE ... WHERE state = <expected> RETURNING, so two
// officers acting at once cannot both move it.
import { sql } from 'drizzle-orm'
import { bigserial, boolean, check, customType, date, foreignKey, index, integer, jsonb, pgSequence, pgTable, primaryKey, smallint, text, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core'
import { CASE_ACTIONS, CASE_ACTORS, CASE_STATES } from '../../../src/domain/cases/states'
import { MATERIAL_MODES, UPLOAD_TYPES } from '../../../src/domain/cases/materials'
import { at, inList } from './columns'
import { accounts } from './schema'
import { bookings } from './schema-booking'

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => Buffer.from(v),
})

export const caseNumberSeq = pgSequence('case_number_seq', { startWith: 1, increment: 1 })

/** The allowed transitions (loaded from src/domain/cases/states.ts by the migration). */
export const caseTransitionRules = pgTable(
  'case_transition_rules',
  {
    fromState: text('from_state').notNull(),
    toState: text('to_state').notNull(),
    action: text('action').notNull(),
  },
  (t) => [primaryKey({ name: 'case_transition_rules_pkey', columns: [t.fromState, t.toState, t.action] })],
)

/** 一件事: one bundle number over one case per item. */
export const caseBundles = pgTable('case_bundles', {
  id: uuid('id').primaryKey().defaultRandom(),
  number: varchar('number', { length: 24 }).notNull().unique('case_bundles_number_key'),
  bundleId: text('bundle_id').notNull(),
  accountId: uuid('account_id').notNull().references(() => accounts.id),
  createdAt: at('created_at').notNull(),
})

export interface CaseMaterialRow {
  name: string
  mode: (typeof MATERIAL_MODES)[number]
  fileIds?: string[]
  commitmentId?: string
  /** 容缺: the day the deferred material is due (China date). */
  dueOn?: string
  /** 容缺: set when the deferred material arrived. */
  providedAt?: string
}

export const cases = pgTable(
  'cases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Null while a draft; assigned at submission. */
    number: varchar('number', { length: 24 }),
    queryCodeEnc: text('query_code_enc'),
    queryCodeHmac: varchar('query_code_hmac', { length: 64 }),
    itemCode: text('item_code').notNull(),
    itemName: text('item_name').notNull(),
    bundleRowId: uuid('bundle_row_id').references(() => caseBundles.id),
    /** Who applied (the signed-in account). */
    accountId: uuid('account_id').notNull().references(() => accounts.id),
    actingKind: text('acting_kind').notNull().default('self'),
    /** Enterprise id when applying for an enterprise: all its actors see the case. */
    enterpriseId: uuid('enterprise_id'),
    /** Grantor account when applying under a mandate (代办). */
    forAccountId: uuid('for_account_id'),
    state: text('state').notNull(),
    form: jsonb('form').$type<Record<string, string | number>>().notNull().default({}),
    materials: jsonb('materials').$type<CaseMaterialRow[]>().notNull().default([]),
    /** 秒批 per-rule results shown to the applicant; null = not an auto-approval item. */
    autoResults: jsonb('auto_results').$type<Array<{ id: string; description: string; passed: boolean }>>(),
    promisedDays: integer('promised_days').notNull(),
    acceptedOn: date('accepted_on', { mode: 'string' }),
    dueOn: date('due_on', { mode: 'string' }),
    dueProvisional: boolean('due_provisional').notNull().default(false),
    /** Open supplement pause (date requested), and the closed ones. */
    pauses: jsonb('pauses').$type<Array<{ from: string; to?: string }>>().notNull().default([]),
    submittedAt: at('submitted_at'),
    concludedAt: at('concluded_at'),
    /** The device's id of the draft: one server draft per device draft. */
    clientRef: uuid('client_ref'),
    channel: text('channel').notNull().default('unknown'),
    createdAt: at('created_at').notNull(),
    updatedAt: at('updated_at').notNull(),
  },
  (t) => [
    check('cases_state_check', inList('state', CASE_STATES)),
    check('cases_number_check', sql`(state = 'draft') = (number is null)`),
    check('cases_query_pair_check', sql`(number is null) = (query_code_hmac is null)`),
    uniqueIndex('cases_number_key').on(t.number),
    uniqueIndex('cases_client_ref_key').on(t.accountId, t.clientRef),
    index('cases_account_idx').on(t.accountId, t.createdAt),
    index('cases_enterprise_idx').on(t.enterpriseId),
    index('cases_for_account_idx').on(t.forAccountId),
    index('cases_state_idx').on(t.state, t.submittedAt),
  ],
)

/** Every step: who, when, what, and the comment. (from, to) must be an allowed transition. */
export const caseEvents = pgTable(
  'case_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Order of steps (several can share one instant, e.g. the steps of 秒批). */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    caseId: uuid('case_id').notNull().references(() => cases.id),
    action: text('action').notNull(),
    fromState: text('from_state').notNull(),
    toState: text('to_state').notNull(),
    actorKind: text('actor_kind').notNull(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name'),
    comment: text('comment'),
    at: at('at').notNull(),
  },
  (t) => [
    index('case_events_case_idx').on(t.caseId, t.seq),
    check('case_events_actor_check', inList('actor_kind', CASE_ACTORS)),
    check('case_events_action_check', inList('action', CASE_ACTIONS)),
    foreignKey({ name: 'case_events_transition_fk', columns: [t.fromState, t.toState, t.action], foreignColumns: [caseTransitionRules.fromState, caseTransitionRules.toState, caseTransitionRules.action] }),
  ],
)

/** Uploaded materials: type checked by bytes, ≤ 10 MB; one row per (account, content). */
export const caseFiles = pgTable(
  'case_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id').notNull().references(() => accounts.id),
    sha256: varchar('sha256', { length: 64 }).notNull(),
    type: text('type').notNull(),
    size: integer('size').notNull(),
    bytes: bytea('bytes').notNull(),
    createdAt: at('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('case_files_account_sha_key').on(t.accountId, t.sha256),
    check('case_files_type_check', inList('type', UPLOAD_TYPES)),
    check('case_files_size_check', sql`size > 0 and size <= 10485760`),
  ],
)

/** 告知承诺 signed by the applicant; withdrawable until the decision. */
export const caseCommitments = pgTable(
  'case_commitments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id').notNull().references(() => cases.id),
    materialName: text('material_name').notNull(),
    text: text('text').notNull(),
    signedBy: uuid('signed_by').notNull().references(() => accounts.id),
    signedAt: at('signed_at').notNull(),
    withdrawnAt: at('withdrawn_at'),
  },
  (t) => [uniqueIndex('case_commitments_live_key').on(t.caseId, t.materialName).where(sql`withdrawn_at is null`)],
)

/**
 * 好差评: once per case, or once per hall visit (a checked-in booking). Exactly one target is set
 * (CHECK) and each target is rated at most once (unique indexes); 不满意 or worse gets a follow-up
 * answered by staff within 15 working days.
 */
export const caseRatings = pgTable(
  'case_ratings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id').references(() => cases.id),
    bookingId: uuid('booking_id').references(() => bookings.id),
    accountId: uuid('account_id').notNull().references(() => accounts.id),
    level: smallint('level').notNull(),
    tags: jsonb('tags').$type<string[]>().notNull().default([]),
    comment: text('comment'),
    at: at('at').notNull(),
    followUpDueOn: date('follow_up_due_on', { mode: 'string' }),
    reply: text('reply'),
    repliedAt: at('replied_at'),
    repliedBy: uuid('replied_by'),
  },
  (t) => [
    check('case_ratings_level_check', sql`level between 1 and 5`),
    check('case_ratings_follow_up_check', sql`(level <= 2) = (follow_up_due_on is not null)`),
    check('case_ratings_one_target_check', sql`num_nonnulls(case_id, booking_id) = 1`),
    uniqueIndex('case_ratings_case_key').on(t.caseId),
    uniqueIndex('case_ratings_booking_key').on(t.bookingId),
    index('case_ratings_follow_up_idx').on(t.followUpDueOn).where(sql`follow_up_due_on is not null`),
  ],
)

/**
 * Registry flags the case rules read, keyed by ID-number HMAC: the credit system's dishonesty
 * list (失信名单, refuses 告知承诺), deaths (人口库 status) and who already receives 高龄津贴
 * (民政). Seeded for the stand-in; a deployment reads the real registries instead.
 */
export const casePersonFlags = pgTable('case_person_flags', {
  idNumberHmac: varchar('id_number_hmac', { length: 64 }).primaryKey(),
  dishonest: boolean('dishonest').notNull().default(false),
  deceased: boolean('deceased').notNull().default(false),
  receivingElderAllowance: boolean('receiving_elder_allowance').notNull().default(false),
})

/**
 * Official holiday schedules (国务院办公厅 放假安排) loaded by an operator for years the calendar
 * package does not know yet: the days off and the 调休 working days of one year. A loaded year is
 * used in preference to the statutory fallback (src/domain/cases/workdays.ts).
 */
export const calendarYears = pgTable(
  'calendar_years',
  {
    year: integer('year').primaryKey(),
    holidays: jsonb('holidays').$type<string[]>().notNull(),
    workdays: jsonb('workdays').$type<string[]>().notNull(),
    /** The notice it comes from (e.g. 国办发明电〔2026〕N号). */
    source: text('source').notNull(),
    loadedAt: at('loaded_at').notNull(),
    loadedBy: uuid('loaded_by'),
  },
  () => [check('calendar_years_year_check', sql`year between 2000 and 2100`)],
)
