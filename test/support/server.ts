// Starts the product the way a user does (the start script: build-if-stale, migrate, seed,
// serve) on a free port with a throw-away data directory, and stops it with SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process'
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { DEFAULT_INSTANT } from './clock'

export const ROOT = path.resolve(__dirname, '../..')
const READY = /is running at (https?:\/\/[^\s"'\\]+)/

/**
 * The h5 build lock of this checkout: it guards this checkout's dist/h5, so two checkouts on one
 * machine (a CI clone beside a working tree) never wait for each other.
 */
export const BUILD_LOCK = path.join(os.tmpdir(), `build-h5-${createHash('sha1').update(ROOT).digest('hex').slice(0, 10)}.lock`)

export interface RunningServer {
  /** Base URL as printed by the server, without a trailing slash. */
  url: string
  port: number
  dataDir: string
  /** Everything the process printed so far (stdout and stderr interleaved). */
  output(): string
  /** SIGTERM, then waits for exit; resolves with the exit code (null when killed by a signal). */
  stop(): Promise<number | null>
}

export interface StartOptions {
  /** Extra environment; `DATABASE_URL` is removed unless given here (PGlite in DATA_DIR, as a user gets). */
  env?: Record<string, string | undefined>
  /** Max wait for the "is running at" line; the first start may build the PWA. */
  timeoutMs?: number
  /**
   * Hold this checkout's h5 build lock (flock BUILD_LOCK) for the server's life: the start
   * script may rebuild dist/h5, and nobody else should rebuild it under a running test. Default on
   * where `flock` exists.
   */
  holdBuildLock?: boolean
}

const FLOCK = ['/usr/bin/flock', '/bin/flock'].find((f) => fs.existsSync(f))

/** A port that was free a moment ago (bind to 0, read, release). */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.unref()
    srv.on('error', reject)
    srv.listen(0, host, () => {
      const { port } = srv.address() as net.AddressInfo
      srv.close(() => resolve(port))
    })
  })
}

export async function startServer(opts: StartOptions = {}): Promise<RunningServer> {
  const entry = path.join(ROOT, 'mock/src/start.ts')
  if (!fs.existsSync(entry)) throw new Error(`${entry} does not exist yet`)
  const port = await freePort()
  // DATA_DIR one level down: a development start keeps its key file beside the data directory.
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zhijian-e2e-'))
  const dataDir = path.join(tmp, 'data')
  // As a user runs it: development mode (no NODE_ENV), embedded PGlite in DATA_DIR.
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: undefined, NODE_ENV: undefined }
  // Outside production the stand-in's clock starts at a pinned instant (never the hour the test
  // began); a suite that wants another passes DEV_CLOCK_AT itself.
  const devClock = opts.env?.NODE_ENV === 'production' ? {} : { DEV_CLOCK_AT: DEFAULT_INSTANT }
  Object.assign(env, { PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, EXIT_WITH_PARENT: '1' }, devClock, opts.env)
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k]

  // One node process running tsx's loader, so SIGTERM reaches the server itself; flock --no-fork
  // execs into it, keeping the lock without an extra process in between.
  const node = [process.execPath, '--import', 'tsx', entry]
  const lock = (opts.holdBuildLock ?? true) && FLOCK
  const [cmd, ...args] = lock ? [FLOCK, '--no-fork', BUILD_LOCK, ...node] : node
  const child = spawn(cmd, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`server did not print "is running at" within ${opts.timeoutMs ?? 120_000} ms`)), opts.timeoutMs ?? 120_000)
    const onData = (chunk: Buffer) => {
      out += chunk.toString('utf8')
      const m = READY.exec(out)
      if (m) { clearTimeout(timer); resolve(m[1].replace(/\/$/, '')) }
    }
    function fail(err: Error) {
      clearTimeout(timer)
      child.kill('SIGKILL')
      fs.rmSync(tmp, { recursive: true, force: true })
      reject(new Error(`${err.message}\n--- server output (tail) ---\n${out.slice(-3000)}`))
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', onData)
    child.once('exit', (code, signal) => fail(new Error(`server exited early (code ${code}, signal ${signal})`)))
  })

  return {
    url,
    port,
    dataDir,
    output: () => out,
    stop: () => stopChild(child, exited, tmp),
  }
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>, tmp: string): Promise<number | null> {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
  try {
    return await exited
  } finally {
    clearTimeout(timer)
    fs.rmSync(tmp, { recursive: true, force: true })
  }
}
