// Credential types of the wallet, their fields and what a holder may disclose when presenting.
// Pure data shared by the app and the stand-in. Field keys double as the claim names inside the
// signed presentation code, so they are short: a code must fit QR version 19 at ECC Q.
import { chinaDate } from '../time'

export const CREDENTIAL_TYPES = ['ssc', 'dl', 'rp', 'pc', 'bl', 'bn'] as const
/** ssc 电子社保卡, dl 驾驶证, rp 居住证, pc 不动产权证书, bl 营业执照, bn benefit approval from a case. */
export type CredentialType = (typeof CREDENTIAL_TYPES)[number]

/**
 * Field keys (claim names). Plain fields are stored on the credential; `a18`/`a60` are derived at
 * presentation time from `bd` (birth date), so a holder can prove age without showing the date.
 */
export const FIELD_KEYS = ['n', 'id', 'no', 'bd', 'a18', 'a60', 'cls', 'vu', 'addr', 'area', 'uscc', 'rep', 'est', 'ttl'] as const
export type FieldKey = (typeof FIELD_KEYS)[number]
export type DerivedKey = 'a18' | 'a60'
export const DERIVED_KEYS: readonly DerivedKey[] = ['a18', 'a60']

/** How each field is masked in the card list (see src/domain/mask.ts). */
export type FieldMask = 'name' | 'id' | 'number' | 'address' | 'none'
export const FIELD_MASK: Record<FieldKey, FieldMask> = {
  n: 'name',
  id: 'id',
  no: 'number',
  bd: 'number',
  a18: 'none',
  a60: 'none',
  cls: 'none',
  vu: 'none',
  addr: 'address',
  area: 'none',
  uscc: 'number',
  rep: 'name',
  est: 'none',
  ttl: 'none',
}

export interface CredentialTypeDef {
  /** Fields stored on the credential, in display order. */
  fields: readonly FieldKey[]
  /** What the holder may choose to disclose, in display order. */
  disclosable: readonly FieldKey[]
  /** Pre-selected disclosure: the least that usually suffices. */
  defaultDisclosure: readonly FieldKey[]
  /** Belongs to an enterprise (营业执照) rather than a person. */
  enterprise: boolean
}

export const CREDENTIAL_DEFS: Record<CredentialType, CredentialTypeDef> = {
  ssc: { fields: ['n', 'id', 'no', 'bd'], disclosable: ['n', 'a18', 'a60', 'no', 'id'], defaultDisclosure: ['n', 'no'], enterprise: false },
  dl: { fields: ['n', 'id', 'cls', 'vu', 'bd'], disclosable: ['n', 'cls', 'vu', 'a18', 'id'], defaultDisclosure: ['n', 'cls', 'vu'], enterprise: false },
  rp: { fields: ['n', 'id', 'addr', 'vu', 'bd'], disclosable: ['n', 'addr', 'vu', 'a18', 'id'], defaultDisclosure: ['n', 'vu'], enterprise: false },
  pc: { fields: ['n', 'no', 'addr', 'area'], disclosable: ['n', 'no', 'addr', 'area'], defaultDisclosure: ['n', 'no'], enterprise: false },
  bl: { fields: ['n', 'uscc', 'rep', 'est', 'addr'], disclosable: ['n', 'uscc', 'rep', 'est', 'addr'], defaultDisclosure: ['n', 'uscc'], enterprise: true },
  bn: { fields: ['ttl', 'n', 'no', 'vu'], disclosable: ['ttl', 'n', 'no', 'vu'], defaultDisclosure: ['ttl', 'n'], enterprise: false },
}

export function isCredentialType(v: unknown): v is CredentialType {
  return typeof v === 'string' && (CREDENTIAL_TYPES as readonly string[]).includes(v)
}

export function isFieldKey(v: unknown): v is FieldKey {
  return typeof v === 'string' && (FIELD_KEYS as readonly string[]).includes(v)
}

/** Whole years from a YYYY-MM-DD birth date to a YYYY-MM-DD day. */
export function yearsOld(birthDate: string, onDay: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number)
  const [y, m, d] = onDay.split('-').map(Number)
  let age = y - by
  if (m < bm || (m === bm && d < bd)) age--
  return age
}

/** The China-time calendar day of an instant (the day an age threshold is judged on). */
export const chinaDay = chinaDate

/**
 * The disclosed claims for a presentation: only keys the type allows, derived ages computed on
 * the day of `at`. Unknown or not-disclosable keys are an error (the caller answers 400).
 */
export function disclosedClaims(
  type: CredentialType,
  fields: Partial<Record<FieldKey, string>>,
  chosen: readonly string[],
  at: Date,
): { ok: true; claims: Partial<Record<FieldKey, string | number>> } | { ok: false; key: string } {
  const def = CREDENTIAL_DEFS[type]
  const out: Partial<Record<FieldKey, string | number>> = {}
  for (const key of chosen) {
    if (!isFieldKey(key) || !def.disclosable.includes(key)) return { ok: false, key }
    if (key === 'a18' || key === 'a60') {
      const bd = fields.bd
      if (!bd) return { ok: false, key }
      // A predicate, true or false: a verifier must see "not yet 18" as clearly as "18+".
      out[key] = yearsOld(bd, chinaDay(at)) >= (key === 'a18' ? 18 : 60) ? 1 : 0
      continue
    }
    const v = fields[key]
    if (v === undefined) return { ok: false, key }
    out[key] = v
  }
  return { ok: true, claims: out }
}

/**
 * The 亮证 QR: ECC level Q (a quarter of the symbol may be smudged or cracked) and at most version
 * 19 (93×93 modules), still read from a phone screen at arm's length. Its byte capacity at Q is
 * 442 (ISO/IEC 18004 table 7); the code is ASCII, so characters = bytes. (It was 400 before
 * issue 21: the same symbol size, with 42 bytes of it unused, and 不动产权证书's default did not fit.)
 */
export const PRESENT_QR_ECC = 'Q'
export const PRESENT_QR_MAX_VERSION = 19
export const PRESENT_CODE_MAX_CHARS = 442

/**
 * The largest part of `chosen` that `fits` (most fields; among equals, the one keeping the
 * earliest-chosen fields), or [] if nothing fits. Used when a holder's chosen disclosure would not
 * fit the QR: the app proposes this instead of a bare error. At most 2^5 subsets are tried.
 */
export function largestFittingDisclosure(chosen: readonly FieldKey[], fits: (subset: FieldKey[]) => boolean): FieldKey[] {
  const n = Math.min(chosen.length, 12)
  let best: FieldKey[] = []
  let bestRank = -1
  for (let mask = (1 << n) - 1; mask > 0; mask--) {
    const subset = chosen.filter((_, i) => i < n && mask & (1 << i))
    // Rank: size first, then earlier fields (higher bits = later fields, so reverse the mask).
    let rank = subset.length * (1 << n)
    for (let i = 0; i < n; i++) if (mask & (1 << i)) rank += 1 << (n - 1 - i)
    if (rank > bestRank && fits(subset)) {
      best = subset
      bestRank = rank
    }
  }
  return best
}

/** Compact credential id for a QR code: the UUID's 16 bytes as 22 base64url characters. */
export function compactId(uuid: string): string {
  const hex = uuid.replace(/-/g, '')
  const bytes = new Uint8Array(16)
  for (let i = 0; i < 16; i++) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16)
  return toBase64Url(bytes)
}

export function uuidFromCompact(id: string): string | null {
  let bytes: Uint8Array
  try {
    bytes = fromBase64Url(id)
  } catch {
    return null
  }
  if (bytes.length !== 16) return null
  const h = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
const B64_INDEX: Record<string, number> = {}
for (let i = 0; i < B64.length; i++) B64_INDEX[B64[i]] = i

/** base64url without padding (RFC 4648 §5); no atob/Buffer so it runs on mini-programs. */
export function toBase64Url(bytes: Uint8Array): string {
  let out = ''
  let i = 0
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2]
    out += B64[(n >> 18) & 63] + B64[(n >> 12) & 63] + B64[(n >> 6) & 63] + B64[n & 63]
  }
  const rest = bytes.length - i
  if (rest === 1) {
    const n = bytes[i] << 16
    out += B64[(n >> 18) & 63] + B64[(n >> 12) & 63]
  } else if (rest === 2) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8)
    out += B64[(n >> 18) & 63] + B64[(n >> 12) & 63] + B64[(n >> 6) & 63]
  }
  return out
}

/** Strict base64url decoder: throws on any character outside the alphabet or a bad length. */
export function fromBase64Url(s: string): Uint8Array {
  if (s.length % 4 === 1) throw new RangeError('bad base64url length')
  const out = new Uint8Array(Math.floor((s.length * 3) / 4))
  let o = 0
  let buf = 0
  let bits = 0
  for (let i = 0; i < s.length; i++) {
    const v = B64_INDEX[s[i]]
    if (v === undefined) throw new RangeError('bad base64url character')
    buf = (buf << 6) | v
    bits += 6
    if (bits >= 8) {
      bits -= 8
      out[o++] = (buf >> bits) & 0xff
    }
  }
  return out.subarray(0, o)
}

/** UTF-8 bytes -> string; throws on malformed input (TextDecoder is missing on some mini-program runtimes). */
export function utf8Decode(bytes: Uint8Array): string {
  let out = ''
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]
    let cp: number
    let extra: number
    if (b < 0x80) {
      cp = b
      extra = 0
    } else if (b >= 0xc2 && b < 0xe0) {
      cp = b & 0x1f
      extra = 1
    } else if (b >= 0xe0 && b < 0xf0) {
      cp = b & 0x0f
      extra = 2
    } else if (b >= 0xf0 && b < 0xf5) {
      cp = b & 0x07
      extra = 3
    } else throw new RangeError('bad utf-8')
    for (let k = 1; k <= extra; k++) {
      const c = bytes[i + k]
      if (c === undefined || (c & 0xc0) !== 0x80) throw new RangeError('bad utf-8')
      cp = (cp << 6) | (c & 0x3f)
    }
    if ((extra === 2 && cp < 0x800) || (extra === 3 && (cp < 0x10000 || cp > 0x10ffff)) || (cp >= 0xd800 && cp <= 0xdfff)) throw new RangeError('bad utf-8')
    out += String.fromCodePoint(cp)
    i += extra + 1
  }
  return out
}

export function utf8Encode(s: string): Uint8Array {
  const out: number[] = []
  for (const ch of s) {
    const cp = ch.codePointAt(0)!
    if (cp < 0x80) out.push(cp)
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 63))
    else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63))
    else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63))
  }
  return Uint8Array.from(out)
}

/**
 * What a verifier concludes about a scanned code. `unverifiable` is only the server's: an uploaded
 * offline record whose claimed time it cannot check (before the scanner's last sync or the code's
 * issue, or after the upload).
 */
export const VERIFY_RESULTS = ['valid', 'bad_signature', 'expired', 'revoked', 'unknown_key', 'malformed', 'not_yet_valid', 'wrong_kind', 'unverifiable'] as const
export type VerifyResultCode = (typeof VERIFY_RESULTS)[number]
