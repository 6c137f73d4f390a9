// Citizen identity number, GB 11643-1999:
//   6 digits region (GB/T 2260) | 8 digits birth date YYYYMMDD | 3 digits sequence (odd = male)
//   | 1 check character (ISO 7064 MOD 11-2, 0-9 or X).
// Only the 18-character form is accepted. The 15-digit numbers of 1985-1999 were replaced by
// 2013 at the latest; anyone who still has one must renew it, so we refuse them with 'length'
// (the message tells the user to enter the 18-digit number).
import { isKnownRegionCode } from './regionCodes'
import { toHalfWidth } from './text'
import { chinaDate } from './time'

export type IdNumberError =
  | 'empty'
  | 'length'
  | 'format'
  | 'region'
  | 'birthDate'
  | 'futureBirthDate'
  | 'checkDigit'

export interface IdNumberInfo {
  /** 18 characters, trailing X upper-case. */
  idNumber: string
  /** 6 digits. */
  regionCode: string
  /** 2 digits. */
  provinceCode: string
  /** YYYY-MM-DD. */
  birthDate: string
  sex: 'M' | 'F'
}

export type IdNumberResult = { ok: true; value: IdNumberInfo } | { ok: false; error: IdNumberError }

/** Earliest accepted birth year; older dates are typing mistakes, not citizens. */
export const MIN_BIRTH_YEAR = 1900

// Weight of position i is 2^(17-i) mod 11.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
// Check character for (sum mod 11) = 0..10.
const CHECK = '10X98765432'

/**
 * Normalise what a user typed: drop all whitespace (including the ideographic space U+3000),
 * convert full-width digits and Ｘ/ｘ to ASCII (Chinese IMEs often produce them), and
 * upper-case x. Nothing else is changed, so other wrong characters still fail as 'format'.
 */
export function normaliseIdNumber(input: string): string {
  return toHalfWidth(input)
    .replace(/\s+/g, '')
    .replace(/x/g, 'X')
}

/** MOD 11-2 check character for the first 17 digits. Throws if the argument is not 17 digits. */
export function idCheckDigit(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('idCheckDigit needs exactly 17 digits')
  let sum = 0
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i]
  return CHECK[sum % 11]
}

/** Calendar date of `now` in China (UTC+8, no DST since 1991) as YYYYMMDD, so server TZ doesn't matter. */
export function chinaDateKey(now: Date): string {
  return chinaDate(now).replace(/-/g, '')
}

/** True if YYYYMMDD is a real Gregorian date. */
export function isRealDate(yyyymmdd: string): boolean {
  if (!/^\d{8}$/.test(yyyymmdd)) return false
  const y = Number(yyyymmdd.slice(0, 4))
  const m = Number(yyyymmdd.slice(4, 6))
  const d = Number(yyyymmdd.slice(6, 8))
  if (m < 1 || m > 12 || d < 1) return false
  return d <= daysInMonth(y, m)
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28
  return [4, 6, 9, 11].includes(m) ? 30 : 31
}

/**
 * Validate a citizen identity number. Checks run in the order a person would fix them:
 * empty, length, characters, region, birth date (real, ≥ 1900, not after today in China),
 * then the check digit. `today` is injectable for tests.
 */
export function validateIdNumber(input: string, today: Date = new Date()): IdNumberResult {
  const id = normaliseIdNumber(typeof input === 'string' ? input : '')
  if (id === '') return { ok: false, error: 'empty' }
  if (id.length !== 18) return { ok: false, error: 'length' }
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, error: 'format' }
  const regionCode = id.slice(0, 6)
  if (!isKnownRegionCode(regionCode)) return { ok: false, error: 'region' }
  const birth = id.slice(6, 14)
  if (!isRealDate(birth) || Number(birth.slice(0, 4)) < MIN_BIRTH_YEAR) {
    return { ok: false, error: 'birthDate' }
  }
  if (birth > chinaDateKey(today)) return { ok: false, error: 'futureBirthDate' }
  if (idCheckDigit(id.slice(0, 17)) !== id[17]) return { ok: false, error: 'checkDigit' }
  return {
    ok: true,
    value: {
      idNumber: id,
      regionCode,
      provinceCode: id.slice(0, 2),
      birthDate: `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`,
      sex: Number(id[16]) % 2 === 1 ? 'M' : 'F',
    },
  }
}

/**
 * Build a valid ID number (seed data, tests). `birthDate` is YYYY-MM-DD; `sequence` 0..999, and
 * its last digit decides the sex (odd = male). Throws RangeError on arguments that could not
 * produce a valid number, so generators fail loudly instead of seeding bad data.
 */
export function makeIdNumber(regionCode: string, birthDate: string, sequence: number): string {
  if (!isKnownRegionCode(regionCode)) throw new RangeError(`unknown region code ${regionCode}`)
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate)
  const birth = m ? m[1] + m[2] + m[3] : ''
  if (!m || !isRealDate(birth) || Number(m[1]) < MIN_BIRTH_YEAR) {
    throw new RangeError(`invalid birth date ${birthDate}`)
  }
  if (!Number.isInteger(sequence) || sequence < 0 || sequence > 999) {
    throw new RangeError(`sequence must be an integer 0..999, got ${sequence}`)
  }
  const first17 = regionCode + birth + String(sequence).padStart(3, '0')
  return first17 + idCheckDigit(first17)
}
