// Package sizes of the mini-program builds, measured from the build output itself.
//
//   npm run size              weapp (required) and alipay (if built)
//   npm run size -- alipay    only the named target(s)
//
// Main package = every file not under a subpackage root; each subpackage = files under its root.
// Source maps are left out (the vendors' tools upload them separately); everything else counts,
// so the number errs on the high side. Exit code: 0 within limits, 1 over a limit, 2 no build.
import fs from 'node:fs'
import path from 'node:path'

export const KB = 1024
export const LIMITS = { main: 1024 * KB, subpackage: 1536 * KB } as const
export const TARGETS = ['weapp', 'alipay'] as const
export type Target = (typeof TARGETS)[number]

export interface PackageSize {
  /** `main` or the subpackage root as declared, normalised to end in `/`. */
  name: string
  bytes: number
  files: number
  limit: number
}

export interface SizeReport {
  target: string
  distDir: string
  packages: PackageSize[]
  totalBytes: number
  /** One line per package over its limit; empty when all fit. */
  overLimit: string[]
}

export class MissingBuildError extends Error {}

interface AppJson {
  subPackages?: { root: string }[]
  subpackages?: { root: string }[]
}

function listFiles(dir: string): string[] {
  const out: string[] = []
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) out.push(...listFiles(full))
    else if (entry.isFile()) out.push(full)
  }
  return out
}

const toRoot = (root: string) => root.replace(/^\.?\/+/, '').replace(/\/*$/, '/')

/** Measures one built target. Throws MissingBuildError when `distDir/app.json` is absent. */
export function measure(distDir: string, target = path.basename(distDir)): SizeReport {
  const appJsonPath = path.join(distDir, 'app.json')
  if (!fs.existsSync(appJsonPath)) {
    throw new MissingBuildError(`${appJsonPath} not found: run \`npm run build:${target}\` first`)
  }
  const app = JSON.parse(fs.readFileSync(appJsonPath, 'utf8')) as AppJson
  const roots = (app.subPackages ?? app.subpackages ?? []).map((s) => toRoot(s.root))
  // Longest root first, so nested-looking roots ("a/b/" vs "a/") pick the most specific one.
  const byLength = [...roots].sort((a, b) => b.length - a.length)

  const sizes = new Map<string, PackageSize>([['main', { name: 'main', bytes: 0, files: 0, limit: LIMITS.main }]])
  for (const r of roots) sizes.set(r, { name: r, bytes: 0, files: 0, limit: LIMITS.subpackage })

  let totalBytes = 0
  for (const file of listFiles(distDir)) {
    if (file.endsWith('.map')) continue
    const rel = path.relative(distDir, file).split(path.sep).join('/')
    const owner = byLength.find((r) => rel.startsWith(r)) ?? 'main'
    const bytes = fs.statSync(file).size
    const entry = sizes.get(owner)!
    entry.bytes += bytes
    entry.files += 1
    totalBytes += bytes
  }

  const packages = [...sizes.values()]
  const overLimit = packages
    .filter((p) => p.bytes > p.limit)
    .map((p) => `${target} ${p.name}: ${kb(p.bytes)} exceeds the ${kb(p.limit)} limit`)
  return { target, distDir, packages, totalBytes, overLimit }
}

export const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`

export function formatReport(r: SizeReport): string {
  const rows = [['package', 'files', 'size', 'limit', ''], ...r.packages.map((p) => [
    p.name, String(p.files), kb(p.bytes), kb(p.limit), p.bytes > p.limit ? 'OVER' : 'ok',
  ]), ['total', String(r.packages.reduce((n, p) => n + p.files, 0)), kb(r.totalBytes), '', '']]
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)))
  const line = (row: string[]) =>
    row.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd()
  return [`${r.target} (${r.distDir})`, ...rows.map((row) => `  ${line(row)}`)].join('\n')
}

/** CLI body; returns the exit code. `required` targets must be built, others are measured if present. */
export function run(argv: string[], rootDir = process.cwd(), log = console.log): number {
  const asked = argv.filter((a) => !a.startsWith('-'))
  for (const a of asked) {
    if (!(TARGETS as readonly string[]).includes(a)) {
      log(`unknown target "${a}": use one of ${TARGETS.join(', ')}`)
      return 2
    }
  }
  const required = new Set<string>(asked.length ? asked : ['weapp'])
  const targets = asked.length ? asked : [...TARGETS]
  let code = 0
  for (const target of targets) {
    const distDir = path.join(rootDir, 'dist', target)
    try {
      const report = measure(distDir, target)
      log(formatReport({ ...report, distDir: path.relative(rootDir, distDir) || distDir }))
      for (const o of report.overLimit) log(o)
      if (report.overLimit.length) code = Math.max(code, 1)
    } catch (e) {
      if (!(e instanceof MissingBuildError)) throw e
      if (required.has(target)) {
        log(e.message)
        code = 2
      } else {
        log(`${target}: not built, skipped (run \`npm run build:${target}\` to measure it)`)
      }
    }
  }
  return code
}

if (require.main === module) {
  process.exitCode = run(process.argv.slice(2))
}
