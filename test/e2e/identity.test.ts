// Identity in Chromium against the real stand-in (`npm start`'s script): a new user signs in with
// the code from the development SMS outbox, passes real name with a seeded citizen and the
// stand-in liveness check, and sees only masked personal data; a wrong check digit never leaves
// the page; repeated wrong codes bring up the lock screen.
//
// The seeded citizen comes from the same pure generator the server seeds from (same SEED and
// counts -> the same rows), so the test needs no back door into the server's database.
import type { Page, Request, Route } from 'playwright-core'
import { launchBrowser } from '../support/browser'
import { e2eStack, newPhone, shown, signInCitizen, smsCode, serverNow } from '../support/e2e'
import { generateRegistry, ageOn, REFERENCE_DATE } from '../../mock/src/seed'
import { format, messages } from '../../src/domain/messages'
import { tokenSender } from '../../src/domain/token'
import { chinaDate } from '../../src/domain/time'
import { maskIdNumber, maskName, maskPhone } from '../../src/domain/mask'
import { CONSENT_VERSION } from '../../src/domain/consent'

jest.setTimeout(90_000)

const SEED = 'e2e-identity'
const COUNTS = { citizens: 200, enterprises: 10 }
const ta = messages.account
const ROUTE = '/packages/account/pages'

const e2e = e2eStack({ seed: { name: SEED, ...COUNTS } })

const outboxCode = (phone: string) => smsCode(e2e.api, phone)

const input = (page: Page, id: string) => page.locator(`#${id} input`)

async function type(page: Page, id: string, value: string): Promise<void> {
  const el = input(page, id)
  await el.fill('')
  // Key by key, as a person types: the live checks run on every input event.
  await el.pressSequentially(value)
}

async function requestCode(page: Page, phone: string): Promise<void> {
  await page.goto(`${e2e.url}${ROUTE}/login`)
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
  const page = e2e.browser.page
  const realNameCalls: Request[] = []
  page.on('request', (r) => { if (r.url().endsWith('/api/identity/real-name')) realNameCalls.push(r) })

  const phone = newPhone()
  // Live phone check as typed.
  await page.goto(`${e2e.url}${ROUTE}/login`)
  await type(page, 'login-phone', '1381234')
  await shown(page, messages.validation.phone.format)
  // The policy the sentence under 登录 names is one tap away, and back leaves the form as it was.
  await page.locator('#login-policy').click()
  await page.waitForURL(/\/packages\/settings\/pages\/privacy/, { timeout: 15_000 })
  await page.goBack()
  await page.waitForURL(/\/packages\/account\/pages\/login/, { timeout: 15_000 })
  await requestCode(page, phone)
  await type(page, 'login-code', await outboxCode(phone))
  await page.locator('#login-submit').click()

  // A new account walks up to real name; the consent for ID processing is shown above the form
  // and given by its one button (同意授权并提交认证).
  await page.waitForURL(/\/packages\/account\/pages\/realname/, { timeout: 15_000 })
  await page.locator('#rn-consent').waitFor({ state: 'visible', timeout: 15_000 })
  await input(page, 'rn-name').waitFor({ state: 'visible', timeout: 15_000 })
  await type(page, 'rn-name', citizen.name)

  // A wrong check digit is refused on the page: message shown, no request sent.
  const wrong = citizen.idNumber.slice(0, 17) + (citizen.idNumber[17] === '0' ? '1' : '0')
  // Readable while typed (18 characters behind dots are easy to get wrong)…
  await type(page, 'rn-id', wrong.slice(0, 10))
  expect(await input(page, 'rn-id').getAttribute('type')).not.toBe('password')
  await input(page, 'rn-id').pressSequentially(wrong.slice(10))
  await shown(page, messages.validation.idNumber.checkDigit)
  // …and while the error asks to check it, also after leaving the field.
  await input(page, 'rn-name').focus()
  expect(await input(page, 'rn-id').getAttribute('type')).not.toBe('password')
  await page.locator('#rn-submit').click({ force: true })
  await page.waitForTimeout(500)
  expect(realNameCalls).toHaveLength(0)

  await type(page, 'rn-id', citizen.idNumber)
  await shown(page, ta.realName.idOk)
  // A good number is hidden once the person leaves the field: not left readable on screen.
  await input(page, 'rn-name').focus()
  // Masked as the app masks it everywhere (first and last character), not as password dots.
  await page.waitForFunction((m) => (document.querySelector('#rn-id input') as HTMLInputElement | null)?.value === m, maskIdNumber(citizen.idNumber), { timeout: 5_000 })
  expect(await input(page, 'rn-id').getAttribute('type')).not.toBe('password')
  const rn = page.waitForResponse((r) => r.url().endsWith('/api/identity/real-name'))
  await page.locator('#rn-submit').click()
  expect((await rn).status()).toBe(200)
  expect(realNameCalls).toHaveLength(1)
  await shown(page, ta.realName.done)
  await shown(page, maskIdNumber(citizen.idNumber))

  // L3 with the stand-in liveness provider (h5).
  await page.locator('#to-face').click()
  await page.waitForURL(/\/packages\/account\/pages\/face/, { timeout: 15_000 })
  // 同意并开始核验 both consents and starts.
  await page.locator('#consent-face').click()
  const challenge = (await page.locator('#face-challenge').textContent({ timeout: 15_000 }))!.match(/\d{6}/)![0]
  await type(page, 'face-proof', challenge)
  const done = page.waitForResponse((r) => r.url().endsWith('/api/identity/face/complete'))
  await page.locator('#face-confirm').click()
  expect((await done).status()).toBe(200)
  await page.locator('#face-done').waitFor({ state: 'visible', timeout: 15_000 })

  // Everything personal on 我的 and 账号与安全 is masked.
  for (const path of ['/pages/me/index', `${ROUTE}/security`]) {
    await page.goto(`${e2e.url}${path}`)
    await shown(page, maskName(citizen.name))
    const text = await page.locator('body').innerText()
    expect(text).not.toContain(citizen.name)
    expect(text).not.toContain(citizen.idNumber)
    expect(text).not.toContain(phone)
  }
  await shown(page, maskPhone(phone))
  await shown(page, ta.levels.L3)
  await shown(page, maskIdNumber(citizen.idNumber))
  expect(e2e.browser.pageErrors.filter((e) => !/status of 4\d\d/.test(e))).toEqual([])
})

/** A second real-named person, made through the API the app uses. */
async function realNamedUser(citizen: { name: string; idNumber: string }): Promise<string> {
  const phone = newPhone()
  await signInCitizen(e2e.api, citizen, { phone })
  return phone
}

test('代办: the L3 user from the first journey grants a mandate in the app and sees it listed', async () => {
  const registry = generateRegistry(SEED, COUNTS)
  const adults = registry.citizens.filter((c) => ageOn(c.birthDate, REFERENCE_DATE) >= 18 && [...c.name].length >= 2)
  const granteePhone = await realNamedUser(adults[adults.length - 1])
  const page = e2e.browser.page
  await page.goto(`${e2e.url}${ROUTE}/mandates`)
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
  const page = await e2e.browser.context.newPage()
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
  const fresh = await launchBrowser({ privacyAccepted: false, clockAt: await serverNow(e2e.api) })
  try {
    const page = fresh.page
    const g = messages.ui.privacyGuide
    await page.goto(e2e.url)
    await shown(page, g.title)
    await page.locator('#privacy-decline').click()
    await shown(page, g.declined)
    expect(await page.locator('#privacy-guide').count()).toBe(0)
    // Public content stays usable after declining.
    await shown(page, messages.ui.home.searchPlaceholder)

    await page.goto(`${e2e.url}${ROUTE}/login`)
    await shown(page, g.needForLogin)
    expect(await page.locator('#login-phone').count()).toBe(0)
    await page.locator('#privacy-agree').click()
    await page.locator('#login-phone').waitFor({ state: 'visible' })

    await page.goto(e2e.url)
    await shown(page, messages.ui.home.searchPlaceholder)
    expect(await page.locator('#privacy-guide').count()).toBe(0)
    expect(await page.evaluate(() => localStorage.getItem('zj.privacy.accepted'))).toBe(CONSENT_VERSION)
  } finally {
    await fresh.close()
  }
})

test('two tabs share one session: a sign-in and a sign-out in one show in the other without a reload', async () => {
  const registry = generateRegistry(SEED, COUNTS)
  const person = registry.citizens.filter((c) => ageOn(c.birthDate, REFERENCE_DATE) >= 20)[5]
  const tokens = await signInCitizen(e2e.api, person, { l3: false })
  const first = await e2e.browser.context.newPage()
  const second = await e2e.browser.context.newPage()
  try {
    await first.goto(e2e.url)
    await first.evaluate(() => localStorage.removeItem('zj.session'))
    await second.goto(e2e.url)
    await shown(second, messages.ui.home.mine.loggedOut)

    // Signed in in the first tab (what the login page stores): the second tab's 首页 follows.
    await first.evaluate((s) => localStorage.setItem('zj.session', s), JSON.stringify(tokens))
    await second.locator('#home-mine').waitFor({ state: 'visible', timeout: 15_000 })

    // Signed out there: here too, and the person's card goes with it.
    await first.evaluate(() => localStorage.removeItem('zj.session'))
    await shown(second, messages.ui.home.mine.loggedOut)
    expect(await second.locator('#home-mine').count()).toBe(0)
  } finally {
    await first.close()
    await second.close()
  }
})

test('退出登录 with an application still queued: a dialog says it waits for this person; signed out, the person is on 我的', async () => {
  const registry = generateRegistry(SEED, COUNTS)
  const person = registry.citizens.filter((c) => ageOn(c.birthDate, REFERENCE_DATE) >= 20)[7]
  const tokens = await signInCitizen(e2e.api, person, { l3: false })
  const page = await e2e.browser.context.newPage()
  // The queued application cannot go (the connection fails for it), so it is still waiting at sign-out.
  const down = (route: Route) => (route.request().method() === 'POST' ? route.abort('internetdisconnected') : route.continue())
  await e2e.browser.context.route('**/api/cases', down)
  try {
    await page.goto(e2e.url)
    const entry = { key: '00000000-0000-4000-8000-0000000000a1', body: { itemCode: '33020005008007000' }, title: '临时救助申请', at: 0, sender: tokenSender(tokens.accessToken) }
    await page.evaluate(
      ([s, o, v]) => {
        localStorage.setItem('zj.privacy.accepted', v)
        localStorage.setItem('zj.session', s)
        localStorage.setItem('zj.cases.outbox', o)
      },
      [JSON.stringify(tokens), JSON.stringify([entry]), CONSENT_VERSION] as const,
    )
    await page.goto(`${e2e.url}${ROUTE}/security`)
    const logout = page.getByText(ta.security.logout, { exact: true }).filter({ visible: true }).first()
    await logout.click()
    const warning = format(ta.security.pendingOnLogout, { n: 1 })
    await shown(page, warning)
    // 取消 keeps the person signed in, on this page.
    await page.getByText('取消', { exact: true }).filter({ visible: true }).first().click()
    await page.getByText(warning).filter({ visible: true }).waitFor({ state: 'hidden' })
    expect(page.url()).toContain(`${ROUTE}/security`)
    expect(await page.evaluate(() => localStorage.getItem('zj.session'))).not.toBeNull()

    await logout.click()
    await shown(page, warning)
    await page.getByText(ta.security.confirmLogout, { exact: true }).filter({ visible: true }).first().click()
    // On 我的, signed out, not on an empty 账号与安全.
    await page.waitForURL(/\/pages\/me\/index/, { timeout: 15_000 })
    await shown(page, messages.ui.me.loggedOut)
    expect(await page.evaluate(() => localStorage.getItem('zj.session'))).toBeNull()
    // The application is still on the device, bound to its sender, for their next sign-in.
    const kept = await page.evaluate(() => JSON.parse(localStorage.getItem('zj.cases.outbox') ?? '[]') as Array<{ sender?: string }>)
    expect(kept.map((e) => e.sender)).toEqual([entry.sender])
  } finally {
    await e2e.browser.context.unroute('**/api/cases', down)
    await page.close()
  }
})

test('隐私政策 shows the person\'s own status: not yet agreed, then agreed with version and date; 去隐私设置 is the way to withdraw', async () => {
  const now = await serverNow(e2e.api)
  const fresh = await launchBrowser({ privacyAccepted: false, clockAt: now })
  try {
    const page = fresh.page
    const p = messages.ui.privacy
    await page.goto(`${e2e.url}/packages/settings/pages/privacy`)
    await shown(page, format(p.notAgreed, { version: CONSENT_VERSION }))

    await page.goto(e2e.url)
    await page.locator('#privacy-agree').click()
    await page.goto(`${e2e.url}/packages/settings/pages/privacy`)
    const status = page.locator('#privacy-status').filter({ visible: true }).first()
    await status.waitFor({ state: 'visible', timeout: 20_000 })
    // The date the person agreed on (China time), and the version they agreed to.
    expect(await status.innerText()).toMatch(new RegExp(`您已于 ${chinaDate(now)} \\d\\d:\\d\\d 同意本政策（${CONSENT_VERSION} 版）`))
    await status.getByText(p.toSettings, { exact: true }).click()
    await page.waitForURL(/\/packages\/account\/pages\/privacy/, { timeout: 15_000 })
  } finally {
    await fresh.close()
  }
})
