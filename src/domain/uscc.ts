// Unified social credit code, GB 32100-2015:
//   1 registration authority | 1 organisation type | 6 region (GB/T 2260) |
//   9 organisation code (GB 11714: 8 body + its own MOD 11 check) | 1 check (MOD 31).
// Characters: 0-9 and A-Z except I, O, Z, S, V (31 symbols, easy to misread letters dropped).
import { format } from './messages/format'
import { validation } from './messages/zh-CN/validation'
import { isRegistrationRegionCode } from './regionCodes'
import { toHalfWidth } from './text'

/**
 * What is wrong, in the order a person fixes it. 'forbiddenChar': one of I, O, Z, S, V, which GB
 * 32100 leaves out because they read like 1, 0, 2, 5, U; 'charset': anything else that is not a
 * digit or an upper-case letter.
 */
export type UsccError = 'empty' | 'length' | 'forbiddenChar' | 'charset' | 'registrationAuthority' | 'region' | 'checkChar'

export interface UsccInfo {
  uscc: string
  /** Position 1, e.g. '9' 工商 (market regulation). */
  authorityCode: string
  /** Position 2, e.g. '1' 企业 under authority '9'. */
  orgTypeCode: string
  /** Positions 3-8. */
  regionCode: string
  /** Positions 9-17: GB 11714 organisation code with its own check character. */
  orgCode: string
}

export type UsccResult =
  | { ok: true; value: UsccInfo }
  | {
      ok: false
      error: UsccError
      /** 1-based position of the character at fault ('forbiddenChar', 'charset', 'checkChar'). */
      position?: number
      /** The character at fault ('forbiddenChar', 'charset'). */
      char?: string
      /** How many characters were entered ('length'). */
      length?: number
    }

/** The 31 symbols in value order (value = index). */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY'

/**
 * Registration authorities and the organisation types each may issue (GB 32100-2015 table 1/2).
 */
export const USCC_AUTHORITIES: Record<string, { name: string; types: Record<string, string> }> = {
  '1': { name: '机构编制', types: { '1': '机关', '2': '事业单位', '3': '中央编办直接管理机构编制的群众团体', '9': '其他' } },
  '2': { name: '外交', types: { '1': '外国常驻新闻机构', '9': '其他' } },
  '3': {
    name: '司法行政',
    types: { '1': '律师执业机构', '2': '公证处', '3': '基层法律服务所', '4': '司法鉴定机构', '5': '仲裁委员会', '9': '其他' },
  },
  '4': { name: '文化', types: { '1': '外国在华文化中心', '9': '其他' } },
  '5': { name: '民政', types: { '1': '社会团体', '2': '民办非企业单位', '3': '基金会', '9': '其他' } },
  '6': {
    name: '旅游',
    types: { '1': '外国旅游部门常驻代表机构', '2': '港澳台地区旅游部门常驻内地（大陆）代表机构', '9': '其他' },
  },
  '7': { name: '宗教', types: { '1': '宗教活动场所', '2': '宗教院校', '9': '其他' } },
  '8': { name: '工会', types: { '1': '基层工会', '9': '其他' } },
  '9': { name: '工商', types: { '1': '企业', '2': '个体工商户', '3': '农民专业合作社' } },
  A: { name: '中央军委改革和编制办公室', types: { '1': '军队事业单位', '9': '其他' } },
  N: { name: '农业', types: { '1': '组级集体经济组织', '2': '村级集体经济组织', '3': '乡镇级集体经济组织', '9': '其他' } },
  Y: { name: '其他', types: { '1': '其他' } },
}

// USCC weights: 3^i mod 31 for i = 0..16.
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
// GB 11714 weights for the 8 body characters.
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]
const USCC_RE = new RegExp(`^[${USCC_CHARSET}]{18}$`)
/** Letters GB 32100 never uses. */
export const USCC_FORBIDDEN = 'IOZSV'
const FORBIDDEN = USCC_FORBIDDEN

/**
 * Normalise typed input: trim, drop inner whitespace, full-width to ASCII, upper-case.
 * (Lower-case letters are a typing habit, not a different code.)
 */
export function normaliseUscc(input: string): string {
  return toHalfWidth(typeof input === 'string' ? input : '')
    .replace(/\s+/g, '')
    .toUpperCase()
}

/** MOD 31 check character for the first 17 characters (all from USCC_CHARSET). Throws otherwise. */
export function usccCheckChar(first17: string): string {
  if (first17.length !== 17) throw new RangeError('usccCheckChar needs exactly 17 characters')
  let sum = 0
  for (let i = 0; i < 17; i++) {
    const v = USCC_CHARSET.indexOf(first17[i])
    if (v < 0) throw new RangeError(`character ${first17[i]} is not allowed in a USCC`)
    sum += v * USCC_WEIGHTS[i]
  }
  return USCC_CHARSET[(31 - (sum % 31)) % 31]
}

/** GB 11714 check character (0-9 or X) for an 8-character organisation-code body (0-9, A-Z). */
export function orgCodeCheckChar(body8: string): string {
  if (!/^[0-9A-Z]{8}$/.test(body8)) throw new RangeError('orgCodeCheckChar needs 8 characters 0-9/A-Z')
  let sum = 0
  for (let i = 0; i < 8; i++) sum += parseInt(body8[i], 36) * ORG_WEIGHTS[i]
  const c = 11 - (sum % 11)
  return c === 10 ? 'X' : c === 11 ? '0' : String(c)
}

/**
 * Validate a unified social credit code. Order: empty, length, characters (forbidden letters
 * named apart), authority + type, region, then both check characters (the embedded org code's at
 * position 17 and the final one at 18); either failing is 'checkChar' with its position.
 */
export function validateUscc(input: string): UsccResult {
  const code = normaliseUscc(input)
  if (code === '') return { ok: false, error: 'empty' }
  const chars = [...code]
  if (chars.length !== 18) return { ok: false, error: 'length', length: chars.length }
  if (!USCC_RE.test(code)) {
    const i = chars.findIndex((c) => !USCC_CHARSET.includes(c))
    return { ok: false, error: FORBIDDEN.includes(chars[i]) ? 'forbiddenChar' : 'charset', position: i + 1, char: chars[i] }
  }
  const authority = USCC_AUTHORITIES[code[0]]
  if (!Object.prototype.hasOwnProperty.call(USCC_AUTHORITIES, code[0]) || !(code[1] in authority.types)) {
    return { ok: false, error: 'registrationAuthority' }
  }
  const regionCode = code.slice(2, 8)
  if (!isRegistrationRegionCode(regionCode)) return { ok: false, error: 'region' }
  const orgCode = code.slice(8, 17)
  if (orgCodeCheckChar(orgCode.slice(0, 8)) !== orgCode[8]) return { ok: false, error: 'checkChar', position: 17 }
  if (usccCheckChar(code.slice(0, 17)) !== code[17]) return { ok: false, error: 'checkChar', position: 18 }
  return { ok: true, value: { uscc: code, authorityCode: code[0], orgTypeCode: code[1], regionCode, orgCode } }
}

/**
 * The catalogue sentence for what is wrong with a typed code (client and server show the same),
 * or undefined when the code is valid.
 */
export function usccErrorText(input: string): string | undefined {
  const r = validateUscc(input)
  if (r.ok) return undefined
  return format(validation.uscc[r.error], { position: r.position ?? '', char: r.char ?? '', length: r.length ?? 0 })
}

/**
 * Build a valid USCC (seed data, tests) from authority+type (e.g. '91'), a region code and the
 * 8-character org-code body (USCC charset). Computes both check characters. Throws RangeError
 * on arguments that cannot make a valid code.
 */
export function makeUscc(authorityAndType: string, regionCode: string, orgCodeBody8: string): string {
  const a = USCC_AUTHORITIES[authorityAndType[0]]
  if (authorityAndType.length !== 2 || !a || !(authorityAndType[1] in a.types)) {
    throw new RangeError(`unknown authority/type ${authorityAndType}`)
  }
  if (!isRegistrationRegionCode(regionCode)) throw new RangeError(`unknown region code ${regionCode}`)
  if (!new RegExp(`^[${USCC_CHARSET}]{8}$`).test(orgCodeBody8)) {
    throw new RangeError(`org code body must be 8 characters of ${USCC_CHARSET}`)
  }
  const first17 = authorityAndType + regionCode + orgCodeBody8 + orgCodeCheckChar(orgCodeBody8)
  return first17 + usccCheckChar(first17)
}
