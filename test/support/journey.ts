// What a journey test needs beyond e2eStack: count the person's taps (each click the test makes
// through `tap`), and check that an element is *in view* — its box inside the 390×844 viewport
// without scrolling (JOURNEYS.md). Typing is not a tap; a confirmed choice in a picker is one.
import type { Locator, Page } from 'playwright-core'
import { visibleText } from './e2e'
import { nowMs } from './journey-report'

export class Taps {
  private count = 0
  readonly log: string[] = []
  /** nowMs() just before the first / the latest counted click (time to first content starts here). */
  firstTapAt?: number
  lastTapAt?: number

  constructor(private readonly page: Page) {}

  /** One tap on the first visible element showing `text` (or on a locator), counted. */
  async on(target: string | RegExp | Locator, opts: { exact?: boolean } = {}): Promise<void> {
    const loc = typeof target === 'string' || target instanceof RegExp ? visibleText(this.page, target, opts.exact ?? false) : target
    await loc.waitFor({ state: 'visible', timeout: 20_000 })
    this.count++
    this.log.push(typeof target === 'string' || target instanceof RegExp ? String(target) : 'locator')
    this.lastTapAt = nowMs()
    this.firstTapAt ??= this.lastTapAt
    await loc.click()
  }

  get taken(): number {
    return this.count
  }
}

/** Typing into the first visible input (not a tap: the person is already in the field). */
export async function typeInto(page: Page, text: string, selector = 'input'): Promise<void> {
  const input = page.locator(`${selector} >> visible=true`).first()
  await input.waitFor({ state: 'visible', timeout: 20_000 })
  await input.fill(text)
}

/**
 * The element's box lies inside the viewport as the page is now, without scrolling: the page must
 * not have been scrolled (scrollY 0 on the document and on Taro's page wrapper) and the box must fit.
 */
export async function inView(loc: Locator): Promise<{ ok: boolean; box: { x: number; y: number; width: number; height: number } | null; scrolled: number }> {
  await loc.waitFor({ state: 'visible', timeout: 20_000 })
  const page = loc.page()
  const vp = page.viewportSize() ?? { width: 390, height: 844 }
  // Judge the page at rest: Taro's h5 router slides a new page in, and a box read mid-slide sits
  // partly off the right edge. Two equal readings 50 ms apart (at most 2 s) mean it has settled.
  let box = await loc.boundingBox()
  for (let i = 0; i < 40; i++) {
    await page.waitForTimeout(50)
    const next = await loc.boundingBox()
    const same = !!box && !!next && Math.abs(box.x - next.x) < 0.5 && Math.abs(box.y - next.y) < 0.5
    box = next
    if (same) break
  }
  const scrolled = await page.evaluate(() => {
    let max = window.scrollY
    document.querySelectorAll('.taro_page, .taro-tabbar__panel').forEach((el) => (max = Math.max(max, (el as HTMLElement).scrollTop)))
    return max
  })
  const ok = !!box && scrolled === 0 && box.x >= 0 && box.y >= 0 && box.x + box.width <= vp.width + 0.5 && box.y + box.height <= vp.height + 0.5
  return { ok, box, scrolled }
}

/** The element stays inside the viewport after the page is scrolled to its end (a sticky/fixed bar). */
export async function inViewAfterScroll(loc: Locator): Promise<boolean> {
  const page = loc.page()
  await page.evaluate(() => {
    window.scrollTo(0, document.body.scrollHeight)
    document.querySelectorAll('.taro_page').forEach((el) => ((el as HTMLElement).scrollTop = (el as HTMLElement).scrollHeight))
  })
  await page.waitForTimeout(100)
  const vp = page.viewportSize() ?? { width: 390, height: 844 }
  const box = await loc.boundingBox()
  return !!box && box.y >= 0 && box.y + box.height <= vp.height + 0.5
}
