// The Alipay journey harness: nothing offline renders AXML, so the built dist/alipay is run by its
// own Taro runtime. The harness is the Alipay host: it provides App / Page / getApp /
// getCurrentPages / my, requires app.js (which requires runtime, taro, vendors and common) and
// each page's module as navigation asks for it, keeps every page's data tree from setData, and
// delivers taps and typing to the page's `eh` handler as Alipay does for `onTap="eh"` bindings.
// The rendered text is read from the data tree through the templates in base.axml.
//
// Vendor behaviour the harness assumes (Alipay's documented shapes; see the report):
//  - my.request: success({ status, data, headers }) for 2xx; an HTTP error is fail({ error: 19,
//    errorMessage, status, data, headers }); no answer is fail({ error: 12 | 13, errorMessage })
//    (Alipay's network API page, error codes 12 网络出错, 13 超时, 19 HTTP错误, as mirrored at
//    w3cschool.cn/aliminiapp/aliminiapp-morj28xo.html and help.aliyun.com/en/document_detail/67556.html).
//  - my.getAuthCode({ scopes }): success({ authCode }) (Alipay 开放文档 my.getAuthCode; Taro maps login to it).
//  - my.startAPVerify({ url, certifyId }): success({ resultStatus: '9000' | '6001' | '4000' }),
//    the verdict is only what the server's alipay.user.certify.open.query says (实人认证).
//  - my.scan: success({ code, qrCode }) / fail({ error: 10 }) when cancelled.
//  - my.requestSubscribeMessage({ entityIds }): success({ behavior, keys, result:
//    { subscribeEntityIds, unsubscribeEntityIds, currentSubscribedEntityIds } }).
//  - my.getStorageSync({ key }) → { data } (null when absent); my.setStorageSync({ key, data }).
//  - my.downloadFile: success({ apFilePath }) with no statusCode; an HTTP error is fail({ error: 12 })
//    (Alipay 文件 API: success 返回值 apFilePath only); my.openDocument({ filePath, fileType: 'pdf' }).
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
type Node = Record<string, any>

export interface AlipayOptions {
  distDir: string
  /** The stand-in's base URL: relative request URLs resolve against it. */
  baseUrl: string
  /** Storage shared across launches: a restart keeps it, as a phone does. */
  storage?: Map<string, unknown>
  /** Alipay's certify fake: a finished face check marks the certification passed. */
  setCertified?: (certifyId: string, passed: boolean) => void
}

export interface Recorded { api: string; args: Record<string, unknown> }

export interface Answers {
  face: 'pass' | 'fail' | 'cancel'
  scan: string[] | 'cancel'
  /** What the person picks in my.chooseImage (bytes of a photo); empty = they close the picker. */
  photo?: { name: string; bytes: Buffer }
  subscribe: 'accept' | 'reject'
  modalConfirm: boolean
  /** Requests whose URL matches fail as Alipay reports an unanswered request. */
  requestFail?: { match: RegExp; error: number; errorMessage: string }
}

/** What base.axml says about one template (nn): the tag, the property behind each attribute, the bound events. */
interface Template { tag: string; attrs: Record<string, string>; events: Set<string> }

interface PageEntry { path: string; inst: Node }

const SYSTEM_INFO = {
  app: 'alipay', brand: 'Apple', model: 'iPhone 14', pixelRatio: 3, screenWidth: 390, screenHeight: 844,
  windowWidth: 390, windowHeight: 844, statusBarHeight: 47, titleBarHeight: 44, language: 'zh-Hans',
  version: '10.5.86', system: '17.0', platform: 'iOS', SDKVersion: '2.9.0', fontSizeSetting: 16,
  storage: '128 GB', currentBattery: '80%',
}

const normalise = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim()

/** Parses base.axml: `tmpl_0_<nn>` → the element it renders, input/focus variants merged. */
function readTemplates(distDir: string): Map<string, Template> {
  const text = fs.readFileSync(path.join(distDir, 'base.axml'), 'utf8')
  const out = new Map<string, Template>()
  for (const m of text.matchAll(/<template name="tmpl_0_(\d+)(?:_(focus|blur))?">\s*<([a-z-]+)([^>]*)>/g)) {
    const [, nn, variant, tag, attrText] = m
    if (tag === 'template' && !variant) continue
    const attrs: Record<string, string> = {}
    const events = new Set<string>()
    for (const a of attrText.matchAll(/\s([A-Za-z-]+)="([^"]*)"/g)) {
      if (a[2] === 'eh') { events.add(a[1]); continue }
      const prop = /\{\{(?:xs\.b\()?i\.(p\d+|v|cl|st)\b/.exec(a[2])
      if (prop) attrs[a[1]] = prop[1]
    }
    const prev = out.get(nn)
    if (prev) { for (const e of events) prev.events.add(e) } else out.set(nn, { tag, attrs, events })
  }
  const textTmpl = /<template name="tmpl_0_(\d+)">\s*<block>\{\{i\.v\}\}<\/block>/.exec(text)
  if (textTmpl) out.set(textTmpl[1], { tag: '#text', attrs: {}, events: new Set() })
  return out
}

/** setData's key paths: `root.cn.[0].cn.[2].v` (Taro) or `a.b[1]`. */
function setPath(target: Node, key: string, value: unknown): void {
  const parts: (string | number)[] = []
  for (const seg of key.split('.')) {
    const m = /^([^[\]]*)((?:\[\d+\])*)$/.exec(seg)
    if (!m) { parts.push(seg); continue }
    if (m[1]) parts.push(m[1])
    for (const i of m[2].matchAll(/\[(\d+)\]/g)) parts.push(Number(i[1]))
  }
  let cur: any = target
  for (let i = 0; i < parts.length - 1; i++) {
    const k = parts[i]
    if (cur[k] === undefined || cur[k] === null || typeof cur[k] !== 'object') cur[k] = typeof parts[i + 1] === 'number' ? [] : {}
    cur = cur[k]
  }
  cur[parts[parts.length - 1]] = value
}

export class AlipayHarness {
  readonly storage: Map<string, unknown>
  readonly recorded: Recorded[] = []
  readonly requests: string[] = []
  readonly consoleErrors: string[] = []
  readonly answers: Answers = { face: 'pass', scan: [], subscribe: 'accept', modalConfirm: true }
  /** `my` members the app called, in first-call order. */
  readonly used = new Set<string>()
  /** `my` members the app read that the harness does not implement. */
  readonly unknown = new Set<string>()
  readonly networkListeners: AnyFn[] = []
  /** The phone's network: off, every my.request fails (error 12) and my.getNetworkType says NOTREACHABLE. */
  private offline = false
  /** Node kinds (nn) the pages rendered that base.axml has no template for. */
  readonly untemplated = new Set<string>()
  private templates = new Map<string, Template>()
  private stack: PageEntry[] = []
  private tabs = new Map<string, PageEntry>()
  private pageConfigs = new Map<string, Node>()
  private appInst: Node | undefined
  private lastPageConfig: Node | undefined
  private tabPages: string[] = []
  private restore: (() => void)[] = []
  private downloads: string

  constructor(private opts: AlipayOptions) {
    this.storage = opts.storage ?? new Map()
    this.downloads = fs.mkdtempSync(path.join(os.tmpdir(), 'zhijian-my-'))
  }

  /** Cold start: a fresh runtime (modules re-required), app.js, onLaunch / onShow, then the first page. */
  async launch(page?: string): Promise<void> {
    const distDir = path.resolve(this.opts.distDir)
    if (!fs.existsSync(path.join(distDir, 'app.js'))) throw new Error(`${distDir}/app.js is missing: run npm run build:alipay`)
    const appJson = JSON.parse(fs.readFileSync(path.join(distDir, 'app.json'), 'utf8')) as { pages: string[]; tabBar?: { items: { pagePath: string }[] } }
    this.tabPages = appJson.tabBar?.items.map((t) => t.pagePath) ?? []
    this.templates = readTemplates(distDir)
    jest.resetModules()
    // A fresh runtime registers its listeners again: the old process's are gone.
    this.networkListeners.length = 0
    // The run's timers die with it when it is closed (test/support/host-timers.ts).
    this.restore.push(trackRuntimeTimers())
    this.stack = []
    this.tabs.clear()
    this.pageConfigs.clear()
    const g = globalThis as unknown as Record<string, unknown>
    const saved = ['my', 'App', 'Page', 'Component', 'getApp', 'getCurrentPages', 'navigator'].map((k) => [k, Object.getOwnPropertyDescriptor(g, k)] as const)
    this.restore.push(() => { for (const [k, d] of saved) { if (d) Object.defineProperty(g, k, d); else delete g[k] } })
    g.my = this.watched(this.myImpl())
    // Alipay devices expose navigator.swuserAgent; Taro's Alipay runtime reads navigator at load.
    if (typeof g.navigator === 'undefined') g.navigator = { userAgent: 'Mozilla/5.0 (iPhone) AlipayClient/10.5.86 MiniProgram' }
    g.App = (o: Node) => { this.appInst = o }
    g.getApp = () => this.appInst
    g.getCurrentPages = () => this.stack.map((e) => e.inst)
    g.Page = (o: Node) => { this.lastPageConfig = o }
    g.Component = (o: Node) => { throw new Error(`Component() registration is not driven by this harness: ${Object.keys(o).join(',')}`) }
    const origError = console.error
    const origWarn = console.warn
    const capture = (...args: unknown[]) => { this.consoleErrors.push(args.map((a) => (a instanceof Error ? a.stack ?? a.message : String(a))).join(' ')) }
    console.error = capture
    console.warn = capture
    this.restore.push(() => { console.error = origError; console.warn = origWarn })
    this.appInst = undefined
    require(path.join(distDir, 'app.js'))
    if (!this.appInst) throw new Error('app.js did not call App()')
    const first = page ?? appJson.pages[0]
    const app = this.appInst as Node
    // Alipay's launch options: query, path, scene.
    app.onLaunch?.call(app, { path: first, query: {}, scene: '1001' })
    app.onShow?.call(app, { path: first, query: {}, scene: '1001' })
    await this.open(first, {}, 'reLaunch')
  }

  /** Network off or on, as Alipay reports it: my.onNetworkStatusChange listeners hear { isConnected, networkType }. */
  setOffline(off: boolean): void {
    this.offline = off
    for (const cb of [...this.networkListeners]) cb({ isConnected: !off, networkType: off ? 'NOTREACHABLE' : 'WIFI' })
  }

  /** The app goes away (the person swipes it off); storage stays. */
  close(): void {
    this.networkListeners.length = 0
    for (const e of [...this.stack].reverse()) this.unload(e)
    for (const e of this.tabs.values()) if (!this.stack.includes(e)) this.unload(e)
    this.stack = []
    this.tabs.clear()
    this.appInst?.onHide?.call(this.appInst)
    for (const r of this.restore.splice(0).reverse()) r()
  }

  dispose(): void {
    this.close()
    fs.rmSync(this.downloads, { recursive: true, force: true })
  }

  get route(): string { return this.top().path }
  get routes(): string[] { return this.stack.map((e) => e.path) }

  private top(): PageEntry {
    const e = this.stack[this.stack.length - 1]
    if (!e) throw new Error('no page is open')
    return e
  }

  /** The page on top's data tree (root.cn …) as Taro sent it with setData. */
  tree(): Node { return this.top().inst.data?.root ?? { cn: [] } }

  private tmpl(n: Node): Template | undefined { return this.templates.get(String(n.nn)) }

  /** Visible text of a node: its text children, in order (hidden nodes and inputs' values excluded). */
  private textOf(n: Node): string {
    const t = this.tmpl(n)
    // A node base.axml has no template for would render nothing on a device.
    if (!t && n.nn !== undefined) this.untemplated.add(`${String(n.nn)} on ${this.stack.length ? this.route : '?'}`)
    if (t?.tag === '#text') return String(n.v ?? '')
    if (t && t.attrs.hidden && n[t.attrs.hidden] === true) return ''
    return ((n.cn ?? []) as Node[]).map((c) => this.textOf(c)).join('')
  }

  /** Visible text of the page on top (whitespace collapsed). */
  text(): string { return normalise(this.textOf(this.tree())) }

  async waitFor(what: string | RegExp | (() => boolean), timeoutMs = 10_000): Promise<void> {
    const ok = () => (typeof what === 'function' ? what() : typeof what === 'string' ? this.text().includes(what) : what.test(this.text()))
    const until = wallMs() + timeoutMs
    while (wallMs() < until) {
      try { if (ok()) return } catch { /* page changing */ }
      await sleep(20)
    }
    if (!ok()) throw new Error(`timed out waiting for ${String(what)} on ${this.stack.length ? this.route : '(no page)'}\npage text: ${this.stack.length ? this.text() : ''}\nconsole: ${this.consoleErrors.slice(-5).join('\n')}`)
  }

  async waitForRoute(route: string, timeoutMs = 10_000): Promise<void> {
    await this.waitFor(() => this.stack.length > 0 && this.route === route, timeoutMs).catch(() => {
      throw new Error(`expected page ${route}, on ${this.routes.join(' > ')}\npage text: ${this.stack.length ? this.text() : ''}`)
    })
  }

  /** Every node with its ancestor chain (root first). */
  private nodes(): { node: Node; chain: Node[] }[] {
    const out: { node: Node; chain: Node[] }[] = []
    const walk = (n: Node, chain: Node[]) => {
      for (const c of (n.cn ?? []) as Node[]) {
        out.push({ node: c, chain })
        walk(c, [...chain, c])
      }
    }
    walk(this.tree(), [])
    return out
  }

  /** The nearest element (self or ancestor) whose template binds `event` — where Alipay delivers it first. */
  private bound(node: Node, chain: Node[], event: string, depth = 4): boolean {
    const line = [...chain, node].reverse().filter((n) => this.tmpl(n)?.tag !== '#text')
    return line.slice(0, depth).some((n) => this.tmpl(n)?.events.has(event))
  }

  private elementsWithText(s: string): { node: Node; chain: Node[] }[] {
    const all = this.nodes().filter(({ node }) => this.tmpl(node)?.tag !== '#text')
    const matches = all.filter(({ node }) => normalise(this.textOf(node)).includes(s))
    const deepest = matches.filter(({ node }) => !((node.cn ?? []) as Node[]).some((c) => this.tmpl(c)?.tag !== '#text' && normalise(this.textOf(c)).includes(s)))
    const exact = deepest.filter(({ node }) => normalise(this.textOf(node)) === s)
    const found = exact.length ? exact : deepest
    // A title and a button may read the same (登录): a person taps the one that reacts.
    const reacting = found.filter(({ node, chain }) => this.bound(node, chain, 'onTap'))
    return reacting.length ? reacting : found
  }

  /** Taps the node showing `s` (the nth when several do; inside the smallest block also showing `within`), delivered as Alipay does: to each `onTap` binding from the node up. */
  async tap(s: string, nth = 0, within?: string): Promise<void> {
    const candidates = () => {
      const all = this.elementsWithText(s)
      if (!within) return all
      const blocks = this.nodes().filter(({ node }) => { const t = normalise(this.textOf(node)); return t.includes(within) && t.includes(s) }).map((b) => b.node)
      const block = blocks[blocks.length - 1]
      return block ? all.filter(({ node, chain }) => node === block || chain.includes(block)) : []
    }
    // A person waits for a disabled (busy) button to become tappable.
    const ready = () => {
      const found = candidates()[nth]
      return found && !this.disabled(found.node) ? found : undefined
    }
    await this.waitFor(() => !!ready())
    const { node, chain } = ready()!
    this.deliver(node, chain, 'tap', 'onTap', { x: 0, y: 0 }, true)
    await sleep(30)
  }

  private disabled(n: Node): boolean {
    const prop = this.tmpl(n)?.attrs.disabled
    return !!prop && n[prop] === true
  }

  /** An attribute as the AXML would render it (e.g. an image's src), of the node labelled `label` for assistive tech. */
  attrOf(label: string, attr: string): unknown {
    const found = this.nodes().find(({ node }) => node.ariaLabel === label)
    if (!found) return undefined
    const prop = this.tmpl(found.node)?.attrs[attr]
    return prop ? found.node[prop] : undefined
  }

  /** Inputs (input / textarea) whose placeholder reads `placeholder`, else the one labelled so for assistive tech (a field with a label above it and no placeholder). */
  private inputWith(placeholder: string): { node: Node; chain: Node[] } | undefined {
    const inputs = this.nodes().filter(({ node }) => { const t = this.tmpl(node); return !!t && (t.tag === 'input' || t.tag === 'textarea') })
    return inputs.find(({ node }) => normalise(String(node[this.tmpl(node)!.attrs.placeholder] ?? '')).includes(placeholder))
      ?? inputs.find(({ node }) => normalise(String(node.ariaLabel ?? '')) === placeholder)
  }

  /** The value the input showing `placeholder` holds (what the person typed, as rendered). */
  valueOf(placeholder: string): unknown {
    const found = this.inputWith(placeholder)
    const prop = found && this.tmpl(found.node)?.attrs.value
    return prop ? found.node[prop] : undefined
  }

  /** Types into the input showing `placeholder` (focus, input, blur, as the keyboard does). */
  async type(placeholder: string, value: string): Promise<void> {
    await this.waitFor(() => !!this.inputWith(placeholder))
    const { node, chain } = this.inputWith(placeholder)!
    this.deliver(node, chain, 'focus', 'onFocus', { value: '' }, false)
    this.deliver(node, chain, 'input', 'onInput', { value, cursor: value.length }, false)
    this.deliver(node, chain, 'blur', 'onBlur', { value }, false)
    await sleep(30)
  }

  private deliver(node: Node, chain: Node[], type: string, binding: string, detail: Record<string, unknown>, bubbles: boolean): void {
    const inst = this.top().inst
    if (typeof inst.eh !== 'function') throw new Error(`page ${this.route} has no eh handler`)
    const target = { id: node.uid ?? node.sid, dataset: { sid: node.sid }, targetDataset: { sid: node.sid } }
    const line = bubbles ? [node, ...[...chain].reverse()] : [node]
    let delivered = 0
    for (const n of line) {
      if (!this.tmpl(n)?.events.has(binding)) continue
      delivered++
      // Alipay's event object: type, timeStamp, target, currentTarget { id, dataset }, detail.
      const ev = { type, timeStamp: wallMs(), target, currentTarget: { id: n.uid ?? n.sid, dataset: { sid: n.sid } }, detail: { ...detail } }
      inst.eh.call(inst, ev)
    }
    if (!delivered) throw new Error(`no ${binding} binding on or above the node (${JSON.stringify(node).slice(0, 200)})`)
  }

  /** The tab bar is Alipay's, outside the page: a tap there is a switchTab. */
  async switchTab(page: string): Promise<void> { await this.open(page, {}, 'switchTab') }
  async switchTabBack(): Promise<void> { await this.switchTab(this.tabPages[0]) }

  calls(api: string): Record<string, unknown>[] { return this.recorded.filter((r) => r.api === api).map((r) => r.args) }

  // ---- pages ----

  private pageConfig(p: string): Node {
    let cfg = this.pageConfigs.get(p)
    if (!cfg) {
      this.lastPageConfig = undefined
      require(path.join(path.resolve(this.opts.distDir), `${p}.js`))
      if (!this.lastPageConfig) throw new Error(`${p}.js did not call Page()`)
      cfg = this.lastPageConfig
      this.pageConfigs.set(p, cfg)
    }
    return cfg
  }

  /** A page instance as Alipay makes one: the config's members, a copy of its data, setData. */
  private instantiate(p: string): PageEntry {
    const cfg = this.pageConfig(p)
    const inst: Node = {}
    for (const [k, v] of Object.entries(cfg)) if (k !== 'data') inst[k] = v
    inst.data = JSON.parse(JSON.stringify(cfg.data ?? {}))
    inst.route = p
    inst.setData = (patch: Record<string, unknown>, cb?: () => void) => {
      for (const [k, v] of Object.entries(patch)) setPath(inst.data, k, v === undefined ? v : jsonCopy(v))
      if (cb) setTimeout(cb, 0)
    }
    inst.$spliceData = (patch: Record<string, [number, number, ...unknown[]]>, cb?: () => void) => {
      for (const [k, [start, del, ...items]] of Object.entries(patch)) {
        const arr: unknown[] = k.split('.').reduce((o: any, seg) => o?.[seg], inst.data) ?? []
        arr.splice(start, del, ...items)
        setPath(inst.data, k, arr)
      }
      if (cb) setTimeout(cb, 0)
    }
    return { path: p, inst }
  }

  private async open(url: string, query: Record<string, string>, how: 'navigateTo' | 'redirectTo' | 'switchTab' | 'reLaunch'): Promise<void> {
    const p = url.replace(/^\//, '')
    if (!fs.existsSync(path.join(path.resolve(this.opts.distDir), `${p}.js`))) throw new Error(`${how}: no page ${p} in the build`)
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
        if (this.tabPages.includes(e.path)) e.inst.onHide?.call(e.inst)
        else this.unload(e)
      }
      this.stack = []
      const existing = this.tabs.get(p)
      if (existing) {
        this.stack.push(existing)
        existing.inst.onShow?.call(existing.inst)
        return
      }
    } else if (prev) {
      prev.inst.onHide?.call(prev.inst)
    }
    const entry = this.instantiate(p)
    this.stack.push(entry)
    if (this.tabPages.includes(p)) this.tabs.set(p, entry)
    entry.inst.onLoad?.call(entry.inst, query)
    entry.inst.onShow?.call(entry.inst)
    entry.inst.onReady?.call(entry.inst)
    await sleep(10)
  }

  private unload(e: PageEntry) { e.inst.onUnload?.call(e.inst) }

  private back(delta: number) {
    if (this.stack.length <= 1) throw new Error('cannot navigate back at first page')
    for (let i = 0; i < Math.max(1, delta) && this.stack.length > 1; i++) {
      const e = this.stack.pop()!
      if (this.tabPages.includes(e.path)) e.inst.onHide?.call(e.inst)
      else this.unload(e)
    }
    const t = this.top()
    t.inst.onShow?.call(t.inst)
  }

  // ---- my ----

  private record(api: string, args: Record<string, unknown> = {}) {
    const { success, fail, complete, ...rest } = args
    void success; void fail; void complete
    this.recorded.push({ api, args: rest })
  }

  /** Calls back as the base library does: success/fail then complete, later; a Promise when no callbacks are given. */
  private answer<T>(o: Callbacks | undefined, run: () => Promise<T>): Promise<T> | undefined {
    const p = (async () => run())()
    const hasCb = !!(o && (o.success || o.fail || o.complete))
    p.then((res) => { o?.success?.(res); o?.complete?.(res) }, (err) => { o?.fail?.(err); o?.complete?.(err) })
    if (hasCb) { p.catch(() => undefined); return undefined }
    return p
  }

  private ok(api: string, extra: Record<string, unknown> = {}) {
    return (o: Callbacks & Record<string, unknown> = {}) => {
      this.record(api, o)
      return this.answer(o, async () => ({ success: true, ...extra }))
    }
  }

  private navigation(api: 'navigateTo' | 'redirectTo' | 'switchTab' | 'reLaunch') {
    return (o: Callbacks & { url: string }) => {
      this.record(api, o)
      return this.answer(o, async () => {
        await sleep(0)
        const [p, qs] = o.url.split('?')
        const query = Object.fromEntries(new URLSearchParams(qs ?? ''))
        const target = p.startsWith('/') ? p.slice(1) : path.posix.join(path.posix.dirname(this.route), p)
        if (api === 'navigateTo' && this.tabPages.includes(target)) throw { error: 2, errorMessage: 'navigateTo a tabBar page' }
        if (api === 'switchTab' && !this.tabPages.includes(target)) throw { error: 2, errorMessage: 'switchTab to a page outside the tabBar' }
        await this.open(target, query, api)
        return { success: true }
      })
    }
  }

  private myImpl(): Record<string, unknown> {
    const storage = this.storage
    const base = this.opts.baseUrl
    const abs = (u: string) => (/^https?:/.test(u) ? u : `${base}${u.startsWith('/') ? '' : '/'}${u}`)
    return {
      getSystemInfoSync: () => ({ ...SYSTEM_INFO }),
      getSystemInfo: (o: Callbacks) => this.answer(o, async () => ({ ...SYSTEM_INFO })),
      getWindowInfo: () => ({ ...SYSTEM_INFO }),
      getDeviceBaseInfo: () => ({ ...SYSTEM_INFO }),
      getAppBaseInfo: () => ({ ...SYSTEM_INFO }),
      canIUse: () => true,
      // Storage: the sync calls take an object and answer { data } (null when absent).
      getStorageSync: (o: { key: string }) => ({ data: storage.has(o.key) ? jsonCopy(storage.get(o.key)) : null }),
      setStorageSync: (o: { key: string; data: unknown }) => { storage.set(o.key, jsonCopy(o.data)); return { success: true } },
      removeStorageSync: (o: { key: string }) => { storage.delete(o.key); return { success: true } },
      clearStorageSync: () => { storage.clear(); return { success: true } },
      getStorageInfoSync: () => ({ keys: [...storage.keys()], currentSize: 0, limitSize: 10240 }),
      getStorage: (o: Callbacks & { key: string }) => this.answer(o, async () => ({ data: storage.has(o.key) ? jsonCopy(storage.get(o.key)) : null })),
      setStorage: (o: Callbacks & { key: string; data: unknown }) => this.answer(o, async () => { storage.set(o.key, jsonCopy(o.data)); return { success: true } }),
      removeStorage: (o: Callbacks & { key: string }) => this.answer(o, async () => { storage.delete(o.key); return { success: true } }),
      getRandomValues: (o: Callbacks & { length: number }) => this.answer(o, async () => {
        const b = new Uint8Array(o.length)
        require('node:crypto').randomFillSync(b)
        return { randomValues: b.buffer }
      }),
      // my.getNetworkType → { networkAvailable, networkType: UNKNOWN / NOTREACHABLE / WIFI / 3G / 2G / 4G / WWAN }.
      getNetworkType: (o: Callbacks) => this.answer(o, async () => ({ networkAvailable: !this.offline, networkType: this.offline ? 'NOTREACHABLE' : 'WIFI' })),
      onNetworkStatusChange: (cb: AnyFn) => { this.networkListeners.push(cb) },
      offNetworkStatusChange: (cb?: AnyFn) => { if (!cb) this.networkListeners.length = 0; else if (this.networkListeners.includes(cb)) this.networkListeners.splice(this.networkListeners.indexOf(cb), 1) },
      // my.chooseImage → success({ apFilePaths }) (Taro maps it to tempFilePaths) / fail({ error: 11 }) when the person closes it.
      chooseImage: (o: Callbacks & Record<string, unknown>) => {
        this.record('chooseImage', o)
        return this.answer(o, async () => {
          const photo = this.answers.photo
          if (!photo) throw { error: 11, errorMessage: '用户取消操作' }
          const file = path.join(this.downloads, `${randomUUID()}-${photo.name}`)
          fs.writeFileSync(file, photo.bytes)
          return { apFilePaths: [file] }
        })
      },
      // my.compressImage({ apFilePaths, compressLevel }) → success({ apFilePaths }); without apFilePaths it is a parameter error (2).
      compressImage: (o: Callbacks & { apFilePaths?: string[] }) => {
        this.record('compressImage', o)
        return this.answer(o, async () => {
          if (!Array.isArray(o.apFilePaths) || o.apFilePaths.length === 0) throw { error: 2, errorMessage: '参数错误' }
          return { apFilePaths: o.apFilePaths }
        })
      },
      // FileSystemManager.readFile without encoding → success({ data: ArrayBuffer }).
      getFileSystemManager: () => ({
        readFile: (o: Callbacks & { filePath: string; encoding?: string }) => {
          void this.answer(o, async () => {
            if (!fs.existsSync(o.filePath)) throw { error: 10022, errorMessage: `no such file ${o.filePath}` }
            const b = fs.readFileSync(o.filePath)
            return { data: o.encoding ? b.toString(o.encoding as BufferEncoding) : b.buffer.slice(b.byteOffset, b.byteOffset + b.length) }
          })
        },
      }),
      onAppShow: () => undefined,
      offAppShow: () => undefined,
      onAppHide: () => undefined,
      offAppHide: () => undefined,
      onMemoryWarning: () => undefined,
      request: (o: Callbacks & { url: string; method?: string; headers?: Record<string, string>; data?: unknown; dataType?: string; timeout?: number }) => {
        const url = abs(o.url)
        const method = (o.method ?? 'GET').toUpperCase()
        this.requests.push(`${method} ${url.replace(base, '')}`)
        const failure = this.answers.requestFail
        void this.answer(o, async () => {
          if (this.offline) { await sleep(5); throw { error: 12, errorMessage: '网络出错' } }
          if (failure && failure.match.test(url)) { await sleep(5); throw { error: failure.error, errorMessage: failure.errorMessage } }
          let body: string | Buffer | undefined
          // my.request's data: Object / ArrayBuffer (a file upload sends the bytes as they are).
          if (o.data !== undefined && method !== 'GET') body = typeof o.data === 'string' ? o.data : Object.prototype.toString.call(o.data) === '[object ArrayBuffer]' ? Buffer.from(o.data as ArrayBuffer) : JSON.stringify(o.data)
          let full = url
          if (method === 'GET' && o.data && typeof o.data === 'object') {
            const qs = new URLSearchParams(o.data as Record<string, string>).toString()
            if (qs) full += (url.includes('?') ? '&' : '?') + qs
          }
          const headers = { ...(o.headers ?? {}) }
          // my.request's default request header is application/json.
          if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json'
          if (body === undefined) for (const h of Object.keys(headers)) if (h.toLowerCase() === 'content-type') delete headers[h]
          let res
          try {
            res = await httpRaw(full, { method, headers, body, timeoutMs: o.timeout ?? 30_000 })
          } catch (e) {
            throw (e as Error).message === 'timeout' ? { error: 13, errorMessage: '超时' } : { error: 12, errorMessage: '网络出错' }
          }
          const text = res.body.toString('utf8')
          let data: unknown = text
          if ((o.dataType ?? 'json') === 'json') {
            try { data = JSON.parse(text) } catch { throw { error: 14, errorMessage: '解码失败', status: res.status, headers: res.headers } }
          }
          if (res.status >= 400) throw { error: 19, errorMessage: 'http status error', status: res.status, data, headers: res.headers }
          return { status: res.status, data, headers: res.headers }
        })
        return { abort() {} }
      },
      downloadFile: (o: Callbacks & { url: string; headers?: Record<string, string> }) => {
        this.record('downloadFile', o)
        return this.answer(o, async () => {
          const res = await httpRaw(abs(o.url), { headers: o.headers })
          if (res.status >= 400) throw { error: 12, errorMessage: '下载失败' }
          const file = path.join(this.downloads, `${randomUUID()}${path.extname(new URL(abs(o.url)).pathname) || ''}`)
          fs.writeFileSync(file, res.body)
          // Alipay answers apFilePath; Taro maps it to tempFilePath (and statusCode is absent).
          return { apFilePath: file }
        })
      },
      getAuthCode: (o: Callbacks & { scopes?: string | string[] }) => {
        this.record('getAuthCode', o)
        return this.answer(o, async () => {
          // The device's Alipay identity for this harness (one person per launch sequence).
          const openid = (this.storage.get('__harness_alipay_user') as string) ?? `2088${randomUUID().replace(/\D/g, '').padEnd(12, '0').slice(0, 12)}`
          this.storage.set('__harness_alipay_user', openid)
          const r = await httpJson<{ code: string }>(base, 'POST', '/api/dev/mini-code', { platform: 'alipay', openid }, { 'idempotency-key': randomUUID() })
          if (r.status !== 200) throw { error: 3, errorMessage: `getAuthCode ${r.status}` }
          return { authCode: r.body.code, authSuccessScopes: [].concat((o.scopes ?? 'auth_base') as never) }
        })
      },
      startAPVerify: (o: Callbacks & { url: string; certifyId: string }) => {
        this.record('startAPVerify', o)
        return this.answer(o, async () => {
          await sleep(5)
          if (this.answers.face === 'cancel') return { resultStatus: '6001', result: {} }
          const passed = this.answers.face === 'pass'
          // The check happened on Alipay's side; the verdict reaches the server only.
          this.opts.setCertified?.(o.certifyId, passed)
          return { resultStatus: passed ? '9000' : '4000', result: { certifyId: o.certifyId } }
        })
      },
      scan: (o: Callbacks & Record<string, unknown>) => {
        this.record('scan', o)
        return this.answer(o, async () => {
          const scan = this.answers.scan
          if (scan === 'cancel' || scan.length === 0) throw { error: 10, errorMessage: '用户取消' }
          const code = scan.shift()
          return { code, qrCode: code }
        })
      },
      requestSubscribeMessage: (o: Callbacks & { entityIds: string[] }) => {
        this.record('requestSubscribeMessage', o)
        return this.answer(o, async () => {
          const ids = o.entityIds ?? []
          const accepted = this.answers.subscribe === 'accept'
          return { behavior: accepted ? 'subscribe' : 'cancel', keys: ids, result: { subscribeEntityIds: accepted ? ids : [], unsubscribeEntityIds: accepted ? [] : ids, currentSubscribedEntityIds: accepted ? ids : [] } }
        })
      },
      confirm: (o: Callbacks & Record<string, unknown>) => {
        this.record('confirm', o)
        return this.answer(o, async () => ({ confirm: this.answers.modalConfirm }))
      },
      alert: this.ok('alert'),
      showToast: this.ok('showToast'),
      hideToast: this.ok('hideToast'),
      showLoading: this.ok('showLoading'),
      hideLoading: this.ok('hideLoading'),
      openDocument: this.ok('openDocument'),
      openLocation: this.ok('openLocation'),
      addEventCal: this.ok('addEventCal'),
      setTabBarBadge: this.ok('setTabBarBadge'),
      removeTabBarBadge: this.ok('removeTabBarBadge'),
      showTabBarRedDot: this.ok('showTabBarRedDot'),
      hideTabBarRedDot: this.ok('hideTabBarRedDot'),
      setNavigationBar: this.ok('setNavigationBar'),
      setClipboard: this.ok('setClipboard'),
      makePhoneCall: this.ok('makePhoneCall'),
      vibrateShort: this.ok('vibrateShort'),
      setScreenBrightness: this.ok('setScreenBrightness'),
      setKeepScreenOn: this.ok('setKeepScreenOn'),
      getLocation: this.ok('getLocation', { latitude: '29.8683', longitude: '121.544', accuracy: '30' }),
      onUserCaptureScreen: (cb: AnyFn) => { this.record('onUserCaptureScreen'); void cb },
      offUserCaptureScreen: () => undefined,
      navigateTo: this.navigation('navigateTo'),
      redirectTo: this.navigation('redirectTo'),
      switchTab: this.navigation('switchTab'),
      reLaunch: this.navigation('reLaunch'),
      navigateBack: (o: Callbacks & { delta?: number } = {}) => {
        this.record('navigateBack', o)
        return this.answer(o, async () => {
          await sleep(0)
          this.back(o?.delta ?? 1)
          return { success: true }
        })
      },
    }
  }

  private watched(base: Record<string, unknown>) {
    // webpack's chunk registry and Taro's event centre live on `my` in Taro's Alipay output.
    return watchedHostApi(base, ['webpackJsonp', 'taroEventCenter'], this.used, this.unknown)
  }
}

export const sleep = hostSleep

/** Alipay storage keeps what JSON can carry (a copy, never the caller's object). */
function jsonCopy<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T)
}

/** Feature probes Taro's runtime performs on start-up: reading them is not a use. */
export const MY_PROBES = ['env']
