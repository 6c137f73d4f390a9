// Region queries: one region and the children of one (or the provinces), each with whether it
// has children of its own.
import { asc, eq, isNull, sql } from 'drizzle-orm'
import type { Region } from '../../../src/domain/contract'
import type { DbOrTx } from '../db/client'
import { regions } from '../db/schema'

const hasChildren = sql<boolean>`exists (select 1 from regions c where c.parent_code = "regions"."code")`
const columns = { code: regions.code, name: regions.name, level: regions.level, parentCode: regions.parentCode, hasChildren }

export async function region(db: DbOrTx, code: string): Promise<Region | undefined> {
  const [row] = await db.select(columns).from(regions).where(eq(regions.code, code))
  return row
}

/** The children of `parentCode`, by code; null: the provinces. */
export async function children(db: DbOrTx, parentCode: string | null): Promise<Region[]> {
  return db
    .select(columns)
    .from(regions)
    .where(parentCode === null ? isNull(regions.parentCode) : eq(regions.parentCode, parentCode))
    .orderBy(asc(regions.code))
}
