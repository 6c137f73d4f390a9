// Online applications (办件), the applicant's side: uploads, drafts, submission (one case per item,
// a bundle number over a 一件事, signed commitments, 秒批), reading, the applicant's actions,
// rating, and the public lookup by case number + query code (rate-limited). Also what the form
// knows of the applicant, hall-visit ratings, the staff follow-ups of ratings, and the holiday
// calendar. routes.ts only parses and answers; the queries are in repo.ts, the state machine in
// machine.ts.
import { createHash } from 'node:crypto'
import type { AutoApprovalRule } from '../../../src/domain/catalog/types'
import { autoApprove, missedByAccount } from '../../../src/domain/cases/autoApproval'
import { DEFERRED_DUE_WORKING_DAYS, UPLOAD_MAX_BYTES, sniffType } from '../../../src/domain/cases/materials'
import { allowedTransition, asksForDeferred, isConcluded, type CaseState } from '../../../src/domain/cases/states'
import { chinaDate, dueDate } from '../../../src/domain/cases/workdays'
import { oneAtATime } from '../../../src/domain/cases/duplicates'
import type {
  CalendarYearBody,
  CalendarYearsResponse,
  CaseDetail,
  CaseDraftListResponse,
  CaseDraftView,
  CaseListResponse,
  CaseLookupBody,
  CaseLookupResponse,
  CaseProvideMaterialBody,
  CaseRateBody,
  CaseSaveDraftBody,
  CaseSupplementBody,
  CaseUploadResponse,
  RatingFollowUpListResponse,
  SubmitCaseBody,
  SubmitCaseResponse,
  VisitRatingResponse,
} from '../../../src/domain/contract/cases'
import type { KnownApplicantResponse } from '../../../src/domain/contract/known'
import { format } from '../../../src/domain/messages'
import { api } from '../../../src/domain/messages/zh-CN/api'
import { cases as text } from '../../../src/domain/messages/zh-CN/cases'
import { ownBooking } from '../booking/service'
import { catalogState } from '../catalog/state'
import type { DbOrTx } from '../db/client'
import type { CaseMaterialRow } from '../db/schema'
import { ApiError } from '../errors'
import type { CitizenIdentity, StaffIdentity } from '../identity/auth'
import { MINUTE, lockKey, recordEvent, slidingLimit } from '../identity/rate'
import type { Services } from '../context'
import { ratingScope } from '../staff/scope'
import { bundleNumbers, checkForm, checkMaterials, definition, formResponse, isDishonest, newQueryCode, personFacts, prefillValues, toDetail, toSummary, type Applicant } from './apply'
import { TIME_LIMIT_STATES, calendarOverrides, calendarYearView, checkCalendarYear, recompute } from './calendar'
import { knownContact, openCasesFor, refuseDuplicate } from './duplicates'
import { issueFor } from './issue'
import { moveCase, nextNumber, noticeFor, type Actor, type CaseRow } from './machine'
import { insertRating, ratingView, replyNotice, visitNames } from './ratings'
import * as repo from './repo'
import { assertActingScope } from '../acting/service'

/** Public lookup: per client address and per case number, sliding windows. */
export const LOOKUP_LIMIT = { perIp: 10, perNumber: 5, windowMs: 10 * MINUTE }

const applicantActor = (c: CitizenIdentity): Actor => ({ kind: 'applicant', id: c.accountId })

/** A case past its decision (or ended otherwise) takes no more materials or withdrawals. */
const closed = (row: CaseRow) => isConcluded(row.state as CaseState) || ['rejected', 'withdrawn'].includes(row.state)

/** The identity a case is filed under: enterprise, or the grantor of a mandate. */
function filedAs(c: CitizenIdentity) {
  return {
    accountId: c.accountId,
    actingKind: c.acting.kind,
    enterpriseId: c.acting.kind === 'enterprise' ? c.acting.id : null,
    forAccountId: c.acting.kind === 'proxy' ? c.acting.forId : null,
  }
}

export function draftView(row: CaseRow): CaseDraftView {
  const bundle = row.itemCode.startsWith('bundle:')
  const code = bundle ? row.itemCode.slice(7) : row.itemCode
  return {
    id: row.id,
    clientRef: row.clientRef as string,
    itemCode: code,
    bundle,
    title: row.itemName,
    form: row.form,
    materials: row.materials.map((m) => ({ name: m.name, mode: m.mode, ...(m.fileIds ? { fileIds: m.fileIds } : {}) })),
    updatedAt: row.updatedAt.toISOString(),
  }
}

/** A supplement (补正) merged into the case's materials: files added to a material already there, new materials appended. */
export function mergeSupplement(current: readonly CaseMaterialRow[], given: readonly CaseMaterialRow[]): CaseMaterialRow[] {
  const materials = current.map((m) => {
    const g = given.find((x) => x.name === m.name)
    return g ? { ...m, ...g, fileIds: [...(m.fileIds ?? []), ...(g.fileIds ?? [])] } : m
  })
  for (const g of given) if (!materials.some((m) => m.name === g.name)) materials.push(g)
  return materials
}

/** What the public lookup answers: the case, or an error to answer after committing the attempt. */
export type LookupOutcome = { found: CaseLookupResponse } | { refused: ApiError; retryAfter?: number }

export function createCasesService(s: Services) {
  const detail = (db: DbOrTx, row: CaseRow): Promise<CaseDetail> => toDetail(db, row, s.now(), { crypto: s.crypto, audience: 'applicant' })

  async function caseFor(db: DbOrTx, c: CitizenIdentity, id: string, lock = false): Promise<CaseRow> {
    const row = await repo.visibleCase(db, c, id, lock)
    if (!row) throw new ApiError(404, 'CASE_NOT_FOUND')
    return row
  }

  // ---- Uploads -------------------------------------------------------------------------------

  async function upload(db: DbOrTx, c: CitizenIdentity, bytes: unknown): Promise<CaseUploadResponse> {
    if (!Buffer.isBuffer(bytes) || bytes.length === 0) throw new ApiError(400, 'CASE_UPLOAD_EMPTY')
    if (bytes.length > UPLOAD_MAX_BYTES) throw new ApiError(413, 'CASE_UPLOAD_TOO_LARGE')
    const type = sniffType(bytes)
    if (!type) throw new ApiError(415, 'CASE_UPLOAD_TYPE')
    const sha256 = createHash('sha256').update(bytes).digest('hex')
    const fileId = await repo.saveFile(db, { accountId: c.accountId, sha256, type, size: bytes.length, bytes, createdAt: s.now() })
    return { fileId, type, size: bytes.length, sha256 }
  }

  async function file(db: DbOrTx, c: CitizenIdentity, id: string): Promise<{ type: string; bytes: Buffer }> {
    const f = await repo.ownFile(db, c.accountId, id)
    if (!f) throw new ApiError(404, 'CASE_NOT_FOUND')
    return { type: f.type, bytes: f.bytes }
  }

  // ---- Drafts --------------------------------------------------------------------------------

  async function saveDraft(db: DbOrTx, c: CitizenIdentity, b: CaseSaveDraftBody): Promise<{ draft: CaseDraftView }> {
    const def = definition(b.itemCode, b.bundle ?? false)
    const mats = await checkMaterials(db, def, b.materials, c.accountId, s.now(), true)
    const now = s.now()
    const row = await repo.upsertDraft(db, {
      itemCode: b.bundle ? `bundle:${b.itemCode}` : b.itemCode,
      itemName: def.title,
      ...filedAs(c),
      state: 'draft',
      form: b.form,
      materials: mats.rows,
      promisedDays: Math.max(...def.items.map((i) => i.promisedDays)),
      clientRef: b.clientRef,
      createdAt: now,
      updatedAt: now,
    })
    if (!row) throw new ApiError(409, 'CASE_INVALID_TRANSITION')
    return { draft: draftView(row) }
  }

  async function drafts(db: DbOrTx, c: CitizenIdentity): Promise<CaseDraftListResponse> {
    return { items: (await repo.drafts(db, c.accountId)).map(draftView) }
  }

  async function deleteDraft(db: DbOrTx, c: CitizenIdentity, id: string): Promise<{ deleted: true }> {
    if (!(await repo.deleteDraft(db, c.accountId, id))) throw new ApiError(404, 'CASE_DRAFT_NOT_FOUND')
    return { deleted: true }
  }

  // ---- Submit --------------------------------------------------------------------------------

  /**
   * One case per item (a bundle gets one bundle number over them), each moved from draft to
   * submitted with its number and query code, its signed commitments recorded, then 秒批 where
   * the item has rules. Runs in the request's transaction: all cases or none.
   */
  async function submit(db: DbOrTx, c: CitizenIdentity, b: SubmitCaseBody): Promise<SubmitCaseResponse> {
    const now = s.now()
    const def = definition(b.itemCode, b.bundle ?? false)
    // Under a 代办 mandate only what it covers is filed in the grantor's name (403 MANDATE_SCOPE).
    for (const item of def.items) await assertActingScope(db, c, { itemCode: item.code, lifeEvents: item.lifeEvents })
    const applicant: Applicant = { accountId: c.accountId, level: c.level, acting: c.acting }
    const form = checkForm(def, b.form, await prefillValues(db, s.crypto, applicant), now)
    const mats = await checkMaterials(db, def, b.materials, c.accountId, now)
    await refuseDuplicate(db, c, def.items)
    if (mats.commitments.length > 0) {
      if (c.level !== 'L3') throw new ApiError(403, 'LEVEL_REQUIRED', api.identity.levelL3, undefined, { requiredLevel: 'L3' })
      if (await isDishonest(db, c.accountId)) throw new ApiError(403, 'CASE_COMMITMENT_REFUSED')
    }
    if (b.clientRef) await repo.deleteDraftByRef(db, c.accountId, b.clientRef)

    let bundleRowId: string | null = null
    let bundleNumber: string | undefined
    if (def.bundle) {
      bundleNumber = await nextNumber(db, 'YJ', now)
      bundleRowId = await repo.insertBundle(db, { number: bundleNumber, bundleId: def.bundle.id, accountId: c.accountId, createdAt: now })
    }
    const out: CaseRow[] = []
    for (const item of def.items) {
      const number = await nextNumber(db, 'ZJ', now)
      const queryCode = newQueryCode()
      const draft = await repo.insertCase(db, {
        itemCode: item.code,
        itemName: item.name,
        bundleRowId,
        ...filedAs(c),
        state: 'draft',
        form,
        materials: mats.rows.filter((m) => def.materials.find((d) => d.name === m.name)?.usedBy.includes(item.code)),
        promisedDays: item.promisedDays,
        channel: b.channel ?? 'unknown',
        createdAt: now,
        updatedAt: now,
      })
      let row = await moveCase(db, draft, 'submit', applicantActor(c), now, {
        set: { number, queryCodeEnc: s.crypto.encrypt(queryCode), queryCodeHmac: s.crypto.index(queryCode), submittedAt: now },
      })
      for (const name of mats.commitments) {
        if (!row.materials.some((m) => m.name === name)) continue
        await repo.insertCommitment(db, { caseId: row.id, materialName: name, text: formResponse(def).materials.find((m) => m.name === name)?.commitmentText ?? name, signedBy: c.accountId, signedAt: now })
      }
      if (item.autoApproval) row = await runAutoApproval(db, row, item.autoApproval.rules, c, now)
      out.push(row)
    }
    // One after another: `db` is this request's transaction, and a PostgreSQL client runs one query at a time.
    const views = []
    for (const r of out) views.push(await detail(db, r))
    return { ...(bundleNumber ? { bundleNumber } : {}), cases: views }
  }

  /** 秒批: rules on registry data; all pass → approved and delivered with a wallet credential. */
  async function runAutoApproval(db: DbOrTx, row: CaseRow, rules: readonly AutoApprovalRule[], c: CitizenIdentity, now: Date): Promise<CaseRow> {
    const subject = c.acting.kind === 'self' ? c.accountId : c.acting.kind === 'proxy' ? c.acting.forId : null
    const facts = subject ? await personFacts(db, subject, row.itemCode, now) : {}
    const outcome = autoApprove(rules, facts)
    const withResults = await repo.setAutoResults(db, row.id, outcome.results)
    const system: Actor = { kind: 'system', id: null }
    // A deferred (容缺) material still to come: no decision without it, so an officer follows up.
    if (!outcome.approved || row.materials.some((m) => m.mode === 'deferred' && !m.providedAt)) {
      const failed = outcome.results.filter((r) => !r.passed).map((r) => r.description)
      // Routed to an officer: the case stays submitted for the window; the applicant is told why.
      await noticeFor(db, withResults, 'submitted', now, undefined, failed.length ? format(text.system.autoFailed, { rules: failed.join('；') }) : undefined)
      return withResults
    }
    let r = await moveCase(db, withResults, 'accept', system, now, { quiet: true, comment: text.system.autoPassed })
    r = await moveCase(db, r, 'startReview', system, now, { quiet: true })
    r = await moveCase(db, r, 'approve', system, now, { quiet: true })
    await issueFor(db, s.crypto, r, now)
    r = await moveCase(db, r, 'deliver', system, now, { quiet: true, comment: text.system.credential })
    await noticeFor(db, r, 'delivered', now, undefined, text.notices.autoApproved)
    return r
  }

  // ---- Reading -------------------------------------------------------------------------------

  async function list(db: DbOrTx, c: CitizenIdentity): Promise<CaseListResponse> {
    const rows = await repo.visibleCases(db, c, 200)
    const bundles = await bundleNumbers(db, rows)
    return { items: rows.map((r) => toSummary(r, s.now(), bundles)) }
  }

  async function one(db: DbOrTx, c: CitizenIdentity, id: string): Promise<CaseDetail> {
    return detail(db, await caseFor(db, c, id))
  }

  // ---- Applicant actions ---------------------------------------------------------------------

  async function withdraw(db: DbOrTx, c: CitizenIdentity, id: string, comment?: string): Promise<CaseDetail> {
    const row = await caseFor(db, c, id, true)
    return detail(db, await moveCase(db, row, 'withdraw', applicantActor(c), s.now(), { comment }))
  }

  async function supplement(db: DbOrTx, c: CitizenIdentity, id: string, b: CaseSupplementBody): Promise<CaseDetail> {
    const row = await caseFor(db, c, id, true)
    if (!allowedTransition(row.state as CaseState, 'supplement', 'applicant')) throw new ApiError(409, 'CASE_INVALID_TRANSITION')
    const def = definition(row.itemCode, false)
    const given = await checkMaterials(db, { ...def, materials: def.materials.filter((m) => b.materials.some((x) => x.name === m.name)) }, b.materials, c.accountId, s.now())
    return detail(db, await moveCase(db, row, 'supplement', applicantActor(c), s.now(), { comment: b.comment, set: { materials: mergeSupplement(row.materials, given.rows) } }))
  }

  /** 容缺后补: the deferred material's files, checked to be the applicant's own. */
  async function provideMaterial(db: DbOrTx, c: CitizenIdentity, id: string, b: CaseProvideMaterialBody): Promise<CaseDetail> {
    const row = await caseFor(db, c, id, true)
    if (!asksForDeferred(row.state as CaseState)) throw new ApiError(409, 'CASE_DEFERRED_CLOSED')
    const m = row.materials.find((x) => x.name === b.name && x.mode === 'deferred')
    if (!m) throw new ApiError(400, 'CASE_MATERIAL_UNKNOWN', undefined, 'name')
    if ((await repo.ownedFileCount(db, c.accountId, b.fileIds)) !== new Set(b.fileIds).size) throw new ApiError(400, 'CASE_FILE_NOT_FOUND')
    const materials = row.materials.map((x) => (x === m ? { ...x, fileIds: b.fileIds, providedAt: s.now().toISOString() } : x))
    return detail(db, await repo.setMaterials(db, row.id, materials, s.now(), row.state))
  }

  /** Withdrawing a 告知承诺 before the decision: the proof becomes due under 容缺. */
  async function withdrawCommitment(db: DbOrTx, c: CitizenIdentity, id: string, name: string): Promise<CaseDetail> {
    const row = await caseFor(db, c, id, true)
    if (closed(row)) throw new ApiError(409, 'CASE_INVALID_TRANSITION')
    if (!(await repo.withdrawCommitment(db, row.id, name, s.now()))) throw new ApiError(404, 'CASE_COMMITMENT_NOT_FOUND')
    const due = dueDate(chinaDate(s.now()), DEFERRED_DUE_WORKING_DAYS, [], await calendarOverrides(db)).due
    const materials = row.materials.map((m) => (m.name === name ? { name: m.name, mode: 'deferred' as const, dueOn: due } : m))
    return detail(db, await repo.setMaterials(db, row.id, materials, s.now()))
  }

  async function rate(db: DbOrTx, c: CitizenIdentity, id: string, b: CaseRateBody): Promise<CaseDetail> {
    const row = await caseFor(db, c, id)
    if (!isConcluded(row.state as CaseState)) throw new ApiError(409, 'CASE_NOT_CONCLUDED')
    const inserted = await insertRating(db, { caseId: row.id }, c.accountId, b, s.now())
    if (!inserted) throw new ApiError(409, 'CASE_ALREADY_RATED')
    return detail(db, row)
  }

  // ---- Public lookup -------------------------------------------------------------------------

  /** Number + query code, limited per client address and per number; every attempt counts. */
  async function lookup(db: DbOrTx, ip: string, b: CaseLookupBody): Promise<LookupOutcome> {
    const now = s.now()
    const number = b.number.trim().toUpperCase()
    const ipKey = `case-lookup:ip:${ip}`
    const numKey = `case-lookup:no:${number}`
    await lockKey(db, ipKey)
    await lockKey(db, numKey)
    const wait = Math.max((await slidingLimit(db, ipKey, LOOKUP_LIMIT.perIp, LOOKUP_LIMIT.windowMs, now)) ?? 0, (await slidingLimit(db, numKey, LOOKUP_LIMIT.perNumber, LOOKUP_LIMIT.windowMs, now)) ?? 0)
    if (wait > 0) {
      return { refused: new ApiError(429, 'CASE_LOOKUP_LIMIT', format(api.errors.CASE_LOOKUP_LIMIT, { seconds: wait }), undefined, { retryAfterSeconds: wait }), retryAfter: wait }
    }
    await recordEvent(db, ipKey, now)
    await recordEvent(db, numKey, now)
    const row = await repo.byNumber(db, number)
    if (!row || !row.queryCodeHmac || !s.crypto.matches(b.queryCode.trim().toUpperCase(), row.queryCodeHmac)) return { refused: new ApiError(404, 'CASE_LOOKUP_FAILED') }
    const events = (await toDetail(db, row, now, { crypto: s.crypto, audience: 'staff' })).events
    const sum = toSummary(row, now, new Map())
    return {
      found: {
        number: sum.number,
        itemName: row.itemName,
        state: sum.state,
        submittedAt: sum.submittedAt,
        ...(sum.dueOn ? { dueOn: sum.dueOn } : {}),
        overdue: sum.overdue,
        events: events.map((e) => ({ action: e.action, to: e.to, at: e.at })),
      },
    }
  }

  // ---- What the form knows of the applicant ----------------------------------------------------

  /** Contact details to prefill, and the open cases of the same item(s) for the same subject. */
  async function known(db: DbOrTx, c: CitizenIdentity, code: string | undefined, bundle: boolean): Promise<KnownApplicantResponse> {
    // Without a form (the halls list asks for the person's district): contact details alone.
    const def = code === undefined ? undefined : definition(code, bundle)
    const open = def ? await openCasesFor(db, c, def.itemCodes) : []
    const items = catalogState().items
    // Whose conditions: the person themselves, or the grantor of a 代办 mandate (as at submission).
    const subject = c.acting.kind === 'self' ? c.accountId : c.acting.kind === 'proxy' ? c.acting.forId : null
    const rules = def ? def.items.flatMap((i) => i.autoApproval?.rules ?? []) : []
    const unmet = def && subject && rules.length ? missedByAccount(rules, await personFacts(db, subject, def.items[0].code, s.now())) : []
    return {
      contact: await knownContact(db, s.crypto, c),
      open: open.map((o) => ({ ...o, number: o.number ?? '', exclusive: oneAtATime(items.get(o.itemCode) ?? { name: '' }) })),
      ...(unmet.length ? { unmet: unmet.map((r) => ({ id: r.id, description: r.description })) } : {}),
    }
  }

  // ---- Hall-visit ratings ----------------------------------------------------------------------

  async function visitView(db: DbOrTx, b: repo.BookingRow): Promise<VisitRatingResponse> {
    const r = await repo.ratingOfBooking(db, b.id)
    const blocked = r ? ('rated' as const) : b.status !== 'checked_in' ? ('not_checked_in' as const) : undefined
    return { bookingId: b.id, ...visitNames(b), canRate: !blocked, ...(blocked ? { blocked } : {}), ...(r ? { rating: ratingView(r) } : {}) }
  }

  /** Whether the holder can rate a hall visit (after check-in, once), and the rating. */
  async function visitRating(db: DbOrTx, c: CitizenIdentity, bookingId: string): Promise<VisitRatingResponse> {
    return visitView(db, await ownBooking(db, bookingId, c.accountId, 'VISIT_NOT_FOUND'))
  }

  async function rateVisit(db: DbOrTx, c: CitizenIdentity, bookingId: string, body: CaseRateBody): Promise<VisitRatingResponse> {
    const b = await ownBooking(db, bookingId, c.accountId, 'VISIT_NOT_FOUND')
    if (b.status !== 'checked_in') throw new ApiError(409, 'VISIT_NOT_CHECKED_IN')
    const row = await insertRating(db, { bookingId: b.id }, c.accountId, body, s.now())
    if (!row) throw new ApiError(409, 'VISIT_ALREADY_RATED')
    return visitView(db, b)
  }

  // ---- Rating follow-ups (staff) ---------------------------------------------------------------

  /** 不满意 ratings of cases and hall visits in the officer's scope awaiting a follow-up. */
  async function ratingFollowUps(db: DbOrTx, st: StaffIdentity): Promise<RatingFollowUpListResponse> {
    const rows = await repo.ratingFollowUps(db, ratingScope(st), 200)
    return {
      items: rows.map(({ r, number, caseItem, b }) => {
        const visit = r.bookingId && b?.itemCode ? visitNames({ itemCode: b.itemCode, hallId: b.hallId as string }) : undefined
        return {
          ratingId: r.id,
          target: r.caseId ? ('case' as const) : ('visit' as const),
          ...(r.caseId ? { caseId: r.caseId } : {}),
          ...(r.bookingId ? { bookingId: r.bookingId } : {}),
          reference: r.caseId ? (number ?? '') : (visit?.hallName ?? ''),
          itemName: r.caseId ? (caseItem ?? '') : (visit?.itemName ?? ''),
          level: r.level,
          tags: r.tags,
          ...(r.comment ? { comment: r.comment } : {}),
          followUpDueOn: r.followUpDueOn as string,
          replied: r.reply !== null,
        }
      }),
    }
  }

  /** Answer a rating's follow-up (case or visit, by rating id); the rater is told. */
  async function replyToRating(db: DbOrTx, st: StaffIdentity, id: string, reply: string): Promise<void> {
    const now = s.now()
    const answer = reply.trim()
    const r = await repo.replyToRating(db, id, ratingScope(st), answer, st.staffId, now)
    if (!r) throw new ApiError(404, 'CASE_NOT_FOLLOW_UP')
    await replyNotice(db, r, answer, now)
  }

  // ---- Holiday calendar --------------------------------------------------------------------------

  async function calendar(db: DbOrTx): Promise<CalendarYearsResponse> {
    return { items: (await repo.calendarYearRows(db)).map(calendarYearView) }
  }

  /** Load (or replace) a year's published schedule; open cases whose due date leaned on the fallback get it now. */
  async function loadCalendarYear(db: DbOrTx, st: StaffIdentity, year: number, b: CalendarYearBody): Promise<CalendarYearsResponse> {
    checkCalendarYear(year, b)
    const now = s.now()
    await repo.upsertCalendarYear(db, { year, holidays: [...new Set(b.holidays)].sort(), workdays: [...new Set(b.workdays)].sort(), source: b.source.trim(), loadedAt: now, loadedBy: st.staffId })
    const overrides = await calendarOverrides(db)
    const today = chinaDate(now)
    const open = await repo.provisionalDueCases(db, TIME_LIMIT_STATES)
    for (const c of open) {
      const d = recompute(c, today, overrides)
      await repo.setDue(db, c.id, d.dueOn, d.provisional)
    }
    return { ...(await calendar(db)), recomputed: open.length }
  }

  return {
    upload,
    file,
    saveDraft,
    drafts,
    deleteDraft,
    submit,
    list,
    one,
    withdraw,
    supplement,
    provideMaterial,
    withdrawCommitment,
    rate,
    lookup,
    known,
    visitRating,
    rateVisit,
    ratingFollowUps,
    replyToRating,
    calendar,
    loadCalendarYear,
  }
}

export type CasesService = ReturnType<typeof createCasesService>
