import {
  USCC_AUTHORITIES,
  USCC_CHARSET,
  makeUscc,
  normaliseUscc,
  orgCodeCheckChar,
  usccCheckChar,
  usccErrorText,
  validateUscc,
} from '../../../src/domain/uscc'
import { CITY, OTHER_CITIES } from '../../../src/domain/regions'
import { pick, prng } from './prng'

function err(input: string) {
  const r = validateUscc(input)
  return r.ok ? 'ok' : r.error
}
/** 17 chars with a correct org-code check, plus the correct final check: isolates other errors. */
function build(authType: string, region: string, body8: string): string {
  const first17 = authType + region + body8 + orgCodeCheckChar(body8)
  return first17 + usccCheckChar(first17)
}

// Codes printed on real business licences (public registration data), checked by hand.
const PUBLISHED = ['91350100M000100Y43', '91330100716105852F', '91440300708461136T', '91110000802100433B', '9111000071093123XX']

describe('character set', () => {
  it('has 31 symbols: digits and A-Z without I, O, Z, S, V', () => {
    expect(USCC_CHARSET).toHaveLength(31)
    for (const c of 'IOZSV') expect(USCC_CHARSET).not.toContain(c)
    expect(new Set(USCC_CHARSET).size).toBe(31)
  })
})

describe('check characters', () => {
  it('GB 11714 org code check: the standard example D2143569 -> X, and 11 maps to 0', () => {
    expect(orgCodeCheckChar('D2143569')).toBe('X')
    expect(orgCodeCheckChar('00000000')).toBe('0')
    expect(orgCodeCheckChar('71610585')).toBe('2')
  })
  it('USCC MOD 31 check on published codes', () => {
    for (const code of PUBLISHED) expect(usccCheckChar(code.slice(0, 17))).toBe(code[17])
  })
  it('can yield every symbol including 0 (when sum is divisible by 31)', () => {
    const seen = new Set<string>()
    const rnd = prng(31)
    for (let i = 0; i < 3000 && seen.size < 31; i++) {
      seen.add(usccCheckChar('91330200' + Array.from({ length: 9 }, () => pick(rnd, USCC_CHARSET)).join('')))
    }
    expect(seen.size).toBe(31)
  })
  it('throws on bad arguments', () => {
    expect(() => usccCheckChar('91330200MA2AB3CD')).toThrow(RangeError)
    expect(() => usccCheckChar('91330200MA2AB3CDI')).toThrow(RangeError)
    expect(() => orgCodeCheckChar('MA2AB3C')).toThrow(RangeError)
    expect(() => orgCodeCheckChar('ma2ab3cd')).toThrow(RangeError)
  })
})

describe('normaliseUscc', () => {
  it('trims, drops inner spaces, upper-cases, converts full-width', () => {
    expect(normaliseUscc('  91350100m000100y43 ')).toBe('91350100M000100Y43')
    expect(normaliseUscc('9135 0100 M000 100Y 43')).toBe('91350100M000100Y43')
    expect(normaliseUscc('９１３５０１００Ｍ０００１００ｙ４３')).toBe('91350100M000100Y43')
  })
})

describe('validateUscc', () => {
  it('accepts published codes and splits them', () => {
    for (const code of PUBLISHED) expect(err(code)).toBe('ok')
    expect(validateUscc(' 91350100m000100y43 ')).toEqual({
      ok: true,
      value: { uscc: '91350100M000100Y43', authorityCode: '9', orgTypeCode: '1', regionCode: '350100', orgCode: 'M000100Y4' },
    })
  })
  it('empty', () => {
    expect(err('')).toBe('empty')
    expect(err('  ')).toBe('empty')
    expect(err(null as unknown as string)).toBe('empty')
  })
  it('length', () => {
    expect(err('91350100M000100Y4')).toBe('length')
    expect(err('91350100M000100Y431')).toBe('length')
    expect(err('M000100Y4')).toBe('length') // an old 9-character org code alone
  })
  it('forbiddenChar: I, O, Z, S, V are named, with their position', () => {
    for (const c of ['I', 'O', 'Z', 'S', 'V']) {
      expect(err('91350100M000100Y4' + c)).toBe('forbiddenChar')
      expect(validateUscc('91350100' + c + '000100Y43')).toEqual({ ok: false, error: 'forbiddenChar', position: 9, char: c })
    }
    // Lower-case is a typing habit: normalised first, then still forbidden.
    expect(validateUscc('91350100m0001o0Y43')).toEqual({ ok: false, error: 'forbiddenChar', position: 14, char: 'O' })
  })
  it('charset: symbols and other scripts are refused, with their position', () => {
    for (const c of ['-', '#', '中', '.']) {
      expect(err('91350100M000100Y4' + c)).toBe('charset')
      expect(validateUscc('91350100' + c + '000100Y43')).toEqual({ ok: false, error: 'charset', position: 9, char: c })
    }
  })
  it('length counts characters, not UTF-16 units', () => {
    expect(validateUscc('91350100M000100Y4')).toEqual({ ok: false, error: 'length', length: 17 })
    expect(validateUscc('91350100M000100Y4😀')).toMatchObject({ error: 'charset', position: 18 })
  })
  it('usccErrorText: the catalogue sentence says what is wrong', () => {
    expect(usccErrorText('91350100M000100Y43')).toBeUndefined()
    expect(usccErrorText('91350100M000100Y4')).toContain('应为18位，现在是17位')
    expect(usccErrorText('91350100M000100Y4O')).toMatch(/不用字母I、O、Z、S、V，请核对第18位的“O”/)
    expect(usccErrorText('91350100M000100Y4#')).toContain('第18位的“#”不是数字或大写字母')
    expect(usccErrorText('91350100M000100Y44')).toContain('第18位校验码')
    expect(usccErrorText('913302000MA2AB3CD1'.slice(0, 17) + 'X')).toMatch(/校验码/)
    for (const input of ['', '9', '91350100M000100Y4O', '91350100M000100Y4#', '01330200MA2AB3CD04', '91990200MA2AB3CD04', '91350100M000100Y44']) {
      expect(usccErrorText(input)).not.toMatch(/\{\w+\}/)
    }
  })
  it('registrationAuthority: unknown authority or a type that authority does not issue', () => {
    expect(err(build('01', '330200', 'MA2AB3CD'))).toBe('registrationAuthority')
    expect(err(build('B1', '330200', 'MA2AB3CD'))).toBe('registrationAuthority')
    expect(err(build('94', '330200', 'MA2AB3CD'))).toBe('registrationAuthority') // 工商 has types 1-3 only
    expect(err(build('99', '330200', 'MA2AB3CD'))).toBe('registrationAuthority')
    expect(err(build('Y2', '330200', 'MA2AB3CD'))).toBe('registrationAuthority') // 其他 uses 1 only
    expect(err(build('5A', '330200', 'MA2AB3CD'))).toBe('registrationAuthority')
    expect(err(build('N3', '330200', 'MA2AB3CD'))).toBe('ok')
    expect(err(build('Y1', '330200', 'MA2AB3CD'))).toBe('ok')
  })
  it('accepts every authority/type pair in the table', () => {
    for (const [a, { types }] of Object.entries(USCC_AUTHORITIES)) {
      for (const t of Object.keys(types)) expect(err(build(a + t, '330212', '12345678'))).toBe('ok')
    }
  })
  it('region: 6 digits in a real province, at national, province, city or county level', () => {
    expect(err(build('11', '100000', '00001312'))).toBe('ok') // national authority
    expect(err(build('91', '330000', '12345678'))).toBe('ok') // province
    expect(err(build('91', '330400', '12345678'))).toBe('ok') // city (嘉兴), not in our tables
    expect(err(build('91', '330212', '12345678'))).toBe('ok') // 鄞州区
    expect(err(build('91', '000000', '12345678'))).toBe('region')
    expect(err(build('91', '990100', '12345678'))).toBe('region')
    expect(err(build('91', '339900', '12345678'))).toBe('region')
    expect(err(build('91', '33AB00', '12345678'))).toBe('region')
  })
  it('checkChar: wrong final character', () => {
    expect(validateUscc('91350100M000100Y44')).toEqual({ ok: false, error: 'checkChar', position: 18 })
    expect(err('91350100M000100Y4X')).toBe('checkChar')
  })
  it('checkChar: wrong embedded org-code check even when the final character fits', () => {
    const first17 = '91330200' + 'MA2AB3CD' + '1' // correct org check is 0
    expect(orgCodeCheckChar('MA2AB3CD')).toBe('0')
    expect(validateUscc(first17 + usccCheckChar(first17))).toEqual({ ok: false, error: 'checkChar', position: 17 })
  })
})

describe('makeUscc', () => {
  it('computes both check characters', () => {
    expect(makeUscc('91', '350100', 'M000100Y')).toBe('91350100M000100Y43')
    expect(makeUscc('91', '330200', 'MA2AB3CD')).toBe('91330200MA2AB3CD04')
  })
  it('throws on arguments that cannot make a valid code', () => {
    expect(() => makeUscc('9', '330200', 'MA2AB3CD')).toThrow(RangeError)
    expect(() => makeUscc('911', '330200', 'MA2AB3CD')).toThrow(RangeError)
    expect(() => makeUscc('94', '330200', 'MA2AB3CD')).toThrow(RangeError)
    expect(() => makeUscc('B1', '330200', 'MA2AB3CD')).toThrow(RangeError)
    expect(() => makeUscc('91', '990200', 'MA2AB3CD')).toThrow(RangeError)
    expect(() => makeUscc('91', '330200', 'MA2AB3C')).toThrow(RangeError)
    expect(() => makeUscc('91', '330200', 'MA2AB3CI')).toThrow(RangeError)
    expect(() => makeUscc('91', '330200', 'ma2ab3cd')).toThrow(RangeError)
  })
})

describe('property: generated codes', () => {
  const rnd = prng(32100)
  const regions = ['330200', ...CITY.districts.map((d) => d.code), ...OTHER_CITIES.map((c) => c.code)]
  const pairs = Object.entries(USCC_AUTHORITIES).flatMap(([a, { types }]) => Object.keys(types).map((t) => a + t))
  const samples = Array.from({ length: 300 }, () => {
    const at = pick(rnd, pairs)
    const region = pick(rnd, regions)
    const body = Array.from({ length: 8 }, () => pick(rnd, USCC_CHARSET)).join('')
    return { at, region, body, code: makeUscc(at, region, body) }
  })

  it('every generated code validates with its parts', () => {
    for (const s of samples) {
      const r = validateUscc(s.code)
      expect(r.ok && r.value).toEqual({
        uscc: s.code,
        authorityCode: s.at[0],
        orgTypeCode: s.at[1],
        regionCode: s.region,
        orgCode: s.body + orgCodeCheckChar(s.body),
      })
      expect(validateUscc(s.code.toLowerCase()).ok).toBe(true)
    }
  })

  it('changing any single character to another allowed one is always detected', () => {
    const missed: string[] = []
    for (const s of samples.slice(0, 60)) {
      for (let i = 0; i < 18; i++) {
        for (const c of USCC_CHARSET) {
          if (c === s.code[i]) continue
          const mutated = s.code.slice(0, i) + c + s.code.slice(i + 1)
          const e = err(mutated)
          // positions 9-18 have no meaning of their own: only a check character can catch a change
          if (e === 'ok' || (i >= 8 && e !== 'checkChar')) missed.push(`${i} ${mutated}: ${e}`)
        }
      }
    }
    expect(missed).toEqual([])
  })

  it('swapping two different adjacent characters is always detected', () => {
    const missed: string[] = []
    for (const s of samples) {
      for (let i = 0; i < 17; i++) {
        if (s.code[i] === s.code[i + 1]) continue
        const swapped = s.code.slice(0, i) + s.code[i + 1] + s.code[i] + s.code.slice(i + 2)
        if (err(swapped) === 'ok') missed.push(swapped)
      }
    }
    expect(missed).toEqual([])
  })
})
