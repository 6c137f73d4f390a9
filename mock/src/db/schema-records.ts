// Records (issue 5). The first group of tables is the stand-in for three outside source systems
// (人社 social security, 公积金中心 provident fund, 不动产登记 property), keyed by the registry
// citizen; the stand-in's adapter (mock/src/records/seeded.ts) reads them. The second group is the
// platform's own: issued e-proofs and the access log (谁查询了我的数据).
import { sql } from 'drizzle-orm'
import { bigint, boolean, check, customType, date, index, integer, jsonb, numeric, pgTable, text, uuid, varchar } from 'drizzle-orm/pg-core'
import { ACCESS_ACTIONS, PROOF_KINDS } from '../../../src/domain/contract/records'
import { at, inList } from './columns'

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => Buffer.from(v),
})
const day = (name: string) => date(name, { mode: 'string' })

export const CONTRIBUTION_STATUSES = ['paid', 'owed'] as const

/**
 * 社保 contribution spans: one row per employer and contribution year (July–June in 宁波, when the
 * declared base changes), or a run of owed months. Monthly records are the months of each span.
 */
export const ssSpans = pgTable(
  'ss_spans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    citizenId: uuid('citizen_id').notNull(),
    employer: text('employer').notNull(),
    fromMonth: day('from_month').notNull(),
    toMonth: day('to_month').notNull(),
    /** Declared monthly base, fen. */
    base: integer('base').notNull(),
    status: text('status', { enum: CONTRIBUTION_STATUSES }).notNull(),
    /** Insurances this employer pays for (some small employers skip unemployment or injury). */
    insurances: jsonb('insurances').$type<string[]>().notNull(),
  },
  (t) => [
    index('ss_spans_citizen_idx').on(t.citizenId, t.fromMonth),
    check('ss_spans_status_check', inList('status', CONTRIBUTION_STATUSES)),
    check('ss_spans_months_check', sql`from_month <= to_month`),
    check('ss_spans_base_check', sql`base > 0`),
  ],
)

/** Retirees: 基本养老金 from the first month after retirement; adjusted every January. */
export const ssPensions = pgTable('ss_pensions', {
  citizenId: uuid('citizen_id').primaryKey(),
  startedOn: day('started_on').notNull(),
  /** Monthly amount when it started, fen. */
  initialMonthly: integer('initial_monthly').notNull(),
})

export const FUND_EVENT_KINDS = ['withdrawal'] as const

/** 公积金 account (one per person in the stand-in; 封存 when the employer stops depositing). */
export const pfAccounts = pgTable('pf_accounts', {
  citizenId: uuid('citizen_id').primaryKey(),
  accountNo: varchar('account_no', { length: 20 }).notNull().unique('pf_accounts_no_key'),
  openedOn: day('opened_on').notNull(),
  /** Balance carried in from before the first span (transfer from another city), fen. */
  openingBalance: bigint('opening_balance', { mode: 'number' }).notNull().default(0),
})

/** 公积金 deposit spans, like ss_spans: one per employer and deposit year. */
export const pfSpans = pgTable(
  'pf_spans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    citizenId: uuid('citizen_id').notNull(),
    employer: text('employer').notNull(),
    fromMonth: day('from_month').notNull(),
    toMonth: day('to_month').notNull(),
    base: integer('base').notNull(),
    /** Each side's rate in percent (5–12). */
    ratePercent: integer('rate_percent').notNull(),
  },
  (t) => [index('pf_spans_citizen_idx').on(t.citizenId, t.fromMonth), check('pf_spans_rate_check', sql`rate_percent between 5 and 12`)],
)

/** Withdrawals (提取); deposits and interest follow from the spans. */
export const pfWithdrawals = pgTable(
  'pf_withdrawals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    citizenId: uuid('citizen_id').notNull(),
    on: day('on').notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    reason: text('reason').notNull(),
  },
  (t) => [index('pf_withdrawals_citizen_idx').on(t.citizenId), check('pf_withdrawals_amount_check', sql`amount > 0`)],
)

/** 公积金贷款: equal monthly instalments (等额本息). */
export const pfLoans = pgTable(
  'pf_loans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    citizenId: uuid('citizen_id').notNull(),
    principal: bigint('principal', { mode: 'number' }).notNull(),
    /** Annual rate, percent (e.g. 2.85). */
    ratePercent: numeric('rate_percent', { precision: 5, scale: 2, mode: 'number' }).notNull(),
    termMonths: integer('term_months').notNull(),
    /** First instalment month. */
    startMonth: day('start_month').notNull(),
  },
  (t) => [index('pf_loans_citizen_idx').on(t.citizenId), check('pf_loans_term_check', sql`term_months between 12 and 360`)],
)

export const PROPERTY_USES = ['residential', 'commercial', 'parking'] as const

/** 不动产单元 with its current right holder. */
export const reUnits = pgTable(
  're_units',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    citizenId: uuid('citizen_id').notNull(),
    certNo: text('cert_no').notNull().unique('re_units_cert_no_key'),
    unitNo: varchar('unit_no', { length: 28 }).notNull().unique('re_units_unit_no_key'),
    location: text('location').notNull(),
    /** Square metres × 100. */
    area: integer('area').notNull(),
    use: text('use', { enum: PROPERTY_USES }).notNull(),
    rightType: text('right_type').notNull(),
    share: text('share').notNull(),
    registeredOn: day('registered_on').notNull(),
    mortgageHolder: text('mortgage_holder'),
    mortgageSince: day('mortgage_since'),
    mortgageAmount: bigint('mortgage_amount', { mode: 'number' }),
    seized: boolean('seized').notNull().default(false),
    /** Registration history: [{date, kind, note}], oldest first. */
    history: jsonb('history').$type<Array<{ date: string; kind: string; note: string }>>().notNull(),
  },
  (t) => [index('re_units_citizen_idx').on(t.citizenId), check('re_units_use_check', inList('use', PROPERTY_USES)), check('re_units_area_check', sql`area > 0`)],
)

// ---- the platform's own -----------------------------------------------------------------

/** Issued e-proofs. `content` is what the PDF prints; its hash is signed into the QR. */
export const proofs = pgTable(
  'proofs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    number: varchar('number', { length: 20 }).notNull().unique('proofs_number_key'),
    kind: text('kind', { enum: PROOF_KINDS }).notNull(),
    /** Whose data the proof states (registry citizen). */
    citizenId: uuid('citizen_id').notNull(),
    /** Who asked for it (the account, also when acting under a mandate). */
    accountId: uuid('account_id').notNull(),
    mandateId: uuid('mandate_id'),
    content: jsonb('content').notNull(),
    contentHash: varchar('content_hash', { length: 64 }).notNull(),
    pdf: bytea('pdf').notNull(),
    pdfSha256: varchar('pdf_sha256', { length: 64 }).notNull(),
    issuedAt: at('issued_at').notNull(),
    expiresAt: at('expires_at').notNull(),
    revokedAt: at('revoked_at'),
  },
  (t) => [
    index('proofs_account_idx').on(t.accountId, t.issuedAt),
    index('proofs_citizen_idx').on(t.citizenId),
    index('proofs_pdf_sha256_idx').on(t.pdfSha256),
    check('proofs_kind_check', inList('kind', PROOF_KINDS)),
    check('proofs_expiry_check', sql`expires_at > issued_at`),
  ],
)

export const ACCESS_WHO = ['self', 'proxy', 'enterprise', 'staff', 'public'] as const

/** 谁查询了我的数据: every query of and proof about a person's records. */
export const accessLog = pgTable(
  'access_log',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    at: at('at').notNull(),
    /** Whose data was read (registry citizen). */
    citizenId: uuid('citizen_id').notNull(),
    who: text('who', { enum: ACCESS_WHO }).notNull(),
    /** Account or staff id; null for a public verifier. */
    actorId: uuid('actor_id'),
    mandateId: uuid('mandate_id'),
    action: text('action', { enum: ACCESS_ACTIONS }).notNull(),
    proofId: uuid('proof_id'),
    channel: text('channel').notNull(),
    /** case_material.view: { department, material, caseNumber } as they were at the read. */
    detail: jsonb('detail').$type<{ department?: string; material?: string; caseNumber?: string }>().notNull().default({}),
  },
  (t) => [index('access_log_citizen_at_idx').on(t.citizenId, t.at), check('access_log_who_check', inList('who', ACCESS_WHO)), check('access_log_action_check', inList('action', ACCESS_ACTIONS))],
)

export type SsSpan = typeof ssSpans.$inferSelect
export type PfSpan = typeof pfSpans.$inferSelect
export type ReUnit = typeof reUnits.$inferSelect
