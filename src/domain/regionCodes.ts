// The full GB/T 2260 code list (every revision) and what reads it, apart from regions.ts: the
// list is about 18 KB, and regions.ts is on the first screen (masking), where no code is checked.
import { REGION_CODES_PACKED } from './regionCodes.generated'
import { KNOWN, PROVINCES, RESIDENCE_PERMIT_REGION_CODES, SIX_DIGITS } from './regions'

let codeSet: Set<string> | undefined
/** Every code of the generated list, unpacked on first use. */
function allCodes(): Set<string> {
  if (!codeSet) {
    codeSet = new Set()
    for (const group of REGION_CODES_PACKED.split(',')) {
      const prefix = group.slice(0, 4)
      for (let i = 4; i < group.length; i += 2) codeSet.add(prefix + group.slice(i, i + 2))
    }
  }
  return codeSet
}

/**
 * Is this a GB/T 2260 code that is or was valid (or a 港澳台 residence-permit code)? Covers
 * prefecture-level cities without counties (东莞 441900, 中山 442000, 儋州 460400, 嘉峪关 620200) and
 * divisions merged or renamed since 2002 (宁波 江东区 330204). A code of a province that does not
 * exist is refused.
 */
export function isKnownRegionCode(code6: string): boolean {
  if (!SIX_DIGITS.test(code6)) return false
  return allCodes().has(code6) || Object.prototype.hasOwnProperty.call(RESIDENCE_PERMIT_REGION_CODES, code6)
}

/**
 * Human name for a region code: the full name for codes in our tables (e.g. '浙江省宁波市海曙区'),
 * otherwise the province name for a plausible code in a real province, else undefined.
 */
export function regionName(code6: string): string | undefined {
  const exact = KNOWN.get(code6)
  if (exact !== undefined) return exact
  if (!isKnownRegionCode(code6)) return undefined
  const cityCode = `${code6.slice(0, 4)}00`
  return KNOWN.get(cityCode) ?? PROVINCES[code6.slice(0, 2)]
}

/**
 * Region code of a registering authority (USCC positions 3-8): any code of the list (authorities
 * sit at every level, `xx0000` a province, `xxyy00` a city), or '100000' for the national level.
 */
export function isRegistrationRegionCode(code6: string): boolean {
  return code6 === '100000' || isKnownRegionCode(code6)
}

