// `npm run cluster`: N stateless instances (default 3) on one PostgreSQL behind Debian's nginx,
// all on loopback (issue 23). nginx serves the PWA (dist/h5) itself, with the pre-compressed
// .gz/.br siblings, and proxies /api/ to the instances. Stopping the command stops everything.
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/zhijian npm run cluster [-- --instances 3 --port 8080]
//
// The same code is a library for test/scale (startCluster): it restarts and kills instances.
//
// Addresses: nginx listens on 127.0.0.1 and connects to the instances *from 127.0.0.2*
// (proxy_bind); each instance trusts X-Forwarded-For only from 127.0.0.2 (TRUST_PROXY), so a
// client that talks to an instance directly cannot name another address for the per-IP limits.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { format } from '../src/domain/messages'
import { api } from '../src/domain/messages/zh-CN/api'

const t = api.cluster
export const ROOT = path.resolve(__dirname, '..')
/** The address nginx connects to the instances from, and the only one they trust as a proxy. */
export const PROXY_ADDRESS = '127.0.0.2'
const NGINX = ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/bin/nginx'].find((f) => existsSync(f))
const BROTLI_STATIC = ['/usr/lib/nginx/modules/ngx_http_brotli_static_module.so', '/usr/share/nginx/modules/ngx_http_brotli_static_module.so'].find((f) => existsSync(f))

export class ClusterError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ClusterError'
  }
}

export interface ClusterOptions {
  /** PostgreSQL URL; default DATABASE_URL. PGlite is refused. */
  databaseUrl?: string
  instances?: number
  /** nginx's port on 127.0.0.1; 0 = any free port. */
  port?: number
  /** The built PWA nginx serves; default STATIC_DIR or dist/h5. */
  staticDir?: string
  /** Extra environment for every instance (LOG_LEVEL, DEV_CLOCK_AT, ID_ENCRYPTION_KEY …). */
  env?: Record<string, string | undefined>
  /** Migrate and seed once before the instances start (default true). */
  seed?: boolean
  /** Logs and nginx's files; default a fresh temporary directory. */
  workDir?: string
  /** Add `X-Upstream: <instance address>` to proxied answers (tests see which instance answered). */
  exposeUpstream?: boolean
  /** How long an instance may take to become ready. */
  readyTimeoutMs?: number
}

export interface Instance {
  index: number
  port: number
  /** http://127.0.0.1:port, bypassing nginx (metrics, the dev clock). */
  url: string
  /** Current process id (changes on restart). */
  pid(): number | undefined
  running(): boolean
  start(): Promise<void>
  /** SIGTERM (graceful) and wait; resolves with the exit code. */
  stop(): Promise<number | null>
  /** SIGKILL and wait: a crash. */
  kill(): Promise<void>
  restart(): Promise<void>
  output(): string
}

export interface Cluster {
  /** nginx: http://127.0.0.1:port */
  url: string
  instances: Instance[]
  workDir: string
  /** Send traffic to the first `n` instances only (nginx reloads its config; benches use it). */
  route(n: number): Promise<void>
  stop(): Promise<void>
}

/** A port that was free a moment ago. */
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

function get(url: string, timeoutMs = 2000): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: timeoutMs }, (res) => {
      res.resume()
      res.on('end', () => resolve(res.statusCode ?? 0))
    })
    req.on('timeout', () => req.destroy())
    req.on('error', () => resolve(0))
  })
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export function nginxConfig(o: { port: number; upstreams: number[]; staticDir: string; workDir: string; exposeUpstream: boolean; bodyLimit: number }): string {
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((k) => `  ${k}_temp_path ${path.join(o.workDir, 'tmp', k)};`).join('\n')
  const upstreamHeader = o.exposeUpstream ? '    add_header X-Upstream $upstream_addr always;\n' : ''
  const proxy = `      proxy_pass http://zhijian;
      proxy_bind ${PROXY_ADDRESS};
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_set_header X-Request-Id $zj_request_id;
      proxy_connect_timeout 2s;
      proxy_read_timeout 60s;
      proxy_next_upstream_tries 3;
${upstreamHeader}`
  return `# Written by scripts/cluster.ts; regenerated on every start.
${BROTLI_STATIC ? `load_module ${BROTLI_STATIC};\n` : ''}daemon off;
worker_processes 1;
pid ${path.join(o.workDir, 'nginx.pid')};
error_log ${path.join(o.workDir, 'nginx-error.log')} warn;
events { worker_connections 4096; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  types { application/manifest+json webmanifest; }
${temp}
  sendfile on;
  server_tokens off;
  # nginx closes a client's keep-alive connection after keepalive_requests (1000 by default); a
  # client that has already sent its next request on it gets a TCP reset (RFC 9112 §9.6), which
  # is how the rolling-restart test lost 2 of ~30,000 requests. Long-lived connections close far
  # less often; idle ones still go after keepalive_timeout.
  keepalive_requests 100000;
  # A gateway's request id when it looks like one (the instances accept the same shape), else nginx's own.
  map $http_x_request_id $zj_request_id {
    default $request_id;
    "~^[A-Za-z0-9._-]{8,64}$" $http_x_request_id;
  }
  log_format zhijian '$remote_addr [$time_iso8601] "$request" $status $body_bytes_sent rid=$zj_request_id upstream=$upstream_addr rt=$request_time urt=$upstream_response_time';
  access_log ${path.join(o.workDir, 'nginx-access.log')} zhijian buffer=32k flush=1s;

  upstream zhijian {
${o.upstreams.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=2s;`).join('\n')}
  }

  server {
    listen 127.0.0.1:${o.port};
    root ${o.staticDir};
    client_max_body_size ${o.bodyLimit};
    gzip_static on;
    gzip_vary on;
${BROTLI_STATIC ? '    brotli_static on;\n' : ''}
    location /api/ {
      # Every POST under /api/ carries an Idempotency-Key and runs exactly once (mock/src/idempotency.ts),
      # so a request an instance dropped (crash, restart) may go to the next one, POST included.
      proxy_next_upstream error timeout http_502 http_503 non_idempotent;
${proxy}    }
    # Uploads opt out of idempotency keys: never replayed on another instance.
    location = /api/cases/uploads {
      client_max_body_size 11m;
      proxy_next_upstream error timeout;
${proxy}    }

    location = /verify { return 302 /packages/records/pages/verify$is_args$args; }
    # The same cache rules as mock/src/static.ts: hashed files for a year, the shell re-checked.
    location / {
      try_files $uri $uri/index.html @spa;
      add_header Cache-Control "public, max-age=0, must-revalidate";
      add_header X-Content-Type-Options nosniff;
      location ~* "[.-][0-9a-f]{8,}\\.(?:js|css|woff2?|ttf|png|jpe?g|gif|svg|webp|avif|ico|map)$" {
        add_header Cache-Control "public, max-age=31536000, immutable";
        add_header X-Content-Type-Options nosniff;
      }
      location ~ "(?:^|/)(?:index\\.html|sw\\.js|manifest\\.webmanifest|manifest\\.json|registerSW\\.js)$" {
        add_header Cache-Control "no-cache";
        add_header X-Content-Type-Options nosniff;
      }
    }
    # Page navigations of the browser-mode router get the shell; a missing file stays a 404.
    location @spa {
      if ($uri ~ "\\.[A-Za-z0-9]+$") { return 404; }
      add_header Cache-Control "no-cache";
      add_header X-Content-Type-Options nosniff;
      rewrite ^ /index.html break;
    }
  }
}
`
}

/**
 * A child that must not outlive us: nginx does not notice its parent dying, so it runs under a
 * small node guardian that forwards our signals and stops nginx when we disappear.
 */
const GUARDIAN = `
const { spawn } = require('node:child_process')
const [cmd, ...args] = process.argv.slice(1)
const parent = process.ppid
const child = spawn(cmd, args, { stdio: 'inherit' })
for (const s of ['SIGTERM', 'SIGINT', 'SIGQUIT', 'SIGHUP']) process.on(s, () => child.kill(s))
setInterval(() => { if (process.ppid !== parent) child.kill('SIGQUIT') }, 1000).unref()
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
`

function waitExit(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode)
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)))
}

export async function startCluster(opts: ClusterOptions = {}): Promise<Cluster> {
  const databaseUrl = opts.databaseUrl ?? process.env.DATABASE_URL
  if (!databaseUrl || !/^postgres(ql)?:\/\/./.test(databaseUrl)) throw new ClusterError(t.needsPostgres)
  if (!NGINX) throw new ClusterError(t.nginxMissing)
  const count = opts.instances ?? 3
  const workDir = opts.workDir ?? mkdtempSync(path.join(os.tmpdir(), 'zhijian-cluster-'))
  for (const k of ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(path.join(workDir, 'tmp', k), { recursive: true })
  const staticDir = path.resolve(ROOT, opts.staticDir ?? process.env.STATIC_DIR ?? 'dist/h5')
  const readyTimeout = opts.readyTimeoutMs ?? 90_000
  const baseEnv: NodeJS.ProcessEnv = { ...process.env, ...opts.env, DATABASE_URL: databaseUrl, HOST: '127.0.0.1', TRUST_PROXY: PROXY_ADDRESS, STATIC_DIR: staticDir }
  for (const k of Object.keys(baseEnv)) if (baseEnv[k] === undefined) delete baseEnv[k]

  if (opts.seed ?? true) {
    // Once, before any instance: migrations and the synthetic registries (instances never seed).
    const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'mock/src/seed/cli.ts')], { cwd: ROOT, env: baseEnv, encoding: 'utf8' })
    if (r.status !== 0) throw new ClusterError(`${r.stdout ?? ''}${r.stderr ?? ''}`.trim() || format(t.instanceFailed, { index: 0, port: '-', reason: `seed exit ${r.status}` }))
  }

  const ports: number[] = []
  for (let i = 0; i < count; i++) ports.push(await freePort())
  const instances = ports.map((port, index) => makeInstance(index, port, baseEnv, workDir, readyTimeout))
  const started: Instance[] = []
  const stopAll = async () => {
    await Promise.all(started.map((i) => i.stop()))
  }
  try {
    // One after another: their migrations take turns anyway, and the machine is small.
    for (const inst of instances) {
      await inst.start()
      started.push(inst)
    }
  } catch (e) {
    await stopAll()
    throw e
  }

  const port = opts.port || (await freePort())
  const bodyLimit = Number(baseEnv.BODY_LIMIT) || 1048576
  const conf = path.join(workDir, 'nginx.conf')
  const writeConf = (upstreams: number[]) => writeFileSync(conf, nginxConfig({ port, upstreams, staticDir, workDir, exposeUpstream: opts.exposeUpstream ?? false, bodyLimit }))
  writeConf(ports)
  // nginx runs on the machine's real clock: a whole-tree fake clock (libfaketime, used to start CI
  // at a chosen hour) breaks its timers and it hangs up on clients. The app's time never comes
  // from nginx, so nothing under test changes.
  const nginxEnv = { ...process.env }
  for (const k of ['LD_PRELOAD', 'FAKETIME', 'FAKETIME_DONT_RESET']) delete nginxEnv[k]
  const nginx = spawn(process.execPath, ['-e', GUARDIAN, NGINX, '-c', conf, '-p', workDir], { cwd: workDir, env: nginxEnv, stdio: ['ignore', 'pipe', 'pipe'], detached: true })
  let nginxOut = ''
  nginx.stdout!.on('data', (c: Buffer) => (nginxOut += c.toString()))
  nginx.stderr!.on('data', (c: Buffer) => (nginxOut += c.toString()))
  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 10_000
  while ((await get(`${url}/api/health/ready`)) !== 200) {
    if (nginx.exitCode !== null || Date.now() > deadline) {
      nginx.kill('SIGTERM')
      await stopAll()
      throw new ClusterError(format(t.nginxFailed, { reason: nginxOut.trim().split('\n').slice(-3).join(' ') || `exit ${nginx.exitCode}` }))
    }
    await sleep(100)
  }

  let stopping: Promise<void> | undefined
  return {
    url,
    instances,
    workDir,
    async route(n) {
      writeConf(ports.slice(0, n))
      nginx.kill('SIGHUP')
      // New workers take over within a moment; the old ones finish what they hold.
      const wanted = new Set(ports.slice(0, n).map((p) => `127.0.0.1:${p}`))
      const until = Date.now() + 10_000
      let seen = 0
      while (seen < 3 * n && Date.now() < until) {
        await sleep(50)
        const upstream = await new Promise<string>((resolve) => {
          http.get(`${url}/api/health`, (res) => {
            res.resume()
            resolve(String(res.headers['x-upstream'] ?? ''))
          }).on('error', () => resolve(''))
        })
        seen = wanted.has(upstream) || !opts.exposeUpstream ? seen + 1 : 0
      }
    },
    stop() {
      stopping ??= (async () => {
        // Instances first (they finish in-flight requests nginx is still relaying), then nginx.
        await stopAll()
        if (nginx.exitCode === null) nginx.kill('SIGQUIT')
        await waitExit(nginx)
      })()
      return stopping
    },
  }
}

function makeInstance(index: number, port: number, baseEnv: NodeJS.ProcessEnv, workDir: string, readyTimeout: number): Instance {
  let child: ChildProcess | undefined
  let out = ''
  const url = `http://127.0.0.1:${port}`
  const logFile = path.join(workDir, `instance-${index}.log`)
  const inst: Instance = {
    index,
    port,
    url,
    pid: () => child?.pid,
    running: () => Boolean(child && child.exitCode === null && child.signalCode === null),
    output: () => out,
    async start() {
      const env = { ...baseEnv, PORT: String(port), PGAPPNAME: `zhijian-${index}` }
      const c = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/cluster-instance.ts')], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true })
      child = c
      const log = createWriteStream(logFile, { flags: 'a' })
      const keep = (chunk: Buffer) => {
        log.write(chunk)
        // The last 256 KB is enough to explain a failure.
        out = (out + chunk.toString('utf8')).slice(-256 * 1024)
      }
      c.stdout!.on('data', keep)
      c.stderr!.on('data', keep)
      c.once('exit', () => log.end())
      const deadline = Date.now() + readyTimeout
      while ((await get(`${url}/api/health/ready`)) !== 200) {
        if (c.exitCode !== null || c.signalCode !== null) {
          throw new ClusterError(format(t.instanceFailed, { index, port, reason: out.trim().split('\n').slice(-3).join(' ') || `exit ${c.exitCode}` }))
        }
        if (Date.now() > deadline) {
          c.kill('SIGKILL')
          throw new ClusterError(format(t.instanceFailed, { index, port, reason: `not ready within ${readyTimeout} ms` }))
        }
        await sleep(100)
      }
    },
    async stop() {
      if (!child || !inst.running()) return child?.exitCode ?? null
      child.kill('SIGTERM')
      return waitExit(child)
    },
    async kill() {
      if (!child || !inst.running()) return
      child.kill('SIGKILL')
      await waitExit(child)
    },
    async restart() {
      await inst.stop()
      await inst.start()
    },
  }
  return inst
}

async function main(): Promise<void> {
  const args = process.argv.slice(2)
  const arg = (name: string) => {
    const i = args.indexOf(name)
    return i >= 0 ? args[i + 1] : undefined
  }
  const instances = Number(arg('--instances') ?? process.env.CLUSTER_INSTANCES ?? 3)
  const port = Number(arg('--port') ?? process.env.CLUSTER_PORT ?? 8080)
  if (!Number.isInteger(instances) || instances < 1 || instances > 32) throw new ClusterError('--instances: 1–32')
  const databaseUrl = process.env.DATABASE_URL
  if (!databaseUrl || !/^postgres(ql)?:\/\/./.test(databaseUrl)) throw new ClusterError(t.needsPostgres)
  // The PWA, built when missing or stale (npm start's check); nginx serves it.
  const build = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'mock/src/start.ts'), '--build-only'], { cwd: ROOT, stdio: 'inherit' })
  if (build.status !== 0) process.exit(build.status ?? 1)
  const workDir = path.join(ROOT, '.data', 'cluster')
  mkdirSync(workDir, { recursive: true })
  const cluster = await startCluster({ instances, port, workDir })
  process.stdout.write(format(t.running, { url: `${cluster.url}/`, count: instances, ports: cluster.instances.map((i) => i.port).join(', '), logs: workDir }) + '\n')
  let stopping = false
  for (const inst of cluster.instances) {
    // Report a crash; the others keep serving (nginx skips the dead one).
    const watch = setInterval(() => {
      if (!stopping && !inst.running()) {
        process.stderr.write(format(t.instanceExited, { index: inst.index, port: inst.port, code: 'signal/exit' }) + '\n')
        clearInterval(watch)
      }
    }, 1000)
  }
  const stop = () => {
    if (stopping) return
    stopping = true
    process.stdout.write(t.stopping + '\n')
    cluster.stop().then(() => {
      process.stdout.write(t.stopped + '\n')
      process.exit(0)
    })
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

if (require.main === module) {
  main().catch((e) => {
    process.stderr.write((e instanceof ClusterError ? e.message : String((e as Error).stack ?? e)) + '\n')
    process.exit(1)
  })
}
