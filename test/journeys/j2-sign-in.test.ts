// J2 (JOURNEYS.md) on the PWA in Chromium: a new citizen signs in with phone + SMS code (the code
// read from the stand-in's dev SMS outbox, the one shortcut allowed), gives real name (name + ID of
// a seeded citizen) and passes the stand-in face check, then lands on 首页 whose 我的事项 is the
// person's own — in ≤ 8 taps from 首页, every tap on visible text, each primary action in view at
// 390×844 when tapped. No request the app makes may be answered 403 on the way (the home used to
// ask for cases, cards and companies while the person was only L1).
// Time is pinned: the stand-in starts at DEV_CLOCK_AT and the browser clock follows it (e2eStack).
// The mini-programs' one-tap login + phone binding is J2 there; it runs in the mini-program harness.
import type { Locator, Page } from 'playwright-core'
import { e2eStack, newPhone, shown, smsCode, type Tokens } from '../support/e2e'
import { Taps, inView } from '../support/journey'
import { msSince, recordJourney } from '../support/journey-report'
import { generateRegistry, ageOn, REFERENCE_DATE } from '../../mock/src/seed'
import { messages } from '../../src/domain/messages'

jest.setTimeout(150_000)

const SEED = 'journeys-j2'
const COUNTS = { citizens: 30, enterprises: 1 }
const registry = generateRegistry(SEED, COUNTS)
const citizen = registry.citizens.find((c) => ageOn(c.birthDate, REFERENCE_DATE) >= 20 && ageOn(c.birthDate, REFERENCE_DATE) < 70)!
const ta = messages.account
const home = messages.ui.home

const e2e = e2eStack({ seed: { name: SEED, ...COUNTS }, server: { holdBuildLock: process.env.H5_LOCK_HELD !== '1' } })

/** The visible button whose whole text is `label` (Taro's nav bar repeats page titles as text). */
function button(page: Page, label: string): Locator {
  return page.locator('.btn >> visible=true').filter({ hasText: new RegExp(`^\\s*${label}\\s*$`) }).first()
}

/** Typing, key by key as a person types (the live checks run on every input event): not a tap. */
async function typeIn(page: Page, id: string, value: string): Promise<void> {
  const input = page.locator(`#${id} input >> visible=true`).first()
  await input.waitFor({ state: 'visible', timeout: 20_000 })
  await input.fill('')
  await input.pressSequentially(value)
}

test('J2 new citizen: phone + SMS → 实名 → 人脸核验 → 首页 shows 我的事项 signed in, ≤ 8 taps, no 403 on the way', async () => {
  expect(citizen).toBeDefined()
  const page = await e2e.browser.context.newPage()
  const refused: string[] = []
  page.on('response', (r) => {
    if (r.status() === 403) refused.push(`${r.request().method()} ${new URL(r.url()).pathname}`)
  })
  const consoleRefusals: string[] = []
  page.on('console', (m) => {
    if (/\b403\b/.test(m.text())) consoleRefusals.push(m.text())
  })
  const phone = newPhone()
  const taps = new Taps(page)
  const inViewLog: string[] = []
  /** One counted tap on a primary button, which must be in view where the person is. */
  const tapPrimary = async (label: string) => {
    const b = button(page, label)
    const v = await inView(b)
    inViewLog.push(`${label}@${v.box ? Math.round(v.box.y) : '?'}`)
    expect({ label, inView: v.ok }).toEqual({ label, inView: true })
    await taps.on(b)
  }

  await page.goto(`${e2e.url}/`)
  await shown(page, home.mine.loggedOut)
  await tapPrimary(home.mine.login)

  // Phone + the code the stand-in SMS gateway sent.
  await typeIn(page, 'login-phone', phone)
  const sent = page.waitForResponse((r) => r.url().endsWith('/api/auth/sms'))
  await tapPrimary(ta.login.send)
  expect((await sent).status()).toBe(200)
  await typeIn(page, 'login-code', await smsCode(e2e.api, phone))
  await tapPrimary(ta.login.submit)

  // 实名: the consent is on the form; one button agrees and submits.
  await page.waitForURL(/\/packages\/account\/pages\/realname/, { timeout: 20_000 })
  await shown(page, ta.realName.consentTitle)
  await typeIn(page, 'rn-name', citizen.name)
  await typeIn(page, 'rn-id', citizen.idNumber)
  await shown(page, ta.realName.idOk)
  const rn = page.waitForResponse((r) => r.url().endsWith('/api/identity/real-name'))
  await tapPrimary(ta.realName.consentAndSubmit)
  expect((await rn).status()).toBe(200)
  await shown(page, ta.realName.done)

  // 人脸核验 with the stand-in liveness check (h5 has no vendor SDK; the stand-in path runs).
  await tapPrimary(ta.realName.toFace)
  await tapPrimary(ta.face.consentAgree)
  const challenge = (await page.locator('#face-challenge >> visible=true').textContent({ timeout: 20_000 }))!.match(/\d{6}/)![0]
  await typeIn(page, 'face-proof', challenge)
  const done = page.waitForResponse((r) => r.url().endsWith('/api/identity/face/complete'))
  await tapPrimary(ta.face.confirm)
  expect((await done).status()).toBe(200)
  await shown(page, ta.face.done)

  // The result page leads on: 完成 returns to where the person started, 首页.
  await tapPrimary(ta.face.finish)
  await page.waitForURL((u) => u.pathname === '/' || u.pathname.startsWith('/pages/home'), { timeout: 20_000 })
  const mine = page.locator('#home-mine >> visible=true')
  await mine.getByText(home.mine.nextBooking).waitFor({ state: 'visible', timeout: 20_000 })
  const homeMs = msSince(taps.firstTapAt)
  const text = await mine.innerText()
  expect(text).toContain(home.mine.cases.replace('{n}', '0'))
  expect(text).toContain(home.mine.noBooking)
  expect(text).not.toContain(home.mine.loggedOut)
  expect(text).not.toContain(home.mine.needRealName)

  // L3 reached, by the session the app holds.
  const session = JSON.parse((await page.evaluate(() => localStorage.getItem('zj.session')))!) as Tokens
  const me = await e2e.api<{ level: string }>('GET', '/api/me', undefined, session.accessToken)
  expect(me.level).toBe('L3')

  expect(taps.taken).toBeLessThanOrEqual(8)
  expect(refused).toEqual([])
  expect(consoleRefusals).toEqual([])
  console.log(`J2: ${taps.taken} taps (${taps.log.length} logged); primary actions in view at ${inViewLog.join(', ')}; 403s: ${refused.length}`)
  recordJourney({ id: 'J2', target: 'h5', taps: taps.taken, budget: 8, firstContentMs: homeMs, timed: 'the whole journey: tap on 登录 → 首页 with 我的事项 at L3, including typing key by key and the test reading the SMS outbox' })
  await page.close()
})

test('signed in at L1: 首页 asks for nothing L1 may not read, and offers 去实名认证', async () => {
  const page = await e2e.browser.context.newPage()
  const refused: string[] = []
  page.on('response', (r) => {
    if (r.status() === 403) refused.push(`${r.request().method()} ${new URL(r.url()).pathname}`)
  })
  const phone = newPhone()
  await e2e.api('POST', '/api/auth/sms', { phone })
  const tokens = await e2e.api<Tokens>('POST', '/api/auth/login', { phone, code: await smsCode(e2e.api, phone), channel: 'h5' })
  await page.goto(`${e2e.url}/pages/me/index`)
  await page.evaluate((s) => localStorage.setItem('zj.session', s), JSON.stringify(tokens))
  const asked: string[] = []
  page.on('request', (r) => {
    if (r.url().includes('/api/')) asked.push(new URL(r.url()).pathname)
  })
  await page.goto(`${e2e.url}/`)
  await shown(page, home.mine.needRealName)
  const next = button(page, home.mine.toRealName)
  expect((await inView(next)).ok).toBe(true)
  expect(asked).toContain('/api/me')
  for (const p of ['/api/cases', '/api/wallet/credentials', '/api/me/enterprises']) expect(asked).not.toContain(p)
  await next.click()
  await page.waitForURL(/\/packages\/account\/pages\/realname/, { timeout: 20_000 })
  await shown(page, ta.realName.consentTitle)
  expect(refused).toEqual([])
  await page.close()
})
