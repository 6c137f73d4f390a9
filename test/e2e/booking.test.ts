// 预约 in Chromium against the real stand-in (real clock, PGlite, the job worker running): from a
// guide's 预约 button pick a hall, a day and a slot with places left, confirm; see it in 我的预约;
// cancel it; book again; the 消息 tab shows the confirmations; the hall's staff day view lists
// it. (The check-in QR only appears 30 minutes before a slot, which a test on the real clock
// cannot wait for: check-in by the signed code is covered by test/api/booking-api.test.ts.)
import type { Page } from 'playwright-core'
import { launchBrowser, type BrowserSession } from '../support/browser'
import { startServer, type RunningServer } from '../support/server'
import { generateRegistry, ageOn, REFERENCE_DATE } from '../../mock/src/seed'
import { SEED_STAFF } from '../../mock/src/identity/staff'
import { base32Decode, totp } from '../../mock/src/identity/totp'
import { messages } from '../../src/domain/messages'

jest.setTimeout(120_000)

const SEED = 'e2e-booking'
const COUNTS = { citizens: 60, enterprises: 5 }
const ITEM = '33020007001001000'
const ITEM_NAME = '居民身份证首次申领'
const t = messages.booking

let server: RunningServer
let browser: BrowserSession

beforeAll(async () => {
  const [s, b] = await Promise.allSettled([
    startServer({
      timeoutMs: 170_000,
      env: { SEED, SEED_CITIZENS: String(COUNTS.citizens), SEED_ENTERPRISES: String(COUNTS.enterprises) },
      // Run as `flock /tmp/build-h5.lock env H5_LOCK_HELD=1 npx jest test/e2e/booking` to queue for the lock up front.
      holdBuildLock: process.env.H5_LOCK_HELD !== '1',
    }),
    launchBrowser(),
  ])
  if (s.status === 'fulfilled') server = s.value
  if (b.status === 'fulfilled') browser = b.value
  if (s.status === 'rejected') throw s.reason
  if (b.status === 'rejected') throw b.reason
}, 180_000)

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

async function api<T>(method: 'GET' | 'POST', path: string, body?: unknown, token?: string): Promise<T> {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(method === 'POST' ? { 'idempotency-key': crypto.randomUUID() } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await res.text()
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text}`)
  return JSON.parse(text) as T
}

/** A citizen signed in at L2 through the API (the UI of login and real name has its own test). */
async function citizenL2(): Promise<{ accessToken: string; refreshToken: string }> {
  const registry = generateRegistry(SEED, COUNTS)
  const c = registry.citizens.filter((x) => ageOn(x.birthDate, REFERENCE_DATE) >= 18)[3]
  const phone = `1991${String(process.pid % 10000).padStart(4, '0')}001`
  await api('POST', '/api/auth/sms', { phone })
  const out = await api<{ items: { code: string }[] }>('GET', `/api/dev/sms-outbox?phone=${phone}`)
  const tokens = await api<{ accessToken: string; refreshToken: string }>('POST', '/api/auth/login', { phone, code: out.items[0].code, channel: 'h5' })
  await api('POST', '/api/me/consents', { kind: 'id_processing', version: '2026-11', granted: true }, tokens.accessToken)
  await api('POST', '/api/identity/real-name', { name: c.name, idNumber: c.idNumber }, tokens.accessToken)
  return tokens
}

// Taro's h5 router keeps earlier pages of the stack in the DOM (hidden): match visible text only.
const visible = (page: Page, text: string, exact = false) => page.locator(`${exact ? `text="${text}"` : `text=${text}`} >> visible=true`).first()
const shown = (page: Page, text: string) => visible(page, text).waitFor({ state: 'visible', timeout: 20_000 })

async function bookFromGuide(page: Page): Promise<string> {
  await page.goto(`${server.url}/packages/catalog/pages/guide?code=${ITEM}`)
  await page.locator('#guide-book').click()
  // No hall yet: the halls serving the item.
  await shown(page, t.flow.pickHall)
  await visible(page, '宁波市民服务中心', true).click()
  await shown(page, t.flow.pickSlot)
  // The first slot with places left on the first offered day.
  const slot = page.locator('.bk-slot:not(.bk-slot-off)').first()
  await slot.waitFor({ state: 'visible', timeout: 20_000 })
  const label = ((await slot.getAttribute('aria-label')) ?? '').split(' ')[0]
  await slot.click()
  const booked = page.waitForResponse((r) => r.url().endsWith('/api/bookings') && r.request().method() === 'POST')
  await page.locator('.btn >> visible=true').last().click()
  expect((await booked).status()).toBe(201)
  await shown(page, t.flow.doneHint)
  return label
}

test('book from a guide, see it in 我的预约, cancel, book again; 消息 and the staff day view', async () => {
  const tokens = await citizenL2()
  const page = browser.page
  await page.goto(server.url)
  await page.evaluate((s) => localStorage.setItem('zj.session', s), JSON.stringify(tokens))

  const first = await bookFromGuide(page)
  expect(first).toMatch(/^\d\d:\d\d-\d\d:\d\d$/)
  await visible(page, t.flow.viewMine, true).click()
  await page.waitForURL(/\/packages\/booking\/pages\/mine/)
  await shown(page, ITEM_NAME)
  await shown(page, t.mine.status.active)
  expect(await page.locator('#bk-upcoming').innerText()).toContain(first)

  // Open it and cancel.
  await page.locator('#bk-upcoming .bk-row >> visible=true').first().click()
  await page.waitForURL(/\/packages\/booking\/pages\/detail/)
  await shown(page, t.detail.checkInTitle)
  await visible(page, t.detail.cancel, true).click()
  await shown(page, t.detail.cancelConfirm)
  const cancelled = page.waitForResponse((r) => /\/api\/bookings\/[^/]+\/cancel$/.test(r.url()))
  await page.locator('.btn-danger >> visible=true').click()
  expect((await cancelled).status()).toBe(200)
  await page.locator('#bk-status').getByText(t.mine.status.cancelled).waitFor({ state: 'visible', timeout: 20_000 })

  // The item can be booked again.
  await bookFromGuide(page)
  await visible(page, t.flow.viewMine, true).click()
  await shown(page, t.mine.status.cancelled)
  expect(await page.locator('#bk-upcoming .bk-row').count()).toBe(1)

  // 消息 tab: both confirmations, unread.
  await page.goto(`${server.url}/pages/messages/index`)
  await page.locator('#inbox').waitFor({ state: 'visible', timeout: 20_000 })
  const inbox = await page.locator('#inbox').innerText()
  expect(inbox.split(t.notice.createdTitle).length - 1).toBe(2)
  expect(inbox).toContain(ITEM_NAME)

  // 关怀模式 works on the booking pages (bigger type, still usable).
  await page.evaluate(() => localStorage.setItem('zj.prefs.elderMode', '1'))
  await page.goto(`${server.url}/packages/booking/pages/mine`)
  await page.locator('.page.elder #bk-upcoming').waitFor({ state: 'visible', timeout: 20_000 })
  const rowHeight = await page.locator('#bk-upcoming .bk-row').first().evaluate((el) => el.getBoundingClientRect().height)
  expect(rowHeight).toBeGreaterThanOrEqual(60)
  await page.evaluate(() => localStorage.setItem('zj.prefs.elderMode', '0'))

  // The hall's staff day view lists the booking (staff signed in through the API).
  const w = SEED_STAFF.find((s) => s.roles.includes('window'))!
  const staff = await api<{ accessToken: string; refreshToken: string }>('POST', '/api/staff/login', { username: w.username, password: w.password, totp: totp(base32Decode(w.totpSecret), new Date()) })
  const mine = await api<{ items: { id: string; date: string; status: string }[] }>('GET', '/api/bookings', undefined, tokens.accessToken)
  const active = mine.items.find((b) => b.status === 'active')!
  const day = await api<{ slots: { bookings: { id: string; status: string }[] }[] }>('GET', `/api/staff/halls/nb-city/day?date=${active.date}`, undefined, staff.accessToken)
  expect(day.slots.flatMap((s) => s.bookings).find((b) => b.id === active.id)).toMatchObject({ status: 'active' })
  await page.evaluate((s) => {
    localStorage.setItem('staff:zj.session', s)
    localStorage.setItem('zj.staff.dayHall', 'nb-city')
  }, JSON.stringify(staff))
  await page.goto(`${server.url}/packages/staff/pages/day`)
  await page.locator('#staff-day-totals').waitFor({ state: 'visible', timeout: 20_000 })

  expect(browser.pageErrors.filter((e) => !/status of 4\d\d/.test(e))).toEqual([])
})
