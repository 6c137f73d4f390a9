/**
 * @jest-environment jsdom
 */
// Proves the mini-program build output is complete and runs: app.json facts read from dist/weapp
// and dist/alipay, and the built weapp home page rendered by miniprogram-simulate.
import fs from 'node:fs'
import path from 'node:path'
import { loadWeappPage, type WeappPage } from '../support/weapp-sim'
import { messages } from '../../src/domain/messages'

const ROOT = path.resolve(__dirname, '../..')
const TAB_PAGES = ['pages/home/index', 'pages/services/index', 'pages/messages/index', 'pages/me/index']
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

interface SubPackage { root: string; pages: string[] }
interface AppJson {
  pages: string[]
  subPackages?: SubPackage[]
  subpackages?: SubPackage[]
  lazyCodeLoading?: string
  tabBar?: {
    list?: { pagePath: string; text: string; iconPath?: string; selectedIconPath?: string }[]
    items?: { pagePath: string; name: string; icon?: string; activeIcon?: string }[]
  }
}

function readAppJson(target: 'weapp' | 'alipay'): { dir: string; app: AppJson } {
  const dir = path.join(ROOT, 'dist', target)
  const file = path.join(dir, 'app.json')
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: run \`npm run build:${target}\` first`)
  return { dir, app: JSON.parse(fs.readFileSync(file, 'utf8')) as AppJson }
}

/** Tab entries normalised across WeChat (`list`/`iconPath`) and Alipay (`items`/`icon`). */
function tabs(app: AppJson) {
  const list = app.tabBar?.list?.map((t) => ({ page: t.pagePath, text: t.text, icons: [t.iconPath, t.selectedIconPath] }))
  const items = app.tabBar?.items?.map((t) => ({ page: t.pagePath, text: t.name, icons: [t.icon, t.activeIcon] }))
  return list ?? items ?? []
}

const subPackagesOf = (app: AppJson) => app.subPackages ?? app.subpackages ?? []

describe.each([
  ['weapp', { markup: '.wxml', style: '.wxss' }],
  ['alipay', { markup: '.axml', style: '.acss' }],
] as const)('%s build output', (target, ext) => {
  const { dir, app } = readAppJson(target)

  test('the four tab pages are in the main package, in tab-bar order', () => {
    expect(tabs(app).map((t) => t.page)).toEqual(TAB_PAGES)
    for (const p of TAB_PAGES) expect(app.pages).toContain(p)
    for (const sp of subPackagesOf(app)) {
      for (const p of TAB_PAGES) expect(p.startsWith(sp.root.replace(/\/*$/, '/'))).toBe(false)
    }
  })

  test('every tab-bar icon is a local PNG file', () => {
    const icons = tabs(app).flatMap((t) => t.icons)
    expect(icons).toHaveLength(8)
    for (const icon of icons) {
      expect(typeof icon).toBe('string')
      const file = path.join(dir, icon!)
      expect(fs.existsSync(file)).toBe(true)
      const bytes = fs.readFileSync(file)
      expect(bytes.subarray(0, 8).equals(PNG_MAGIC)).toBe(true)
      // WeChat rejects tab-bar icons over 40 KB.
      expect(bytes.length).toBeLessThanOrEqual(40 * 1024)
    }
  })

  test(`subpackages are declared and every page has its ${ext.markup}, .js and .json`, () => {
    const subs = subPackagesOf(app)
    expect(subs.length).toBeGreaterThan(0)
    const pages = [...app.pages, ...subs.flatMap((s) => s.pages.map((p) => `${s.root.replace(/\/*$/, '')}/${p}`))]
    const missing = pages.flatMap((p) =>
      [ext.markup, '.js', '.json'].map((e) => `${p}${e}`).filter((f) => !fs.existsSync(path.join(dir, f))))
    expect(missing).toEqual([])
    for (const s of subs) expect(s.root.startsWith('packages/')).toBe(true)
  })

  if (target === 'weapp') {
    test('lazyCodeLoading is on', () => {
      expect(app.lazyCodeLoading).toBe('requiredComponents')
    })
  }
})

describe('weapp home page in miniprogram-simulate', () => {
  const { dir, app } = readAppJson('weapp')
  const page = app.pages.includes('pages/home/index') ? 'pages/home/index' : app.pages[0]
  let home: WeappPage

  beforeAll(async () => {
    home = await loadWeappPage({ distDir: dir, page })
  })
  afterAll(() => home?.detach())

  test('renders the home content from the message catalogue', async () => {
    const ui = messages.ui as unknown as Record<string, any>
    const expected: string[] = expectedHomeText(ui)
    // The search placeholder plus at least four service tiles, or the catalogue moved: fix the keys below.
    expect(expected.length).toBeGreaterThanOrEqual(5)
    const content = () => `${home.text()} ${home.attributes('placeholder').join(' ')}`
    const ok = await home.waitFor(() => expected.every((s) => content().includes(s)))
    if (!ok) console.log(`rendered: ${content()}\nmissing: ${expected.filter((s) => !content().includes(s))}`)
    expect(expected.filter((s) => !content().includes(s))).toEqual([])
  })

  test('first launch: the privacy guide is on the page and WeChat\'s privacy check is wired to it', async () => {
    const g = messages.ui.privacyGuide
    expect(await home.waitFor(() => home.text().includes(g.title) && home.text().includes(g.agree))).toBe(true)
    // The app answers WeChat only when the user does: registering must not agree on their behalf.
    expect(home.privacyListeners).toHaveLength(1)
    const resolve = jest.fn()
    home.privacyListeners[0](resolve)
    await new Promise((r) => setTimeout(r, 20))
    expect(resolve).not.toHaveBeenCalled()
  })

  test('the runtime used no wx API the shim lacks', () => {
    // Feature probes Taro's runtime performs on start-up; reading them is not a call.
    const probes = ['env', 'cloud']
    const unexpected = home.unknownWx.filter((k) => !probes.includes(k))
    if (unexpected.length) console.log(`wx members used but not provided by the shim: ${unexpected.join(', ')}`)
    expect(unexpected).toEqual([])
    expect(home.consoleErrors).toEqual([])
  })
})

/**
 * The strings the home page must show, read from the catalogue (never copied into this test).
 * Keys: `ui.home.searchPlaceholder` and every string in `ui.home.tiles`.
 */
function expectedHomeText(ui: Record<string, any>): string[] {
  return [ui.home?.searchPlaceholder, ...Object.values(ui.home?.tiles ?? {})].filter((s): s is string => typeof s === 'string')
}
