// The weapp journey harness: the built dist/weapp run in miniprogram-simulate (WeChat's exparser
// simulator), app.js first, then each page as navigation asks for it, with a `wx` that talks to
// the running stand-in over real HTTP. A test drives it as a person does: taps on visible text,
// typing into inputs found by their placeholder.
//
// Vendor behaviour the harness assumes (WeChat's documented shapes; see the report):
//  - wx.request: success({ statusCode, data, header, errMsg: 'request:ok' }) for every HTTP
//    status; fail({ errMsg: 'request:fail …' }) on no answer (developers.weixin.qq.com
//    /miniprogram/dev/api/network/request/wx.request.html).
//  - wx.login: success({ code }) (…/api/open-api/login/wx.login.html).
//  - wx.requestFacialVerify: success on a finished check, fail({ errMsg: '…:fail cancel' }) when
//    the user leaves; the verdict is only what the server's queryverifyinfo says (人脸核身 2.0).
//  - wx.scanCode: success({ result, scanType }) / fail({ errMsg: 'scanCode:fail cancel' }).
//  - wx.requestSubscribeMessage: success({ [tmplId]: 'accept' | 'reject', errMsg }).
//  - No network: wx.request fails with errMsg 'request:fail …' (the harness uses WeChat's
//    net::ERR_INTERNET_DISCONNECTED text), getNetworkType says 'none', onNetworkStatusChange
//    fires { isConnected, networkType } (…/api/device/network/wx.onNetworkStatusChange.html).
//  - wx.chooseImage: success({ tempFilePaths, tempFiles }) / fail 'chooseImage:fail cancel';
//    wx.compressImage: success({ tempFilePath }); FileSystemManager.readFile without encoding:
//    success({ data: ArrayBuffer }) (…/api/media/image/wx.chooseImage.html, …/api/file/FileSystemManager.readFile.html).
//  - wx.openDocument / openLocation / addPhoneCalendar / setVisualEffectOnCapture are recorded
//    and succeed; their own UI (viewer, map, calendar) is WeChat's and not simulated.
//  - The phone's clock is the stand-in's (GET /api/dev/clock at launch), advancing at wall pace.
import path from 'node:path'
import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import { wallMs } from '../support/clock'
import { httpJson, httpRaw } from './http'
import { watchedHostApi } from '../support/host-api'
import { hostSleep, trackRuntimeTimers } from '../support/host-timers'

type AnyFn = (...args: any[]) => any
type Callbacks = { success?: AnyFn; fail?: AnyFn; complete?: AnyFn }

export interface WeappOptions {
  distDir: string
  /** The stand-in's base URL: relative request URLs resolve against it. */
  baseUrl: string
  /** Storage shared across launches: a restart keeps it, as a phone does. */
  storage?: Map<string, unknown>
  /** WeChat's 人脸核身 fake: a finished face check records 10000 (passed) for its verifyId. */
  setVerifyResult?: (verifyId: string, ret: number) => void
  /**
   * The phone's clock follows the stand-in's (pinned) clock, as a phone's network time follows
   * the server's: without it the app would read the machine's hour while the server lives at
   * DEV_CLOCK_AT (a QR's 'refresh in' would read hours). Default: GET /api/dev/clock at launch.
   */
  phoneClock?: boolean
}

interface PageEntry {
  path: string
  comp: any
  inst: Record<string, any>
  parent: HTMLElement
}

export interface Recorded { api: string; args: Record<string, unknown> }

/** What the person does when a vendor dialog opens; tests change these. */
export interface Answers {
  face: 'pass' | 'fail' | 'cancel'
  scan: string[] | 'cancel'
  /** What the person picks in chooseImage (bytes of a photo); empty = they close the picker. */
  photo?: { name: string; bytes: Buffer }
  subscribe: 'accept' | 'reject'
  modalConfirm: boolean
  /** Requests whose URL matches fail as WeChat reports an unanswered request. */
  requestFail?: { match: RegExp; errMsg: string }
}

/** What WeChat answers wx.request with when the phone has no network (errno 600001 family). */
export const NO_NETWORK = 'request:fail -2:net::ERR_INTERNET_DISCONNECTED'

const SYSTEM_INFO = {
  brand: 'devtools', model: 'iPhone 14', pixelRatio: 3, screenWidth: 390, screenHeight: 844,
  windowWidth: 390, windowHeight: 844, statusBarHeight: 47, language: 'zh_CN', version: '8.0.50',
  system: 'iOS 17.0', platform: 'ios', SDKVersion: '3.6.0', fontSizeSetting: 16, fontSizeScaleFactor: 1,
  safeArea: { left: 0, right: 390, top: 47, bottom: 810, width: 390, height: 763 },
  theme: 'light', enableDebug: false, deviceOrientation: 'portrait', host: { env: 'WeChat' },
}

const normalise = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim()

export class WeappHarness {
  readonly storage: Map<string, unknown>
  readonly recorded: Recorded[] = []
  readonly requests: string[] = []
  readonly consoleErrors: string[] = []
  readonly privacyListeners: AnyFn[] = []
  readonly captureListeners: AnyFn[] = []
  readonly networkListeners: AnyFn[] = []
  /** The phone's network: off, every request fails and getNetworkType says 'none'. */
  private offline = false
  readonly answers: Answers = { face: 'pass', scan: [], subscribe: 'accept', modalConfirm: true }
  /** What wx.getSystemInfo* answer; a test sets e.g. fontSizeScaleFactor (WeChat's 字体大小) before launch. */
  readonly system: Record<string, unknown> = { ...SYSTEM_INFO }
  /** `wx` members the app called, in first-call order. */
  readonly used = new Set<string>()
  /** `wx` members the app read that the harness does not implement. */
  readonly unknown = new Set<string>()
  private stack: PageEntry[] = []
  private tabs = new Map<string, PageEntry>()
  private loadedIds = new Map<string, string>()
  private simulate: any
  private exparser: any
  private appConfig: Record<string, AnyFn> | undefined
  private pageConfig: Record<string, unknown> | undefined
  private tabPages: string[] = []
  private restore: (() => void)[] = []
  private downloads: string

  constructor(private opts: WeappOptions) {
    this.storage = opts.storage ?? new Map()
    this.downloads = fs.mkdtempSync(path.join(os.tmpdir(), 'zhijian-wx-'))
  }

  /** Cold start: a fresh runtime (modules re-required), app.js, then the first tab page. */
  async launch(page?: string): Promise<void> {
    const distDir = path.resolve(this.opts.distDir)
    if (!fs.existsSync(path.join(distDir, 'app.js'))) throw new Error(`${distDir}/app.js is missing: run npm run build:weapp`)
    const appJson = JSON.parse(fs.readFileSync(path.join(distDir, 'app.json'), 'utf8')) as { pages: string[]; tabBar?: { list: { pagePath: string }[] } }
    this.tabPages = appJson.tabBar?.list.map((t) => t.pagePath) ?? []
    if (this.opts.phoneClock !== false) await this.setPhoneClock()
    jest.resetModules()
    // A fresh runtime registers its listeners again: the old process's are gone.
    for (const l of [this.networkListeners, this.captureListeners, this.privacyListeners]) l.length = 0
    document.body.innerHTML = ''
    this.stack = []
    this.tabs.clear()
    this.loadedIds.clear()
    this.simulate = require('miniprogram-simulate')
    this.exparser = require(require.resolve('miniprogram-exparser', { paths: [path.dirname(require.resolve('j-component'))] }))
    const g = globalThis as unknown as Record<string, unknown>
    g.wx = this.watched(this.wxImpl())
    g.App = (o: Record<string, AnyFn>) => { this.appConfig = o }
    g.getApp = () => this.appConfig
    g.getCurrentPages = () => this.stack.map((e) => e.inst)
    const Component = g.Component as AnyFn
    g.Page = (o: Record<string, unknown>) => {
      this.pageConfig = o
      const { data, ...rest } = o
      const methods: Record<string, unknown> = {}
      for (const [k, v] of Object.entries(rest)) if (typeof v === 'function') methods[k] = v
      Component({ data, methods })
    }
    // The run's timers die with it when it is closed (test/support/host-timers.ts).
    this.restore.push(trackRuntimeTimers())
    const origError = console.error
    const origWarn = console.warn
    const capture = (...args: unknown[]) => { this.consoleErrors.push(args.map((a) => (a instanceof Error ? a.stack ?? a.message : String(a))).join(' ')) }
    console.error = capture
    console.warn = capture
    this.restore.push(() => { console.error = origError; console.warn = origWarn })
    this.appConfig = undefined
    require(path.join(distDir, 'app.js'))
    if (!this.appConfig) throw new Error('app.js did not call App()')
    const first = page ?? appJson.pages[0]
    const app = this.appConfig as Record<string, AnyFn>
    app.onLaunch?.call(app, { path: first, query: {}, scene: 1001 })
    app.onShow?.call(app, { path: first, query: {}, scene: 1001 })
    await this.open(first, {}, 'reLaunch')
  }

  /** Date (the jsdom global the built app reads) from now on runs at the stand-in's instant and the machine's pace. */
  private async setPhoneClock(): Promise<void> {
    const r = await httpJson<{ now: string }>(this.opts.baseUrl, 'GET', '/api/dev/clock').catch(() => null)
    if (!r || r.status !== 200) return
    const g = globalThis as unknown as { Date: DateConstructor }
    const Real = g.Date
    const realNow = Real.now.bind(Real)
    const offset = Date.parse(r.body.now) - realNow()
    const now = () => realNow() + offset
    class PhoneDate extends Real {
      constructor(...a: unknown[]) {
        if (a.length === 0) super(now())
        else super(...(a as [string]))
      }

      static now() { return now() }
    }
    g.Date = PhoneDate as unknown as DateConstructor
    this.restore.push(() => { g.Date = Real })
  }

  /** Network off or on, as WeChat reports it: onNetworkStatusChange listeners hear of it. */
  setOffline(off: boolean): void {
    this.offline = off
    for (const cb of [...this.networkListeners]) cb({ isConnected: !off, networkType: off ? 'none' : 'wifi' })
  }

  /** The app goes away (the person swipes it off); storage stays. */
  close(): void {
    for (const e of [...this.stack].reverse()) this.unload(e)
    for (const e of this.tabs.values()) if (!this.stack.includes(e)) this.unload(e)
    this.stack = []
    this.tabs.clear()
    ;(this.appConfig as Record<string, AnyFn> | undefined)?.onHide?.call(this.appConfig)
    // The process is gone: nothing of it hears the network or the screen any more.
    for (const l of [this.networkListeners, this.captureListeners]) l.length = 0
    for (const r of this.restore.splice(0)) r()
  }

  dispose(): void {
    this.close()
    fs.rmSync(this.downloads, { recursive: true, force: true })
  }

  get route(): string { return this.top().path }
  /** The stack as WeChat would list it (getCurrentPages). */
  get routes(): string[] { return this.stack.map((e) => e.path) }

  private top(): PageEntry {
    const e = this.stack[this.stack.length - 1]
    if (!e) throw new Error('no page is open')
    return e
  }

  /** Visible text of the page on top (whitespace collapsed). */
  text(): string { return normalise((this.top().comp.dom as HTMLElement).textContent) }
  html(): string { return (this.top().comp.dom as HTMLElement).outerHTML }

  /** Waits until the top page shows `s` (or the predicate holds). */
  async waitFor(what: string | RegExp | (() => boolean), timeoutMs = 10_000): Promise<void> {
    const ok = () => (typeof what === 'function' ? what() : typeof what === 'string' ? this.text().includes(what) : what.test(this.text()))
    const until = wallMs() + timeoutMs
    while (wallMs() < until) {
      try { if (ok()) return } catch { /* page changing */ }
      await sleep(20)
    }
    if (!ok()) throw new Error(`timed out waiting for ${String(what)} on ${this.stack.length ? this.route : '(no page)'}\npage text: ${this.stack.length ? this.text() : ''}\nconsole: ${this.consoleErrors.slice(-5).join('\n')}`)
  }

  /** Waits until the page on top is `route` (app.json path, no leading slash). */
  async waitForRoute(route: string, timeoutMs = 10_000): Promise<void> {
    await this.waitFor(() => this.stack.length > 0 && this.route === route, timeoutMs).catch(() => {
      throw new Error(`expected page ${route}, on ${this.routes.join(' > ')}\npage text: ${this.text()}`)
    })
  }

  private elementsWithText(s: string): HTMLElement[] {
    const root = this.top().comp.dom as HTMLElement
    const all = Array.from(root.querySelectorAll('*')) as HTMLElement[]
    const matches = all.filter((el) => normalise(el.textContent).includes(s))
    // Deepest first: an element none of whose children also holds the whole text.
    const deepest = matches.filter((el) => !Array.from(el.children).some((c) => normalise(c.textContent).includes(s)))
    const exact = deepest.filter((el) => normalise(el.textContent) === s)
    const found = exact.length ? exact : deepest
    // A title and a button may read the same (登录): a person taps the one that reacts.
    const bound = found.filter((el) => tapBound(el))
    return bound.length ? bound : found
  }

  /** Taps the node showing `s` (the nth when several do), as WeChat dispatches a tap: on the node, bubbling through the bound ancestors. */
  async tap(s: string, nth = 0): Promise<void> {
    await this.waitFor(() => this.elementsWithText(s).length > nth)
    const el = this.elementsWithText(s)[nth]
    this.dispatch(el, 'tap', { x: 0, y: 0 })
    await sleep(30)
  }

  /** Taps an element found by an attribute (for controls without visible text, e.g. an icon with aria-label). */
  async tapWhere(attr: string, value: string): Promise<void> {
    const find = () => (Array.from((this.top().comp.dom as HTMLElement).querySelectorAll(`[${attr}]`)) as HTMLElement[]).find((e) => e.getAttribute(attr) === value)
    await this.waitFor(() => !!find())
    this.dispatch(find()!, 'tap', { x: 0, y: 0 })
    await sleep(30)
  }

  /**
   * Nodes of the page's data tree (what Taro sends with setData) having a string property that
   * contains `s`: the simulator's built-in inputs do not render their placeholder, the data does.
   */
  private dataNodesWith(s: string): string[] {
    const out: string[] = []
    const walk = (n: unknown) => {
      if (!n || typeof n !== 'object') return
      if (Array.isArray(n)) { n.forEach(walk); return }
      const o = n as Record<string, unknown>
      if (typeof o.sid === 'string' && Object.entries(o).some(([k, v]) => k !== 'v' && k !== 'sid' && typeof v === 'string' && normalise(v).includes(s))) out.push(o.sid)
      for (const v of Object.values(o)) if (v && typeof v === 'object') walk(v)
    }
    walk(this.top().inst.data)
    return out
  }

  /** Every string in the top page's data tree (e.g. an image's src, which the simulator does not render as an attribute). */
  dataStrings(): string[] {
    const out: string[] = []
    const walk = (n: unknown) => {
      if (typeof n === 'string') out.push(n)
      else if (n && typeof n === 'object') for (const v of Object.values(n)) walk(v)
    }
    walk(this.top().inst.data)
    return out
  }

  private bySid(sid: string): HTMLElement | null {
    return (this.top().comp.dom as HTMLElement).querySelector(`[data-sid="${sid}"]`)
  }

  /** Types into the input showing `placeholder` (focus, input, blur, as the keyboard does). */
  async type(placeholder: string, value: string): Promise<void> {
    const find = () => this.dataNodesWith(placeholder).map((sid) => this.bySid(sid)).find((e): e is HTMLElement => !!e)
    await this.waitFor(() => !!find())
    const el = find()!
    this.dispatch(el, 'focus', { value: '', height: 0 })
    this.dispatch(el, 'input', { value, cursor: value.length, keyCode: 0 }, false)
    this.dispatch(el, 'blur', { value })
    await sleep(30)
  }

  private dispatch(dom: HTMLElement, type: string, detail: Record<string, unknown>, bubbles = true): void {
    let el: any = dom
    while (el && !el.__wxElement) el = el.parentElement
    if (!el) throw new Error(`no mini-program node behind ${dom.outerHTML.slice(0, 200)}`)
    const ev = this.exparser.Event.create(type, detail, { bubbles, composed: bubbles, capturePhase: true, extraFields: { touches: [], changedTouches: [] } })
    this.exparser.Event.dispatchEvent(el.__wxElement, ev)
  }

  /** The tab bar's 首页 (the tab bar is WeChat's, outside the page: a tap there is a switchTab). */
  async switchTab(page: string): Promise<void> {
    await this.open(page, {}, 'switchTab')
  }

  /** Back to the first tab, as a person taps 首页 in the tab bar. */
  async switchTabBack(): Promise<void> { await this.switchTab(this.tabPages[0]) }

  /** wx.* records of one API. */
  calls(api: string): Record<string, unknown>[] { return this.recorded.filter((r) => r.api === api).map((r) => r.args) }

  // ---- pages ----

  private async open(url: string, query: Record<string, string>, how: 'navigateTo' | 'redirectTo' | 'switchTab' | 'reLaunch'): Promise<void> {
    const p = url.replace(/^\//, '')
    const distDir = path.resolve(this.opts.distDir)
    if (!fs.existsSync(path.join(distDir, `${p}.js`))) throw new Error(`${how}: no page ${p} in the build`)
    const prev = this.stack[this.stack.length - 1]
    if (how === 'reLaunch') {
      for (const e of [...this.stack].reverse()) this.unload(e)
      for (const e of this.tabs.values()) if (!this.stack.includes(e)) this.unload(e)
      this.stack = []
      this.tabs.clear()
    } else if (how === 'redirectTo') {
      if (prev) { this.stack.pop(); if (!this.tabPages.includes(prev.path)) this.unload(prev) }
    } else if (how === 'switchTab') {
      for (const e of [...this.stack].reverse()) {
        if (this.tabPages.includes(e.path)) this.hide(e)
        else this.unload(e)
      }
      this.stack = []
      const existing = this.tabs.get(p)
      if (existing) {
        this.stack.push(existing)
        this.show(existing)
        return
      }
    } else if (prev) {
      this.hide(prev)
    }
    const entry = this.render(p)
    this.stack.push(entry)
    if (this.tabPages.includes(p)) this.tabs.set(p, entry)
    entry.inst.route = p
    entry.inst.__route__ = p
    entry.inst.onLoad?.call(entry.inst, query)
    entry.inst.onShow?.call(entry.inst)
    entry.inst.onReady?.call(entry.inst)
    await sleep(10)
  }

  private render(p: string): PageEntry {
    const distDir = path.resolve(this.opts.distDir)
    let id = this.loadedIds.get(p)
    if (!id) {
      this.pageConfig = undefined
      id = this.simulate.load(path.join(distDir, p), 'page', { rootPath: distDir }) as string
      if (!this.pageConfig) throw new Error(`${p}.js did not call Page()`)
      this.loadedIds.set(p, id)
    }
    const comp = this.simulate.render(id)
    if (!comp) throw new Error(`miniprogram-simulate could not render ${p} again`)
    const parent = document.createElement('div')
    document.body.appendChild(parent)
    comp.attach(parent)
    return { path: p, comp, inst: comp.instance, parent }
  }

  private hide(e: PageEntry) {
    e.inst.onHide?.call(e.inst)
    e.parent.style.display = 'none'
  }

  private show(e: PageEntry) {
    e.parent.style.display = ''
    e.inst.onShow?.call(e.inst)
  }

  private unload(e: PageEntry) {
    try { e.inst.onUnload?.call(e.inst) } finally {
      e.comp.detach()
      e.parent.remove()
    }
  }

  private back(delta: number) {
    const n = Math.max(1, delta)
    if (this.stack.length <= 1) throw new Error('navigateBack:fail cannot navigate back at first page.')
    for (let i = 0; i < n && this.stack.length > 1; i++) {
      const e = this.stack.pop()!
      if (this.tabPages.includes(e.path)) this.hide(e)
      else this.unload(e)
    }
    this.show(this.top())
  }

  // ---- wx ----

  private record(api: string, args: Record<string, unknown>) {
    const { success, fail, complete, ...rest } = args
    void success; void fail; void complete
    this.recorded.push({ api, args: rest })
  }

  /** Calls back as the base library does: success/fail then complete, later; a Promise when no callbacks are given. */
  private answer<T>(_api: string, o: Callbacks, run: () => Promise<T>): Promise<T> | undefined {
    const p = (async () => run())()
    const hasCb = !!(o && (o.success || o.fail || o.complete))
    p.then((res) => { o?.success?.(res); o?.complete?.(res) }, (err) => { o?.fail?.(err); o?.complete?.(err) })
    if (hasCb) { p.catch(() => undefined); return undefined }
    return p
  }

  private navigation(api: 'navigateTo' | 'redirectTo' | 'switchTab' | 'reLaunch') {
    return (o: Callbacks & { url: string }) => {
      this.record(api, o)
      return this.answer(api, o, async () => {
        await sleep(0)
        const [p, qs] = o.url.split('?')
        const query = Object.fromEntries(new URLSearchParams(qs ?? ''))
        const target = p.startsWith('/') ? p.slice(1) : path.posix.join(path.posix.dirname(this.route), p)
        if (api === 'navigateTo' && this.tabPages.includes(target)) throw { errMsg: `${api}:fail can not navigateTo a tabbar page` }
        if (api === 'switchTab' && !this.tabPages.includes(target)) throw { errMsg: `${api}:fail can not switch to no-tabBar page` }
        await this.open(target, query, api)
        return { errMsg: `${api}:ok` }
      })
    }
  }

  private ok(api: string, extra: Record<string, unknown> = {}) {
    return (o: Callbacks & Record<string, unknown> = {}) => {
      this.record(api, o)
      return this.answer(api, o, async () => ({ errMsg: `${api}:ok`, ...extra }))
    }
  }

  private wxImpl(): Record<string, unknown> {
    const storage = this.storage
    const base = this.opts.baseUrl
    return {
      getSystemInfoSync: () => this.system,
      getSystemInfo: (o: Callbacks) => this.answer('getSystemInfo', o, async () => ({ ...this.system, errMsg: 'getSystemInfo:ok' })),
      getWindowInfo: () => this.system,
      getDeviceInfo: () => this.system,
      getAppBaseInfo: () => this.system,
      // wx.chooseImage → success({ tempFilePaths, tempFiles }) / fail({ errMsg: 'chooseImage:fail cancel' }).
      chooseImage: (o: Callbacks & Record<string, unknown>) => {
        this.record('chooseImage', o)
        return this.answer('chooseImage', o, async () => {
          const photo = this.answers.photo
          if (!photo) throw { errMsg: 'chooseImage:fail cancel' }
          const file = path.join(this.downloads, `${randomUUID()}-${photo.name}`)
          fs.writeFileSync(file, photo.bytes)
          return { tempFilePaths: [file], tempFiles: [{ path: file, size: photo.bytes.length }], errMsg: 'chooseImage:ok' }
        })
      },
      // wx.compressImage → success({ tempFilePath }): the picture is kept as chosen.
      compressImage: (o: Callbacks & { src: string }) => {
        this.record('compressImage', o)
        return this.answer('compressImage', o, async () => ({ tempFilePath: o.src, errMsg: 'compressImage:ok' }))
      },
      // FileSystemManager.readFile without encoding → success({ data: ArrayBuffer }).
      getFileSystemManager: () => ({
        readFile: (o: Callbacks & { filePath: string; encoding?: string }) => {
          void this.answer('readFile', o, async () => {
            if (!fs.existsSync(o.filePath)) throw { errMsg: `readFile:fail no such file or directory ${o.filePath}` }
            const b = fs.readFileSync(o.filePath)
            return { data: o.encoding ? b.toString(o.encoding as BufferEncoding) : b.buffer.slice(b.byteOffset, b.byteOffset + b.length), errMsg: 'readFile:ok' }
          })
        },
      }),
      getSystemSetting: () => ({ bluetoothEnabled: false, locationEnabled: true, wifiEnabled: true, deviceOrientation: 'portrait' }),
      getAccountInfoSync: () => ({ miniProgram: { appId: 'wx0000000000000000', envVersion: 'develop', version: '' } }),
      canIUse: () => true,
      nextTick: (fn: () => void) => { setTimeout(fn, 0) },
      getStorageSync: (k: string) => (storage.has(k) ? jsonCopy(storage.get(k)) : ''),
      setStorageSync: (k: string, v: unknown) => { storage.set(k, jsonCopy(v)) },
      removeStorageSync: (k: string) => { storage.delete(k) },
      clearStorageSync: () => { storage.clear() },
      getStorageInfoSync: () => ({ keys: [...storage.keys()], currentSize: 0, limitSize: 10240 }),
      getStorage: (o: Callbacks & { key: string }) => this.answer('getStorage', o, async () => {
        if (!storage.has(o.key)) throw { errMsg: 'getStorage:fail data not found' }
        return { data: jsonCopy(storage.get(o.key)), errMsg: 'getStorage:ok' }
      }),
      setStorage: (o: Callbacks & { key: string; data: unknown }) => this.answer('setStorage', o, async () => { storage.set(o.key, jsonCopy(o.data)); return { errMsg: 'setStorage:ok' } }),
      removeStorage: (o: Callbacks & { key: string }) => this.answer('removeStorage', o, async () => { storage.delete(o.key); return { errMsg: 'removeStorage:ok' } }),
      getRandomValues: (o: Callbacks & { length: number }) => this.answer('getRandomValues', o, async () => {
        const b = new Uint8Array(o.length)
        require('node:crypto').randomFillSync(b)
        return { randomValues: b.buffer, errMsg: 'getRandomValues:ok' }
      }),
      onNeedPrivacyAuthorization: (cb: AnyFn) => { this.privacyListeners.push(cb) },
      getNetworkType: (o: Callbacks) => this.answer('getNetworkType', o, async () => ({ networkType: this.offline ? 'none' : 'wifi', errMsg: 'getNetworkType:ok' })),
      onNetworkStatusChange: (cb: AnyFn) => { this.networkListeners.push(cb) },
      offNetworkStatusChange: (cb?: AnyFn) => { if (!cb) this.networkListeners.length = 0; else if (this.networkListeners.includes(cb)) this.networkListeners.splice(this.networkListeners.indexOf(cb), 1) },
      onAppShow: () => undefined,
      offAppShow: () => undefined,
      onAppHide: () => undefined,
      offAppHide: () => undefined,
      onMemoryWarning: () => undefined,
      request: (o: Callbacks & { url: string; method?: string; header?: Record<string, string>; data?: unknown; dataType?: string; responseType?: string; timeout?: number }) => {
        const url = /^https?:/.test(o.url) ? o.url : `${base}${o.url.startsWith('/') ? '' : '/'}${o.url}`
        this.requests.push(`${o.method ?? 'GET'} ${url.replace(base, '')}`)
        const fail = this.answers.requestFail
        void this.answer('request', o, async () => {
          if (this.offline) { await sleep(5); throw { errMsg: NO_NETWORK, errno: 600001 } }
          if (fail && fail.match.test(url)) { await sleep(5); throw { errMsg: fail.errMsg, errno: 5 } }
          const method = (o.method ?? 'GET').toUpperCase()
          let body: string | Buffer | undefined
          // An ArrayBuffer is sent as its bytes (a file upload), a string as is, an object as JSON.
          if (o.data !== undefined && method !== 'GET') body = typeof o.data === 'string' ? o.data : isBytes(o.data) ? Buffer.from(o.data as ArrayBuffer) : JSON.stringify(o.data)
          let full = url
          if (method === 'GET' && o.data && typeof o.data === 'object') {
            const qs = new URLSearchParams(o.data as Record<string, string>).toString()
            if (qs) full += (url.includes('?') ? '&' : '?') + qs
          }
          const headers = { ...(o.header ?? {}) }
          if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json'
          let res
          try {
            res = await httpRaw(full, { method, headers, body, timeoutMs: o.timeout ?? 60_000 })
          } catch (e) {
            throw { errMsg: `request:fail ${(e as Error).message === 'timeout' ? 'timeout' : (e as Error).message}` }
          }
          const text = res.body.toString('utf8')
          let data: unknown = text
          // WeChat parses JSON only for dataType 'json' (the default), and keeps the text when it cannot.
          if ((o.dataType ?? 'json') === 'json') { try { data = JSON.parse(text) } catch { data = text } }
          return { statusCode: res.status, data, header: res.headers, cookies: [], errMsg: 'request:ok' }
        })
        return { abort() {}, onHeadersReceived() {}, offHeadersReceived() {}, onChunkReceived() {}, offChunkReceived() {} }
      },
      downloadFile: (o: Callbacks & { url: string; header?: Record<string, string> }) => {
        const url = /^https?:/.test(o.url) ? o.url : `${base}${o.url}`
        this.record('downloadFile', o)
        void this.answer('downloadFile', o, async () => {
          const res = await httpRaw(url, { headers: o.header })
          const file = path.join(this.downloads, `${randomUUID()}${path.extname(new URL(url).pathname) || ''}`)
          fs.writeFileSync(file, res.body)
          return { tempFilePath: file, statusCode: res.status, errMsg: 'downloadFile:ok' }
        })
        return { abort() {}, onProgressUpdate() {}, offProgressUpdate() {} }
      },
      login: (o: Callbacks) => {
        this.record('login', o)
        return this.answer('login', o, async () => {
          // The device's WeChat identity for this harness (one person per launch sequence).
          const openid = (this.storage.get('__harness_openid') as string) ?? `o_${randomUUID().replace(/-/g, '').slice(0, 24)}`
          this.storage.set('__harness_openid', openid)
          const r = await httpJson<{ code: string }>(base, 'POST', '/api/dev/mini-code', { platform: 'weapp', openid }, { 'idempotency-key': randomUUID() })
          if (r.status !== 200) throw { errMsg: `login:fail ${r.status}` }
          return { code: r.body.code, errMsg: 'login:ok' }
        })
      },
      requestFacialVerify: (o: Callbacks & { verifyId: string }) => {
        this.record('requestFacialVerify', o)
        void this.answer('requestFacialVerify', o, async () => {
          await sleep(5)
          if (this.answers.face === 'cancel') throw { errMsg: 'requestFacialVerify:fail cancel', errCode: 90100 }
          // The person's face was checked on WeChat's side; the verdict reaches the server only.
          this.opts.setVerifyResult?.(o.verifyId, this.answers.face === 'pass' ? 10000 : 90004)
          return { errMsg: 'requestFacialVerify:ok', verifyResult: o.verifyId }
        })
      },
      scanCode: (o: Callbacks & Record<string, unknown>) => {
        this.record('scanCode', o)
        return this.answer('scanCode', o, async () => {
          const scan = this.answers.scan
          if (scan === 'cancel' || scan.length === 0) throw { errMsg: 'scanCode:fail cancel' }
          return { result: scan.shift(), scanType: 'QR_CODE', charSet: 'utf-8', path: '', rawData: '', errMsg: 'scanCode:ok' }
        })
      },
      requestSubscribeMessage: (o: Callbacks & { tmplIds: string[] }) => {
        this.record('requestSubscribeMessage', o)
        return this.answer('requestSubscribeMessage', o, async () => {
          const res: Record<string, string> = { errMsg: 'requestSubscribeMessage:ok' }
          for (const id of o.tmplIds ?? []) res[id] = this.answers.subscribe
          return res
        })
      },
      showModal: (o: Callbacks & Record<string, unknown>) => {
        this.record('showModal', o)
        return this.answer('showModal', o, async () => ({ confirm: this.answers.modalConfirm, cancel: !this.answers.modalConfirm, errMsg: 'showModal:ok' }))
      },
      showToast: this.ok('showToast'),
      hideToast: this.ok('hideToast'),
      showLoading: this.ok('showLoading'),
      hideLoading: this.ok('hideLoading'),
      openDocument: this.ok('openDocument'),
      openLocation: this.ok('openLocation'),
      addPhoneCalendar: this.ok('addPhoneCalendar'),
      setVisualEffectOnCapture: this.ok('setVisualEffectOnCapture'),
      setTabBarBadge: this.ok('setTabBarBadge'),
      removeTabBarBadge: this.ok('removeTabBarBadge'),
      showTabBarRedDot: this.ok('showTabBarRedDot'),
      hideTabBarRedDot: this.ok('hideTabBarRedDot'),
      setNavigationBarTitle: this.ok('setNavigationBarTitle'),
      setClipboardData: this.ok('setClipboardData'),
      makePhoneCall: this.ok('makePhoneCall'),
      vibrateShort: this.ok('vibrateShort'),
      setScreenBrightness: this.ok('setScreenBrightness'),
      setKeepScreenOn: this.ok('setKeepScreenOn'),
      getLocation: this.ok('getLocation', { latitude: 29.8683, longitude: 121.544, accuracy: 30 }),
      onUserCaptureScreen: (cb: AnyFn) => { this.record('onUserCaptureScreen', {}); this.captureListeners.push(cb) },
      offUserCaptureScreen: (cb: AnyFn) => { const i = this.captureListeners.indexOf(cb); if (i >= 0) this.captureListeners.splice(i, 1) },
      navigateTo: this.navigation('navigateTo'),
      redirectTo: this.navigation('redirectTo'),
      switchTab: this.navigation('switchTab'),
      reLaunch: this.navigation('reLaunch'),
      navigateBack: (o: Callbacks & { delta?: number } = {}) => {
        this.record('navigateBack', o)
        return this.answer('navigateBack', o, async () => {
          await sleep(0)
          try { this.back(o?.delta ?? 1) } catch (e) { throw { errMsg: `navigateBack:fail ${(e as Error).message}` } }
          return { errMsg: 'navigateBack:ok' }
        })
      },
    }
  }

  private watched(base: Record<string, unknown>) {
    // webpack's chunk registry lives on `wx` in Taro's mini-program output.
    return watchedHostApi(base, ['webpackJsonp'], this.used, this.unknown)
  }
}

/** Feature probes Taro's runtime performs on start-up: reading them is not a use. */
export const WX_PROBES = ['env', 'cloud']

export const sleep = hostSleep

/** An ArrayBuffer from any realm (the app's jsdom globals and Node's differ, so instanceof does not do). */
function isBytes(v: unknown): boolean {
  return Object.prototype.toString.call(v) === '[object ArrayBuffer]'
}

/** WeChat storage keeps what JSON can carry (a copy, never the caller's object). */
function jsonCopy<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T)
}

/** Whether WeChat would deliver a tap on `el` to a handler: a tap binding on the node or its nearest ancestors with one. */
function tapBound(el: HTMLElement): boolean {
  let cur: any = el
  for (let depth = 0; cur && depth < 4; cur = cur.parentElement) {
    const w = cur.__wxElement
    if (!w) continue
    depth++
    if (w.__wxEvents && Object.prototype.hasOwnProperty.call(w.__wxEvents, 'tap')) return true
  }
  return false
}
