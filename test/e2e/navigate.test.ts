// 导航 on h5: a guide's hall opens an in-app sheet (高德 / 百度 / 腾讯 / 复制地址), not a new tab;
// 复制地址 puts the hall's address on the clipboard and says 地址已复制, the page staying in the
// app. In 关怀模式 the sheet's text is ≥ 18 px and its rows ≥ 60 × 60 (as j10-elder measures).
// SHOTS_DIR=/tmp/launch-shots also saves a screenshot of the sheet in each mode.
// Installed (display-mode standalone: no browser back button, and iOS has no back gesture), every
// page off the tabs has the app's own 返回, kept in view while scrolling; opened directly, it leads
// to 首页. In a browser tab there is none (the browser's own serves).
// Without a location the guide lists halls by district with 用我的位置按距离排序: allowed, the list
// turns nearest first; still refused, it says where to allow it.
import path from 'node:path'
import type { Page } from 'playwright-core'
import { e2eStack } from '../support/e2e'
import { itemCode } from '../support/journey-setup'
import { messages } from '../../src/domain/messages'

jest.setTimeout(120_000)

const t = messages.platform.mapSheet
const ELDER_KEY = 'zj.prefs.elderMode'
// 居民身份证首次申领 at the halls of 宁波 (the J4 item): a guide with 办理地点.
const ITEM = '居民身份证首次申领'
const SEARCH = '/packages/catalog/pages/search'

const e2e = e2eStack({ server: { holdBuildLock: process.env.H5_LOCK_HELD !== '1' } })
let page: Page
beforeAll(() => { page = e2e.page })

async function openGuide(elder: boolean): Promise<void> {
  await page.goto(`${e2e.url}/manifest.webmanifest`)
  await page.evaluate(([key, on]) => localStorage.setItem(key, on ? '1' : '0'), [ELDER_KEY, elder] as const)
  await page.goto(`${e2e.url}${SEARCH}`)
  await page.locator('.cat-search input').fill(ITEM)
  await page.locator('.cat-result', { hasText: ITEM }).first().click()
  await page.waitForURL((u) => u.pathname === '/packages/catalog/pages/guide')
  await page.locator('#guide-where .cat-nav >> visible=true').first().waitFor({ timeout: 20_000 })
}

/** The sheet's rows on screen: their text, font size and box, and whether each is inside the 390×844 view. */
async function sheetRows() {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('.taro-actionsheet__cell, .taro__actionSheet > div:last-child > div:last-child'))
      .filter((el) => el.getBoundingClientRect().height > 0 && getComputedStyle(el).visibility !== 'hidden')
      .map((el) => {
        const r = el.getBoundingClientRect()
        return { text: (el.textContent ?? '').trim(), font: parseFloat(getComputedStyle(el).fontSize), width: Math.round(r.width), height: Math.round(r.height), inView: r.top >= 0 && r.bottom <= window.innerHeight && r.left >= 0 && r.right <= window.innerWidth }
      }),
  )
}

test('导航 on a guide\'s hall: the sheet of map apps in view, nothing opened; 复制地址 copies the address and the page stays', async () => {
  await e2e.browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: e2e.url })
  await openGuide(false)
  const pagesBefore = e2e.browser.context.pages().length
  const guideUrl = page.url()
  // A browser tab: its own back button serves, the app adds none.
  expect(await page.locator('#back-bar').count()).toBe(0)
  const address = (await page.locator('#guide-where .cat-hall >> visible=true').first().locator('.cat-result-meta').innerText()).trim()
  expect(address.length).toBeGreaterThan(3)

  await page.locator('#guide-where .cat-nav >> visible=true').first().click()
  await page.getByText(t.copyAddress, { exact: true }).waitFor({ state: 'visible', timeout: 10_000 })
  await page.waitForTimeout(400) // the sheet slides up
  const rows = await sheetRows()
  for (const label of [t.amap, t.baidu, t.tencent, t.copyAddress]) {
    const row = rows.find((r) => r.text === label)
    expect({ label, inView: row?.inView }).toEqual({ label, inView: true })
  }
  if (process.env.SHOTS_DIR) await page.screenshot({ path: path.join(process.env.SHOTS_DIR, 'map-sheet.png') })
  // Showing the sheet opened nothing: no new tab, same page.
  expect(e2e.browser.context.pages().length).toBe(pagesBefore)

  await page.getByText(t.copyAddress, { exact: true }).click()
  await page.getByText(t.copied).waitFor({ state: 'visible', timeout: 5_000 })
  if (process.env.SHOTS_DIR) await page.screenshot({ path: path.join(process.env.SHOTS_DIR, 'map-sheet-copied.png') })
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(address)
  expect(e2e.browser.context.pages().length).toBe(pagesBefore)
  expect(page.url()).toBe(guideUrl)
})

test('关怀模式: the sheet\'s text ≥ 18 px and every row ≥ 60 × 60', async () => {
  await openGuide(true)
  expect(await page.locator('.page.elder').count()).toBeGreaterThan(0)
  await page.locator('#guide-where .cat-nav >> visible=true').first().click()
  await page.getByText(t.copyAddress, { exact: true }).waitFor({ state: 'visible', timeout: 10_000 })
  await page.waitForTimeout(400)
  const rows = await sheetRows()
  if (process.env.SHOTS_DIR) await page.screenshot({ path: path.join(process.env.SHOTS_DIR, 'map-sheet-elder.png') })
  // The four choices and Taro's 取消 row.
  expect(rows.map((r) => r.text)).toEqual(expect.arrayContaining([t.amap, t.baidu, t.tencent, t.copyAddress, '取消']))
  for (const r of rows) expect({ ...r, ok: r.font >= 18 && r.width >= 60 && r.height >= 60 && r.inView }).toEqual({ ...r, ok: true })
  // Dismissed, the person is where they were.
  await page.mouse.click(195, 40)
  await page.getByText(t.copyAddress, { exact: true }).waitFor({ state: 'hidden', timeout: 5_000 })
  expect(new URL(page.url()).pathname).toBe('/packages/catalog/pages/guide')
})

/** A page of this context that runs as an installed app: the display-mode query answers standalone. */
async function installedPage(elder: boolean): Promise<Page> {
  const p = await e2e.browser.context.newPage()
  await p.addInitScript(() => {
    const real = window.matchMedia.bind(window)
    window.matchMedia = (q: string) => (/display-mode:\s*standalone/.test(q) ? { ...real('all'), matches: true, media: q } as MediaQueryList : real(q))
  })
  await p.goto(`${e2e.url}/manifest.webmanifest`)
  await p.evaluate(([key, on]) => localStorage.setItem(key, on ? '1' : '0'), [ELDER_KEY, elder] as const)
  return p
}

/** The 返回 button's box and font, and whether it lies inside the 390×844 view. */
async function backButton(p: Page) {
  return p.locator('#back-bar .back-bar-btn >> visible=true').first().evaluate((el) => {
    const r = el.getBoundingClientRect()
    return { width: Math.round(r.width), height: Math.round(r.height), font: parseFloat(getComputedStyle(el).fontSize), inView: r.top >= 0 && r.bottom <= window.innerHeight }
  })
}

test('installed app: a guide has 返回, in view after scrolling, back to the search it came from; the tabs have none', async () => {
  const p = await installedPage(false)
  try {
    await p.goto(e2e.url)
    await p.locator('.taro-tabbar__tabbar >> visible=true').first().waitFor({ timeout: 20_000 })
    await p.locator('.page >> visible=true').first().waitFor()
    expect(await p.locator('#back-bar').count()).toBe(0)

    await p.goto(`${e2e.url}${SEARCH}`)
    await p.locator('.cat-search input').fill(ITEM)
    await p.locator('.cat-result', { hasText: ITEM }).first().click()
    await p.waitForURL((u) => u.pathname === '/packages/catalog/pages/guide')
    await p.locator('#back-bar >> visible=true').first().waitFor({ timeout: 20_000 })
    expect(await backButton(p)).toEqual(expect.objectContaining({ inView: true }))
    // Far down the guide the way out is still on screen.
    await p.locator('#guide-where >> visible=true').first().scrollIntoViewIfNeeded()
    await p.mouse.wheel(0, 2000)
    await p.waitForTimeout(300)
    const b = await backButton(p)
    expect(b.inView).toBe(true)
    expect(b.height).toBeGreaterThanOrEqual(44)
    if (process.env.SHOTS_DIR) await p.screenshot({ path: path.join(process.env.SHOTS_DIR, 'back-bar.png') })

    await p.locator('#back-bar .back-bar-btn >> visible=true').first().click()
    await p.waitForURL((u) => u.pathname === SEARCH, { timeout: 10_000 })
    await p.locator('.cat-search input >> visible=true').first().waitFor()
  } finally {
    await p.close()
  }
})

test('installed app, 关怀模式: a guide opened directly (a shared link) has a 60 × 60 返回 that leads to 首页', async () => {
  const p = await installedPage(true)
  try {
    const code = await itemCode(e2e.api, ITEM)
    await p.goto(`${e2e.url}/packages/catalog/pages/guide?code=${encodeURIComponent(code)}`)
    await p.locator('#back-bar >> visible=true').first().waitFor({ timeout: 20_000 })
    const b = await backButton(p)
    expect({ ...b, ok: b.width >= 60 && b.height >= 60 && b.font >= 18 && b.inView }).toEqual({ ...b, ok: true })
    await p.locator('#back-bar .back-bar-btn >> visible=true').first().click()
    await p.waitForURL((u) => u.pathname === '/' || u.pathname === '/pages/home/index', { timeout: 10_000 })
    await p.locator('.taro-tabbar__tabbar >> visible=true').first().waitFor({ timeout: 10_000 })
    // The guide leaves the screen (Taro hides it as 首页 shows); 首页 itself has no bar.
    await p.locator('#back-bar >> visible=true').first().waitFor({ state: 'hidden', timeout: 5_000 })
    await p.locator('.page >> visible=true').first().waitFor()
    expect(await p.locator('#back-bar >> visible=true').count()).toBe(0)
    if (process.env.SHOTS_DIR) await p.screenshot({ path: path.join(process.env.SHOTS_DIR, 'back-home.png') })
  } finally {
    await p.close()
  }
})

const ui = messages.catalogUi

test('no location: halls by district with 用我的位置按距离排序; refused again it says so, allowed it sorts by distance', async () => {
  const ctx = e2e.browser.context
  await ctx.clearPermissions()
  await openGuide(false)
  const where = page.locator('#guide-where >> visible=true').first()
  await where.getByText(ui.guide.byDistrict, { exact: true }).waitFor()
  await where.locator('#halls-locate').click()
  await where.locator('#halls-locate-failed').getByText(ui.halls.locateFailed).waitFor({ timeout: 10_000 })
  expect(await where.getByText(ui.guide.nearestFirst, { exact: true }).count()).toBe(0)

  // 天一广场, 海曙区: the nearest hall then leads, with its distance.
  await ctx.grantPermissions(['geolocation'], { origin: e2e.url })
  await ctx.setGeolocation({ latitude: 29.8687, longitude: 121.5520 })
  try {
    await where.locator('#halls-locate').click()
    await where.getByText(ui.guide.nearestFirst, { exact: true }).waitFor({ timeout: 10_000 })
    expect(await where.locator('#halls-locate').count()).toBe(0)
    const first = (await where.locator('.cat-hall .cat-result-name').first().innerText()).trim()
    expect(first).toMatch(/ · [\d.]+(公里|米)$/)
  } finally {
    await ctx.clearPermissions()
  }
})
