// Faults a citizen's walk through the PWA found (390×844, zh-CN), each checked on screen in
// Chromium against the real stand-in: the search's count, its × button, halls with the person's own
// district first, a hall's lunch break, the 社保 chart's width, the booking slot grid and 刷新签到码.
import type { Page } from 'playwright-core'
import { e2eStack, shown, signInCitizen, storeSession, visibleText, type Tokens } from '../support/e2e'
import { generateRegistry, ageOn, REFERENCE_DATE } from '../../mock/src/seed'
import { generateRecords } from '../../mock/src/seed/records'
import { CITY, cityDistrictOfAddress } from '../../src/domain/regions'
import { format, messages } from '../../src/domain/messages'

jest.setTimeout(180_000)

const SEED = 'e2e-citizen-walk'
const COUNTS = { citizens: 60, enterprises: 5 }
const SEARCH = '/packages/catalog/pages/search'
const ITEM = '33020007001001000'
const s = messages.catalogUi.search

const e2e = e2eStack({ seed: { name: SEED, ...COUNTS }, timeoutMs: 600_000 })
let page: Page
beforeAll(() => { page = e2e.page })

const registry = generateRegistry(SEED, COUNTS)
const rec = generateRecords(SEED, registry.citizens, registry.enterprises)
const FIRST_DISTRICT = CITY.districts[0].code
/** An adult with 社保 records who lives in a district other than the one the list starts with. */
const person = registry.citizens
  .filter((c) => ageOn(c.birthDate, REFERENCE_DATE) >= 30 && rec.ss.some((x) => x.citizenId === c.id))
  .filter((c) => { const d = cityDistrictOfAddress(c.address); return d !== undefined && d !== FIRST_DISTRICT })
  .sort((a, b) => rec.ss.filter((x) => x.citizenId === b.id).length - rec.ss.filter((x) => x.citizenId === a.id).length)[0]

let tokens: Tokens | undefined
async function signedIn(): Promise<void> {
  tokens ??= await signInCitizen(e2e.api, person, { l3: true })
  await storeSession(page, e2e.url, tokens)
}

async function setElder(on: boolean): Promise<void> {
  await page.goto(`${e2e.url}/manifest.webmanifest`)
  await page.evaluate((v) => localStorage.setItem('zj.prefs.elderMode', v), on ? '1' : '0')
}

async function openSearch(): Promise<void> {
  await page.goto(`${e2e.url}${SEARCH}`)
  await page.getByText(messages.catalog.search.hot).first().waitFor({ timeout: 20_000 })
}

test('搜索 with nothing typed claims no search result; a query gets its 共找到 count', async () => {
  await openSearch()
  await page.locator('#cat-results .cat-result').first().waitFor()
  await visibleText(page, s.popular, true).waitFor()
  expect(await visibleText(page, /共找到/).count()).toBe(0)
  await page.locator('.cat-search input').fill('公积金')
  await page.locator('.cat-count', { hasText: /共找到 \d+ 项/ }).waitFor({ timeout: 15_000 })
  expect(await visibleText(page, s.popular, true).count()).toBe(0)
  // A result's tags tell it apart from the others: 网上办 / 马上办 only (its visits are on the line above).
  const tags = new Set(await page.locator('#cat-results .cat-result .cat-tag').allInnerTexts())
  const ways = messages.catalog.fourWays
  expect(tags.has(ways.online)).toBe(true)
  expect([...tags].filter((x) => x !== ways.online && x !== ways.instant)).toEqual([])
})

test('the search box has a × button while there is text: it empties the query and keeps the keyboard up', async () => {
  await openSearch()
  const input = page.locator('.cat-search input')
  const clear = page.getByRole('button', { name: s.clear, exact: true })
  expect(await clear.filter({ visible: true }).count()).toBe(0)
  await input.fill('公积金')
  await clear.waitFor({ state: 'visible', timeout: 10_000 })
  await clear.click()
  expect(await input.inputValue()).toBe('')
  await page.waitForFunction(() => document.activeElement instanceof HTMLInputElement && document.activeElement.closest('.cat-search') !== null, undefined, { timeout: 5_000 })
  await clear.waitFor({ state: 'hidden', timeout: 5_000 })
  // Typing goes on into the same box.
  await page.keyboard.type('社保')
  await page.locator('.cat-result-name', { hasText: '社' }).first().waitFor({ state: 'visible', timeout: 15_000 })
})

test('halls without a location: the signed-in person\'s own district first, and a line saying so', async () => {
  await signedIn()
  const own = cityDistrictOfAddress(person.address)!
  const name = CITY.districts.find((d) => d.code === own)!.name
  await page.goto(`${e2e.url}/packages/catalog/pages/halls`)
  await page.getByText(messages.catalog.halls.locationRefused).first().waitFor({ timeout: 20_000 })
  await shown(page, format(messages.catalogUi.halls.ownDistrictFirst, { name }))
  const titles = (await page.locator('.cat-section .section-header-title').allTextContents()).map((x) => x.trim())
  expect(titles[0]).toBe(name)
  // The rest keep the city's order.
  expect(titles.slice(1)).toEqual(CITY.districts.map((d) => d.name).filter((n) => n !== name && titles.includes(n)))
})

test('without a location the guide\'s short list and booking\'s preselected hall start in the person\'s own district too', async () => {
  await signedIn()
  const own = cityDistrictOfAddress(person.address)!
  const res = (await (await fetch(`${e2e.url}/api/halls?item=${ITEM}`)).json()) as { halls: { code: string; name: string; district: string }[] }
  const ownHalls = res.halls.filter((h) => h.district === own).map((h) => h.name)
  // The item is served in the person's district, and the platform's order does not start there.
  expect(ownHalls.length).toBeGreaterThan(0)
  expect(ownHalls).not.toContain(res.halls[0].name)
  await page.goto(`${e2e.url}/packages/catalog/pages/guide?code=${ITEM}`)
  const first = page.locator('#guide-where .cat-hall .cat-result-name').first()
  await first.waitFor({ timeout: 20_000 })
  expect(ownHalls).toContain((await first.textContent())?.trim())
  await page.goto(`${e2e.url}/packages/booking/pages/book?item=${ITEM}`)
  await shown(page, messages.booking.flow.ownDistrictHall)
  const text = await page.locator('body').innerText()
  expect(ownHalls.some((n) => text.includes(n))).toBe(true)
  expect(text).not.toContain(res.halls[0].name)
})

test('a hall with a lunch break: today\'s two spans, 午休 at lunch time, never "12:00下班" before the afternoon', async () => {
  // 江北区 and 镇海区行政服务中心: 08:30–12:00 and 13:30–17:00 on working days (two halls: a hall's
  // page may be served from the browser's 60-second cache). Monday 2026-12-07, China time.
  const at = async (china: string) => e2e.api('POST', '/api/dev/clock', { at: `2026-12-07T${china}:00+08:00` })
  try {
    await at('12:30')
    await page.goto(`${e2e.url}/packages/catalog/pages/hall?code=jb-centre`)
    const status = page.locator('.cat-open, .cat-closed').filter({ visible: true }).first()
    await status.waitFor({ timeout: 20_000 })
    let text = (await status.textContent()) ?? ''
    expect(text).toContain('08:30–12:00、13:30–17:00')
    expect(text).toContain(messages.catalog.halls.lunchNow)
    expect(text).not.toContain(messages.catalog.halls.closedNow)
    await at('10:00')
    await page.goto(`${e2e.url}/packages/catalog/pages/hall?code=zh-centre`)
    await page.locator('.page-title', { hasText: '镇海区行政服务中心' }).waitFor({ timeout: 20_000 })
    text = (await status.textContent()) ?? ''
    expect(text).toContain(messages.catalog.halls.openNow)
    expect(text).not.toContain('12:00下班')
    expect(text).toContain(format(messages.catalog.halls.lunchAt, { time: '12:00' }))
    // The weekly table shows the same two spans.
    await shown(page, '08:30–12:00、13:30–17:00')
  } finally {
    await e2e.api('POST', '/api/dev/clock', { offsetMs: 0 })
  }
})

test('社保 历年缴费 fits a 390 px screen, in both modes: no bar runs off its right edge', async () => {
  await signedIn()
  for (const elder of [false, true]) {
    await setElder(elder)
    await page.goto(`${e2e.url}/packages/records/pages/social`)
    const chart = page.locator('#ss-chart').filter({ visible: true }).first()
    await chart.waitFor({ timeout: 30_000 })
    const m = await chart.evaluate((el) => {
      const bars = el.querySelector('.rec-bars')!
      const cols = Array.from(el.querySelectorAll('.rec-bar-col'))
      return {
        right: el.getBoundingClientRect().right,
        viewport: window.innerWidth,
        // Nothing spills out of the chart's box (a year label may overhang its bar into the padding).
        overflow: el.scrollWidth - el.clientWidth,
        lastRight: cols[cols.length - 1].getBoundingClientRect().right,
        barsRight: bars.getBoundingClientRect().right,
        years: cols.length,
        // The labelled years: whole (2018, not 18), and no two touching.
        labels: Array.from(el.querySelectorAll('.rec-bar-year')).filter((l) => /\d/.test(l.textContent ?? '')).map((l) => {
          const r = l.getBoundingClientRect()
          return { text: (l.textContent ?? '').trim(), left: r.left, right: r.right }
        }),
      }
    })
    expect(m.years).toBeGreaterThanOrEqual(15)
    expect(m.labels.length).toBeGreaterThanOrEqual(3)
    for (const l of m.labels) expect(l.text).toMatch(/^20\d\d$/)
    for (let i = 1; i < m.labels.length; i++) {
      const gap = m.labels[i].left - m.labels[i - 1].right
      expect({ elder, after: m.labels[i - 1].text, gap, apart: gap > 2 }).toMatchObject({ elder, apart: true })
    }
    expect({ elder, ok: m.right <= m.viewport && m.overflow <= 0 && m.lastRight <= m.barsRight + 0.5, ...m }).toMatchObject({ elder, ok: true })
  }
  await setElder(false)
})

test('预约: the slot grid fills its rows; 刷新签到码 only once a check-in code exists', async () => {
  await signedIn()
  await page.goto(`${e2e.url}/packages/booking/pages/book?item=${ITEM}&hall=nb-city`)
  await page.locator('.bk-slot >> visible=true').first().waitFor({ timeout: 30_000 })
  const grid = await page.evaluate(() => {
    const box = document.querySelector('.bk-slots')!.getBoundingClientRect()
    const slots = Array.from(document.querySelectorAll('.bk-slot')).map((e) => e.getBoundingClientRect())
    return { right: box.right, left: box.left, slotsRight: Math.max(...slots.map((r) => r.right)), slotsLeft: Math.min(...slots.map((r) => r.left)), n: slots.length }
  })
  expect(grid.n).toBeGreaterThan(3)
  // The columns span the grid's width: nothing left empty on the right.
  expect(grid.right - grid.slotsRight).toBeLessThanOrEqual(1)
  expect(grid.slotsLeft - grid.left).toBeLessThanOrEqual(1)

  // A booking whose check-in window has not opened: no code yet, so nothing to refresh.
  const av = await e2e.api<{ days: { slots: { startsAt: string; open: boolean }[] }[] }>('GET', `/api/booking/availability?hall=nb-city&item=${ITEM}`)
  const startsAt = av.days.flatMap((d) => d.slots).find((x) => x.open)!.startsAt
  const booking = await e2e.api<{ id: string }>('POST', '/api/bookings', { itemCode: ITEM, hallId: 'nb-city', startsAt }, tokens!.accessToken)
  await page.goto(`${e2e.url}/packages/booking/pages/detail?id=${booking.id}`)
  await shown(page, messages.booking.detail.checkInLater.split('{')[0])
  expect(await visibleText(page, messages.booking.detail.checkInRefresh, true).count()).toBe(0)
  // Inside the window (the stand-in's clock moved there) the code shows, and with it 刷新签到码.
  await e2e.api('POST', '/api/dev/clock', { at: new Date(Date.parse(startsAt) - 10 * 60_000).toISOString() })
  try {
    await page.reload()
    await page.locator('#bk-qr').waitFor({ state: 'visible', timeout: 30_000 })
    await visibleText(page, messages.booking.detail.checkInRefresh, true).waitFor({ timeout: 10_000 })
  } finally {
    await e2e.api('POST', '/api/dev/clock', { offsetMs: 0 })
  }
})
