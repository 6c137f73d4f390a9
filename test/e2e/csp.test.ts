// The PWA under its own security headers (issue 25), in Debian's Chromium: no CSP violation on
// the first screen, the service worker still installs and serves the app offline, Chromium still
// finds it installable, the staff scanner reads a QR code from the camera, and the
// Permissions-Policy gives the camera to the staff area and the location to the hall pages only,
// naming no feature Chromium does not know (each would be a console warning on every page).
// The camera is Chromium's fake device playing a Y4M file that shows a QR code.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import QRCode from 'qrcode'
import type { Page } from 'playwright-core'
import { SEED_STAFF } from '../../mock/src/identity/staff'
import { base32Decode, totp } from '../../mock/src/identity/totp'
import { inlineScriptHashes } from '../../mock/src/security'
import { messages } from '../../src/domain/messages'
import { waitForServiceWorkerControl } from '../support/browser'
import { e2eStack, serverNow, shown } from '../support/e2e'
import { ROOT } from '../support/server'

jest.setTimeout(90_000)

const SCANNED = 'ZJ-CSP-CAMERA-CHECK'

/** One 640×480 Y4M frame (4:2:0) with the QR code of `text` in the middle, black on white. */
function qrY4m(text: string, file: string): void {
  const W = 640
  const H = 480
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' })
  const n = qr.modules.size
  const scale = Math.floor((H - 80) / (n + 8))
  const side = (n + 8) * scale
  const x0 = Math.floor((W - side) / 2)
  const y0 = Math.floor((H - side) / 2)
  const y = Buffer.alloc(W * H, 235)
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      if (!qr.modules.get(r, c)) continue
      for (let dy = 0; dy < scale; dy++) y.fill(16, (y0 + (r + 4) * scale + dy) * W + x0 + (c + 4) * scale, (y0 + (r + 4) * scale + dy) * W + x0 + (c + 5) * scale)
    }
  }
  const chroma = Buffer.alloc((W / 2) * (H / 2) * 2, 128)
  const frame = Buffer.concat([Buffer.from('FRAME\n'), y, chroma])
  fs.writeFileSync(file, Buffer.concat([Buffer.from(`YUV4MPEG2 W${W} H${H} F10:1 Ip A1:1 C420jpeg\n`), frame, frame]))
}

const y4m = path.join(os.tmpdir(), `zj-csp-qr-${process.pid}.y4m`)
qrY4m(SCANNED, y4m)

const e2e = e2eStack({
  browser: { args: ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${y4m}`] },
})
afterAll(() => fs.rmSync(y4m, { force: true }))

/** Every CSP violation a page reports, kept in the page (installed before any script runs). */
async function watchViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __csp?: string[] }
    w.__csp = []
    document.addEventListener('securitypolicyviolation', (e) => w.__csp!.push(`${e.violatedDirective} ${e.blockedURI}`))
  })
}
const violations = (page: Page) => page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? [])

test('the server sends a CSP with the hashes of the built index.html\'s inline scripts, and no unsafe script source', async () => {
  const html = fs.readFileSync(path.join(ROOT, 'dist/h5/index.html'), 'utf8')
  const hashes = inlineScriptHashes(html)
  expect(hashes.length).toBeGreaterThan(0)
  const res = await fetch(`${e2e.url}/`, { headers: { accept: 'text/html' } })
  const csp = res.headers.get('content-security-policy') ?? ''
  const script = csp.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src')) ?? ''
  for (const h of hashes) expect(script).toContain(h)
  // 'unsafe-hashes' only lets the tab bar's `javascript:;` hash run; never unsafe-inline/eval.
  expect(script.replace("'unsafe-hashes'", '')).not.toMatch(/unsafe|\*|data:/)
  expect(csp).toContain("frame-ancestors 'none'")
})

test('Permissions-Policy: camera in the staff area only, location on the hall pages only (network answers)', async () => {
  const page = await e2e.browser.context.newPage()
  const cdp = await e2e.browser.cdp(page)
  // The server's own answers, not the service worker's shell.
  await cdp.send('Network.enable')
  await cdp.send('Network.setBypassServiceWorker', { bypass: true })
  const allows = async (route: string) => {
    await page.goto(`${e2e.url}${route}`)
    return page.evaluate(() => {
      const fp = (document as unknown as { featurePolicy: { allowsFeature(f: string): boolean } }).featurePolicy
      return { camera: fp.allowsFeature('camera'), geolocation: fp.allowsFeature('geolocation'), microphone: fp.allowsFeature('microphone') }
    })
  }
  expect(await allows('/packages/staff/pages/scan')).toEqual({ camera: true, geolocation: false, microphone: false })
  expect(await allows('/packages/catalog/pages/halls')).toEqual({ camera: false, geolocation: true, microphone: false })
  expect(await allows('/packages/records/pages/social')).toEqual({ camera: false, geolocation: false, microphone: false })
  await cdp.detach()
  await page.close()
})

test('Permissions-Policy names only features Chromium knows: no console warning on the shell, the scanner or a hall page', async () => {
  const page = await e2e.browser.context.newPage()
  const cdp = await e2e.browser.cdp(page)
  // The server's own answers carry the header; the service worker's cached shell would hide it.
  await cdp.send('Network.enable')
  await cdp.send('Network.setBypassServiceWorker', { bypass: true })
  const warnings: string[] = []
  page.on('console', (m) => {
    if (m.type() === 'warning' || m.type() === 'error') warnings.push(`${m.type()}: ${m.text()}`)
  })
  for (const route of ['/', '/packages/staff/pages/scan', '/packages/catalog/pages/halls']) {
    const res = await page.goto(`${e2e.url}${route}`)
    expect(res?.headers()['permissions-policy']).toContain('camera=')
    // The header is parsed at commit; give Chromium's log a beat to deliver what it found.
    await page.waitForLoadState('load')
  }
  expect(warnings.filter((w) => /permissions-policy|feature/i.test(w))).toEqual([])
  expect(warnings).toEqual([])
  await cdp.detach()
  await page.close()
})

test('under the CSP: no violation, the service worker takes control, Chromium finds the PWA installable, and it starts offline', async () => {
  const page = e2e.page
  await watchViolations(page)
  await page.goto(`${e2e.url}/`)
  await shown(page, messages.ui.home.searchPlaceholder)
  await waitForServiceWorkerControl(page)
  const cdp = await e2e.browser.cdp(page)
  await page.waitForFunction(() => document.querySelector('link[rel="manifest"]') !== null)
  const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: unknown[] }
  expect(installabilityErrors).toEqual([])
  await cdp.detach()
  expect(await violations(page)).toEqual([])
  await e2e.browser.context.setOffline(true)
  try {
    const res = await page.reload()
    expect(res?.fromServiceWorker()).toBe(true)
    await shown(page, messages.ui.home.searchPlaceholder)
    expect(await violations(page)).toEqual([])
  } finally {
    await e2e.browser.context.setOffline(false)
  }
  expect(e2e.browser.pageErrors).toEqual([])
})

test('under the CSP the staff scanner reads a QR code from the camera', async () => {
  const page = e2e.page
  await watchViolations(page)
  const s = SEED_STAFF.find((x) => x.roles.includes('window'))!
  await page.goto(`${e2e.url}/packages/staff/pages/login`)
  await page.locator('#staff-username input').fill(s.username)
  await page.locator('#staff-password input').fill(s.password)
  await page.locator('#staff-totp input').fill(totp(base32Decode(s.totpSecret), await serverNow(e2e.api)))
  await page.locator('#staff-login').click()
  await page.waitForURL(/\/packages\/staff\/pages\/index/, { timeout: 20_000 })
  await page.goto(`${e2e.url}/packages/staff/pages/scan`)
  await page.locator('#scan-camera').click()
  // The fake camera shows SCANNED; jsQR reads it and the one scanner judges it (not a signed code).
  await page.locator('#scan-verdict').waitFor({ state: 'visible', timeout: 30_000 })
  expect(await page.locator('#scan-verdict').innerText()).toContain('✕')
  expect(await violations(page)).toEqual([])
  expect(e2e.browser.pageErrors).toEqual([])
})
