// Identity in Chromium against the real stand-in (`npm start`'s script): a new user signs in with
// the code from the development SMS outbox, passes real name with a seeded citizen and the
// stand-in liveness check, and sees only masked personal data; a wrong check digit never leaves
// the page; repeated wrong codes bring up the lock screen.
//
// The seeded citizen comes from the same pure generator the server seeds from (same SEED and
// counts -> the same rows), so the test needs no back door into the server's database.
import type { Page, Request } from 'playwright-core'
import { launchBrowser, type BrowserSession } from '../support/browser'
import { startServer, type RunningServer } from '../support/server'
import { generateRegistry, ageOn, REFERENCE_DATE } from '../../mock/src/seed'
import { messages } from '../../src/domain/messages'
import { maskIdNumber, maskName, maskPhone } from '../../src/domain/mask'

jest.setTimeout(90_000)

const SEED = 'e2e-identity'
const COUNTS = { citizens: 200, enterprises: 10 }
const ta = messages.account
const ROUTE = '/packages/account/pages'

let server: RunningServer
let browser: BrowserSession

beforeAll(async () => {
  const [s, b] = await Promise.allSettled([
    startServer({ timeoutMs: 170_000, env: { SEED, SEED_CITIZENS: String(COUNTS.citizens), SEED_ENTERPRISES: String(COUNTS.enterprises) } }),
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

let phoneSeq = 0
function newPhone(): string {
  phoneSeq++
  return `1990${String(process.pid % 10000).padStart(4, '0')}${String(phoneSeq).padStart(3, '0')}`
}

async function outboxCode(phone: string): Promise<string> {
  const res = await fetch(`${server.url}/api/dev/sms-outbox?phone=${phone}`)
  expect(res.status).toBe(200)
  const body = (await res.json()) as { items: { code: string }[] }
  const code = body.items[0]?.code
  if (!code) throw new Error('no code in the outbox')
  return code
}

const input = (page: Page, id: string) => page.locator(`#${id} input`)
const shown = (page: Page, text: string) => page.getByText(text, { exact: false }).first().waitFor({ state: 'visible', timeout: 15_000 })

async function type(page: Page, id: string, value: string): Promise<void> {
  const el = input(page, id)
  await el.fill('')
  // Key by key, as a person types: the live checks run on every input event.
  await el.pressSequentially(value)
}

async function requestCode(page: Page, phone: string): Promise<void> {
  await page.goto(`${server.url}${ROUTE}/login`)
  await type(page, 'login-phone', phone)
  const sent = page.waitForResponse((r) => r.url().endsWith('/api/auth/sms'))
  await page.locator('#login-send').click()
  expect((await sent).status()).toBe(200)
  // The button counts down from 60 s.
  const countdown = new RegExp(ta.login.resendIn.replace('{seconds}', '\\d+'))
  await page.getByText(countdown).first().waitFor({ state: 'visible', timeout: 15_000 })
}

test('new user: SMS login, real name with a seeded citizen, stand-in L3, only masked data on screen', async () => {
  const registry = generateRegistry(SEED, COUNTS)
  const citizen = registry.citizens.find((c) => ageOn(c.birthDate, REFERENCE_DATE) >= 18 && [...c.name].length >= 2)!
  expect(citizen).toBeDefined()
  const page = browser.page
  const realNameCalls: Request[] = []
  page.on('request', (r) => { if (r.url().endsWith('/api/identity/real-name')) realNameCalls.push(r) })

  const phone = newPhone()
  // Live phone check as typed.
  await page.goto(`${server.url}${ROUTE}/login`)
  await type(page, 'login-phone', '1381234')
  await shown(page, messages.validation.phone.format)
  await requestCode(page, phone)
  await type(page, 'login-code', await outboxCode(phone))
  await page.locator('#login-submit').click()

  // A new account walks up to real name; consent for ID processing comes first.
  await page.waitForURL(/\/packages\/account\/pages\/realname/, { timeout: 15_000 })
  await page.locator('#consent-id').click()
  await input(page, 'rn-name').waitFor({ state: 'visible', timeout: 15_000 })
  await type(page, 'rn-name', citizen.name)

  // A wrong check digit is refused on the page: message shown, no request sent.
  const wrong = citizen.idNumber.slice(0, 17) + (citizen.idNumber[17] === '0' ? '1' : '0')
  await type(page, 'rn-id', wrong)
  await shown(page, messages.validation.idNumber.checkDigit)
  await page.locator('#rn-submit').click({ force: true })
  await page.waitForTimeout(500)
  expect(realNameCalls).toHaveLength(0)

  await type(page, 'rn-id', citizen.idNumber)
  await shown(page, ta.realName.idOk)
  const rn = page.waitForResponse((r) => r.url().endsWith('/api/identity/real-name'))
  await page.locator('#rn-submit').click()
  expect((await rn).status()).toBe(200)
  expect(realNameCalls).toHaveLength(1)
  await shown(page, ta.realName.done)
  await shown(page, maskIdNumber(citizen.idNumber))

  // L3 with the stand-in liveness provider (h5).
  await page.locator('#to-face').click()
  await page.waitForURL(/\/packages\/account\/pages\/face/, { timeout: 15_000 })
  await page.locator('#consent-face').click()
  await page.locator('#face-start').click()
  const challenge = (await page.locator('#face-challenge').textContent({ timeout: 15_000 }))!.match(/\d{6}/)![0]
  await type(page, 'face-proof', challenge)
  const done = page.waitForResponse((r) => r.url().endsWith('/api/identity/face/complete'))
  await page.locator('#face-confirm').click()
  expect((await done).status()).toBe(200)
  await page.locator('#face-done').waitFor({ state: 'visible', timeout: 15_000 })

  // Everything personal on 我的 and 账号与安全 is masked.
  for (const path of ['/pages/me/index', `${ROUTE}/security`]) {
    await page.goto(`${server.url}${path}`)
    await shown(page, maskName(citizen.name))
    const text = await page.locator('body').innerText()
    expect(text).not.toContain(citizen.name)
    expect(text).not.toContain(citizen.idNumber)
    expect(text).not.toContain(phone)
  }
  await shown(page, maskPhone(phone))
  await shown(page, ta.levels.L3)
  await shown(page, maskIdNumber(citizen.idNumber))
  expect(browser.pageErrors.filter((e) => !/status of 4\d\d/.test(e))).toEqual([])
})

async function api(path: string, body: unknown, token?: string): Promise<any> {
  const res = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID(), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  })
  const json = await res.json()
  if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`)
  return json
}

/** A second real-named person, made through the API the app uses. */
async function realNamedUser(citizen: { name: string; idNumber: string }): Promise<string> {
  const phone = newPhone()
  await api('/api/auth/sms', { phone, purpose: 'login' })
  const tokens = await api('/api/auth/login', { phone, code: await outboxCode(phone) })
  await api('/api/me/consents', { kind: 'id_processing', version: '2026-11', granted: true }, tokens.accessToken)
  await api('/api/identity/real-name', { name: citizen.name, idNumber: citizen.idNumber }, tokens.accessToken)
  return phone
}

test('代办: the L3 user from the first journey grants a mandate in the app and sees it listed', async () => {
  const registry = generateRegistry(SEED, COUNTS)
  const adults = registry.citizens.filter((c) => ageOn(c.birthDate, REFERENCE_DATE) >= 18 && [...c.name].length >= 2)
  const granteePhone = await realNamedUser(adults[adults.length - 1])
  const page = browser.page
  await page.goto(`${server.url}${ROUTE}/mandates`)
  await page.locator('#mandate-grant').click()
  await page.waitForURL(/\/packages\/account\/pages\/grant/, { timeout: 15_000 })
  await type(page, 'grant-phone', granteePhone)
  await page.locator('#grant-socialSecurity').click()
  await page.locator('#grant-retirement').click()
  await page.locator('#grant-days-7').click()
  const created = page.waitForResponse((r) => r.url().endsWith('/api/me/mandates') && r.request().method() === 'POST')
  await page.locator('#grant-submit').click()
  expect((await created).status()).toBe(201)
  // Back on 我的授权 with the new mandate: counterpart masked, categories named.
  await page.waitForURL(/\/packages\/account\/pages\/mandates/, { timeout: 15_000 })
  await shown(page, ta.mandates.categories.replace('{list}', `${ta.dataScope.socialSecurity}、${messages.catalog.lifeEvent.retirement}`))
  const text = await page.locator('body').innerText()
  expect(text).not.toContain(adults[adults.length - 1].name)
})

test('repeated wrong codes bring up the lock screen with the time left', async () => {
  const page = await browser.context.newPage()
  const phone = newPhone()
  await requestCode(page, phone)
  const real = await outboxCode(phone)
  const wrongCode = real === '000000' ? '111111' : '000000'
  for (let i = 0; i < 10; i++) {
    await type(page, 'login-code', wrongCode)
    const res = page.waitForResponse((r) => r.url().endsWith('/api/auth/login'))
    await page.locator('#login-submit').click()
    const status = (await res).status()
    if (status === 423) break
    expect(status).toBe(400)
  }
  await shown(page, ta.locked.title)
  const left = await page.locator('#lock-left').textContent()
  // About an hour: 59 or 60 minutes.
  expect(left).toMatch(/剩余时间：(59|60)分\d+秒/)
  await page.close()
})

test('first launch: privacy guide on 首页; 仅浏览 keeps browsing; login waits for consent; agreeing is remembered', async () => {
  const fresh = await launchBrowser({ privacyAccepted: false })
  try {
    const page = fresh.page
    const g = messages.ui.privacyGuide
    await page.goto(server.url)
    await shown(page, g.title)
    await page.locator('#privacy-decline').click()
    await shown(page, g.declined)
    expect(await page.locator('#privacy-guide').count()).toBe(0)
    // Public content stays usable after declining.
    await shown(page, messages.ui.home.searchPlaceholder)

    await page.goto(`${server.url}${ROUTE}/login`)
    await shown(page, g.needForLogin)
    expect(await page.locator('#login-phone').count()).toBe(0)
    await page.locator('#privacy-agree').click()
    await page.locator('#login-phone').waitFor({ state: 'visible' })

    await page.goto(server.url)
    await shown(page, messages.ui.home.searchPlaceholder)
    expect(await page.locator('#privacy-guide').count()).toBe(0)
    expect(await page.evaluate(() => localStorage.getItem('zj.privacy.accepted'))).toBe('2026-11')
  } finally {
    await fresh.close()
  }
})
