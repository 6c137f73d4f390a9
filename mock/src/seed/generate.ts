// Pure generator of the synthetic registries: same seed and counts -> the same plaintext rows.
// Valid identifiers come from the domain's own builders, so the seed can never disagree with
// the checks the app and the server apply.
import { CITY, HISTORICAL_DISTRICTS, OTHER_CITIES, PROVINCES, USCC_CHARSET, makeIdNumber, makeUscc } from '../../../src/domain'
import type { RegionLevel } from '../../../src/domain/contract'
import { makeName } from './names'
import { COMPANY_INDUSTRIES, PARTNERSHIP_INDUSTRIES, SHOP_KINDS, hasStreetData, makeAddress, makeBrand } from './places'
import { Rng } from './rng'

/** Ages and dates are computed against this fixed day, never the clock, so output is stable. */
export const REFERENCE_DATE = '2025-12-31'
/** created_at of every seeded row. */
export const SEED_CREATED_AT = '2026-01-01T00:00:00.000Z'
export const ADULT_AGE = 18

export interface RegionRow {
  code: string
  name: string
  parentCode: string | null
  level: RegionLevel
}

export interface CitizenPlain {
  id: string
  name: string
  idNumber: string
  birthDate: string
  sex: 'M' | 'F'
  phone: string
  householdRegionCode: string
  address: string
}

export interface EnterprisePlain {
  id: string
  uscc: string
  name: string
  type: 'limited_company' | 'partnership' | 'individual_business'
  legalRepCitizenId: string
  registeredCapital: number
  establishedOn: string
  regionCode: string
  address: string
  status: 'active' | 'revoked' | 'deregistered'
}

export interface Registry {
  regions: RegionRow[]
  citizens: CitizenPlain[]
  enterprises: EnterprisePlain[]
}

/** Provinces, the stand-in city with its districts, and the other cities with theirs. */
export function regionRows(): RegionRow[] {
  const rows: RegionRow[] = []
  for (const [code2, name] of Object.entries(PROVINCES)) rows.push({ code: `${code2}0000`, name, parentCode: null, level: 'province' })
  const cities = [{ code: CITY.code, name: CITY.name, districts: CITY.districts }, ...OTHER_CITIES]
  for (const c of cities) {
    rows.push({ code: c.code, name: c.name, parentCode: `${c.code.slice(0, 2)}0000`, level: 'city' })
    for (const d of c.districts) rows.push({ code: d.code, name: d.name, parentCode: c.code, level: 'district' })
  }
  return rows
}

// Share of each birth decade (roughly the shape of 宁波's population pyramid).
const DECADES = [1930, 1940, 1950, 1960, 1970, 1980, 1990, 2000, 2010, 2020]
const DECADE_WEIGHTS = [2, 5, 9, 15, 16, 15, 14, 11, 9, 4]
const MOBILE_PREFIXES = ['130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '153', '155', '156', '157', '158', '159', '166', '173', '177', '180', '181', '182', '183', '186', '187', '188', '189', '198', '199']

const pad2 = (n: number) => String(n).padStart(2, '0')
const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate()

function randomDate(rng: Rng, fromYear: number, toYear: number): string {
  const y = rng.int(fromYear, toYear)
  const m = rng.int(1, 12)
  return `${y}-${pad2(m)}-${pad2(rng.int(1, daysInMonth(y, m)))}`
}

/** Whole years between two YYYY-MM-DD dates. */
export function ageOn(birthDate: string, onDate: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number)
  const [y, m, d] = onDate.split('-').map(Number)
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0)
}

function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number)
  // 29 Feb + n years -> 28 Feb when the target year has none.
  return `${y + years}-${pad2(m)}-${pad2(Math.min(d, daysInMonth(y + years, m)))}`
}

function dateBetween(rng: Rng, from: string, to: string): string {
  const a = Date.parse(`${from}T00:00:00Z`)
  const b = Date.parse(`${to}T00:00:00Z`)
  return new Date(a + rng.int(0, Math.floor((b - a) / 86400000)) * 86400000).toISOString().slice(0, 10)
}

export function generateRegistry(seed: string, counts: { citizens: number; enterprises: number }): Registry {
  const rng = new Rng(`${seed}/registry/v1`)
  const usedIds = new Set<string>()
  const usedPhones = new Set<string>()
  const citizens: CitizenPlain[] = []

  const ningboDistricts = CITY.districts.filter((d) => hasStreetData(d.code))
  const otherDistricts = OTHER_CITIES.flatMap((c) => c.districts)

  for (let i = 0; i < counts.citizens; i++) {
    const decade = rng.weighted(DECADES, DECADE_WEIGHTS)
    const birthDate = randomDate(rng, decade, Math.min(decade + 9, 2024))
    const birthYear = Number(birthDate.slice(0, 4))
    const sex: 'M' | 'F' = rng.chance(0.5) ? 'M' : 'F'

    // Household registration: mostly 宁波; some citizens are registered elsewhere and live here.
    const localHousehold = rng.chance(0.86)
    const home = rng.pick(ningboDistricts)
    const householdRegionCode = localHousehold ? home.code : rng.pick(otherDistricts).code
    // Region in the ID number = where the birth was first registered. Movers keep their old code,
    // and people registered in 江东区 before the 2016 merger keep 330204.
    let idRegion = householdRegionCode
    if (localHousehold && rng.chance(0.12)) idRegion = rng.pick(otherDistricts).code
    else if (householdRegionCode === '330212' && birthYear < 2016 && rng.chance(0.35)) idRegion = HISTORICAL_DISTRICTS[0].code

    let idNumber = ''
    for (let attempt = 0; ; attempt++) {
      // Sequence parity carries the sex (odd = male).
      const seq = rng.int(0, 499) * 2 + (sex === 'M' ? 1 : 0)
      idNumber = makeIdNumber(idRegion, birthDate, seq)
      if (!usedIds.has(idNumber)) break
      if (attempt > 50) throw new Error('could not find a free ID number')
    }
    usedIds.add(idNumber)

    let phone = ''
    do phone = rng.pick(MOBILE_PREFIXES) + String(rng.int(0, 99999999)).padStart(8, '0')
    while (usedPhones.has(phone))
    usedPhones.add(phone)

    citizens.push({
      id: rng.uuid(),
      name: makeName(rng, sex, birthYear),
      idNumber,
      birthDate,
      sex,
      phone,
      householdRegionCode,
      address: makeAddress(rng, home.name, home.code),
    })
  }

  const adults = citizens.filter((c) => ageOn(c.birthDate, REFERENCE_DATE) >= ADULT_AGE + 1)
  if (counts.enterprises > 0 && adults.length === 0) throw new Error('enterprises need adult citizens as legal representatives')
  const enterprises: EnterprisePlain[] = []
  const usedNames = new Set<string>()
  const usedOrgCodes = new Set<string>()
  const newCodeChars = USCC_CHARSET

  for (let i = 0; i < counts.enterprises; i++) {
    const type = rng.weighted(['limited_company', 'partnership', 'individual_business'] as const, [70, 8, 22])
    const rep = rng.pick(adults)
    const district = rng.pick(ningboDistricts)
    // Founded after the representative turned 18, not before 1992, not after the reference day.
    const earliest = [addYears(rep.birthDate, ADULT_AGE), '1992-01-01'].sort()[1]
    const establishedOn = dateBetween(rng, earliest, REFERENCE_DATE)

    let name = ''
    for (let attempt = 0; ; attempt++) {
      const brand = makeBrand(rng)
      if (type === 'limited_company') name = `宁波${brand}${rng.pick(COMPANY_INDUSTRIES)}有限公司`
      else if (type === 'partnership') name = `宁波${brand}${rng.pick(PARTNERSHIP_INDUSTRIES)}合伙企业（有限合伙）`
      else name = `${district.name}${rng.chance(0.4) ? `${rep.name[0]}记` : brand}${rng.pick(SHOP_KINDS)}`
      if (!usedNames.has(name)) break
      if (attempt > 100) throw new Error('could not find a free enterprise name')
    }
    usedNames.add(name)

    // Organisation codes: 8 digits before the 2015 USCC reform, 'MA' + 6 symbols after.
    let body = ''
    do {
      body =
        establishedOn < '2015-10-01'
          ? String(rng.int(10000000, 99999999))
          : 'MA' + Array.from({ length: 6 }, () => newCodeChars[rng.int(0, newCodeChars.length - 1)]).join('')
    } while (usedOrgCodes.has(body))
    usedOrgCodes.add(body)

    const capital =
      type === 'individual_business'
        ? rng.int(1, 50) * 10000
        : type === 'partnership'
          ? rng.int(10, 1000) * 100000
          : rng.pick([10, 50, 100, 200, 300, 500, 1000, 2000, 5000]) * 10000 * rng.int(1, 3)

    enterprises.push({
      id: rng.uuid(),
      uscc: makeUscc(type === 'individual_business' ? '92' : '91', district.code, body),
      name,
      type,
      legalRepCitizenId: rep.id,
      registeredCapital: capital,
      establishedOn,
      regionCode: district.code,
      address: makeAddress(rng, district.name, district.code),
      status: rng.weighted(['active', 'revoked', 'deregistered'] as const, [90, 4, 6]),
    })
  }

  return { regions: regionRows(), citizens, enterprises }
}
