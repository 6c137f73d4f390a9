// The booking, cases and wallet journeys at pinned instants across the day and the year (issue
// 24): a working-day morning just before the first slot, 16:50, a Friday evening, a Sunday, the
// day before a statutory holiday, a 调休 working Saturday and 31 December 23:55 (whose next year
// the holiday library may not have). One stand-in; for each instant its clock is moved there
// (POST /api/dev/clock) and a fresh Chromium's clock starts there, so nothing depends on the hour
// the suite runs. What each journey must show is derived from the instant by the calendar rules
// the server uses, never from the machine's clock.
import type { Page } from 'playwright-core'
import { e2eStack, serverNow, shown, signInCitizen, staffLogin, storeSession, visibleText, type Tokens } from '../support/e2e'
import { INSTANTS, type InstantName } from '../support/clock'
import { launchBrowser, type BrowserSession } from '../support/browser'
import { independentVerify } from '../support/independent-verifier'
import { WALLET_PAGE, keySet, tapToQr } from '../support/wallet-flow'
import { generateRegistry, ageOn, REFERENCE_DATE } from '../../mock/src/seed'
import { caseFlagsFor } from '../../mock/src/cases/seed'
import { CANCEL_UNTIL_BEFORE_MINUTES } from '../../src/domain/booking'
import { chinaLocalTime, dayInfo, type IsoWeekday } from '../../src/domain/catalog/hours'
import { messages } from '../../src/domain/messages'

jest.setTimeout(180_000)

const SEED = 'e2e-time'
const COUNTS = { citizens: 120, enterprises: 3 }
const ITEM = '33020007001001000' // 居民身份证首次申领, booked at a hall
const RELIEF = '33020005008007000' // 临时救助申请, applied for online
const t = messages.booking
const tc = messages.cases

const e2e = e2eStack({ seed: { name: SEED, ...COUNTS }, timeoutMs: 300_000 })
const api = e2e.api

const registry = generateRegistry(SEED, COUNTS)
const adults = registry.citizens.filter((c) => {
  const f = caseFlagsFor(SEED, c)
  const age = ageOn(c.birthDate, REFERENCE_DATE)
  return age >= 20 && age < 70 && !f.dishonest && !f.deceased
})
// In time order: the server's clock only moves forward (a TOTP step is accepted once).
const names = (Object.keys(INSTANTS) as InstantName[]).sort((a, b) => Date.parse(INSTANTS[a]) - Date.parse(INSTANTS[b]))

/** Is this China date a working day by the official calendar (chinese-days, else statutory holidays)? */
function working(date: string): boolean {
  const wd = ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1
  const kind = dayInfo(date, wd as IsoWeekday).kind
  return kind === 'workday' || kind === 'adjustedWorkday'
}

/**
 * 预约 from the guide as offered: the nearest hall with a free slot already chosen (the first one
 * that can still be cancelled, when there is one), confirmed; with `takeLate`, the first slot
 * marked "开始前1小时内不可取消" is chosen instead. Says whether such a slot was offered and marked,
 * whether the preselected slot was one, and whether the app repeated the rule before confirming.
 */
async function bookFirstSlot(page: Page, o: { takeLate?: boolean } = {}) {
  await page.goto(`${e2e.url}/packages/catalog/pages/guide?code=${ITEM}`)
  await page.locator('#guide-book').click()
  await shown(page, t.flow.pickSlot)
  const confirm = page.locator('.btn >> visible=true').filter({ hasText: t.flow.submit }).last()
  await confirm.waitFor({ state: 'visible', timeout: 20_000 })
  const lateSlots = page.locator('.bk-slot >> visible=true').filter({ hasText: t.flow.noCancelSlot })
  const lateOffered = (await lateSlots.count()) > 0
  const preselectedLate = (await visibleText(page, t.flow.noCancelConfirm).count()) > 0
  if (o.takeLate && lateOffered) {
    await lateSlots.first().click()
    await shown(page, t.flow.noCancelConfirm)
  }
  const repeated = (await visibleText(page, t.flow.noCancelConfirm).count()) > 0
  const booked = page.waitForResponse((r) => r.url().endsWith('/api/bookings') && r.request().method() === 'POST')
  await confirm.click()
  const res = await booked
  expect(res.status()).toBe(201)
  const booking = (await res.json()) as { startsAt: string; id: string; canCancel: boolean }
  await shown(page, booking.canCancel ? t.flow.doneHint : t.flow.noCancelDone)
  return { booking, lateOffered, preselectedLate, warned: repeated }
}

describe.each(names.map((n, i) => [n, i] as const))('at %s', (name, index) => {
  const at = INSTANTS[name]
  // A fresh Chromium per instant: nobody carries a session across days.
  let browser: BrowserSession | undefined
  const page = () => browser!.page

  beforeAll(async () => {
    await api('POST', '/api/dev/clock', { at })
    browser = await launchBrowser({ clockAt: await serverNow(api) })
  })
  afterAll(async () => {
    expect(browser!.pageErrors.filter((e) => !/status of 4\d\d/.test(e))).toEqual([])
    await browser?.close()
  })

  test('booking: the first free slot is on an official working day and after now; cancel follows the 1-hour rule', async () => {
    const now = await serverNow(api)
    const tokens = await signInCitizen(api, adults[3 * index])
    await storeSession(page(), e2e.url, tokens)
    // At 08:50 the 09:30 slot is open but inside the no-cancel hour: the app offers it marked and
    // preselects a later one; the person takes 09:30 anyway, and the rule is said before confirming.
    const { booking: b, warned, lateOffered, preselectedLate } = await bookFirstSlot(page(), { takeLate: name === 'workdayMorning' })
    const start = new Date(b.startsAt)
    expect(start.getTime()).toBeGreaterThan(now.getTime())
    const day = chinaLocalTime(start).date
    expect(working(day)).toBe(true)
    // Nothing bookable on a day the calendar closes: the first offered day is the first working
    // day from today on (today only while a slot is still open).
    for (let d = chinaLocalTime(now).date; d < day; d = nextDate(d)) {
      if (d !== chinaLocalTime(now).date) expect(working(d)).toBe(false)
    }
    if (name === 'yearEnd') expect(day).not.toBe('2027-01-01')

    const late = start.getTime() - now.getTime() <= CANCEL_UNTIL_BEFORE_MINUTES * 60_000
    if (name === 'workdayMorning') {
      expect(lateOffered).toBe(true)
      expect(preselectedLate).toBe(false)
      expect(late).toBe(true)
    }
    if (name === 'workdayLate' || name === 'fridayEvening' || name === 'sunday' || name === 'yearEnd') expect(late).toBe(false)
    expect(b.canCancel).toBe(!late)
    // The rule is said on the slot and again before confirming, not learnt afterwards.
    expect(warned).toBe(late)
    await page().goto(`${e2e.url}/packages/booking/pages/detail?id=${b.id}`)
    await shown(page(), t.detail.checkInTitle)
    if (late) {
      expect(await visibleText(page(), t.detail.cancel, true).count()).toBe(0)
      // And the server says why, should an older app still ask.
      await expect(api('POST', `/api/bookings/${b.id}/cancel`, {}, tokens.accessToken)).rejects.toThrow(/409.*开始前1小时内不可取消/)
    } else {
      await visibleText(page(), t.detail.cancel, true).click()
      await shown(page(), t.detail.cancelConfirm)
      const cancelled = page().waitForResponse((r) => /\/api\/bookings\/[^/]+\/cancel$/.test(r.url()))
      await page().locator('.btn-danger >> visible=true').click()
      expect((await cancelled).status()).toBe(200)
    }
  })

  test('cases: apply online, a window accepts, the due date is a working day (provisional where the year is not loaded)', async () => {
    const tokens = await signInCitizen(api, adults[3 * index + 1], { l3: true })
    await applyRelief(page(), tokens)
    const mine = await api<{ items: { id: string; number: string }[] }>('GET', '/api/cases', undefined, tokens.accessToken)
    expect(mine.items).toHaveLength(1)
    const staff: Tokens = await staffLogin(api, 'window')
    await api('POST', `/api/staff/cases/${mine.items[0].id}/accept`, {}, staff.accessToken)
    const c = await api<{ dueOn?: string; dueProvisional: boolean; state: string }>('GET', `/api/cases/${mine.items[0].id}`, undefined, tokens.accessToken)
    expect(c.state).toBe('accepted')
    expect(c.dueOn).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    expect(working(c.dueOn!)).toBe(true)
    expect(c.dueOn! > chinaLocalTime(new Date(at)).date).toBe(true)
    // 2027 is not in the holiday library: a due date there is provisional until an admin loads it.
    expect(c.dueProvisional).toBe(c.dueOn!.startsWith('2027'))
  })

  test('wallet: the live QR verifies at this instant and not after its lifetime', async () => {
    const tokens = await signInCitizen(api, adults[3 * index + 2], { l3: true })
    await storeSession(page(), e2e.url, tokens)
    await page().goto(`${e2e.url}${WALLET_PAGE}/index`)
    await page().locator('#present-ssc').click()
    await page().waitForURL(/\/packages\/wallet\/pages\/present/, { timeout: 15_000 })
    await page().locator('#present-show').waitFor({ state: 'visible', timeout: 15_000 })
    const { code } = await tapToQr(page())
    const keys = await keySet(e2e.url)
    const now = await serverNow(api)
    const ok = independentVerify(code, keys, { now })
    expect(ok.ok).toBe(true)
    if (!ok.ok) return
    const { iat, exp } = ok.payload as { iat: number; exp: number }
    expect(Math.abs(iat * 1000 - now.getTime())).toBeLessThan(60_000)
    const after = independentVerify(code, keys, { now: new Date(exp * 1000 + 1000) })
    expect(after.ok).toBe(false)
  })
})

afterAll(async () => {
  await api('POST', '/api/dev/clock', { offsetMs: 0 }).catch(() => undefined)
})

function nextDate(d: string): string {
  return new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)
}

async function applyRelief(page: Page, tokens: Tokens): Promise<void> {
  await storeSession(page, e2e.url, tokens)
  await page.evaluate((code) => {
    localStorage.setItem(`zj.cases.draft.i.${code}`, JSON.stringify({ clientRef: crypto.randomUUID(), values: { region: '330203' }, materials: {} }))
  }, RELIEF)
  await page.goto(`${e2e.url}/packages/catalog/pages/guide?code=${RELIEF}`)
  await page.locator('#guide-apply').click()
  await shown(page, tc.apply.sectionMaterials)
  await page.locator('#apply-phone input, input#apply-phone').first().fill('13800138000')
  await page.locator('#apply-address textarea, textarea#apply-address').first().fill('海曙区中山西路1号')
  await page.locator('#material-困难情况说明').getByText(tc.modes.commitment, { exact: true }).click()
  await shown(page, '虚假承诺的后果')
  await page.locator('[id="agree-困难情况说明"]').click()
  const submitted = page.waitForResponse((r) => r.url().endsWith('/api/cases') && r.request().method() === 'POST')
  await page.locator('#apply-submit').click()
  expect((await submitted).status()).toBe(201)
  await shown(page, tc.result.title)
}
