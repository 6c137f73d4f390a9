import { CATALOG } from './fixture'
import { ITEM_TYPE_CODES } from '../../../src/domain/catalog/types'
import { CITY } from '../../../src/domain/regions'
import { isKnownRegionCode } from '../../../src/domain/regionCodes'
import { haversineMeters } from '../../../src/domain/catalog/search'

const items = CATALOG.items
const itemCodes = new Set(items.map((it) => it.code))
const hallIds = new Set(CATALOG.halls.map((h) => h.id))

describe('seed catalog', () => {
  it('meets the minimum sizes', () => {
    expect(items.length).toBeGreaterThanOrEqual(300)
    expect(CATALOG.bundles.length).toBeGreaterThanOrEqual(20)
    expect(CATALOG.halls.length).toBeGreaterThanOrEqual(30)
    expect(new Set(items.map((it) => it.department)).size).toBeGreaterThanOrEqual(15)
  })

  it('has unique implementation codes, base codes and names', () => {
    expect(itemCodes.size).toBe(items.length)
    expect(new Set(items.map((it) => it.baseCode)).size).toBe(items.length)
    expect(new Set(items.map((it) => it.name)).size).toBe(items.length)
    expect(new Set(CATALOG.bundles.map((b) => b.id)).size).toBe(CATALOG.bundles.length)
    expect(hallIds.size).toBe(CATALOG.halls.length)
  })

  it('follows the documented code scheme', () => {
    const depts = new Map(CATALOG.departments.map((d) => [d.id, d.code]))
    for (const it of items) {
      expect(it.baseCode).toMatch(/^\d{11}$/)
      expect(it.baseCode.slice(0, 2)).toBe(ITEM_TYPE_CODES[it.type])
      expect(it.baseCode.slice(2, 5)).toBe(depts.get(it.department))
      expect(it.baseCode.slice(8)).toBe('000')
      expect(it.code).toBe(`${CATALOG.city}${it.baseCode}`)
      for (const sub of it.subItems) {
        expect(sub.baseCode.slice(0, 8)).toBe(it.baseCode.slice(0, 8))
        expect(sub.baseCode.slice(8)).not.toBe('000')
      }
    }
  })

  it('promises no more than the law allows, and fills every 十统一 field', () => {
    for (const it of items) {
      expect(it.promisedDays).toBeLessThanOrEqual(it.legalDays)
      expect(it.promisedDays).toBeGreaterThanOrEqual(0)
      expect(it.legalBasis.length).toBeGreaterThan(0)
      for (const law of it.legalBasis) expect(law).toMatch(/^《.+》$/)
      expect(it.steps.length).toBeGreaterThanOrEqual(3)
      expect(it.materials.length).toBeGreaterThan(0)
      expect(it.name).not.toMatch(/事项\d+/)
      expect(it.popularity).toBeGreaterThanOrEqual(0)
      expect(it.popularity).toBeLessThanOrEqual(100)
      expect([0, 1, 2]).toContain(it.visits)
      if (it.visits === 0) expect(it.fourWays.online).toBe(true)
      if (it.canApplyOnline) expect(it.fourWays.online).toBe(true)
    }
  })

  it('tags 马上办 only on 即办件: items decided on the spot (promised in 0 days)', () => {
    const instant = items.filter((it) => it.fourWays.instant)
    expect(instant.length).toBeGreaterThan(0)
    expect(instant.filter((it) => it.promisedDays !== 0).map((it) => `${it.name} (${it.promisedDays})`)).toEqual([])
    // 承诺件 whose specs are lettered I (they promise working days): no 马上办.
    const byName = new Map(items.map((it) => [it.name, it]))
    for (const name of ['企业设立登记', '生育保险待遇申领', '临时救助申请']) {
      expect({ name, instant: byName.get(name)!.fourWays.instant }).toEqual({ name, instant: false })
    }
  })

  it('has rules as data for the auto-approved items named in the seeds', () => {
    const auto = items.filter((it) => it.autoApproval)
    expect(auto.length).toBeGreaterThanOrEqual(5)
    for (const name of ['高龄津贴申领', '高校毕业生落户', '企业投资项目备案', '网络预约出租汽车驾驶员证核发', '网络预约出租汽车运输证核发']) {
      const it = items.find((x) => x.name === name)
      expect(it?.autoApproval?.rules.length).toBeGreaterThan(0)
    }
    const elder = items.find((x) => x.name === '高龄津贴申领')!
    expect(elder.autoApproval!.rules).toEqual(
      expect.arrayContaining([expect.objectContaining({ fact: 'person.age', op: 'gte', value: 80 })]),
    )
  })

  it('links every item to halls and every hall to existing items, both ways', () => {
    for (const hall of CATALOG.halls) {
      for (const code of hall.items) expect(itemCodes.has(code)).toBe(true)
    }
    for (const it of items) {
      expect(it.halls.length).toBeGreaterThan(0)
      for (const id of it.halls) {
        expect(hallIds.has(id)).toBe(true)
        expect(CATALOG.halls.find((h) => h.id === id)!.items).toContain(it.code)
      }
    }
  })

  it('places halls at every level, in real districts, near their district centre', () => {
    const levels = new Set(CATALOG.halls.map((h) => h.level))
    expect([...levels].sort()).toEqual(['city', 'district', 'street', 'village'])
    const districtCodes = new Set(CITY.districts.map((d) => d.code))
    const centres = new Map(CATALOG.halls.filter((h) => h.level === 'district').map((h) => [h.district, h.location]))
    expect([...centres.keys()].sort()).toEqual([...districtCodes].sort())
    for (const hall of CATALOG.halls) {
      expect(districtCodes.has(hall.district)).toBe(true)
      expect(isKnownRegionCode(hall.district)).toBe(true)
      // Each district/county of 宁波 fits within ~45 km of its administrative centre.
      expect(haversineMeters(hall.location, centres.get(hall.district)!)).toBeLessThan(45_000)
      expect(hall.phone).toMatch(/^0574-\d{8}$/)
      expect(hall.windows).toBeGreaterThan(0)
      const days = Object.values(hall.hours)
      expect(days.length).toBeGreaterThanOrEqual(5)
      for (const ranges of days) {
        for (const [open, close] of ranges!) {
          expect(open).toMatch(/^\d\d:\d\d$/)
          expect(open < close).toBe(true)
        }
      }
    }
    expect(CATALOG.halls.some((h) => (h.hours[6] ?? []).length > 0)).toBe(true)
    expect(CATALOG.halls.some((h) => (h.hours[1] ?? []).length === 2)).toBe(true)
  })

  it('bundles reference existing items and promise no less than their slowest item', () => {
    const byCode = new Map(items.map((it) => [it.code, it]))
    for (const b of CATALOG.bundles) {
      expect(b.items.length).toBeGreaterThanOrEqual(2)
      expect(CATALOG.departments.some((d) => d.id === b.leadDepartment)).toBe(true)
      for (const bi of b.items) {
        expect(byCode.has(bi.code)).toBe(true)
        expect(bi.fields.length).toBeGreaterThan(0)
      }
      expect(b.promisedDays).toBe(Math.max(...b.items.map((bi) => byCode.get(bi.code)!.promisedDays)))
    }
    for (const name of ['开办餐馆', '开办旅馆', '新生儿出生', '退休', '企业开办', '二手房过户', '企业注销', '军人退役', '身后一件事', '入学']) {
      expect(CATALOG.bundles.map((b) => b.name)).toContain(name)
    }
  })

  it('is deterministic: a second build is identical', () => {
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-var-requires
      const again = require('../../../mock/data/catalog').CATALOG
      expect(JSON.stringify(again)).toBe(JSON.stringify(CATALOG))
    })
  })
})
