// 一件事: one merged form and one merged materials list for a bundle (一表申请、一套材料).
import type { Bundle, FormField, Material, ServiceItem } from './types'

export interface MergedField extends FormField {
  /** Codes of the bundle's items that ask for this field. */
  usedBy: string[]
}

/** Fields de-duplicated by key, in first-seen order; a field is required if any item requires it. */
export function mergeBundleForm(bundle: Bundle): MergedField[] {
  const byKey = new Map<string, MergedField>()
  for (const item of bundle.items) {
    for (const field of item.fields) {
      const seen = byKey.get(field.key)
      if (!seen) {
        byKey.set(field.key, { ...field, usedBy: [item.code] })
        continue
      }
      seen.required = seen.required || field.required
      if (!seen.usedBy.includes(item.code)) seen.usedBy.push(item.code)
      if (field.options) seen.options = [...new Set([...(seen.options ?? []), ...field.options])]
    }
  }
  return [...byKey.values()]
}

export interface MergedMaterial extends Material {
  usedBy: string[]
}

/**
 * Materials de-duplicated by name across the bundle's items: one copy serves every item
 * (一套材料). Required if any item requires it; a commitment replaces it only if every item allows it.
 */
export function mergeBundleMaterials(bundle: Bundle, items: ReadonlyMap<string, ServiceItem>): MergedMaterial[] {
  const byName = new Map<string, MergedMaterial>()
  for (const { code } of bundle.items) {
    const item = items.get(code)
    if (!item) continue
    for (const m of item.materials) {
      const seen = byName.get(m.name)
      if (!seen) {
        byName.set(m.name, { ...m, usedBy: [code] })
        continue
      }
      seen.required = seen.required || m.required
      seen.commitmentAllowed = seen.commitmentAllowed && m.commitmentAllowed
      seen.copies = Math.max(seen.copies, m.copies)
      if (!seen.usedBy.includes(code)) seen.usedBy.push(code)
    }
  }
  return [...byName.values()]
}
