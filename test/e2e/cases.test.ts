// 网上办 in Chromium against the real stand-in: apply from a guide with an upload and a 告知承诺 →
// officer accepts (staff page) → asks for a supplement → applicant supplements → officer concludes
// → applicant rates; a 秒批 item end to end; and the network cut mid-submit: the outbox resends
// with the same Idempotency-Key when it returns, and exactly one case exists.
import path from 'node:path'
import type { Page } from 'playwright-core'
import { launchBrowser, type BrowserSession } from '../support/browser'
import { startServer, type RunningServer } from '../support/server'
import { generateRegistry, ageOn } from '../../mock/src/seed'
import { caseFlagsFor } from '../../mock/src/cases/seed'
import { SEED_STAFF } from '../../mock/src/identity/staff'
import { base32Decode, totp } from '../../mock/src/identity/totp'
import { messages } from '../../src/domain/messages'

jest.setTimeout(180_000)

const SEED = 'e2e-cases'
const COUNTS = { citizens: 120, enterprises: 3 }
const RELIEF = '33020005008007000' // 临时救助申请
const ELDER = '33020005008004000' // 高龄津贴申领
const IMAGE = path.resolve(__dirname, '../../src/assets/tabbar/home.png')
const t = messages.cases

let server: RunningServer
let browser: BrowserSession

beforeAll(async () => {
  const [s, b] = await Promise.allSettled([
    startServer({ timeoutMs: 480_000, env: { SEED, SEED_CITIZENS: String(COUNTS.citizens), SEED_ENTERPRISES: String(COUNTS.enterprises) } }),
    launchBrowser(),
  ])
  if (s.status === 'fulfilled') server = s.value
  if (b.status === 'fulfilled') browser = b.value
  if (s.status === 'rejected') throw s.reason
  if (b.status === 'rejected') throw b.reason
}, 500_000)

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

async function api<T>(method: 'GET' | 'POST', p: string, body?: unknown, token?: string): Promise<T> {
  const res = await fetch(`${server.url}${p}`, {
    method,
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(method === 'POST' ? { 'idempotency-key': crypto.randomUUID() } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await res.text()
  if (res.status >= 300) throw new Error(`${method} ${p}: ${res.status} ${text}`)
  return JSON.parse(text) as T
}

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

let phoneSeq = 0
async function citizen(c: { name: string; idNumber: string }, l3: boolean): Promise<{ accessToken: string; refreshToken: string }> {
  phoneSeq++
  const phone = `1992${String(process.pid % 1000).padStart(3, '0')}${String(phoneSeq).padStart(4, '0')}`
  await api('POST', '/api/auth/sms', { phone })
  const out = await api<{ items: { code: string }[] }>('GET', `/api/dev/sms-outbox?phone=${phone}`)
  const tokens = await api<{ accessToken: string; refreshToken: string }>('POST', '/api/auth/login', { phone, code: out.items[0].code, channel: 'h5' })
  await api('POST', '/api/me/consents', { kind: 'id_processing', version: '2026-11', granted: true }, tokens.accessToken)
  await api('POST', '/api/identity/real-name', { name: c.name, idNumber: c.idNumber }, tokens.accessToken)
  if (l3) {
    await api('POST', '/api/me/consents', { kind: 'face', version: '2026-11', granted: true }, tokens.accessToken)
    const start = await api<{ flowId: string; clientToken: string }>('POST', '/api/identity/face/start', { method: 'stand-in' }, tokens.accessToken)
    await api('POST', '/api/identity/face/complete', { flowId: start.flowId, standInProof: start.clientToken }, tokens.accessToken)
  }
  return tokens
}

const staffTokens = new Map<string, string>()
async function staff(which: 'window' | 'approver'): Promise<string> {
  const hit = staffTokens.get(which)
  if (hit) return hit
  const s = SEED_STAFF.find((x) => x.roles.includes(which))!
  const r = await api<{ accessToken: string; refreshToken: string }>('POST', '/api/staff/login', { username: s.username, password: s.password, totp: totp(base32Decode(s.totpSecret), new Date()) })
  staffTokens.set(which, JSON.stringify(r))
  return JSON.stringify(r)
}
const staffAccess = async (which: 'window' | 'approver') => JSON.parse(await staff(which)).accessToken as string

const shown = (page: Page, text: string | RegExp) => page.getByText(text, { exact: false }).first().waitFor({ state: 'visible', timeout: 20_000 })

async function signIn(page: Page, tokens: object, draft?: { code: string; values: Record<string, string> }): Promise<void> {
  await page.goto(`${server.url}/`)
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
  const page = browser.page
  const tokens = await citizen(plain[0], true)
  await signIn(page, tokens, { code: RELIEF, values: RELIEF_VALUES })
  // From the guide's 在线办理 button.
  await page.goto(`${server.url}/packages/catalog/pages/guide?code=${RELIEF}`)
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
  await page.evaluate((s) => localStorage.setItem('staff:zj.session', s), await staff('window'))
  await page.goto(`${server.url}/packages/staff/pages/cases`)
  await page.locator(`[id="staff-row-${number}"]`).click()
  await page.locator('#staff-accept').click()
  await page.locator('#staff-case-state').getByText(t.states.accepted).waitFor({ timeout: 20_000 })
  // …and asks for a clearer ID photo (the clock pauses).
  await api('POST', `/api/staff/cases/${id}/requestSupplement`, { comment: '身份证照片不清晰', materials: ['居民身份证'] }, await staffAccess('window'))

  // The applicant supplements from 我的办件.
  await page.goto(`${server.url}/packages/cases/pages/index`)
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
  await page.goto(`${server.url}/packages/cases/pages/lookup?number=${number}`)
  await page.locator('#lookup-code input, input#lookup-code').first().fill(queryCode)
  await page.locator('#lookup-submit').click()
  await page.locator('#lookup-result').getByText(t.states.approved).first().waitFor({ timeout: 20_000 })
})

it('秒批: an elder applies for 高龄津贴 and it is approved at once, with the rules shown', async () => {
  if (!elder) throw new Error('seed has no elder who qualifies')
  const page = browser.page
  const tokens = await citizen(elder, false)
  await signIn(page, tokens, { code: ELDER, values: { phone: '13800138000', region: '330203', address: '海曙区', bankName: '宁波银行', bankAccount: '6222020000001234' } })
  await page.goto(`${server.url}/packages/apply/pages/index?code=${ELDER}`)
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
  const page = browser.page
  const tokens = await citizen(plain[1], false)
  await signIn(page, tokens, { code: RELIEF, values: { ...RELIEF_VALUES, phone: '13800138000', address: '江北区' } })
  await page.goto(`${server.url}/packages/apply/pages/index?code=${RELIEF}`)
  await shown(page, t.apply.sectionMaterials)
  await page.locator('#material-困难情况说明').getByText(t.modes.deferred, { exact: true }).click()
  // Past the service worker (a mini-program has none, and page.route cannot see a worker's
  // requests): this is the app's own outbox at work.
  const cdp = await browser.cdp(page)
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
      await browser.context.setOffline(true)
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
  await browser.context.setOffline(false)
  await page.waitForFunction(() => JSON.parse(localStorage.getItem('zj.cases.outbox') ?? '[]').length === 0, undefined, { timeout: 30_000 })
  const mine = await api<{ items: { itemCode: string }[] }>('GET', '/api/cases', undefined, tokens.accessToken)
  expect(mine.items.filter((c) => c.itemCode === RELIEF)).toHaveLength(1)
  await page.goto(`${server.url}/packages/cases/pages/index`)
  await page.locator('#cases-list .list-row').first().waitFor({ timeout: 20_000 })
  expect(await page.locator('#cases-list .list-row').count()).toBe(1)
  // Nothing went wrong on any page of these journeys but the cut connection itself.
  expect(browser.pageErrors.filter((e) => !/ERR_INTERNET_DISCONNECTED/.test(e))).toEqual([])
})
