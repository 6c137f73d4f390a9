// What every browser suite needs, once: the product started the way a user starts it and Debian's
// Chromium, both up before the suite and both stopped after it; a JSON client for the stand-in's
// API; citizens and staff signed in through that API; and "wait until this text is shown".
import type { Locator, Page } from 'playwright-core'
import { apiAt, type Api } from './api'
import { launchBrowser, type BrowserSession, type LaunchOptions } from './browser'
import { startServer, type RunningServer, type StartOptions } from './server'
import { walkServer } from './pages'
import { SEED_STAFF } from '../../mock/src/identity/staff'
import { base32Decode, totp } from '../../mock/src/identity/totp'
import { CONSENT_VERSION } from '../../src/domain/consent'

export interface Tokens {
  accessToken: string
  refreshToken: string
}

export { apiAt, type Api, type Method } from './api'

export interface StackOptions {
  /** Seeded registry for the server (SEED, SEED_CITIZENS, SEED_ENTERPRISES). */
  seed?: { name: string; citizens: number; enterprises: number }
  /** Use the page walk's server (E2E_SERVER_URL when given, else a fresh one). */
  walk?: boolean
  server?: StartOptions
  browser?: LaunchOptions
  /** For starting both (the first start may build the PWA). */
  timeoutMs?: number
}

export interface Stack {
  readonly server: RunningServer
  readonly browser: BrowserSession
  /** The browser's first tab. */
  readonly page: Page
  readonly url: string
  readonly api: Api
}

/**
 * Registers beforeAll/afterAll for the calling suite: server and Chromium start together; if one
 * fails the other is still stopped. The returned object's fields are valid inside tests.
 */
export function e2eStack(opts: StackOptions = {}): Stack {
  let server: RunningServer | undefined
  let browser: BrowserSession | undefined
  const timeoutMs = opts.timeoutMs ?? 170_000
  beforeAll(async () => {
    const env = opts.seed ? { SEED: opts.seed.name, SEED_CITIZENS: String(opts.seed.citizens), SEED_ENTERPRISES: String(opts.seed.enterprises) } : {}
    const [s, b] = await Promise.allSettled([
      opts.walk ? walkServer(timeoutMs) : startServer({ timeoutMs, ...opts.server, env: { ...env, ...opts.server?.env } }),
      launchBrowser(opts.browser),
    ])
    if (s.status === 'fulfilled') server = s.value
    if (b.status === 'fulfilled') browser = b.value
    if (s.status === 'rejected') throw s.reason
    if (b.status === 'rejected') throw b.reason
    // The browser's clock runs from the stand-in's pinned "now", so the app and the server agree.
    await b.value.context.clock.install({ time: await serverNow(apiAt(() => s.value.url)) })
  }, timeoutMs + 10_000)
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })
  const need = <T>(v: T | undefined, what: string): T => {
    if (v === undefined) throw new Error(`${what} is not up (beforeAll failed)`)
    return v
  }
  return {
    get server() { return need(server, 'server') },
    get browser() { return need(browser, 'browser') },
    get page() { return need(browser, 'browser').page },
    get url() { return need(server, 'server').url },
    api: apiAt(() => need(server, 'server').url),
  }
}

/** The stand-in's clock (pinned by DEV_CLOCK_AT, moved by POST /api/dev/clock). */
export async function serverNow(api: Api): Promise<Date> {
  return new Date((await api<{ now: string }>('GET', '/api/dev/clock')).now)
}

let phoneSeq = 0
/** A phone number no other test of this process used (the server is per suite). */
export function newPhone(): string {
  phoneSeq++
  return `199${String(process.pid % 100_000).padStart(5, '0')}${String(phoneSeq).padStart(3, '0')}`
}

/** The newest code the stand-in SMS gateway sent to a phone. */
export async function smsCode(api: Api, phone: string): Promise<string> {
  const out = await api<{ items: { code: string }[] }>('GET', `/api/dev/sms-outbox?phone=${phone}`)
  const code = out.items[0]?.code
  if (!code) throw new Error(`no SMS code for ${phone} in the outbox`)
  return code
}

/**
 * A seeded citizen signed in through the API the app uses (SMS login on a fresh phone, consent,
 * real name → L2; with `l3` also the stand-in face check). The login and real-name UI have their
 * own test in identity.test.ts.
 */
export async function signInCitizen(api: Api, citizen: { name: string; idNumber: string }, opts: { l3?: boolean; phone?: string } = {}): Promise<Tokens> {
  const phone = opts.phone ?? newPhone()
  await api('POST', '/api/auth/sms', { phone })
  const tokens = await api<Tokens>('POST', '/api/auth/login', { phone, code: await smsCode(api, phone), channel: 'h5' })
  const tk = tokens.accessToken
  await api('POST', '/api/me/consents', { kind: 'id_processing', version: CONSENT_VERSION, granted: true }, tk)
  await api('POST', '/api/identity/real-name', { name: citizen.name, idNumber: citizen.idNumber }, tk)
  if (opts.l3) {
    await api('POST', '/api/me/consents', { kind: 'face', version: CONSENT_VERSION, granted: true }, tk)
    const start = await api<{ flowId: string; clientToken: string }>('POST', '/api/identity/face/start', { method: 'stand-in' }, tk)
    await api('POST', '/api/identity/face/complete', { flowId: start.flowId, standInProof: start.clientToken }, tk)
  }
  return tokens
}

const lastStep = new Map<string, number>()
/**
 * A seeded staff member (by username, or the first with the role), by password and TOTP. A TOTP code is accepted once, so a
 * second login of the same person waits for the next 30-s step.
 */
export async function staffLogin(api: Api, role: 'window' | 'approver' | 'admin' | `${'window' | 'approver'}0${number}` = 'window'): Promise<Tokens> {
  // A username picks one officer (staff are scoped to their department and halls); a role, its first.
  const s = SEED_STAFF.find((x) => x.username === role) ?? SEED_STAFF.find((x) => x.roles.includes(role as 'window'))
  if (!s) throw new Error(`no seeded staff with role ${role}`)
  // The TOTP step is the server's: its clock is pinned, not the machine's.
  let step = Math.floor((await serverNow(api)).getTime() / 30_000)
  while (step <= (lastStep.get(s.username) ?? -1)) {
    await new Promise((r) => setTimeout(r, 1000))
    step = Math.floor((await serverNow(api)).getTime() / 30_000)
  }
  lastStep.set(s.username, step)
  return api<Tokens>('POST', '/api/staff/login', { username: s.username, password: s.password, totp: totp(base32Decode(s.totpSecret), new Date(step * 30_000)) })
}

/** Put a session into the page's storage the way the app keeps it (citizen: zj.session; staff: its own key). */
export async function storeSession(page: Page, base: string, tokens: Tokens, key = 'zj.session'): Promise<void> {
  await page.goto(`${base}/pages/me/index`)
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [key, JSON.stringify(tokens)] as const)
}

/**
 * The first visible element with the text. Taro's h5 router keeps earlier pages of the stack in
 * the DOM (hidden), so hidden matches are skipped.
 */
export function visibleText(page: Page, text: string | RegExp, exact = false): Locator {
  return page.getByText(text, { exact }).filter({ visible: true }).first()
}

/** Waits until the text is shown on the page. */
export async function shown(page: Page, text: string | RegExp, timeout = 20_000): Promise<void> {
  await visibleText(page, text).waitFor({ state: 'visible', timeout })
}

/**
 * Watch a page's API answers from now on; `waitFor` then waits for a selector and, when it does not
 * come, fails with what the page showed and which API calls were refused (a flake seen once in CI
 * otherwise leaves only "Timeout exceeded").
 */
export function watched(page: Page): { waitFor(selector: string, timeout?: number): Promise<void> } {
  const refused: string[] = []
  page.on('response', (r) => {
    if (r.url().includes('/api/') && r.status() >= 400) refused.push(`${r.request().method()} ${new URL(r.url()).pathname} → ${r.status()}`)
  })
  page.on('requestfailed', (r) => {
    if (r.url().includes('/api/')) refused.push(`${r.method()} ${new URL(r.url()).pathname} → ${r.failure()?.errorText ?? 'failed'}`)
  })
  return {
    async waitFor(selector, timeout = 20_000) {
      try {
        await page.locator(selector).first().waitFor({ timeout })
      } catch (e) {
        const text = await page.evaluate(() => document.body.innerText.replace(/\s+/g, ' ').slice(0, 600)).catch(() => '(page gone)')
        throw new Error(`${selector} not shown within ${timeout} ms at ${page.url()}\npage text: ${text}\nAPI calls refused: ${refused.join('; ') || 'none'}\n${String(e)}`)
      }
    },
  }
}
