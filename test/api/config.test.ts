import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { ConfigSchema, describeDatabase, parseConfig } from '../../mock/src/config'
import { configTable } from '../../mock/src/config-table'
import { createFieldCrypto } from '../../mock/src/crypto'
import { openDatabase } from '../../mock/src/db/client'

const KEY = Buffer.alloc(32, 1).toString('base64')

describe('config', () => {
  const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'zj-config-'))

  it('has documented defaults', () => {
    const r = parseConfig({ NODE_ENV: 'test' })
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.config).toMatchObject({ port: 8787, host: '127.0.0.1', bodyLimit: 1048576, seedCitizens: 2000, seedEnterprises: 200, logLevel: 'info', dbPoolSize: 10 })
    expect(r.config.database).toEqual({ kind: 'pglite', dataDir: path.resolve('.data/pglite') })
    expect(r.config.idEncryptionKey).toHaveLength(32)
  })

  it('DEV_CLOCK_AT starts the dev clock at an instant, and is refused in production', () => {
    const d = parseConfig({ NODE_ENV: 'development', DATA_DIR: path.join(tmp(), 'data'), DEV_CLOCK_AT: '2026-12-07T08:30:00+08:00' })
    expect(d.ok && d.config.devClockAt).toBe(Date.parse('2026-12-07T00:30:00Z'))
    const bad = parseConfig({ NODE_ENV: 'test', DEV_CLOCK_AT: 'tomorrow 9am' })
    expect(bad.ok).toBe(false)
    const prod = parseConfig({ NODE_ENV: 'production', ID_ENCRYPTION_KEY: KEY, DEV_CLOCK_AT: '2026-12-07T00:30:00Z' })
    expect(prod.ok).toBe(false)
    if (prod.ok) return
    expect(prod.errors.some((l) => l.includes('DEV_CLOCK_AT') && l.startsWith('配置错误：'))).toBe(true)
  })

  it('reads memory:// and postgres URLs', () => {
    const m = parseConfig({ NODE_ENV: 'test', DATABASE_URL: 'memory://' })
    expect(m.ok && m.config.database).toEqual({ kind: 'memory' })
    const p = parseConfig({ NODE_ENV: 'test', DATABASE_URL: 'postgres://u:secret@db:5432/x' })
    expect(p.ok && p.config.database).toEqual({ kind: 'postgres', url: 'postgres://u:secret@db:5432/x' })
    expect(p.ok && describeDatabase(p.config.database)).toBe('postgres://u:***@db:5432/x')
  })

  it('reports every problem, one clear line each, without echoing a database password', () => {
    const r = parseConfig({ PORT: 'eighty', HOST: '', LOG_LEVEL: 'loud', NODE_ENV: 'production', BODY_LIMIT: '12', DATABASE_URL: 'mysql://root:hunter2@x/db', SEED_CITIZENS: '-5' })
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.errors).toHaveLength(6)
    expect(r.errors.every((l) => !l.includes('\n') && l.startsWith('配置错误：'))).toBe(true)
    expect(r.errors.find((l) => l.includes('PORT'))).toBe('配置错误：PORT 应为 0 到 65535 之间的整数，当前为 "eighty"。')
    expect(r.errors.find((l) => l.includes('LOG_LEVEL'))).toContain('fatal, error, warn, info, debug, trace, silent')
    expect(r.errors.find((l) => l.includes('BODY_LIMIT'))).toContain('1024')
    expect(r.errors.find((l) => l.includes('SEED_CITIZENS'))).toContain('"-5"')
    expect(r.errors.find((l) => l.includes('DATABASE_URL'))).not.toContain('hunter2')
    expect(r.errors.find((l) => l.includes('ID_ENCRYPTION_KEY'))).toContain('NODE_ENV=production')
  })

  it('sizes the PostgreSQL pool from DB_POOL_SIZE, and refuses a size that cannot work', async () => {
    const r = parseConfig({ NODE_ENV: 'test', DB_POOL_SIZE: '3' })
    expect(r.ok && r.config.dbPoolSize).toBe(3)
    const bad = parseConfig({ NODE_ENV: 'test', DB_POOL_SIZE: '0' })
    expect(bad.ok).toBe(false)
    if (!bad.ok) expect(bad.errors).toEqual([expect.stringMatching(/^配置错误：DB_POOL_SIZE .*"0"/)])
    // The size reaches the pool the server opens.
    const url = process.env.DATABASE_URL
    if (!url) return
    const database = await openDatabase({ kind: 'postgres', url }, { poolSize: 3 })
    try {
      expect(database.pool?.options.max).toBe(3)
    } finally {
      await database.close()
    }
  })

  it('CORS_ORIGINS takes exact origins only (no wildcard, no path); DEMO and TRUST_TLS_PROXY are 0/1', () => {
    const ok = parseConfig({ NODE_ENV: 'test', CORS_ORIGINS: 'https://app.example.gov.cn, http://127.0.0.1:5173', DEMO: '1', TRUST_TLS_PROXY: '1' })
    expect(ok.ok && ok.config.corsOrigins).toEqual(['https://app.example.gov.cn', 'http://127.0.0.1:5173'])
    expect(ok.ok && [ok.config.demo, ok.config.trustTlsProxy]).toEqual([true, true])
    expect((parseConfig({ NODE_ENV: 'test' }) as { config: { corsOrigins: string[]; demo: boolean } }).config).toMatchObject({ corsOrigins: [], demo: false })
    for (const bad of ['*', 'https://app.example.gov.cn/path', 'app.example.gov.cn', 'ftp://x.cn']) {
      const r = parseConfig({ NODE_ENV: 'test', CORS_ORIGINS: bad })
      expect(r.ok).toBe(false)
      if (!r.ok) expect(r.errors).toEqual([expect.stringMatching(/^配置错误：CORS_ORIGINS /)])
    }
    const demo = parseConfig({ NODE_ENV: 'test', DEMO: 'yes' })
    expect(demo.ok).toBe(false)
  })

  it('rejects a key that is not 32 bytes of base64', () => {
    for (const bad of ['short', Buffer.alloc(16).toString('base64'), '!!!!']) {
      const r = parseConfig({ NODE_ENV: 'production', ID_ENCRYPTION_KEY: bad })
      expect(r.ok).toBe(false)
      if (!r.ok) expect(r.errors[0]).toContain('ID_ENCRYPTION_KEY')
    }
    const ok = parseConfig({ NODE_ENV: 'production', ID_ENCRYPTION_KEY: KEY })
    expect(ok.ok && ok.config.idEncryptionKey.equals(Buffer.alloc(32, 1))).toBe(true)
  })

  it('in development generates a key once into dev-keys.json and reuses it', () => {
    const dir = tmp()
    const env = { NODE_ENV: 'development', DATA_DIR: path.join(dir, 'pglite') }
    const a = parseConfig(env)
    const b = parseConfig(env)
    expect(a.ok && b.ok).toBe(true)
    if (!a.ok || !b.ok) return
    expect(a.config.idEncryptionKey.equals(b.config.idEncryptionKey)).toBe(true)
    const file = path.join(dir, 'dev-keys.json')
    expect(JSON.parse(readFileSync(file, 'utf8')).ID_ENCRYPTION_KEY).toBe(a.config.idEncryptionKey.toString('base64'))
    expect(statSync(file).mode & 0o077).toBe(0)
    writeFileSync(file, 'garbage')
    const broken = parseConfig(env)
    expect(broken.ok).toBe(false)
    if (!broken.ok) expect(broken.errors[0]).toContain(file)
  })

  it('prints the README config table from the same schema', () => {
    const table = configTable()
    for (const name of Object.keys(ConfigSchema.properties)) expect(table).toContain(`| \`${name}\` |`)
    expect(table).toContain('`8787`')
  })
})

describe('field crypto', () => {
  const c = createFieldCrypto(Buffer.alloc(32, 9))

  it('round-trips and never repeats a ciphertext', () => {
    const a = c.encrypt('330203199001010014')
    const b = c.encrypt('330203199001010014')
    expect(a).not.toBe(b)
    expect(a.startsWith('v1.')).toBe(true)
    expect(a).not.toContain('330203')
    expect(c.decrypt(a)).toBe('330203199001010014')
    expect(c.decrypt(c.encrypt('浙江省宁波市海曙区'))).toBe('浙江省宁波市海曙区')
  })

  it('detects tampering and a wrong key', () => {
    const sealed = c.encrypt('13812345678')
    const parts = sealed.split('.')
    const flipped = Buffer.from(parts[3], 'base64url')
    flipped[0] ^= 1
    expect(() => c.decrypt([...parts.slice(0, 3), flipped.toString('base64url')].join('.'))).toThrow()
    expect(() => createFieldCrypto(Buffer.alloc(32, 8)).decrypt(sealed)).toThrow()
    expect(() => c.decrypt('plain text')).toThrow()
  })

  it('indexes deterministically per key, and the index is not the plain hash', () => {
    expect(c.index('13812345678')).toBe(c.index('13812345678'))
    expect(c.index('13812345678')).toMatch(/^[0-9a-f]{64}$/)
    expect(createFieldCrypto(Buffer.alloc(32, 8)).index('13812345678')).not.toBe(c.index('13812345678'))
    expect(c.matches('13812345678', c.index('13812345678'))).toBe(true)
    expect(c.matches('13812345679', c.index('13812345678'))).toBe(false)
  })

  it('refuses keys of the wrong size', () => {
    expect(() => createFieldCrypto(Buffer.alloc(16))).toThrow(RangeError)
  })
})
