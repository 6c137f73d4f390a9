import {
  CITY,
  HISTORICAL_DISTRICTS,
  OTHER_CITIES,
  PROVINCES,
  isKnownRegionCode,
  isRegistrationRegionCode,
  provinceName,
  regionName,
} from '../../../src/domain/regions'

describe('PROVINCES', () => {
  it('has all 34 GB/T 2260 province-level divisions', () => {
    expect(Object.keys(PROVINCES)).toHaveLength(34)
    expect(PROVINCES['33']).toBe('浙江省')
    expect(PROVINCES['71']).toBe('台湾省')
    expect(PROVINCES['81']).toBe('香港特别行政区')
    expect(PROVINCES['82']).toBe('澳门特别行政区')
    for (const code of Object.keys(PROVINCES)) expect(code).toMatch(/^[1-8]\d$/)
  })
})

describe('CITY (宁波)', () => {
  it('lists the 10 current districts and counties under 3302', () => {
    expect(CITY.districts.map((d) => d.code)).toEqual([
      '330203', '330205', '330206', '330211', '330212', '330213', '330225', '330226', '330281', '330282',
    ])
    expect(CITY.districts.find((d) => d.code === '330212')?.name).toBe('鄞州区')
  })
  it('historical codes do not collide with current ones', () => {
    const current = new Set(CITY.districts.map((d) => d.code))
    for (const d of HISTORICAL_DISTRICTS) expect(current.has(d.code)).toBe(false)
  })
})

describe('OTHER_CITIES', () => {
  it('has at least 15 real cities outside 宁波, consistent with their province and districts', () => {
    expect(OTHER_CITIES.length).toBeGreaterThanOrEqual(15)
    const codes = new Set<string>()
    for (const c of OTHER_CITIES) {
      expect(c.code).toMatch(/^\d{4}00$/)
      expect(c.code).not.toBe(CITY.code)
      expect(PROVINCES[c.code.slice(0, 2)]).toBe(c.province)
      expect(c.districts.length).toBeGreaterThan(0)
      for (const d of c.districts) {
        expect(d.code.slice(0, 4)).toBe(c.code.slice(0, 4))
        expect(isKnownRegionCode(d.code)).toBe(true)
      }
      codes.add(c.code)
    }
    expect(codes.size).toBe(OTHER_CITIES.length)
  })
})

describe('isKnownRegionCode', () => {
  it.each([
    ['330203', true],
    ['330204', true], // former 江东区
    ['330200', true], // table city
    ['330000', true], // province
    ['810000', true],
    ['830000', true], // 台湾居民居住证
    ['110105', true], // plausible county shape
    ['429004', true], // 90: directly under the province
    ['330400', false], // city-level code not in our tables
    ['337101', false], // city 71
    ['330299', true],
    ['330300', true], // 温州, in OTHER_CITIES
    ['100000', false],
    ['990101', false],
    ['000000', false],
    ['33020', false],
    ['3302031', false],
    ['33020a', false],
    ['', false],
  ])('%s -> %s', (code, ok) => {
    expect(isKnownRegionCode(code)).toBe(ok)
  })
})

describe('isRegistrationRegionCode (USCC)', () => {
  it('also accepts national and city-level authorities', () => {
    expect(isRegistrationRegionCode('100000')).toBe(true)
    expect(isRegistrationRegionCode('330400')).toBe(true)
    expect(isRegistrationRegionCode('339900')).toBe(false)
    expect(isRegistrationRegionCode('200000')).toBe(false)
  })
})

describe('regionName', () => {
  it('names table codes in full', () => {
    expect(regionName('330203')).toBe('浙江省宁波市海曙区')
    expect(regionName('330204')).toBe('浙江省宁波市江东区')
    expect(regionName('330200')).toBe('浙江省宁波市')
    expect(regionName('440304')).toBe('广东省深圳市福田区')
    expect(regionName('330000')).toBe('浙江省')
    expect(regionName('810000')).toBe('香港特别行政区')
  })
  it('falls back to the city, then the province, for plausible codes', () => {
    expect(regionName('330299')).toBe('浙江省宁波市')
    expect(regionName('110105')).toBe('北京市')
  })
  it('is undefined for implausible codes', () => {
    expect(regionName('990101')).toBeUndefined()
    expect(regionName('abc')).toBeUndefined()
  })
  it('provinceName', () => {
    expect(provinceName('33')).toBe('浙江省')
    expect(provinceName('99')).toBeUndefined()
    expect(provinceName('constructor')).toBeUndefined()
  })
})
