// Every page of the app, read from src/app.config.ts (tab pages and every subpackage), so the
// quality checks that walk all pages (a11y, elder mode) cover a new page the moment it is added to
// the config. Pages that need a query to show real content get one from PARAMS (seed data looked
// up from the running server); a page without an entry is opened bare and must still render.
import path from 'node:path'
import type { Page } from 'playwright-core'
import { ROOT, startServer, type RunningServer } from './server'

interface AppConfigShape {
  pages: string[]
  subPackages?: { root: string; pages: string[] }[]
  subpackages?: { root: string; pages: string[] }[]
  tabBar?: { list: { pagePath: string }[] }
}

export interface AppPage {
  /** Route as the h5 router serves it, e.g. `/packages/catalog/pages/guide`. */
  route: string
  /** `main` or the subpackage root. */
  pkg: string
  tab: boolean
}

/** Reads src/app.config.ts (a `defineAppConfig({...})` module) without Taro's build. */
export function appConfig(): AppConfigShape {
  const g = globalThis as { defineAppConfig?: (c: unknown) => unknown }
  const had = g.defineAppConfig
  g.defineAppConfig = (c) => c
  try {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const mod = require(path.join(ROOT, 'src/app.config.ts')) as { default: AppConfigShape }
    return mod.default
  } finally {
    g.defineAppConfig = had
  }
}

export function appPages(config = appConfig()): AppPage[] {
  const tabs = new Set((config.tabBar?.list ?? []).map((t) => t.pagePath))
  const out: AppPage[] = config.pages.map((p) => ({ route: `/${p}`, pkg: 'main', tab: tabs.has(p) }))
  for (const sub of config.subPackages ?? config.subpackages ?? []) {
    const root = sub.root.replace(/^\/+|\/+$/g, '')
    for (const p of sub.pages) out.push({ route: `/${root}/${p}`, pkg: root, tab: false })
  }
  return out
}

/** Codes of seeded records that pages with a query need. */
export interface SeedRefs {
  item: string
  bundle: string
  hall: string
}

export async function seedRefs(baseUrl: string): Promise<SeedRefs> {
  const get = async <T>(p: string): Promise<T> => {
    const res = await fetch(`${baseUrl}${p}`)
    if (!res.ok) throw new Error(`GET ${p}: ${res.status}`)
    return (await res.json()) as T
  }
  const index = await get<{ index?: { items: { c: string }[] }; items?: { c: string }[] }>('/api/catalog/index')
  const bundles = await get<{ bundles: { code: string }[] }>('/api/catalog/bundles')
  const halls = await get<{ halls?: { code: string }[]; items?: { code: string }[] }>('/api/halls')
  return {
    item: (index.index ?? index).items?.[0]?.c ?? '',
    bundle: bundles.bundles[0]?.code ?? '',
    hall: (halls.halls ?? halls.items ?? [])[0]?.code ?? '',
  }
}

/** Query strings for pages that show little without one. Add a line for a new page that needs it. */
export const PARAMS: Record<string, (r: SeedRefs) => string> = {
  '/packages/catalog/pages/search': () => `q=${encodeURIComponent('公积金')}`,
  '/packages/catalog/pages/guide': (r) => `code=${encodeURIComponent(r.item)}`,
  '/packages/catalog/pages/bundle': (r) => `code=${encodeURIComponent(r.bundle)}`,
  '/packages/catalog/pages/hall': (r) => `code=${encodeURIComponent(r.hall)}`,
  '/packages/catalog/pages/halls': (r) => `item=${encodeURIComponent(r.item)}`,
  '/packages/soon/pages/index': () => `name=${encodeURIComponent('公积金提取')}`,
  '/packages/booking/pages/book': (r) => `item=${encodeURIComponent(r.item)}`,
}

export function pagePath(p: AppPage, refs: SeedRefs): string {
  const q = PARAMS[p.route]?.(refs)
  return q ? `${p.route}?${q}` : p.route
}

/**
 * Opens a page and waits until it has settled: a page root is on screen, the static shell is
 * gone, and the network has been quiet (data loaded, or its error/empty state shown).
 */
export async function openPage(page: Page, url: string): Promise<void> {
  await page.goto(url)
  await page.locator('.page').first().waitFor({ state: 'visible', timeout: 30_000 })
  await page.waitForLoadState('networkidle', { timeout: 15_000 }).catch(() => undefined)
  await page.locator('#zj-shell').waitFor({ state: 'detached', timeout: 10_000 })
  // Let React commit what the last responses brought in (no fixed sleeps: two animation frames).
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))))
}

/**
 * The server for the page walks: the product started by test/support/server.ts, or, when
 * E2E_SERVER_URL is set, a server already running there (left running afterwards) — for walking
 * pages again and again while fixing them.
 */
export async function walkServer(timeoutMs: number): Promise<RunningServer> {
  const given = process.env.E2E_SERVER_URL?.replace(/\/$/, '')
  if (!given) return startServer({ timeoutMs })
  return { url: given, port: Number(new URL(given).port), dataDir: '', output: () => '', stop: async () => 0 }
}

/**
 * Key pages whose signed-in state differs from what the signed-out walk sees (issue 9: the quality
 * walks cover logged-in states too). Tab pages, the record queries, the wallet, bookings, cases
 * and the account's own pages.
 */
export const SIGNED_IN_PAGES = [
  '/pages/home/index',
  '/pages/messages/index',
  '/pages/me/index',
  '/packages/records/pages/social',
  '/packages/records/pages/fund',
  '/packages/records/pages/property',
  '/packages/records/pages/proofs',
  '/packages/wallet/pages/index',
  '/packages/booking/pages/mine',
  '/packages/cases/pages/index',
  '/packages/account/pages/security',
]

/**
 * Signs an adult of the server's default seed in at L3 through the API (test/support/e2e.ts) and
 * stores the session in `page`'s origin, so the pages open signed in.
 */
export async function signInForWalk(page: Page, baseUrl: string): Promise<void> {
  const { generateRegistry, ageOn, REFERENCE_DATE } = await import('../../mock/src/seed')
  const { apiAt, signInCitizen, storeSession } = await import('./e2e')
  // The stand-in's defaults (mock/src/config.ts): SEED zhijian-2026, 2000 citizens, 200 enterprises.
  const registry = generateRegistry(process.env.SEED ?? 'zhijian-2026', {
    citizens: Number(process.env.SEED_CITIZENS ?? 2000),
    enterprises: Number(process.env.SEED_ENTERPRISES ?? 200),
  })
  const citizen = registry.citizens.find((c) => ageOn(c.birthDate, REFERENCE_DATE) >= 30)
  if (!citizen) throw new Error('no adult citizen in the seed')
  const tokens = await signInCitizen(apiAt(() => baseUrl), citizen, { l3: true })
  await storeSession(page, baseUrl, tokens)
}

/**
 * For a describe block whose pages open signed in: signs in before it (signInForWalk) and signs
 * out after it, so the blocks that follow walk the logged-out app again.
 */
export function signedInBlock(page: () => Page, baseUrl: () => string): void {
  beforeAll(() => signInForWalk(page(), baseUrl()), 60_000)
  afterAll(async () => {
    await page().evaluate(() => localStorage.removeItem('zj.session')).catch(() => undefined)
  })
}
