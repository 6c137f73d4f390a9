// Writes the synthetic registries into the database, once. Region reference data is upserted on
// every run; citizens and enterprises only into an empty registry, all in one transaction so a
// failed seed leaves nothing half-written.
import { createHash } from 'node:crypto'
import { asc, sql } from 'drizzle-orm'
import type { FieldCrypto } from '../crypto'
import type { Db, DbOrTx } from '../db/client'
import { citizens, enterprises, regions } from '../db/schema'
import { ensureReferenceData } from '../db/reference'
import { SEED_CREATED_AT, generateRegistry } from './generate'
import { seedStaff } from '../identity/staff'

export { generateRegistry, regionRows, ageOn, REFERENCE_DATE, ADULT_AGE } from './generate'

// Any constant shared by all instances: "someone is seeding".
const SEED_LOCK_ID = 7_240_612
// Rows per INSERT: well under PostgreSQL's 65,535 bind parameters at 11 columns.
const CHUNK = 1000

export interface SeedOptions {
  seed: string
  citizens: number
  enterprises: number
}

export interface SeedResult {
  seeded: boolean
  citizens: number
  enterprises: number
  regions: number
  ms: number
}

async function insertChunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK))
}

export async function seedDatabase(db: Db, crypto: FieldCrypto, options: SeedOptions): Promise<SeedResult> {
  const started = performance.now()
  return db.transaction(async (tx) => {
    // Several instances may start together; the lock makes the later ones see the first one's rows.
    await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK_ID})`)
    const registry = generateRegistry(options.seed, { citizens: options.citizens, enterprises: options.enterprises })

    const regionCount = await ensureReferenceData(tx)
    // Also into a registry seeded before staff accounts existed.
    await seedStaff(tx, crypto, new Date(SEED_CREATED_AT))

    const [{ n }] = await tx.select({ n: sql<number>`count(*)::int` }).from(citizens)
    if (n > 0) {
      return { seeded: false, citizens: 0, enterprises: 0, regions: regionCount, ms: Math.round(performance.now() - started) }
    }

    await insertChunked(registry.citizens, (chunk) =>
      tx.insert(citizens).values(
        chunk.map((c) => ({
          id: c.id,
          name: c.name,
          idNumberEnc: crypto.encrypt(c.idNumber),
          idNumberHmac: crypto.index(c.idNumber),
          birthDate: c.birthDate,
          sex: c.sex,
          phoneEnc: crypto.encrypt(c.phone),
          phoneHmac: crypto.index(c.phone),
          householdRegionCode: c.householdRegionCode,
          addressEnc: crypto.encrypt(c.address),
          createdAt: SEED_CREATED_AT,
        })),
      ),
    )
    await insertChunked(registry.enterprises, (chunk) =>
      tx.insert(enterprises).values(chunk.map((e) => ({ ...e, createdAt: SEED_CREATED_AT }))),
    )
    await (await import('../cases/seed')).seedCaseFlags(tx, crypto, options.seed, registry.citizens)
    await (await import('./records')).seedRecords(tx, options.seed, registry.citizens, registry.enterprises)
    // After the records seed: property owners' 不动产权证书 come from its re_units.
    await (await import('../wallet')).seedWallet(tx, crypto, registry, options.seed, SEED_CREATED_AT)
    return {
      seeded: true,
      citizens: registry.citizens.length,
      enterprises: registry.enterprises.length,
      regions: regionCount,
      ms: Math.round(performance.now() - started),
    }
  })
}

/**
 * SHA-256 over every registry row in primary-key order, with encrypted columns decrypted (their
 * ciphertext differs on every run by design: random IVs). Equal digests = identical data.
 */
export async function registryDigest(db: DbOrTx, crypto: FieldCrypto): Promise<string> {
  const hash = createHash('sha256')
  for (const r of await db.select().from(regions).orderBy(asc(regions.code))) hash.update(JSON.stringify(r) + '\n')
  for (const c of await db.select().from(citizens).orderBy(asc(citizens.id))) {
    const { idNumberEnc, phoneEnc, addressEnc, ...rest } = c
    hash.update(
      JSON.stringify({
        ...rest,
        idNumber: crypto.decrypt(idNumberEnc),
        phone: phoneEnc === null ? null : crypto.decrypt(phoneEnc),
        address: crypto.decrypt(addressEnc),
      }) + '\n',
    )
  }
  for (const e of await db.select().from(enterprises).orderBy(asc(enterprises.id))) hash.update(JSON.stringify(e) + '\n')
  return hash.digest('hex')
}
