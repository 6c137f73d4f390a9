// 预约 in Chromium against the real stand-in (real clock, PGlite, the job worker running): from a
// guide's 预约 button pick a hall, a day and a slot with places left, confirm; see it in 我的预约;
// cancel it; book again; the 消息 tab shows the confirmations; the hall's staff day view lists
// it. Staff check-in by QR: the check-in code only shows from 30 minutes before a slot, so that
// test moves the running stand-in's clock (POST /api/dev/clock, development only) into the window;
// the page shows the QR because the server says so (no browser clock), Chromium's drawing is
// decoded by zbarimg, and the staff pages (password + TOTP at the server's time) check it in.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { e2eStack, shown, signInCitizen, staffLogin, visibleText, type Tokens } from '../support/e2e'
import { generateRegistry, ageOn, REFERENCE_DATE } from '../../mock/src/seed'
import { format, messages } from '../../src/domain/messages'
import { MAX_ACTIVE_BOOKINGS } from '../../src/domain/booking/rules'
import { SEED_STAFF } from '../../mock/src/identity/staff'
import { base32Decode, totp } from '../../mock/src/identity/totp'

jest.setTimeout(120_000)

const SEED = 'e2e-booking'
const COUNTS = { citizens: 60, enterprises: 5 }
const ITEM = '33020007001001000'
const ITEM_NAME = '居民身份证首次申领'
const t = messages.booking

// Run as `flock <BUILD_LOCK of test/support/server.ts> env H5_LOCK_HELD=1 npx jest test/e2e/booking` to queue for the lock up front.
const e2e = e2eStack({ seed: { name: SEED, ...COUNTS }, server: { holdBuildLock: process.env.H5_LOCK_HELD !== '1' } })
const api = e2e.api

/** A citizen signed in at L2 through the API (the UI of login and real name has its own test). */
async function citizenL2(which = 3): Promise<Tokens> {
  const registry = generateRegistry(SEED, COUNTS)
  return signInCitizen(api, registry.citizens.filter((x) => ageOn(x.birthDate, REFERENCE_DATE) >= 18)[which])
}

async function bookFromGuide(page: Page): Promise<string> {
  await page.goto(`${e2e.url}/packages/catalog/pages/guide?code=${ITEM}`)
  await page.locator('#guide-book').click()
  // The nearest hall comes chosen; this test books at the city centre, whose day view staff read below.
  await shown(page, t.flow.pickSlot)
  await visibleText(page, t.flow.otherHall, true).click()
  await shown(page, t.flow.pickHall)
  await visibleText(page, '宁波市民服务中心', true).click()
  await shown(page, t.flow.pickSlot)
  // The first slot with places left on the first offered day.
  const slot = page.locator('.bk-slot:not(.bk-slot-off) >> visible=true').first()
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
  const page = e2e.browser.page
  await page.goto(e2e.url)
  await page.evaluate((s) => localStorage.setItem('zj.session', s), JSON.stringify(tokens))

  const first = await bookFromGuide(page)
  expect(first).toMatch(/^\d\d:\d\d-\d\d:\d\d$/)
  await visibleText(page, t.flow.viewMine, true).click()
  await page.waitForURL(/\/packages\/booking\/pages\/mine/)
  await shown(page, ITEM_NAME)
  await shown(page, t.mine.status.active)
  expect(await page.locator('#bk-upcoming').innerText()).toContain(first)

  // Booking the same item again shows the active booking up front, with a link to it, instead of
  // a slot choice the server would refuse after 确认预约. Open it from there and cancel.
  await page.goto(`${e2e.url}/packages/catalog/pages/guide?code=${ITEM}`)
  await page.locator('#guide-book').click()
  await page.locator('#bk-existing').waitFor({ state: 'visible', timeout: 20_000 })
  await shown(page, first)
  expect(await page.locator('.btn >> visible=true').filter({ hasText: t.flow.submit }).count()).toBe(0)
  await page.locator('#bk-existing-open >> visible=true').click()
  await page.waitForURL(/\/packages\/booking\/pages\/detail/)
  await shown(page, t.detail.checkInTitle)
  await visibleText(page, t.detail.cancel, true).click()
  await shown(page, t.detail.cancelConfirm)
  const cancelled = page.waitForResponse((r) => /\/api\/bookings\/[^/]+\/cancel$/.test(r.url()))
  await page.locator('.btn-danger >> visible=true').click()
  expect((await cancelled).status()).toBe(200)
  await page.locator('#bk-status').getByText(t.mine.status.cancelled).waitFor({ state: 'visible', timeout: 20_000 })
  // The cancel says it worked, not only a changed badge.
  await page.locator('#bk-cancelled').getByText(t.detail.cancelledDone).waitFor({ state: 'visible', timeout: 5_000 })

  // The item can be booked again.
  await bookFromGuide(page)
  await visibleText(page, t.flow.viewMine, true).click()
  await shown(page, t.mine.status.cancelled)
  expect(await page.locator('#bk-upcoming .bk-row').count()).toBe(1)
  // The limit reads as a sentence (it was "1/3 个未完成预约"); the cancelled visit sits under its own heading.
  expect((await page.locator('#bk-limit').innerText()).trim()).toBe(format(t.mine.active, { n: 1, max: MAX_ACTIVE_BOOKINGS }))
  await page.locator('#bk-past').getByText(t.mine.past, { exact: true }).waitFor({ state: 'visible' })
  expect(await page.locator('#bk-past').getByText(t.mine.status.cancelled, { exact: true }).count()).toBe(1)

  // 消息 tab: both confirmations, unread.
  await page.goto(`${e2e.url}/pages/messages/index`)
  await page.locator('#inbox').waitFor({ state: 'visible', timeout: 20_000 })
  const inbox = await page.locator('#inbox').innerText()
  expect(inbox.split(t.notice.createdTitle).length - 1).toBe(2)
  expect(inbox).toContain(ITEM_NAME)
  // …and the cancellation between them.
  expect(inbox.split(t.notice.cancelledTitle).length - 1).toBe(1)

  // 关怀模式 works on the booking pages (bigger type, still usable).
  await page.evaluate(() => localStorage.setItem('zj.prefs.elderMode', '1'))
  await page.goto(`${e2e.url}/packages/booking/pages/mine`)
  await page.locator('.page.elder #bk-upcoming').waitFor({ state: 'visible', timeout: 20_000 })
  const rowHeight = await page.locator('#bk-upcoming .bk-row').first().evaluate((el) => el.getBoundingClientRect().height)
  expect(rowHeight).toBeGreaterThanOrEqual(60)
  await page.evaluate(() => localStorage.setItem('zj.prefs.elderMode', '0'))

  // The hall's staff day view lists the booking (staff signed in through the API).
  const staff = await staffLogin(api, 'window03') // 宁波市民服务中心's window: a hall's day is its own staff's
  const mine = await api<{ items: { id: string; date: string; status: string }[] }>('GET', '/api/bookings', undefined, tokens.accessToken)
  const active = mine.items.find((b) => b.status === 'active')!
  const day = await api<{ slots: { bookings: { id: string; status: string }[] }[] }>('GET', `/api/staff/halls/nb-city/day?date=${active.date}`, undefined, staff.accessToken)
  expect(day.slots.flatMap((s) => s.bookings).find((b) => b.id === active.id)).toMatchObject({ status: 'active' })
  await page.evaluate((s) => {
    localStorage.setItem('staff:zj.session', s)
    localStorage.setItem('zj.staff.dayHall', 'nb-city')
  }, JSON.stringify(staff))
  await page.goto(`${e2e.url}/packages/staff/pages/day`)
  await page.locator('#staff-day-totals').waitFor({ state: 'visible', timeout: 20_000 })

  expect(e2e.browser.pageErrors.filter((e) => !/status of 4\d\d/.test(e))).toEqual([])
})

test('staff check-in by QR: clock moved into the window, QR decoded by zbarimg, staff paste it, queue number on both sides', async () => {
  const tokens = await citizenL2(4)
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zj-booking-qr-'))
  const page = e2e.browser.page
  // The hall's tablet is the same browser here: staff keep their own session key (staff:zj.session).
  const staffPage = page
  try {
    // A booking in the first open slot (the booking UI is the test above).
    const av = await api<{ days: { slots: { startsAt: string; open: boolean }[] }[] }>('GET', `/api/booking/availability?hall=nb-city&item=${ITEM}`)
    const startsAt = av.days.flatMap((d) => d.slots).find((x) => x.open)!.startsAt
    const booking = await api<{ id: string }>('POST', '/api/bookings', { itemCode: ITEM, hallId: 'nb-city', startsAt }, tokens.accessToken)

    // Before the window (an open slot starts > 30 min from now): the page says when, no QR, and
    // nothing to refresh.
    await page.goto(e2e.url)
    await page.evaluate((s) => localStorage.setItem('zj.session', s), JSON.stringify(tokens))
    await page.goto(`${e2e.url}/packages/booking/pages/detail?id=${booking.id}`)
    await shown(page, t.detail.checkInLater.split('{')[0])
    expect(await page.locator('#bk-qr').count()).toBe(0)
    expect(await visibleText(page, t.detail.checkInRefresh, true).count()).toBe(0)

    // The stand-in's clock to 10 minutes before the slot: the server now answers with the code.
    const at = new Date(Date.parse(startsAt) - 10 * 60_000).toISOString()
    expect((await api<{ now: string }>('POST', '/api/dev/clock', { at })).now).toBe(at)
    const answered = page.waitForResponse((r) => r.url().endsWith(`/api/bookings/${booking.id}`) && r.status() === 200)
    // Opened again (the person comes back to it); the page's access token expired at the server's
    // new time: the app refreshes it and retries.
    await page.reload()
    const code = ((await (await answered).json()) as { checkIn?: { code?: string } }).checkIn?.code
    expect(code).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/)
    const qr = page.locator('#bk-qr')
    await qr.waitFor({ state: 'visible', timeout: 20_000 })
    await page.waitForFunction(() => {
      const img = document.querySelector('#bk-qr img') as HTMLImageElement | null
      return !!img && img.complete && img.naturalWidth > 0
    })

    // Screenshot -> zbarimg: exactly the code the server signed.
    const shot = path.join(tmp, 'checkin-qr.png')
    await qr.screenshot({ path: shot })
    const decoded = execFileSync('zbarimg', ['-q', '--raw', shot], { encoding: 'utf8' }).trim()
    expect(decoded).toBe(code)

    // Hall staff sign in on the staff pages (password + the TOTP of the server's clock).
    const s = SEED_STAFF.find((x) => x.hallIds.includes('nb-city'))! // check-in only at one's own hall
    const serverNow = new Date((await api<{ now: string }>('GET', '/api/dev/clock')).now)
    await staffPage.goto(`${e2e.url}/packages/staff/pages/login`)
    await staffPage.locator('#staff-username input').fill(s.username)
    await staffPage.locator('#staff-password input').fill(s.password)
    await staffPage.locator('#staff-totp input').fill(totp(base32Decode(s.totpSecret), serverNow))
    await staffPage.locator('#staff-login').click()
    await staffPage.waitForURL(/\/packages\/staff\/pages\/index/, { timeout: 20_000 })

    // The scan page's paste box: 已签到 and a queue number.
    await staffPage.goto(`${e2e.url}/packages/staff/pages/scan`)
    await staffPage.locator('#scan-code textarea').fill(decoded)
    await staffPage.locator('#scan-verify').click()
    await staffPage.locator('#scan-chk-status').waitFor({ state: 'visible', timeout: 20_000 })
    expect(await staffPage.locator('#scan-chk-status').innerText()).toBe(t.mine.status.checked_in)
    expect(await staffPage.locator('#scan-verdict').innerText()).toContain(messages.staff.scan.checkedIn)
    const queue = (await staffPage.locator('#scan-chk-queue').innerText()).trim()
    expect(queue).toMatch(/^Y\d{3}$/)
    expect(await staffPage.locator('#scan-chk').innerText()).toContain(ITEM_NAME)

    // The citizen's booking is checked in with the same number; the QR is gone.
    await page.goto(`${e2e.url}/packages/booking/pages/detail?id=${booking.id}`)
    await page.locator('#bk-status').getByText(t.mine.status.checked_in).waitFor({ state: 'visible', timeout: 20_000 })
    expect((await page.locator('#bk-queue').innerText()).trim()).toBe(queue)
    expect(await page.locator('#bk-qr').count()).toBe(0)
  } finally {
    await api('POST', '/api/dev/clock', { offsetMs: 0 }).catch(() => undefined)
    fs.rmSync(tmp, { recursive: true, force: true })
  }
  expect(e2e.browser.pageErrors.filter((e) => !/status of 4\d\d/.test(e))).toEqual([])
})

/** Vertical space between two visible elements' boxes (b below a), and horizontal for side by side. */
async function gapBelow(page: Page, above: string, below: string): Promise<number> {
  const a = await page.locator(`${above} >> visible=true`).first().boundingBox()
  const b = await page.locator(`${below} >> visible=true`).first().boundingBox()
  if (!a || !b) throw new Error(`no box for ${a ? below : above}`)
  return b.y - (a.y + a.height)
}

test('action rows never touch: the guide\'s 复制清单 under its label, and 预约成功\'s two rows of buttons (one 12-px step)', async () => {
  const tokens = await citizenL2(6)
  const page = await e2e.browser.context.newPage()
  try {
    await page.goto(e2e.url)
    await page.evaluate((s) => localStorage.setItem('zj.session', s), JSON.stringify(tokens))
    await page.goto(`${e2e.url}/packages/catalog/pages/guide?code=${ITEM}`)
    const share = `text=${messages.catalogUi.guide.share}`
    await page.locator(`${share} >> visible=true`).first().waitFor({ timeout: 20_000 })
    expect(await gapBelow(page, 'text=/已备好 \\d+\\/\\d+/', share)).toBeGreaterThanOrEqual(8)

    await bookFromGuide(page)
    expect(await gapBelow(page, '#bk-calendar', `text=${t.detail.title}`)).toBeGreaterThanOrEqual(8)
    // Side by side in a row: the row's gap, and both on one line.
    const cal = (await page.locator('#bk-calendar >> visible=true').first().boundingBox())!
    const nav = (await page.locator('#bk-navigate >> visible=true').first().boundingBox())!
    expect(nav.x - (cal.x + cal.width)).toBeGreaterThanOrEqual(8)
    expect(Math.abs(nav.y - cal.y)).toBeLessThan(1)
    // On the booking's own page, the same pair stands apart from the 签到码 card below it.
    await visibleText(page, t.detail.title, true).click()
    await page.waitForURL(/\/packages\/booking\/pages\/detail/)
    await page.locator(`text=${t.detail.checkInTitle} >> visible=true`).first().waitFor({ timeout: 20_000 })
    // The page that led here is still sliding out: measure once only the detail page's pair is on screen.
    await page.waitForFunction(() => Array.from(document.querySelectorAll('#bk-calendar')).filter((e) => e.getBoundingClientRect().height > 0).length === 1, undefined, { timeout: 10_000 })
    expect(await gapBelow(page, '#bk-calendar', `text=${t.detail.checkInTitle}`)).toBeGreaterThanOrEqual(8)
  } finally {
    await page.close()
  }
})

test('预约办理 with nothing typed and nothing booked before offers the items most people book, in view; one opens its booking', async () => {
  const page = await e2e.browser.context.newPage()
  try {
    await page.goto(`${e2e.url}/packages/booking/pages/choose`)
    const rows = page.locator('#bk-choose-popular .bk-row >> visible=true')
    await rows.first().waitFor({ timeout: 20_000 })
    await page.locator('#bk-choose-popular').getByText(t.choose.popular, { exact: true }).waitFor({ state: 'visible' })
    expect(await rows.count()).toBe(5)
    const box = (await rows.first().boundingBox())!
    expect(box.y + box.height).toBeLessThanOrEqual(844)
    await rows.first().click()
    await page.waitForURL(/\/packages\/booking\/pages\/book\?item=/, { timeout: 10_000 })
  } finally {
    await page.close()
  }
})
