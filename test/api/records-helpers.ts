// Shared steps of the records suites: find seeded citizens with a given kind of record and sign
// them in at the level a query needs.
import { asc, eq, sql } from 'drizzle-orm'
import { citizens } from '../../mock/src/db/schema'
import type { TestEnv } from './harness'
import type { SeededCitizen } from './identity-helpers'

export const RECORDS_SEED = { citizens: 150, enterprises: 15, seed: 'records-tests' }

// Per environment: each database run of a suite has its own seeded citizens to use.
const usedBy = new WeakMap<TestEnv, Set<string>>()

/** A seeded citizen (not yet used by this worker) matching a SQL condition on the citizens table. */
export async function citizenWhere(env: TestEnv, condition: ReturnType<typeof sql>): Promise<SeededCitizen> {
  const rows = await env.database.db
    .select()
    .from(citizens)
    .where(sql`${condition} and citizens.birth_date <= '2005-01-01'`)
    .orderBy(asc(citizens.id))
  const used = usedBy.get(env) ?? new Set<string>()
  usedBy.set(env, used)
  const c = rows.find((r) => !used.has(r.id))
  if (!c) throw new Error('no such seeded citizen left')
  used.add(c.id)
  return { id: c.id, name: c.name, idNumber: env.crypto.decrypt(c.idNumberEnc) }
}

export const has = {
  ssAndLoan: sql`exists (select 1 from ss_spans s where s.citizen_id = citizens.id and s.to_month >= '2026-10-01') and exists (select 1 from pf_loans l where l.citizen_id = citizens.id and l.start_month > '2020-01-01')`,
  owed: sql`exists (select 1 from ss_spans s where s.citizen_id = citizens.id and s.status = 'owed')`,
  pension: sql`exists (select 1 from ss_pensions p where p.citizen_id = citizens.id)`,
  units2: sql`(select count(*) from re_units u where u.citizen_id = citizens.id) >= 2`,
  noUnits: sql`not exists (select 1 from re_units u where u.citizen_id = citizens.id) and exists (select 1 from ss_spans s where s.citizen_id = citizens.id)`,
  nothing: sql`not exists (select 1 from ss_spans s where s.citizen_id = citizens.id) and not exists (select 1 from pf_accounts a where a.citizen_id = citizens.id) and not exists (select 1 from ss_pensions p where p.citizen_id = citizens.id)`,
  any: sql`exists (select 1 from ss_spans s where s.citizen_id = citizens.id) and exists (select 1 from pf_accounts a where a.citizen_id = citizens.id)`,
}

export async function citizenRow(env: TestEnv, id: string) {
  const [c] = await env.database.db.select().from(citizens).where(eq(citizens.id, id))
  return c
}
