// The embedded proof font: WOFF unpacked to a TrueType font fontkit can read and subset.
import { readFileSync } from 'node:fs'
import { create } from 'fontkit'
import { chineseFont, woffToSfnt } from '../../../mock/src/proofs/font'

describe('proof font', () => {
  it('WOFF -> sfnt keeps every table and has the Chinese glyphs', () => {
    const ttf = chineseFont()
    expect(ttf.readUInt32BE(0)).toBe(0x00010000)
    const font = create(ttf) as { numGlyphs: number; hasGlyphForCodePoint(c: number): boolean }
    expect(font.numGlyphs).toBeGreaterThan(1000)
    for (const ch of '社会保险参保证明公积金不动产') expect(font.hasGlyphForCodePoint(ch.codePointAt(0)!)).toBe(true)
  })

  it('refuses what is not WOFF', () => {
    expect(() => woffToSfnt(Buffer.from('not a font at all, really not'))).toThrow('not a WOFF file')
    expect(() => woffToSfnt(readFileSync(__filename))).toThrow()
  })
})
