// QR drawing for 亮证: the module matrix from `qrcode` (its pure-JS core, no canvas or DOM), drawn
// as a 1-bit PNG data URI. One <Image> renders the same on weapp, alipay and h5 (no canvas API
// differences, no thousands of Views), and drawing takes a few milliseconds.
// The text goes in as a byte segment, so the core never needs TextEncoder (missing on some
// mini-program runtimes).
import { create } from 'qrcode/lib/core/qrcode'
import { toBase64Url, utf8Encode } from '../domain/wallet/types'

export interface QrMatrix {
  size: number
  /** size*size, 1 = dark. */
  data: Uint8Array
}

export function qrMatrix(text: string, ecc: 'L' | 'M' | 'Q' | 'H' = 'Q'): QrMatrix {
  const qr = create([{ data: utf8Encode(text), mode: 'byte' }], { errorCorrectionLevel: ecc })
  return { size: qr.modules.size, data: qr.modules.data }
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    t[n] = c >>> 0
  }
  return t
})()

function crc32(bytes: Uint8Array, start: number, end: number): number {
  let c = 0xffffffff
  for (let i = start; i < end; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

/** zlib stream with stored (uncompressed) deflate blocks: tiny code, fast, fine for ~30 KB. */
function zlibStored(raw: Uint8Array): Uint8Array {
  const blocks = Math.max(1, Math.ceil(raw.length / 65535))
  const out = new Uint8Array(2 + raw.length + blocks * 5 + 4)
  out[0] = 0x78
  out[1] = 0x01
  let o = 2
  for (let b = 0; b < blocks; b++) {
    const start = b * 65535
    const len = Math.min(65535, raw.length - start)
    out[o++] = b === blocks - 1 ? 1 : 0
    out[o++] = len & 0xff
    out[o++] = len >>> 8
    out[o++] = ~len & 0xff
    out[o++] = (~len >>> 8) & 0xff
    out.set(raw.subarray(start, start + len), o)
    o += len
  }
  let a = 1
  let bsum = 0
  for (let i = 0; i < raw.length; i++) {
    a = (a + raw[i]) % 65521
    bsum = (bsum + a) % 65521
  }
  const adler = ((bsum << 16) | a) >>> 0
  out[o++] = adler >>> 24
  out[o++] = (adler >>> 16) & 0xff
  out[o++] = (adler >>> 8) & 0xff
  out[o++] = adler & 0xff
  return out
}

/** 1-bit greyscale PNG of the matrix: `scale` px per module, a 4-module quiet zone. */
export function qrPng(m: QrMatrix, scale = 4): Uint8Array {
  const quiet = 4
  const px = (m.size + quiet * 2) * scale
  const rowBytes = Math.ceil(px / 8)
  const raw = new Uint8Array((rowBytes + 1) * px).fill(0xff)
  for (let y = 0; y < px; y++) {
    const row = y * (rowBytes + 1)
    raw[row] = 0 // filter: none
    const my = Math.floor(y / scale) - quiet
    if (my < 0 || my >= m.size) continue
    for (let x = 0; x < px; x++) {
      const mx = Math.floor(x / scale) - quiet
      if (mx < 0 || mx >= m.size || !m.data[my * m.size + mx]) continue
      raw[row + 1 + (x >> 3)] &= ~(0x80 >> (x & 7))
    }
  }
  const idat = zlibStored(raw)
  const chunks: Array<[string, Uint8Array]> = [
    ['IHDR', Uint8Array.from([px >>> 24, (px >>> 16) & 255, (px >>> 8) & 255, px & 255, px >>> 24, (px >>> 16) & 255, (px >>> 8) & 255, px & 255, 1, 0, 0, 0, 0])],
    ['IDAT', idat],
    ['IEND', new Uint8Array(0)],
  ]
  const total = 8 + chunks.reduce((n, [, d]) => n + 12 + d.length, 0)
  const out = new Uint8Array(total)
  out.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 0)
  let o = 8
  for (const [type, data] of chunks) {
    const len = data.length
    out.set([len >>> 24, (len >>> 16) & 255, (len >>> 8) & 255, len & 255], o)
    for (let i = 0; i < 4; i++) out[o + 4 + i] = type.charCodeAt(i)
    out.set(data, o + 8)
    const crc = crc32(out, o + 4, o + 8 + len)
    out.set([crc >>> 24, (crc >>> 16) & 255, (crc >>> 8) & 255, crc & 255], o + 8 + len)
    o += 12 + len
  }
  return out
}

/** Standard base64 (with padding) for a data URI. */
function toBase64(bytes: Uint8Array): string {
  const s = toBase64Url(bytes).replace(/-/g, '+').replace(/_/g, '/')
  return s + '='.repeat((4 - (s.length % 4)) % 4)
}

export function qrDataUri(text: string): string {
  return `data:image/png;base64,${toBase64(qrPng(qrMatrix(text, 'Q')))}`
}

/**
 * Run the encoder once on a code-sized text while the holder is still choosing fields: the first
 * call on a freshly opened page pays for JIT compilation (~40 ms in Chromium), the tap should not.
 */
export function warmUpQr(): void {
  qrPng(qrMatrix('x'.repeat(330), 'Q'))
}
