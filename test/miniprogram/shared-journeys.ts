// Journey steps both mini-program harnesses drive the same way (the weapp one on exparser, the
// Alipay one on the data tree): the same visible texts, the same taps, the same budgets. A test
// file brings its device and its stand-in; what differs by vendor (the API a step must have
// called, the parameter names) stays in the test.
import fs from 'node:fs'
import { performance } from 'node:perf_hooks'
import { messages } from '../../src/domain/messages'
import { SEED_STAFF } from '../../mock/src/identity/staff'
import { base32Decode, totp } from '../../mock/src/identity/totp'
import type { Api } from '../support/api'
import { bookFirstOpenSlot, moveClock } from '../support/journey-setup'
import { msSince, nowMs } from '../support/journey-report'

/** What a journey step needs of a harness (WeappHarness and AlipayHarness both are one). */
export interface MiniDevice {
  tap(text: string, nth?: number): Promise<void>
  type(label: string, value: string): Promise<void>
  text(): string
  waitFor(what: string | RegExp | (() => boolean), timeoutMs?: number): Promise<void>
  waitForRoute(route: string, timeoutMs?: number): Promise<void>
  switchTabBack(): Promise<void>
  readonly answers: { scan: string[] | 'cancel' }
}

/** Taps counted on visible text, with their log. */
export class Taps {
  n = 0
  readonly log: string[] = []
  /**
   * nowMs() (the harness's monotonic clock) just before the first counted tap. The device's tap
   * first waits for its target; the journeys' first taps are on what is already shown.
   */
  firstTapAt?: number
  constructor(private d: MiniDevice) {}
  async on(text: string, nth = 0) {
    this.firstTapAt ??= nowMs()
    await this.d.tap(text, nth)
    this.n++
    this.log.push(text)
  }
  /** ms from the first tap to now (time to first content, when called as that content shows). */
  since(): number | undefined {
    return msSince(this.firstTapAt)
  }
}

/**
 * How the mini-program journeys time "first content" (the bench's note): the harnesses poll the
 * rendered text every 20 ms, so a time is that coarse, and includes the harness's own rendering.
 */
export const MINI_TIMED = 'harness monotonic clock, polled every 20 ms'

const home = messages.ui.home
const b = messages.booking
/** The confirm button once a slot is chosen: 确认预约（date HH:MM）. */
export const SLOTTED = new RegExp(`${b.flow.submit}（[^）]*\\d\\d:\\d\\d）`)

/** J7's codes: a booking at window01's hall with its check-in code (the clock moved to 10 minutes before it) and an e-proof. Move the clock back after. */
export async function staffCodes(api: Api, citizen: { accessToken: string; refreshToken: string }): Promise<{ checkInCode: string; proofNumber: string }> {
  const proof = await api<{ number: string }>('POST', '/api/proofs', { kind: 'social_security' }, citizen.accessToken)
  const booking = await bookFirstOpenSlot(api, citizen.accessToken, WINDOW01.hallIds[0])
  await moveClock(api, { at: new Date(Date.parse(booking.startsAt) - 10 * 60_000).toISOString() })
  // The access token expired at the new time; the refresh token renews it.
  const renewed = await api<{ accessToken: string }>('POST', '/api/auth/refresh', { refreshToken: citizen.refreshToken })
  const checkInCode = (await api<{ checkIn?: { code?: string } }>('GET', `/api/bookings/${booking.id}`, undefined, renewed.accessToken)).checkIn?.code
  if (!checkInCode || !/^[\w-]+\.[\w-]+\.[\w-]+$/.test(checkInCode)) throw new Error(`booking ${booking.id} shows no check-in code 10 minutes before it`)
  return { checkInCode, proofNumber: proof.number }
}

export const WINDOW01 = SEED_STAFF.find((x) => x.username === 'window01')!

/** staffScanFourCodes's codes in its order (the journeys bench's J7 sub-cases). */
export const STAFF_CODE_CASES = ['check-in code', 'proof number scanned', 'unknown proof number', 'not a code'] as const

/**
 * J7 on the hall's phone, opened on the staff sign-in page: password + the TOTP of the server's
 * clock, then 扫码核验 and the scanner (the harness answers it with each code): a check-in code
 * (签到成功 + queue number), the e-proof, a number nobody issued and a non-code, each with its
 * verdict and reason. Taps per code after sign-in.
 */
export async function staffScanFourCodes(d: MiniDevice, codes: { checkInCode: string; proofNumber: string }, serverNow: Date): Promise<{ perCode: number[]; verdictMs: number[]; queue: string }> {
  const l = messages.staff.login
  const sc = messages.staff.scan
  await d.waitFor(l.hint)
  await d.type(l.username, WINDOW01.username)
  await d.type(l.password, WINDOW01.password)
  await d.type(l.totp, totp(base32Decode(WINDOW01.totpSecret), serverNow))
  await d.tap(l.submit)
  await d.waitForRoute('packages/staff/pages/index', 20_000)
  const perCode: number[] = []
  const verdictMs: number[] = []
  let taps = new Taps(d)
  await taps.on(messages.staff.home.scan)
  await d.waitForRoute('packages/staff/pages/scan')
  const scan = async (code: string, verdict: string) => {
    d.answers.scan = [code]
    const tapped = nowMs()
    await taps.on(sc.camera)
    await d.waitFor(verdict, 20_000)
    verdictMs.push(nowMs() - tapped)
    perCode.push(taps.n)
    taps = new Taps(d)
  }
  await scan(codes.checkInCode, `✓ ${sc.checkedIn}`)
  const queue = /\b[A-Z]\d{3}\b/.exec(d.text())?.[0]
  if (!queue) throw new Error(`no queue number after check-in: ${d.text()}`)
  await scan(codes.proofNumber, `✓ ${sc.proofValid}`)
  if (!d.text().includes(codes.proofNumber)) throw new Error('the proof verdict does not show its number')
  await scan(`${codes.proofNumber.slice(0, 10)}ZZZZZZZZZZ`, `✕ ${messages.records.verify.reasons.not_found}`)
  await scan('这不是二维码', `✕ ${messages.wallet.results.malformed}`)
  return { perCode, verdictMs, queue }
}

/** 首页 → 预约办理 → 身份证首次 → the nearest hall's first free slot, up to the confirm button (its text). */
export async function toConfirm(d: MiniDevice, taps?: Taps): Promise<string> {
  const tap = (t: string) => (taps ? taps.on(t) : d.tap(t))
  await tap(home.tiles.booking)
  await d.waitForRoute('packages/booking/pages/choose')
  await d.type(b.choose.placeholder, '身份证首次')
  await tap('居民身份证首次申领')
  await d.waitForRoute('packages/booking/pages/book')
  await d.waitFor(SLOTTED, 20_000)
  return d.text().match(SLOTTED)![0]
}

/**
 * J4's second half from 首页, with a booking of 居民身份证首次申领 active: open it, 改约 to another
 * free slot of the shown day, confirm (已改约); then open it again, 取消预约 and confirm (已取消, no
 * more 改约). `active` asks the server for the person's active bookings.
 */
export async function rescheduleThenCancel(d: MiniDevice, active: () => Promise<{ startsAt: string }[]>): Promise<{ rescheduleTaps: number; cancelTaps: number; to: string }> {
  const first = await active()
  if (first.length !== 1) throw new Error(`expected one active booking, got ${first.length}`)
  await d.switchTabBack()
  await d.waitFor('居民身份证首次申领', 20_000)
  let taps = new Taps(d)
  await taps.on('居民身份证首次申领')
  await d.waitForRoute('packages/booking/pages/detail')
  await taps.on(b.detail.reschedule)
  await d.waitForRoute('packages/booking/pages/book')
  await d.waitFor(/\d\d:\d\d-\d\d:\d\d/, 20_000)
  // China time of the booked slot; another one that is not full.
  const at = new Date(first[0].startsAt)
  const booked = `${String((at.getUTCHours() + 8) % 24).padStart(2, '0')}:${String(at.getUTCMinutes()).padStart(2, '0')}`
  const to = [...d.text().matchAll(new RegExp(`(\\d\\d:\\d\\d)-\\d\\d:\\d\\d(?! ?${b.flow.full})`, 'g'))].map((m) => m[0]).find((x) => !x.startsWith(booked))
  if (!to) throw new Error(`no other free slot: ${d.text()}`)
  await taps.on(to)
  await d.waitFor(SLOTTED, 20_000)
  await taps.on(d.text().match(SLOTTED)![0])
  await d.waitFor(b.detail.rescheduled, 20_000)
  const moved = await active()
  if (moved.length !== 1 || moved[0].startsAt === first[0].startsAt) throw new Error(`the server does not have the new time: ${JSON.stringify(moved)}`)
  const rescheduleTaps = taps.n
  await d.switchTabBack()
  await d.waitFor('居民身份证首次申领', 20_000)
  taps = new Taps(d)
  await taps.on('居民身份证首次申领')
  await d.waitForRoute('packages/booking/pages/detail')
  await taps.on(b.detail.cancel)
  await d.waitFor(b.detail.cancelConfirm)
  await taps.on(b.detail.cancel)
  await d.waitFor(() => d.text().startsWith(`${b.detail.title}${b.mine.status.cancelled}`), 20_000)
  if (d.text().includes(b.detail.reschedule)) throw new Error('a cancelled booking still offers 改约')
  if ((await active()).length !== 0) throw new Error('the booking is still active on the server')
  return { rescheduleTaps, cancelTaps: taps.n, to }
}

/**
 * J10 from 首页: 关怀模式 on, the elder home (its tiles title and the 12345 button, tapped once),
 * 社保 as J3, back, a booking as J4. `screen` is called on each screen reached (a harness that can
 * check something there).
 */
export async function elderJourney(d: MiniDevice, screen: (where: string) => Promise<void> = async () => undefined): Promise<{ socialTaps: number; socialMs?: number; booking: Taps; slotsMs?: number }> {
  const ui = messages.ui
  await d.waitFor(ui.elder.turnOn, 20_000)
  await d.tap(ui.elder.turnOn)
  await d.waitFor(ui.elder.hotline, 20_000)
  if (!d.text().includes(ui.elder.tilesTitle)) throw new Error('no elder home')
  await screen('首页 (elder home)')
  await d.tap(ui.elder.hotline)
  const q = new Taps(d)
  await q.on(home.tiles.social)
  await d.waitForRoute('packages/records/pages/social')
  await d.waitFor(messages.records.social.totalMonths, 20_000)
  const socialMs = q.since()
  await screen('社保')
  await d.switchTabBack()
  await d.waitFor(ui.elder.hotline, 20_000)
  const taps = new Taps(d)
  const confirm = await toConfirm(d, taps)
  const slotsMs = taps.since()
  await taps.on(confirm)
  await d.waitFor(b.flow.doneHint, 20_000)
  await screen('预约成功')
  return { socialTaps: q.n, socialMs, booking: taps, slotsMs }
}

/** The elder tokens of a built style sheet (`.page.elder` in app.wxss / app.acss) in px on a 390-px-wide phone (Taro writes 1 design px as 2 rpx; 750 rpx span the screen). */
export function elderTokensPx(sheet: string): Record<string, number> {
  const rule = /\.page\.elder[^{]*\{([^}]*)\}/.exec(fs.readFileSync(sheet, 'utf8'))
  if (!rule) throw new Error(`${sheet} has no .page.elder rule`)
  return Object.fromEntries([...rule[1].matchAll(/--([\w-]+):\s*([\d.]+)rpx/g)].map((m) => [m[1], (Number(m[2]) * 390) / 750]))
}

/** J9 from 首页 as the person: 法人 → the company's cases under its name → the filed case's page. Taps. */
export async function enterpriseCase(d: MiniDevice, companyName: string, filed: { number: string; itemName: string }): Promise<{ taps: Taps; casesMs?: number }> {
  await d.waitFor(home.acting.enterprise, 20_000)
  const taps = new Taps(d)
  await taps.on(home.acting.enterprise)
  await d.waitFor(`${companyName}的事项`, 20_000)
  const casesMs = taps.since()
  await taps.on(filed.itemName)
  await d.waitForRoute('packages/cases/pages/detail')
  await d.waitFor(filed.number, 20_000)
  return { taps, casesMs }
}

/** J5's follow-up after staff accepted case `number` of `itemName`: on 首页, its timeline (受理), then the message in 消息. */
export async function followCase(d: MiniDevice & { switchTab(page: string): Promise<void> }, itemName: string, number: string): Promise<void> {
  await d.switchTabBack()
  await d.waitFor(itemName, 20_000)
  await d.tap(itemName)
  await d.waitForRoute('packages/cases/pages/detail')
  await d.waitFor(number, 20_000)
  await d.waitFor(messages.cases.states.accepted, 20_000)
  await d.switchTab('pages/messages/index')
  await d.waitFor(number, 20_000)
}

// ---- Edge cases both vendors have (JOURNEYS.md: a clear Chinese message, nothing lost) ----------

/** 确认预约 gets no answer (`fail` arms the harness's vendor failure, `heal` removes it): 网络响应超时…, the page and the chosen slot kept; the retry books. */
export async function bookingTimeoutThenRetry(d: MiniDevice & { readonly route: string }, fail: () => void, heal: () => void): Promise<void> {
  const confirm = await toConfirm(d)
  fail()
  await d.tap(confirm)
  await d.waitFor(messages.platform.request.timeout, 20_000)
  expect(d.route).toBe('packages/booking/pages/book')
  expect(d.text()).toContain(confirm)
  heal()
  await d.tap(confirm)
  await d.waitFor(b.flow.doneHint, 20_000)
}

/** After booking, 开启到期提醒 declined in the vendor's dialog (未开启订阅提醒…, the booking stands), then accepted (the button goes). `booked` asks the server. */
export async function reminderRejectedThenAccepted(d: MiniDevice & { answers: { subscribe: 'accept' | 'reject' } }, booked: () => Promise<number>): Promise<void> {
  await d.tap(await toConfirm(d))
  await d.waitFor(b.flow.remindMe, 20_000)
  d.answers.subscribe = 'reject'
  await d.tap(b.flow.remindMe)
  await d.waitFor(b.flow.remindDeclined)
  expect(d.text()).toContain(b.flow.doneHint)
  expect(await booked()).toBe(1)
  d.answers.subscribe = 'accept'
  await d.tap(b.flow.remindMe)
  await d.waitFor(() => !d.text().includes(b.flow.remindMe))
}

/** 查验证明 with a number typed, the scanner closed (已取消扫码…, the number kept: `kept`), then a scan of a real proof (证明有效). */
export async function verifyScanCancelledThenValid(d: MiniDevice, proofNumber: string, kept: (typed: string) => boolean): Promise<void> {
  const v = messages.records.verify
  await d.waitFor(v.scan)
  await d.type(v.placeholder, 'ZJP-TYPED-123')
  d.answers.scan = 'cancel'
  await d.tap(v.scan)
  await d.waitFor(v.scanCancelled)
  expect(kept('ZJP-TYPED-123')).toBe(true)
  d.answers.scan = [proofNumber]
  await d.tap(v.scan)
  await d.waitFor(v.valid, 20_000)
  expect(d.text()).toContain(proofNumber)
}

// ---- J5 / J8: the online form ------------------------------------------------------------------

/**
 * 首页 search → `itemName`'s guide → 在线办理: the prefilled form (J5's taps count from the filled
 * form, these are reported apart). Its taps, and ms from the tap on the search box to the form.
 */
export async function toForm(d: MiniDevice, itemName: string): Promise<{ taps: number; formMs?: number }> {
  const taps = new Taps(d)
  await taps.on(home.searchPlaceholder)
  await d.waitForRoute('packages/catalog/pages/search')
  await d.type(messages.catalog.search.placeholder, itemName)
  await taps.on(itemName)
  await d.waitForRoute('packages/catalog/pages/guide')
  await taps.on(messages.catalog.guide.applyOnline)
  await d.waitForRoute('packages/apply/pages/index')
  await d.waitFor(messages.cases.apply.sectionMaterials, 20_000)
  return { taps: taps.n, formMs: taps.since() }
}

/**
 * J5 from the filled form: 上传材料 for the first material offering it (unless its button already
 * shows), 拍照或选择文件 (the vendor's picker hands over a photo), the file listed with 删除, 提交申请.
 * Taps counted; the case number the page shows.
 */
export async function uploadPhotoAndSubmit(d: MiniDevice & { answers: { photo?: { name: string; bytes: Buffer } } }, photo: { name: string; bytes: Buffer }): Promise<{ taps: Taps; number: string }> {
  const ct = messages.cases
  const taps = new Taps(d)
  d.answers.photo = photo
  if (!d.text().includes(ct.apply.upload)) await taps.on(ct.modes.upload)
  await taps.on(ct.apply.upload)
  await d.waitFor(photo.name, 20_000)
  expect(d.text()).toContain(ct.apply.removeFile)
  await taps.on(ct.apply.submit)
  await d.waitFor(/ZJ\d{14}/, 20_000)
  return { taps, number: /ZJ\d{14}/.exec(d.text())![0] }
}

/** A harness that can lose its network and be closed and reopened (J8). */
export interface RestartableDevice extends MiniDevice {
  readonly route: string
  setOffline(off: boolean): void
  close(): void
  launch(page?: string): Promise<void>
}

/**
 * J8 on the filled form: the network goes, 提交申请 queues the application in the storage outbox
 * (said in Chinese, the pending bar shows 1), the person swipes the app away; the network comes
 * back and the app is reopened on 首页, where nobody taps: the sent note with the case number must
 * show within 10 s (monotonic clock: a launch moves Date to the phone's clock). The queue tap count
 * and the seconds.
 */
export async function offlineApplyThenRestart(d: RestartableDevice, storage: Map<string, unknown>): Promise<{ taps: number; number: string; seconds: number }> {
  const ct = messages.cases
  const outbox = () => JSON.parse(String(storage.get('zj.cases.outbox') ?? '[]')) as unknown[]
  const taps = new Taps(d)
  try {
    d.setOffline(true)
    await taps.on(ct.apply.submit)
    await d.waitFor(ct.apply.offlineQueued, 20_000)
    await d.waitFor(messages.ui.outbox.pending.replace('{n}', '1'))
    expect(outbox()).toHaveLength(1)
  } finally {
    d.close()
  }
  d.setOffline(false)
  const started = performance.now()
  await d.launch()
  await d.waitFor(/ZJ\d{14}/, 10_000)
  const seconds = (performance.now() - started) / 1000
  expect(d.route).toBe('pages/home/index')
  expect(d.text()).toContain(messages.ui.outbox.sent.split('{numbers}')[0])
  expect(seconds).toBeLessThanOrEqual(10)
  expect(outbox()).toHaveLength(0)
  return { taps: taps.n, number: /ZJ\d{14}/.exec(d.text())![0], seconds }
}
