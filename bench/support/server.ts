// The product for benches, started as test/support/server.ts starts it (the start script:
// build-if-stale, migrate, seed, serve; throw-away data dir; holding the checkout's h5 build lock), with one
// difference: the server's output goes to a log file, not into this process. Under load the server
// logs two lines per request; collecting tens of MB in the runner (which also runs autocannon and
// the browser driver) would measure the runner, not the server.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { BUILD_LOCK, freePort, ROOT, type RunningServer } from '../../test/support/server'

const READY = /is running at (https?:\/\/[^\s"'\\]+)/
const FLOCK = ['/usr/bin/flock', '/bin/flock'].find((f) => fs.existsSync(f))

export async function startBenchServer(timeoutMs = 1_200_000, env: Record<string, string> = {}): Promise<RunningServer> {
  const port = await freePort()
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zhijian-bench-server-'))
  const dataDir = path.join(tmp, 'data')
  const logFile = path.join(tmp, 'server.log')
  const fd = fs.openSync(logFile, 'w')
  const childEnv: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, ...env }
  delete childEnv.DATABASE_URL
  delete childEnv.NODE_ENV
  const node = [process.execPath, '--import', 'tsx', path.join(ROOT, 'mock/src/start.ts')]
  const [cmd, ...args] = FLOCK ? [FLOCK, '--no-fork', BUILD_LOCK, ...node] : node
  const child = spawn(cmd, args, { cwd: ROOT, env: childEnv, stdio: ['ignore', fd, fd] })
  fs.closeSync(fd)
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  const head = () => {
    // Only the start of the log matters here (the ready line comes before any request line).
    const buf = Buffer.alloc(64 * 1024)
    const f = fs.openSync(logFile, 'r')
    try {
      return buf.subarray(0, fs.readSync(f, buf, 0, buf.length, 0)).toString('utf8')
    } finally {
      fs.closeSync(f)
    }
  }
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
    try {
      return await exited
    } finally {
      clearTimeout(timer)
      fs.rmSync(tmp, { recursive: true, force: true })
    }
  }
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const m = READY.exec(head())
    if (m) return { url: m[1].replace(/\/$/, ''), port, dataDir, output: head, stop }
    if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) {
      const tail = fs.readFileSync(logFile, 'utf8').slice(-3000)
      await stop()
      throw new Error(`bench server did not start (exit ${child.exitCode}, signal ${child.signalCode}):\n${tail}`)
    }
    await new Promise((r) => setTimeout(r, 250))
  }
}
