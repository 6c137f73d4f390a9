// PWA behaviour of issue 9: after one visit, an app page never opened before still opens offline
// (the shell and every page's code are precached); any other address shows the offline page
// instead of the browser's error; 我的 offers "add to home screen" only when the browser does.
import type { Page } from 'playwright-core'
import { waitForServiceWorkerControl } from '../support/browser'
import { e2eStack } from '../support/e2e'
import { messages } from '../../src/domain/messages'

jest.setTimeout(90_000)

const e2e = e2eStack({ walk: true, timeoutMs: 400_000 })
let page: Page
beforeAll(() => { page = e2e.page })

test('offline: a never-visited app page opens; any other address gets the offline page', async () => {
  await page.goto(`${e2e.url}/`)
  await waitForServiceWorkerControl(page)
  await e2e.browser.context.setOffline(true)
  try {
    const res = await page.goto(`${e2e.url}/packages/feedback/pages/index`)
    expect(res?.fromServiceWorker()).toBe(true)
    await page.locator('.page').first().waitFor({ state: 'visible', timeout: 20_000 })

    const docs = await page.goto(`${e2e.url}/api/docs`)
    expect(docs?.fromServiceWorker()).toBe(true)
    await page.getByRole('heading', { name: '当前没有网络连接' }).waitFor({ timeout: 10_000 })
    // Its way back is a real link to the (precached) home page.
    await page.getByRole('link', { name: '回到首页' }).click()
    await page.getByText(messages.ui.home.searchPlaceholder).first().waitFor({ timeout: 20_000 })
  } finally {
    await e2e.browser.context.setOffline(false)
  }
})

test('我的 shows the install entry when the browser offers installation, and opens its prompt', async () => {
  await page.goto(`${e2e.url}/pages/me/index`)
  await page.locator('.page').first().waitFor()
  const row = page.locator('.list-row', { hasText: messages.ui.me.install })
  // Chromium fires beforeinstallprompt on its own when it finds the app installable (it does here,
  // see pwa.test.ts), so the row may already be there. The test sends the same event with a prompt
  // it can observe; the newest offer is the one the row uses.
  await page.evaluate(() => {
    const e = new Event('beforeinstallprompt', { cancelable: true }) as Event & Record<string, unknown>
    e.prompt = async () => { (window as unknown as Record<string, boolean>).__zjPrompted = true }
    e.userChoice = Promise.resolve({ outcome: 'accepted' })
    window.dispatchEvent(e)
  })
  await row.waitFor({ state: 'visible', timeout: 10_000 })
  await row.click()
  await page.waitForFunction(() => (window as unknown as Record<string, boolean>).__zjPrompted === true)
  // An offer is used once: the row goes away until the browser offers again.
  await row.waitFor({ state: 'detached', timeout: 10_000 })
})
