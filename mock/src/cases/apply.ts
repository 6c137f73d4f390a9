// Applying: the form and materials of an item (or a bundle), checking a submission against them,
// registry facts for 秒批, and the views the API answers with.
import { randomInt } from 'node:crypto'
import type { Bundle, Material, ServiceItem } from '../../../src/domain/catalog/types'
import { ageOn, manualReviewCause } from '../../../src/domain/cases/autoApproval'
import { displayFields, type LabelledField } from '../../../src/domain/cases/display'
import { formFor, normaliseForm, validateForm, type ApplyField } from '../../../src/domain/cases/forms'
import { maskPhone } from '../../../src/domain/mask'
import { DEFERRED_DUE_WORKING_DAYS, commitmentText, modesFor } from '../../../src/domain/cases/materials'
import { decidedAtOnce } from '../../../src/domain/cases/duplicates'
import { actionsFor, asksForDeferred, canRate, type CaseState } from '../../../src/domain/cases/states'
import { chinaDate, dueDate, isOverdue } from '../../../src/domain/cases/workdays'
import type { ApplyFormResponse, CaseDetail, CaseMaterialChoice, CaseSummary } from '../../../src/domain/contract/cases'
import { format } from '../../../src/domain/messages'
import { api } from '../../../src/domain/messages/zh-CN/api'
import { cases as text } from '../../../src/domain/messages/zh-CN/cases'
import { catalogState } from '../catalog/state'
import type { FieldCrypto } from '../crypto'
import type { DbOrTx } from '../db/client'
import type { CaseMaterialRow } from '../db/schema'
import { ApiError } from '../errors'
import { calendarOverrides } from './calendar'
import type { CaseRow } from './machine'
import { ratingView } from './ratings'
import * as repo from './repo'

export interface Definition {
  itemCodes: string[]
  title: string
  items: ServiceItem[]
  bundle?: Bundle
  fields: ApplyField[]
  materials: Array<Material & { usedBy: string[] }>
}

export function itemOrThrow(code: string): ServiceItem {
  const item = catalogState().items.get(code)
  if (!item) throw new ApiError(404, 'NOT_FOUND')
  if (!item.canApplyOnline) throw new ApiError(409, 'CASE_ITEM_NOT_ONLINE')
  return item
}

/** The form of one item, or of a bundle (fields and materials merged, 一表申请、一套材料). */
export function definition(code: string, bundle: boolean): Definition {
  const state = catalogState()
  if (!bundle) {
    const item = itemOrThrow(code)
    return { itemCodes: [item.code], title: item.name, items: [item], fields: formFor(item).fields, materials: item.materials.map((m) => ({ ...m, usedBy: [item.code] })) }
  }
  const b = state.bundles.get(code)
  if (!b) throw new ApiError(404, 'NOT_FOUND')
  const items = b.items.map((bi) => itemOrThrow(bi.code))
  const fields = new Map<string, ApplyField>()
  for (const bi of b.items) {
    const item = state.items.get(bi.code) as ServiceItem
    // One applicant block for the whole bundle, by the bundle's audience.
    for (const f of formFor({ ...item, audience: b.audience === 'enterprise' ? 'enterprise' : 'person' }, bi.fields).fields) {
      const seen = fields.get(f.key)
      if (!seen) fields.set(f.key, { ...f })
      else seen.required ||= f.required
    }
  }
  const materials = new Map<string, Material & { usedBy: string[] }>()
  for (const item of items) {
    for (const m of item.materials) {
      const seen = materials.get(m.name)
      if (!seen) materials.set(m.name, { ...m, usedBy: [item.code] })
      else {
        seen.required ||= m.required
        seen.commitmentAllowed &&= m.commitmentAllowed
        seen.usedBy.push(item.code)
      }
    }
  }
  return { itemCodes: items.map((i) => i.code), title: b.name, items, bundle: b, fields: [...fields.values()], materials: [...materials.values()] }
}

export function formResponse(def: Definition): ApplyFormResponse {
  return {
    itemCodes: def.itemCodes,
    title: def.title,
    fields: def.fields,
    materials: def.materials.map((m) => ({
      name: m.name,
      required: m.required,
      modes: modesFor(m),
      ...(m.commitmentAllowed ? { commitmentText: commitmentText(def.title, m.name) } : {}),
      ...(m.sampleNote ? { note: m.sampleNote } : {}),
    })),
    rules: def.items.flatMap((i) => (i.autoApproval?.rules ?? []).map((r) => ({ id: r.id, description: r.description }))),
    promisedDays: Math.max(...def.items.map((i) => i.promisedDays)),
    deferredDueWorkingDays: DEFERRED_DUE_WORKING_DAYS,
    instant: def.items.every(decidedAtOnce),
  }
}

export interface Applicant {
  accountId: string
  level: string
  acting: { kind: 'self' | 'enterprise' | 'proxy'; id: string | null; forId: string | null }
}

/** Values the server fills from the identity (never trusted from the device). */
export async function prefillValues(db: DbOrTx, crypto: FieldCrypto, who: Applicant): Promise<Record<string, string>> {
  const acc = await repo.account(db, who.accountId)
  const out: Record<string, string> = {}
  if (acc?.realNameEnc) out.name = crypto.decrypt(acc.realNameEnc)
  if (acc?.idNumberEnc) out.idNumber = crypto.decrypt(acc.idNumberEnc)
  if (who.acting.kind === 'enterprise' && who.acting.id) {
    const e = await repo.enterprise(db, who.acting.id)
    if (e) {
      out.enterpriseName = e.name
      out.uscc = e.uscc
    }
  }
  return out
}

export interface CheckedMaterials {
  rows: CaseMaterialRow[]
  commitments: string[]
}

/** Check the material choices against the definition; returns what to store. */
export async function checkMaterials(db: DbOrTx, def: Definition, choices: CaseMaterialChoice[], accountId: string, now: Date, partial = false): Promise<CheckedMaterials> {
  const byName = new Map(choices.map((c) => [c.name, c]))
  for (const c of choices) if (!def.materials.some((m) => m.name === c.name)) throw new ApiError(400, 'CASE_MATERIAL_UNKNOWN', undefined, `materials.${c.name}`)
  const fileIds = [...new Set(choices.flatMap((c) => c.fileIds ?? []))]
  if (fileIds.length > 0) {
    if ((await repo.ownedFileCount(db, accountId, fileIds)) !== fileIds.length) throw new ApiError(400, 'CASE_FILE_NOT_FOUND')
  }
  const rows: CaseMaterialRow[] = []
  const commitments: string[] = []
  const deferredDue = dueDate(chinaDate(now), DEFERRED_DUE_WORKING_DAYS, [], await calendarOverrides(db)).due
  for (const m of def.materials) {
    const c = byName.get(m.name)
    const modes = modesFor(m)
    const mode = c?.mode ?? (modes[0] === 'shared' ? 'shared' : m.required ? undefined : 'none')
    if (!mode) {
      if (partial) continue
      throw new ApiError(400, 'CASE_MATERIAL_MISSING', missing(m.name), `materials.${m.name}`)
    }
    if (!modes.includes(mode)) throw new ApiError(400, 'CASE_MATERIAL_MODE', undefined, `materials.${m.name}`)
    if (mode === 'upload' && (c?.fileIds ?? []).length === 0 && !partial) {
      throw new ApiError(400, 'CASE_MATERIAL_MISSING', missing(m.name), `materials.${m.name}`)
    }
    const row: CaseMaterialRow = { name: m.name, mode }
    if (c?.fileIds?.length) row.fileIds = c.fileIds
    if (mode === 'deferred') row.dueOn = deferredDue
    if (mode === 'commitment') commitments.push(m.name)
    rows.push(row)
  }
  return { rows, commitments }
}

function missing(name: string): string {
  return format(api.errors.CASE_MATERIAL_MISSING, { name })
}

export function checkForm(def: Definition, values: Record<string, string | number>, prefill: Record<string, string>, now: Date): Record<string, string | number> {
  const merged: Record<string, string | number> = { ...values }
  for (const f of def.fields) if (f.prefill && prefill[f.prefill] !== undefined) merged[f.key] = prefill[f.prefill]
  const errors = validateForm(def.fields, merged, now)
  const first = def.fields.find((f) => errors[f.key])
  if (first) {
    throw new ApiError(400, 'CASE_FORM_INVALID', format(text.fieldErrors[errors[first.key]], { field: first.label }), `form.${first.key}`)
  }
  return normaliseForm(def.fields, merged)
}

const QUERY_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'
export function newQueryCode(): string {
  let s = ''
  for (let i = 0; i < 6; i++) s += QUERY_ALPHABET[randomInt(QUERY_ALPHABET.length)]
  return s
}

/** Registry facts about the person a case is for (self or the grantor of a mandate). */
export async function personFacts(db: DbOrTx, subjectAccountId: string, itemCode: string, now: Date): Promise<Record<string, string | number | boolean | null>> {
  const hmac = (await repo.account(db, subjectAccountId))?.idNumberHmac
  if (!hmac) return {}
  const c = await repo.citizenByIdNumber(db, hmac)
  const flags = await repo.personFlags(db, hmac)
  const granted = await repo.grantedBefore(db, subjectAccountId, itemCode)
  if (!c) return {}
  return {
    'person.age': ageOn(c.birthDate, chinaDate(now)),
    'person.householdRegion': c.householdRegionCode,
    'person.alive': !(flags?.deceased ?? false),
    'civil.receivingElderAllowance': (flags?.receivingElderAllowance ?? false) || granted,
  }
}

export async function isDishonest(db: DbOrTx, accountId: string): Promise<boolean> {
  const hmac = (await repo.account(db, accountId))?.idNumberHmac
  if (!hmac) return false
  return (await repo.personFlags(db, hmac))?.dishonest ?? false
}

// ---- Views --------------------------------------------------------------------------------

const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : '')

export async function bundleNumbers(db: DbOrTx, rows: CaseRow[]): Promise<Map<string, string>> {
  const ids = [...new Set(rows.map((r) => r.bundleRowId).filter((x): x is string => Boolean(x)))]
  if (ids.length === 0) return new Map()
  const bs = await repo.bundlesByIds(db, ids)
  return new Map(bs.map((b) => [b.id, b.number]))
}

export function toSummary(row: CaseRow, now: Date, bundles: Map<string, string>): CaseSummary {
  const today = chinaDate(now)
  const open = !['approved', 'denied', 'delivered', 'rejected', 'withdrawn', 'draft'].includes(row.state)
  return {
    id: row.id,
    number: row.number ?? '',
    ...(row.bundleRowId && bundles.get(row.bundleRowId) ? { bundleNumber: bundles.get(row.bundleRowId) } : {}),
    itemCode: row.itemCode,
    itemName: row.itemName,
    state: row.state as CaseState,
    submittedAt: iso(row.submittedAt ?? row.createdAt),
    ...(row.dueOn ? { dueOn: row.dueOn } : {}),
    overdue: Boolean(open && row.dueOn && isOverdue(row.dueOn, today) && !row.pauses.some((p) => p.to === undefined)),
    enterprise: row.enterpriseId !== null,
  }
}

export interface DetailOptions {
  crypto: FieldCrypto
  audience: 'applicant' | 'staff'
  /** Staff actors allowed for this officer (for `actions`). */
  staffActors?: Array<'window' | 'approver'>
  /** Staff: the phone in full (window intake calls the applicant); others see it masked. */
  revealPhone?: boolean
}

/** The labelled fields an item's case may hold: its own form, then fields its bundles add. */
export function formSchemaOf(itemCode: string): LabelledField[] {
  const st = catalogState()
  const item = st.items.get(itemCode)
  if (!item) return []
  const out: LabelledField[] = [...formFor(item).fields]
  const keys = new Set(out.map((f) => f.key))
  for (const b of st.bundles.values()) {
    for (const bi of b.items) {
      if (bi.code !== itemCode) continue
      for (const f of formFor(item, bi.fields).fields) {
        if (keys.has(f.key)) continue
        keys.add(f.key)
        out.push(f)
      }
    }
  }
  return out
}

export async function toDetail(db: DbOrTx, row: CaseRow, now: Date, o: DetailOptions): Promise<CaseDetail> {
  const bundles = await bundleNumbers(db, [row])
  const events = await repo.eventsOf(db, row.id)
  const files = await repo.filesMeta(db, row.materials.flatMap((m) => m.fileIds ?? []))
  const fileMap = new Map(files.map((f) => [f.id, f]))
  const commitments = await repo.commitmentsOf(db, row.id)
  const rating = await repo.ratingOfCase(db, row.id)
  const state = row.state as CaseState
  const actions = o.audience === 'applicant' ? actionsFor(state, 'applicant') : [...new Set((o.staffActors ?? []).flatMap((a) => actionsFor(state, a)))]
  const lastSupplement = [...events].reverse().find((e) => e.action === 'requestSupplement')
  const form = { ...row.form }
  // Mask the ID number and account numbers in views; staff see the same masked form, and the
  // phone only in full if their role calls the applicant.
  for (const [k, v] of Object.entries(form)) {
    if (typeof v !== 'string') continue
    if (/IdNumber$/i.test(k) || k === 'idNumber') form[k] = `${v.slice(0, 1)}****************${v.slice(-1)}`
    else if (k === 'bankAccount') form[k] = `**** ${v.slice(-4)}`
    else if (k === 'phone' && o.audience === 'staff' && !o.revealPhone) form[k] = maskPhone(v)
  }
  const item = catalogState().items.get(row.itemCode)
  // Why a 即办件 went to an officer, while it is with them; once it has ended the decision speaks.
  const manual = asksForDeferred(state) ? manualReviewText(manualReviewCause(row.autoResults, row.materials)) : undefined
  return {
    ...toSummary(row, now, bundles),
    ...(o.audience === 'applicant' && row.queryCodeEnc ? { queryCode: o.crypto.decrypt(row.queryCodeEnc) } : {}),
    form,
    materials: row.materials.map((m) => {
      const c = commitments.filter((x) => x.materialName === m.name).sort((a, b) => +new Date(b.signedAt) - +new Date(a.signedAt))[0]
      return {
        name: m.name,
        mode: m.mode,
        files: (m.fileIds ?? []).map((id) => fileMap.get(id)).filter((f): f is { id: string; type: string; size: number } => Boolean(f)),
        // A closed case asks for nothing more: no due date for a material it no longer needs.
        ...(m.dueOn && (m.mode !== 'deferred' || asksForDeferred(state)) ? { dueOn: m.dueOn } : {}),
        ...(m.mode === 'deferred' ? { provided: Boolean(m.providedAt), ...(m.providedAt || asksForDeferred(state) ? {} : { noLongerNeeded: true }) } : {}),
        ...(c ? { commitment: { id: c.id, signedAt: iso(c.signedAt), withdrawn: c.withdrawnAt !== null } } : {}),
      }
    }),
    events: events
      .map((e) => ({
        action: e.action as CaseDetail['events'][number]['action'],
        from: e.fromState as CaseState,
        to: e.toState as CaseState,
        actor: e.actorKind,
        ...(e.actorName ? { actorName: e.actorName } : {}),
        ...(e.comment ? { comment: e.comment } : {}),
        at: iso(e.at),
      }))
      .reverse(),
    ...(row.autoResults ? { rules: row.autoResults } : {}),
    ...(manual ? { manualReview: manual } : {}),
    promisedDays: row.promisedDays,
    dueProvisional: row.dueProvisional,
    ...(state === 'supplement_requested' && lastSupplement?.comment ? { supplementRequest: lastSupplement.comment } : {}),
    actions,
    ...(rating ? { rating: ratingView(rating) } : {}),
    canRate: o.audience === 'applicant' && canRate(state) && !rating,
    ...(o.audience === 'staff'
      ? { fields: displayFields(formSchemaOf(row.itemCode), form, { revealPhone: Boolean(o.revealPhone) }), departmentName: (item && catalogState().departments.get(item.department)?.name) ?? '' }
      : {}),
  }
}

/** The case page's reason a 即办件 went to an officer, in the applicant's words. */
function manualReviewText(cause: ReturnType<typeof manualReviewCause>): string | undefined {
  if (!cause) return undefined
  const reasons = [
    ...(cause.failedRules.length ? [format(text.system.manualRules, { rules: cause.failedRules.join('、') })] : []),
    ...(cause.deferred.length ? [format(text.system.manualDeferred, { names: cause.deferred.join('、') })] : []),
  ]
  return format(text.system.manualReview, { reasons: reasons.join('；') })
}
