// Application forms as data. Every item that can be applied for online has a form: an explicit
// definition below, the fields its bundle declares (一表申请), or the standard form for its
// audience. Values are checked with the same domain rules on the device (as the user types) and
// on the server (authoritative).
import type { Audience, FormField, FormFieldKind } from '../catalog/types'
import { validateIdNumber } from '../idNumber'
import { validatePhone } from '../phone'
import { isKnownRegionCode } from '../regionCodes'
import { validateUscc, type UsccError } from '../uscc'

export type ApplyFieldKind = FormFieldKind
/** What the app fills in from the signed-in identity (the user may not change it). */
export type Prefill = 'name' | 'idNumber' | 'enterpriseName' | 'uscc'

export interface ApplyField extends FormField {
  prefill?: Prefill
  min?: number
  max?: number
  maxLength?: number
  /** Short hint under the input (data, from the item's guide). */
  hint?: string
}

export interface ItemForm {
  itemCode: string
  fields: ApplyField[]
}

export type FieldError =
  | 'required'
  | 'idNumber'
  | 'uscc'
  | UsccFieldError
  | 'phone'
  | 'date'
  | 'number'
  | 'range'
  | 'choice'
  | 'region'
  | 'tooLong'

/** A USCC says what is wrong with it (issue 21): the same validateUscc on client and server. */
type UsccFieldError = 'usccLength' | 'usccForbidden' | 'usccCharset' | 'usccAuthority' | 'usccRegion' | 'usccCheckChar'
const USCC_FIELD_ERRORS: Record<UsccError, FieldError> = {
  empty: 'required',
  length: 'usccLength',
  forbiddenChar: 'usccForbidden',
  charset: 'usccCharset',
  registrationAuthority: 'usccAuthority',
  region: 'usccRegion',
  checkChar: 'usccCheckChar',
}
export type FormValues = Record<string, string | number | undefined>

const applicantPerson: ApplyField[] = [
  { key: 'applicantName', label: '申请人姓名', kind: 'text', required: true, prefill: 'name', maxLength: 50 },
  { key: 'applicantIdNumber', label: '身份证号码', kind: 'idNumber', required: true, prefill: 'idNumber' },
  { key: 'phone', label: '联系电话', kind: 'phone', required: true },
  { key: 'region', label: '所在区县', kind: 'region', required: true },
  { key: 'address', label: '联系地址', kind: 'address', required: true, maxLength: 120 },
]

const applicantEnterprise: ApplyField[] = [
  { key: 'enterpriseName', label: '单位名称', kind: 'text', required: true, prefill: 'enterpriseName', maxLength: 100 },
  { key: 'uscc', label: '统一社会信用代码', kind: 'uscc', required: true, prefill: 'uscc' },
  { key: 'contactName', label: '经办人姓名', kind: 'text', required: true, prefill: 'name', maxLength: 50 },
  { key: 'phone', label: '联系电话', kind: 'phone', required: true },
  { key: 'address', label: '经营地址', kind: 'address', required: true, maxLength: 120 },
]

const reason: ApplyField = { key: 'remark', label: '申请说明', kind: 'text', required: false, maxLength: 500, hint: '可简要说明申请事由' }

/** Explicit forms by item name (names are stable catalog data; codes follow from the seed). */
export const FORMS_BY_ITEM_NAME: Readonly<Record<string, ApplyField[]>> = {
  高龄津贴申领: [
    ...applicantPerson,
    { key: 'bankName', label: '开户银行', kind: 'select', required: true, options: ['中国工商银行', '中国农业银行', '中国银行', '中国建设银行', '宁波银行', '宁波农商银行'] },
    { key: 'bankAccount', label: '银行卡号', kind: 'text', required: true, maxLength: 30, hint: '津贴按月发放到本人账户' },
  ],
}

/** The form of an item: explicit, else the bundle's fields (if any) after the standard ones. */
export function formFor(item: { code: string; name: string; audience: Audience }, bundleFields: readonly FormField[] = []): ItemForm {
  const explicit = FORMS_BY_ITEM_NAME[item.name]
  if (explicit) return { itemCode: item.code, fields: explicit }
  const base = item.audience === 'enterprise' ? applicantEnterprise : applicantPerson
  const seen = new Set(base.map((f) => f.key))
  const extra = bundleFields.filter((f) => !seen.has(f.key))
  return { itemCode: item.code, fields: [...base, ...extra, reason] }
}

const DATE = /^\d{4}-\d{2}-\d{2}$/

function realDate(s: string): boolean {
  if (!DATE.test(s)) return false
  const [y, m, d] = s.split('-').map(Number)
  const t = new Date(Date.UTC(y, m - 1, d))
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d
}

/** Check one value; undefined = fine. `today` is passed for rules that depend on it. */
export function checkField(field: ApplyField, raw: string | number | undefined, today: Date): FieldError | undefined {
  const text = raw === undefined || raw === null ? '' : String(raw).trim()
  if (text === '') return field.required ? 'required' : undefined
  if (field.maxLength !== undefined && [...text].length > field.maxLength) return 'tooLong'
  switch (field.kind) {
    case 'idNumber':
      return validateIdNumber(text, today).ok ? undefined : 'idNumber'
    case 'uscc': {
      const r = validateUscc(text)
      return r.ok ? undefined : USCC_FIELD_ERRORS[r.error]
    }
    case 'phone':
      return validatePhone(text).ok ? undefined : 'phone'
    case 'date':
      return realDate(text) ? undefined : 'date'
    case 'number': {
      const n = Number(text)
      if (!Number.isFinite(n)) return 'number'
      if ((field.min !== undefined && n < field.min) || (field.max !== undefined && n > field.max)) return 'range'
      return undefined
    }
    case 'select':
      return field.options?.includes(text) ? undefined : 'choice'
    case 'region':
      return /^\d{6}$/.test(text) && isKnownRegionCode(text) ? undefined : 'region'
    default:
      return text.length > 2000 ? 'tooLong' : undefined
  }
}

/** Every field's error (empty object = valid). Unknown keys are ignored by the caller's schema. */
export function validateForm(fields: readonly ApplyField[], values: FormValues, today: Date): Record<string, FieldError> {
  const out: Record<string, FieldError> = {}
  for (const f of fields) {
    const e = checkField(f, values[f.key], today)
    if (e) out[f.key] = e
  }
  return out
}

/** Values normalised for storage: trimmed text, numbers as numbers, empty optional fields dropped. */
export function normaliseForm(fields: readonly ApplyField[], values: FormValues): Record<string, string | number> {
  const out: Record<string, string | number> = {}
  for (const f of fields) {
    const v = values[f.key]
    if (v === undefined || String(v).trim() === '') continue
    out[f.key] = f.kind === 'number' ? Number(v) : f.kind === 'idNumber' || f.kind === 'uscc' ? String(v).replace(/\s/g, '').toUpperCase() : String(v).trim()
  }
  return out
}
