// Reference data every deployment needs (not synthetic): the region tree offered in forms.
// Upserted at every start, so a new division in src/domain/regions.ts reaches the database with
// the next deployment, in any environment.
import { sql } from 'drizzle-orm'
import { regionRows } from '../seed/generate'
import type { DbOrTx } from './client'
import { regions } from './schema'

export async function ensureReferenceData(db: DbOrTx): Promise<number> {
  // Parents first: the self-reference needs provinces before cities before districts.
  const order = { province: 0, city: 1, district: 2 } as const
  const rows = regionRows().sort((a, b) => order[a.level] - order[b.level])
  await db
    .insert(regions)
    .values(rows)
    .onConflictDoUpdate({
      target: regions.code,
      set: { name: sql`excluded.name`, parentCode: sql`excluded.parent_code`, level: sql`excluded.level` },
    })
  return rows.length
}
