// Issue 25 in Chromium: an admin account on a one-time password (as the bootstrap command makes
// it: must change the password, TOTP not yet enrolled) signs in for the first time through the
// app's screens: the sign-in answers with the setup step, a code of the new secret and a new
// password finish it, and the staff home opens. The server runs with DEMO=1, so the scanner
// shows the 演示环境 marker in view (a demo's verdicts must never pass for real ones).
import { base32Decode, totp } from '../../mock/src/identity/totp'
import { messages } from '../../src/domain/messages'
import { e2eStack, serverNow, staffLogin } from '../support/e2e'
import { inView } from '../support/taps'

jest.setTimeout(240_000)

const e2e = e2eStack({ server: { env: { DEMO: '1' } } })
const ts = messages.staff.setup

test('first sign-in of an admin on a one-time password: setup screen, new password and TOTP proof, then the staff home; DEMO=1 marks the scanner', async () => {
  const api = e2e.api
  // The account as bootstrap leaves it: a one-time password, a fresh secret, no enrolment yet.
  const admin = await staffLogin(api, 'admin')
  const once = 'Once-Admin-2026-x7'
  const created = await api<{ totpSecret: string; otpauthUri: string }>('POST', '/api/staff/accounts', { username: 'admin09', displayName: '新管理员', password: once, roles: ['admin'], hallIds: [] }, admin.accessToken)
  expect(created.otpauthUri).toMatch(/^otpauth:\/\/totp\//)
  const code = async () => totp(base32Decode(created.totpSecret), await serverNow(api))

  const page = e2e.page
  // The login form turns into the setup step in place: nothing may throw on the way.
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`))
  page.on('console', (m) => {
    // Chromium logs each refused request (the 403 setup answer, the 400 weak password) itself.
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(`console.error: ${m.text()}`)
  })
  await page.goto(`${e2e.url}/packages/staff/pages/login`)
  await page.locator('#staff-username input').fill('admin09')
  await page.locator('#staff-password input').fill(once)
  await page.locator('#staff-totp input').fill(await code())
  await page.locator('#staff-login').click()
  // No session yet: the setup step on the same page, asking for a fresh code and a new password.
  await page.locator('#staff-setup-totp input').waitFor({ state: 'visible', timeout: 20_000 })
  expect(await page.getByText(ts.intro).filter({ visible: true }).count()).toBe(1)
  expect(await page.evaluate(() => localStorage.getItem('staff:zj.session'))).toBeNull()
  // A weak new password is refused with the rule, and nothing is lost.
  await page.locator('#staff-setup-totp input').fill(await code())
  await page.locator('#staff-new-password input').fill('short1')
  await page.locator('#staff-confirm-password input').fill('short1')
  await page.locator('#staff-setup').click()
  await page.getByText(messages.api.errors.STAFF_PASSWORD_WEAK).filter({ visible: true }).first().waitFor({ timeout: 20_000 })
  expect(await page.locator('#staff-new-password input').inputValue()).toBe('short1')
  // The refused attempt spent nothing: the same step's code still proves the enrolment.
  const fresh = 'Harbour-Admin-2026-q4'
  await page.locator('#staff-new-password input').fill(fresh)
  await page.locator('#staff-confirm-password input').fill(fresh)
  await page.locator('#staff-setup').click()
  await page.waitForURL(/\/packages\/staff\/pages\/index/, { timeout: 20_000 })
  expect(await page.evaluate(() => localStorage.getItem('staff:zj.session'))).not.toBeNull()

  // The one-time password is gone.
  await expect(api('POST', '/api/staff/login', { username: 'admin09', password: once, totp: await code() })).rejects.toThrow(/: 401 .*STAFF_LOGIN_FAILED/)

  // DEMO=1: the scanner says 演示环境 where the officer looks.
  await page.goto(`${e2e.url}/packages/staff/pages/scan`)
  const banner = page.locator('#demo-banner').filter({ visible: true }).first()
  await banner.waitFor({ state: 'visible', timeout: 20_000 })
  expect(await banner.innerText()).toContain('演示环境')
  expect(await inView(banner)).toBe(true)
  expect(errors).toEqual([])
})
