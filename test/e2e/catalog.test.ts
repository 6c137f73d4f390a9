// The catalog in Chromium: search, open a guide, tick materials; then offline, search again and
// open a guide never opened before, served from the copy kept on the device.
import type { Page } from 'playwright-core'
import { e2eStack } from '../support/e2e'
import { messages } from '../../src/domain/messages'
import { STORAGE_KEYS } from '../../src/stores/catalog'
import { CONSENT_VERSION } from '../../src/domain/consent'

jest.setTimeout(90_000)

const g = messages.catalogUi.guide
const SEARCH = '/packages/catalog/pages/search'

// Run as `flock <BUILD_LOCK of test/support/server.ts> env H5_LOCK_HELD=1 npx jest test/e2e/catalog` to queue for the lock up front.
const e2e = e2eStack({ server: { holdBuildLock: process.env.H5_LOCK_HELD !== '1' } })
let page: Page
beforeAll(() => { page = e2e.page })

async function searchFor(q: string): Promise<void> {
  const input = page.locator('.cat-search input')
  await input.fill(q)
  await page.locator('.cat-result-name', { hasText: q.slice(0, 2) }).first().waitFor({ state: 'visible', timeout: 15_000 })
}

test('search, guide, tick materials; offline: search again and open a new guide from the cache', async () => {
  await page.goto(`${e2e.url}${SEARCH}`)
  await page.getByText(messages.catalog.search.hot).first().waitFor({ timeout: 20_000 })

  await searchFor('公积金')
  const firstName = (await page.locator('.cat-result-name').first().textContent())?.trim() ?? ''
  expect(firstName).toContain('公积金')
  await page.locator('.cat-result').first().click()
  await page.waitForURL((u) => u.pathname === '/packages/catalog/pages/guide')
  await page.locator('.page-title', { hasText: firstName }).waitFor()
  await page.getByText(g.bring, { exact: true }).first().waitFor()

  // Materials a department shares (免提交) have no tick box and are not counted.
  const materials = page.locator('.cat-material[aria-checked]')
  const total = await materials.count()
  expect(total).toBeGreaterThan(0)
  expect(await page.locator('.cat-material').count()).toBe(total + (await page.locator('.cat-material-shared').count()))
  await materials.first().click()
  await page.getByText(`已备好 1/${total}`).waitFor()
  await expect(page.locator('.cat-check-on').count()).resolves.toBe(1)

  // 分享 from the bottom bar (no system share sheet here): the checklist goes to the clipboard and
  // a toast says so in view (the line under the list is off screen from there).
  await e2e.browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: e2e.url })
  await page.locator('.cat-action', { hasText: g.shareAction }).click()
  const toast = page.getByText(g.copied, { exact: true }).last()
  await toast.waitFor({ state: 'visible', timeout: 10_000 })
  const box = await toast.boundingBox()
  expect(box && box.y >= 0 && box.y + box.height <= 844).toBe(true)
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain(firstName)

  // The guides document is kept on the device before we cut the network.
  await page.waitForFunction((key) => !!localStorage.getItem(key), STORAGE_KEYS.guidesMeta, { timeout: 20_000 })

  await e2e.browser.context.setOffline(true)
  await page.goBack()
  await page.waitForURL((u) => u.pathname === SEARCH)
  await searchFor('身份证')
  const names = await page.locator('.cat-result-name').allTextContents()
  const other = names.findIndex((n) => n.trim() !== firstName)
  expect(other).toBeGreaterThanOrEqual(0)
  const otherName = names[other].trim()
  await page.locator('.cat-result').nth(other).click()
  await page.waitForURL((u) => u.pathname === '/packages/catalog/pages/guide')
  await page.locator('.page-title', { hasText: otherName }).waitFor({ timeout: 15_000 })
  await page.getByText(g.bring, { exact: true }).first().waitFor()
  await expect(page.getByText(g.offlineMissing).count()).resolves.toBe(0)
  await e2e.browser.context.setOffline(false)
})

test('halls without location are listed by district; a hall and a 一件事 bundle open', async () => {
  // Headless Chromium grants no geolocation here: the page must still list halls (by district).
  await page.goto(`${e2e.url}/packages/catalog/pages/halls`)
  await page.getByText(messages.catalog.halls.locationRefused).first().waitFor({ timeout: 20_000 })
  const rows = page.locator('.cat-result')
  await rows.first().waitFor()
  expect(await rows.count()).toBeGreaterThanOrEqual(30)
  const hallName = (await page.locator('.cat-result-name').first().textContent())?.trim() ?? ''
  await rows.first().click()
  await page.locator('.page-title', { hasText: hallName }).waitFor({ timeout: 15_000 })
  await page.getByText(messages.catalogUi.halls.weekly).waitFor()

  await page.goto(`${e2e.url}/packages/catalog/pages/search?lifeEvent=birth`)
  // The category's 一件事 bundles lead its results, each with its own badge.
  const bundle = page.locator('#cat-results .cat-result', { hasText: messages.catalogUi.search.badgeBundle }).first()
  await bundle.waitFor({ timeout: 20_000 })
  await bundle.click()
  await page.waitForURL((u) => u.pathname === '/packages/catalog/pages/bundle')
  await page.getByText(messages.catalogUi.bundle.form).waitFor({ timeout: 15_000 })
  await page.getByText(messages.catalogUi.bundle.materials).waitFor()
  expect(e2e.browser.pageErrors).toEqual([])
})

test('办事 has 首页\'s search box: a tap opens the search with the keyboard up (its input focused)', async () => {
  const placeholder = messages.ui.home.searchPlaceholder
  for (const tab of ['/pages/services/index', '/pages/home/index']) {
    await page.goto(`${e2e.url}${tab}`)
    await page.evaluate((v) => localStorage.setItem('zj.privacy.accepted', v), CONSENT_VERSION)
    await page.reload()
    await page.getByText(placeholder, { exact: true }).filter({ visible: true }).first().click()
    await page.waitForURL((u) => u.pathname === SEARCH)
    const input = page.locator('.cat-search input').filter({ visible: true }).first()
    await input.waitFor({ state: 'visible', timeout: 15_000 })
    await page.waitForFunction(() => document.activeElement instanceof HTMLInputElement && document.activeElement.closest('.cat-search') !== null, undefined, { timeout: 5_000 })
    // Typing goes straight in, with no tap on the input first.
    await page.keyboard.type('公积金')
    await page.locator('.cat-result-name', { hasText: '公积' }).first().waitFor({ state: 'visible', timeout: 15_000 })
  }
})
