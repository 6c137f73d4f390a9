// One Drizzle handle over either embedded PGlite or PostgreSQL (node-postgres Pool). Everything
// above this file sees the same `Db` type and the same SQL.
import { sql } from 'drizzle-orm'
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres'
import { PGlite } from '@electric-sql/pglite'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import pg from 'pg'
import type { DatabaseTarget } from '../config'
import * as schema from './schema'

export type Schema = typeof schema
export type Db = PgDatabase<PgQueryResultHKT, Schema>
/** The handle inside `db.transaction(async (tx) => ...)`; usable wherever a Db is. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0]
export type DbOrTx = Db | Tx

export interface Database {
  db: Db
  kind: DatabaseTarget['kind']
  /** Throws when the database cannot answer. */
  ping(): Promise<void>
  close(): Promise<void>
  /** Set only on PostgreSQL. */
  pool?: pg.Pool
  /** Set only on PGlite. */
  pglite?: PGlite
}

export interface OpenOptions {
  poolSize?: number
  /** PGlite only: start from a `dumpDataDir()` snapshot instead of an empty cluster (tests: ~1 s instead of ~5 s). */
  pgliteSnapshot?: Blob
}

export async function openDatabase(target: DatabaseTarget, options: OpenOptions = {}): Promise<Database> {
  if (target.kind === 'postgres') {
    const pool = new pg.Pool({
      connectionString: target.url,
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: 5000,
      idleTimeoutMillis: 30000,
      // PGAPPNAME (libpq's variable) names each instance of a cluster in pg_stat_activity.
      application_name: process.env.PGAPPNAME || 'zhijian-mock',
    })
    // An idle client that loses its server must not crash the process (pg emits 'error').
    pool.on('error', () => undefined)
    const db = drizzlePg(pool, { schema }) as unknown as Db
    const database: Database = {
      db,
      kind: 'postgres',
      pool,
      async ping() {
        await pool.query('select 1')
      },
      async close() {
        await pool.end()
      },
    }
    // Connect now so a wrong URL fails at start, not on the first request.
    await database.ping().catch(async (e) => {
      await pool.end().catch(() => undefined)
      throw e
    })
    return database
  }

  let client: PGlite
  let unlock = () => undefined as void
  if (target.kind === 'memory') {
    client = new PGlite(options.pgliteSnapshot ? { loadDataDir: options.pgliteSnapshot } : {})
  } else {
    mkdirSync(target.dataDir, { recursive: true })
    unlock = lockDataDir(target.dataDir)
    try {
      client = new PGlite(target.dataDir)
      await client.waitReady
    } catch (e) {
      unlock()
      throw e
    }
  }
  await client.waitReady
  const db = drizzlePglite(client, { schema }) as unknown as Db
  let closed = false
  return {
    db,
    kind: target.kind,
    pglite: client,
    async ping() {
      if (closed) throw new Error('database is closed')
      await db.execute(sql`select 1`)
    },
    async close() {
      if (closed) return
      closed = true
      try {
        await client.close()
      } finally {
        unlock()
      }
    },
  }
}

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(`data directory ${dataDir} is in use by process ${pid}`)
    this.name = 'DataDirLockedError'
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * PGlite has no postmaster to stop a second process from opening the same files, and two
 * writers would corrupt them. A pid file next to the data directory refuses that; a stale one
 * (its process gone) is taken over.
 */
function lockDataDir(dataDir: string): () => void {
  const file = `${dataDir.replace(/[\\/]+$/, '')}.lock`
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' })
      return () => rmSync(file, { force: true })
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e
      const owner = Number(readFileSync(file, 'utf8').trim())
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && pidAlive(owner)) {
        throw new DataDirLockedError(dataDir, owner)
      }
      rmSync(file, { force: true })
    }
  }
  throw new Error(`could not lock ${dataDir}`)
}
