// E-proof PDFs: A4, Chinese text in an embedded Noto Sans SC subset, and a QR code drawn as vector
// squares (sharp at any zoom, decodable after printing). The QR carries the signed code; the page
// also prints the proof number for checking by hand at /verify.
import { createHash } from 'node:crypto'
import { PDFDocument, degrees, rgb, type PDFFont, type PDFPage } from 'pdf-lib'
import QRCode from 'qrcode'
import type { ProofField, ProofKind } from '../../../src/domain/contract/records'
import { canonicalJson } from '../idempotency'
import { chineseFont, fontkitAdapter } from './font'

/** Everything a proof states. Hashed (canonical JSON) into the signed QR; stored with the proof. */
export interface ProofContent {
  kind: ProofKind
  number: string
  title: string
  issuer: string
  holder: string
  idNumber: string
  statement: string
  fields: ProofField[]
  table: { head: string[]; rows: string[][] } | null
  issuedAt: string
  expiresAt: string
}

export function contentHash(content: ProofContent): string {
  return createHash('sha256').update(canonicalJson(content)).digest('hex')
}

const A4: [number, number] = [595.28, 841.89]
const MARGIN = 56
const INK = rgb(0.1, 0.1, 0.1)
const MUTED = rgb(0.35, 0.35, 0.35)
const RED = rgb(0.75, 0.1, 0.1)

// Per embedded font: each character's advance at size 1000 (shaping a string costs far more than
// looking up a number).
const unitWidths = new WeakMap<PDFFont, Map<string, number>>()

/**
 * Split text into lines that fit `width` at `size` (character by character: Chinese has no
 * spaces). Widths are summed per character, measured once each: measuring the growing line
 * again for every character made a long proof cost a second of CPU.
 */
function wrap(font: PDFFont, text: string, size: number, width: number): string[] {
  const lines: string[] = []
  let widths = unitWidths.get(font)
  if (!widths) unitWidths.set(font, (widths = new Map()))
  let line = ''
  let w = 0
  for (const ch of text) {
    let unit = widths.get(ch)
    if (unit === undefined) widths.set(ch, (unit = font.widthOfTextAtSize(ch, 1000)))
    const cw = (unit * size) / 1000
    if (w + cw > width && line) {
      lines.push(line)
      line = ch
      w = cw
    } else {
      line += ch
      w += cw
    }
  }
  if (line) lines.push(line)
  return lines
}

/**
 * The QR as one vector path: each row's dark modules merged into runs, one rectangle per run.
 * One path instead of a rectangle per module keeps the page small and cheap to write; runs are
 * slightly oversized so neighbours join without hairline gaps when rendered.
 */
function drawQr(page: PDFPage, text: string, x: number, y: number, size: number): void {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' })
  const n = qr.modules.size
  const quiet = 4
  const cell = size / (n + 2 * quiet)
  const f = (v: number) => v.toFixed(3)
  page.drawRectangle({ x, y, width: size, height: size, color: rgb(1, 1, 1) })
  const parts: string[] = []
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      if (!qr.modules.get(r, c)) continue
      let end = c
      while (end + 1 < n && qr.modules.get(r, end + 1)) end++
      // SVG coordinates: y grows downwards from the square's top-left corner.
      const w = (end - c + 1) * cell + 0.02
      parts.push(`M${f((c + quiet) * cell)} ${f((r + quiet) * cell)}h${f(w)}v${f(cell + 0.02)}h${f(-w)}Z`)
      c = end
    }
  }
  page.drawSvgPath(parts.join(''), { x, y: y + size, color: rgb(0, 0, 0) })
}

/**
 * The electronic seal image (电子印章), drawn in vector shapes: a red ring, a five-pointed star in
 * the middle, the agency's name along the upper arc and the seal's purpose below the star. The
 * image is what a reader recognises; what makes the proof authentic is the signed QR beside it.
 */
export function drawSeal(page: PDFPage, font: PDFFont, agency: string, purpose: string, cx: number, cy: number, r: number): void {
  const color = RED
  page.drawCircle({ x: cx, y: cy, size: r, borderColor: color, borderWidth: r * 0.06, opacity: 0, borderOpacity: 0.9 })
  // Star: 10 points alternating outer/inner radius, drawn as an SVG path (y grows downwards there).
  const outer = r * 0.3
  const inner = outer * 0.382
  const pts: string[] = []
  for (let k = 0; k < 10; k++) {
    const a = -Math.PI / 2 + (k * Math.PI) / 5
    const rr = k % 2 === 0 ? outer : inner
    pts.push(`${(rr * Math.cos(a)).toFixed(2)} ${(rr * Math.sin(a)).toFixed(2)}`)
  }
  page.drawSvgPath(`M ${pts.join(' L ')} Z`, { x: cx, y: cy, color, opacity: 0.9 })
  // Agency name on the upper arc, each character upright to the circle.
  const chars = [...agency]
  const size = Math.min(r * 0.24, (Math.PI * r * 1.1) / Math.max(chars.length, 1))
  const arcR = r * 0.78 - size / 2
  const span = Math.min(Math.PI * 1.3, (chars.length * size * 1.05) / arcR)
  chars.forEach((ch, k) => {
    const a = Math.PI / 2 + span / 2 - (chars.length === 1 ? span / 2 : (k * span) / (chars.length - 1))
    const w = font.widthOfTextAtSize(ch, size)
    // Character baseline centre on the arc; rotate so its top points away from the centre.
    const bx = cx + arcR * Math.cos(a)
    const by = cy + arcR * Math.sin(a)
    const rot = a - Math.PI / 2
    page.drawText(ch, {
      x: bx - (w / 2) * Math.cos(rot) + (size / 2.8) * Math.sin(rot),
      y: by - (w / 2) * Math.sin(rot) - (size / 2.8) * Math.cos(rot),
      size,
      font,
      color,
      opacity: 0.9,
      rotate: degrees((rot * 180) / Math.PI),
    })
  })
  const ps = r * 0.16
  page.drawText(purpose, { x: cx - font.widthOfTextAtSize(purpose, ps) / 2, y: cy - r * 0.55, size: ps, font, color, opacity: 0.9 })
}

export interface RenderOptions {
  /** The signed code the QR carries. */
  code: string
  /** Printed hint: where to check by hand. */
  verifyHint: string
  labels: { name: string; idNumber: string; number: string; issuedAt: string; validUntil: string; stamp: string; sealPurpose: string }
  /** Issue and expiry as printed (China time). */
  issuedOn: string
  validUntil: string
  /** DEMO=1: a line on top of every page and a watermark across it. */
  demo?: { line: string; mark: string }
}

export async function renderProofPdf(content: ProofContent, o: RenderOptions): Promise<Buffer> {
  const doc = await PDFDocument.create()
  doc.registerFontkit(fontkitAdapter as never)
  const font = await doc.embedFont(chineseFont(), { subset: true })
  // Fixed metadata: the same proof renders to the same bytes.
  const when = new Date(content.issuedAt)
  doc.setTitle(`${content.title} ${content.number}`)
  doc.setAuthor(content.issuer)
  doc.setProducer('zhijian')
  doc.setCreator('zhijian')
  doc.setCreationDate(when)
  doc.setModificationDate(when)
  let page = doc.addPage(A4)
  const [W, H] = A4
  const width = W - 2 * MARGIN
  let y = H - MARGIN

  const text = (s: string, size: number, x = MARGIN, color = INK) => {
    page.drawText(s, { x, y, size, font, color })
  }
  const para = (s: string, size: number, color = INK) => {
    for (const line of wrap(font, s, size, width)) {
      ensure(size * 1.7)
      y -= size * 1.7
      text(line, size, MARGIN, color)
    }
  }
  const ensure = (need: number) => {
    if (y - need >= MARGIN) return
    page = doc.addPage(A4)
    y = H - MARGIN
  }

  const titleSize = 20
  y -= titleSize
  text(content.title, titleSize, (W - font.widthOfTextAtSize(content.title, titleSize)) / 2)
  y -= 18
  const no = `${o.labels.number}：${content.number}`
  text(no, 10, W - MARGIN - font.widthOfTextAtSize(no, 10), MUTED)
  y -= 10
  para(`${o.labels.name}：${content.holder}`, 12)
  para(`${o.labels.idNumber}：${content.idNumber}`, 12)
  y -= 6
  para(content.statement, 12)
  y -= 4
  for (const f of content.fields) para(`${f.label}：${f.value}`, 11)

  if (content.table && content.table.rows.length) {
    y -= 8
    const { head, rows } = content.table
    // Columns as wide as their longest cell, scaled to the text width.
    const natural = head.map((_, i) => Math.max(...[head, ...rows].map((r) => font.widthOfTextAtSize(r[i] ?? '', 10))) + 12)
    const scale = width / natural.reduce((a, b) => a + b, 0)
    const colW = natural.map((n) => n * scale)
    const colX = colW.map((_, i) => MARGIN + colW.slice(0, i).reduce((a, b) => a + b, 0))
    const rowH = 18
    const drawRow = (cells: string[], size: number, color = INK) => {
      ensure(rowH)
      y -= rowH
      cells.forEach((cell, i) => {
        const fitted = wrap(font, cell, size, colW[i] - 6)[0] ?? ''
        page.drawText(fitted, { x: colX[i] + 3, y: y + 5, size, font, color })
      })
      page.drawLine({ start: { x: MARGIN, y }, end: { x: W - MARGIN, y }, thickness: 0.3, color: MUTED })
    }
    drawRow(head, 10, MUTED)
    for (const r of rows) drawRow(r, 9.5)
  }

  // Footer block on the last page: issuer, dates, QR.
  const qrSize = 120
  ensure(qrSize + 64)
  const footTop = Math.min(y - 24, MARGIN + qrSize + 40)
  drawQr(page, o.code, W - MARGIN - qrSize, footTop - qrSize, qrSize)
  // The seal beside the QR, over the issuer's name as a stamp would be.
  const sealR = 46
  drawSeal(page, font, content.issuer, o.labels.sealPurpose, W - MARGIN - qrSize - 12 - sealR, footTop - qrSize / 2, sealR)
  y = footTop
  const leftW = width - qrSize - 16
  const foot = (s: string, size: number, color = INK) => {
    for (const line of wrap(font, s, size, leftW)) {
      y -= size * 1.7
      page.drawText(line, { x: MARGIN, y, size, font, color })
    }
  }
  foot(content.issuer, 13)
  foot(o.labels.stamp, 10, RED)
  foot(`${o.labels.issuedAt}：${o.issuedOn}`, 11)
  foot(`${o.labels.validUntil}：${o.validUntil}`, 11)
  y -= 6
  foot(o.verifyHint, 9, MUTED)

  if (o.demo) {
    const { line, mark } = o.demo
    for (const p of doc.getPages()) {
      p.drawText(line, { x: (W - font.widthOfTextAtSize(line, 11)) / 2, y: H - MARGIN / 2, size: 11, font, color: RED })
      const size = 72
      p.drawText(mark, { x: W / 2 - font.widthOfTextAtSize(mark, size) * 0.35, y: H / 2 - font.widthOfTextAtSize(mark, size) * 0.35, size, font, color: RED, opacity: 0.12, rotate: degrees(45) })
    }
  }

  return Buffer.from(await doc.save({ useObjectStreams: true }))
}
