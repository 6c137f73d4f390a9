import { idCheckDigit, makeIdNumber, normaliseIdNumber, validateIdNumber, chinaDateKey, isRealDate } from '../../../src/domain/idNumber'
import { CITY, HISTORICAL_DISTRICTS, OTHER_CITIES } from '../../../src/domain/regions'
import { pick, prng } from './prng'

// Fixed "today" for date rules: 2024-06-15 noon in China.
const TODAY = new Date('2024-06-15T12:00:00+08:00')

/** Build an 18-char number with a correct check digit, to isolate other errors. */
function withCheck(first17: string): string {
  return first17 + idCheckDigit(first17)
}
function err(input: string, today: Date = TODAY) {
  const r = validateIdNumber(input, today)
  return r.ok ? 'ok' : r.error
}

describe('idCheckDigit (MOD 11-2)', () => {
  it('matches the GB 11643 examples', () => {
    expect(idCheckDigit('11010519491231002')).toBe('X')
    expect(idCheckDigit('44052418800101001')).toBe('4')
  })
  it('yields every possible check character', () => {
    const seen = new Set<string>()
    for (let s = 0; s < 200; s++) seen.add(idCheckDigit(`33020319900101${String(s).padStart(3, '0')}`))
    expect([...seen].sort()).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'X'])
  })
  it('refuses anything but 17 digits', () => {
    expect(() => idCheckDigit('1101051949123100')).toThrow(RangeError)
    expect(() => idCheckDigit('110105194912310021')).toThrow(RangeError)
    expect(() => idCheckDigit('1101051949123100A')).toThrow(RangeError)
  })
})

describe('normaliseIdNumber', () => {
  it('trims, removes inner whitespace and upper-cases x', () => {
    expect(normaliseIdNumber('  110105 19491231 002x \t')).toBe('11010519491231002X')
  })
  it('converts full-width digits, Ｘ/ｘ and the ideographic space', () => {
    expect(normaliseIdNumber('１１０１０５\u3000１９４９１２３１００２ｘ')).toBe('11010519491231002X')
    expect(normaliseIdNumber('11010519491231002Ｘ')).toBe('11010519491231002X')
  })
  it('leaves other characters alone so they fail later', () => {
    expect(normaliseIdNumber('1101-05')).toBe('1101-05')
  })
})

describe('validateIdNumber: valid numbers', () => {
  it('accepts the published example and extracts its fields', () => {
    const r = validateIdNumber('11010519491231002X', TODAY)
    expect(r).toEqual({
      ok: true,
      value: { idNumber: '11010519491231002X', regionCode: '110105', provinceCode: '11', birthDate: '1949-12-31', sex: 'F' },
    })
  })
  it('accepts lower-case x, spaces and full-width input, returning the normalised number', () => {
    for (const input of ['11010519491231002x', ' 110105 1949 1231 002X ', '１１０１０５１９４９１２３１００２ｘ']) {
      const r = validateIdNumber(input, TODAY)
      expect(r.ok && r.value.idNumber).toBe('11010519491231002X')
    }
  })
  it('reads the sex from the 17th digit (odd = male)', () => {
    const male = validateIdNumber(makeIdNumber('330203', '1990-05-01', 1), TODAY)
    const female = validateIdNumber(makeIdNumber('330203', '1990-05-01', 2), TODAY)
    expect(male.ok && male.value.sex).toBe('M')
    expect(female.ok && female.value.sex).toBe('F')
  })
  it('accepts 宁波 numbers issued under former district codes', () => {
    expect(err(makeIdNumber('330204', '1975-03-03', 17))).toBe('ok') // 江东区, merged 2016
    expect(err(makeIdNumber('330283', '1982-11-30', 18))).toBe('ok') // 奉化市, now 奉化区
  })
  it('accepts 港澳台 residence permit numbers', () => {
    expect(err(withCheck('81000019800101001'))).toBe('ok')
    expect(err(withCheck('83000019800101002'))).toBe('ok')
  })
})

describe('validateIdNumber: every error kind', () => {
  it('empty', () => {
    expect(err('')).toBe('empty')
    expect(err('   ')).toBe('empty')
    expect(err('\u3000')).toBe('empty')
    expect(err(undefined as unknown as string)).toBe('empty')
  })
  it('length, including old 15-digit numbers (refused on purpose)', () => {
    expect(err('110105491231002')).toBe('length')
    expect(err('11010519491231002')).toBe('length')
    expect(err('11010519491231002X1')).toBe('length')
    expect(err('110105-19491231-002X')).toBe('length')
  })
  it('format', () => {
    expect(err('1101051949123100AX')).toBe('format')
    expect(err('X10105194912310021')).toBe('format')
    expect(err('1101051949123100X2')).toBe('format')
    expect(err('11010519491231002Y')).toBe('format')
    expect(err('11010519491231002-')).toBe('format')
  })
  it('region: the code must be in some revision of GB/T 2260; the province must exist', () => {
    expect(err(withCheck('00010519491231002'))).toBe('region')
    expect(err(withCheck('10010519491231002'))).toBe('region') // no province 10
    expect(err(withCheck('99010519491231002'))).toBe('region')
    expect(err(withCheck('72010519491231002'))).toBe('region')
    expect(err(withCheck('33990019491231002'))).toBe('region') // city 99
    expect(err(withCheck('33020019491231002'))).toBe('ok') // 宁波市 itself is a known code
    expect(err(withCheck('33030019491231002'))).toBe('ok') // 温州市, in OTHER_CITIES
    expect(err(withCheck('33040019491231002'))).toBe('ok') // 嘉兴市
    expect(err(withCheck('33040219491231002'))).toBe('ok') // 嘉兴 南湖区
    expect(err(withCheck('42900419491231002'))).toBe('ok') // 90 = county directly under province (仙桃)
    expect(err(withCheck('33029919491231002'))).toBe('region') // county shape, never assigned
  })
  it('region: prefecture-level cities without counties (their ID prefix ends in 00)', () => {
    for (const code of ['441900', '442000', '460400', '620200']) expect(err(withCheck(`${code}19850615002`))).toBe('ok')
    expect(err(withCheck('44190119850615002'))).toBe('region') // 东莞 has no county 01
  })
  it('region: codes of divisions merged or abolished since keep validating', () => {
    expect(err(withCheck('33020419700101002'))).toBe('ok') // 宁波 江东区, merged 2016
    expect(err(withCheck('33028319700101002'))).toBe('ok') // 奉化市, a district since 2016
    expect(err(withCheck('44052419700101002'))).toBe('ok') // 潮阳县 (GB 11643's example), abolished 1993
    expect(err(withCheck('11010319700101002'))).toBe('ok') // 北京 崇文区, merged 2010
  })
  it('birthDate: not a real calendar date', () => {
    expect(err(withCheck('33020320230229001'))).toBe('birthDate') // 2023 not leap
    expect(err(withCheck('33020319000229001'))).toBe('birthDate') // 1900 not leap
    expect(err(withCheck('33020319901301001'))).toBe('birthDate')
    expect(err(withCheck('33020319900001001'))).toBe('birthDate')
    expect(err(withCheck('33020319900100001'))).toBe('birthDate')
    expect(err(withCheck('33020319900431001'))).toBe('birthDate')
    expect(err(withCheck('33020319900132001'))).toBe('birthDate')
  })
  it('birthDate: before 1900 (the GB example born 1880 has a correct check digit but is refused)', () => {
    expect(err('440524188001010014')).toBe('birthDate')
    expect(err(withCheck('33020318991231001'))).toBe('birthDate')
    expect(err(withCheck('33020319000101001'))).toBe('ok')
  })
  it('leap days that exist are accepted', () => {
    expect(err(withCheck('33020320240229001'))).toBe('ok')
    expect(err(withCheck('33020320000229001'))).toBe('ok') // 2000 is leap (divisible by 400)
    expect(err(withCheck('33020319960229001'))).toBe('ok')
  })
  it('futureBirthDate: today is fine, tomorrow is not', () => {
    expect(err(withCheck('33020320240615001'))).toBe('ok')
    expect(err(withCheck('33020320240616001'))).toBe('futureBirthDate')
    expect(err(withCheck('33020320250101001'))).toBe('futureBirthDate')
  })
  it('futureBirthDate uses the calendar date in China, whatever the server time zone', () => {
    const born = withCheck('33020320240616001')
    expect(err(born, new Date('2024-06-15T15:59:59Z'))).toBe('futureBirthDate') // 23:59:59 in China
    expect(err(born, new Date('2024-06-15T16:00:00Z'))).toBe('ok') // 00:00 on the 16th in China
  })
  it('defaults today to the current date', () => {
    expect(err(withCheck('33020329990101001'), undefined as unknown as Date)).toBe('futureBirthDate')
    const r = validateIdNumber(withCheck('33020329990101001'))
    expect(r.ok ? 'ok' : r.error).toBe('futureBirthDate')
    expect(validateIdNumber('11010519491231002X').ok).toBe(true)
  })
  it('checkDigit', () => {
    expect(err('110105194912310021')).toBe('checkDigit')
    expect(err('110105194912310020')).toBe('checkDigit')
    expect(err('440524188001010015'.replace('1880', '1980'))).toBe('checkDigit')
  })
  it('reports the first problem in the order a person fixes them', () => {
    // bad region + bad date + bad check digit -> region
    expect(err('000000202302290010')).toBe('region')
    // bad date + bad check digit -> birthDate
    expect(err('330203202302290010')).toBe('birthDate')
  })
})

describe('chinaDateKey / isRealDate', () => {
  it('computes the date in UTC+8', () => {
    expect(chinaDateKey(new Date('2023-12-31T16:00:00Z'))).toBe('20240101')
    expect(chinaDateKey(new Date('2023-12-31T15:59:59Z'))).toBe('20231231')
  })
  it('knows month lengths', () => {
    expect(['20240131', '20240430', '20230228', '21000228'].every(isRealDate)).toBe(true)
    expect(['20240132', '20240431', '20230229', '21000229', '2024013', 'abcdefgh'].some(isRealDate)).toBe(false)
  })
})

describe('makeIdNumber', () => {
  it('builds the published example', () => {
    expect(makeIdNumber('110105', '1949-12-31', 2)).toBe('11010519491231002X')
  })
  it('pads the sequence and encodes the sex in its last digit', () => {
    expect(makeIdNumber('330203', '2001-01-01', 7).slice(14, 17)).toBe('007')
    expect(makeIdNumber('330203', '2001-01-01', 999).slice(14, 17)).toBe('999')
    expect(makeIdNumber('330203', '2001-01-01', 0).slice(14, 17)).toBe('000')
  })
  it('throws on arguments that cannot make a valid number', () => {
    expect(() => makeIdNumber('990000', '1990-01-01', 1)).toThrow(RangeError)
    expect(() => makeIdNumber('33020', '1990-01-01', 1)).toThrow(RangeError)
    expect(() => makeIdNumber('330203', '1990-02-30', 1)).toThrow(RangeError)
    expect(() => makeIdNumber('330203', '19900101', 1)).toThrow(RangeError)
    expect(() => makeIdNumber('330203', '1899-12-31', 1)).toThrow(RangeError)
    expect(() => makeIdNumber('330203', '1990-01-01', 1000)).toThrow(RangeError)
    expect(() => makeIdNumber('330203', '1990-01-01', -1)).toThrow(RangeError)
    expect(() => makeIdNumber('330203', '1990-01-01', 1.5)).toThrow(RangeError)
  })
})

describe('property: generated numbers', () => {
  const regions = [
    ...CITY.districts.map((d) => d.code),
    ...HISTORICAL_DISTRICTS.map((d) => d.code),
    ...OTHER_CITIES.flatMap((c) => c.districts.map((d) => d.code)),
  ]
  const rnd = prng(20240615)
  const start = Date.UTC(1900, 0, 1)
  const end = Date.UTC(2024, 5, 15)
  const samples = Array.from({ length: 400 }, () => {
    const region = pick(rnd, regions)
    const birth = new Date(start + Math.floor(rnd() * ((end - start) / 86400000 + 1)) * 86400000).toISOString().slice(0, 10)
    const seq = Math.floor(rnd() * 1000)
    return { region, birth, seq, id: makeIdNumber(region, birth, seq) }
  })

  it('every generated number validates with the fields it was built from', () => {
    for (const s of samples) {
      const r = validateIdNumber(s.id, TODAY)
      expect(r).toEqual({
        ok: true,
        value: { idNumber: s.id, regionCode: s.region, provinceCode: s.region.slice(0, 2), birthDate: s.birth, sex: s.seq % 2 ? 'M' : 'F' },
      })
      expect(validateIdNumber(s.id.toLowerCase(), TODAY).ok).toBe(true)
    }
  })

  it('changing any single character is always detected', () => {
    const chars = '0123456789X'
    const missed: string[] = []
    let checked = 0
    for (const s of samples.slice(0, 80)) {
      for (let i = 0; i < 18; i++) {
        for (const c of chars) {
          if (c === s.id[i] || (c === 'X' && i < 17)) continue
          const mutated = s.id.slice(0, i) + c + s.id.slice(i + 1)
          const e = err(mutated)
          // sequence and check positions carry no other meaning, so only the check digit can catch them
          if (e === 'ok' || (i >= 14 && e !== 'checkDigit')) missed.push(`${mutated}: ${e}`)
          checked++
        }
      }
    }
    expect(missed).toEqual([])
    expect(checked).toBeGreaterThan(80 * 17 * 9)
  })

  it('swapping two different adjacent digits is always detected', () => {
    const missed: string[] = []
    for (const s of samples) {
      for (let i = 0; i < 16; i++) {
        if (s.id[i] === s.id[i + 1]) continue
        const swapped = s.id.slice(0, i) + s.id[i + 1] + s.id[i] + s.id.slice(i + 2)
        if (err(swapped) === 'ok') missed.push(swapped)
      }
    }
    expect(missed).toEqual([])
  })
})
