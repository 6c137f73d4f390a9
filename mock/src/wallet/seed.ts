// The synthetic registry's licences, seeded once from the seed pipeline (mock/src/seed).
import { compactId, yearsOld } from '../../../src/domain/wallet/types'
import type { FieldCrypto } from '../crypto'
import type { DbOrTx } from '../db/client'
import { Rng } from '../seed/rng'
import type { CitizenPlain, EnterprisePlain } from '../seed/generate'
import * as repo from './repo'
import type { NewCredential } from './repo'
import { ISSUERS, type CredentialFields } from './service'

const pad = (n: number, w: number) => String(n).padStart(w, '0')
const addYears = (d: string, years: number) => `${Number(d.slice(0, 4)) + years}${d.slice(4)}`

/**
 * Licences of the synthetic population, deterministic from the seed: every citizen has an
 * 电子社保卡 (a few also an older, revoked one: a card reported lost and re-issued), about half
 * of the adults a 驾驶证, citizens registered outside 宁波 a 居住证, property owners a 不动产权证书
 * per unit (from the records area's re_units, so it runs after that seed), and every active
 * enterprise its 营业执照. Called once from the seed pipeline, inside its transaction.
 */
export async function seedWallet(
  db: DbOrTx,
  crypto: FieldCrypto,
  registry: { citizens: CitizenPlain[]; enterprises: EnterprisePlain[] },
  seed: string,
  issuedAt: string,
): Promise<number> {
  const rng = new Rng(`${seed}:wallet`)
  const at = new Date(issuedAt)
  const today = '2025-12-31'
  const rows: NewCredential[] = []
  const add = (row: Omit<NewCredential, 'id' | 'cid' | 'fieldsEnc' | 'issuedAt'> & { fields: CredentialFields; revoked?: boolean }) => {
    const id = rng.uuid()
    const { fields, revoked, ...rest } = row
    rows.push({ ...rest, id, cid: compactId(id), fieldsEnc: crypto.encrypt(JSON.stringify(fields)), issuedAt: revoked ? new Date('2024-03-01T00:00:00Z') : at, ...(revoked ? { revokedAt: at, revokedReason: 'reported_lost' } : {}) })
  }
  const byId = new Map(registry.citizens.map((c) => [c.id, c]))
  for (const c of registry.citizens) {
    const base = { n: c.name, id: c.idNumber, bd: c.birthDate }
    if (rng.chance(0.03)) add({ type: 'ssc', holderCitizenId: c.id, issuer: ISSUERS.ssc, fields: { ...base, no: `A${pad(rng.int(0, 99_999_999), 8)}` }, revoked: true })
    add({ type: 'ssc', holderCitizenId: c.id, issuer: ISSUERS.ssc, fields: { ...base, no: `${rng.pick(['A', 'B', 'C', 'D'])}${pad(rng.int(0, 99_999_999), 8)}` } })
    const age = yearsOld(c.birthDate, today)
    if (age >= 18 && age < 75 && rng.chance(0.5)) {
      const first = `${Math.max(Number(c.birthDate.slice(0, 4)) + 18, 2026 - rng.int(1, 30))}-${pad(rng.int(1, 12), 2)}-${pad(rng.int(1, 28), 2)}`
      let vu = addYears(first, 6)
      while (vu < today) vu = addYears(vu, 10)
      add({ type: 'dl', holderCitizenId: c.id, issuer: ISSUERS.dl, validUntil: vu, fields: { ...base, cls: rng.weighted(['C1', 'C2', 'B2', 'A1', 'D'], [70, 15, 8, 4, 3]), vu } })
    }
    if (!c.householdRegionCode.startsWith('3302') && age >= 16) {
      const vu = `2026-${pad(rng.int(2, 12), 2)}-${pad(rng.int(1, 28), 2)}`
      add({ type: 'rp', holderCitizenId: c.id, issuer: ISSUERS.rp, validUntil: vu, fields: { ...base, addr: c.address, vu } })
    }
  }
  for (const e of registry.enterprises) {
    if (e.status !== 'active') continue
    const rep = byId.get(e.legalRepCitizenId)
    add({ type: 'bl', enterpriseId: e.id, issuer: ISSUERS.bl, fields: { n: e.name, uscc: e.uscc, rep: rep?.name ?? '', est: e.establishedOn, addr: e.address } })
  }
  // 不动产权证书: one per property unit of the registry (seeded by the records area).
  for (const u of await repo.propertyUnits(db)) {
    const owner = byId.get(u.citizenId)
    if (!owner) continue
    add({ type: 'pc', holderCitizenId: u.citizenId, issuer: ISSUERS.pc, fields: { n: owner.name, no: u.certNo, addr: u.location, area: (u.area / 100).toFixed(2) } })
  }
  for (let i = 0; i < rows.length; i += 500) await repo.insertCredentials(db, rows.slice(i, i + 500))
  return rows.length
}
