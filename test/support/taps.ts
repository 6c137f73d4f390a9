// A person's hands for the journey tests: taps on visible text (each counted), typing into visible
// inputs (not a tap), and "in view" as JOURNEYS.md defines it (the box inside the 390×844 viewport
// without scrolling). Taro's h5 router keeps earlier pages of the stack in the DOM, hidden, so
// only visible matches count.
import type { Locator, Page } from 'playwright-core'
import { nowMs } from './journey-report'

export class Hands {
  taps = 0
  readonly log: string[] = []
  /** nowMs() just before the first / the latest counted click (time to first content starts here). */
  firstTapAt?: number
  lastTapAt?: number

  constructor(readonly page: Page) {}

  /** The first visible element showing exactly this text (or matching it). */
  find(text: string | RegExp, within?: Locator): Locator {
    const root = within ?? this.page
    return root.getByText(text, { exact: typeof text === 'string' }).filter({ visible: true }).first()
  }

  /** One tap on what shows this text. */
  async tap(text: string | RegExp, within?: Locator): Promise<void> {
    const el = this.find(text, within)
    await el.waitFor({ state: 'visible', timeout: 20_000 })
    this.clicking()
    await el.click()
    this.taps++
    this.log.push(String(text))
  }

  /** One tap on a visible element chosen by the test (an icon button, a tile). */
  async tapOn(el: Locator, what: string): Promise<void> {
    await el.waitFor({ state: 'visible', timeout: 20_000 })
    this.clicking()
    await el.click()
    this.taps++
    this.log.push(what)
  }

  private clicking(): void {
    this.lastTapAt = nowMs()
    this.firstTapAt ??= this.lastTapAt
  }

  /** The visible input or multi-line field (an address) labelled so: the label is on the real <input>/<textarea>. */
  input(label: string): Locator {
    return this.page.locator(`input[aria-label="${label}"], textarea[aria-label="${label}"]`).filter({ visible: true }).first()
  }

  /** Types into the visible input labelled so (typing is not a tap). */
  async type(label: string, value: string): Promise<void> {
    const input = this.input(label)
    await input.waitFor({ state: 'visible', timeout: 20_000 })
    await input.fill(value)
  }

  async sees(text: string | RegExp, timeout = 20_000): Promise<Locator> {
    const el = this.find(text)
    await el.waitFor({ state: 'visible', timeout })
    return el
  }
}

/** The element's box lies inside the viewport as it is now (no scrolling done by the test). */
export async function inView(el: Locator): Promise<boolean> {
  return el.evaluate((node) => {
    const r = node.getBoundingClientRect()
    return r.width > 0 && r.height > 0 && r.top >= 0 && r.left >= 0 && r.bottom <= window.innerHeight && r.right <= window.innerWidth
  })
}
