// Production smoke (issue 25): the documented production command (`npm run serve`, i.e.
// mock/src/main.ts) as a process, with every real adapter pointed at the local protocol fakes,
// on PostgreSQL when DATABASE_URL is set, else a file-backed PGlite. The server runs on the
// machine's clock (production has no dev clock), so TOTP codes are computed from it.
import { spawn } from 'node:child_process'
import { generateKeyPairSync, randomUUID } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { SEED_STAFF } from '../../mock/src/identity/staff'
import { base32Decode, hotp, totpStep } from '../../mock/src/identity/totp'
import { inlineScriptHashes } from '../../mock/src/security'
import { startAlipayFake, type AlipayFake } from '../fakes/alipay'
import { startRecordsFake, type RecordsFake } from '../fakes/records'
import { startRegistryFake, type RegistryFake } from '../fakes/registry'
import { startTencentSmsFake, type TencentFake } from '../fakes/tencent-sms'
import { startWechatFake, type WechatFake } from '../fakes/wechat'
import { freePort } from '../support/server'
import { wallClock, wallMs } from '../support/clock'
import { createEnv, createPgDatabase, TEST_KEY } from './harness'
import { CONSENT_VERSION } from '../../src/domain/consent'

const ROOT = path.resolve(__dirname, '../..')
const SERVE_ENTRY = 'mock/src/main.ts'
const ALLOWED_ORIGIN = 'https://app.example.test'
const STAND_INS = ['SMS_PROVIDER', 'REGISTRY_PROVIDER', 'FACE_PROVIDER', 'MINI_LOGIN_PROVIDER', 'RECORDS_PROVIDER'] as const
const INLINE = 'window.__zjBoot = 1'

interface Proc {
  exit: Promise<number | null>
  out: () => string
  err: () => string
  kill: (signal: NodeJS.Signals) => void
}

function run(script: string, env: Record<string, string | undefined>, args: string[] = []): Proc {
  const full: NodeJS.ProcessEnv = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'warn', EXIT_WITH_PARENT: '1' }
  // A clock moved for the whole process tree (libfaketime, as CI's hour tests do) reaches the
  // server too; otherwise its TOTP and the SMS fake's signature window disagree with ours.
  for (const k of ['LD_PRELOAD', 'FAKETIME', 'FAKETIME_DONT_RESET', 'TZ']) if (process.env[k] !== undefined) full[k] = process.env[k]
  for (const [k, v] of Object.entries(env)) if (v !== undefined) full[k] = v
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, script), ...args], { cwd: ROOT, env: full })
  let out = ''
  let err = ''
  child.stdout.on('data', (d) => (out += d))
  child.stderr.on('data', (d) => (err += d))
  return { exit: new Promise((resolve) => child.on('exit', (code) => resolve(code))), out: () => out, err: () => err, kill: (s) => child.kill(s) }
}

/** Our lines on stderr (Node's own warnings dropped). */
function errLines(p: Proc): string[] {
  return p.err().split('\n').filter((l) => l.trim() !== '' && !/ExperimentalWarning|--trace-warnings|DeprecationWarning/.test(l))
}

async function waitFor<T>(probe: () => T | undefined, ms: number, what: string): Promise<T> {
  const end = wallMs() + ms
  for (;;) {
    const v = probe()
    if (v !== undefined) return v
    if (wallMs() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

/** A TOTP code for the server's (real) clock; `ahead` steps later for a second sign-in in the same 30 s. */
function totpNow(secret: string, ahead = 0): string {
  return hotp(base32Decode(secret), totpStep(wallClock()) + ahead)
}

let tencent: TencentFake
let wechat: WechatFake
let alipay: AlipayFake
let registry: RegistryFake
let records: RecordsFake
let tmp: string
let staticDir: string
const drops: Array<() => Promise<void>> = []
const realAdapters: Record<string, string> = {}

/** A fresh, empty database for one production start: PostgreSQL when DATABASE_URL is set. */
async function freshDatabase(name: string): Promise<Record<string, string | undefined>> {
  if (process.env.DATABASE_URL) {
    const db = await createPgDatabase(process.env.DATABASE_URL)
    drops.push(db.drop)
    return { DATABASE_URL: db.url }
  }
  return { DATABASE_URL: undefined, DATA_DIR: path.join(tmp, name, 'pglite') }
}

function productionEnv(db: Record<string, string | undefined>, extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return { NODE_ENV: 'production', ID_ENCRYPTION_KEY: TEST_KEY, HOST: '127.0.0.1', STATIC_DIR: staticDir, ...realAdapters, ...db, ...extra }
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zhijian-prod-'))
  // A built shell with one inline script (its hash must be in the CSP) and a service worker.
  staticDir = path.join(tmp, 'h5')
  fs.mkdirSync(staticDir)
  fs.writeFileSync(path.join(staticDir, 'index.html'), `<!doctype html><html><head><script>${INLINE}</script><script src="/app.js"></script></head><body><div id="app"></div></body></html>`)
  fs.writeFileSync(path.join(staticDir, 'app.js'), 'void 0\n')
  fs.writeFileSync(path.join(staticDir, 'sw.js'), 'self.addEventListener("fetch", () => undefined)\n')
  const app = generateKeyPairSync('rsa', { modulusLength: 2048 })
  tencent = await startTencentSmsFake({ AKIDprod0001: 'prod-secret-key-0001' })
  wechat = await startWechatFake('wx-prod-appid', 'wx-prod-secret')
  alipay = await startAlipayFake('2021000000000009', app.publicKey.export({ type: 'spki', format: 'pem' }) as string)
  registry = await startRegistryFake('registry-prod-token')
  records = await startRecordsFake('records-prod-token')
  Object.assign(realAdapters, {
    SMS_PROVIDER: 'tencent',
    TENCENT_SMS_ENDPOINT: tencent.url,
    TENCENT_SMS_SECRET_ID: 'AKIDprod0001',
    TENCENT_SMS_SECRET_KEY: 'prod-secret-key-0001',
    TENCENT_SMS_SDK_APP_ID: '1400000009',
    TENCENT_SMS_SIGN_NAME: '指尖办',
    TENCENT_SMS_TEMPLATE_ID: '100009',
    MINI_LOGIN_PROVIDER: 'real',
    FACE_PROVIDER: 'real',
    WECHAT_API_BASE: wechat.url,
    WECHAT_APPID: 'wx-prod-appid',
    WECHAT_SECRET: 'wx-prod-secret',
    ALIPAY_GATEWAY: `${alipay.url}/gateway.do`,
    ALIPAY_APP_ID: '2021000000000009',
    ALIPAY_PRIVATE_KEY: app.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    ALIPAY_PUBLIC_KEY: alipay.alipayPublicKey,
    REGISTRY_PROVIDER: 'http',
    REGISTRY_URL: registry.url,
    REGISTRY_TOKEN: 'registry-prod-token',
    RECORDS_PROVIDER: 'http',
    RECORDS_URL: records.url,
    RECORDS_TOKEN: 'records-prod-token',
  })
}, 60_000)

afterAll(async () => {
  await Promise.all([tencent?.close(), wechat?.close(), alipay?.close(), registry?.close(), records?.close()])
  for (const drop of drops) await drop().catch(() => undefined)
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true })
}, 60_000)

it('`npm run serve` is the production entry this suite starts', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
  expect(pkg.scripts.serve).toBe(`tsx ${SERVE_ENTRY}`)
  expect(pkg.scripts['staff:bootstrap']).toBe('tsx mock/src/staff/bootstrap-cli.ts')
})

describe('production refuses to start', () => {
  it.each(STAND_INS)('with %s=stand-in: one line naming it, exit 1', async (name) => {
    const p = run(SERVE_ENTRY, productionEnv({ DATABASE_URL: 'memory://' }, { PORT: '0', [name]: 'stand-in' }))
    expect(await p.exit).toBe(1)
    expect(errLines(p)).toEqual([expect.stringMatching(new RegExp(`^配置错误：生产环境不能使用替身服务 ${name}=stand-in。.*DEMO=1`))])
  }, 60_000)

  it('with every adapter left at its default: one line per stand-in, each naming the default value', async () => {
    const p = run(SERVE_ENTRY, { NODE_ENV: 'production', ID_ENCRYPTION_KEY: TEST_KEY, DATABASE_URL: 'memory://', PORT: '0' })
    expect(await p.exit).toBe(1)
    const lines = errLines(p)
    expect(lines).toHaveLength(STAND_INS.length)
    for (const name of STAND_INS) expect(lines.some((l) => l.includes(`${name}=stand-in（未设置时的默认值）`))).toBe(true)
  }, 60_000)

  it('`npm start` (the demo) under NODE_ENV=production: one line pointing at `npm run serve`', async () => {
    const p = run('mock/src/start.ts', { NODE_ENV: 'production', ID_ENCRYPTION_KEY: TEST_KEY, DATABASE_URL: 'memory://', PORT: '0' })
    expect(await p.exit).toBe(1)
    expect(errLines(p)).toEqual([expect.stringContaining('npm run serve')])
  }, 60_000)

  it('`npm run seed` under NODE_ENV=production: refused, nothing written', async () => {
    const p = run('mock/src/seed/cli.ts', { NODE_ENV: 'production', ID_ENCRYPTION_KEY: TEST_KEY, DATABASE_URL: 'memory://' })
    expect(await p.exit).toBe(1)
    expect(errLines(p)).toEqual([expect.stringContaining('从不写入模拟数据和示例账号')])
  }, 60_000)

  it('DEV_CLOCK_AT in production: refused', async () => {
    const p = run(SERVE_ENTRY, productionEnv({ DATABASE_URL: 'memory://' }, { PORT: '0', DEV_CLOCK_AT: '2026-12-07T12:30:00Z' }))
    expect(await p.exit).toBe(1)
    expect(errLines(p)).toEqual([expect.stringContaining('DEV_CLOCK_AT')])
  }, 60_000)

  it('except with DEMO=1: the stand-ins start, and the start says it is a demonstration', async () => {
    const p = run(SERVE_ENTRY, { NODE_ENV: 'production', ID_ENCRYPTION_KEY: TEST_KEY, DATABASE_URL: 'memory://', PORT: '0', STATIC_DIR: staticDir, DEMO: '1' })
    const url = await waitFor(() => /is running at (http:\/\/\S+?)\/? /.exec(p.out())?.[1], 90_000, `the demo server (${p.err()})`)
    expect(p.out()).toContain('演示环境')
    const meta = (await (await fetch(`${url}/api/meta`)).json()) as { demo?: boolean }
    expect(meta.demo).toBe(true)
    // Still production: no development routes.
    expect((await fetch(`${url}/api/dev/clock`)).status).toBe(404)
    p.kill('SIGTERM')
    expect(await p.exit).toBe(0)
  }, 120_000)

  it('while staff accounts still have the published seed passwords: one line naming them', async () => {
    const db = await freshDatabase('seeded')
    // The demo's seed (development mode) writes the published staff accounts…
    const seed = run('mock/src/seed/cli.ts', { ID_ENCRYPTION_KEY: TEST_KEY, SEED_CITIZENS: '0', SEED_ENTERPRISES: '0', ...db })
    expect(await seed.exit).toBe(0)
    // …and production will not serve that database.
    const p = run(SERVE_ENTRY, productionEnv(db, { PORT: '0' }))
    expect(await p.exit).toBe(1)
    const lines = errLines(p)
    expect(lines).toHaveLength(1)
    for (const s of SEED_STAFF) expect(lines[0]).toContain(s.username)
  }, 180_000)
})

describe('a running production server', () => {
  let url = ''
  let server: Proc | undefined
  let admin: { username: string; password: string; secret: string; otpauth: string } | undefined
  let devRoutes: Array<{ method: string; path: string }> = []

  const call = (p: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) =>
    fetch(`${url}${p}`, {
      method: init.method ?? 'GET',
      headers: {
        ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(init.method && init.method !== 'GET' ? { 'idempotency-key': randomUUID() } : {}),
        ...init.headers,
      },
      body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
    })

  beforeAll(async () => {
    // The development server's own OpenAPI lists the dev routes production must not have.
    const dev = await createEnv('pglite', 'memory://', { seed: false })
    try {
      const doc = (await dev.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> }
      devRoutes = Object.entries(doc.paths)
        .filter(([p]) => p.startsWith('/api/dev/'))
        .flatMap(([p, ops]) => Object.keys(ops).map((method) => ({ method: method.toUpperCase(), path: p.replace(/\{[^}]+\}/g, 'x') })))
    } finally {
      await dev.dispose()
    }

    const db = await freshDatabase('serve')
    // The first admin, before the first start (PGlite is never opened by two processes at once).
    const boot = run('mock/src/staff/bootstrap-cli.ts', productionEnv(db), ['--username', 'Chief.Admin', '--name', '系统管理员'])
    expect(await boot.exit).toBe(0)
    const password = /一次性密码：(\S+)（/.exec(boot.out())?.[1]
    const otpauth = /(otpauth:\/\/totp\/\S+)/.exec(boot.out())?.[1]
    if (!password || !otpauth) throw new Error(`bootstrap printed no credentials:\n${boot.out()}\n${boot.err()}`)
    admin = { username: 'chief.admin', password, otpauth, secret: new URL(otpauth).searchParams.get('secret') ?? '' }
    // Bootstrapping the same name again changes nothing.
    const again = run('mock/src/staff/bootstrap-cli.ts', productionEnv(db), ['--username', 'chief.admin'])
    expect(await again.exit).toBe(1)
    expect(errLines(again)).toEqual([expect.stringContaining('chief.admin 已存在')])

    const port = await freePort()
    server = run(SERVE_ENTRY, productionEnv(db, { PORT: String(port), TRUST_TLS_PROXY: '1', CORS_ORIGINS: ALLOWED_ORIGIN }))
    url = await waitFor(() => /is running at (http:\/\/\S+?)\/? /.exec(server!.out())?.[1], 90_000, `the server (${server.err()})`)
  }, 240_000)

  afterAll(async () => {
    if (!server) return
    server.kill('SIGTERM')
    await server.exit
  }, 30_000)

  it('answers no development route (every /api/dev/* path of the development OpenAPI is 404)', async () => {
    expect(devRoutes.length).toBeGreaterThanOrEqual(3)
    for (const r of devRoutes) {
      const res = await call(r.path, { method: r.method, body: r.method === 'GET' ? undefined : {} })
      expect(`${r.method} ${r.path} ${res.status}`).toBe(`${r.method} ${r.path} 404`)
    }
    const doc = (await (await call('/api/openapi.json')).json()) as { paths: Record<string, unknown> }
    expect(Object.keys(doc.paths).filter((p) => p.startsWith('/api/dev/'))).toEqual([])
  })

  it('lets no published seed account sign in', async () => {
    for (const s of SEED_STAFF) {
      const res = await call('/api/staff/login', { method: 'POST', body: { username: s.username, password: s.password, totp: totpNow(s.totpSecret) } })
      expect(`${s.username} ${res.status}`).toBe(`${s.username} 401`)
    }
  })

  it('sends the security headers on the app and the API', async () => {
    const page = await call('/packages/staff/pages/scan', { headers: { accept: 'text/html' } })
    expect(page.status).toBe(200)
    const csp = page.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).toContain("default-src 'self'")
    expect(csp).toMatch(/script-src 'self' 'sha256-[^']+' /)
    expect(csp).toContain(inlineScriptHashes(`<script>${INLINE}</script>`)[0])
    // Scripts: hashes only ('unsafe-hashes' admits just the hashed `javascript:;` of Taro's tab bar).
    expect(csp.split(';').find((d) => d.trim().startsWith('script-src'))?.replace("'unsafe-hashes'", '')).not.toContain('unsafe')
    expect(page.headers.get('strict-transport-security')).toMatch(/^max-age=\d{8,}/)
    expect(page.headers.get('x-frame-options')).toBe('DENY')
    expect(page.headers.get('x-content-type-options')).toBe('nosniff')
    expect(page.headers.get('permissions-policy')).toContain('camera=(self)')
    expect(page.headers.get('permissions-policy')).toContain('geolocation=()')
    const hall = await call('/packages/catalog/pages/halls', { headers: { accept: 'text/html' } })
    expect(hall.headers.get('permissions-policy')).toContain('geolocation=(self)')
    expect(hall.headers.get('permissions-policy')).toContain('camera=()')
    const other = await call('/packages/records/pages/social', { headers: { accept: 'text/html' } })
    expect(other.headers.get('permissions-policy')).toMatch(/camera=\(\).*geolocation=\(\)/)
    // The service worker is governed by the app's policy too (it may fetch our own origin).
    const sw = await call('/sw.js')
    expect(sw.headers.get('content-security-policy')).toContain("connect-src 'self'")

    for (const p of ['/api/health', '/api/meta', '/api/no-such-route']) {
      const res = await call(p)
      expect(res.headers.get('referrer-policy')).toBe('no-referrer')
      expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'")
      expect(res.headers.get('strict-transport-security')).toMatch(/^max-age=/)
      expect(res.headers.get('x-frame-options')).toBe('DENY')
    }
  })

  it('allows cross-origin calls only from the CORS_ORIGINS allow-list', async () => {
    const pre = (origin: string) =>
      call('/api/meta', { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,idempotency-key' } })
    const ok = await pre(ALLOWED_ORIGIN)
    expect(ok.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN)
    expect(ok.headers.get('access-control-allow-headers')).toContain('idempotency-key')
    const evil = await pre('https://evil.example')
    expect(evil.headers.get('access-control-allow-origin')).toBeNull()
    const get = await call('/api/meta', { headers: { origin: 'https://evil.example' } })
    expect(get.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('signs citizens in through the real SMS adapter (the Tencent fake), not a silent stand-in', async () => {
    const phone = '13912345678'
    const sent = await call('/api/auth/sms', { method: 'POST', body: { phone } })
    expect(sent.status).toBe(200)
    const sms = await waitFor(() => [...tencent.sent].reverse().find((m) => m.phone === `+86${phone}`), 10_000, 'the SMS')
    const login = await call('/api/auth/login', { method: 'POST', body: { phone, code: sms.params[0] } })
    expect(login.status).toBe(200)
  })

  it('answers 社保 from the records gateway (the records fake), not from the empty seeded tables', async () => {
    const person = { name: '王小明', idNumber: '330203199001010014' }
    registry.people.set(person.idNumber, person.name)
    const month = { month: '2026-10', employer: '宁波市某科技有限公司', base: 800000, employerPart: 232000, personalPart: 84000, status: 'paid' as const }
    records.people.set(person.idNumber, {
      socialSecurity: {
        asOf: wallClock().toISOString(),
        insured: [{ insurance: 'pension', status: 'active', employer: month.employer, since: '2015-07-01' }],
        years: [{ year: 2026, paidMonths: 1, owedMonths: 0, total: 316000 }],
        year: 2026,
        months: [month],
        totalPaidMonths: 1,
        pensionAccount: 64000,
        pension: null,
      },
    })
    const phone = '13912345679'
    expect((await call('/api/auth/sms', { method: 'POST', body: { phone } })).status).toBe(200)
    const sms = await waitFor(() => [...tencent.sent].reverse().find((m) => m.phone === `+86${phone}`), 10_000, 'the SMS')
    const { accessToken } = (await (await call('/api/auth/login', { method: 'POST', body: { phone, code: sms.params[0] } })).json()) as { accessToken: string }
    const auth = { authorization: `Bearer ${accessToken}` }
    expect((await call('/api/me/consents', { method: 'POST', body: { kind: 'id_processing', version: CONSENT_VERSION, granted: true }, headers: auth })).status).toBe(200)
    expect((await call('/api/identity/real-name', { method: 'POST', body: person, headers: auth })).status).toBe(200)
    const res = await call('/api/records/social-security', { headers: auth })
    expect(res.status).toBe(200)
    const body = (await res.json()) as { months: unknown[]; subject: { acting: string } }
    expect(body.months).toEqual([month])
    expect(body.subject.acting).toBe('self')
    const asked = records.requests.filter((r) => r.kind === 'social-security')
    expect(asked.map((r) => [r.authorization, JSON.parse(r.body).idNumber])).toEqual([['Bearer records-prod-token', person.idNumber]])
  })

  it('bootstrap made an admin who must replace the one-time password and prove the TOTP enrolment first', async () => {
    const a = admin!
    expect(a.otpauth).toMatch(/^otpauth:\/\/totp\/.+\?secret=[A-Z2-7]{32}&issuer=/)
    expect(a.password).toMatch(/^[A-Za-z0-9]{20}$/)
    // The right password and code get no session yet.
    const first = await call('/api/staff/login', { method: 'POST', body: { username: a.username, password: a.password, totp: totpNow(a.secret) } })
    expect(first.status).toBe(403)
    expect(((await first.json()) as { code: string }).code).toBe('STAFF_SETUP_REQUIRED')
    // A weak or published new password is refused with a message the user can act on.
    for (const newPassword of ['short1', 'Approver#2026', 'nodigitsatalljustletters']) {
      const weak = await call('/api/staff/setup', { method: 'POST', body: { username: a.username, password: a.password, totp: totpNow(a.secret), newPassword } })
      expect(weak.status).toBe(400)
      const body = (await weak.json()) as { code: string; message: string; field?: string }
      expect(body.code).toBe('STAFF_PASSWORD_WEAK')
      expect(body.message).toContain('12 位')
    }
    const newPassword = 'Ningbo-Hall-2027-secure'
    const setup = await call('/api/staff/setup', { method: 'POST', body: { username: a.username, password: a.password, totp: totpNow(a.secret), newPassword } })
    expect(setup.status).toBe(200)
    const { accessToken } = (await setup.json()) as { accessToken: string }
    const me = await call('/api/staff/me', { headers: { authorization: `Bearer ${accessToken}` } })
    expect(((await me.json()) as { roles: string[] }).roles).toEqual(['admin'])
    // The one-time password is gone; the new one signs in (next TOTP step: the last was used).
    const old = await call('/api/staff/login', { method: 'POST', body: { username: a.username, password: a.password, totp: totpNow(a.secret, 1) } })
    expect(old.status).toBe(401)
    const again = await call('/api/staff/login', { method: 'POST', body: { username: a.username, password: newPassword, totp: totpNow(a.secret, 1) } })
    expect(again.status).toBe(200)
    // The admin sees the whole staff list: only this account, nothing seeded.
    const list = await call('/api/staff/accounts', { headers: { authorization: `Bearer ${((await again.json()) as { accessToken: string }).accessToken}` } })
    expect(((await list.json()) as { items: Array<{ username: string }> }).items.map((i) => i.username)).toEqual(['chief.admin'])
  })

  it('drains and exits 0 on SIGTERM', async () => {
    server!.kill('SIGTERM')
    expect(await server!.exit).toBe(0)
    server = undefined
  }, 30_000)
})
