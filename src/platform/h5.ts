// The PWA. Browser APIs directly, HTTP through fetch: Taro.request would bring its polyfills and,
// through taro-common, the mini-program file APIs into the first screen (issue 9).
import Taro from '@tarojs/taro'
import { PlatformCancelledError, PlatformFailedError, PlatformUnsupportedError } from './errors'
import { fetchText } from './fetch-h5'
import { h5Files } from './files-h5'
import { copyTextH5 } from './copy-h5'
import type { Platform, PlatformStorage, Transport } from './types'

/** Taro's own h5 tab bar draws the badge (Taro is in the first screen already: the tab bar is its). */
async function h5TabBadge(index: number, count: number): Promise<void> {
  try {
    if (count > 0) await Taro.setTabBarBadge({ index, text: count > 99 ? '99+' : String(count) })
    else await Taro.removeTabBarBadge({ index })
  } catch {
    // No tab bar on this page (a subpackage page opened directly): the next tab page sets it.
  }
}

/** The in-app PDF viewer (src/packages/docs). */
const DOC_VIEWER = '/packages/docs/pages/viewer'

/** Class on <html> while the capture guard is on, and the one added while the page is hidden. */
export const CAPTURE_GUARD_CLASS = 'zj-capture-guard'
export const OBSCURED_CLASS = 'zj-obscured'

function browserStorage(): PlatformStorage {
  // Private modes may refuse localStorage; a memory map keeps the session alive for this tab.
  const memory = new Map<string, string>()
  const ls = (): Storage | null => {
    try {
      return typeof localStorage === 'undefined' ? null : localStorage
    } catch {
      return null
    }
  }
  return {
    get(key) {
      try {
        const v = ls()?.getItem(key)
        if (v !== null && v !== undefined) return v
      } catch {
        // Fall through to memory.
      }
      return memory.get(key) ?? null
    },
    set(key, value) {
      memory.set(key, value)
      try {
        ls()?.setItem(key, value)
      } catch {
        // Quota or private mode: memory copy stands.
      }
    },
    remove(key) {
      memory.delete(key)
      try {
        ls()?.removeItem(key)
      } catch {
        // Nothing to do.
      }
    },
    onExternalChange(cb) {
      if (typeof window === 'undefined') return () => undefined
      const listener = (e: StorageEvent) => {
        if (e.storageArea !== ls()) return
        // The memory copy follows, or get() would answer this tab's stale value.
        if (e.key === null) memory.clear()
        else if (e.newValue === null) memory.delete(e.key)
        else memory.set(e.key, e.newValue)
        cb(e.key)
      }
      window.addEventListener('storage', listener)
      return () => window.removeEventListener('storage', listener)
    },
  }
}

function randomBytes(n: number): Uint8Array {
  const c = globalThis.crypto
  if (!c?.getRandomValues) throw new PlatformUnsupportedError('secureRandom')
  const out = new Uint8Array(n)
  // getRandomValues caps one call at 65536 bytes.
  for (let i = 0; i < n; i += 65536) c.getRandomValues(out.subarray(i, Math.min(n, i + 65536)))
  return out
}

/** The browser's install offer (Chromium's BeforeInstallPromptEvent; not in TypeScript's DOM types). */
interface InstallPromptEvent extends Event {
  prompt(): Promise<void>
  userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>
}

/**
 * Keeps the browser's install offer for the 我的 page's "install" row instead of the browser's own
 * mini-infobar (a pop-up the citizen did not ask for). The event fires soon after load, before
 * any page mounts, so the listener is installed when the platform is created.
 */
function installOffer() {
  let offer: InstallPromptEvent | null = null
  const listeners = new Set<(available: boolean) => void>()
  const notify = () => listeners.forEach((l) => l(offer !== null))
  if (typeof window !== 'undefined') {
    window.addEventListener('beforeinstallprompt', (e) => {
      e.preventDefault()
      offer = e as InstallPromptEvent
      notify()
    })
    window.addEventListener('appinstalled', () => {
      offer = null
      notify()
    })
  }
  return {
    onInstallAvailable(cb: (available: boolean) => void) {
      listeners.add(cb)
      cb(offer !== null)
      return () => listeners.delete(cb)
    },
    async promptInstall(): Promise<'accepted' | 'dismissed' | 'unavailable'> {
      const current = offer
      if (!current) return 'unavailable'
      // An offer can be used once; the browser fires a new one if the person dismisses it.
      offer = null
      notify()
      await current.prompt()
      return (await current.userChoice).outcome
    },
  }
}

/** Raw text in, raw text out; the request wrapper owns JSON. Resolves for every HTTP status. */
export function fetchTransport(): Transport {
  // The wrapper's own timer decides; this one only frees the connection after it.
  return (req) => fetchText(req.url, { method: req.method, headers: req.headers, body: req.body }, req.timeoutMs + 1000)
}

export function createH5Platform(): Platform {
  const listeners = new Set<(online: boolean) => void>()
  let online = typeof navigator === 'undefined' ? true : navigator.onLine !== false
  if (typeof window !== 'undefined') {
    const set = (next: boolean) => {
      online = next
      listeners.forEach((l) => l(next))
    }
    window.addEventListener('online', () => set(true))
    window.addEventListener('offline', () => set(false))
  }

  let guardOn = false
  const onVisibility = () => {
    // The app switcher snapshots hidden pages: cover sensitive content before that happens.
    document.documentElement.classList.toggle(OBSCURED_CLASS, document.visibilityState === 'hidden')
  }

  const install = installOffer()

  return {
    name: 'h5',
    channel: 'h5',
    nativeMap: false,
    onInstallAvailable: install.onInstallAvailable,
    promptInstall: install.promptInstall,
    installedApp() {
      if (typeof window === 'undefined') return false
      // iOS Safari reports a home-screen web app only through navigator.standalone.
      if ((navigator as Navigator & { standalone?: boolean }).standalone === true) return true
      // minimal-ui keeps the browser's own back button, so it does not count.
      return typeof window.matchMedia === 'function' && window.matchMedia('(display-mode: standalone), (display-mode: fullscreen)').matches
    },
    storage: browserStorage(),
    request: fetchTransport(),
    ready: () => Promise.resolve(),
    randomBytes,
    secureRandom: async (n) => randomBytes(n),
    async getLoginCode() {
      throw new PlatformUnsupportedError('login')
    },
    getLocation() {
      if (typeof navigator === 'undefined' || !navigator.geolocation) {
        return Promise.reject(new PlatformUnsupportedError('location'))
      }
      // Browsers give WGS-84; hall distances at city scale tolerate the few-hundred-metre offset to GCJ-02.
      return new Promise((resolve, reject) => {
        navigator.geolocation.getCurrentPosition(
          (p) => resolve({ lat: p.coords.latitude, lng: p.coords.longitude }),
          (e) => reject(e.code === e.PERMISSION_DENIED ? new PlatformCancelledError() : new PlatformFailedError('location', e.message)),
          { enableHighAccuracy: false, timeout: 10_000, maximumAge: 60_000 },
        )
      })
    },
    async faceCheck() {
      throw new PlatformUnsupportedError('faceCheck')
    },
    async requestSubscribeMessage() {
      throw new PlatformUnsupportedError('subscribeMessage')
    },
    async openDocument(url, title) {
      // The app's own viewer page: a new tab (window.open with noopener returns null by
      // specification) or this tab on /api/… would leave the installed app.
      const q = `src=${encodeURIComponent(url)}${title ? `&title=${encodeURIComponent(title)}` : ''}`
      await Taro.navigateTo({ url: `${DOC_VIEWER}?${q}` })
    },
    async loadDocument(url, cssWidth) {
      const res = await fetch(url, { credentials: 'same-origin' })
      if (!res.ok) throw new Error(`document ${res.status}`)
      const bytes = await res.arrayBuffer()
      const { renderPdfPages } = await import(/* webpackChunkName: "pdf" */ './pdf-h5')
      return { pages: await renderPdfPages(bytes, cssWidth), bytes }
    },
    async saveFile(bytes, name, type) {
      const href = URL.createObjectURL(new Blob([bytes], { type }))
      const a = document.createElement('a')
      a.href = href
      a.download = name
      a.rel = 'noopener'
      document.body.appendChild(a)
      a.click()
      a.remove()
      setTimeout(() => URL.revokeObjectURL(href), 60_000)
    },
    async shareFile(bytes, name, type, title) {
      const file = new File([bytes], name, { type })
      const nav = navigator as Navigator & { canShare?: (d: ShareData) => boolean }
      if (!nav.share || !nav.canShare?.({ files: [file] })) return false
      try {
        await nav.share({ files: [file], title })
        return true
      } catch {
        return false
      }
    },
    async setScreenCaptureGuard(on) {
      // Browsers cannot block screenshots; we can hide content while the page is in the background.
      if (typeof document === 'undefined' || on === guardOn) return
      guardOn = on
      document.documentElement.classList.toggle(CAPTURE_GUARD_CLASS, on)
      if (on) {
        document.addEventListener('visibilitychange', onVisibility)
        onVisibility()
      } else {
        document.removeEventListener('visibilitychange', onVisibility)
        document.documentElement.classList.remove(OBSCURED_CLASS)
      }
    },
    onUserCaptureScreen() {
      // Browsers do not report screenshots.
      return () => undefined
    },
    setTabBadge: h5TabBadge,
    // Loaded on the tap: Taro's h5 sheet, toast and clipboard code (~25 KiB) stay out of the first screen.
    openLocation: (place) => import('./h5-map-sheet').then((m) => m.chooseMap(place)),
    copyText: (text) => copyTextH5(text),
    async makePhoneCall(number) {
      // Same tab: a tel: link hands the number to the dialer and leaves the page where it is.
      const a = document.createElement('a')
      a.href = `tel:${number.replace(/[^\d+]/g, '')}`
      document.body.appendChild(a)
      a.click()
      a.remove()
    },
    async addToCalendar(ev) {
      const { downloadIcs } = await import('./calendar-ics')
      downloadIcs(ev, new Date())
    },
    scan: () => import('./h5-camera').then((m) => m.scanWithCamera()),
    chooseFile: h5Files.chooseFile,
    sendBytes: h5Files.sendBytes,
    isOnline: () => online,
    onNetworkChange(cb) {
      listeners.add(cb)
      return () => listeners.delete(cb)
    },
    getSystemInfo() {
      let fontScale = 1
      let windowWidth = 375
      if (typeof window !== 'undefined') {
        windowWidth = window.innerWidth
        const px = defaultFontPx(windowWidth)
        if (px > 0) fontScale = px / 16
      }
      return { fontScale, windowWidth, platformName: 'h5' }
    },
    async shareText(title, text) {
      const nav = globalThis.navigator as Navigator | undefined
      if (typeof nav?.share !== 'function') return false
      try {
        await nav.share({ title, text })
        return true
      } catch {
        // AbortError when the user closes the sheet: the caller falls back to copying.
        return false
      }
    },
    registerServiceWorker(onUpdateReady) {
      if (typeof window === 'undefined') return
      // A page whose code can no longer be fetched (a newer version was deployed, and another tab
      // already switched this site's worker to it, dropping the old files) is mended by loading
      // the new version: offer the same bar instead of leaving a blank page. The citizen's current
      // page, and anything typed in it, stays until they tap 刷新.
      window.addEventListener('unhandledrejection', (event) => {
        if (isStaleCode(event.reason)) onUpdateReady(() => window.location.reload())
      })
      if (!('serviceWorker' in navigator)) return
      // Loaded on demand and only after the page has loaded: workbox-window and the service
      // worker's precache downloads must not compete with the first screen (issue 9).
      const afterLoad = new Promise<void>((resolve) => {
        if (document.readyState === 'complete') resolve()
        else window.addEventListener('load', () => resolve(), { once: true })
      })
      afterLoad
        .then(() => import('workbox-window'))
        .then(({ Workbox }) => {
          const wb = new Workbox('/sw.js')
          let applying = false
          // A new version is installed and waiting: let the user choose when to switch
          // (skipWaiting mid-form would swap code under them).
          wb.addEventListener('waiting', () => {
            onUpdateReady(() => {
              applying = true
              wb.messageSkipWaiting()
            })
          })
          wb.addEventListener('controlling', (event) => {
            if (applying) window.location.reload()
            // Another tab switched: this page runs the old code under the new worker. Ask again
            // (even if the bar was dismissed here) rather than reload under the citizen.
            else if (event.isUpdate) onUpdateReady(() => window.location.reload())
          })
          return wb.register()
        })
        .catch(() => {
          // No /sw.js (dev build) or registration refused: the app simply works online-only.
        })
    },
  }
}

/** webpack's error for a script chunk, mini-css-extract's for a style chunk, that failed to load. */
function isStaleCode(reason: unknown): boolean {
  const e = reason as { name?: unknown; code?: unknown } | null
  return !!e && (e.name === 'ChunkLoadError' || e.code === 'CSS_CHUNK_LOAD_FAILED')
}

/**
 * The browser's default font size (the user's text-size setting; 16 px standard). Media queries
 * count `em` against that setting, never against page CSS, and answering one needs no style
 * recalculation, unlike getComputedStyle, which forced a full one inside the start-up script
 * (issue 9, TBT). Halving the interval 12 times pins it to under 0.05 px.
 */
function defaultFontPx(width: number): number {
  if (typeof matchMedia !== 'function' || width <= 0) return 0
  let lo = 4
  let hi = 128
  for (let i = 0; i < 12; i++) {
    const mid = (lo + hi) / 2
    // width ≤ (width / mid) em ⇔ 1 em ≥ mid px
    if (matchMedia(`(max-width: ${width / mid}em)`).matches) lo = mid
    else hi = mid
  }
  return Math.round(lo * 10) / 10
}
