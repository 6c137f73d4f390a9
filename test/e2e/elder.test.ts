// 关怀模式 (elder mode) on every page, read from src/app.config.ts so new pages are covered without
// editing this file (issue 9, MIIT 适老化 numbers). In elder mode: every visible text ≥ 18 px, line
// height ≥ 1.3 on text that wraps, contrast ≥ 4.5:1 (3:1 for ≥ 24 px or ≥ 18 px bold), every
// control ≥ 60 × 60 px. In the normal mode: every control ≥ 44 × 44 px. Measured from computed
// styles and boxes in Chromium; each page is one test listing its misses.
import type { Page } from 'playwright-core'
import { e2eStack } from '../support/e2e'
import { CONTROL_SELECTOR, measureElder, type ElderLimits } from '../support/measure'
import { appPages, openPage, pagePath, seedRefs, signedInBlock, SIGNED_IN_PAGES, type SeedRefs } from '../support/pages'

jest.setTimeout(120_000)

const PAGES = appPages()
/** The app's stored choice (src/stores/app.ts); set before any script runs. */
const ELDER_KEY = 'zj.prefs.elderMode'
const ELDER: ElderLimits = { minFont: 18, minTarget: 60, minLineHeight: 1.3, contrast: true }
const NORMAL: ElderLimits = { minFont: 12, minTarget: 44, minLineHeight: 0, contrast: false }

const e2e = e2eStack({ walk: true, timeoutMs: 400_000 })
let page: Page
let refs: SeedRefs
beforeAll(async () => {
  page = e2e.page
  refs = await seedRefs(e2e.url)
})

/** Sets the stored choice on a cheap same-origin document, then opens the page. */
async function open(path: string, elderOn: boolean): Promise<void> {
  await page.goto(`${e2e.url}/manifest.webmanifest`)
  await page.evaluate(([key, on]) => localStorage.setItem(key, on ? '1' : '0'), [ELDER_KEY, elderOn] as const)
  await openPage(page, `${e2e.url}${path}`)
  expect(await page.locator('.page.elder').count() > 0).toBe(elderOn)
}

describe.each(PAGES.map((p) => [p.route, p] as const))('%s', (_route, p) => {
  test('elder mode: text ≥ 18 px, line height ≥ 1.3, contrast, targets ≥ 60 × 60', async () => {
    await open(pagePath(p, refs), true)
    const misses = await page.evaluate(measureElder, { limits: ELDER, controls: CONTROL_SELECTOR })
    expect(misses).toEqual([])
  })

  test('normal mode: targets ≥ 44 × 44, no text under 12 px', async () => {
    await open(pagePath(p, refs), false)
    const misses = await page.evaluate(measureElder, { limits: NORMAL, controls: CONTROL_SELECTOR })
    expect(misses).toEqual([])
  })
})

describe('signed in (L3)', () => {
  signedInBlock(() => page, () => e2e.url)

  test.each(SIGNED_IN_PAGES)('%s: elder mode and normal mode', async (route) => {
    await open(route, true)
    const elder = (await page.evaluate(measureElder, { limits: ELDER, controls: CONTROL_SELECTOR })).map((m) => `elder: ${m}`)
    await open(route, false)
    const normal = (await page.evaluate(measureElder, { limits: NORMAL, controls: CONTROL_SELECTOR })).map((m) => `normal: ${m}`)
    expect([...elder, ...normal]).toEqual([])
  })
})

describe('follows the browser text size until the citizen chooses', () => {
  afterAll(async () => {
    const cdp = await e2e.browser.cdp(page)
    await cdp.send('Page.setFontSizes', { fontSizes: { standard: 16 } })
  })

  test.each([[16, false], [20, true], [24, true]] as const)('default font %i px, no stored choice: elder mode %s', async (px, on) => {
    const cdp = await e2e.browser.cdp(page)
    await cdp.send('Page.setFontSizes', { fontSizes: { standard: px } })
    await page.goto(`${e2e.url}/manifest.webmanifest`)
    await page.evaluate((key) => localStorage.removeItem(key), ELDER_KEY)
    await openPage(page, `${e2e.url}/`)
    expect(await page.locator('.page.elder').count() > 0).toBe(on)
  })
})
