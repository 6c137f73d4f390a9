// `npm start`: the whole system on one machine. Builds the PWA when it is missing or stale,
// migrates, seeds an empty database, listens, and prints where to go.
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { format } from '../../src/domain/messages'
import { api } from '../../src/domain/messages/zh-CN/api'
import { tolerateClosedConsole } from './logger'
import { announce, configOrExit, connectDatabase, failStartup, installShutdown, probePort, startServer, StartupError } from './main'

const t = api.startup
const ROOT = path.resolve(__dirname, '../..')
export const BUILD_HASH_FILE = '.build-hash'

function listFiles(dir: string, out: string[]): void {
  if (!existsSync(dir)) return
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) listFiles(full, out)
    else if (entry.isFile()) out.push(full)
  }
}

/**
 * Hash of everything the PWA build reads: app sources, build config, the lockfile, the PWA
 * scripts, and API_BASE (baked into the bundle at build time).
 */
export function pwaInputsHash(root: string = ROOT): string {
  const files: string[] = []
  listFiles(path.join(root, 'src'), files)
  listFiles(path.join(root, 'config'), files)
  const scripts = path.join(root, 'scripts')
  if (existsSync(scripts)) {
    for (const f of readdirSync(scripts)) if (f.startsWith('pwa') && statSync(path.join(scripts, f)).isFile()) files.push(path.join(scripts, f))
  }
  const lock = path.join(root, 'package-lock.json')
  if (existsSync(lock)) files.push(lock)
  const hash = createHash('sha256')
  hash.update(`API_BASE=${process.env.API_BASE ?? ''}\n`)
  for (const f of files.map((full) => path.relative(root, full).split(path.sep).join('/')).sort()) {
    hash.update(`${f}\n`)
    hash.update(readFileSync(path.join(root, f)))
    hash.update('\n')
  }
  return hash.digest('hex')
}

export function pwaIsCurrent(staticDir: string, hash: string): boolean {
  const file = path.join(staticDir, BUILD_HASH_FILE)
  return existsSync(path.join(staticDir, 'index.html')) && existsSync(file) && readFileSync(file, 'utf8').trim() === hash
}

async function ensurePwa(staticDir: string): Promise<void> {
  const hash = pwaInputsHash()
  if (pwaIsCurrent(staticDir, hash)) return
  process.stdout.write(t.building + '\n')
  const code = await new Promise<number>((resolve) => {
    const child = spawn('npm', ['run', 'build:h5'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'], shell: process.platform === 'win32' })
    child.on('error', () => resolve(127))
    child.on('exit', (c) => resolve(c ?? 1))
  })
  if (code !== 0) throw new StartupError([format(t.buildFailed, { code })])
  writeFileSync(path.join(staticDir, BUILD_HASH_FILE), hash + '\n')
}

/**
 * Test harnesses set EXIT_WITH_PARENT=1: when the runner that started us dies without stopping
 * us (killed, crashed), we are re-parented; stop then instead of holding the port, the data
 * directory and the build lock forever.
 */
function exitWithParent(): void {
  if (process.env.EXIT_WITH_PARENT !== '1') return
  const parent = process.ppid
  setInterval(() => {
    if (process.ppid !== parent) process.kill(process.pid, 'SIGTERM')
  }, 2000).unref()
}

async function main(): Promise<void> {
  tolerateClosedConsole()
  // The demo seeds published accounts: never where a real service would run.
  if (process.env.NODE_ENV === 'production') throw new StartupError([t.startIsDemo])
  const config = configOrExit()
  exitWithParent()
  // `--build-only`: the test runner uses the same staleness check without starting a server.
  if (process.argv.includes('--build-only')) return ensurePwa(config.staticDir)
  // Cheap checks first: a taken port or a wrong database fails in a second, not after a build.
  await probePort(config.host, config.port)
  const database = await connectDatabase(config)
  try {
    await ensurePwa(config.staticDir)
  } catch (err) {
    await database.close().catch(() => undefined)
    throw err
  }
  const running = await startServer(config, { seed: true, database })
  installShutdown(running)
  announce(running)
}

if (require.main === module) main().catch(failStartup)
