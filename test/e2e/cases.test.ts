// 网上办 in Chromium against the real stand-in: apply from a guide with an upload and a 告知承诺 →
// officer accepts (staff page) → asks for a supplement → applicant supplements → officer concludes
// → applicant rates; a 秒批 item end to end; and the network cut mid-submit: the outbox resends
// with the same Idempotency-Key when it returns, and exactly one case exists; the PWA's Workbox
// background-sync queue replayed through the worker's sync event (twice: still one case); and
// 好差评 of a checked-in hall visit on the booking page.
import path from 'node:path'
import type { Page, Route } from 'playwright-core'
import { e2eStack, newPhone, shown, signInCitizen, smsCode, staffLogin, watched, type Tokens } from '../support/e2e'
import { SEED_STAFF } from '../../mock/src/identity/staff'
import { base32Decode, totp } from '../../mock/src/identity/totp'
import { generateRegistry, ageOn } from '../../mock/src/seed'
import { caseFlagsFor } from '../../mock/src/cases/seed'
import { messages } from '../../src/domain/messages'
import { CONSENT_VERSION } from '../../src/domain/consent'

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
// Staff are scoped: window01 takes intake at 海曙 (the applicant's district), and 临时救助 is a 民政
// item, so 民政's approver (approver02) reviews it, not approver01 of 市场监管.
const SCOPED = { window: 'window01', approver: 'approver02' } as const
function staff(which: 'window' | 'approver'): Promise<Tokens> {
  if (!staffTokens.has(which)) staffTokens.set(which, staffLogin(api, SCOPED[which]))
  return staffTokens.get(which)!
}
const staffAccess = async (which: 'window' | 'approver') => (await staff(which)).accessToken

async function signIn(page: Page, tokens: object, draft?: { code: string; values: Record<string, string> }): Promise<void> {
  await page.goto(`${e2e.url}/`)
  await page.evaluate(
    ([s, d, v]) => {
      localStorage.clear()
      localStorage.setItem('zj.privacy.accepted', v)
      localStorage.setItem('zj.session', s)
      if (d) {
        const doc = JSON.parse(d) as { code: string; values: Record<string, string> }
        localStorage.setItem(`zj.cases.draft.i.${doc.code}`, JSON.stringify({ clientRef: crypto.randomUUID(), values: doc.values, materials: {} }))
      }
    },
    [JSON.stringify(tokens), draft ? JSON.stringify(draft) : '', CONSENT_VERSION] as const,
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
  await page.locator('#apply-address textarea, textarea#apply-address').first().fill('海曙区中山西路1号')
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
  // The case reads as a page: labels of the form schema, no raw field key or region code.
  await page.locator('#staff-case-next').waitFor({ timeout: 20_000 })
  const form = await api<{ fields: { key: string }[] }>('GET', `/api/cases/forms/${RELIEF}`)
  const pageText = await page.locator('body').innerText()
  for (const f of form.fields) expect(pageText).not.toMatch(new RegExp(`(^|[^A-Za-z])${f.key}([^A-Za-z]|$)`))
  expect(pageText).not.toContain(RELIEF_VALUES.region)
  expect(pageText).toContain('宁波市海曙区')
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
  // 80 and over: no warning, and decided at once.
  expect(await page.locator('#apply-unmet').count()).toBe(0)
  expect((await page.locator('#apply-promise').innerText()).trim()).toBe(t.apply.promisedInstant)
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

it('高龄津贴 under 80: the guide and the form say so before anything is filled; the guide stays readable and the form still opens', async () => {
  const young = plain[7]
  const page = e2e.browser.page
  const tokens = await citizen(young, false)
  await signIn(page, tokens)
  await page.goto(`${e2e.url}/packages/catalog/pages/guide?code=${ELDER}`)
  const rule = '年满80周岁（人口库核验）'
  await page.locator('#guide-unmet').getByText(rule, { exact: false }).waitFor({ timeout: 20_000 })
  await shown(page, messages.catalogUi.guide.autoApproval)
  // 要多久 does not promise 当场办结 to this person.
  expect((await page.locator('#guide-how-long >> visible=true').first().innerText())).toContain(messages.catalogUi.guide.reviewForYou)
  await page.locator('#guide-apply').click()
  await page.locator('#apply-unmet').getByText(rule, { exact: false }).waitFor({ timeout: 20_000 })
  await shown(page, t.apply.sectionForm)
  // Not 即办件 for this person: an officer decides, and the page does not promise otherwise.
  expect((await page.locator('#apply-promise').innerText()).trim()).toBe(t.apply.promisedReview)
  // Said before the form: the warning sits above its first field.
  const warn = (await page.locator('#apply-unmet').boundingBox())!
  const firstField = (await page.locator('.field >> visible=true').first().boundingBox())!
  expect(warn.y).toBeLessThan(firstField.y)
})

/**
 * 临时救助's form, filled but for the material (sent later), in a page whose requests bypass the
 * service worker: a mini-program has none, and page.route cannot see a worker's requests, so what
 * is tested is the app's own outbox.
 */
async function reliefFormPastWorker(page: Page, tokens: object, address: string): Promise<void> {
  await signIn(page, tokens, { code: RELIEF, values: { ...RELIEF_VALUES, phone: '13800138000', address } })
  await page.goto(`${e2e.url}/packages/apply/pages/index?code=${RELIEF}`)
  await shown(page, t.apply.sectionMaterials)
  await page.locator('#material-困难情况说明').getByText(t.modes.deferred, { exact: true }).click()
  const cdp = await e2e.browser.cdp(page)
  await cdp.send('Network.enable')
  await cdp.send('Network.setBypassServiceWorker', { bypass: true })
}

it('the network drops mid-submit: the outbox resends when it returns and exactly one case exists', async () => {
  const page = e2e.browser.page
  const tokens = await citizen(plain[1], false)
  await reliefFormPastWorker(page, tokens, '江北区')
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

it('a shared phone: an application queued by one person waits for them; the next person signed in never sends it', async () => {
  const page = await e2e.browser.context.newPage()
  const a = await citizen(plain[5], false)
  const b = await citizen(plain[6], false)
  // The app's own outbox, with the connection down at submit.
  await reliefFormPastWorker(page, a, '镇海区')
  const down = (route: Route) => (route.request().method() === 'POST' ? route.abort('internetdisconnected') : route.continue())
  await page.route('**/api/cases', down)
  await page.locator('#apply-submit').click()
  await page.locator('#apply-queued').waitFor({ timeout: 20_000 })
  await page.unroute('**/api/cases', down)
  const waiting = () => page.evaluate(() => (JSON.parse(localStorage.getItem('zj.cases.outbox') ?? '[]') as unknown[]).length)
  expect(await waiting()).toBe(1)

  // A signs out (their session ends) and B signs in on the same browser, online.
  let posts = 0
  page.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/cases') posts++
  })
  await page.evaluate((s) => localStorage.setItem('zj.session', s), JSON.stringify(b))
  await page.goto(`${e2e.url}/`)
  await page.waitForLoadState('networkidle')
  expect(posts).toBe(0)
  expect(await waiting()).toBe(1)
  // B is not told that "their" application waits either.
  expect(await page.locator('#outbox-pending').count()).toBe(0)
  const count = async (tokens: Tokens) => (await api<{ items: { itemCode: string }[] }>('GET', '/api/cases', undefined, tokens.accessToken)).items.filter((c) => c.itemCode === RELIEF).length
  expect(await count(b)).toBe(0)
  expect(await count(a)).toBe(0)

  // A is back: it goes, from 首页, once.
  await page.evaluate((s) => localStorage.setItem('zj.session', s), JSON.stringify(a))
  await page.goto(`${e2e.url}/`)
  await page.waitForFunction(() => JSON.parse(localStorage.getItem('zj.cases.outbox') ?? '[]').length === 0, undefined, { timeout: 10_000 })
  expect(await count(a)).toBe(1)
  expect(await count(b)).toBe(0)
  await page.close()
})

// Workbox background sync (scripts/pwa-sw.mjs): POST /api/cases that fails in the service worker is
// kept in the worker's IndexedDB queue and replayed by the worker's `sync` event, with the same
// Idempotency-Key. context.setOffline cannot drive this: it also sets navigator.onLine = false in
// the page, and the app then fails fast into its own outbox without ever fetching, so the worker
// never sees the request. What the worker's queue is for is a device that believes it is online
// while the request fails: a context route (Playwright routes a worker's own requests too) aborts
// the worker's fetch with ERR_INTERNET_DISCONNECTED. The replay is then triggered through CDP
// ServiceWorker.dispatchSyncEvent with Workbox's tag (Chromium may also fire it by itself).
const SYNC_QUEUE = 'zj-case-submit'

/** The worker's queued requests, read from the page (same origin, same IndexedDB). */
function queued(page: Page, change: 'none' | 'duplicate' | 'clear' = 'none'): Promise<Array<{ url: string; method: string; key: string | null }>> {
  return page.evaluate(
    ([queue, dup]) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('workbox-background-sync')
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const db = open.result
          if (!db.objectStoreNames.contains('requests')) return resolve([])
          const tx = db.transaction('requests', 'readwrite')
          const store = tx.objectStore('requests')
          const all = store.index('queueName').getAll(IDBKeyRange.only(queue))
          all.onsuccess = () => {
            const rows = all.result as Array<{ id: number; requestData: { url: string; method: string; headers: Record<string, string> } }>
            // A second copy of the same request (same Idempotency-Key): the replay sends it twice.
            if (dup === 'clear') for (const r of rows) store.delete(r.id)
            if (dup === 'duplicate') {
              for (const r of rows) {
                const copy: Record<string, unknown> = { ...r }
                delete copy.id // a new key from the store's generator
                store.add(copy)
              }
            }
            tx.oncomplete = () => resolve(rows.map((r) => ({ url: r.requestData.url, method: r.requestData.method, key: r.requestData.headers['idempotency-key'] ?? null })))
          }
          tx.onerror = () => reject(tx.error)
          tx.onabort = () => reject(tx.error ?? new Error('queue transaction aborted'))
        }
      }),
    [SYNC_QUEUE, change] as const,
  )
}

/** The app never claims clients and one reload after activation is sometimes still uncontrolled (as test/e2e/offline.test.ts found): reload until it is. */
async function untilControlled(p: Page): Promise<void> {
  await p.waitForFunction(async () => (await navigator.serviceWorker.getRegistration())?.active?.state === 'activated', undefined, { timeout: 30_000, polling: 100 })
  for (let i = 0; i < 6; i++) {
    if (await p.evaluate(() => navigator.serviceWorker.controller !== null)) return
    await p.reload()
    await p.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 5_000, polling: 100 }).catch(() => undefined)
  }
  throw new Error('no service worker took control of the page after 6 reloads')
}

/** In the page: whether the worker's queue is empty (`empty`) or holds something (`!empty`). */
function queueIs([queue, empty]: readonly [string, boolean]): Promise<boolean> {
  return new Promise((resolve) => {
    const done = (n: number) => resolve(empty ? n === 0 : n > 0)
    const open = indexedDB.open('workbox-background-sync')
    open.onerror = () => done(0)
    open.onsuccess = () => {
      const db = open.result
      if (!db.objectStoreNames.contains('requests')) return done(0)
      const req = db.transaction('requests').objectStore('requests').index('queueName').count(IDBKeyRange.only(queue))
      req.onsuccess = () => done(req.result)
      req.onerror = () => done(0)
    }
  })
}

it('PWA: the service worker queues a submit on a dead connection and its background sync replays it once', async () => {
  // A tab of its own: the previous test's CDP session told the first tab to bypass the worker.
  const page = await e2e.browser.context.newPage()
  const tokens = await citizen(plain[2], false)
  await signIn(page, tokens, { code: RELIEF, values: { ...RELIEF_VALUES, phone: '13800138000', address: '北仑区' } })
  await page.goto(`${e2e.url}/packages/apply/pages/index?code=${RELIEF}`)
  await untilControlled(page)
  await shown(page, t.apply.sectionMaterials)
  await page.locator('#material-困难情况说明').getByText(t.modes.deferred, { exact: true }).click()

  // Registrations, for dispatchSyncEvent.
  const cdp = await e2e.browser.cdp(page)
  const registrations = new Map<string, string>()
  cdp.on('ServiceWorker.workerRegistrationUpdated', (e: { registrations: Array<{ registrationId: string; scopeURL: string; isDeleted: boolean }> }) => {
    for (const r of e.registrations) if (!r.isDeleted) registrations.set(r.scopeURL, r.registrationId)
  })
  await cdp.send('ServiceWorker.enable')

  const mineCount = async () => (await api<{ items: { itemCode: string }[] }>('GET', '/api/cases', undefined, tokens.accessToken)).items.filter((c) => c.itemCode === RELIEF).length
  expect(await mineCount()).toBe(0)

  // The worker's own fetch of POST /api/cases fails as on a dead connection.
  let cut = 0
  const dead = async (route: Route) => {
    if (route.request().method() !== 'POST') return route.continue()
    cut++
    await route.abort('internetdisconnected')
  }
  await e2e.browser.context.route('**/api/cases', dead)
  await page.locator('#apply-submit').click()
  await page.locator('#apply-queued').waitFor({ timeout: 20_000 })
  expect(cut).toBeGreaterThanOrEqual(1)
  // Nothing reached the server, and Workbox queued the request (Chromium may already have tried a
  // sync against the dead route: wait for the request to be back in the queue).
  expect(await mineCount()).toBe(0)
  await page.waitForFunction(queueIs, [SYNC_QUEUE, false] as const, { timeout: 20_000, polling: 250 }).catch(() => undefined)
  const inQueue = await queued(page)
  expect(inQueue).toEqual([{ url: `${e2e.url}/api/cases`, method: 'POST', key: expect.stringMatching(/^[0-9a-f-]{36}$/) }])
  // Only the worker may send it now: take the app's own outbox (same key) out of the picture.
  const appOutbox = await page.evaluate(() => JSON.parse(localStorage.getItem('zj.cases.outbox') ?? '[]') as Array<{ key: string }>)
  expect(appOutbox.map((e) => e.key)).toEqual([inQueue[0].key])
  await page.evaluate(() => localStorage.removeItem('zj.cases.outbox'))
  // …and replay it twice: a second copy of the same request sits in the queue.
  await queued(page, 'duplicate')
  expect((await queued(page)).map((q) => q.key)).toEqual([inQueue[0].key, inQueue[0].key])

  // The connection is back; the worker's sync event replays the queue.
  await e2e.browser.context.unroute('**/api/cases', dead)
  for (let i = 0; i < 50 && registrations.size === 0; i++) await new Promise((r) => setTimeout(r, 100))
  const registrationId = registrations.get(`${e2e.url}/`) ?? [...registrations.values()][0]
  expect(registrationId).toBeTruthy()
  // Chromium may fire the sync itself when the route goes; a dispatched one can then run beside
  // it (Workbox takes each entry off the queue before sending it), so wait for the server's
  // answer, not for the queue alone.
  await cdp.send('ServiceWorker.dispatchSyncEvent', { origin: e2e.url, registrationId, tag: `workbox-background-sync:${SYNC_QUEUE}`, lastChance: false })
  await page.waitForFunction(queueIs, [SYNC_QUEUE, true] as const, { timeout: 30_000, polling: 250 })
  for (let i = 0; i < 60 && (await mineCount()) === 0; i++) await new Promise((r) => setTimeout(r, 250))
  await new Promise((r) => setTimeout(r, 1000))
  // Both copies went out; the Idempotency-Key made the second return the first result.
  expect(await mineCount()).toBe(1)
  expect(await queued(page)).toEqual([])
  // Checked on Chromium 156 + Playwright 1.65: context.setOffline does reach the worker's own
  // fetches (a raw fetch from the page fails in the worker and Workbox queues it); it is the app
  // that never fetches while navigator.onLine is false.
  await e2e.browser.context.setOffline(true)
  const raw = await page.evaluate(() => fetch('/api/cases', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }).then((r) => `status ${r.status}`, () => 'failed'))
  expect(raw).toBe('failed')
  expect(await queued(page)).toHaveLength(1)
  await e2e.browser.context.setOffline(false)
  await queued(page, 'clear')
  expect(await mineCount()).toBe(1)
  await cdp.send('ServiceWorker.disable')
  await cdp.detach()
  await page.close()
})

// 好差评 after a hall visit, on the booking page (src/components/VisitRating.tsx):
// the check-in window is reached by moving the running stand-in's clock (POST /api/dev/clock,
// development only), as test/e2e/booking.test.ts does; it is put back afterwards.
it('after a hall visit: the holder rates the checked-in booking once, on its page', async () => {
  const page = await e2e.browser.context.newPage()
  const phone = newPhone()
  const person = plain[3]
  try {
    const item = '33020007001001000' // 居民身份证首次申领
    const first = await signInCitizen(api, person, { phone })
    const av = await api<{ days: { slots: { startsAt: string; open: boolean }[] }[] }>('GET', `/api/booking/availability?hall=nb-city&item=${item}`)
    const startsAt = av.days.flatMap((d) => d.slots).find((x) => x.open)!.startsAt
    const booking = await api<{ id: string }>('POST', '/api/bookings', { itemCode: item, hallId: 'nb-city', startsAt }, first.accessToken)
    // Not yet checked in: no rating form, and the API refuses with its Chinese message.
    await expect(api('POST', `/api/bookings/${booking.id}/rating`, { level: 5, tags: [] }, first.accessToken)).rejects.toThrow(/到大厅签到办理后，才能评价这次服务/)

    // At the hall, 10 minutes before the slot (server clock): the code, and staff check in.
    const at = new Date(Date.parse(startsAt) - 10 * 60_000).toISOString()
    await api('POST', '/api/dev/clock', { at })
    await api('POST', '/api/auth/sms', { phone })
    const tokens = await api<Tokens>('POST', '/api/auth/login', { phone, code: await smsCode(api, phone), channel: 'h5' })
    const code = (await api<{ checkIn: { code: string } }>('GET', `/api/bookings/${booking.id}`, undefined, tokens.accessToken)).checkIn.code
    const s = SEED_STAFF.find((x) => x.hallIds.includes('nb-city'))! // check-in only at one's own hall
    const serverNow = new Date((await api<{ now: string }>('GET', '/api/dev/clock')).now)
    const officer = await api<Tokens>('POST', '/api/staff/login', { username: s.username, password: s.password, totp: totp(base32Decode(s.totpSecret), serverNow) })
    await api('POST', '/api/staff/bookings/check-in', { code }, officer.accessToken)

    // The citizen's booking page offers the rating; 不满意 with a tag and a comment.
    await signIn(page, tokens)
    const watch = watched(page)
    await page.goto(`${e2e.url}/packages/booking/pages/detail?id=${booking.id}`)
    await watch.waitFor('#visit-rating-form')
    await shown(page, t.rating.visitTitle)
    await page.locator('#visit-rating-form #rate-2').click()
    await page.locator('#visit-rating-form').getByText('办理慢', { exact: true }).click()
    await page.locator('#visit-rating-form textarea').fill('排队太久')
    await page.locator('#visit-rating-form #rate-submit').click()
    await shown(page, t.rating.thanks)
    await shown(page, t.detail.rated)
    // Once only: the form is gone, also after a reload; staff see the follow-up.
    await page.reload()
    await shown(page, '排队太久')
    expect(await page.locator('#visit-rating-form').count()).toBe(0)
    const follow = await api<{ items: Array<{ bookingId?: string; level: number; followUpDueOn: string }> }>('GET', '/api/staff/ratings/follow-ups', undefined, officer.accessToken)
    expect(follow.items.find((x) => x.bookingId === booking.id)).toMatchObject({ level: 2, followUpDueOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) })
  } finally {
    await api('POST', '/api/dev/clock', { offsetMs: 0 }).catch(() => undefined)
    await page.close()
  }
})

test('我的办件 pulls to refresh: the wrapper element is defined by that page, not by the first screen', async () => {
  const page = e2e.browser.page
  const defined = () => page.evaluate(() => !!customElements.get('taro-pull-to-refresh-core'))
  await page.goto(`${e2e.url}/`)
  await page.locator('.home-search').first().waitFor({ timeout: 20_000 })
  // Not on the first screen (config/h5/components-dist.js): its 6 KiB stay out of 首页's script.
  expect(await defined()).toBe(false)
  await page.goto(`${e2e.url}/packages/cases/pages/index`)
  await page.locator('taro-pull-to-refresh-core').first().waitFor({ state: 'attached', timeout: 20_000 })
  expect(await defined()).toBe(true)
  // The page's wrapper is the real (upgraded) element, not an unknown tag.
  expect(await page.evaluate(() => {
    const el = document.querySelector('taro-pull-to-refresh-core')
    return !!el && el instanceof customElements.get('taro-pull-to-refresh-core')!
  })).toBe(true)
})
