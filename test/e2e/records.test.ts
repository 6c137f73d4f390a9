// Records in Chromium against the real stand-in (`npm start`'s script): from the home tiles to
// 社保 (chart, year switch), 公积金 and 不动产 (L3); one e-proof of each kind from the pages, its
// PDF's QR decoded with pdftoppm + zbarimg and checked on the public /verify page; 谁查询了我的数据;
// and the last answer readable offline, marked 数据截至.
//
// Sign-in runs through the API (the identity e2e covers its pages); the citizens come from the same
// pure generators the server seeds from, so the test knows who has which records.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { e2eStack, shown, signInCitizen, storeSession, type Tokens } from '../support/e2e'
import { generateRegistry, ageOn, REFERENCE_DATE } from '../../mock/src/seed'
import { generateRecords } from '../../mock/src/seed/records'
import { messages } from '../../src/domain/messages'
import type { ProofsResponse } from '../../src/domain/contract/records'

jest.setTimeout(120_000)

const SEED = 'e2e-records'
const COUNTS = { citizens: 200, enterprises: 10 }
const t = messages.records
const R = '/packages/records/pages'

const e2e = e2eStack({ seed: { name: SEED, ...COUNTS }, timeoutMs: 600_000 })
const api = e2e.api

const signInL3 = (c: { name: string; idNumber: string }) => signInCitizen(api, c, { l3: true })
const useSession = (page: Page, tokens: Tokens) => storeSession(page, e2e.url, tokens)

function scanQr(pdf: Buffer): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'zj-e2e-proof-'))
  writeFileSync(path.join(dir, 'p.pdf'), pdf)
  execFileSync('pdftoppm', ['-png', '-r', '150', '-f', '1', '-l', '1', path.join(dir, 'p.pdf'), path.join(dir, 'page')])
  return execFileSync('zbarimg', ['-q', '--raw', path.join(dir, 'page-1.png')], { encoding: 'utf8' }).trim()
}

/** Make a proof with the page's button; 我的证明 opens with it on top. Returns its QR text. */
async function makeProof(page: Page, kind: 'social_security' | 'provident_fund' | 'property' | 'no_property', token: string): Promise<string> {
  await page.locator(`#rec-proof-${kind}`).click()
  await page.waitForURL((u) => u.pathname === `${R}/proofs`, { timeout: 20_000 })
  await page.locator('#proof-made').waitFor({ timeout: 20_000 })
  await page.locator('.proof-row', { hasText: t.proofs.kinds[kind] }).first().waitFor({ timeout: 20_000 })
  const { items } = await api<ProofsResponse>('GET', '/api/proofs', undefined, token)
  const p = items.find((x) => x.kind === kind)!
  const pdf = Buffer.from(await (await fetch(`${e2e.url}${p.downloadUrl}`)).arrayBuffer())
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
  return scanQr(pdf)
}

async function verifyOnPage(page: Page, code: string, title: string): Promise<void> {
  await page.goto(`${e2e.url}/verify`)
  await page.locator('#verify-code input').fill(code)
  await page.locator('#verify-submit').click()
  await page.locator('#verify-valid').waitFor({ timeout: 20_000 })
  await shown(page, title)
}

test('社保, 公积金, 不动产 from the home tiles; a proof of each kind verified at /verify; 谁查询了我的数据; offline copy', async () => {
  const registry = generateRegistry(SEED, COUNTS)
  const rec = generateRecords(SEED, registry.citizens, registry.enterprises)
  const adults = registry.citizens.filter((c) => ageOn(c.birthDate, REFERENCE_DATE) >= 25)
  const owner = adults.find((c) => rec.accounts.some((a) => a.citizenId === c.id) && rec.units.some((u) => u.citizenId === c.id) && rec.ss.some((s) => s.citizenId === c.id && s.toMonth >= '2026-10-01'))!
  const renter = adults.find((c) => c.id !== owner.id && !rec.units.some((u) => u.citizenId === c.id) && rec.ss.some((s) => s.citizenId === c.id))!
  expect(owner && renter).toBeTruthy()
  const page = e2e.browser.page
  const tokens = await signInL3(owner)
  await useSession(page, tokens)

  // 社保 from its home tile: figures, chart of every year, months of the latest year.
  await page.goto(`${e2e.url}/pages/home/index`)
  await page.getByText(messages.ui.home.tiles.social).first().click()
  await page.waitForURL((u) => u.pathname === `${R}/social`, { timeout: 20_000 })
  await page.locator('#ss-total-months').waitFor({ timeout: 20_000 })
  await page.locator('#rec-asof').waitFor()
  // 刷新 asks again and comes back as 刷新, enabled (it stayed on 正在查询… once the answer came).
  const refresh = page.locator('.rec-refresh')
  expect(await refresh.innerText()).toBe(messages.records.common.refresh)
  const answered = page.waitForResponse((r) => r.url().includes('/api/records/social') && r.request().method() === 'GET', { timeout: 20_000 })
  await refresh.click()
  await answered
  await page.waitForFunction(
    (label) => {
      const b = document.querySelector('.rec-refresh')
      return !!b && b.textContent === label && !b.hasAttribute('disabled')
    },
    messages.records.common.refresh,
    { timeout: 10_000 },
  )
  const years = new Set(rec.ss.filter((s) => s.citizenId === owner.id).flatMap((s) => [Number(s.fromMonth.slice(0, 4)), Number(s.toMonth.slice(0, 4))]))
  expect(await page.locator('#ss-chart .rec-bar-col').count()).toBe(years.size)
  await shown(page, '2026-10')
  // Tap the first bar: its year's months.
  const firstYear = Math.min(...years)
  await page.locator('#ss-chart .rec-bar-col').first().click()
  await shown(page, `${firstYear} 年缴费明细`)

  // An enabled button reads as enabled: no disabled attribute at all (Taro's wrapper used to
  // render disabled="false", which CSS [disabled] rules took for disabled: grey, no pressed state).
  const proofButton = page.locator('#rec-proof-social_security')
  expect(await proofButton.getAttribute('disabled')).toBeNull()
  const look = await proofButton.evaluate((el) => {
    const cs = getComputedStyle(el)
    const probe = document.createElement('div')
    probe.style.color = cs.getPropertyValue('--color-primary')
    el.parentElement!.appendChild(probe)
    const primary = getComputedStyle(probe).color
    probe.remove()
    return { background: cs.backgroundColor, primary }
  })
  expect(look.background).toBe(look.primary)

  const ssCode = await makeProof(page, 'social_security', tokens.accessToken)
  await verifyOnPage(page, ssCode, t.proofs.kinds.social_security)

  // 公积金 from its tile.
  await page.goto(`${e2e.url}/pages/home/index`)
  await page.getByText(messages.ui.home.tiles.fund).first().click()
  await page.waitForURL((u) => u.pathname === `${R}/fund`, { timeout: 20_000 })
  await page.locator('#pf-balance').waitFor({ timeout: 20_000 })
  await page.locator('#pf-withdrawals').waitFor()
  const pfCode = await makeProof(page, 'provident_fund', tokens.accessToken)
  await verifyOnPage(page, pfCode, t.proofs.kinds.provident_fund)

  // 不动产 (L3) from its tile.
  await page.goto(`${e2e.url}/pages/home/index`)
  await page.getByText(messages.ui.home.tiles.property).first().click()
  await page.waitForURL((u) => u.pathname === `${R}/property`, { timeout: 20_000 })
  await page.locator('.re-unit').first().waitFor({ timeout: 20_000 })
  expect(await page.locator('.re-unit').count()).toBe(rec.units.filter((u) => u.citizenId === owner.id).length)
  const reCode = await makeProof(page, 'property', tokens.accessToken)
  await verifyOnPage(page, reCode, t.proofs.kinds.property)

  // A changed QR payload is refused on the page.
  const [h, p, s] = reCode.split('.')
  await page.locator('#verify-code input').fill(`${h}.${p.slice(0, 10)}${p[10] === 'A' ? 'B' : 'A'}${p.slice(11)}.${s}`)
  await page.locator('#verify-submit').click()
  await page.locator('#verify-invalid').waitFor({ timeout: 20_000 })

  // 谁查询了我的数据 from 我的: the queries, proofs and the verifications above.
  await page.goto(`${e2e.url}/pages/me/index`)
  await page.getByText(t.entry.access).first().click()
  await page.waitForURL((u) => u.pathname === `${R}/access`, { timeout: 20_000 })
  await page.locator('#access-list').waitFor({ timeout: 20_000 })
  for (const action of ['social_security.view', 'provident_fund.view', 'property.view', 'proof.create', 'proof.verify'] as const) await shown(page, t.access.actions[action])

  // Offline: the last 社保 answer stays readable, marked 数据截至.
  await page.goto(`${e2e.url}${R}/proofs`)
  await page.locator('#proof-list').waitFor({ timeout: 20_000 })
  await e2e.browser.context.setOffline(true)
  await page.getByText(t.proofs.kinds.social_security, { exact: true }).last().click()
  await page.waitForURL((u) => u.pathname === `${R}/social`, { timeout: 20_000 })
  await page.locator('#rec-offline').waitFor({ timeout: 20_000 })
  await page.locator('#rec-asof').waitFor()
  await page.locator('#ss-total-months').waitFor()
  await e2e.browser.context.setOffline(false)

  // 无房证明 for someone without property (signed in on the same device after the owner).
  const renterTokens = await signInL3(renter)
  await useSession(page, renterTokens)
  await page.goto(`${e2e.url}${R}/property`)
  await page.locator('#rec-proof-no_property').waitFor({ timeout: 20_000 })
  const wfCode = await makeProof(page, 'no_property', renterTokens.accessToken)
  await verifyOnPage(page, wfCode, t.proofs.kinds.no_property)

  expect(e2e.browser.pageErrors.filter((e) => !/status of 4\d\d|ERR_INTERNET_DISCONNECTED|Failed to fetch/.test(e))).toEqual([])
})
