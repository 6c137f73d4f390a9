import { normalisePhone, validatePhone } from '../../../src/domain/phone'

const err = (s: string) => {
  const r = validatePhone(s)
  return r.ok ? r.value : r.error
}

describe('validatePhone', () => {
  it('accepts every carrier segment 13x-19x', () => {
    for (const p of ['13012345678', '14512345678', '15912345678', '16612345678', '17712345678', '18812345678', '19912345678']) {
      expect(err(p)).toBe(p)
    }
  })
  it('normalises spaces, dashes, full-width digits and a country code', () => {
    expect(err(' 138 1234 5678 ')).toBe('13812345678')
    expect(err('138-1234-5678')).toBe('13812345678')
    expect(err('+86 138 1234 5678')).toBe('13812345678')
    expect(err('008613812345678')).toBe('13812345678')
    expect(err('8613812345678')).toBe('13812345678')
    expect(err('１３８１２３４５６７８')).toBe('13812345678')
  })
  it('empty', () => {
    expect(err('')).toBe('empty')
    expect(err(' \u3000 ')).toBe('empty')
  })
  it('format', () => {
    for (const p of ['12812345678', '10012345678', '23812345678', '1381234567', '138123456789', '0574-87654321', '1381234567a', '+1 138 1234 5678', '86138123456']) {
      expect(err(p)).toBe('format')
    }
  })
  it('does not strip 86 from an 11-digit number that starts with 86', () => {
    expect(normalisePhone('86123456789')).toBe('86123456789')
  })
})
