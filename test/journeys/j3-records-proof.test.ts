// J3 (JOURNEYS.md): 社保, 公积金, 不动产 each ≤ 3 taps from 首页; a 参保证明 ≤ 3 more taps, shown
// inside the app as rendered pages (never the browser's own tab, never an /api/ address in the
// app's tab); 返回 goes back to where the person was. Taps on visible text, counted.
import type { Page } from 'playwright-core'
import { e2eStack, signInCitizen, storeSession } from '../support/e2e'
import { Hands } from '../support/taps'
import { msSince, recordJourney } from '../support/journey-report'
import { generateRegistry, ageOn, REFERENCE_DATE } from '../../mock/src/seed'
import { generateRecords } from '../../mock/src/seed/records'
import { messages } from '../../src/domain/messages'

jest.setTimeout(240_000)

const SEED = 'e2e-records'
const COUNTS = { citizens: 200, enterprises: 10 }
const R = '/packages/records/pages'
const t = messages.records

const e2e = e2eStack({ seed: { name: SEED, ...COUNTS }, timeoutMs: 600_000 })

async function home(page: Page): Promise<void> {
  await page.goto(`${e2e.url}/pages/home/index`)
  await page.getByText(messages.ui.home.tiles.social).filter({ visible: true }).first().waitFor({ timeout: 30_000 })
}

test('J3: three queries ≤ 3 taps each, a 参保证明 ≤ 3 more, shown in the app, back returns', async () => {
  const registry = generateRegistry(SEED, COUNTS)
  const rec = generateRecords(SEED, registry.citizens, registry.enterprises)
  const owner = registry.citizens.find(
    (c) => ageOn(c.birthDate, REFERENCE_DATE) >= 25 && rec.accounts.some((a) => a.citizenId === c.id) && rec.units.some((u) => u.citizenId === c.id) && rec.ss.some((s) => s.citizenId === c.id),
  )!
  const page = e2e.page
  await storeSession(page, e2e.url, await signInCitizen(e2e.api, owner, { l3: true }))
  const appTabUrls: string[] = []
  page.on('framenavigated', (f) => {
    if (f === page.mainFrame()) appTabUrls.push(new URL(f.url()).pathname)
  })
  const popups: string[] = []
  page.context().on('page', (p) => popups.push(p.url()))

  const measured: Record<string, number> = {}
  const firstContent: Record<string, number | undefined> = {}
  for (const [tile, path, ready] of [
    [messages.ui.home.tiles.social, 'social', '#ss-total-months'],
    [messages.ui.home.tiles.fund, 'fund', '#pf-balance'],
    [messages.ui.home.tiles.property, 'property', '.re-unit'],
  ] as const) {
    await home(page)
    const hands = new Hands(page)
    await hands.tap(tile)
    await page.waitForURL((u) => u.pathname === `${R}/${path}`, { timeout: 20_000 })
    await page.locator(ready).filter({ visible: true }).first().waitFor({ timeout: 20_000 })
    firstContent[path] = msSince(hands.firstTapAt)
    measured[path] = hands.taps
    expect(hands.taps).toBeLessThanOrEqual(3)
  }

  // From the 社保 page: 开具证明, then 查看 PDF in 我的证明.
  await home(page)
  const q = new Hands(page)
  await q.tap(messages.ui.home.tiles.social)
  await page.locator('#ss-total-months').filter({ visible: true }).first().waitFor({ timeout: 20_000 })
  const hands = new Hands(page)
  await hands.tap(`${t.common.makeProof}：${t.proofs.kinds.social_security}`)
  await page.waitForURL((u) => u.pathname === `${R}/proofs`, { timeout: 20_000 })
  await page.locator('#proof-made').waitFor({ timeout: 20_000 })
  const row = page.locator('.proof-row', { hasText: t.proofs.kinds.social_security }).filter({ visible: true }).first()
  await hands.tap(t.proofs.open, row)
  await page.waitForURL((u) => u.pathname === '/packages/docs/pages/viewer', { timeout: 20_000 })
  // Rendered pages (images drawn from the PDF), with 下载 and 分享.
  const firstPage = page.locator('#doc-pages img').first()
  await firstPage.waitFor({ state: 'visible', timeout: 30_000 })
  const proofMs = msSince(hands.firstTapAt)
  const drawn = await firstPage.evaluate((img: HTMLImageElement) => ({ w: img.naturalWidth, h: img.naturalHeight, src: img.src.slice(0, 22) }))
  expect(drawn.src).toBe('data:image/png;base64,')
  expect(drawn.w).toBeGreaterThan(300)
  expect(drawn.h).toBeGreaterThan(drawn.w) // a portrait A4 page
  // The whole page is shown, not a fixed-height crop of its top: every drawn page's box keeps the
  // page's own proportions, and scrolled to its end the last page's bottom edge (where the proof's
  // QR is) is inside the viewport and is the page itself, not a clipping box or the tab bar.
  const boxes = await page.locator('#doc-pages .doc-page').evaluateAll((hosts) =>
    hosts.map((host) => {
      const img = host.querySelector('img')!
      const h = host.getBoundingClientRect()
      const i = img.getBoundingClientRect()
      return { hostW: h.width, hostH: h.height, imgH: i.height, ratio: img.naturalHeight / img.naturalWidth }
    }),
  )
  expect(boxes.length).toBeGreaterThan(0)
  for (const b of boxes) {
    expect(Math.abs(b.hostH - b.hostW * b.ratio)).toBeLessThan(3)
    expect(b.hostH).toBeGreaterThanOrEqual(b.imgH - 1)
  }
  const lastPage = page.locator('#doc-pages .doc-page').last()
  await lastPage.evaluate((el) => el.scrollIntoView({ block: 'end' }))
  const bottom = await lastPage.evaluate((host) => {
    const r = host.getBoundingClientRect()
    const y = Math.floor(r.bottom) - 4
    const hit = document.elementFromPoint(r.left + r.width / 2, y)
    return { bottom: r.bottom, top: r.top, vh: window.innerHeight, hitIsPage: !!hit && host.contains(hit) }
  })
  expect(bottom.bottom).toBeLessThanOrEqual(bottom.vh)
  expect(bottom.hitIsPage).toBe(true)
  await hands.sees(messages.docs.download)
  await hands.sees(messages.docs.share)
  measured.proof = hands.taps
  expect(hands.taps).toBeLessThanOrEqual(3)

  // 返回: back on 我的证明, where the person was.
  await hands.tap(messages.docs.back)
  await page.waitForURL((u) => u.pathname === `${R}/proofs`, { timeout: 20_000 })
  await page.locator('.proof-row').filter({ visible: true }).first().waitFor({ timeout: 20_000 })

  expect(popups).toEqual([])
  expect(appTabUrls.filter((p) => p.startsWith('/api/'))).toEqual([])
  console.log(`J3 taps: 社保 ${measured.social}, 公积金 ${measured.fund}, 不动产 ${measured.property}; 参保证明 opened in the app ${measured.proof} more (${hands.log.join(' → ')})`)
  for (const [path, name, figure] of [['social', '社保', '#ss-total-months'], ['fund', '公积金', '#pf-balance'], ['property', '不动产', 'the first .re-unit']] as const) {
    recordJourney({ id: 'J3', case: name, target: 'h5', taps: measured[path], budget: 3, firstContentMs: firstContent[path], timed: `tap on the ${name} tile on 首页 → ${figure} visible` })
  }
  recordJourney({ id: 'J3', case: '参保证明', target: 'h5', taps: measured.proof, budget: 3, firstContentMs: proofMs, note: 'taps after the 社保 page', timed: 'tap on 开具证明 → the first drawn PDF page visible in the viewer' })
})
