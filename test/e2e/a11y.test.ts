// WCAG 2.1 AA on every page of the PWA (issue 9), read from src/app.config.ts so new pages are
// covered without editing this file:
// - axe-core (@axe-core/playwright, WCAG 2.0/2.1 A and AA rules): 0 serious or critical issues;
// - every control in Chromium's accessibility tree has an accessible name;
// - reflow at 320 px width, and at 200 % text size (every text doubled in place), without
//   sideways scrolling, text off screen or text clipped by its box.
// Each page is one test that lists all its misses, so a failure names the page and what is wrong.
import { AxeBuilder } from '@axe-core/playwright'
import type { CDPSession, Page } from 'playwright-core'
import { e2eStack } from '../support/e2e'
import { doubleTextSize, measureReflow, unnamedControls } from '../support/measure'
import { appPages, openPage, pagePath, seedRefs, signedInBlock, SIGNED_IN_PAGES, type SeedRefs } from '../support/pages'

jest.setTimeout(120_000)

const PAGES = appPages()
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']

const e2e = e2eStack({ walk: true, timeoutMs: 400_000 })
let page: Page
let cdp: CDPSession
let refs: SeedRefs
beforeAll(async () => {
  page = e2e.page
  cdp = await e2e.browser.cdp(page)
  refs = await seedRefs(e2e.url)
})

/** The open page's axe serious/critical issues and its controls without an accessible name, one line each. */
async function pageMisses(): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze()
  const misses = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `axe ${v.impact} ${v.id}: ${n.target.join(' ')} — ${n.failureSummary?.split('\n')[1]?.trim() ?? v.help}`))
  misses.push(...(await unnamedControls(page, cdp)))
  return misses
}

test('app.config lists the tab pages and the subpackages', () => {
  expect(PAGES.filter((p) => p.tab).length).toBeGreaterThanOrEqual(4)
  expect(PAGES.length).toBeGreaterThan(10)
})

describe.each(PAGES.map((p) => [p.route, p] as const))('%s', (_route, p) => {
  test('axe: no serious or critical issues; every control has an accessible name', async () => {
    await page.setViewportSize({ width: 390, height: 844 })
    await openPage(page, `${e2e.url}${pagePath(p, refs)}`)
    expect(await pageMisses()).toEqual([])
  })

  test('reflows at 320 px wide and at 200 % text without loss', async () => {
    await page.setViewportSize({ width: 320, height: 640 })
    await openPage(page, `${e2e.url}${pagePath(p, refs)}`)
    const narrow = (await page.evaluate(measureReflow)).map((m) => `320 px: ${m}`)
    await page.setViewportSize({ width: 390, height: 844 })
    await openPage(page, `${e2e.url}${pagePath(p, refs)}`)
    await page.evaluate(doubleTextSize)
    const big = (await page.evaluate(measureReflow)).map((m) => `200 % text: ${m}`)
    expect([...narrow, ...big]).toEqual([])
  })
})

describe('signed in (L3)', () => {
  signedInBlock(() => page, () => e2e.url)

  test.each(SIGNED_IN_PAGES)('%s: axe: no serious or critical issues; every control has an accessible name', async (route) => {
    await page.setViewportSize({ width: 390, height: 844 })
    await openPage(page, `${e2e.url}${route}`)
    expect(await pageMisses()).toEqual([])
  })
})
