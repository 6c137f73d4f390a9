// Records (issue 5): social security (社会保险), housing provident fund (住房公积金) and the
// property archive (不动产档案), e-proofs with a signed QR, public verification and the access log
// (谁查询了我的数据). Money is in fen (integer cents) everywhere; dates are YYYY-MM-DD, months YYYY-MM.
import { Type, type Static } from '@sinclair/typebox'

export const INSURANCES = ['pension', 'medical', 'unemployment', 'injury', 'maternity'] as const
export type Insurance = (typeof INSURANCES)[number]
/** The three record areas (a proxy needs the matching mandate data scope, see mock/src/records/access.ts). */
export const RECORD_AREAS = ['social_security', 'provident_fund', 'property'] as const
export type RecordArea = (typeof RECORD_AREAS)[number]
export const PROOF_KINDS = ['social_security', 'provident_fund', 'property', 'no_property'] as const
export type ProofKind = (typeof PROOF_KINDS)[number]
/** Days an e-proof stays valid unless the issuer says otherwise. */
export const PROOF_VALID_DAYS = 30

const lit = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)))
const Cents = Type.Integer({ description: 'Amount in fen (1/100 yuan).' })
const Month = Type.String({ pattern: '^\\d{4}-\\d{2}$' })
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })

export const RecordSubject = Type.Object({
  acting: Type.Union([Type.Literal('self'), Type.Literal('proxy')]),
  name: Type.String({ description: 'Masked name of the person whose records these are.' }),
})
export type RecordSubject = Static<typeof RecordSubject>

const Envelope = {
  asOf: Type.String({ format: 'date-time', description: 'When the source system answered (数据截至).' }),
  subject: RecordSubject,
}

// ---- social security --------------------------------------------------------------------

export const InsuredView = Type.Object({
  insurance: lit(INSURANCES),
  status: lit(['active', 'suspended', 'receiving'] as const),
  employer: Type.Union([Type.String(), Type.Null()]),
  since: Day,
})
export const ContributionMonth = Type.Object({
  month: Month,
  employer: Type.String(),
  base: Cents,
  employerPart: Cents,
  personalPart: Cents,
  status: lit(['paid', 'owed'] as const),
})
export type ContributionMonth = Static<typeof ContributionMonth>
export const ContributionYear = Type.Object({
  year: Type.Integer(),
  paidMonths: Type.Integer(),
  owedMonths: Type.Integer(),
  total: Cents,
})
export type ContributionYear = Static<typeof ContributionYear>
export const PensionView = Type.Object({
  startedOn: Day,
  monthly: Cents,
  payments: Type.Array(Type.Object({ month: Month, amount: Cents })),
})
export const SocialSecurityQuery = Type.Object({ year: Type.Optional(Type.Integer({ minimum: 1990, maximum: 2100 })) }, { additionalProperties: false })
export type SocialSecurityQuery = Static<typeof SocialSecurityQuery>
export const SocialSecurityResponse = Type.Object(
  {
    ...Envelope,
    insured: Type.Array(InsuredView),
    years: Type.Array(ContributionYear, { description: 'Every year with contributions, oldest first (the chart).' }),
    year: Type.Union([Type.Integer(), Type.Null()], { description: 'The year `months` lists.' }),
    months: Type.Array(ContributionMonth),
    totalPaidMonths: Type.Integer(),
    pensionAccount: Cents,
    pension: Type.Union([PensionView, Type.Null()]),
  },
  { title: 'SocialSecurity' },
)
export type SocialSecurityResponse = Static<typeof SocialSecurityResponse>

// ---- provident fund ---------------------------------------------------------------------

export const FundEntry = Type.Object({
  date: Day,
  kind: lit(['deposit', 'withdrawal', 'interest'] as const),
  amount: Cents,
  balance: Cents,
  note: Type.String(),
})
export type FundEntry = Static<typeof FundEntry>
export const LoanInstalment = Type.Object({ n: Type.Integer(), date: Day, principal: Cents, interest: Cents, balance: Cents })
export const LoanView = Type.Object({
  principal: Cents,
  balance: Cents,
  ratePercent: Type.Number(),
  termMonths: Type.Integer(),
  startMonth: Month,
  paidMonths: Type.Integer(),
  nextPayment: Type.Union([Type.Object({ date: Day, amount: Cents }), Type.Null()]),
  schedule: Type.Array(LoanInstalment, { description: 'The next instalments (up to 12).' }),
})
export const WITHDRAWAL_KINDS = ['rent', 'purchase', 'loan_repayment', 'retirement', 'leaving'] as const
export const WithdrawalOption = Type.Object({ kind: lit(WITHDRAWAL_KINDS), allowed: Type.Boolean(), reason: Type.String() })
export type WithdrawalOption = Static<typeof WithdrawalOption>
export const FundAccountView = Type.Object({
  accountNo: Type.String({ description: 'Masked.' }),
  status: lit(['normal', 'sealed'] as const),
  employer: Type.Union([Type.String(), Type.Null()]),
  openedOn: Day,
  balance: Cents,
  base: Cents,
  monthlyDeposit: Cents,
  employerRatePercent: Type.Number(),
  personalRatePercent: Type.Number(),
  lastDepositMonth: Type.Union([Month, Type.Null()]),
})
export const FundQuery = Type.Object({ year: Type.Optional(Type.Integer({ minimum: 1990, maximum: 2100 })) }, { additionalProperties: false })
export type FundQuery = Static<typeof FundQuery>
export const ProvidentFundResponse = Type.Object(
  {
    ...Envelope,
    account: Type.Union([FundAccountView, Type.Null()]),
    years: Type.Array(Type.Integer(), { description: 'Years with account entries, newest first.' }),
    year: Type.Union([Type.Integer(), Type.Null()]),
    history: Type.Array(FundEntry, { description: 'Entries of `year`, newest first.' }),
    loan: Type.Union([LoanView, Type.Null()]),
    withdrawals: Type.Array(WithdrawalOption),
  },
  { title: 'ProvidentFund' },
)
export type ProvidentFundResponse = Static<typeof ProvidentFundResponse>

// ---- property ---------------------------------------------------------------------------

export const PropertyEvent = Type.Object({ date: Day, kind: lit(['first', 'transfer', 'mortgage', 'mortgage_release', 'seizure'] as const), note: Type.String() })
export const PropertyUnit = Type.Object({
  id: Type.String({ format: 'uuid' }),
  certNo: Type.String(),
  unitNo: Type.String(),
  location: Type.String(),
  areaM2: Type.Number(),
  use: lit(['residential', 'commercial', 'parking'] as const),
  rightType: Type.String(),
  share: Type.String(),
  registeredOn: Day,
  mortgage: Type.Union([Type.Object({ holder: Type.String(), since: Day, amount: Cents }), Type.Null()]),
  seized: Type.Boolean(),
  history: Type.Array(PropertyEvent),
})
export type PropertyUnit = Static<typeof PropertyUnit>
export const PropertyResponse = Type.Object({ ...Envelope, units: Type.Array(PropertyUnit) }, { title: 'Property' })
export type PropertyResponse = Static<typeof PropertyResponse>

// ---- proofs -----------------------------------------------------------------------------

export const CreateProofBody = Type.Object({ kind: lit(PROOF_KINDS) }, { additionalProperties: false, title: 'CreateProof' })
export type CreateProofBody = Static<typeof CreateProofBody>
export const ProofView = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    number: Type.String({ description: 'Printed on the PDF; also accepted by /api/verify.' }),
    kind: lit(PROOF_KINDS),
    issuedAt: Type.String({ format: 'date-time' }),
    expiresAt: Type.String({ format: 'date-time' }),
    status: lit(['valid', 'expired', 'revoked'] as const),
    downloadUrl: Type.String({ description: 'Short-lived link to the PDF (no login needed while it lasts).' }),
  },
  { title: 'Proof' },
)
export type ProofView = Static<typeof ProofView>
export const ProofsResponse = Type.Object({ items: Type.Array(ProofView) }, { title: 'Proofs' })
export type ProofsResponse = Static<typeof ProofsResponse>
export const ProofParams = Type.Object({ id: Type.String({ format: 'uuid' }) })
export const ProofPdfQuery = Type.Object({ t: Type.String({ maxLength: 200 }) })

export const VERIFY_REASONS = ['malformed', 'unknown_key', 'bad_signature', 'expired', 'not_yet_valid', 'wrong_kind', 'not_found', 'revoked', 'content_mismatch'] as const
export type VerifyReason = (typeof VERIFY_REASONS)[number]
export const VerifyQuery = Type.Object({ code: Type.String({ minLength: 1, maxLength: 1000 }) }, { additionalProperties: false })
export const VerifyPdfBody = Type.Object({ pdfBase64: Type.String({ minLength: 8, maxLength: 1_000_000 }) }, { additionalProperties: false, title: 'VerifyPdf' })
export type VerifyPdfBody = Static<typeof VerifyPdfBody>
export const ProofField = Type.Object({ label: Type.String(), value: Type.String() })
export type ProofField = Static<typeof ProofField>
export const VerifyResponse = Type.Object(
  {
    valid: Type.Boolean(),
    reason: Type.Optional(lit(VERIFY_REASONS)),
    proof: Type.Optional(
      Type.Object({
        number: Type.String(),
        kind: lit(PROOF_KINDS),
        title: Type.String(),
        issuer: Type.String(),
        holder: Type.String({ description: 'Masked name.' }),
        idNumber: Type.String({ description: 'Masked.' }),
        issuedAt: Type.String({ format: 'date-time' }),
        expiresAt: Type.String({ format: 'date-time' }),
        fields: Type.Array(ProofField),
      }),
    ),
  },
  { title: 'ProofVerification' },
)
export type VerifyResponse = Static<typeof VerifyResponse>

// ---- access log -------------------------------------------------------------------------

export const ACCESS_ACTIONS = ['social_security.view', 'provident_fund.view', 'property.view', 'proof.create', 'proof.download', 'proof.verify', 'case_material.view'] as const
export type AccessAction = (typeof ACCESS_ACTIONS)[number]
export const AccessEntry = Type.Object({
  at: Type.String({ format: 'date-time' }),
  who: lit(['self', 'proxy', 'staff', 'public'] as const),
  actor: Type.String({ description: 'Masked name of who did it (empty for a public verifier).' }),
  action: lit(ACCESS_ACTIONS),
  channel: Type.String(),
  /** Staff reads: the officer's department (or hall) and what was opened (a material's name). */
  department: Type.Optional(Type.String()),
  subject: Type.Optional(Type.String()),
})
export type AccessEntry = Static<typeof AccessEntry>
export const AccessLogResponse = Type.Object({ items: Type.Array(AccessEntry) }, { title: 'AccessLog' })
export type AccessLogResponse = Static<typeof AccessLogResponse>
