// The size script: its arithmetic on a synthetic build, and the real builds within limits.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { KB, LIMITS, MissingBuildError, formatReport, measure, run } from '../../scripts/size'

const root = path.resolve(__dirname, '../..')

function fakeBuild(files: Record<string, number>, appJson: object): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'size-'))
  fs.writeFileSync(path.join(dir, 'app.json'), JSON.stringify(appJson))
  for (const [rel, bytes] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true })
    fs.writeFileSync(path.join(dir, rel), Buffer.alloc(bytes))
  }
  return dir
}

describe('size script on a synthetic build', () => {
  const appJson = { pages: ['pages/home/index'], subPackages: [{ root: 'packages/cases', pages: ['list'] }, { root: 'packages/casesx/', pages: ['a'] }] }
  const dir = fakeBuild({
    'app.js': 10 * KB,
    'pages/home/index.js': 5 * KB,
    'pages/home/index.js.map': 500 * KB,
    'packages/cases/list.js': 7 * KB,
    'packages/casesx/a.js': 3 * KB,
  }, appJson)
  const appJsonBytes = fs.statSync(path.join(dir, 'app.json')).size
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

  test('splits main and each subpackage by root, ignoring source maps', () => {
    const r = measure(dir, 'weapp')
    const by = Object.fromEntries(r.packages.map((p) => [p.name, p.bytes]))
    expect(by).toEqual({ main: 15 * KB + appJsonBytes, 'packages/cases/': 7 * KB, 'packages/casesx/': 3 * KB })
    expect(r.overLimit).toEqual([])
    expect(formatReport(r)).toMatch(/packages\/cases\/\s+1\s+7\.0 KB\s+1536\.0 KB\s+ok/)
  })

  test('flags a main package over 1 MB and a subpackage over 1.5 MB', () => {
    const big = fakeBuild({ 'app.js': LIMITS.main + 1, 'packages/cases/list.js': LIMITS.subpackage + 1 }, appJson)
    try {
      const r = measure(big, 'weapp')
      expect(r.overLimit).toHaveLength(2)
      expect(r.overLimit[0]).toMatch(/^weapp main: .* exceeds the 1024\.0 KB limit$/)
      expect(r.overLimit[1]).toMatch(/^weapp packages\/cases\/: .* exceeds the 1536\.0 KB limit$/)
      // The CLI turns that into a non-zero exit.
      const distRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'size-root-'))
      fs.mkdirSync(path.join(distRoot, 'dist'))
      fs.renameSync(big, path.join(distRoot, 'dist', 'weapp'))
      const lines: string[] = []
      expect(run(['weapp'], distRoot, (l) => lines.push(l))).toBe(1)
      expect(lines.join('\n')).toContain('OVER')
      fs.rmSync(distRoot, { recursive: true, force: true })
    } finally {
      fs.rmSync(big, { recursive: true, force: true })
    }
  })

  test('a missing build names the build to run', () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'size-empty-'))
    const lines: string[] = []
    expect(() => measure(path.join(empty, 'dist', 'alipay'), 'alipay')).toThrow(MissingBuildError)
    expect(run([], empty, (l) => lines.push(l))).toBe(2)
    expect(lines).toContain(`${path.join(empty, 'dist', 'weapp', 'app.json')} not found: run \`npm run build:weapp\` first`)
    expect(lines).toContain('alipay: not built, skipped (run `npm run build:alipay` to measure it)')
    fs.rmSync(empty, { recursive: true, force: true })
  })
})

describe.each(['weapp', 'alipay'])('real %s build', (target) => {
  test('main package ≤ 1 MB and every subpackage ≤ 1.5 MB', () => {
    const r = measure(path.join(root, 'dist', target), target)
    console.log(formatReport(r))
    expect(r.overLimit).toEqual([])
    expect(r.packages[0]).toMatchObject({ name: 'main' })
    expect(r.packages[0].bytes).toBeGreaterThan(0)
  })

  test('tab pages sit in the main package; features are subpackages loaded on demand', () => {
    const app = JSON.parse(fs.readFileSync(path.join(root, 'dist', target, 'app.json'), 'utf8')) as {
      pages: string[]; tabBar?: { list?: { pagePath: string }[]; items?: { pagePath: string }[] }; subPackages?: unknown[]; subpackages?: unknown[]; lazyCodeLoading?: string
    }
    // weapp calls the tab list `list`, alipay `items`.
    const tabs = (app.tabBar?.list ?? app.tabBar?.items ?? []).map((t) => t.pagePath)
    expect(tabs.length).toBeGreaterThanOrEqual(4)
    expect(tabs.filter((t) => !app.pages.includes(t))).toEqual([])
    // Only the tab pages are in the main package; everything else is a subpackage.
    expect([...app.pages].sort()).toEqual([...tabs].sort())
    expect((app.subPackages ?? app.subpackages ?? []).length).toBeGreaterThan(0)
    expect(app.lazyCodeLoading).toBe('requiredComponents')
  })
})
