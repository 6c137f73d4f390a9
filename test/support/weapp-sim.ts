// Loads a page of the *built* weapp output (dist/weapp) into miniprogram-simulate, WeChat's own
// exparser-based simulator, so a test can prove the compiled mini-program actually renders.
//
// Taro pages are not custom components: they call `Page(config)` after `app.js` has called
// `App(...)`. The shim below maps `Page` onto the simulator's `Component`, runs `app.js` first,
// then drives the page lifecycle by hand. `wx` is deliberately minimal: only what Taro's runtime
// calls while mounting a page is implemented, and every other `wx.*` access is recorded so a
// test can show (and fail on) calls we did not expect.
import fs from 'node:fs'
import path from 'node:path'
import { wallMs } from './clock'
import { watchedHostApi } from './host-api'

export interface WeappPage {
  /** Visible text of the rendered page (whitespace collapsed). */
  text(): string
  /** The rendered DOM's markup, for debugging. */
  html(): string
  /** `wx.*` members the app touched that the shim does not provide. */
  unknownWx: string[]
  /** `wx.*` functions the app called, in first-call order (for the record). */
  calledWx: string[]
  /** Handlers the app gave wx.onNeedPrivacyAuthorization. */
  privacyListeners: AnyFn[]
  /** URLs passed to wx.request (all answered with a network failure). */
  requests: string[]
  /** Values of attribute `name` on every rendered element (e.g. input placeholders). */
  attributes(name: string): string[]
  /** Messages the built code printed with console.error / console.warn. */
  consoleErrors: string[]
  /** Page config as passed to `Page(...)` (lifecycle hooks etc.). */
  pageConfig: Record<string, unknown>
  /** Runs until `predicate()` holds or `timeoutMs` passes; returns whether it held. */
  waitFor(predicate: () => boolean, timeoutMs?: number): Promise<boolean>
  detach(): void
}

type AnyFn = (...args: unknown[]) => unknown

/** The `wx` members Taro 4's runtime reads while launching the app and mounting a page. */
function minimalWx(requests: string[], privacyListeners: AnyFn[]): Record<string, unknown> {
  const storage = new Map<string, unknown>()
  const systemInfo = {
    brand: 'devtools', model: 'simulate', pixelRatio: 2, screenWidth: 375, screenHeight: 812,
    windowWidth: 375, windowHeight: 812, statusBarHeight: 44, language: 'zh_CN', version: '8.0.50',
    system: 'iOS 17', platform: 'devtools', SDKVersion: '3.5.0',
    safeArea: { left: 0, right: 375, top: 44, bottom: 778, width: 375, height: 734 },
  }
  return {
    getSystemInfoSync: () => systemInfo,
    getWindowInfo: () => systemInfo,
    getDeviceInfo: () => systemInfo,
    getAppBaseInfo: () => systemInfo,
    getStorageSync: (k: string) => (storage.has(k) ? storage.get(k) : ''),
    setStorageSync: (k: string, v: unknown) => { storage.set(k, v) },
    removeStorageSync: (k: string) => { storage.delete(k) },
    nextTick: (fn: () => void) => { setTimeout(fn, 0) },
    canIUse: () => true,
    // Base library 2.32.3+: the app registers its privacy guide; the test plays WeChat's part.
    onNeedPrivacyAuthorization: (cb: AnyFn) => { privacyListeners.push(cb) },
    // The simulator has no network: every request fails the way a phone without signal does, so
    // the page must render what it can without the platform API.
    request: (o: { url: string; fail?: AnyFn; complete?: AnyFn }) => {
      requests.push(o.url)
      const res = { errMsg: 'request:fail simulate has no network' }
      setTimeout(() => { o.fail?.(res); o.complete?.(res) }, 0)
      return { abort() {}, onHeadersReceived() {}, offHeadersReceived() {} }
    },
  }
}

function watchedWx(base: Record<string, unknown>, called: Set<string>, unknown: Set<string>) {
  // webpack's chunk registry lives on `wx` in Taro's mini-program output.
  return watchedHostApi(base, ['webpackJsonp'], called, unknown)
}

export interface LoadOptions {
  /** dist directory of the weapp build, e.g. `dist/weapp`. */
  distDir: string
  /** Page path as listed in app.json, e.g. `pages/home/index`. */
  page: string
  /** Query passed to onLoad. */
  query?: Record<string, string>
}

/**
 * Loads and mounts `page` from `distDir`. Must run in a jsdom test environment, once per test
 * file (the built bundles register themselves in globals).
 */
export async function loadWeappPage(opts: LoadOptions): Promise<WeappPage> {
  const distDir = path.resolve(opts.distDir)
  const pageBase = path.join(distDir, opts.page)
  for (const f of ['app.js', 'app.json']) {
    if (!fs.existsSync(path.join(distDir, f))) throw new Error(`${distDir}/${f} is missing: run npm run build:weapp`)
  }
  if (!fs.existsSync(`${pageBase}.js`)) throw new Error(`${pageBase}.js is missing in the weapp build`)

  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const simulate = require('miniprogram-simulate') as {
    load(p: string, tag?: string, o?: Record<string, unknown>): string
    render(id: string, props?: unknown): any
  }
  const g = globalThis as unknown as Record<string, unknown>
  const called = new Set<string>()
  const unknown = new Set<string>()
  const consoleErrors: string[] = []
  const requests: string[] = []
  const privacyListeners: AnyFn[] = []
  g.wx = watchedWx(minimalWx(requests, privacyListeners), called, unknown)

  let appConfig: Record<string, AnyFn> | undefined
  let pageConfig: Record<string, unknown> | undefined
  g.App = (o: Record<string, AnyFn>) => { appConfig = o }
  g.getApp = () => appConfig
  g.getCurrentPages = () => []
  const Component = g.Component as (o: unknown) => void
  g.Page = (o: Record<string, unknown>) => {
    pageConfig = o
    const { data, ...rest } = o
    const methods: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(rest)) if (typeof v === 'function') methods[k] = v
    Component({ data, methods })
  }

  const origError = console.error
  const origWarn = console.warn
  const capture = (...args: unknown[]) => { consoleErrors.push(args.map(String).join(' ')) }
  console.error = capture
  console.warn = capture

  try {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    require(path.join(distDir, 'app.js'))
    if (!appConfig) throw new Error('app.js did not call App()')
    appConfig.onLaunch?.call(appConfig, { path: opts.page, query: {}, scene: 1001 })
    appConfig.onShow?.call(appConfig, { path: opts.page, query: {}, scene: 1001 })

    const id = simulate.load(pageBase, 'page', { rootPath: distDir })
    if (!pageConfig) throw new Error(`${opts.page}.js did not call Page()`)
    const comp = simulate.render(id)
    const parent = document.createElement('div')
    document.body.appendChild(parent)
    comp.attach(parent)
    const inst = comp.instance as Record<string, AnyFn>
    inst.onLoad?.call(inst, opts.query ?? {})
    inst.onShow?.call(inst)
    inst.onReady?.call(inst)

    const text = () => (comp.dom as HTMLElement).textContent!.replace(/\s+/g, ' ').trim()
    return {
      text,
      html: () => (comp.dom as HTMLElement).outerHTML,
      get unknownWx() { return [...unknown] },
      get calledWx() { return [...called] },
      requests,
      privacyListeners,
      attributes: (name) =>
        Array.from((comp.dom as HTMLElement).querySelectorAll(`[${name}]`)).map((el) => el.getAttribute(name)!),
      consoleErrors,
      pageConfig,
      async waitFor(predicate, timeoutMs = 5000) {
        const until = wallMs() + timeoutMs
        while (wallMs() < until) {
          if (predicate()) return true
          await new Promise((r) => setTimeout(r, 10))
        }
        return predicate()
      },
      detach() { comp.detach(); parent.remove() },
    }
  } finally {
    console.error = origError
    console.warn = origWarn
  }
}
