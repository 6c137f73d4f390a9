// How an application's form reads on a staff case page: labels from the form schema, region codes
// as names, dates in Chinese, the ID number always masked and the phone masked unless the officer's
// role needs to call the applicant (window intake). Pure: shared by the server and the app.
import { maskPhone } from '../mask'
import { regionName } from '../regionCodes'
import type { FormFieldKind } from '../catalog/types'

export interface LabelledField {
  key: string
  label: string
  kind: FormFieldKind | 'other'
}

export interface DisplayField {
  key: string
  label: string
  value: string
}

/** Shown for a value the form schema no longer names (an older form version). */
export const OTHER_FIELD_LABEL = '其他信息'

function dateText(v: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v)
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : v
}

function maskId(v: string): string {
  // Values may arrive already masked by the server; mask again is harmless.
  return v.length > 2 ? `${v.slice(0, 1)}${'*'.repeat(Math.max(v.length - 2, 1))}${v.slice(-1)}` : '**'
}

export function formatFieldValue(kind: LabelledField['kind'], raw: string | number, o: { revealPhone: boolean }): string {
  const v = String(raw)
  switch (kind) {
    case 'region':
      return regionName(v) ?? v
    case 'date':
      return dateText(v)
    case 'phone':
      return o.revealPhone ? v : maskPhone(v)
    case 'idNumber':
      return maskId(v)
    default:
      return v
  }
}

/** The form's values in the schema's order, then any values the schema does not name. */
export function displayFields(schema: readonly LabelledField[], form: Record<string, string | number | undefined>, o: { revealPhone: boolean }): DisplayField[] {
  const out: DisplayField[] = []
  const seen = new Set<string>()
  for (const f of schema) {
    seen.add(f.key)
    const v = form[f.key]
    if (v === undefined || v === '') continue
    out.push({ key: f.key, label: f.label, value: formatFieldValue(f.kind, v, o) })
  }
  for (const [key, v] of Object.entries(form)) {
    if (seen.has(key) || v === undefined || v === '') continue
    out.push({ key, label: OTHER_FIELD_LABEL, value: String(v) })
  }
  return out
}
