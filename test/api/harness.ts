// Runs an API suite on in-memory PGlite and, when DATABASE_URL is set, again on PostgreSQL.
// On PostgreSQL every suite gets its own fresh database (created from DATABASE_URL, dropped
// afterwards), so parallel Jest workers never see each other's rows.
import { createHash, randomBytes, randomUUID } from 'node:crypto'
import { existsSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Writable } from 'node:stream'
import pg from 'pg'
import { PGlite } from '@electric-sql/pglite'
import { buildApp, type App } from '../../mock/src/app'
import { parseConfig, type Config } from '../../mock/src/config'
import { createFieldCrypto, type FieldCrypto } from '../../mock/src/crypto'
import { openDatabase, type Database } from '../../mock/src/db/client'
import { MIGRATIONS_FOLDER, migrate } from '../../mock/src/db/migrate'
import { ensureReferenceData } from '../../mock/src/db/reference'
import { seedDatabase, type SeedResult } from '../../mock/src/seed'
import { pinnedClock } from '../support/clock'

export type DbName = 'pglite' | 'postgres'

/** Fixed so tests can decrypt what they wrote; never used outside tests. */
export const TEST_KEY = Buffer.alloc(32, 7).toString('base64')

export interface EnvOptions {
  /** Seed the registries (small counts keep suites fast); false = migrated but empty. */
  seed?: { citizens: number; enterprises: number; seed?: string } | false
  logLevel?: string
  staticDir?: string
  extraEnv?: Record<string, string>
  /** Injected clock for time-based rules (identity limits). */
  clock?: () => Date
}

export interface TestEnv {
  name: DbName
  app: App
  database: Database
  config: Config
  crypto: FieldCrypto
  /** The clock the app runs on (the injected one, else a pinned one). */
  now: () => Date
  seeded?: SeedResult
  /** Every log line the app wrote, raw JSON text. */
  logs: string[]
  /** The database URL (PostgreSQL) or 'memory://'. */
  url: string
  dispose(): Promise<void>
}

export function databases(): Array<[DbName, string]> {
  const list: Array<[DbName, string]> = [['pglite', 'memory://']]
  if (process.env.DATABASE_URL) list.push(['postgres', process.env.DATABASE_URL])
  return list
}

// A migrated PGlite cluster, dumped once per migration set and shared by all workers: starting
// from it takes about a second instead of initdb's five.
async function pgliteSnapshot(): Promise<Blob> {
  const files = readdirSync(MIGRATIONS_FOLDER, { recursive: true }) as string[]
  const h = createHash('sha256')
  h.update(readFileSync(path.resolve(__dirname, '../../node_modules/@electric-sql/pglite/package.json')))
  for (const f of files.sort()) {
    const full = path.join(MIGRATIONS_FOLDER, f)
    if (f.endsWith('.sql') || f.endsWith('.json')) h.update(f).update(readFileSync(full))
  }
  const file = path.join(os.tmpdir(), `zhijian-pglite-${h.digest('hex').slice(0, 16)}.tar`)
  if (existsSync(file)) return new Blob([readFileSync(file)])
  const database = await openDatabase({ kind: 'memory' })
  await migrate(database)
  const dump = await (database.pglite as PGlite).dumpDataDir('none')
  await database.close()
  const buf = Buffer.from(await dump.arrayBuffer())
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`
  writeFileSync(tmp, buf)
  renameSync(tmp, file) // atomic: a concurrent worker sees the whole file or none
  return new Blob([buf])
}

function dbUrlWithName(url: string, name: string): string {
  const u = new URL(url)
  u.pathname = `/${name}`
  return u.toString()
}

export async function createPgDatabase(adminUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `zj_test_${process.pid}_${randomBytes(5).toString('hex')}`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(`create database "${name}"`)
  await admin.end()
  return {
    url: dbUrlWithName(adminUrl, name),
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl })
      await c.connect()
      await c.query(`drop database if exists "${name}" with (force)`)
      await c.end()
    },
  }
}

export function testConfig(url: string, options: EnvOptions = {}): Config {
  const r = parseConfig({
    NODE_ENV: 'test',
    DATABASE_URL: url,
    LOG_LEVEL: options.logLevel ?? 'info',
    ID_ENCRYPTION_KEY: TEST_KEY,
    STATIC_DIR: options.staticDir ?? path.join(os.tmpdir(), 'zhijian-no-pwa-here'),
    ...options.extraEnv,
  })
  if (!r.ok) throw new Error(r.errors.join('\n'))
  return r.config
}

/** A fresh database (migrated, optionally seeded) and an app on it. */
export async function createEnv(name: DbName, baseUrl: string, options: EnvOptions = {}): Promise<TestEnv> {
  let url = baseUrl
  let drop = async () => undefined as void
  if (name === 'postgres') {
    const created = await createPgDatabase(baseUrl)
    url = created.url
    drop = created.drop
  }
  const config = testConfig(url, options)
  const database =
    name === 'pglite' ? await openDatabase({ kind: 'memory' }, { pgliteSnapshot: await pgliteSnapshot() }) : await openDatabase(config.database)
  await migrate(database)
  await ensureReferenceData(database.db)
  const crypto = createFieldCrypto(config.idEncryptionKey)
  let seeded: SeedResult | undefined
  if (options.seed) {
    seeded = await seedDatabase(database.db, crypto, {
      seed: options.seed.seed ?? config.seed,
      citizens: options.seed.citizens,
      enterprises: options.seed.enterprises,
    })
  }
  const logs: string[] = []
  const logStream = new Writable({
    write(chunk, _enc, cb) {
      logs.push(...String(chunk).split('\n').filter(Boolean))
      cb()
    },
  })
  // Suites that inject no clock still run at a pinned instant, never at the hour CI started.
  const clock = options.clock ?? pinnedClock()
  const app = await buildApp(config, database, { logStream, clock })
  await app.ready()
  return {
    name,
    app,
    database,
    config,
    crypto,
    now: clock,
    seeded,
    logs,
    url,
    async dispose() {
      await app.close().catch(() => undefined)
      await database.close().catch(() => undefined)
      await drop()
    },
  }
}

/**
 * Declare a suite once; it runs per database. `getEnv()` is valid inside tests and hooks.
 *   forEachDatabase('feedback', (getEnv) => { it('...', async () => { getEnv().app.inject(...) }) })
 */
export function forEachDatabase(title: string, body: (getEnv: () => TestEnv, name: DbName) => void, options: EnvOptions = {}): void {
  describe.each(databases())(`${title} [%s]`, (name, url) => {
    let env: TestEnv | undefined
    beforeAll(async () => {
      env = await createEnv(name, url, options)
    }, 120_000)
    afterAll(async () => {
      await env?.dispose()
    }, 60_000)
    body(() => {
      if (!env) throw new Error('test environment not ready')
      return env
    }, name)
  })
}

export function uuid(): string {
  return randomUUID()
}
