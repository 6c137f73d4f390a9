// 网上办 in Chromium against the real stand-in: apply from a guide with an upload and a 告知承诺 →
// officer accepts (staff page) → asks for a supplement → applicant supplements → officer concludes
// → applicant rates; a 秒批 item end to end; and the network cut mid-submit: the outbox resends
// with the same Idempotency-Key when it returns, and exactly one case exists.
import path from 'node:path'
import type { Page } from 'playwright-core'
import { e2eStack, shown, signInCitizen, staffLogin, type Tokens } from '../support/e2e'
import { generateRegistry, ageOn } from '../../mock/src/seed'
import { caseFlagsFor } from '../../mock/src/cases/seed'
import { messages } from '../../src/domain/messages'

jest.setTimeout(180_000)

const SEED = 'e2e-cases'
const COUNTS = { citizens: 120, enterprises: 3 }
const RELIEF = '33020005008007000' // 临时救助申请
const ELDER = '33020005008004000' // 高龄津贴申领
const IMAGE = path.resolve(__dirname, '../../src/assets/tabbar/home.png')
const t = messages.cases

const e2e = e2eStack({ seed: { name: SEED, ...COUNTS }, timeoutMs: 480_000 })
const api = e2e.api

const registry = generateRegistry(SEED, COUNTS)
const REF = '2026-11-22'
const plain = registry.citizens.filter((c) => {
  const f = caseFlagsFor(SEED, c)
  const age = ageOn(c.birthDate, REF)
  return age >= 20 && age < 70 && !f.dishonest && !f.deceased && !f.receivingElderAllowance
})
const elder = registry.citizens.find((c) => {
  const f = caseFlagsFor(SEED, c)
  return ageOn(c.birthDate, REF) >= 81 && c.householdRegionCode.startsWith('3302') && !f.dishonest && !f.deceased && !f.receivingElderAllowance
})

const citizen = (c: { name: string; idNumber: string }, l3: boolean) => signInCitizen(api, c, { l3 })

const staffTokens = new Map<string, Promise<Tokens>>()
/** One login per role for the suite (a TOTP code is good once). */
function staff(which: 'window' | 'approver'): Promise<Tokens> {
  if (!staffTokens.has(which)) staffTokens.set(which, staffLogin(api, which))
  return staffTokens.get(which)!
}
const staffAccess = async (which: 'window' | 'approver') => (await staff(which)).accessToken

async function signIn(page: Page, tokens: object, draft?: { code: string; values: Record<string, string> }): Promise<void> {
  await page.goto(`${e2e.url}/`)
  await page.evaluate(
    ([s, d]) => {
      localStorage.clear()
      localStorage.setItem('zj.privacy.accepted', '2026-11')
      localStorage.setItem('zj.session', s)
      if (d) {
        const doc = JSON.parse(d) as { code: string; values: Record<string, string> }
        localStorage.setItem(`zj.cases.draft.i.${doc.code}`, JSON.stringify({ clientRef: crypto.randomUUID(), values: doc.values, materials: {} }))
      }
    },
    [JSON.stringify(tokens), draft ? JSON.stringify(draft) : ''] as const,
  )
}

async function uploadVia(page: Page, button: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser')
  await page.locator(button).first().click()
  await (await chooser).setFiles(IMAGE)
}

const RELIEF_VALUES = { region: '330203' }

it('apply with an upload and a commitment → accept → supplement → conclude → rate', async () => {
  const page = e2e.browser.page
  const tokens = await citizen(plain[0], true)
  await signIn(page, tokens, { code: RELIEF, values: RELIEF_VALUES })
  // From the guide's 在线办理 button.
  await page.goto(`${e2e.url}/packages/catalog/pages/guide?code=${RELIEF}`)
  await page.locator('#guide-apply').click()
  await shown(page, t.apply.sectionMaterials)
  await shown(page, t.apply.draftRestored)
  await page.locator('#apply-phone input, input#apply-phone').first().fill('13800138000')
  await page.locator('#apply-address input, input#apply-address').first().fill('海曙区中山西路1号')
  // 居民身份证: upload a photo instead of the shared copy.
  await page.locator('#material-居民身份证').getByText(t.modes.upload, { exact: true }).click()
  await uploadVia(page, '[id="upload-居民身份证"]')
  await page.locator('#material-居民身份证').getByText(/已上传|KB/).first().waitFor({ timeout: 20_000 })
  // 困难情况说明: sign the 告知承诺 after reading it.
  await page.locator('#material-困难情况说明').getByText(t.modes.commitment, { exact: true }).click()
  await shown(page, '虚假承诺的后果')
  await page.locator('[id="agree-困难情况说明"]').click()
  await page.locator('#apply-submit').click()
  await shown(page, t.result.title)
  const number = (await page.locator('.case-number').first().textContent())!.trim()
  const queryCode = (await page.locator('.case-query-code').first().textContent())!.trim()
  expect(number).toMatch(/^ZJ\d{14}$/)

  const mine = await api<{ items: { id: string; number: string }[] }>('GET', '/api/cases', undefined, tokens.accessToken)
  const id = mine.items.find((c) => c.number === number)!.id

  // The window clerk accepts on the staff page.
  await page.evaluate((s) => localStorage.setItem('staff:zj.session', s), JSON.stringify(await staff('window')))
  await page.goto(`${e2e.url}/packages/staff/pages/cases`)
  await page.locator(`[id="staff-row-${number}"]`).click()
  await page.locator('#staff-accept').click()
  await page.locator('#staff-case-state').getByText(t.states.accepted).waitFor({ timeout: 20_000 })
  // …and asks for a clearer ID photo (the clock pauses).
  await api('POST', `/api/staff/cases/${id}/requestSupplement`, { comment: '身份证照片不清晰', materials: ['居民身份证'] }, await staffAccess('window'))

  // The applicant supplements from 我的办件.
  await page.goto(`${e2e.url}/packages/cases/pages/index`)
  await page.getByText(number).first().click()
  await shown(page, '身份证照片不清晰')
  await uploadVia(page, '[id="pick-居民身份证"]')
  await page.locator('#case-supplement').getByText('home').first().waitFor({ timeout: 20_000 })
  await page.locator('#supplement-submit').click()
  await page.locator('#case-state').getByText(t.states.supplemented).waitFor({ timeout: 20_000 })

  // Officers conclude.
  await api('POST', `/api/staff/cases/${id}/accept`, {}, await staffAccess('window'))
  await api('POST', `/api/staff/cases/${id}/startReview`, {}, await staffAccess('approver'))
  await api('POST', `/api/staff/cases/${id}/approve`, { comment: '符合条件' }, await staffAccess('approver'))

  // The applicant sees the timeline and rates once.
  await page.reload()
  await page.locator('#case-state').getByText(t.states.approved).waitFor({ timeout: 20_000 })
  await shown(page, '符合条件')
  await page.locator('#rate-5').click()
  await page.getByText('办事快', { exact: true }).click()
  await page.locator('#rate-submit').click()
  await shown(page, t.detail.rated)
  expect(await page.locator('#case-rating').count()).toBe(0)

  // Anyone with the number and the query code sees the progress without logging in.
  await page.evaluate(() => localStorage.removeItem('zj.session'))
  await page.goto(`${e2e.url}/packages/cases/pages/lookup?number=${number}`)
  await page.locator('#lookup-code input, input#lookup-code').first().fill(queryCode)
  await page.locator('#lookup-submit').click()
  await page.locator('#lookup-result').getByText(t.states.approved).first().waitFor({ timeout: 20_000 })
})

it('秒批: an elder applies for 高龄津贴 and it is approved at once, with the rules shown', async () => {
  if (!elder) throw new Error('seed has no elder who qualifies')
  const page = e2e.browser.page
  const tokens = await citizen(elder, false)
  await signIn(page, tokens, { code: ELDER, values: { phone: '13800138000', region: '330203', address: '海曙区', bankName: '宁波银行', bankAccount: '6222020000001234' } })
  await page.goto(`${e2e.url}/packages/apply/pages/index?code=${ELDER}`)
  await shown(page, t.apply.sectionRules)
  await page.locator('[id="material-本人社会保障卡或银行账户信息"]').getByText(t.modes.upload, { exact: true }).click()
  await uploadVia(page, '[id="upload-本人社会保障卡或银行账户信息"]')
  await page.locator('[id="material-本人社会保障卡或银行账户信息"]').getByText(/KB/).first().waitFor({ timeout: 20_000 })
  await page.locator('#apply-submit').click()
  await shown(page, t.result.autoApproved)
  await shown(page, t.states.delivered)
  await page.getByText(t.result.viewCase).first().click()
  await shown(page, t.detail.rules)
  await shown(page, '年满80周岁')
  // The electronic result is in the wallet.
  const wallet = await api<{ items: Array<{ type: string; title?: string }> }>('GET', '/api/wallet/credentials', undefined, tokens.accessToken)
  expect(wallet.items.filter((c) => c.type === 'bn')).toHaveLength(1)
})

it('the network drops mid-submit: the outbox resends when it returns and exactly one case exists', async () => {
  const page = e2e.browser.page
  const tokens = await citizen(plain[1], false)
  await signIn(page, tokens, { code: RELIEF, values: { ...RELIEF_VALUES, phone: '13800138000', address: '江北区' } })
  await page.goto(`${e2e.url}/packages/apply/pages/index?code=${RELIEF}`)
  await shown(page, t.apply.sectionMaterials)
  await page.locator('#material-困难情况说明').getByText(t.modes.deferred, { exact: true }).click()
  // Past the service worker (a mini-program has none, and page.route cannot see a worker's
  // requests): this is the app's own outbox at work.
  const cdp = await e2e.browser.cdp(page)
  await cdp.send('Network.enable')
  await cdp.send('Network.setBypassServiceWorker', { bypass: true })
  // The request reaches the server (which makes the case) but the answer never comes back.
  let reached = 0
  await page.route(
    '**/api/cases',
    async (route) => {
      if (route.request().method() !== 'POST') return route.continue()
      reached++
      await route.fetch()
      await e2e.browser.context.setOffline(true)
      await route.abort('internetdisconnected')
    },
    { times: 1 },
  )
  await page.locator('#apply-submit').click()
  await page.locator('#apply-queued').waitFor({ timeout: 20_000 })
  expect(reached).toBe(1)
  const waiting = await page.evaluate(() => JSON.parse(localStorage.getItem('zj.cases.outbox') ?? '[]').length)
  expect(waiting).toBe(1)
  // Back online: the outbox sends by itself with the same key; the server replays.
  await e2e.browser.context.setOffline(false)
  await page.waitForFunction(() => JSON.parse(localStorage.getItem('zj.cases.outbox') ?? '[]').length === 0, undefined, { timeout: 30_000 })
  const mine = await api<{ items: { itemCode: string }[] }>('GET', '/api/cases', undefined, tokens.accessToken)
  expect(mine.items.filter((c) => c.itemCode === RELIEF)).toHaveLength(1)
  await page.goto(`${e2e.url}/packages/cases/pages/index`)
  await page.locator('#cases-list .list-row').first().waitFor({ timeout: 20_000 })
  expect(await page.locator('#cases-list .list-row').count()).toBe(1)
  // Nothing went wrong on any page of these journeys but the cut connection itself.
  expect(e2e.browser.pageErrors.filter((e) => !/ERR_INTERNET_DISCONNECTED/.test(e))).toEqual([])
})
