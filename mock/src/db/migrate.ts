// Applies the committed SQL migrations in mock/drizzle/ — the same files on PGlite and PostgreSQL —
// then installs or migrates pg-boss's schema (the job queue, mock/src/jobs/queue.ts).
import path from 'node:path'
import { readMigrationFiles } from 'drizzle-orm/migrator'
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres'
import { installQueue } from '../jobs/queue'
import type { Database, Db } from './client'
import * as schema from './schema'

export const MIGRATIONS_FOLDER = path.resolve(__dirname, '../../drizzle')
// Arbitrary constant shared by every instance of this server: "migrations are running".
const MIGRATION_LOCK_ID = 7_240_611

interface Migrator {
  dialect: { migrate(m: unknown, session: unknown, config: unknown): Promise<void> }
  session: unknown
}

async function apply(db: Db): Promise<void> {
  const config = { migrationsFolder: MIGRATIONS_FOLDER }
  // Both drizzle drivers' migrate() are exactly this call; doing it here keeps one code path.
  const m = db as unknown as Migrator
  await m.dialect.migrate(readMigrationFiles(config), m.session, config)
  // pg-boss's schema (the job queue) is installed and migrated by pg-boss itself, after ours.
  await installQueue(db)
}

export async function migrate(database: Database): Promise<void> {
  if (!database.pool) {
    await apply(database.db)
    return
  }
  // Several instances may start at once (scale-out): a session advisory lock makes them take
  // turns, and the later ones find nothing left to apply.
  const client = await database.pool.connect()
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_ID])
    try {
      await apply(drizzlePg(client, { schema }) as unknown as Db)
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_ID])
    }
  } finally {
    client.release()
  }
}
