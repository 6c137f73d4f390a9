// Steps shared by the wallet e2e test and bench: a citizen at L3 through the stand-in's public API
// (SMS outbox, real name, stand-in face check), a staff login with TOTP, and 亮证 in Chromium.
import { randomUUID } from 'node:crypto'
import type { Page } from 'playwright-core'
import { SEED_STAFF } from '../../mock/src/identity/staff'
import { base32Decode, totp } from '../../mock/src/identity/totp'

export interface Tokens {
  accessToken: string
  refreshToken: string
}

async function call<T>(base: string, path: string, body?: unknown, token?: string): Promise<T> {
  const res = await fetch(base + path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json', 'idempotency-key': randomUUID() }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await res.text()
  if (!res.ok) throw new Error(`${path}: ${res.status} ${text}`)
  return JSON.parse(text) as T
}

/** Sign a seeded citizen in with a fresh phone, pass real name and the stand-in face check (L3). */
export async function citizenL3(base: string, citizen: { name: string; idNumber: string }, phone: string): Promise<Tokens> {
  await call(base, '/api/auth/sms', { phone })
  const outbox = await call<{ items: { code: string }[] }>(base, `/api/dev/sms-outbox?phone=${phone}`)
  const t = await call<Tokens>(base, '/api/auth/login', { phone, code: outbox.items[0].code, channel: 'h5' })
  for (const kind of ['id_processing', 'face']) await call(base, '/api/me/consents', { kind, version: '2026-11', granted: true }, t.accessToken)
  await call(base, '/api/identity/real-name', { name: citizen.name, idNumber: citizen.idNumber }, t.accessToken)
  const start = await call<{ flowId: string; clientToken: string }>(base, '/api/identity/face/start', { method: 'stand-in' }, t.accessToken)
  await call(base, '/api/identity/face/complete', { flowId: start.flowId, standInProof: start.clientToken }, t.accessToken)
  return t
}

let lastStep = 0
/** window01 with password and a TOTP code (waits for a new 30-s step if this one was used). */
export async function staffLogin(base: string): Promise<Tokens> {
  const s = SEED_STAFF[0]
  let step = Math.floor(Date.now() / 30_000)
  while (step <= lastStep) {
    await new Promise((r) => setTimeout(r, 1000))
    step = Math.floor(Date.now() / 30_000)
  }
  lastStep = step
  return call<Tokens>(base, '/api/staff/login', { username: s.username, password: s.password, totp: totp(base32Decode(s.totpSecret), new Date()) })
}

export async function keySet(base: string): Promise<{ keys: Array<{ kty: string; crv: string; x: string; y: string; kid: string }> }> {
  return call(base, '/api/keys')
}

/** Put a session into the page's storage the way the app keeps it (citizen or staff). */
export async function storeSession(page: Page, base: string, tokens: Tokens, key = 'zj.session'): Promise<void> {
  await page.goto(`${base}/pages/me/index`)
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [key, JSON.stringify(tokens)] as const)
}

export const WALLET_PAGE = '/packages/wallet/pages'
export const STAFF_PAGE = '/packages/staff/pages'

/**
 * On the present page with the disclosure chosen: tap 生成二维码 and wait for the QR image.
 * Returns the code the server answered and the tap-to-drawn time measured in the page
 * (performance.now() at the tap -> the <img> decoded and painted).
 */
export async function tapToQr(page: Page): Promise<{ code: string; ms: number }> {
  const answered = page.waitForResponse((r) => /\/api\/wallet\/credentials\/[^/]+\/present$/.test(r.url()))
  // Not awaited when the tap itself fails: keep that rejection from going unhandled.
  answered.catch(() => undefined)
  // A string, not a function: tsx (the bench runner) would wrap inner functions in a `__name`
  // helper that does not exist in the page.
  const ms = (await page.evaluate(TAP_TO_QR_SCRIPT)) as number
  const res = await answered
  return { code: ((await res.json()) as { code: string }).code, ms }
}

const TAP_TO_QR_SCRIPT = `new Promise(function (resolve, reject) {
  var btn = document.querySelector('#present-show');
  if (!btn || btn.className.indexOf('btn-disabled') >= 0) return reject(new Error('#present-show missing or disabled'));
  var t0 = performance.now();
  var finished = false;
  function done() {
    var img = document.querySelector('#present-qr img');
    if (finished || !img || !img.complete || !(img.naturalWidth > 0)) return false;
    finished = true;
    // The next frame is the one that shows it.
    requestAnimationFrame(function () { resolve(performance.now() - t0); });
    return true;
  }
  var obs = new MutationObserver(function () {
    var img = document.querySelector('#present-qr img');
    if (!img) return;
    obs.disconnect();
    if (!done()) img.addEventListener('load', done, { once: true });
  });
  obs.observe(document.body, { subtree: true, childList: true, attributes: true });
  btn.click();
  setTimeout(function () { reject(new Error('QR not drawn in 10 s')); }, 10000);
})`
