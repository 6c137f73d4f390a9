// Online applications (办件): forms, uploads, cases, staff actions, ratings, public lookup.
import { Type, type Static } from '@sinclair/typebox'
import { CASE_ACTIONS, CASE_STATES } from '../cases/states'
import { MATERIAL_MODES } from '../cases/materials'
import { Channel } from './common'

const lit = <T extends string>(xs: readonly T[]) => Type.Union(xs.map((x) => Type.Literal(x)))

export const CaseState = lit(CASE_STATES)
export const CaseAction = lit(CASE_ACTIONS)
export const CaseMaterialMode = lit(MATERIAL_MODES)
export type CaseStateT = Static<typeof CaseState>

const Uuid = Type.String({ format: 'uuid' })
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })
const FormValue = Type.Union([Type.String({ maxLength: 2000 }), Type.Number()])
export const CaseFormValues = Type.Record(Type.String({ pattern: '^[A-Za-z][A-Za-z0-9_.]{0,59}$' }), FormValue, { maxProperties: 60 })

export const CaseApplyField = Type.Object({
  key: Type.String(),
  label: Type.String(),
  kind: Type.String(),
  required: Type.Boolean(),
  options: Type.Optional(Type.Array(Type.String())),
  prefill: Type.Optional(Type.String()),
  min: Type.Optional(Type.Number()),
  max: Type.Optional(Type.Number()),
  maxLength: Type.Optional(Type.Integer()),
  hint: Type.Optional(Type.String()),
})
export type CaseApplyFieldT = Static<typeof CaseApplyField>

export const CaseFormMaterial = Type.Object({
  name: Type.String(),
  required: Type.Boolean(),
  modes: Type.Array(CaseMaterialMode),
  commitmentText: Type.Optional(Type.String()),
  note: Type.Optional(Type.String()),
})
export type CaseFormMaterial = Static<typeof CaseFormMaterial>

export const CaseRuleView = Type.Object({ id: Type.String(), description: Type.String(), passed: Type.Optional(Type.Boolean()) })

/** GET /api/cases/forms/:itemCode and /api/cases/bundle-forms/:bundleId */
export const ApplyFormResponse = Type.Object(
  {
    itemCodes: Type.Array(Type.String()),
    title: Type.String(),
    fields: Type.Array(CaseApplyField),
    materials: Type.Array(CaseFormMaterial),
    rules: Type.Array(CaseRuleView),
    promisedDays: Type.Integer(),
    deferredDueWorkingDays: Type.Integer(),
    /** Every item is decided at once by the system (秒批): the only case the app calls 即办件. */
    instant: Type.Optional(Type.Boolean()),
  },
  { title: 'ApplyForm' },
)
export type ApplyFormResponse = Static<typeof ApplyFormResponse>

export const CaseMaterialChoice = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 100 }), mode: CaseMaterialMode, fileIds: Type.Optional(Type.Array(Uuid, { maxItems: 9 })) },
  { additionalProperties: false },
)
export type CaseMaterialChoice = Static<typeof CaseMaterialChoice>

export const SubmitCaseBody = Type.Object(
  {
    /** An item code, or a bundle id with `bundle: true`. */
    itemCode: Type.String({ minLength: 1, maxLength: 40 }),
    bundle: Type.Optional(Type.Boolean()),
    /** The device's draft id: submitting it removes the server draft of the same id. */
    clientRef: Type.Optional(Uuid),
    form: CaseFormValues,
    materials: Type.Array(CaseMaterialChoice, { maxItems: 40 }),
    channel: Type.Optional(Channel),
  },
  { additionalProperties: false, title: 'SubmitCase' },
)
export type SubmitCaseBody = Static<typeof SubmitCaseBody>

export const CaseSaveDraftBody = Type.Object(
  {
    clientRef: Uuid,
    itemCode: Type.String({ minLength: 1, maxLength: 40 }),
    bundle: Type.Optional(Type.Boolean()),
    form: CaseFormValues,
    materials: Type.Array(CaseMaterialChoice, { maxItems: 40 }),
  },
  { additionalProperties: false, title: 'SaveDraft' },
)
export type CaseSaveDraftBody = Static<typeof CaseSaveDraftBody>

export const CaseDraftView = Type.Object({
  id: Uuid,
  clientRef: Uuid,
  itemCode: Type.String(),
  bundle: Type.Boolean(),
  title: Type.String(),
  form: CaseFormValues,
  materials: Type.Array(CaseMaterialChoice),
  updatedAt: Type.String({ format: 'date-time' }),
})
export type CaseDraftView = Static<typeof CaseDraftView>
export const CaseDraftListResponse = Type.Object({ items: Type.Array(CaseDraftView) })
export type CaseDraftListResponse = Static<typeof CaseDraftListResponse>

export const CaseUploadResponse = Type.Object({ fileId: Uuid, type: Type.String(), size: Type.Integer(), sha256: Type.String() }, { title: 'Upload' })
export type CaseUploadResponse = Static<typeof CaseUploadResponse>

export const CaseEventView = Type.Object({
  action: CaseAction,
  from: CaseState,
  to: CaseState,
  actor: Type.String(),
  actorName: Type.Optional(Type.String()),
  comment: Type.Optional(Type.String()),
  at: Type.String({ format: 'date-time' }),
})
export type CaseEventView = Static<typeof CaseEventView>

export const CaseMaterialView = Type.Object({
  name: Type.String(),
  mode: CaseMaterialMode,
  files: Type.Array(Type.Object({ id: Uuid, type: Type.String(), size: Type.Integer() })),
  dueOn: Type.Optional(Day),
  provided: Type.Optional(Type.Boolean()),
  /** A deferred material not handed in on a case that has ended: no longer asked for (asksForDeferred). */
  noLongerNeeded: Type.Optional(Type.Boolean()),
  commitment: Type.Optional(Type.Object({ id: Uuid, signedAt: Type.String(), withdrawn: Type.Boolean() })),
})
export type CaseMaterialView = Static<typeof CaseMaterialView>

export const CaseRatingView = Type.Object({
  level: Type.Integer({ minimum: 1, maximum: 5 }),
  tags: Type.Array(Type.String()),
  comment: Type.Optional(Type.String()),
  at: Type.String({ format: 'date-time' }),
  followUpDueOn: Type.Optional(Day),
  reply: Type.Optional(Type.String()),
  repliedAt: Type.Optional(Type.String()),
})
export type CaseRatingView = Static<typeof CaseRatingView>

export const CaseSummary = Type.Object({
  id: Uuid,
  number: Type.String(),
  bundleNumber: Type.Optional(Type.String()),
  itemCode: Type.String(),
  itemName: Type.String(),
  state: CaseState,
  submittedAt: Type.String({ format: 'date-time' }),
  dueOn: Type.Optional(Day),
  overdue: Type.Boolean(),
  enterprise: Type.Boolean(),
})
export type CaseSummary = Static<typeof CaseSummary>

export const CaseDetail = Type.Intersect(
  [
    CaseSummary,
    Type.Object({
      queryCode: Type.Optional(Type.String()),
      form: CaseFormValues,
      materials: Type.Array(CaseMaterialView),
      events: Type.Array(CaseEventView),
      rules: Type.Optional(Type.Array(CaseRuleView)),
      /** A 即办件 (秒批 item) sent to an officer: why, in Chinese (未能即时办结：…，已转人工审核). */
      manualReview: Type.Optional(Type.String()),
      promisedDays: Type.Integer(),
      dueProvisional: Type.Boolean(),
      /** Supplement asked for (open request's comment). */
      supplementRequest: Type.Optional(Type.String()),
      actions: Type.Array(Type.String()),
      rating: Type.Optional(CaseRatingView),
      canRate: Type.Boolean(),
      /** Staff view: the form as it reads (schema labels, formatted values, masked by role). */
      fields: Type.Optional(Type.Array(Type.Object({ key: Type.String(), label: Type.String(), value: Type.String() }))),
      /** Staff view: the department whose item this is (who approves). */
      departmentName: Type.Optional(Type.String()),
    }),
  ],
  { title: 'CaseDetail' },
)
export type CaseDetail = Static<typeof CaseDetail>

export const SubmitCaseResponse = Type.Object(
  { bundleNumber: Type.Optional(Type.String()), cases: Type.Array(CaseDetail) },
  { title: 'SubmitCaseResult' },
)
export type SubmitCaseResponse = Static<typeof SubmitCaseResponse>

export const CaseListResponse = Type.Object({ items: Type.Array(CaseSummary) }, { title: 'CaseList' })
export type CaseListResponse = Static<typeof CaseListResponse>

export const CaseIdParams = Type.Object({ id: Uuid })

/** A staff viewer link to one material (issue 20): short-lived and signed, so an <img> or a new tab opens it without a bearer header. */
export const StaffFileParams = Type.Object({ id: Uuid, fileId: Uuid })
export const StaffFileLinkResponse = Type.Object({ url: Type.String(), type: Type.String(), expiresAt: Type.String({ format: 'date-time' }) }, { title: 'StaffFileLink' })
export type StaffFileLinkResponse = Static<typeof StaffFileLinkResponse>
export const StaffFileViewQuery = Type.Object({
  by: Uuid,
  // Any shape is let through to the MAC check: a tampered link answers 403, like an expired one.
  t: Type.String({ maxLength: 200, description: '<expiry seconds>.<MAC>' }),
})
export const CaseCommentBody = Type.Object({ comment: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false })
export type CaseCommentBody = Static<typeof CaseCommentBody>

export const CaseSupplementBody = Type.Object(
  { materials: Type.Array(CaseMaterialChoice, { minItems: 1, maxItems: 40 }), comment: Type.Optional(Type.String({ maxLength: 500 })) },
  { additionalProperties: false },
)
export type CaseSupplementBody = Static<typeof CaseSupplementBody>

export const CaseProvideMaterialBody = Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }), fileIds: Type.Array(Uuid, { minItems: 1, maxItems: 9 }) }, { additionalProperties: false })
export type CaseProvideMaterialBody = Static<typeof CaseProvideMaterialBody>

export const CaseWithdrawCommitmentBody = Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false })

export const CaseRateBody = Type.Object(
  { level: Type.Integer({ minimum: 1, maximum: 5 }), tags: Type.Array(Type.String({ maxLength: 20 }), { maxItems: 10 }), comment: Type.Optional(Type.String({ maxLength: 500 })) },
  { additionalProperties: false },
)
export type CaseRateBody = Static<typeof CaseRateBody>

export const CaseLookupBody = Type.Object(
  { number: Type.String({ minLength: 6, maxLength: 24 }), queryCode: Type.String({ minLength: 4, maxLength: 12 }) },
  { additionalProperties: false, title: 'CaseLookup' },
)
export type CaseLookupBody = Static<typeof CaseLookupBody>

export const CaseLookupResponse = Type.Object(
  {
    number: Type.String(),
    itemName: Type.String(),
    state: CaseState,
    submittedAt: Type.String(),
    dueOn: Type.Optional(Day),
    overdue: Type.Boolean(),
    events: Type.Array(Type.Object({ action: CaseAction, to: CaseState, at: Type.String() })),
  },
  { title: 'CaseLookupResult' },
)
export type CaseLookupResponse = Static<typeof CaseLookupResponse>

// Staff.
export const STAFF_CASE_ACTIONS = ['accept', 'reject', 'requestSupplement', 'startReview', 'approve', 'deny', 'deliver'] as const
export const StaffActionParams = Type.Object({ id: Uuid, action: lit(STAFF_CASE_ACTIONS) })
export const StaffActionBody = Type.Object(
  { comment: Type.Optional(Type.String({ maxLength: 500 })), materials: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 40 })) },
  { additionalProperties: false },
)
export type StaffActionBody = Static<typeof StaffActionBody>
export const StaffCaseQuery = Type.Object({ state: Type.Optional(CaseState), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })) })
export const StaffCaseListResponse = Type.Object({
  items: Type.Array(CaseSummary),
  /** Cases in this officer's scope per state of their queue (the whole queue, not just this page). */
  counts: Type.Record(Type.String(), Type.Integer()),
})
export type StaffCaseListResponse = Static<typeof StaffCaseListResponse>
export const CaseRatingReplyBody = Type.Object({ reply: Type.String({ minLength: 2, maxLength: 500 }) }, { additionalProperties: false })
export const CaseFollowUpListResponse = Type.Object({
  items: Type.Array(Type.Object({ caseId: Uuid, number: Type.String(), itemName: Type.String(), level: Type.Integer(), comment: Type.Optional(Type.String()), followUpDueOn: Day, replied: Type.Boolean() })),
})
export type CaseFollowUpListResponse = Static<typeof CaseFollowUpListResponse>

// Rating a hall visit (a checked-in booking): same levels, tags, comment and follow-up as a case.
export const VISIT_RATING_BLOCKERS = ['not_checked_in', 'rated'] as const
export const VisitRatingResponse = Type.Object(
  {
    bookingId: Uuid,
    itemName: Type.String(),
    hallName: Type.String(),
    canRate: Type.Boolean(),
    /** Why not (when canRate is false): not yet checked in, or already rated. */
    blocked: Type.Optional(lit(VISIT_RATING_BLOCKERS)),
    rating: Type.Optional(CaseRatingView),
  },
  { title: 'VisitRating' },
)
export type VisitRatingResponse = Static<typeof VisitRatingResponse>

/** Staff: every rating awaiting its follow-up, cases and hall visits alike. */
export const RatingFollowUpListResponse = Type.Object(
  {
    items: Type.Array(
      Type.Object({
        ratingId: Uuid,
        target: lit(['case', 'visit'] as const),
        caseId: Type.Optional(Uuid),
        bookingId: Type.Optional(Uuid),
        /** Case number, or the visit's hall. */
        reference: Type.String(),
        itemName: Type.String(),
        level: Type.Integer(),
        tags: Type.Array(Type.String()),
        comment: Type.Optional(Type.String()),
        followUpDueOn: Day,
        replied: Type.Boolean(),
      }),
    ),
  },
  { title: 'RatingFollowUps' },
)
export type RatingFollowUpListResponse = Static<typeof RatingFollowUpListResponse>
export const RatingIdParams = Type.Object({ id: Uuid })

// Official holiday schedules loaded by an operator (admin) for years the calendar package lacks.
const CalendarDay = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })
export const CalendarYearParams = Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) })
export const CalendarYearBody = Type.Object(
  {
    /** Days off that would otherwise be working days (the holidays and their days off in lieu). */
    holidays: Type.Array(CalendarDay, { minItems: 1, maxItems: 60 }),
    /** Weekend days worked to make up (调休上班). */
    workdays: Type.Array(CalendarDay, { maxItems: 20 }),
    /** The notice it comes from, e.g. 国办发明电〔2026〕N号. */
    source: Type.String({ minLength: 2, maxLength: 200 }),
  },
  { additionalProperties: false, title: 'CalendarYear' },
)
export type CalendarYearBody = Static<typeof CalendarYearBody>
export const CalendarYearsResponse = Type.Object(
  {
    items: Type.Array(Type.Object({ year: Type.Integer(), holidays: Type.Array(Type.String()), workdays: Type.Array(Type.String()), source: Type.String(), loadedAt: Type.String() })),
    /** After a load: open cases whose provisional due date was recomputed. */
    recomputed: Type.Optional(Type.Integer()),
  },
  { title: 'CalendarYears' },
)
export type CalendarYearsResponse = Static<typeof CalendarYearsResponse>
