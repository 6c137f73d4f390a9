// Issue 9, PWA behaviour: "the update prompt never swaps code under a half-filled form". A new
// service-worker version becomes available while the citizen is half-way through the feedback
// form: the bar 新版本已就绪 appears, but the old worker keeps control, the page does not reload
// and what was typed stays; 稍后 only hides the bar; only 刷新 switches (and then reloads).
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Page } from 'playwright-core'
import { waitForServiceWorkerControl } from '../support/browser'
import { e2eStack } from '../support/e2e'
import { messages } from '../../src/domain/messages'

jest.setTimeout(120_000)

const t = messages.ui.update
const FORM = '/packages/feedback/pages/index'
const CONTENT = '办事大厅的叫号屏看不清，希望字再大一些'
const CONTACT = '13800138000'

const e2e = e2eStack()
let page: Page

type Marked = Window & { __zjMarker?: string; __zjOldActive?: ServiceWorker | null }

/**
 * The app as the browser sees it, through a small proxy in front of the stand-in: the only way to
 * hand Chromium a different sw.js (Playwright's route() does not see a service worker's own
 * script fetch, and dist/h5 is shared with other suites). Once `newer` is set, /sw.js is the real
 * one plus a comment line: byte-different, so a new version of the worker.
 */
const proxy = { newer: false, swServed: 0, url: '', server: undefined as http.Server | undefined }

function startProxy(upstream: string): Promise<void> {
  const up = new URL(upstream)
  proxy.server = http.createServer((req, res) => {
    const isSw = new URL(req.url ?? '/', 'http://x').pathname === '/sw.js'
    const headers = { ...req.headers, host: up.host }
    if (isSw) delete headers['accept-encoding']
    const out = http.request({ host: up.hostname, port: up.port, path: req.url, method: req.method, headers }, (r) => {
      if (!isSw) {
        res.writeHead(r.statusCode ?? 502, r.headers)
        r.pipe(res)
        return
      }
      const chunks: Buffer[] = []
      r.on('data', (c: Buffer) => chunks.push(c))
      r.on('end', () => {
        let body = Buffer.concat(chunks)
        if (proxy.newer) body = Buffer.concat([body, Buffer.from('\n// e2e update test: a newer version\n')])
        proxy.swServed++
        const h = { ...r.headers, 'content-length': String(body.length), 'cache-control': 'no-cache' }
        delete h.etag
        delete h['last-modified']
        res.writeHead(r.statusCode ?? 502, h)
        res.end(body)
      })
    })
    out.on('error', () => { res.writeHead(502); res.end() })
    req.pipe(out)
  })
  return new Promise((resolve) => {
    proxy.server!.listen(0, '127.0.0.1', () => {
      proxy.url = `http://127.0.0.1:${(proxy.server!.address() as AddressInfo).port}`
      resolve()
    })
  })
}

const textarea = () => page.locator('textarea').first()
const contact = () => page.locator('input[type=number]').first()
const bar = () => page.locator('.update-bar')
/** Taro's h5 <Button> (a custom element without the button role). */
const barButton = (text: string) => bar().locator('taro-button-core, button').filter({ hasText: text })

async function registration(): Promise<{ waiting: boolean; activeIsOld: boolean; controllerIsOld: boolean; activeState?: string }> {
  return page.evaluate(async () => {
    const w = window as Marked
    const reg = await navigator.serviceWorker.getRegistration()
    return {
      waiting: !!reg?.waiting,
      activeIsOld: !!reg?.active && reg.active === w.__zjOldActive,
      controllerIsOld: !!navigator.serviceWorker.controller && navigator.serviceWorker.controller === w.__zjOldActive,
      activeState: reg?.active?.state,
    }
  })
}

/** What was typed is still in the inputs and (once set) the page's marker is still there: no reload. */
async function expectFormKept(marked = true): Promise<void> {
  expect(await textarea().inputValue()).toBe(CONTENT)
  expect(await contact().inputValue()).toBe(CONTACT)
  if (marked) expect(await page.evaluate(() => (window as Marked).__zjMarker)).toBe('half-filled')
}

beforeAll(async () => {
  page = e2e.page
  await startProxy(e2e.url)
  // Installed from the unmodified sw.js first: the "old" version.
  await page.goto(`${proxy.url}${FORM}`)
  await waitForServiceWorkerControl(page, 60_000, () => page.goto(`${proxy.url}${FORM}`))
}, 90_000)

afterAll(async () => {
  proxy.server?.closeAllConnections()
  await new Promise((resolve) => (proxy.server ? proxy.server.close(resolve) : resolve(undefined)))
})

test('catalogue has the strings this test looks for', () => {
  for (const s of [t.ready, t.apply, t.dismiss, t.dismissLabel]) expect(typeof s).toBe('string')
})

test('a new version waits under a half-filled form: bar shown, no reload, input kept, old worker stays', async () => {
  await page.goto(`${proxy.url}${FORM}`)
  await textarea().waitFor({ state: 'visible', timeout: 20_000 })
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true)
  await textarea().fill(CONTENT)
  await contact().fill(CONTACT)
  await expectFormKept(false)
  // A reload (or a navigation) would drop these.
  await page.evaluate(async () => {
    const w = window as Marked
    w.__zjMarker = 'half-filled'
    w.__zjOldActive = (await navigator.serviceWorker.getRegistration())?.active ?? null
  })
  expect(await registration()).toMatchObject({ waiting: false, activeIsOld: true, controllerIsOld: true })
  expect(await bar().count()).toBe(0)

  const served = proxy.swServed
  proxy.newer = true
  await page.evaluate(async () => { await (await navigator.serviceWorker.getRegistration())?.update() })

  await bar().getByText(t.ready, { exact: true }).waitFor({ state: 'visible', timeout: 30_000 })
  expect(proxy.swServed).toBeGreaterThan(served)
  expect(await registration()).toMatchObject({ waiting: true, activeIsOld: true, controllerIsOld: true })
  await expectFormKept()

  // Nothing switches on its own: a few seconds later the old worker still runs this page.
  await page.waitForTimeout(4_000)
  expect(await registration()).toMatchObject({ waiting: true, activeIsOld: true, controllerIsOld: true, activeState: 'activated' })
  await expectFormKept()
  await expect(bar().getByText(t.ready, { exact: true }).isVisible()).resolves.toBe(true)

  // 稍后: the bar goes, nothing else changes.
  await barButton(t.dismiss).click()
  await bar().waitFor({ state: 'detached', timeout: 10_000 })
  await page.waitForTimeout(1_000)
  expect(await registration()).toMatchObject({ waiting: true, activeIsOld: true, controllerIsOld: true })
  await expectFormKept()
  expect(e2e.browser.pageErrors).toEqual([])
})

test('刷新 switches to the waiting version and reloads', async () => {
  // The next load finds the version still waiting and offers it again.
  await page.reload()
  await bar().getByText(t.ready, { exact: true }).waitFor({ state: 'visible', timeout: 30_000 })
  await page.evaluate(async () => {
    const w = window as Marked
    w.__zjMarker = 'before-apply'
    w.__zjOldActive = (await navigator.serviceWorker.getRegistration())?.active ?? null
  })
  expect(await registration()).toMatchObject({ waiting: true, activeIsOld: true })

  // A second tab, half-way through the same form, with the bar dismissed there.
  const other = await e2e.browser.context.newPage()
  await other.goto(`${proxy.url}${FORM}`)
  await other.locator('textarea').first().fill(CONTENT)
  const otherBar = other.locator('.update-bar')
  await otherBar.getByText(t.ready, { exact: true }).waitFor({ state: 'visible', timeout: 30_000 })
  await otherBar.locator('taro-button-core, button').filter({ hasText: t.dismiss }).click()
  await otherBar.waitFor({ state: 'detached', timeout: 10_000 })
  await other.evaluate(() => { (window as Marked).__zjMarker = 'other-tab' })

  await barButton(t.apply).click()
  await page.waitForFunction(() => (window as Marked).__zjMarker === undefined, undefined, { timeout: 30_000, polling: 200 })
  await page.waitForFunction(async () => {
    const reg = await navigator.serviceWorker.getRegistration()
    return !reg?.waiting && reg?.active?.state === 'activated' && navigator.serviceWorker.controller !== null
  }, undefined, { timeout: 30_000, polling: 200 })
  // The version that waited is now the active one (nothing left waiting) and runs the fresh page.
  await textarea().waitFor({ state: 'visible', timeout: 20_000 })
  expect(await bar().count()).toBe(0)

  // The other tab now runs under the new worker: it asks again instead of reloading under the
  // citizen, and keeps what was typed.
  await otherBar.getByText(t.ready, { exact: true }).waitFor({ state: 'visible', timeout: 30_000 })
  expect(await other.evaluate(() => (window as Marked).__zjMarker)).toBe('other-tab')
  expect(await other.locator('textarea').first().inputValue()).toBe(CONTENT)
  await other.close()
  expect(e2e.browser.pageErrors).toEqual([])
})

