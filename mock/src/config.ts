// Configuration of the platform stand-in, read from the environment once at start.
// The TypeBox schema below is the single description of every variable: it drives validation
// here and the README's config table (see config-table.ts).
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { Type, type Static, type TSchema } from '@sinclair/typebox'
import { format } from '../../src/domain/messages'
import { api } from '../../src/domain/messages/zh-CN/api'
import { IdentityConfigProps, identityConfig, type IdentityConfig } from './identity/config'
import { NotifyConfigProps, notifyConfig, type NotifyConfig } from './notify/templates'
import { RecordsConfigProps, recordsConfig, type RecordsConfig } from './records/config'

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const
const NODE_ENVS = ['development', 'test', 'production'] as const

export const ConfigSchema = Type.Object({
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 8787, description: 'TCP port the server listens on (0 = any free port).' }),
  HOST: Type.String({ minLength: 1, default: '127.0.0.1', description: 'Interface to bind; `0.0.0.0` to accept connections from other machines.' }),
  DATABASE_URL: Type.Optional(
    Type.String({
      pattern: '^(postgres(ql)?://.+|memory://)$',
      description:
        'PostgreSQL connection URL (`postgres://user:pass@host:5432/db`). Unset: embedded PGlite with its data in `DATA_DIR`. `memory://`: in-memory PGlite (tests; data is lost on exit).',
    }),
  ),
  DB_POOL_SIZE: Type.Integer({ minimum: 1, maximum: 500, default: 10, description: 'Most connections the server opens to PostgreSQL (ignored on PGlite). Keep instances × size under the server\'s `max_connections`.' }),
  DATA_DIR: Type.String({ minLength: 1, default: './.data/pglite', description: 'Data directory of the embedded PGlite database (used only when `DATABASE_URL` is unset).' }),
  LOG_LEVEL: Type.Union(LOG_LEVELS.map((l) => Type.Literal(l)), { default: 'info', description: 'pino log level.' }),
  NODE_ENV: Type.Union(NODE_ENVS.map((e) => Type.Literal(e)), { default: 'development', description: '`production` requires `ID_ENCRYPTION_KEY`.' }),
  BODY_LIMIT: Type.Integer({ minimum: 1024, maximum: 64 * 1024 * 1024, default: 1048576, description: 'Largest accepted request body in bytes; larger bodies get 413.' }),
  SEED: Type.String({ minLength: 1, default: 'zhijian-2026', description: 'Seed of the synthetic data generator: the same seed gives the same data.' }),
  SEED_CITIZENS: Type.Integer({ minimum: 0, maximum: 200000, default: 2000, description: 'Citizens in the synthetic population registry.' }),
  SEED_ENTERPRISES: Type.Integer({ minimum: 0, maximum: 50000, default: 200, description: 'Enterprises in the synthetic registry (legal representatives drawn from the adult citizens).' }),
  ID_ENCRYPTION_KEY: Type.Optional(
    Type.String({
      description:
        'Base64 of 32 random bytes; encrypts ID numbers, phones and addresses at rest (AES-256-GCM) and keys their search index (HMAC-SHA256). Required in production; in development it is generated once into `dev-keys.json` in the parent folder of `DATA_DIR` (default `.data/dev-keys.json`) and reused. Generate: `openssl rand -base64 32`.',
    }),
  ),
  DEV_CLOCK_AT: Type.Optional(
    Type.String({
      pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,3})?)?(Z|[+-]\\d{2}:\\d{2})$',
      description:
        'Development and tests only: the stand-in\'s clock starts at this instant (ISO 8601 with a zone, e.g. `2026-12-07T12:30:00Z`) and runs on from there, as if `POST /api/dev/clock` had been called at start. Refused in production.',
    }),
  ),
  TRUST_PROXY: Type.Optional(
    Type.String({
      pattern: '^[0-9A-Fa-f:.]+(/\\d{1,3})?(,[0-9A-Fa-f:.]+(/\\d{1,3})?)*$',
      description:
        'Addresses (or CIDR ranges), comma-separated, of the reverse proxies in front of this instance, e.g. `127.0.0.2`. Only a request from one of them may name the client in `X-Forwarded-For` (per-IP limits, logs); unset: the socket\'s peer is the client. Never a range clients can reach directly.',
    }),
  ),
  METRICS_TOKEN: Type.Optional(
    Type.String({
      minLength: 16,
      description:
        'Bearer token a Prometheus scraper on another machine sends to read `GET /metrics`. Unset: only loopback may read it. Either way nobody else gets more than a 404.',
    }),
  ),
  STATIC_DIR: Type.String({ minLength: 1, default: 'dist/h5', description: 'Directory of the built PWA served at `/`.' }),
  DEMO: Type.Union([Type.Literal('0'), Type.Literal('1')], {
    default: '0',
    description:
      '`1`: an explicit demonstration. Every page, e-proof PDF and signed QR code then carries 演示环境, and `NODE_ENV=production` accepts the stand-in adapters. Never on a real service.',
  }),
  TRUST_TLS_PROXY: Type.Union([Type.Literal('0'), Type.Literal('1')], {
    default: '0',
    description:
      '`1` when the server runs behind a TLS-terminating proxy (the only supported way to serve HTTPS): honours `X-Forwarded-For`/`-Proto` and sends `Strict-Transport-Security`.',
  }),
  CORS_ORIGINS: Type.Optional(
    Type.String({
      description:
        'Comma-separated origins (`https://app.example.gov.cn`) allowed to call the API from a separately hosted front end. Unset: no cross-origin access at all.',
    }),
  ),
  API_BASE: Type.Optional(
    Type.String({
      pattern: '^https?://[^/?#]+(/[^?#]*)?$',
      description:
        'The API base the PWA was built with (`API_BASE` at `npm run build:h5`), when it is not the server\'s own origin: its origin is the only other one the Content-Security-Policy lets the app connect to.',
    }),
  ),
  ...IdentityConfigProps,
  ...RecordsConfigProps,
  ...NotifyConfigProps,
})
export type ConfigEnv = Static<typeof ConfigSchema>

export type DatabaseTarget =
  | { kind: 'pglite'; dataDir: string }
  | { kind: 'memory' }
  | { kind: 'postgres'; url: string }

export interface Config {
  port: number
  host: string
  database: DatabaseTarget
  /** PostgreSQL pool size (DB_POOL_SIZE). */
  dbPoolSize: number
  logLevel: (typeof LOG_LEVELS)[number]
  nodeEnv: (typeof NODE_ENVS)[number]
  bodyLimit: number
  seed: string
  seedCitizens: number
  seedEnterprises: number
  /** 32 bytes. */
  idEncryptionKey: Buffer
  staticDir: string
  /** TRUST_PROXY: the proxies whose X-Forwarded-For is believed (Fastify's trustProxy); unset: none. */
  trustProxy?: string[]
  /** DEV_CLOCK_AT in ms since the epoch: where the dev clock starts (never in production). */
  devClockAt?: number
  /** DEMO=1: an explicit demonstration, marked on every page, PDF and QR code. */
  demo: boolean
  /** TRUST_TLS_PROXY=1: behind a TLS proxy (forwarded headers honoured, HSTS sent). */
  trustTlsProxy: boolean
  /** CORS_ORIGINS: exact origins allowed cross-origin access (empty: none). */
  corsOrigins: string[]
  /** Origin of API_BASE when it differs from the page's own (CSP connect-src). */
  apiOrigin?: string
  /** METRICS_TOKEN: lets a scraper off this machine read /metrics (loopback always may). */
  metricsToken?: string
  identity: IdentityConfig
  /** Where the 社保 / 公积金 / 不动产 answers come from (RECORDS_PROVIDER). */
  records: RecordsConfig
  /** Subscribe-message template ids and data keys per platform. */
  notify: NotifyConfig
}

export type ParseResult = { ok: true; config: Config } | { ok: false; errors: string[] }

interface SchemaInfo extends TSchema {
  type?: string
  minimum?: number
  maximum?: number
  minLength?: number
  pattern?: string
  anyOf?: Array<{ const: string }>
  default?: unknown
}

const m = api.config

/**
 * Read and check the configuration. Pure apart from the development key file: every problem is
 * reported (one line each), so an operator fixes them all in one go.
 */
export function parseConfig(env: NodeJS.ProcessEnv, options: { cwd?: string } = {}): ParseResult {
  const errors: string[] = []
  const values: Record<string, unknown> = {}
  for (const [name, s] of Object.entries(ConfigSchema.properties) as Array<[string, SchemaInfo]>) {
    const raw = env[name]
    if (raw === undefined || raw === '') {
      values[name] = s.default
      continue
    }
    const problem = checkValue(name, raw, s)
    if (problem) errors.push(problem)
    else values[name] = s.type === 'integer' ? Number(raw) : raw
  }

  const nodeEnv = (values.NODE_ENV ?? 'development') as Config['nodeEnv']
  let key: Buffer | undefined
  const rawKey = env.ID_ENCRYPTION_KEY
  if (rawKey) {
    const decoded = decodeKey(rawKey)
    if (!decoded) errors.push(format(m.keyInvalid, { name: 'ID_ENCRYPTION_KEY' }))
    key = decoded
  } else if (nodeEnv === 'production') {
    errors.push(format(m.keyRequired, { name: 'ID_ENCRYPTION_KEY' }))
  }
  const clockAt = env.DEV_CLOCK_AT ? Date.parse(env.DEV_CLOCK_AT) : undefined
  if (clockAt !== undefined && (Number.isNaN(clockAt) || nodeEnv === 'production')) {
    errors.push(format(m.devOnly, { name: 'DEV_CLOCK_AT', value: String(env.DEV_CLOCK_AT) }))
  }
  const corsOrigins = parseOrigins(env.CORS_ORIGINS, errors)
  if (errors.length > 0) return { ok: false, errors }

  const cwd = options.cwd ?? process.cwd()
  const dataDir = path.resolve(cwd, String(values.DATA_DIR))
  const url = values.DATABASE_URL as string | undefined
  const database: DatabaseTarget =
    url === undefined ? { kind: 'pglite', dataDir } : url === 'memory://' ? { kind: 'memory' } : { kind: 'postgres', url }

  if (!key) {
    // Tests get a throw-away key; development keeps one key across restarts so that the local
    // database stays readable.
    try {
      key = nodeEnv === 'test' ? randomBytes(32) : developmentKey(path.join(path.dirname(dataDir), 'dev-keys.json'))
    } catch (e) {
      return { ok: false, errors: [(e as Error).message] }
    }
  }

  const identity = identityConfig(values, key)
  if (!identity.config) return { ok: false, errors: identity.errors }
  const records = recordsConfig(values)
  if (!records.config) return { ok: false, errors: records.errors }
  const notify = notifyConfig(values)
  if (notify.errors.length > 0) return { ok: false, errors: notify.errors }

  return {
    ok: true,
    config: {
      identity: identity.config,
      records: records.config,
      notify: notify.config,
      port: values.PORT as number,
      host: values.HOST as string,
      database,
      dbPoolSize: values.DB_POOL_SIZE as number,
      logLevel: values.LOG_LEVEL as Config['logLevel'],
      nodeEnv,
      bodyLimit: values.BODY_LIMIT as number,
      seed: values.SEED as string,
      seedCitizens: values.SEED_CITIZENS as number,
      seedEnterprises: values.SEED_ENTERPRISES as number,
      idEncryptionKey: key,
      staticDir: path.resolve(cwd, String(values.STATIC_DIR)),
      devClockAt: clockAt,
      demo: values.DEMO === '1',
      trustTlsProxy: values.TRUST_TLS_PROXY === '1',
      corsOrigins,
      apiOrigin: values.API_BASE ? new URL(values.API_BASE as string).origin : undefined,
      ...(values.METRICS_TOKEN ? { metricsToken: String(values.METRICS_TOKEN) } : {}),
      ...(values.TRUST_PROXY ? { trustProxy: String(values.TRUST_PROXY).split(',') } : {}),
    },
  }
}

function checkValue(name: string, raw: string, s: SchemaInfo): string | undefined {
  const shown = raw.length > 60 ? `${raw.slice(0, 57)}...` : raw
  if (s.type === 'integer') {
    const n = Number(raw)
    if (!/^-?\d+$/.test(raw.trim()) || !Number.isSafeInteger(n) || n < (s.minimum ?? -Infinity) || n > (s.maximum ?? Infinity)) {
      return format(m.integer, { name, min: s.minimum ?? '', max: s.maximum ?? '', value: shown })
    }
    return undefined
  }
  if (s.anyOf) {
    const options = s.anyOf.map((o) => o.const)
    return options.includes(raw) ? undefined : format(m.oneOf, { name, options: options.join(', '), value: shown })
  }
  if (s.pattern && !new RegExp(s.pattern).test(raw)) {
    // Never echo a database URL: it may carry a password.
    return name === 'DATABASE_URL' ? format(m.databaseUrl, { name }) : format(m.pattern, { name, value: shown })
  }
  if (s.minLength && raw.length < s.minLength) return format(m.empty, { name })
  return undefined
}

/** CORS_ORIGINS: each entry must be a bare origin (scheme, host, optional port), never a wildcard. */
function parseOrigins(raw: string | undefined, errors: string[]): string[] {
  if (!raw || raw.trim() === '') return []
  const out: string[] = []
  for (const part of raw.split(',').map((x) => x.trim()).filter(Boolean)) {
    let origin: string | undefined
    try {
      const u = new URL(part)
      origin = (u.protocol === 'https:' || u.protocol === 'http:') && u.origin === part.replace(/\/$/, '') ? u.origin : undefined
    } catch {
      origin = undefined
    }
    if (origin) out.push(origin)
    else errors.push(format(m.pattern, { name: 'CORS_ORIGINS', value: part.length > 60 ? `${part.slice(0, 57)}...` : part }))
  }
  return out
}

function decodeKey(raw: string): Buffer | undefined {
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(raw.trim())) return undefined
  const buf = Buffer.from(raw.trim(), 'base64')
  return buf.length === 32 ? buf : undefined
}

function developmentKey(file: string): Buffer {
  if (!existsSync(file)) {
    const key = randomBytes(32)
    mkdirSync(path.dirname(file), { recursive: true })
    try {
      // 0600: the key decrypts the local registry. 'wx': if another process won the race, use its key.
      writeFileSync(file, JSON.stringify({ ID_ENCRYPTION_KEY: key.toString('base64') }, null, 2) + '\n', { mode: 0o600, flag: 'wx' })
      return key
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e
    }
  }
  let stored: Buffer | undefined
  try {
    stored = decodeKey(String(JSON.parse(readFileSync(file, 'utf8')).ID_ENCRYPTION_KEY ?? ''))
  } catch {
    stored = undefined
  }
  if (stored) return stored
  throw new Error(format(m.devKeyFileBroken, { file }))
}

/** Config for tests and tools: defaults plus overrides, throwing on invalid input. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const r = parseConfig(env)
  if (!r.ok) throw new ConfigError(r.errors)
  return r.config
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'))
    this.name = 'ConfigError'
  }
}

/** A URL fit for messages and logs: no password. */
export function describeDatabase(target: DatabaseTarget): string {
  if (target.kind === 'memory') return 'memory://'
  if (target.kind === 'pglite') return `PGlite ${target.dataDir}`
  try {
    const u = new URL(target.url)
    if (u.password) u.password = '***'
    return u.toString()
  } catch {
    return 'postgres://…'
  }
}
