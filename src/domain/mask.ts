// Masking rules for personal data on screen, in lists, notifications and logs. One rule per kind
// of data, used everywhere, so the same number never shows more in one place than in another
// (showing different parts in two places would let them be combined). Rules follow GB/T 35273
// (de-identification of displayed personal information) and what citizens already see in
// 粤省事 / 浙里办 / banking apps, leaning to the stricter end because this app shows everything
// next to the person's name.

import { CITY, HISTORICAL_DISTRICTS, OTHER_CITIES } from './regions'
import { toHalfWidth } from './text'

const STAR = '*'
/** Fixed marker for hidden free text, so its length is not revealed either. */
const HIDDEN = '****'

/**
 * ID number: keep the first and the last character, every other character becomes '*'
 * (length is kept so it still looks like an ID number): `330203199001010014` -> `3****************4`.
 *
 * Why: common practice ranges from "first 1 + last 1" to "first 6 + last 4". The first 6 give
 * the county of registration and the middle 8 the birth date, which together with a name
 * identify a person; the last character alone is enough for owners to recognise their own
 * number among family members'. Input of 2 characters or fewer is fully masked.
 */
export function maskIdNumber(id: string): string {
  const s = toHalfWidth(id ?? '').replace(/\s+/g, '').toUpperCase()
  const n = s.length
  if (n === 0) return ''
  if (n <= 2) return STAR.repeat(n)
  return s[0] + STAR.repeat(n - 2) + s[n - 1]
}

/**
 * Personal name: keep only the last character, each other character (up to 4) becomes '*':
 * `张` -> `*`, `张三` -> `*三`, `李小明` -> `**明`, `欧阳娜娜` -> `***娜`,
 * `阿依古丽·买买提` -> `****提`.
 *
 * Why: the surname plus the first given character narrows a person down far more than one
 * trailing character; banking transfer confirmations show the same shape (`**明`). A
 * one-character name is fully hidden. The middle dot of compound / minority names is hidden
 * like any other character (showing it would reveal ethnicity, a sensitive attribute), and the
 * star count is capped at 4 so long transliterated names neither break layouts nor reveal
 * their length. Counts Unicode code points, so rare characters outside the BMP (e.g. 𠮷) count once.
 */
export function maskName(name: string): string {
  const chars = Array.from((name ?? '').trim())
  const n = chars.length
  if (n === 0) return ''
  if (n === 1) return STAR
  return STAR.repeat(Math.min(n - 1, 4)) + chars[n - 1]
}

/**
 * Phone: digits only, keep the first 3 (carrier segment) and the last 4, the middle becomes '*':
 * `13812345678` -> `138****5678` (the form every Chinese app and SMS uses). A leading +86/0086
 * is dropped first. Numbers of 7 digits or fewer keep only the last 2; 2 or fewer are fully masked.
 */
export function maskPhone(phone: string): string {
  let d = toHalfWidth(phone ?? '').replace(/\D/g, '')
  if (/^(?:0086|86)\d{11}$/.test(d)) d = d.replace(/^(?:0086|86)/, '')
  const n = d.length
  if (n === 0) return ''
  if (n <= 2) return STAR.repeat(n)
  if (n <= 7) return STAR.repeat(n - 2) + d.slice(n - 2)
  return d.slice(0, 3) + STAR.repeat(n - 7) + d.slice(n - 4)
}

// Name characters: CJK, but never an administrative or street suffix, so a match cannot run
// past one level into the next or into the street part.
const N = '(?:(?![省市区县路街巷弄号])[\\u4e00-\\u9fa5])'
// Province, written in full or short ('浙江省' / '浙江', '北京市' / '北京').
const PROVINCE_RE = new RegExp(
  `^(?:${N}{2,4}省|${N}{2,6}自治区|${N}{2}特别行政区|` +
    '北京市?|天津市?|上海市?|重庆市?|' +
    // Short forms; not when 市 follows (吉林市 is a city).
    '(?:浙江|江苏|安徽|福建|江西|山东|河南|湖北|湖南|广东|广西|海南|四川|贵州|云南|西藏|陕西|' +
    '甘肃|青海|宁夏|新疆|内蒙古|河北|山西|辽宁|吉林|黑龙江|台湾|香港|澳门)(?!市))',
)
// Prefecture level: a run of name characters ending in 市 / 自治州 / 地区 / 盟.
const CITY_RE = new RegExp(`^${N}{1,10}?(?:市|自治州|地区|盟)`)
// County level: ends in 区 / 县 / 市 / 旗 (covers 自治县, 林区, 县级市).
const COUNTY_RE = new RegExp(`^${N}{1,14}?(?:区|县|市|旗)`)
// Endings that look like a county but are places inside one.
const NOT_COUNTY = /(?:小区|社区|园区|校区|景区|厂区|街区|片区)$/
// County names we know for certain may start an address on their own ('海曙区中山西路1号').
const KNOWN_COUNTIES = new Set(
  [...CITY.districts, ...HISTORICAL_DISTRICTS, ...OTHER_CITIES.flatMap((c) => c.districts)].map((d) => d.name),
)

/**
 * Address: keep the administrative part down to county level (province, city, district/county,
 * each optional), replace everything after it with a fixed `****`:
 * `浙江省宁波市海曙区中山西路1号` -> `浙江省宁波市海曙区****`.
 *
 * Why: the county is what services need to show (which hall, which office) and is shared by
 * hundreds of thousands of people; street, building and room identify a household. The
 * hidden part is always 4 stars so its length says nothing. If no administrative part is
 * recognised at the start, everything is hidden (`****`) rather than guessing. A county-like
 * word is only trusted after a province or city, or is one of the
 * districts in regions.ts, so `阳光小区3幢` is not taken for a district but `海曙区…` is kept.
 */
export function maskAddress(address: string): string {
  const s = toHalfWidth(address ?? '').replace(/\s+/g, '')
  if (s === '') return ''
  let kept = ''
  let rest = s
  const take = (re: RegExp): boolean => {
    const m = re.exec(rest)
    if (!m) return false
    kept += m[0]
    rest = rest.slice(m[0].length)
    return true
  }
  const hasProvince = take(PROVINCE_RE)
  const hasCity = take(CITY_RE)
  const m = COUNTY_RE.exec(rest)
  if (m && !NOT_COUNTY.test(m[0]) && (hasProvince || hasCity || KNOWN_COUNTIES.has(m[0]))) {
    kept += m[0]
    rest = rest.slice(m[0].length)
  }
  if (kept === '') return HIDDEN
  return rest === '' ? kept : kept + HIDDEN
}
