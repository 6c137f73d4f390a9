// Mainland China mobile numbers: 11 digits, 1 then 3-9 (all current carrier segments).
import { toHalfWidth } from './text'

export type PhoneError = 'empty' | 'format'
export type PhoneResult = { ok: true; value: string } | { ok: false; error: PhoneError }

const MOBILE = /^1[3-9]\d{9}$/

/**
 * Normalise typed input: full-width to ASCII, drop spaces and '-', and drop a leading
 * country code (+86, 0086 or 86) when what follows is 11 digits, as pasted from contacts.
 */
export function normalisePhone(input: string): string {
  const s = toHalfWidth(typeof input === 'string' ? input : '').replace(/[\s-]+/g, '')
  const m = /^(?:\+86|0086|86)(\d{11})$/.exec(s)
  return m ? m[1] : s
}

/** Validate a mainland mobile number; the value is the 11 bare digits. */
export function validatePhone(input: string): PhoneResult {
  const phone = normalisePhone(input)
  if (phone === '') return { ok: false, error: 'empty' }
  if (!MOBILE.test(phone)) return { ok: false, error: 'format' }
  return { ok: true, value: phone }
}
