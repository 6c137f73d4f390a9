// 电子证照 in Chromium against the real stand-in: a citizen at L3 presents the 电子社保卡 showing only
// 年满18周岁; the QR drawn on the page is screenshotted and decoded by zbarimg (Debian zbar-tools),
// then checked by an independent verifier written only against GET /api/keys (node:crypto). Hall
// staff sign in, cache the key set and revocation list, and verify the code with the network cut;
// a changed code is refused; the offline record is uploaded later and the holder sees it in
// 谁查验了我的证照.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { e2eStack, newPhone, serverNow } from '../support/e2e'
import { independentVerify } from '../support/independent-verifier'
import { STAFF_PAGE, WALLET_PAGE, citizenL3, keySet, staffLogin, tapToQr, storeSession } from '../support/wallet-flow'
import { generateRegistry, ageOn, REFERENCE_DATE } from '../../mock/src/seed'
import { messages } from '../../src/domain/messages'
import { CONSENT_VERSION } from '../../src/domain/consent'

jest.setTimeout(120_000)

const SEED = 'e2e-wallet'
const COUNTS = { citizens: 60, enterprises: 5 }
const w = messages.wallet

const e2e = e2eStack({ seed: { name: SEED, ...COUNTS } })
let tmp: string
beforeAll(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zhijian-wallet-')) })
afterAll(() => { if (tmp) fs.rmSync(tmp, { recursive: true, force: true }) })

test('QR drawn in Chromium -> zbarimg -> independent verifier; staff verify offline; holder sees the check', async () => {
  const registry = generateRegistry(SEED, COUNTS)
  const citizen = registry.citizens.find((c) => ageOn(c.birthDate, REFERENCE_DATE) >= 20 && ageOn(c.birthDate, REFERENCE_DATE) < 70)!
  const tokens = await citizenL3(e2e.url, citizen, newPhone())
  const page = e2e.browser.page
  await storeSession(page, e2e.url, tokens)

  // The card list, masked; 亮证 from the 电子社保卡.
  await page.goto(`${e2e.url}${WALLET_PAGE}/index`)
  await page.locator('#cred-ssc').waitFor({ state: 'visible', timeout: 20_000 })
  const listText = await page.locator('body').innerText()
  expect(listText).not.toContain(citizen.name)
  expect(listText).not.toContain(citizen.idNumber)
  await page.locator('#present-ssc').click()
  await page.waitForURL(/\/packages\/wallet\/pages\/present/, { timeout: 15_000 })

  // Show only 年满18周岁: untick the defaults, tick a18.
  await page.locator('#disclose-a18').waitFor({ state: 'visible', timeout: 15_000 })
  for (const k of ['n', 'no']) await page.locator(`#disclose-${k}`).click()
  await page.locator('#disclose-a18').click()
  const { code, ms } = await tapToQr(page)
  expect(ms).toBeGreaterThan(0)
  expect(code.length).toBeLessThanOrEqual(400)
  await page.locator('.wallet-live-bar').waitFor({ state: 'visible' })

  // Screenshot -> zbarimg -> the same text.
  const shot = path.join(tmp, 'qr.png')
  await page.locator('#present-qr').screenshot({ path: shot })
  const decoded = execFileSync('zbarimg', ['-q', '--raw', shot], { encoding: 'utf8' }).trim()
  expect(decoded).toBe(code)

  // The independent verifier (node:crypto, only the published key set) accepts it.
  const keys = await keySet(e2e.url)
  const ind = independentVerify(decoded, keys, { now: await serverNow(e2e.api) })
  expect(ind.ok).toBe(true)
  if (ind.ok) {
    expect(ind.header.typ).toBe('zj.cred')
    expect(ind.payload.d).toEqual({ a18: 1 })
  }

  // h5 hides the code while the page is hidden.
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' })
    document.dispatchEvent(new Event('visibilitychange'))
  })
  expect(await page.locator('#present-qr-box').evaluate((el) => getComputedStyle(el).visibility)).toBe('hidden')
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' })
    document.dispatchEvent(new Event('visibilitychange'))
  })

  // Staff: a second tab signs in (TOTP), caches keys + revocations, then the network is cut.
  const staffPage = await e2e.browser.context.newPage()
  const staffTokens = await staffLogin(e2e.url)
  await storeSession(staffPage, e2e.url, staffTokens, 'staff:zj.session')
  await staffPage.goto(`${e2e.url}${STAFF_PAGE}/scan`)
  const revAge = staffPage.locator('#scan-rev-age')
  await revAge.waitFor({ state: 'visible', timeout: 20_000 })
  await staffPage.waitForFunction((never) => !document.querySelector('#scan-rev-age')?.textContent?.includes(never), messages.staff.ago.never, { timeout: 15_000 })

  await e2e.browser.context.setOffline(true)
  await staffPage.locator('#scan-offline').waitFor({ state: 'visible', timeout: 10_000 })
  const paste = async (text: string) => {
    await staffPage.locator('#scan-code textarea').fill(text)
    await staffPage.locator('#scan-verify').click()
  }
  await paste(decoded)
  await staffPage.locator('#scan-verdict').waitFor({ state: 'visible', timeout: 10_000 })
  expect(await staffPage.locator('#scan-verdict').innerText()).toContain(w.results.valid)
  expect(await staffPage.locator('#scan-field-a18').innerText()).toContain(w.yes)
  // Only the disclosed field is on screen.
  const resultText = await staffPage.locator('#scan-result').innerText()
  expect(resultText).not.toContain(citizen.name)
  expect(resultText).not.toContain(w.fields.n)

  // One changed field (18+ -> not 18+) under the original signature: refused, offline.
  const [h, p, s] = decoded.split('.')
  const claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'))
  const changed = `${h}.${Buffer.from(JSON.stringify({ ...claims, d: { a18: 0 } })).toString('base64url')}.${s}`
  await paste(changed)
  await staffPage.waitForFunction((text) => document.querySelector('#scan-verdict')?.textContent?.includes(text), w.results.bad_signature, { timeout: 10_000 })

  // Back online: the queued offline records are uploaded; the holder sees who checked.
  await e2e.browser.context.setOffline(false)
  await staffPage.locator('#scan-offline').waitFor({ state: 'detached', timeout: 10_000 })
  await page.goto(`${e2e.url}${WALLET_PAGE}/checks`)
  await page.locator('#wallet-checks').getByText(w.checks.offline).first().waitFor({ state: 'visible', timeout: 20_000 })
  const checks = await page.locator('#wallet-checks').innerText()
  expect(checks).toContain(w.types.ssc)
  expect(checks).toContain(w.fields.a18)
  await staffPage.close()
})

test('卡包 signed out: the same login card as 查询 (text and 去登录 in one card); the login opens on top and 返回 comes back', async () => {
  const page = await e2e.browser.context.newPage()
  try {
    await page.goto(e2e.url)
    await page.evaluate((v) => {
      localStorage.removeItem('zj.session')
      localStorage.setItem('zj.privacy.accepted', v)
    }, CONSENT_VERSION)
    for (const [route, text] of [[`${WALLET_PAGE}/index`, w.list.needLogin], ['/packages/records/pages/social', messages.records.common.needLogin]] as const) {
      await page.goto(`${e2e.url}${route}`)
      const card = page.locator('.card', { hasText: text }).filter({ visible: true }).first()
      await card.waitFor({ state: 'visible', timeout: 20_000 })
      // The button is inside that card, not loose on the page.
      await card.getByText(messages.account.common.goLogin, { exact: true }).waitFor({ state: 'visible' })
    }
    await page.goto(`${e2e.url}${WALLET_PAGE}/index`)
    const card = page.locator('.card', { hasText: w.list.needLogin }).filter({ visible: true }).first()
    await card.getByText(messages.account.common.goLogin, { exact: true }).click()
    await page.waitForURL(/\/packages\/account\/pages\/login/, { timeout: 15_000 })
    await page.goBack()
    await page.waitForURL((u) => u.pathname === `${WALLET_PAGE}/index`, { timeout: 15_000 })
  } finally {
    await page.close()
  }
})
