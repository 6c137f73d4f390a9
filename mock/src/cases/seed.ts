// Seeded registry flags the case rules read (stand-in only): the dishonesty list (失信名单),
// deaths, and who already receives 高龄津贴. Chosen by a hash of the seed and the ID number, so
// the same seed always flags the same people.
import { createHash } from 'node:crypto'
import type { FieldCrypto } from '../crypto'
import type { DbOrTx } from '../db/client'
import { casePersonFlags } from '../db/schema'
import { REFERENCE_DATE, ageOn, type CitizenPlain } from '../seed/generate'

function unit(seed: string, what: string, id: string): number {
  return createHash('sha256').update(`${seed}/cases/${what}/${id}`).digest().readUInt32BE(0) / 2 ** 32
}

export function caseFlagsFor(seed: string, c: CitizenPlain): { dishonest: boolean; deceased: boolean; receivingElderAllowance: boolean } {
  const old = ageOn(c.birthDate, REFERENCE_DATE) >= 80
  return {
    dishonest: unit(seed, 'dishonest', c.idNumber) < 0.02,
    deceased: old && unit(seed, 'deceased', c.idNumber) < 0.05,
    receivingElderAllowance: old && unit(seed, 'elder', c.idNumber) < 0.4,
  }
}

export async function seedCaseFlags(db: DbOrTx, crypto: FieldCrypto, seed: string, citizens: readonly CitizenPlain[]): Promise<number> {
  const rows = citizens
    .map((c) => ({ idNumberHmac: crypto.index(c.idNumber), ...caseFlagsFor(seed, c) }))
    .filter((r) => r.dishonest || r.deceased || r.receivingElderAllowance)
  for (let i = 0; i < rows.length; i += 1000) await db.insert(casePersonFlags).values(rows.slice(i, i + 1000)).onConflictDoNothing()
  return rows.length
}
