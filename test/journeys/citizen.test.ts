// Citizen journeys (JOURNEYS.md) on the PWA in Chromium, as a person does them: taps on visible
// text, typing into visible inputs, counted against each journey's budget, with its "in view"
// rules checked at 390×844. Shortcuts only where JOURNEYS.md allows them: seeded citizens signed
// in through the API to start "already signed in" (signInCitizen), the dev SMS outbox and the dev
// clock. J9 also files one case for the company through the API as its precondition (the journey
// starts from a company that has a case; filing it is J5's journey, not this one).
// Time is pinned: the stand-in starts at DEV_CLOCK_AT (Monday 20:30 China time) and the browser's
// clock is installed at the server's now (e2eStack).
import path from 'node:path'
import type { Page } from 'playwright-core'
import { ROOT } from '../support/server'
import { e2eStack, shown, signInCitizen, visibleText, type Tokens } from '../support/e2e'
import { Taps, inView, inViewAfterScroll, typeInto } from '../support/journey'
import { fileEnterpriseCase } from '../support/journey-setup'
import { msSince, recordJourney } from '../support/journey-report'
import { generateRegistry, ageOn, REFERENCE_DATE } from '../../mock/src/seed'
import { messages } from '../../src/domain/messages'

jest.setTimeout(150_000)

const SEED = 'journeys'
const COUNTS = { citizens: 80, enterprises: 6 }
const registry = generateRegistry(SEED, COUNTS)
const adults = registry.citizens.filter((c) => ageOn(c.birthDate, REFERENCE_DATE) >= 20 && ageOn(c.birthDate, REFERENCE_DATE) < 70)
const home = messages.ui.home
const b = messages.booking
const cu = messages.catalogUi

const e2e = e2eStack({ seed: { name: SEED, ...COUNTS }, server: { holdBuildLock: process.env.H5_LOCK_HELD !== '1' } })

/** Taps and in-view results of each journey, printed once at the end (the bench reads the same). */
const report: string[] = []
afterAll(() => console.log(`journeys:\n${report.join('\n')}`))

async function signedIn(page: Page, tokens: Tokens): Promise<void> {
  await page.goto(`${e2e.url}/pages/me/index`)
  await page.evaluate((s) => localStorage.setItem('zj.session', s), JSON.stringify(tokens))
  await page.goto(`${e2e.url}/`)
}

async function fresh(): Promise<Page> {
  // A new tab per journey: Taro's h5 router keeps earlier pages of a tab's stack in the DOM.
  const page = await e2e.browser.context.newPage()
  return page
}

const J1_TIMED = 'tap on the 首页 search box (query typed at once) → first result visible'

test('J1 find a service: 公积金 / gjj / 社宝 / 生孩子 from 首页, first result in view, guide with its primary action in view, ≤ 2 taps', async () => {
  const cases: Array<{ q: string; expect: RegExp }> = [
    { q: '公积金', expect: /公积金/ },
    { q: 'gjj', expect: /公积金/ },
    { q: '社宝', expect: /社[会保]|养老|医疗/ },
    { q: '生孩子', expect: /新生儿出生一件事/ },
  ]
  for (const c of cases) {
    const page = await fresh()
    await page.goto(`${e2e.url}/`)
    const taps = new Taps(page)
    await taps.on(home.searchPlaceholder)
    await typeInto(page, c.q)
    // The first result is in view as soon as results exist, with a count above it.
    const first = page.locator('#cat-results .cat-result >> visible=true').first()
    await first.waitFor({ state: 'visible', timeout: 20_000 })
    const firstContentMs = msSince(taps.firstTapAt)
    const v = await inView(first)
    expect(v.ok).toBe(true)
    await expect(first.innerText()).resolves.toMatch(c.expect)
    expect(await visibleText(page, /共找到 \d+ 项/).isVisible()).toBe(true)
    if (c.q === '生孩子') {
      // The bundle carries its own badge and opens the bundle with its one application.
      expect(await first.innerText()).toContain(cu.search.badgeBundle)
      await taps.on(first)
      await shown(page, cu.bundle.items)
      const act = visibleText(page, cu.bundle.apply, true)
      report.push(`J1 ${c.q}: ${taps.taken} taps; first result in view at y=${Math.round(v.box!.y)}; bundle page reached`)
      recordJourney({ id: 'J1', case: c.q, target: 'h5', taps: taps.taken, budget: 2, firstContentMs, timed: J1_TIMED })
      expect(await act.count()).toBe(1)
    } else {
      await taps.on(first)
      await page.locator('#guide-actions').waitFor({ state: 'visible', timeout: 20_000 })
      // The primary action is in view on arrival and stays in view at the end of the page.
      const primary = page.locator('#guide-actions .btn >> visible=true').first()
      const arrival = await inView(primary)
      expect(arrival.ok).toBe(true)
      expect(await inViewAfterScroll(primary)).toBe(true)
      report.push(`J1 ${c.q}: ${taps.taken} taps; first result in view at y=${Math.round(v.box!.y)}; primary action in view at y=${Math.round(arrival.box!.y)} and after scrolling`)
      recordJourney({ id: 'J1', case: c.q, target: 'h5', taps: taps.taken, budget: 2, firstContentMs, timed: J1_TIMED })
    }
    expect(taps.taken).toBeLessThanOrEqual(2)
    await page.close()
  }
})

test('signed-in 首页: open cases with next step, next booking, card count, each one tap from its detail; 消息 badge', async () => {
  const citizen = adults[1]
  const tokens = await signInCitizen(e2e.api, citizen)
  // Precondition: one booking and one unread message (its confirmation) exist.
  const avail = await e2e.api<{ days: { slots: { startsAt: string; open: boolean; remaining: number }[] }[] }>('GET', '/api/booking/availability?hall=nb-city&item=33020007001001000')
  const slot = avail.days.flatMap((d) => d.slots).find((s) => s.open && s.remaining > 0)!
  await e2e.api('POST', '/api/bookings', { itemCode: '33020007001001000', hallId: 'nb-city', startsAt: slot.startsAt }, tokens.accessToken)
  // The confirmation reaches the inbox through the job queue: wait until it is there.
  for (let i = 0; i < 60; i++) {
    if ((await e2e.api<{ unread: number }>('GET', '/api/inbox', undefined, tokens.accessToken)).unread > 0) break
    await new Promise((r) => setTimeout(r, 500))
  }
  const page = await fresh()
  await signedIn(page, tokens)
  const mine = page.locator('#home-mine')
  await mine.getByText(home.mine.nextBooking).waitFor({ state: 'visible', timeout: 20_000 })
  const text = await mine.innerText()
  expect(text).toContain('居民身份证首次申领')
  expect(text).toMatch(/卡包里有 \d+ 张证照/)
  expect(text).not.toContain(home.mine.loggedOut)
  // 消息 tab badge: the unread confirmation.
  const badge = page.locator('.weui-tabbar__item:nth-child(3) .weui-badge')
  await badge.waitFor({ state: 'visible', timeout: 20_000 })
  expect(Number(await badge.innerText())).toBeGreaterThan(0)
  // The README's signed-in 首页.
  await page.screenshot({ path: path.join(ROOT, 'docs/screenshots/home-signed-in.png') })
  // The booking is one tap from its detail.
  const taps = new Taps(page)
  await taps.on(mine.getByText('居民身份证首次申领'))
  await shown(page, b.detail.checkInTitle)
  const detailMs = msSince(taps.firstTapAt)
  expect(taps.taken).toBe(1)
  report.push(`home: next booking and ${text.match(/卡包里有 (\d+) 张证照/)?.[1]} cards shown; badge ${await badge.innerText().catch(() => '?')}; booking detail in 1 tap`)
  recordJourney({ id: 'home', case: 'next booking → detail', target: 'h5', taps: taps.taken, budget: 1, firstContentMs: detailMs, note: 'budget: the test\'s one tap from 首页 to a detail', timed: 'tap on the booking → its 签到 section visible' })
  await page.close()
})

test('J4 book a hall visit from 首页 in ≤ 6 taps; 加入日历 and 导航 offered; the booking on 首页', async () => {
  const tokens = await signInCitizen(e2e.api, adults[2])
  const page = await fresh()
  await signedIn(page, tokens)
  await page.locator('#home-mine').getByText(home.mine.nextBooking).waitFor({ state: 'visible', timeout: 20_000 })
  const taps = new Taps(page)
  await taps.on(home.tiles.booking, { exact: true })
  await typeInto(page, '身份证首次')
  await taps.on(page.locator('#bk-choose-results .bk-row >> visible=true').first())
  // The nearest hall, its first free slot chosen: confirm.
  await shown(page, b.flow.pickSlot)
  const confirm = page.locator('.btn >> visible=true').filter({ hasText: b.flow.submit }).last()
  await confirm.waitFor({ state: 'visible', timeout: 20_000 })
  const slotsMs = msSince(taps.firstTapAt)
  expect(await confirm.innerText()).toMatch(/\d\d:\d\d/)
  // 确认预约 in view at 390×844 without scrolling, however many slots the day has.
  const confirmInView = await inView(confirm)
  expect(confirmInView.ok).toBe(true)
  // The preselected slot can still be cancelled: no no-cancel warning before confirming.
  expect(await page.locator('#bk-nocancel >> visible=true').count()).toBe(0)
  const booked = page.waitForResponse((r) => r.url().endsWith('/api/bookings') && r.request().method() === 'POST')
  await taps.on(confirm)
  expect((await booked).status()).toBe(201)
  await shown(page, b.flow.doneHint)
  expect(taps.taken).toBeLessThanOrEqual(6)
  expect(await visibleText(page, b.flow.addCalendar, true).isVisible()).toBe(true)
  expect(await visibleText(page, b.flow.navigate, true).isVisible()).toBe(true)
  // 加入日历 on h5 downloads an .ics with the visit.
  const download = page.waitForEvent('download')
  await page.locator('#bk-calendar >> visible=true').click()
  const ics = await (await download).createReadStream().then(async (s) => {
    const chunks: Buffer[] = []
    for await (const ch of s) chunks.push(ch as Buffer)
    return Buffer.concat(chunks).toString('utf8')
  })
  expect(ics).toContain('BEGIN:VEVENT')
  expect(ics).toContain('居民身份证首次申领')
  report.push(`J4: ${taps.taken} taps to booked (${taps.log.join(' → ')}); 确认预约 in view at y=${Math.round(confirmInView.box!.y)}; 加入日历 .ics ${ics.length} bytes; 导航 offered`)
  recordJourney({ id: 'J4', target: 'h5', taps: taps.taken, budget: 6, firstContentMs: slotsMs, note: 'taps to booked', timed: 'tap on 预约办理 (item typed, its row tapped) → slot list with the preselected 确认预约 hh:mm visible' })
  // Back on 首页: the booking is there.
  await page.goto(`${e2e.url}/`)
  await page.locator('#home-mine').getByText('居民身份证首次申领').waitFor({ state: 'visible', timeout: 20_000 })
  await page.close()
})

test('J6 show a licence: 电子证照 → card → 出示, a live QR in ≤ 3 taps', async () => {
  const tokens = await signInCitizen(e2e.api, adults[3], { l3: true })
  const page = await fresh()
  await signedIn(page, tokens)
  const taps = new Taps(page)
  await taps.on(home.tiles.credentials, { exact: true })
  await taps.on(page.locator('#present-ssc'))
  await taps.on(page.locator('#present-show'))
  await page.locator('#present-qr img').waitFor({ state: 'visible', timeout: 20_000 })
  const qrMs = msSince(taps.firstTapAt)
  expect(taps.taken).toBeLessThanOrEqual(3)
  report.push(`J6: ${taps.taken} taps to a live QR`)
  recordJourney({ id: 'J6', target: 'h5', taps: taps.taken, budget: 3, firstContentMs: qrMs, timed: 'tap on 电子证照 → card → 出示 → the QR image visible' })
  await page.close()
})

test('J9 enterprise: 法人 on 首页 → its cases, titled as its own → one case\'s timeline in ≤ 3 taps; its own name unmasked on its licence', async () => {
  const ent = registry.enterprises.find((e) => e.status === 'active' && registry.citizens.some((c) => c.id === e.legalRepCitizenId && ageOn(c.birthDate, REFERENCE_DATE) >= 18))!
  const rep = registry.citizens.find((c) => c.id === ent.legalRepCitizenId)!
  const tokens = await signInCitizen(e2e.api, rep, { l3: true })
  // Precondition: the company has one case (filed through the API while acting for it).
  const asEnt = await e2e.api<Tokens>('POST', '/api/me/acting', { kind: 'enterprise', id: ent.id }, tokens.accessToken)
  const caseNumber = (await fileEnterpriseCase(e2e.api, asEnt.accessToken, ent.uscc, 'h5')).number
  const back = await e2e.api<Tokens>('POST', '/api/me/acting', { kind: 'self' }, asEnt.accessToken)

  const page = await fresh()
  await signedIn(page, back)
  await page.locator('#home-mine').getByText(home.mine.nextBooking).waitFor({ state: 'visible', timeout: 20_000 })
  const taps = new Taps(page)
  await taps.on(page.locator('.home-acting-opt').filter({ hasText: home.acting.enterprise }))
  // Its cases, under its name, right on 首页.
  await page.locator('.section-header-title', { hasText: `${ent.name}的事项` }).waitFor({ state: 'visible', timeout: 20_000 })
  const row = page.locator('#home-mine .home-row').first()
  await row.waitFor({ state: 'visible', timeout: 20_000 })
  const casesMs = msSince(taps.firstTapAt)
  await taps.on(row)
  await page.waitForURL(/\/packages\/cases\/pages\/detail/)
  await shown(page, caseNumber)
  expect(taps.taken).toBeLessThanOrEqual(3)
  report.push(`J9: ${taps.taken} taps from 首页 to the company's case ${caseNumber}`)
  recordJourney({ id: 'J9', target: 'h5', taps: taps.taken, budget: 3, firstContentMs: casesMs, note: 'taps to the case timeline', timed: 'tap on 法人 → the company\'s cases (titled as its own, first row) visible on 首页' })
  // Its own 营业执照 shows its name whole.
  await page.goto(`${e2e.url}/packages/wallet/pages/index`)
  await page.locator('#cred-bl').waitFor({ state: 'visible', timeout: 20_000 })
  expect(await page.locator('#cred-bl').innerText()).toContain(ent.name)
  await page.close()
})

test('a slot starting within the hour says 开始前1小时内不可取消 before confirming, and the confirmation repeats it (issue 24)', async () => {
  // Tuesday 08:05 China time: the 09:00 slot is still bookable (until 08:30) but not cancellable.
  const at = '2026-12-08T00:05:00.000Z'
  await e2e.api('POST', '/api/dev/clock', { at })
  await e2e.browser.context.clock.setSystemTime(new Date(at))
  const tokens = await signInCitizen(e2e.api, adults[4])
  const page = await fresh()
  await signedIn(page, tokens)
  await page.goto(`${e2e.url}/packages/booking/pages/book?item=33020007001001000&hall=nb-city`)
  await shown(page, b.flow.pickSlot)
  const marked = page.locator('.bk-slot >> visible=true').filter({ hasText: b.flow.noCancelSlot })
  await marked.first().waitFor({ state: 'visible', timeout: 20_000 })
  await marked.first().click()
  await shown(page, b.flow.noCancelConfirm)
  const booked = page.waitForResponse((r) => r.url().endsWith('/api/bookings') && r.request().method() === 'POST')
  await page.locator('.btn >> visible=true').filter({ hasText: b.flow.submit }).last().click()
  const res = await booked
  expect(`${res.status()} ${res.status() === 201 ? '' : await res.text()}`).toBe('201 ')
  await shown(page, b.flow.noCancelDone)
  await page.close()
})
