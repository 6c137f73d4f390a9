// Debian's Chromium driven by playwright-core: the one launcher every e2e test uses.
//
// A persistent context on a fresh, throw-away user-data dir: a default `browser.newContext()` is
// off-the-record, and Chromium refuses to call an off-the-record page installable.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { chromium, type BrowserContext, type Page, type CDPSession } from 'playwright-core'
import { CONSENT_VERSION } from '../../src/domain/consent'

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium'

/** Flags measured to work headless in containers here (see TOOLCHAIN.md). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export interface BrowserSession {
  context: BrowserContext
  /** The first tab (a persistent context always opens one). */
  page: Page
  userDataDir: string
  /** Console errors and uncaught page errors seen so far, across all pages. */
  pageErrors: string[]
  cdp(page?: Page): Promise<CDPSession>
  close(): Promise<void>
}

export interface LaunchOptions {
  /** CSS pixels; defaults to a common phone. */
  viewport?: { width: number; height: number }
  deviceScaleFactor?: number
  locale?: string
  /** Extra Chromium flags. */
  args?: string[]
  /**
   * Start as a returning user who already agreed to the privacy text (default), so journeys start
   * where they are about; false for the first-launch test.
   */
  privacyAccepted?: boolean
  /** Install Playwright's clock at this instant (it runs on from there): the stand-in's "now". */
  clockAt?: Date
}

/** Storage key and version the app's privacy guide uses (src/stores/app.ts). */
export const PRIVACY_STORAGE = { key: 'zj.privacy.accepted', version: CONSENT_VERSION }

export async function launchBrowser(opts: LaunchOptions = {}): Promise<BrowserSession> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: apt-get install -y chromium (or set CHROMIUM_PATH)`)
  }
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhijian-chromium-'))
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS, ...(opts.args ?? [])],
    viewport: opts.viewport ?? { width: 390, height: 844 },
    deviceScaleFactor: opts.deviceScaleFactor ?? 2,
    locale: opts.locale ?? 'zh-CN',
    isMobile: false,
    hasTouch: false,
  })
  if (opts.privacyAccepted !== false) {
    await context.addInitScript(({ key, version }) => {
      // about:blank (every context.newPage()) has no usable localStorage: nothing to seed there.
      try {
        if (!localStorage.getItem(key)) localStorage.setItem(key, version)
      } catch {
        // Not an http(s) document.
      }
    }, PRIVACY_STORAGE)
  }
  const pageErrors: string[] = []
  const watch = (p: Page) => {
    p.on('pageerror', (e) => pageErrors.push(`pageerror: ${e.message}`))
    p.on('console', (m) => { if (m.type() === 'error') pageErrors.push(`console.error: ${m.text()}`) })
  }
  context.pages().forEach(watch)
  context.on('page', watch)
  // The app's own clock (countdowns, QR freshness) runs from the instant the stand-in runs at.
  if (opts.clockAt !== undefined) await context.clock.install({ time: opts.clockAt })
  const page = context.pages()[0] ?? (await context.newPage())
  return {
    context,
    page,
    userDataDir,
    pageErrors,
    cdp: (p = page) => context.newCDPSession(p),
    async close() {
      await context.close().catch(() => undefined)
      fs.rmSync(userDataDir, { recursive: true, force: true })
    },
  }
}

/**
 * Resolves once a service worker controls `page`. The app does not call clients.claim() (an
 * "update ready" prompt replaces skipWaiting), so the first visit is never controlled: wait for
 * the registration to be activated (precache complete), then load again until the page is
 * controlled — the first reload after activation sometimes still comes up uncontrolled in
 * Chromium. `load` defaults to a reload; pass another navigation (e.g. through a proxy).
 */
export async function waitForServiceWorkerControl(page: Page, timeoutMs = 30_000, load: () => Promise<unknown> = () => page.reload(), attempts = 5): Promise<void> {
  await page.waitForFunction(
    async () => (await navigator.serviceWorker?.getRegistration())?.active?.state === 'activated',
    undefined,
    { timeout: timeoutMs, polling: 100 },
  )
  if (await page.evaluate(() => navigator.serviceWorker.controller !== null)) return
  for (let i = 0; i < attempts; i++) {
    await load()
    const ok = await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 5_000, polling: 100 }).then(() => true, () => false)
    if (ok) return
  }
  throw new Error(`no service worker took control of the page after ${attempts} loads`)
}
