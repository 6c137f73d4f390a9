// The 参保证明 PDF carries a visible electronic seal beside its signed QR, and states the
// cumulative contribution months (issue 21). Rendered by poppler (pdftoppm/pdftotext) as a reader
// would see it; the seal is found as red ink left of the QR, where nothing else is red.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { renderProofPdf, type ProofContent } from '../../../mock/src/proofs/pdf'

const content: ProofContent = {
  kind: 'social_security',
  number: 'ZJ2026120700001',
  title: '社会保险参保证明',
  issuer: '宁波市社会保险管理服务中心',
  holder: '张*',
  idNumber: '3302**********0011',
  statement: '兹证明上述人员在本市参加社会保险。',
  fields: [{ label: '累计缴费月数', value: '236 个月' }],
  table: { head: ['月份', '缴费单位', '缴费基数（元）', '状态'], rows: [['2026-10', '宁波某公司', '6,000.00', '已缴']] },
  issuedAt: '2026-12-07T02:00:00.000Z',
  expiresAt: '2027-01-06T02:00:00.000Z',
}
const options = {
  code: 'eyJhbGciOiJFUzI1NiJ9.eyJ4IjoxfQ.c2lnbmF0dXJl',
  verifyHint: '扫描二维码核验。',
  labels: { name: '姓名', idNumber: '身份证号码', number: '证明编号', issuedAt: '出具日期', validUntil: '有效期至', stamp: '（电子证明专用章）', sealPurpose: '电子证明专用章' },
  issuedOn: '2026年12月7日',
  validUntil: '2027年1月6日',
}

/** Binary PPM (P6) from pdftoppm: width, height and RGB bytes. */
function ppm(file: string): { w: number; h: number; px: Buffer } {
  const buf = readFileSync(file)
  const header = buf.subarray(0, 64).toString('latin1').split(/\s+/)
  const [w, h] = [Number(header[1]), Number(header[2])]
  return { w, h, px: buf.subarray(buf.length - w * h * 3) }
}

describe('参保证明 PDF', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'zj-seal-'))
  let page: { w: number; h: number; px: Buffer }
  let text = ''

  beforeAll(async () => {
    const pdf = await renderProofPdf(content, options)
    writeFileSync(path.join(dir, 'p.pdf'), pdf)
    execFileSync('pdftoppm', ['-r', '72', '-f', '1', '-l', '1', path.join(dir, 'p.pdf'), path.join(dir, 'page')])
    page = ppm(path.join(dir, 'page-1.ppm'))
    text = execFileSync('pdftotext', ['-layout', path.join(dir, 'p.pdf'), '-'], { encoding: 'utf8' })
  }, 30_000)

  it('states the cumulative contribution months', () => {
    expect(text).toMatch(/累计缴费月数：236 个月/)
  })

  it('shows a red seal left of the QR, with the agency name', () => {
    // A4 at 72 dpi = 595 × 842 px; the QR is 120 px wide at the right margin (56 px).
    const { w, h, px } = page
    const red = (x: number, y: number) => {
      const i = (y * w + x) * 3
      return px[i] > 150 && px[i + 1] < 110 && px[i + 2] < 110
    }
    const qrLeft = w - 56 - 120
    let inSeal = 0
    let elsewhere = 0
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        if (!red(x, y)) continue
        if (x >= qrLeft - 12 - 2 * 46 - 4 && x < qrLeft) inSeal++
        else elsewhere++
      }
    }
    // A ring of radius 46 alone is ~2πr·3 ≈ 860 px; the star and characters add more.
    expect(inSeal).toBeGreaterThan(800)
    // The only other red is the printed “（电子证明专用章）” line.
    expect(elsewhere).toBeLessThan(inSeal)
    // The agency's name is drawn as text in the seal too (besides the issuer line).
    expect(text.split('宁').length - 1).toBeGreaterThanOrEqual(1)
  })
})
