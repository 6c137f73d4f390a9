// Materials of an application: each required material is uploaded, replaced by a signed
// commitment (告知承诺, where the item allows it), deferred under 容缺受理 (non-key materials
// only, with a due date), or fetched by data sharing (免提交).
import type { Material } from '../catalog/types'

export const MATERIAL_MODES = ['upload', 'commitment', 'deferred', 'shared', 'none'] as const
export type MaterialMode = (typeof MATERIAL_MODES)[number]

export const UPLOAD_MAX_BYTES = 10 * 1024 * 1024
export const UPLOAD_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const
export type UploadType = (typeof UPLOAD_TYPES)[number]
/** Images are downscaled on the device to at most this edge before upload. */
export const IMAGE_MAX_EDGE = 1600
/** 容缺受理: a deferred material is due this many working days after submission. */
export const DEFERRED_DUE_WORKING_DAYS = 10

/** Key materials can never be deferred: identity and the application itself. */
const KEY_WORDS = ['身份证', '申请表', '申请书', '营业执照', '法人身份证明', '户口簿']

export function isKeyMaterial(name: string): boolean {
  return KEY_WORDS.some((w) => name.includes(w))
}

/** Identity documents are already verified by real-name authentication (L2): 免提交. */
export function isIdentityDocument(name: string): boolean {
  return name === '身份证' || name === '居民身份证'
}

export function modesFor(m: Material): MaterialMode[] {
  if (m.source === 'shared' || isIdentityDocument(m.name)) return ['shared', 'upload']
  const out: MaterialMode[] = ['upload']
  if (m.commitmentAllowed) out.push('commitment')
  if (m.required && !isKeyMaterial(m.name)) out.push('deferred')
  if (!m.required) out.push('none')
  return out
}

/** The type of a file by its first bytes (never by its name or declared type). */
export function sniffType(bytes: Uint8Array): UploadType | undefined {
  const b = (i: number) => bytes[i]
  if (bytes.length >= 3 && b(0) === 0xff && b(1) === 0xd8 && b(2) === 0xff) return 'image/jpeg'
  if (bytes.length >= 8 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((v, i) => b(i) === v)) return 'image/png'
  if (bytes.length >= 5 && [0x25, 0x50, 0x44, 0x46, 0x2d].every((v, i) => b(i) === v)) return 'application/pdf'
  return undefined
}

/** The text of a 告知承诺 for one material: duty, content and consequences of a false promise. */
export function commitmentText(itemName: string, materialName: string): string {
  return [
    `申请事项：${itemName}`,
    `承诺内容：本人承诺已符合“${materialName}”所证明的条件，所填信息真实、准确、完整。`,
    '告知的义务：行政机关已告知本人该证明事项所需证明的内容、依据及本人应当履行的义务；行政机关将依法对承诺内容进行核查。',
    '虚假承诺的后果：如承诺不实，本人愿意承担相应法律责任；行政机关将依法撤销已作出的决定，并将虚假承诺行为记入信用记录，纳入失信名单，今后不再适用告知承诺制。',
    '本人可在作出决定前撤回本承诺，撤回后应按要求提交该证明材料。',
  ].join('\n')
}
