// J10 (JOURNEYS.md): an elder turns on 关怀模式 on 首页, gets the elder home (six large tiles and a
// 12345 call button), queries 社保 and books a hall visit with the taps of J3 / J4. Every page on
// the way, and every picker, dialog and toast opened on the walk (the district picker of an
// application form, the 退出所有设备 confirmation drawn by Taro.showModal, the 验证成功 toast of
// Taro.showToast after 重新验证), is measured: 0 texts under 18 px and 0 targets under 60 × 60 px
// (measureElder, the same measure as the elder-mode page walk). Taro draws its modal and toast on
// h5 as plain divs on <body>, outside the page root: they are also measured by their own classes,
// so a walk that missed them cannot pass. Taps on visible text, counted.
// Time is pinned: the stand-in starts at DEV_CLOCK_AT (Monday 20:30 China time), the browser's
// clock at the server's now (e2eStack), so tomorrow's slots can still be cancelled.
import type { Page } from 'playwright-core'
import { e2eStack, newPhone, shown, signInCitizen, smsCode, storeSession } from '../support/e2e'
import { Taps, inView, typeInto } from '../support/journey'
import { msSince, nowMs, recordJourney } from '../support/journey-report'
import { CONTROL_SELECTOR, measureElder, type ElderLimits } from '../support/measure'
import { generateRegistry, ageOn, REFERENCE_DATE } from '../../mock/src/seed'
import { generateRecords } from '../../mock/src/seed/records'
import { messages } from '../../src/domain/messages'
import { L2_IDLE } from '../../mock/src/identity/auth'

jest.setTimeout(300_000)

const SEED = 'j10-elder'
const COUNTS = { citizens: 80, enterprises: 4 }
const home = messages.ui.home
const ui = messages.ui
const b = messages.booking
/** 临时救助申请: its form has the district (所在区县) picker. */
const RELIEF = '33020005008007000'
/** Text and targets only (contrast and line height are the page walk's, test/e2e/elder.test.ts). */
const ELDER: ElderLimits = { minFont: 18, minTarget: 60, minLineHeight: 0, contrast: false }
/** The app's controls, plus what Taro draws for pickers and dialogs (plain divs there). */
const CONTROLS = [CONTROL_SELECTOR, '.weui-picker__action', '.taro-model__btn', '.taro-actionsheet__cell'].join(',')

const e2e = e2eStack({ seed: { name: SEED, ...COUNTS }, timeoutMs: 600_000 })

/** Every miss on every measured screen, and what was measured, for the report. */
const misses: string[] = []
const measured: string[] = []
/** ms spent in measure() (its settle wait and the walk), taken out of the journey's timings. */
let measuringMs = 0

async function measure(page: Page, where: string, settleMs = 400): Promise<void> {
  const started = nowMs()
  // Let the router's slide-in and fonts settle: a page read mid-animation has partial boxes.
  await page.waitForTimeout(settleMs)
  const found = await page.evaluate(measureElder, { limits: ELDER, controls: CONTROLS })
  measured.push(where)
  misses.push(...found.map((m) => `${where}: ${m}`))
  measuringMs += nowMs() - started
}

/** Font sizes of the visible `texts` and boxes of the visible `buttons` (Taro's overlay divs on <body>). */
async function overlay(page: Page, texts: string, buttons?: string): Promise<{ fonts: number[]; boxes: { text: string; width: number; height: number }[] }> {
  return page.evaluate((sel) => {
    const onScreen = (el: Element) => {
      const r = el.getBoundingClientRect()
      return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden'
    }
    const fonts = Array.from(document.querySelectorAll(sel.texts)).filter(onScreen).map((el) => parseFloat(getComputedStyle(el).fontSize))
    const boxes = sel.buttons ? Array.from(document.querySelectorAll(sel.buttons)).filter(onScreen).map((el) => {
      const r = el.getBoundingClientRect()
      return { text: (el.textContent ?? '').trim(), width: Math.round(r.width), height: Math.round(r.height) }
    }) : []
    return { fonts, boxes }
  }, { texts, buttons })
}

test('J10: 关怀模式 → elder home → 社保 and a booking as J3 / J4; every text ≥ 18 px and every target ≥ 60×60, pickers, dialogs and toasts included', async () => {
  const registry = generateRegistry(SEED, COUNTS)
  const rec = generateRecords(SEED, registry.citizens, registry.enterprises)
  const elder = registry.citizens.find((c) => ageOn(c.birthDate, REFERENCE_DATE) >= 55 && rec.ss.some((s) => s.citizenId === c.id)) ?? registry.citizens.find((c) => ageOn(c.birthDate, REFERENCE_DATE) >= 25 && rec.ss.some((s) => s.citizenId === c.id))!
  const page = e2e.page
  // The phone is known: 重新验证 (the toast below) sends its code there.
  const phone = newPhone()
  await storeSession(page, e2e.url, await signInCitizen(e2e.api, elder, { l3: true, phone }))
  await page.evaluate(() => localStorage.removeItem('zj.prefs.elderMode'))
  await page.goto(`${e2e.url}/`)

  // Turn it on where the person is: one visible button on 首页.
  await new Taps(page).on(ui.elder.turnOn, { exact: true })
  await page.locator('.page.elder #home-elder').waitFor({ state: 'visible', timeout: 20_000 })
  // The elder home: six large tiles and the 12345 button, in view without scrolling.
  const tiles = page.locator('#home-elder .tile >> visible=true')
  expect(await tiles.count()).toBe(6)
  for (let i = 0; i < 6; i++) {
    const box = (await tiles.nth(i).boundingBox())!
    expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(120)
  }
  expect((await inView(page.locator('#home-hotline'))).ok).toBe(true)
  // The call button draws its own icon (no emoji, which shows as an empty box without an emoji font).
  const hotline = await page.locator('#home-hotline').evaluate((el) => ({
    text: (el.textContent ?? '').trim(),
    emoji: /\p{Extended_Pictographic}/u.test(el.textContent ?? ''),
    icon: Array.from(el.querySelectorAll('img, svg, .home-hotline-icon')).some((i) => i.getBoundingClientRect().width >= 16),
  }))
  expect(hotline).toEqual({ text: hotline.text, emoji: false, icon: true })
  expect(hotline.text).toContain('12345')
  // 全部办件 beside 我的事项 is a target like any other.
  const allCases = (await page.locator('.section-header-action', { hasText: home.mine.more }).filter({ visible: true }).first().boundingBox())!
  expect({ width: allCases.width >= 60, height: allCases.height >= 60 }).toEqual({ width: true, height: true })
  expect(await page.locator('.home-life-item >> visible=true').count()).toBe(0)
  await measure(page, '首页 (elder home)')

  // 12345 through the platform layer: on h5 a tel: link in the same tab (the dialer takes it).
  await page.evaluate(() => {
    const w = window as unknown as { __tel: string[] }
    w.__tel = []
    document.addEventListener('click', (e) => {
      const a = (e.target as Element).closest?.('a')
      if (a && a.getAttribute('href')?.startsWith('tel:')) {
        w.__tel.push(a.getAttribute('href')!)
        e.preventDefault()
      }
    }, true)
  })
  await page.locator('#home-hotline').click()
  expect(await page.evaluate(() => (window as unknown as { __tel: string[] }).__tel)).toEqual(['tel:12345'])

  // 社保 as J3: ≤ 3 taps from 首页.
  const q = new Taps(page)
  await q.on(home.tiles.social, { exact: true })
  await page.locator('#ss-total-months').filter({ visible: true }).first().waitFor({ timeout: 30_000 })
  const socialMs = msSince(q.firstTapAt)
  expect(q.taken).toBeLessThanOrEqual(3)
  await measure(page, '社保')

  // A booking as J4: 预约办理 → item → nearest hall, first free slot → confirm, ≤ 6 taps.
  await page.goto(`${e2e.url}/`)
  await page.locator('#home-elder').waitFor({ state: 'visible', timeout: 20_000 })
  const taps = new Taps(page)
  const measuringBefore = measuringMs
  await taps.on(home.tiles.booking, { exact: true })
  await typeInto(page, '身份证首次')
  const row = page.locator('#bk-choose-results .bk-row >> visible=true').first()
  await row.waitFor({ state: 'visible', timeout: 20_000 })
  await measure(page, '预约办理 (chooser)')
  await taps.on(row)
  await shown(page, b.flow.pickSlot)
  const confirm = page.locator('#bk-submit >> visible=true')
  await confirm.waitFor({ state: 'visible', timeout: 20_000 })
  const slotsMs = msSince(taps.firstTapAt, measuringMs - measuringBefore)
  expect(await confirm.innerText()).toMatch(/\d\d:\d\d/)
  // 确认预约 is in view at 390×844 without scrolling, in elder mode too.
  expect((await inView(confirm)).ok).toBe(true)
  await measure(page, '预约 (slots)')
  const booked = page.waitForResponse((r) => r.url().endsWith('/api/bookings') && r.request().method() === 'POST')
  await taps.on(confirm)
  expect((await booked).status()).toBe(201)
  await shown(page, b.flow.doneHint)
  expect(taps.taken).toBeLessThanOrEqual(6)
  await measure(page, '预约成功')

  // A dialog: the confirmation of 退出所有设备, opened and dismissed.
  await page.goto(`${e2e.url}/packages/account/pages/security`)
  await new Taps(page).on(messages.account.security.logoutAll, { exact: true })
  await page.locator('.taro-modal__content').filter({ visible: true }).first().waitFor({ timeout: 20_000 })
  await measure(page, '退出所有设备 (dialog)')
  const dialog = await overlay(page, '.taro-modal__content .taro-modal__text, .taro-modal__content .taro-model__btn', '.taro-modal__content .taro-model__btn')
  // The question and both buttons (取消, 确定) were there to be measured.
  expect(dialog.fonts.length).toBeGreaterThanOrEqual(3)
  expect(Math.min(...dialog.fonts)).toBeGreaterThanOrEqual(18)
  expect(dialog.boxes).toHaveLength(2)
  for (const btn of dialog.boxes) expect({ ...btn, ok: btn.width >= 60 && btn.height >= 60 }).toEqual({ ...btn, ok: true })
  await page.locator('.taro-model__cancel').filter({ visible: true }).first().click()
  await page.locator('.taro-modal__content').first().waitFor({ state: 'hidden', timeout: 20_000 })

  // A picker: 所在区县 on an application form, opened and dismissed.
  await page.goto(`${e2e.url}/packages/apply/pages/index?code=${RELIEF}`)
  const region = page.locator('#apply-region >> visible=true')
  await region.waitFor({ state: 'visible', timeout: 30_000 })
  await measure(page, '在线申请 (form)')
  await region.click()
  const picker = page.locator('.weui-picker >> visible=true').first()
  await picker.waitFor({ state: 'visible', timeout: 20_000 })
  // The wheel has slid up (0.3 s): its rows are on screen.
  await page.locator('.weui-picker__item >> visible=true').first().waitFor({ timeout: 5_000 })
  await measure(page, '所在区县 (picker)')
  const pickerFont = await page.locator('.weui-picker__item >> visible=true').first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize))
  expect(pickerFont).toBeGreaterThanOrEqual(18)
  await page.locator('.weui-picker__action >> visible=true').first().click()

  // A guide in elder mode opens with the plain-language sentence, ahead of the 四办 tags.
  await page.goto(`${e2e.url}/packages/catalog/pages/guide?code=33020007001001000`)
  const plain = page.locator('#guide-plain >> visible=true')
  await plain.waitFor({ state: 'visible', timeout: 30_000 })
  const order = await page.evaluate(() => {
    const guide = Array.from(document.querySelectorAll('.cat-guide')).find((g) => (g as HTMLElement).offsetParent !== null)!
    const p = guide.querySelector('#guide-plain')!
    const tags = guide.querySelector('.cat-tags')
    return { plainFirst: !tags || !!(p.compareDocumentPosition(tags) & Node.DOCUMENT_POSITION_FOLLOWING) }
  })
  expect(order.plainFirst).toBe(true)
  expect((await inView(plain)).ok).toBe(true)
  await measure(page, '办事指南')
  // 导航 on the guide's first hall: the in-app sheet of map apps (showActionSheet), then dismissed.
  await page.locator('#guide-where .cat-nav >> visible=true').first().click()
  await page.locator('.taro-actionsheet__cell >> visible=true').first().waitFor({ timeout: 10_000 })
  await measure(page, '导航 (map sheet)')
  // The four choices and Taro's 取消 row (no class of its own: the panel's last row).
  const rows = '.taro-actionsheet__cell, .taro__actionSheet > div:last-child > div:last-child'
  const sheet = await overlay(page, rows, rows)
  const m = messages.platform.mapSheet
  expect(sheet.boxes.map((x) => x.text)).toEqual([m.amap, m.baidu, m.tencent, m.copyAddress, '取消'])
  expect(Math.min(...sheet.fonts)).toBeGreaterThanOrEqual(18)
  for (const btn of sheet.boxes) expect({ ...btn, ok: btn.width >= 60 && btn.height >= 60 }).toEqual({ ...btn, ok: true })
  await page.locator('.taro__actionSheet > div:last-child > div:last-child').click()
  await page.locator('.taro-actionsheet__cell >> visible=true').first().waitFor({ state: 'hidden', timeout: 10_000 })
  // 查看全部N个网点 under the guide's halls is a target like any other (it was a 32 px text link).
  const allHalls = (await page.locator('#guide-where .link >> visible=true').first().boundingBox())!
  expect({ width: allHalls.width >= 60, height: allHalls.height >= 60 }).toEqual({ width: true, height: true })

  // A guide with 在线办理: the action bar's three buttons keep their labels on one line.
  await page.goto(`${e2e.url}/packages/catalog/pages/guide?code=${RELIEF}`)
  const apply = page.locator('#guide-apply >> visible=true')
  await apply.waitFor({ state: 'visible', timeout: 30_000 })
  await measure(page, '办事指南 (在线办理)')
  const lines = await page.evaluate(() => Array.from(document.querySelectorAll('#guide-actions .cat-action')).filter((el) => (el as HTMLElement).offsetParent !== null).map((btn) => {
    const range = document.createRange()
    range.selectNodeContents(btn)
    // One line of text: every fragment of the label sits on the same row.
    const tops = new Set(Array.from(range.getClientRects()).filter((r) => r.width > 0).map((r) => Math.round(r.top)))
    return { text: (btn.textContent ?? '').trim(), rows: tops.size }
  }))
  expect(lines.length).toBeGreaterThanOrEqual(2)
  for (const l of lines) expect(l).toEqual({ text: l.text, rows: 1 })

  // A toast, on the way a person meets it: after 30 minutes idle real name lapses (L2_IDLE), so
  // 社保 asks for 重新验证; a code to the person's own phone restores it, and the page says so with
  // Taro.showToast 验证成功… (a div.taro__toast on <body> for 1.5 s) before going back to 社保.
  // The idle half hour passes on the stand-in's clock (the dev clock, an allowed shortcut); it also
  // takes the sign-in's SMS out of the one-code-a-minute window.
  await e2e.api('POST', '/api/dev/clock', { offsetMs: L2_IDLE + 60_000 })
  await page.goto(`${e2e.url}/`)
  await page.locator('#home-elder').waitFor({ state: 'visible', timeout: 20_000 })
  const lapsed = new Taps(page)
  await lapsed.on(home.tiles.social, { exact: true })
  // The way up is 重新验证 (not 实名认证 again: the person's real name is on file).
  const up = page.locator('#rec-level-up >> visible=true').first()
  await up.waitFor({ state: 'visible', timeout: 20_000 })
  expect((await up.innerText()).trim()).toBe(messages.records.common.goReauth)
  await measure(page, '社保 (重新验证 asked)')
  await lapsed.on(up)
  await page.waitForURL(/\/packages\/account\/pages\/reauth/, { timeout: 20_000 })
  await lapsed.on(messages.account.reauth.send, { exact: true })
  await shown(page, messages.account.reauth.sent.split('{')[0])
  await measure(page, '重新验证')
  await page.locator('#reauth-code input >> visible=true').first().pressSequentially(await smsCode(e2e.api, phone))
  await lapsed.on(page.locator('#reauth-submit >> visible=true'))
  // Its text (the wrapper div has no box of its own: everything in it is position: fixed).
  const toast = page.locator('.taro__toast p').filter({ hasText: messages.account.reauth.done })
  await toast.waitFor({ state: 'visible', timeout: 20_000 })
  // Taro fades it in over 0.1 s and keeps it 1.5 s: the walk runs at once.
  await measure(page, '验证成功 (toast)', 150)
  const toastSizes = await overlay(page, '.taro__toast p')
  expect(toastSizes.fonts.length).toBeGreaterThanOrEqual(1)
  expect(Math.min(...toastSizes.fonts)).toBeGreaterThanOrEqual(18)
  // Back on 社保, which loads now.
  await page.locator('#ss-total-months').filter({ visible: true }).first().waitFor({ timeout: 30_000 })
  await e2e.api('POST', '/api/dev/clock', { offsetMs: 0 })

  recordJourney({ id: 'J10', case: '社保', target: 'h5', taps: q.taken, budget: 3, firstContentMs: socialMs, note: '关怀模式', timed: 'tap on the 社保 tile → #ss-total-months visible' })
  recordJourney({ id: 'J10', case: 'booking', target: 'h5', taps: taps.taken, budget: 6, firstContentMs: slotsMs, note: '关怀模式, taps to booked', timed: 'tap on 预约办理 → slot list with 确认预约 hh:mm visible, the chooser\'s font/target walk taken out' })
  console.log(`J10: elder home, 社保 in ${q.taken} taps, booked in ${taps.taken} taps (${taps.log.join(' → ')}); measured ${measured.length} screens (${measured.join('; ')}): ${misses.length} misses`)
  expect(misses).toEqual([])
})
