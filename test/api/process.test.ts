// The server as a process: startup failures are one clear line and exit 1; SIGTERM lets
// in-flight requests finish and exits 0.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import net from 'node:net'
import path from 'node:path'
import { TEST_KEY } from './harness'
import { wallMs } from '../support/clock'

const ROOT = path.resolve(__dirname, '../..')

interface Run {
  child: ChildProcessWithoutNullStreams
  stdout: () => string
  stderr: () => string
  exit: Promise<number | null>
}

function run(script: string, env: Record<string, string>): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'mock/src', script)], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_ENV: 'test', LOG_LEVEL: 'info', ID_ENCRYPTION_KEY: TEST_KEY, ...env },
  })
  let out = ''
  let err = ''
  child.stdout.on('data', (d) => (out += d))
  child.stderr.on('data', (d) => (err += d))
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return { child, stdout: () => out, stderr: () => err, exit }
}

function stderrLines(r: Run): string[] {
  // Node may print its own warnings (e.g. experimental features); ours is the rest.
  return r.stderr().split('\n').filter((l) => l.trim() !== '' && !/ExperimentalWarning|--trace-warnings|DeprecationWarning/.test(l))
}

function occupyPort(): Promise<net.Server> {
  return new Promise((resolve) => {
    const s = net.createServer()
    s.listen(0, '127.0.0.1', () => resolve(s))
  })
}

async function waitFor(check: () => boolean, ms: number): Promise<void> {
  const end = wallMs() + ms
  while (!check()) {
    if (wallMs() > end) throw new Error('timed out waiting')
    await new Promise((r) => setTimeout(r, 50))
  }
}

describe('npm start (mock/src/start.ts) failing to start', () => {
  it('a port in use → one line on stderr, exit 1', async () => {
    const blocker = await occupyPort()
    const port = (blocker.address() as net.AddressInfo).port
    try {
      const r = run('start.ts', { PORT: String(port), DATABASE_URL: 'memory://' })
      expect(await r.exit).toBe(1)
      expect(stderrLines(r)).toEqual([`启动失败：端口 ${port} 已被占用。请关闭占用它的程序，或设置 PORT 为其他端口。`])
    } finally {
      blocker.close()
    }
  }, 60_000)

  it('an unreachable DATABASE_URL → one line naming it (without password), exit 1', async () => {
    const r = run('start.ts', { PORT: '0', DATABASE_URL: 'postgres://zj:s3cret@127.0.0.1:1/nowhere' })
    expect(await r.exit).toBe(1)
    const lines = stderrLines(r)
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^启动失败：无法连接数据库 postgres:\/\/zj:\*\*\*@127\.0\.0\.1:1\/nowhere（ECONNREFUSED.*）。请检查 DATABASE_URL/)
    expect(r.stderr()).not.toContain('s3cret')
  }, 60_000)

  it('a malformed DATABASE_URL and other bad settings → one line per problem, exit 1', async () => {
    const r = run('start.ts', { DATABASE_URL: 'mysql://root@localhost/db', PORT: '99999' })
    expect(await r.exit).toBe(1)
    const lines = stderrLines(r)
    expect(lines).toHaveLength(2)
    expect(lines.some((l) => l.startsWith('配置错误：PORT'))).toBe(true)
    expect(lines.some((l) => l.startsWith('配置错误：DATABASE_URL'))).toBe(true)
  }, 60_000)

  // Needs a live PostgreSQL server; declared only when one is configured (never skipped).
  const pgUrl = process.env.DATABASE_URL
  if (pgUrl) it('a DATABASE_URL naming a missing database on a live server → one line, exit 1', async () => {
    const u = new URL(pgUrl!)
    u.pathname = `/zj_missing_${wallMs()}`
    const r = run('start.ts', { PORT: '0', DATABASE_URL: u.toString() })
    expect(await r.exit).toBe(1)
    const lines = stderrLines(r)
    expect(lines).toHaveLength(1)
    expect(lines[0]).toContain('无法连接数据库')
    expect(lines[0]).toContain('3D000')
  }, 60_000)
})

describe('graceful shutdown (mock/src/main.ts)', () => {
  it('on SIGTERM stops accepting, finishes the in-flight request, closes the database and exits 0', async () => {
    const r = run('main.ts', { PORT: '0', DATABASE_URL: 'memory://' })
    try {
      await waitFor(() => /is running at http:\/\/127\.0\.0\.1:(\d+)\//.test(r.stdout()), 60_000)
      const port = Number(/is running at http:\/\/127\.0\.0\.1:(\d+)\//.exec(r.stdout())![1])

      // Log lines are written in batches (mock/src/logger.ts), yet a quiet server's line still
      // shows within its flush interval, not only at exit.
      const health = await fetch(`http://127.0.0.1:${port}/api/health`)
      expect(health.status).toBe(200)
      await waitFor(() => r.stdout().includes('"msg":"request completed"'), 3_000)

      // Start a request and keep it in flight: headers and half the body now, the rest later.
      const body = JSON.stringify({ category: 'other', content: '关闭期间仍在处理的请求' })
      const bytes = Buffer.from(body)
      const socket = net.connect(port, '127.0.0.1')
      let response = ''
      socket.on('data', (d) => (response += d))
      await new Promise((resolve) => socket.once('connect', resolve))
      socket.write(
        `POST /api/feedback HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nIdempotency-Key: ${randomUUID()}\r\nContent-Length: ${bytes.length}\r\n\r\n`,
      )
      socket.write(bytes.subarray(0, 10))
      await new Promise((r2) => setTimeout(r2, 300))

      r.child.kill('SIGTERM')
      await waitFor(() => r.stdout().includes('shutting down'), 10_000)

      // New connections are refused once shutdown has begun.
      const refused = await new Promise<boolean>((resolve) => {
        const probe = net.connect(port, '127.0.0.1')
        probe.once('connect', () => {
          probe.destroy()
          resolve(false)
        })
        probe.once('error', () => resolve(true))
      })
      expect(refused).toBe(true)

      // The in-flight request completes normally.
      socket.end(bytes.subarray(10))
      await waitFor(() => response.includes('\r\n\r\n') && response.includes('}'), 10_000)
      expect(response).toMatch(/^HTTP\/1\.1 201/)
      expect(await r.exit).toBe(0)
      expect(r.stdout()).toContain('"msg":"stopped"')
    } finally {
      if (r.child.exitCode === null) r.child.kill('SIGKILL')
    }
  }, 90_000)

  it('keeps serving when its console goes away, and still stops on SIGTERM', async () => {
    // A port picked here, since the line that names it is never read.
    const probe = await occupyPort()
    const port = (probe.address() as net.AddressInfo).port
    await new Promise((resolve) => probe.close(resolve))
    const r = run('main.ts', { PORT: String(port), DATABASE_URL: 'memory://' })
    // The reader of the server's stdout is gone before the server writes its first line: every
    // write to it now fails with EPIPE (`npm start | head -1`, a closed terminal).
    r.child.stdout.destroy()
    try {
      let health = 0
      const end = wallMs() + 60_000
      while (health !== 200 && wallMs() < end && r.child.exitCode === null) {
        health = await fetch(`http://127.0.0.1:${port}/api/health`).then((res) => res.status, () => 0)
        if (health !== 200) await new Promise((res) => setTimeout(res, 200))
      }
      expect(health).toBe(200)
      // Lines are waiting in the log batch when the signal comes; flushing them must not hang.
      r.child.kill('SIGTERM')
      const code = await Promise.race([r.exit, new Promise((res) => setTimeout(() => res('hung'), 10_000))])
      expect(code).toBe(0)
    } finally {
      if (r.child.exitCode === null) r.child.kill('SIGKILL')
    }
  }, 90_000)
})
