// J7 (JOURNEYS.md): hall staff sign in (password + TOTP) → scan/paste a code → verdict with its
// reason; check in a booking → queue number; ≤ 3 taps per code after sign-in (typing a code is not
// a tap). Also: the printed number of an e-proof, typed with spaces, is taken as /api/verify takes
// it; and the staff case page of a case at the officer's hall shows no raw form field key or code
// (checked against the form's own field keys), and opens a material in its viewer, which the
// citizen then sees in 谁查看了我的数据.
import { SEED_STAFF } from '../../mock/src/identity/staff'
import { base32Decode, totp } from '../../mock/src/identity/totp'
import { generateRegistry, ageOn, REFERENCE_DATE } from '../../mock/src/seed'
import { generateRecords } from '../../mock/src/seed/records'
import { catalogState } from '../../mock/src/catalog/state'
import { messages } from '../../src/domain/messages'
import { PNG, itemCode } from '../api/cases-support'
import { e2eStack, newPhone, serverNow, signInCitizen, smsCode, type Tokens } from '../support/e2e'
import { Hands } from '../support/taps'
import { msSince, recordJourney } from '../support/journey-report'

jest.setTimeout(300_000)

const SEED = 'e2e-j7'
const COUNTS = { citizens: 120, enterprises: 5 }
const HALL = 'hs-centre' // window01's hall
const s = messages.staff.scan

const e2e = e2eStack({ seed: { name: SEED, ...COUNTS }, timeoutMs: 600_000 })

/** A fresh SMS sign-in of an already real-named account (its tokens expired when the clock moved). */
async function again(phone: string): Promise<Tokens> {
  await e2e.api('POST', '/api/auth/sms', { phone })
  return e2e.api<Tokens>('POST', '/api/auth/login', { phone, code: await smsCode(e2e.api, phone), channel: 'h5' })
}

test('J7: staff sign in, check in a booking (queue number), verify an e-proof by its typed number, refuse a bad code with its reason: ≤ 3 taps per code; the case page is readable and opens a material', async () => {
  const api = e2e.api
  const registry = generateRegistry(SEED, COUNTS)
  const rec = generateRecords(SEED, registry.citizens, registry.enterprises)
  const adults = registry.citizens.filter((c) => ageOn(c.birthDate, REFERENCE_DATE) >= 25 && ageOn(c.birthDate, REFERENCE_DATE) < 70)
  const insured = adults.find((c) => rec.ss.some((x) => x.citizenId === c.id))!
  const applicant = adults.find((c) => c !== insured)!

  // ---- What citizens bring to the hall (through the API; their own journeys are J2–J5) -----------
  // A 临时救助 case (民政, 海曙 applicant) with a photo: window01's intake.
  const aPhone = newPhone()
  const a = await signInCitizen(api, applicant, { l3: true, phone: aPhone })
  const up = await fetch(`${e2e.url}/api/cases/uploads`, { method: 'POST', headers: { 'content-type': 'image/png', authorization: `Bearer ${a.accessToken}` }, body: PNG })
  expect(up.status).toBe(201)
  const fileId = ((await up.json()) as { fileId: string }).fileId
  const relief = itemCode('临时救助申请')
  const submitted = await api<{ cases: Array<{ id: string; number: string }> }>(
    'POST',
    '/api/cases',
    { itemCode: relief, form: { phone: '13800138000', region: '330203', address: '海曙区灵桥路1号' }, materials: [{ name: '居民身份证', mode: 'upload', fileIds: [fileId] }, { name: '困难情况说明', mode: 'deferred' }] },
    a.accessToken,
  )
  const kase = submitted.cases[0]
  // An e-proof of 社保 with its printed number.
  const pPhone = newPhone()
  const p = await signInCitizen(api, insured, { phone: pPhone })
  const proof = await api<{ number: string }>('POST', '/api/proofs', { kind: 'social_security' }, p.accessToken)
  expect(proof.number).toMatch(/^[A-Z]{2}\d{8}[0-9A-Z]{10}$/)
  // A booking at window01's hall in its first open slot; the clock moves to 10 minutes before it,
  // when the booking shows its check-in code.
  const hallItems = catalogState().halls.get(HALL)!.items
  let booking: { id: string; startsAt: string } | undefined
  for (const item of hallItems) {
    const av = await api<{ days: { slots: { startsAt: string; open: boolean }[] }[] }>('GET', `/api/booking/availability?hall=${HALL}&item=${item}`).catch(() => undefined)
    const slot = av?.days.flatMap((d) => d.slots).find((x) => x.open)
    if (!slot) continue
    booking = { ...(await api<{ id: string }>('POST', '/api/bookings', { itemCode: item, hallId: HALL, startsAt: slot.startsAt }, p.accessToken)), startsAt: slot.startsAt }
    break
  }
  expect(booking).toBeDefined()
  await api('POST', '/api/dev/clock', { at: new Date(Date.parse(booking!.startsAt) - 10 * 60_000).toISOString() })
  try {
    const p2 = await again(pPhone) // the earlier token expired at the new time
    const checkInCode = (await api<{ checkIn?: { code?: string } }>('GET', `/api/bookings/${booking!.id}`, undefined, p2.accessToken)).checkIn?.code
    expect(checkInCode).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/)

    // ---- Sign-in: password + the TOTP of the server's clock --------------------------------------
    const page = e2e.page
    const officer = SEED_STAFF.find((x) => x.username === 'window01')!
    expect(officer.hallIds).toEqual([HALL])
    await page.goto(`${e2e.url}/packages/staff/pages/login`)
    await page.locator('#staff-username input').fill(officer.username)
    await page.locator('#staff-password input').fill(officer.password)
    await page.locator('#staff-totp input').fill(totp(base32Decode(officer.totpSecret), await serverNow(api)))
    await page.locator('#staff-login').click()
    await page.waitForURL(/\/packages\/staff\/pages\/index/, { timeout: 20_000 })

    // ---- Code 1: the check-in code → 签到成功 and a queue number ----------------------------------
    const verdict = page.locator('#scan-verdict')
    const hands = new Hands(page)
    await hands.tapOn(page.locator('#staff-scan'), s.title)
    await page.waitForURL(/\/packages\/staff\/pages\/scan/, { timeout: 20_000 })
    const paste = async (code: string) => {
      const box = page.locator('#scan-code textarea')
      await box.waitFor({ state: 'visible', timeout: 20_000 })
      await box.fill(code)
    }
    await paste(checkInCode!)
    await hands.tapOn(page.locator('#scan-verify'), s.verify)
    await page.locator('#scan-chk-queue').waitFor({ state: 'visible', timeout: 20_000 })
    const verdictMs = [msSince(hands.lastTapAt)]
    expect(await verdict.innerText()).toBe(`✓ ${s.checkedIn}`)
    expect((await page.locator('#scan-chk-queue').innerText()).trim()).toMatch(/^[A-Z]\d{3}$/)
    const perCode = [hands.taps]

    // ---- Code 2: the proof's printed number, typed as it reads on paper ---------------------------
    let before = hands.taps
    await paste(`${proof.number.slice(0, 2)} ${proof.number.slice(2, 10)} ${proof.number.slice(10)}`.toLowerCase())
    await hands.tapOn(page.locator('#scan-verify'), s.verify)
    await page.locator('#scan-proof-number').waitFor({ state: 'visible', timeout: 20_000 })
    verdictMs.push(msSince(hands.lastTapAt))
    expect(await verdict.innerText()).toBe(`✓ ${s.proofValid}`)
    expect(await page.locator('#scan-proof-number').innerText()).toContain(proof.number)
    perCode.push(hands.taps - before)

    // ---- Code 3: a number nobody issued → ✕ with the reason ----------------------------------------
    before = hands.taps
    await paste(`${proof.number.slice(0, 10)}ZZZZZZZZZZ`)
    await hands.tapOn(page.locator('#scan-verify'), s.verify)
    await page.waitForFunction((want) => document.querySelector('#scan-verdict')?.textContent?.includes(want), messages.records.verify.reasons.not_found, { timeout: 20_000 })
    verdictMs.push(msSince(hands.lastTapAt))
    expect(await verdict.innerText()).toBe(`✕ ${messages.records.verify.reasons.not_found}`)
    perCode.push(hands.taps - before)

    // ---- Code 4: not a code at all → ✕ 无法识别 -----------------------------------------------------
    before = hands.taps
    await paste('这不是二维码')
    await hands.tapOn(page.locator('#scan-verify'), s.verify)
    await page.waitForFunction((want) => document.querySelector('#scan-verdict')?.textContent?.includes(want), messages.wallet.results.malformed, { timeout: 20_000 })
    verdictMs.push(msSince(hands.lastTapAt))
    expect((await verdict.innerText()).startsWith('✕ ')).toBe(true)
    perCode.push(hands.taps - before)
    for (const n of perCode) expect(n).toBeLessThanOrEqual(3)
    console.log(`J7 taps per code after sign-in: ${perCode.join(', ')} (${hands.log.join(' → ')})`)
    const codes = ['check-in code', 'proof number typed', 'unknown proof number', 'not a code']
    codes.forEach((name, i) => recordJourney({ id: 'J7', case: name, target: 'h5', taps: perCode[i], budget: 3, firstContentMs: verdictMs[i], note: `taps per code after sign-in${i === 0 ? ' (扫码核验 included)' : ''}`, timed: `tap on 核验 (code pasted) → the verdict visible` }))

    // ---- The staff case page: no raw field key or code; a material opens in the viewer ------------
    await page.goto(`${e2e.url}/packages/staff/pages/cases`)
    await page.locator(`#staff-row-${kase.number}`).click()
    await page.locator('#staff-case-state').filter({ visible: true }).waitFor({ timeout: 20_000 })
    const form = await api<{ fields: Array<{ key: string }> }>('GET', `/api/cases/forms/${relief}`)
    expect(form.fields.length).toBeGreaterThan(2)
    const shown = await page.locator('body').innerText()
    for (const f of form.fields) expect({ key: f.key, shown: new RegExp(`\\b${f.key}\\b`).test(shown) }).toEqual({ key: f.key, shown: false })
    expect(shown).not.toContain('330203') // the region as its name, not its code
    expect(shown).toContain('海曙区')
    await page.locator(`#staff-file-${fileId}`).click()
    await page.waitForFunction(
      () => {
        const img = document.querySelector('#staff-viewer-image img') as HTMLImageElement | null
        return !!img && img.complete && img.naturalWidth > 0
      },
      undefined,
      { timeout: 20_000 },
    )
    const src = await page.locator('#staff-viewer-image img').getAttribute('src')
    expect(src).toMatch(/\/api\/staff\/cases\/[0-9a-f-]+\/files\/[0-9a-f-]+\/view\?by=/)
    // The applicant sees who looked: window01's hall, the material's name.
    const a2 = await again(aPhone)
    const log = await api<{ items: Array<{ action: string; department?: string; subject?: string }> }>('GET', '/api/me/access-log', undefined, a2.accessToken)
    expect(log.items.filter((e) => e.action === 'case_material.view')).toEqual([expect.objectContaining({ department: '海曙区行政服务中心', subject: '居民身份证' })])
    expect(e2e.browser.pageErrors.filter((e) => !/status of 4\d\d/.test(e))).toEqual([])
  } finally {
    await api('POST', '/api/dev/clock', { offsetMs: 0 }).catch(() => undefined)
  }
})
