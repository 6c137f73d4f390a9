// Administrative division codes (GB/T 2260). ID numbers keep the code that was valid when they
// were issued, so a code is accepted when it is in any revision: regionCodes.generated.ts holds the
// union of every revision since 2002-12 and the current table (generated from published data by
// scripts/region-codes.mjs, sources named in its header). Only the codes are shipped; names are
// kept for the provinces, the stand-in city (宁波) and a sample of other cities.

/** All province-level divisions of GB/T 2260, 2-digit code -> name. */
export const PROVINCES: Record<string, string> = {
  '11': '北京市',
  '12': '天津市',
  '13': '河北省',
  '14': '山西省',
  '15': '内蒙古自治区',
  '21': '辽宁省',
  '22': '吉林省',
  '23': '黑龙江省',
  '31': '上海市',
  '32': '江苏省',
  '33': '浙江省',
  '34': '安徽省',
  '35': '福建省',
  '36': '江西省',
  '37': '山东省',
  '41': '河南省',
  '42': '湖北省',
  '43': '湖南省',
  '44': '广东省',
  '45': '广西壮族自治区',
  '46': '海南省',
  '50': '重庆市',
  '51': '四川省',
  '52': '贵州省',
  '53': '云南省',
  '54': '西藏自治区',
  '61': '陕西省',
  '62': '甘肃省',
  '63': '青海省',
  '64': '宁夏回族自治区',
  '65': '新疆维吾尔自治区',
  '71': '台湾省',
  '81': '香港特别行政区',
  '82': '澳门特别行政区',
}

export interface District {
  code: string
  name: string
}

/** The stand-in's city. Codes as in force since the 2016 reform (江东区 merged, 奉化 became a district). */
export const CITY: { code: '330200'; name: '宁波市'; districts: District[] } = {
  code: '330200',
  name: '宁波市',
  districts: [
    { code: '330203', name: '海曙区' },
    { code: '330205', name: '江北区' },
    { code: '330206', name: '北仑区' },
    { code: '330211', name: '镇海区' },
    { code: '330212', name: '鄞州区' },
    { code: '330213', name: '奉化区' },
    { code: '330225', name: '象山县' },
    { code: '330226', name: '宁海县' },
    { code: '330281', name: '余姚市' },
    { code: '330282', name: '慈溪市' },
  ],
}

/**
 * The city district an address lies in, when it names one: "浙江省宁波市江北区…", "宁波市江北区…" or
 * "江北区…" (an address typed on this city's forms). Another city's district of the same name
 * (重庆市江北区) is not taken for ours.
 */
export function cityDistrictOfAddress(address: string): string | undefined {
  const a = address.replace(/\s+/g, '').replace(/^浙江省/, '')
  const rest = a.startsWith(CITY.name) ? a.slice(CITY.name.length) : a
  return CITY.districts.find((d) => rest.startsWith(d.name))?.code
}

/**
 * Former 宁波 codes that still appear in ID numbers issued before 2016. Valid for validation and
 * naming, never offered for new records.
 */
export const HISTORICAL_DISTRICTS: District[] = [
  { code: '330204', name: '江东区' },
  { code: '330283', name: '奉化市' },
]

export interface OtherCity {
  code: string
  name: string
  /** Province name, e.g. '浙江省' (the 2-digit code is `code.slice(0, 2)`). */
  province: string
  /** One or two real county-level divisions, so seed data can produce plausible ID region codes. */
  districts: District[]
}

/** Real prefecture-level cities outside 宁波, for citizens born or registered elsewhere. */
export const OTHER_CITIES: OtherCity[] = [
  { code: '330100', name: '杭州市', province: '浙江省', districts: [{ code: '330102', name: '上城区' }, { code: '330106', name: '西湖区' }] },
  { code: '330300', name: '温州市', province: '浙江省', districts: [{ code: '330302', name: '鹿城区' }] },
  { code: '330600', name: '绍兴市', province: '浙江省', districts: [{ code: '330602', name: '越城区' }] },
  { code: '330700', name: '金华市', province: '浙江省', districts: [{ code: '330702', name: '婺城区' }] },
  { code: '331000', name: '台州市', province: '浙江省', districts: [{ code: '331002', name: '椒江区' }] },
  { code: '320100', name: '南京市', province: '江苏省', districts: [{ code: '320102', name: '玄武区' }] },
  { code: '320500', name: '苏州市', province: '江苏省', districts: [{ code: '320508', name: '姑苏区' }] },
  { code: '340100', name: '合肥市', province: '安徽省', districts: [{ code: '340102', name: '瑶海区' }] },
  { code: '350100', name: '福州市', province: '福建省', districts: [{ code: '350102', name: '鼓楼区' }] },
  { code: '360100', name: '南昌市', province: '江西省', districts: [{ code: '360102', name: '东湖区' }] },
  { code: '370100', name: '济南市', province: '山东省', districts: [{ code: '370102', name: '历下区' }] },
  { code: '410100', name: '郑州市', province: '河南省', districts: [{ code: '410102', name: '中原区' }] },
  { code: '420100', name: '武汉市', province: '湖北省', districts: [{ code: '420102', name: '江岸区' }] },
  { code: '430100', name: '长沙市', province: '湖南省', districts: [{ code: '430102', name: '芙蓉区' }] },
  { code: '440100', name: '广州市', province: '广东省', districts: [{ code: '440104', name: '越秀区' }] },
  { code: '440300', name: '深圳市', province: '广东省', districts: [{ code: '440304', name: '福田区' }] },
  { code: '510100', name: '成都市', province: '四川省', districts: [{ code: '510104', name: '锦江区' }] },
  { code: '610100', name: '西安市', province: '陕西省', districts: [{ code: '610102', name: '新城区' }] },
  { code: '210100', name: '沈阳市', province: '辽宁省', districts: [{ code: '210102', name: '和平区' }] },
  { code: '230100', name: '哈尔滨市', province: '黑龙江省', districts: [{ code: '230102', name: '道里区' }] },
]

/**
 * Codes used as the region part of residence-permit numbers for 港澳台 residents (GB 11643
 * format). 83 is not a GB/T 2260 province; it exists only for 台湾居民居住证.
 */
export const RESIDENCE_PERMIT_REGION_CODES: Record<string, string> = {
  '810000': '香港特别行政区',
  '820000': '澳门特别行政区',
  '830000': '台湾地区',
}

export const SIX_DIGITS = /^\d{6}$/

// Full names of every code we can name exactly, built once.
export const KNOWN: Map<string, string> = (() => {
  const m = new Map<string, string>()
  for (const [p, name] of Object.entries(PROVINCES)) m.set(`${p}0000`, name)
  const zj = PROVINCES['33']
  m.set(CITY.code, zj + CITY.name)
  for (const d of [...CITY.districts, ...HISTORICAL_DISTRICTS]) m.set(d.code, zj + CITY.name + d.name)
  for (const c of OTHER_CITIES) {
    m.set(c.code, c.province + c.name)
    for (const d of c.districts) m.set(d.code, c.province + c.name + d.name)
  }
  for (const [code, name] of Object.entries(RESIDENCE_PERMIT_REGION_CODES)) m.set(code, name)
  return m
})()

/** Province code (2 digits) -> name, undefined for unknown. */
export function provinceName(code2: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(PROVINCES, code2) ? PROVINCES[code2] : undefined
}
