// Issue 9, PWA behaviour: a tab still running an old version, whose next page's code is gone (a
// deploy removed it from the server, and another tab already switched the worker to the new
// version, which dropped it from the cache), offers 刷新 with the update bar instead of a blank
// page. Until the citizen taps it, the page they are on stays as it is.
import type { Page, Route } from 'playwright-core'
import { e2eStack } from '../support/e2e'
import { messages } from '../../src/domain/messages'

jest.setTimeout(90_000)

const t = messages.ui.update
const e2e = e2eStack()
let page: Page
/** From when this is set, script and style chunks not yet loaded answer 404, as after a deploy. */
let gone = false

beforeAll(async () => {
  page = e2e.page
  // The first visit is not controlled by the worker yet (no clientsClaim), so the page's own
  // requests reach this route.
  await page.route(/\/(js|css)\/[^/?]+\.(js|css)(\?.*)?$/, (route: Route) => (gone ? route.fulfill({ status: 404, body: '' }) : route.continue()))
})

test('a page whose code is gone shows the update bar; 刷新 then opens that page in the new version', async () => {
  await page.goto(`${e2e.url}/`)
  const search = page.getByText(messages.ui.home.searchPlaceholder).first()
  await search.waitFor({ timeout: 20_000 })
  gone = true
  await search.click()

  const bar = page.locator('.update-bar')
  await bar.getByText(t.ready, { exact: true }).waitFor({ state: 'visible', timeout: 20_000 })
  // No reload and no blank page: 首页 is still what the citizen sees.
  expect(await search.isVisible()).toBe(true)

  gone = false
  await bar.locator('taro-button-core, button').filter({ hasText: t.apply }).click()
  await page.waitForURL(/\/packages\/catalog\/pages\/search/, { timeout: 20_000 })
  await page.locator('input').first().waitFor({ state: 'visible', timeout: 20_000 })
  expect(await page.locator('.update-bar').count()).toBe(0)
})
