// Column helpers shared by every schema file (schema.ts and the per-area schema-*.ts files).
import { sql } from 'drizzle-orm'
import { timestamp } from 'drizzle-orm/pg-core'

/** A timestamptz read as a JS Date. */
export const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' })

/** A CHECK expression `column in ('a', 'b')` for a fixed list of values. */
export const inList = (column: string, values: readonly string[]) => sql.raw(`${column} in (${values.map((v) => `'${v}'`).join(', ')})`)
