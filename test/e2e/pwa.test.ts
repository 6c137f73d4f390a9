// The PWA from `npm start`'s script in Debian's Chromium: tabs, offline after the first visit,
// installability, the API's JSON 404; and the README screenshots of the four tabs.
import fs from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { launchBrowser, waitForServiceWorkerControl } from '../support/browser'
import { firstScreenScripts, homeShown } from '../support/measure'
import { e2eStack, shown, serverNow } from '../support/e2e'
import { ROOT } from '../support/server'
import { messages } from '../../src/domain/messages'

jest.setTimeout(60_000)

const ui = messages.ui as unknown as Record<string, any>
const SHOTS = path.join(ROOT, 'docs/screenshots')

/** Each tab: its route, its label in the tab bar, and text only that page shows — all from the catalogue. */
const TABS = [
  { key: 'home', route: '/pages/home/index', label: ui.tabs?.home, own: ui.home?.searchPlaceholder },
  { key: 'services', route: '/pages/services/index', label: ui.tabs?.services, own: ui.services?.personTitle },
  { key: 'messages', route: '/pages/messages/index', label: ui.tabs?.messages, own: ui.messages?.emptyTitle },
  { key: 'me', route: '/pages/me/index', label: ui.tabs?.me, own: ui.me?.loggedOut },
] as const

const e2e = e2eStack()
let page: Page
beforeAll(() => { page = e2e.page })

test('catalogue has the strings this test looks for', () => {
  for (const t of TABS) {
    expect(typeof t.label).toBe('string')
    expect(typeof t.own).toBe('string')
  }
})

test('home renders, then each tab opens its own page from the tab bar', async () => {
  await page.goto(`${e2e.url}/`)
  await shown(page, TABS[0].own)
  for (const t of [...TABS.slice(1), TABS[0]]) {
    await page.locator('.weui-tabbar__item', { hasText: t.label }).click()
    await page.waitForURL((u) => u.pathname === t.route)
    await shown(page, t.own)
  }
  expect(e2e.browser.pageErrors).toEqual([])
})

test('README screenshots of the four tabs', async () => {
  fs.mkdirSync(SHOTS, { recursive: true })
  for (const t of TABS) {
    await page.goto(`${e2e.url}${t.route}`)
    await shown(page, t.own)
    await page.screenshot({ path: path.join(SHOTS, `${t.key}.png`) })
  }
})

test('README screenshots in 关怀模式 (elder mode), switched on from the home page', async () => {
  await page.goto(`${e2e.url}/`)
  await page.getByText(ui.elder.turnOn, { exact: true }).click()
  await page.locator('.page.elder').first().waitFor()
  for (const t of TABS) {
    await page.goto(`${e2e.url}${t.route}`)
    await shown(page, t.own)
    // The choice persists across pages and reloads.
    await page.locator('.page.elder').first().waitFor()
    await page.screenshot({ path: path.join(SHOTS, `${t.key}-elder.png`) })
  }
  // Now on 我的: its switch row says the mode is on in words, and turns it off again.
  const row = page.locator('.list-row', { hasText: ui.elder.title })
  await row.getByText(ui.common.on).waitFor()
  await row.locator('taro-switch-core, input[type=checkbox]').first().click()
  await row.getByText(ui.common.off).waitFor()
  expect(await page.locator('.page.elder').count()).toBe(0)
})

test('after the first visit the home page starts offline', async () => {
  await page.goto(`${e2e.url}/`)
  await waitForServiceWorkerControl(page)
  await e2e.browser.context.setOffline(true)
  try {
    const res = await page.reload()
    // The document came from the service worker's precache, not the (unreachable) network.
    expect(res?.fromServiceWorker()).toBe(true)
    expect(await page.evaluate(() => navigator.onLine)).toBe(false)
    await shown(page, TABS[0].own)
  } finally {
    await e2e.browser.context.setOffline(false)
  }
})

test('Chromium finds the PWA installable; the manifest has 192 and 512 px icons', async () => {
  await page.goto(`${e2e.url}/`)
  await shown(page, TABS[0].own)
  const cdp = await e2e.browser.cdp(page)
  // Chromium reads the manifest asynchronously after load.
  await page.waitForFunction(() => document.querySelector('link[rel="manifest"]') !== null)
  const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: unknown[] }
  if (installabilityErrors.length) console.log('installability errors:', JSON.stringify(installabilityErrors))
  expect(installabilityErrors).toEqual([])

  const href = await page.locator('link[rel="manifest"]').getAttribute('href')
  const manifest = await page.evaluate(async (h) => (await fetch(h!)).json(), href)
  const sizes = (manifest.icons as { sizes: string }[]).flatMap((i) => i.sizes.split(/\s+/))
  expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512']))
  await cdp.detach()
})

test('an unknown API route answers JSON 404 to the browser', async () => {
  await page.goto(`${e2e.url}/`)
  const res = await page.evaluate(async () => {
    const r = await fetch('/api/nope', { headers: { accept: 'application/json' } })
    return { status: r.status, type: r.headers.get('content-type'), body: await r.json() }
  })
  expect(res.status).toBe(404)
  expect(res.type).toMatch(/^application\/json/)
  expect(res.body).toMatchObject({ statusCode: 404, code: expect.stringMatching(/^[A-Z_]+$/), message: expect.any(String) })
})

/**
 * Issue 9's H5 budget in CI: the JavaScript of the first screen (home page, fresh profile) against
 * 1.5 × the Taro 4 hello-world that the last `npm run bench -- build` measured in the same run
 * (bench/results.json), so CI needs no second Taro build. Met there, the budget itself is the
 * line; were it recorded as missed, the line held would be that bench's own number +2 % (the first
 * screen may not grow).
 */
test('H5 first-screen JS stays within budget (bench/results.json baseline)', async () => {
  const results = JSON.parse(fs.readFileSync(path.join(ROOT, 'bench/results.json'), 'utf8')) as {
    areas?: { build?: { rows?: { name: string; value: number; baseline?: { value: number } }[] } }
  }
  const row = results.areas?.build?.rows?.find((r) => r.name === 'H5 first-screen JS (decoded)')
  expect(row?.baseline?.value).toBeGreaterThan(0)
  const budget = 1.5 * row!.baseline!.value
  const limit = row!.value <= budget ? budget : row!.value * 1.02
  const fresh = await launchBrowser({ clockAt: await serverNow(e2e.api) })
  try {
    const s = await firstScreenScripts(fresh.page, `${e2e.url}/`, homeShown)
    const kib = s.raw / 1024
    console.log(`H5 first-screen JS ${kib.toFixed(1)} KiB in ${s.files} scripts; budget ${budget.toFixed(1)} KiB (1.5 × hello-world ${row!.baseline!.value} KiB); last bench ${row!.value} KiB; limit here ${limit.toFixed(1)} KiB`)
    expect(kib).toBeLessThanOrEqual(limit)
  } finally {
    await fresh.close()
  }
})

test('the server stops cleanly on SIGTERM', async () => {
  expect(await e2e.server.stop()).toBe(0)
})
