// What the quality walks measure inside a page. Each function is passed to page.evaluate, so it
// must be self-contained (no imports, no closures over Node values).
import type { CDPSession, Page } from 'playwright-core'

export interface ElderLimits {
  /** Minimum font size of any visible text, px. */
  minFont: number
  /** Minimum touch target, px (both sides). */
  minTarget: number
  /** Minimum line height as a multiple of the font size; 0 to skip. */
  minLineHeight: number
  /** Check text contrast (4.5:1, 3:1 for large text). */
  contrast: boolean
}

/** Everything a person can operate, as CSS; nested matches count once (the outer box is the target). */
export const CONTROL_SELECTOR = [
  'button', 'a[href]', 'input:not([type=hidden])', 'select', 'textarea',
  '[role=button]', '[role=link]', '[role=switch]', '[role=checkbox]', '[role=radio]', '[role=tab]', '[role=menuitem]', '[role=option]',
  '[tabindex]:not([tabindex="-1"])',
  'taro-button-core', 'taro-switch-core', 'taro-checkbox-core', 'taro-radio-core', 'taro-picker-core', 'taro-navigator-core',
  '.weui-tabbar__item',
].join(',')

/**
 * Misses on the current page: text smaller than `minFont`, controls smaller than `minTarget`,
 * line height under `minLineHeight`, text contrast under 4.5:1 (3:1 for ≥ 24 px, or ≥ 18 px bold).
 * Each miss is one line naming the element by its text or class.
 */
export function measureElder(args: { limits: ElderLimits; controls: string }): string[] {
  const { limits, controls } = args
  const misses: string[] = []
  const visible = (el: Element): boolean => {
    const r = el.getBoundingClientRect()
    if (r.width < 1 || r.height < 1) return false
    for (let e: Element | null = el; e; e = e.parentElement) {
      const cs = getComputedStyle(e)
      if (cs.display === 'none' || cs.visibility === 'hidden' || cs.opacity === '0') return false
    }
    // Screen-reader-only text (clipped to 1 px) is not read by the eye.
    const cs = getComputedStyle(el)
    return !(cs.clip === 'rect(0px, 0px, 0px, 0px)' || cs.clipPath === 'inset(50%)')
  }
  const label = (el: Element): string => {
    const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 24)
    const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).slice(0, 2).join('.')}` : ''
    return `${el.tagName.toLowerCase()}${cls}${text ? ` “${text}”` : el.getAttribute('aria-label') ? ` [${el.getAttribute('aria-label')}]` : ''}`
  }
  const parse = (c: string): [number, number, number, number] => {
    const m = c.match(/rgba?\(([^)]+)\)/)
    if (!m) return [0, 0, 0, 1]
    const p = m[1].split(/[ ,/]+/).filter(Boolean).map(Number)
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]
  }
  const over = (top: number[], bottom: number[]): number[] => {
    const a = top[3]
    return [top[0] * a + bottom[0] * (1 - a), top[1] * a + bottom[1] * (1 - a), top[2] * a + bottom[2] * (1 - a), 1]
  }
  const background = (el: Element): number[] => {
    const layers: number[][] = []
    for (let e: Element | null = el; e; e = e.parentElement) {
      const bg = parse(getComputedStyle(e).backgroundColor)
      if (bg[3] > 0) layers.push(bg)
      if (bg[3] >= 1) break
    }
    let out = [255, 255, 255, 1]
    for (const l of layers.reverse()) out = over(l, out)
    return out
  }
  const lum = (c: number[]) => {
    const f = (v: number) => {
      const s = v / 255
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
    }
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2])
  }
  const ratio = (a: number[], b: number[]) => {
    const [x, y] = [lum(a), lum(b)].sort((m, n) => n - m)
    return (x + 0.05) / (y + 0.05)
  }

  // Text: every element with its own visible text.
  const seen = new Set<string>()
  for (const el of Array.from(document.body.querySelectorAll('*'))) {
    if (el.closest('#zj-shell, noscript, script, style, [aria-hidden="true"]')) continue
    const own = Array.from(el.childNodes).some((n) => n.nodeType === 3 && (n.textContent ?? '').trim() !== '')
    // Text fields show typed text in their own font; check boxes and switches show none.
    const field = (el instanceof HTMLInputElement && !['checkbox', 'radio', 'range', 'color', 'file', 'hidden'].includes(el.type)) || el instanceof HTMLTextAreaElement
    if (!own && !field) continue
    if (!visible(el)) continue
    const cs = getComputedStyle(el)
    const size = parseFloat(cs.fontSize)
    const key = label(el)
    const note = (what: string) => {
      const line = `${what}: ${key}`
      if (!seen.has(line)) { seen.add(line); misses.push(line) }
    }
    if (size < limits.minFont - 0.01) note(`font ${size.toFixed(1)} px < ${limits.minFont}`)
    if (limits.minLineHeight > 0 && own) {
      const lh = cs.lineHeight === 'normal' ? NaN : parseFloat(cs.lineHeight)
      // One-line labels inside a control are centred by the control's height, not by line spacing.
      const multiline = el.getBoundingClientRect().height > size * 1.9
      if (multiline && !(lh / size >= limits.minLineHeight - 0.005)) note(`line height ${cs.lineHeight} < ${limits.minLineHeight} × ${size}px`)
    }
    if (limits.contrast && own) {
      const fg = parse(cs.color)
      let opacity = fg[3]
      for (let e: Element | null = el; e; e = e.parentElement) opacity *= parseFloat(getComputedStyle(e).opacity || '1')
      const bg = background(el)
      const r = ratio(over([fg[0], fg[1], fg[2], opacity], bg), bg)
      const bold = parseInt(cs.fontWeight, 10) >= 700
      const need = size >= 24 || (bold && size >= 18) ? 3 : 4.5
      // Disabled controls are exempt (WCAG 1.4.3), but they must say so.
      const disabled = !!el.closest('[disabled], [aria-disabled="true"]')
      if (!disabled && r < need - 0.005) note(`contrast ${r.toFixed(2)}:1 < ${need}:1`)
    }
  }

  // Targets: the outermost control of each nested group.
  const all = Array.from(document.querySelectorAll(controls)).filter((el) => !el.closest('#zj-shell'))
  for (const el of all) {
    const outer = el.parentElement?.closest(controls)
    if (outer && !outer.closest('#zj-shell')) continue
    if (!visible(el)) continue
    const r = el.getBoundingClientRect()
    if (r.width < limits.minTarget - 0.5 || r.height < limits.minTarget - 0.5) {
      misses.push(`target ${Math.round(r.width)}×${Math.round(r.height)} < ${limits.minTarget}×${limits.minTarget}: ${label(el)}`)
    }
  }
  return misses
}

/** Controls (by Chromium's accessibility tree) that have no accessible name. */
export async function unnamedControls(page: Page, cdp: CDPSession): Promise<string[]> {
  const ROLES = new Set(['button', 'link', 'checkbox', 'switch', 'textbox', 'searchbox', 'combobox', 'radio', 'tab', 'menuitem', 'slider', 'spinbutton', 'listbox', 'option', 'menuitemcheckbox', 'menuitemradio'])
  const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as {
    nodes: { ignored: boolean; role?: { value: string }; name?: { value: string }; backendDOMNodeId?: number }[]
  }
  const out: string[] = []
  for (const n of nodes) {
    const role = n.role?.value ?? ''
    if (n.ignored || !ROLES.has(role) || (n.name?.value ?? '').trim() !== '') continue
    let html = ''
    if (n.backendDOMNodeId) {
      const { object } = (await cdp.send('DOM.resolveNode', { backendNodeId: n.backendDOMNodeId })) as { object: { objectId?: string } }
      if (object.objectId) {
        const r = (await cdp.send('Runtime.callFunctionOn', {
          objectId: object.objectId,
          functionDeclaration: 'function () { return this.outerHTML ? this.outerHTML.slice(0, 160) : String(this.nodeName) }',
          returnByValue: true,
        })) as { result: { value: string } }
        html = r.result.value
      }
    }
    out.push(`${role} without a name: ${html}`)
  }
  void page
  return out
}

/**
 * Layout loss on the current page: sideways scrolling of the whole page, text pushed off screen,
 * text clipped by its box. Content inside a container that scrolls on purpose is reachable.
 */
export function measureReflow(): string[] {
  const out: string[] = []
  const vw = document.documentElement.clientWidth
  const sw = document.documentElement.scrollWidth
  if (sw > vw + 1) out.push(`page scrolls sideways: content ${sw} px wide in a ${vw} px viewport`)
  const scrolls = (el: Element | null): boolean => {
    for (let e = el; e && e !== document.body; e = e.parentElement) {
      const o = getComputedStyle(e).overflowX
      if (o === 'auto' || o === 'scroll') return true
    }
    return false
  }
  for (const el of Array.from(document.body.querySelectorAll('*'))) {
    if (el.closest('#zj-shell, noscript, script, style, [aria-hidden="true"]')) continue
    const own = Array.from(el.childNodes).some((n) => n.nodeType === 3 && (n.textContent ?? '').trim() !== '')
    if (!own) continue
    const r = el.getBoundingClientRect()
    if (r.width < 1 || r.height < 1) continue
    const cs = getComputedStyle(el)
    if (cs.visibility === 'hidden' || cs.clip === 'rect(0px, 0px, 0px, 0px)') continue
    const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 24)
    if (scrolls(el.parentElement)) continue
    if (r.right > vw + 1 || r.left < -1) out.push(`text off screen (${Math.round(r.left)}–${Math.round(r.right)} px): “${text}”`)
    const clipsX = cs.overflowX !== 'visible' && el.scrollWidth > el.clientWidth + 1
    const clipsY = cs.overflowY !== 'visible' && el.scrollHeight > el.clientHeight + 1 && cs.overflowY !== 'auto' && cs.overflowY !== 'scroll'
    if (clipsX || clipsY) out.push(`text clipped by its box${cs.textOverflow === 'ellipsis' ? ' (ellipsis)' : ''}: “${text}”`)
  }
  return out
}

/**
 * Doubles the size of all text in place (WCAG 1.4.4's "text resized to 200 %", as a text-only
 * zoom does): every element's computed font size and px line height, read first, then set inline.
 */
export function doubleTextSize(): void {
  const els = Array.from(document.querySelectorAll<HTMLElement>('body *'))
  const sizes = els.map((el) => {
    const cs = getComputedStyle(el)
    return [parseFloat(cs.fontSize), cs.lineHeight.endsWith('px') ? parseFloat(cs.lineHeight) : NaN] as const
  })
  els.forEach((el, i) => {
    const [fs, lh] = sizes[i]
    el.style.setProperty('font-size', `${fs * 2}px`, 'important')
    if (!Number.isNaN(lh)) el.style.setProperty('line-height', `${lh * 2}px`, 'important')
  })
}

/** Scripts a page needed (issue 9's H5 first-screen budget). */
export interface ScriptBytes {
  files: number
  /** Decoded bytes, as the browser parses them. */
  raw: number
  /** The same bytes gzip -9 compressed here, so server settings do not enter comparisons. */
  gzip: number
  names: string[]
}

/**
 * Scripts requested from navigating `page` to `url` until `visible` holds and the network has then
 * been quiet (Playwright's networkidle: nothing for 500 ms). Every response is awaited, so a
 * script still in flight when the page shows counts too; each URL counts once (a preload and its
 * script element share one download). Use a fresh profile: no cache, no service worker.
 */
export async function firstScreenScripts(page: Page, url: string, visible: (p: Page) => Promise<void>): Promise<ScriptBytes> {
  const { gzipSync } = await import('node:zlib')
  const bodies: Promise<{ url: string; body: Buffer } | undefined>[] = []
  const onResponse = (res: import('playwright-core').Response) => {
    if (res.request().resourceType() !== 'script') return
    bodies.push(res.body().then((body) => ({ url: res.url(), body }), () => undefined))
  }
  page.on('response', onResponse)
  try {
    await page.goto(url)
    await visible(page)
    await page.waitForLoadState('networkidle', { timeout: 30_000 })
  } finally {
    page.off('response', onResponse)
  }
  const got = (await Promise.all(bodies)).filter((b): b is { url: string; body: Buffer } => !!b)
  const unique = [...new Map(got.map((b) => [b.url, b])).values()]
  return {
    files: unique.length,
    raw: unique.reduce((n, b) => n + b.body.length, 0),
    gzip: unique.reduce((n, b) => n + gzipSync(b.body, { level: 9 }).length, 0),
    names: unique.map((b) => new URL(b.url).pathname),
  }
}

/** The home page is up: its search box is on screen and index.html's static shell is gone. */
export async function homeShown(page: Page): Promise<void> {
  await page.locator('.home-search').first().waitFor({ timeout: 60_000 })
  await page.locator('#zj-shell').waitFor({ state: 'detached', timeout: 60_000 })
}
