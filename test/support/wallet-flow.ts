// Steps shared by the wallet e2e test and bench (which has no Jest hooks, so it calls these with a
// base URL): a citizen at L3, a staff login, the key set, and 亮证 in Chromium.
import type { Page } from 'playwright-core'
import { apiAt, signInCitizen, staffLogin as staffLoginAs, type Tokens } from './e2e'

export { storeSession, type Tokens } from './e2e'

/** Sign a seeded citizen in with the given phone, through real name and the stand-in face check (L3). */
export function citizenL3(base: string, citizen: { name: string; idNumber: string }, phone: string): Promise<Tokens> {
  return signInCitizen(apiAt(() => base), citizen, { l3: true, phone })
}

/** window01 with password and TOTP. */
export function staffLogin(base: string): Promise<Tokens> {
  return staffLoginAs(apiAt(() => base), 'window')
}

export async function keySet(base: string): Promise<{ keys: Array<{ kty: string; crv: string; x: string; y: string; kid: string }> }> {
  return apiAt(() => base)('GET', '/api/keys')
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
