// The Chinese font embedded in e-proofs: Noto Sans SC (simplified Chinese subset) from
// @fontsource, shipped only as WOFF/WOFF2. pdf-lib cannot use WOFF2 (the PDF shows nothing), so
// the WOFF is unpacked to plain TrueType once (its tables are just zlib-compressed) and kept in
// memory; subsetting uses upstream fontkit 2 through a small adapter (see TOOLCHAIN.md).
import { readFileSync } from 'node:fs'
import { Readable } from 'node:stream'
import { inflateSync } from 'node:zlib'
import { create as createFont } from 'fontkit'

const WOFF_PATH = require.resolve('@fontsource/noto-sans-sc/files/noto-sans-sc-chinese-simplified-400-normal.woff')

/** WOFF 1.0 -> sfnt (TrueType/OpenType): same tables, decompressed, 4-byte aligned. */
export function woffToSfnt(woff: Buffer): Buffer {
  if (woff.readUInt32BE(0) !== 0x774f4646) throw new Error('not a WOFF file')
  const flavor = woff.readUInt32BE(4)
  const numTables = woff.readUInt16BE(12)
  const tables: Array<{ tag: number; checksum: number; data: Buffer }> = []
  for (let i = 0; i < numTables; i++) {
    const e = 44 + i * 20
    const tag = woff.readUInt32BE(e)
    const offset = woff.readUInt32BE(e + 4)
    const compLength = woff.readUInt32BE(e + 8)
    const origLength = woff.readUInt32BE(e + 12)
    const checksum = woff.readUInt32BE(e + 16)
    const raw = woff.subarray(offset, offset + compLength)
    const data = compLength < origLength ? inflateSync(raw) : Buffer.from(raw)
    if (data.length !== origLength) throw new Error('WOFF table length mismatch')
    tables.push({ tag, checksum, data })
  }
  tables.sort((a, b) => a.tag - b.tag)
  let searchRange = 1
  let entrySelector = 0
  while (searchRange * 2 <= numTables) {
    searchRange *= 2
    entrySelector++
  }
  const headerSize = 12 + 16 * numTables
  const size = tables.reduce((n, t) => n + ((t.data.length + 3) & ~3), headerSize)
  const out = Buffer.alloc(size)
  out.writeUInt32BE(flavor, 0)
  out.writeUInt16BE(numTables, 4)
  out.writeUInt16BE(searchRange * 16, 6)
  out.writeUInt16BE(entrySelector, 8)
  out.writeUInt16BE(numTables * 16 - searchRange * 16, 10)
  let offset = headerSize
  tables.forEach((t, i) => {
    const e = 12 + i * 16
    out.writeUInt32BE(t.tag, e)
    out.writeUInt32BE(t.checksum, e + 4)
    out.writeUInt32BE(offset, e + 8)
    out.writeUInt32BE(t.data.length, e + 12)
    t.data.copy(out, offset)
    offset += (t.data.length + 3) & ~3
  })
  return out
}

let cached: Buffer | undefined
export function chineseFont(): Buffer {
  cached ??= woffToSfnt(readFileSync(WOFF_PATH))
  return cached
}

interface Subset {
  encode(): Uint8Array
  encodeStream?: () => Readable
}

/** fontkit 2 for pdf-lib's registerFontkit: its subsets have encode() where pdf-lib calls encodeStream(). */
export const fontkitAdapter = {
  create(data: Uint8Array) {
    const font = createFont(Buffer.from(data)) as unknown as { createSubset(): Subset }
    const createSubset = font.createSubset.bind(font)
    font.createSubset = () => {
      const subset = createSubset()
      subset.encodeStream = () => Readable.from([subset.encode()])
      return subset
    }
    return font
  },
}
