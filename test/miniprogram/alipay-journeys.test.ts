// Journeys on the built Alipay output (dist/alipay run by its own Taro runtime in the Alipay
// harness) against the stand-in: J1 search → guide, J2 one-tap login (my.getAuthCode) → phone
// binding → 实名 → 人脸核验 (my.startAPVerify, decided by the server asking Alipay's certify fake).
import fs from 'node:fs'
import path from 'node:path'
import { messages } from '../../src/domain/messages'
import { prepareIndex, search } from '../../src/domain/catalog/search'
import { generateRegistry, ageOn, REFERENCE_DATE } from '../../mock/src/seed'
import { generateRecords } from '../../mock/src/seed/records'
import { apiAt, signInCitizen } from '../support/e2e'
import { SEED, startStandIn, type StandIn } from './stand-in'
import { AlipayHarness, MY_PROBES, sleep } from './alipay'

const DIST = path.resolve(__dirname, '../../dist/alipay')
// A journey waits on a real server and the app's runtime sharing 2 cores with the rest of CI.
jest.setTimeout(120_000)
let standIn: StandIn
let my: AlipayHarness
let index: ReturnType<typeof prepareIndex>

beforeAll(async () => {
  standIn = await startStandIn()
  const r = await standIn.api('GET', '/api/catalog/index')
  index = prepareIndex(r.body.index)
  my = new AlipayHarness({
    distDir: DIST,
    baseUrl: standIn.url,
    setCertified: (certifyId, passed) => {
      const c = standIn.alipay.certifications.get(certifyId)
      if (c) c.passed = passed
    },
  })
  await my.launch()
}, 400_000)
afterAll(async () => {
  my?.dispose()
  await standIn?.stop()
})

test('alipay: app launch renders 首页 from the data tree', async () => {
  await my.waitFor(messages.ui.home.searchPlaceholder)
  expect(my.route).toBe('pages/home/index')
  expect(my.text()).toContain(messages.ui.home.searchPlaceholder)
})

test.each(['公积金', 'gjj', '社宝', '生孩子'])('J1 alipay: 首页 search "%s" → the guide with its primary action, ≤ 2 taps', async (q) => {
  const expected = search(index, q, { limit: 30 })[0]
  expect(expected).toBeDefined()
  await my.switchTabBack()
  await my.waitFor(messages.ui.home.searchPlaceholder)
  let taps = 0
  await my.tap(messages.ui.home.searchPlaceholder); taps++
  await my.waitForRoute('packages/catalog/pages/search')
  await my.type(messages.catalog.search.placeholder, q)
  await my.waitFor(expected.name)
  await my.tap(expected.name); taps++
  await my.waitForRoute('packages/catalog/pages/guide')
  await my.waitFor(expected.name)
  await my.waitFor(() => [messages.catalog.guide.applyOnline, messages.catalog.guide.nearbyHalls, messages.catalog.guide.book].some((s) => my.text().includes(s)))
  expect(taps).toBeLessThanOrEqual(2)
})

// J2's new citizen binds this ID number to a new account: no other journey may use it.
const j2Citizen = generateRegistry(SEED.name, { citizens: SEED.citizens, enterprises: SEED.enterprises }).citizens
  .find((c) => ageOn(c.birthDate, REFERENCE_DATE) >= 18 && [...c.name].length >= 2)!

describe('J2 alipay: one-tap login → phone binding → 实名 → 人脸核验 (Alipay 实人认证 through the server)', () => {
  const a = messages.account
  const citizen = j2Citizen

  test('reaches L3 within 8 taps; the face verdict comes from the server asking Alipay', async () => {
    await my.switchTabBack()
    // One-time legal confirmations (privacy guide, ID processing, face data) are counted apart
    // from the journey's taps: a returning person never sees them again.
    let taps = 0
    let consents = 0
    await my.switchTab('pages/me/index'); taps++
    await my.tap(messages.ui.me.login); taps++
    await my.waitForRoute('packages/account/pages/login')
    await my.waitFor(() => my.text().includes(messages.ui.privacyGuide.agree) || my.text().includes(a.login.oneTap.alipay))
    if (my.text().includes(messages.ui.privacyGuide.agree)) { await my.tap(messages.ui.privacyGuide.agree); consents++ }
    await my.tap(a.login.oneTap.alipay); taps++
    await my.waitFor(a.login.bindNeeded, 20_000)
    // A new Alipay user: the user id is not bound yet, so the phone is proved by SMS.
    const phone = `1990078${String(process.pid % 10_000).padStart(4, '0')}`
    await my.type(a.login.phonePlaceholder, phone)
    await my.tap(a.login.send); taps++
    let code = ''
    for (let i = 0; i < 150 && !code; i++) {
      code = (await standIn.api('GET', `/api/dev/sms-outbox?phone=${phone}`)).body.items?.[0]?.code ?? ''
      if (!code) await sleep(200)
    }
    if (!code) console.log(`no SMS code; page: ${my.text()}\nrequests: ${my.requests.slice(-8).join('\n')}`)
    expect(code).toMatch(/^\d{6}$/)
    await my.type(a.login.codePlaceholder, code)
    await my.tap(a.login.submit); taps++
    await my.waitForRoute('packages/account/pages/realname')
    await my.waitFor(() => my.text().includes(a.realName.consentAgree) || my.text().includes(a.realName.submit))
    if (my.text().includes(a.realName.consentAgree)) { await my.tap(a.realName.consentAgree); consents++ }
    await my.type(a.realName.namePlaceholder, citizen.name)
    await my.type(a.realName.idNumberPlaceholder, citizen.idNumber)
    await my.tap(a.realName.submit); taps++
    await my.waitFor(a.realName.toFace)
    await my.tap(a.realName.toFace); taps++
    await my.waitForRoute('packages/account/pages/face')
    await my.waitFor(() => my.text().includes(a.face.consentAgree) || my.text().includes(a.face.start))
    if (my.text().includes(a.face.consentAgree)) { await my.tap(a.face.consentAgree); consents++ }
    // Edge case on the way: the person leaves Alipay's face check (resultStatus 6001). The server
    // asks Alipay, hears "not passed", and the page says so in Chinese; the person may retry.
    my.answers.face = 'cancel'
    await my.tap(a.face.start)
    await my.waitFor(messages.api.errors.FACE_FAILED, 20_000)
    expect(my.text()).not.toContain(a.face.done)
    my.answers.face = 'pass'
    await my.tap(a.face.start); taps++
    await my.waitFor(a.face.done, 20_000)
    expect(my.calls('startAPVerify')).toHaveLength(2)
    expect(my.calls('getAuthCode')).toHaveLength(1)
    expect(standIn.alipay.methods).toContain('alipay.user.certify.open.query')
    // The one certification that passed is the one the server asked about last.
    expect([...standIn.alipay.certifications.values()].filter((c) => c.passed).map((c) => c.certNo)).toEqual([citizen.idNumber])
    console.log(`J2 alipay: ${taps} taps + ${consents} one-time consents`)
    expect(taps).toBeLessThanOrEqual(8)
  })
})

// Journeys "already signed in": a seeded citizen signed in through the API (the shortcut
// JOURNEYS.md allows), the session put where the app keeps it, then a cold start of the app.
const adults = generateRegistry(SEED.name, { citizens: SEED.citizens, enterprises: SEED.enterprises }).citizens
  .filter((c) => ageOn(c.birthDate, REFERENCE_DATE) >= 20 && ageOn(c.birthDate, REFERENCE_DATE) < 70)
const devices: AlipayHarness[] = []
async function signedInDevice(citizen: { name: string; idNumber: string }, opts: { l3?: boolean } = {}): Promise<AlipayHarness> {
  const tokens = await signInCitizen(apiAt(() => standIn.url), citizen, opts)
  const device = new AlipayHarness({ distDir: DIST, baseUrl: standIn.url, storage: new Map([['zj.session', JSON.stringify(tokens)]]) })
  devices.push(device)
  await device.launch()
  // The privacy guide was agreed to on this phone before (one-time, not a journey tap).
  await device.waitFor(messages.ui.home.searchPlaceholder)
  if (device.text().includes(messages.ui.privacyGuide.agree)) await device.tap(messages.ui.privacyGuide.agree)
  return device
}
afterAll(() => { for (const d of devices) d.dispose() })

test('J6 alipay: 电子证照 → card → 出示, a live QR in ≤ 3 taps', async () => {
  const d = await signedInDevice(adults[3], { l3: true })
  const w = messages.wallet
  let taps = 0
  await d.tap(messages.ui.home.tiles.credentials); taps++
  await d.waitForRoute('packages/wallet/pages/index')
  await d.tap(w.list.present, 0, w.types.ssc); taps++
  await d.waitForRoute('packages/wallet/pages/present')
  await d.tap(w.present.show); taps++
  await d.waitFor(w.present.live, 20_000)
  // The QR is an <image> whose src is a PNG drawn on the device.
  expect(String(d.attrOf(w.present.qrLabel, 'src'))).toMatch(/^data:image\/png;base64,/)
  expect(taps).toBeLessThanOrEqual(3)
  console.log(`J6 alipay: ${taps} taps to a live QR`)
  d.close()
})

test('J4 alipay: 预约办理 → item → nearest hall, first free slot → confirm in ≤ 6 taps; 加入日历 and 导航 work; the booking on 首页', async () => {
  const d = await signedInDevice(adults[2])
  const b = messages.booking
  const item = '居民身份证首次申领'
  let taps = 0
  await d.tap(messages.ui.home.tiles.booking); taps++
  await d.waitForRoute('packages/booking/pages/choose')
  await d.type(b.choose.placeholder, '身份证首次')
  await d.tap(item); taps++
  await d.waitForRoute('packages/booking/pages/book')
  // The nearest hall and its first free slot are chosen: the confirm button names the time.
  await d.waitFor(new RegExp(`${b.flow.submit}.*\\d\\d:\\d\\d`), 20_000)
  await d.tap(b.flow.submit); taps++
  await d.waitFor(b.flow.doneHint, 20_000)
  expect(taps).toBeLessThanOrEqual(6)
  expect(d.text()).toContain(b.flow.addCalendar)
  expect(d.text()).toContain(b.flow.navigate)
  await d.tap(b.flow.addCalendar)
  await d.waitFor(() => d.calls('addEventCal').length === 1)
  const cal = d.calls('addEventCal')[0]
  expect(String(cal.title)).toContain(item)
  // my.addEventCal takes China-local 'yyyy-MM-dd HH:mm:ss'.
  expect(String(cal.startDate)).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/)
  await d.tap(b.flow.navigate)
  await d.waitFor(() => d.calls('openLocation').length === 1)
  expect(Number(d.calls('openLocation')[0].latitude)).toBeGreaterThan(0)
  console.log(`J4 alipay: ${taps} taps to booked; 加入日历 ${String(cal.startDate)}; 导航 to ${String(d.calls('openLocation')[0].name)}`)
  // Back on 首页 (the tab bar): the booking is there.
  await d.switchTabBack()
  await d.waitFor(item, 20_000)
  d.close()
})

test('J3 alipay: 社保, 公积金, 不动产 each ≤ 3 taps; a 参保证明 ≤ 3 more, opened in Alipay\'s document viewer; back is where the person was', async () => {
  const registry = generateRegistry(SEED.name, { citizens: SEED.citizens, enterprises: SEED.enterprises })
  const rec = generateRecords(SEED.name, registry.citizens, registry.enterprises)
  const owner = registry.citizens.find(
    (c) => c.id !== j2Citizen.id && !adults.slice(0, 4).some((x) => x.id === c.id) && ageOn(c.birthDate, REFERENCE_DATE) >= 25 && rec.accounts.some((a) => a.citizenId === c.id) && rec.units.some((u) => u.citizenId === c.id) && rec.ss.some((x) => x.citizenId === c.id),
  )!
  const unit = rec.units.find((u) => u.citizenId === owner.id)!
  const d = await signedInDevice(owner, { l3: true })
  const r = messages.records
  const measured: Record<string, number> = {}
  for (const [tile, page, ready] of [
    [messages.ui.home.tiles.social, 'social', new RegExp(`${r.social.totalMonths}.*\\d+ 个月`)],
    [messages.ui.home.tiles.fund, 'fund', new RegExp(`${r.fund.balance}.*\\d`)],
    [messages.ui.home.tiles.property, 'property', unit.certNo],
  ] as const) {
    await d.switchTabBack()
    let taps = 0
    await d.tap(tile); taps++
    await d.waitForRoute(`packages/records/pages/${page}`)
    await d.waitFor(ready, 20_000)
    measured[page] = taps
    expect(taps).toBeLessThanOrEqual(3)
  }
  // From the 社保 page: 开具证明, then 查看 PDF in 我的证明.
  await d.switchTabBack()
  await d.tap(messages.ui.home.tiles.social)
  await d.waitFor(r.social.totalMonths, 20_000)
  let taps = 0
  await d.tap(`${r.common.makeProof}：${r.proofs.kinds.social_security}`); taps++
  await d.waitForRoute('packages/records/pages/proofs')
  await d.tap(r.proofs.open, 0, r.proofs.kinds.social_security); taps++
  await d.waitFor(() => d.calls('openDocument').length === 1, 30_000)
  const opened = d.calls('openDocument')[0]
  expect(opened.fileType).toBe('pdf')
  expect(fs.readFileSync(String(opened.filePath)).subarray(0, 5).toString('latin1')).toBe('%PDF-')
  measured.proof = taps
  expect(taps).toBeLessThanOrEqual(3)
  // Alipay's viewer is a native page over the mini-program: closing it leaves 我的证明 on top.
  expect(d.route).toBe('packages/records/pages/proofs')
  console.log(`J3 alipay: taps ${JSON.stringify(measured)}`)
  d.close()
})

test('alipay edge cases: my.request timeout (error 13) and an HTTP 400 (error 19) each give a Chinese message and keep what was typed', async () => {
  const a = messages.account
  const d = new AlipayHarness({ distDir: DIST, baseUrl: standIn.url })
  devices.push(d)
  await d.launch()
  await d.switchTab('pages/me/index')
  await d.tap(messages.ui.me.login)
  await d.waitForRoute('packages/account/pages/login')
  await d.waitFor(() => d.text().includes(messages.ui.privacyGuide.agree) || d.text().includes(a.login.oneTap.alipay))
  if (d.text().includes(messages.ui.privacyGuide.agree)) await d.tap(messages.ui.privacyGuide.agree)
  const phone = `1990079${String(process.pid % 10_000).padStart(4, '0')}`
  await d.type(a.login.phonePlaceholder, phone)
  d.answers.requestFail = { match: /\/api\/auth\/sms$/, error: 13, errorMessage: '超时' }
  await d.tap(a.login.send)
  await d.waitFor(messages.platform.request.timeout, 20_000)
  expect(d.valueOf(a.login.phonePlaceholder)).toBe(phone)
  d.answers.requestFail = undefined
  await d.tap(a.login.send)
  let code = ''
  for (let i = 0; i < 150 && !code; i++) {
    code = (await standIn.api('GET', `/api/dev/sms-outbox?phone=${phone}`)).body.items?.[0]?.code ?? ''
    if (!code) await sleep(200)
  }
  expect(code).toMatch(/^\d{6}$/)
  const wrong = code === '000000' ? '111111' : '000000'
  await d.type(a.login.codePlaceholder, wrong)
  await d.tap(a.login.submit)
  // The server's 400 reaches the app through my.request's fail (error 19, with status and data).
  await d.waitFor(messages.api.errors.SMS_CODE_WRONG.split('{')[0], 20_000)
  expect(d.valueOf(a.login.phonePlaceholder)).toBe(phone)
  expect(d.route).toBe('packages/account/pages/login')
  d.close()
})

test('alipay: every my member the app used is implemented, and nothing went to the console', () => {
  const all = [my, ...devices]
  console.log(`my members used: ${[...new Set(all.flatMap((h) => [...h.used]))].join(', ')}`)
  expect([...new Set(all.flatMap((h) => [...h.unknown]))].filter((k) => !MY_PROBES.includes(k))).toEqual([])
  expect(all.flatMap((h) => h.consoleErrors)).toEqual([])
  // Every node the pages rendered has its template in base.axml (else the device shows nothing).
  expect(all.flatMap((h) => [...h.untemplated])).toEqual([])
})
