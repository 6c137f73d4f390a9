// The wallet's server side: issuing, revoking, reading and masking credentials, and seeding the
// synthetic registry's licences. Other areas issue through `issueCredential` (e.g. a benefit
// approval when a case is approved), inside their own transaction.
import { randomUUID } from 'node:crypto'
import { and, asc, eq, isNull } from 'drizzle-orm'
import { maskAddress, maskIdNumber, maskName } from '../../../src/domain/mask'
import { CREDENTIAL_DEFS, chinaDay, compactId, yearsOld, type CredentialType, type FieldKey } from '../../../src/domain/wallet/types'
import type { CredentialStatus, CredentialSummary } from '../../../src/domain/contract/wallet'
import type { FieldCrypto } from '../crypto'
import type { DbOrTx } from '../db/client'
import { accounts, citizens, credentials, reUnits } from '../db/schema'
import { Rng } from '../seed/rng'
import type { CitizenPlain, EnterprisePlain } from '../seed/generate'

export type CredentialFields = Partial<Record<FieldKey, string>>
export type CredentialRow = typeof credentials.$inferSelect

/** Issuing authorities of the stand-in city (data, like the seeded registries). */
export const ISSUERS: Record<Exclude<CredentialType, 'bn'>, string> = {
  ssc: '宁波市人力资源和社会保障局',
  dl: '宁波市公安局交通警察局',
  rp: '宁波市公安局',
  pc: '宁波市自然资源和规划局',
  bl: '宁波市市场监督管理局',
}
/** The issuer claim in codes: the GB/T 2260 code of the issuing city (short, stable). */
export const ISSUER_REGION = '330200'

export class WalletError extends Error {
  constructor(readonly code: 'HOLDER_NOT_FOUND' | 'BAD_FIELDS') {
    super(code)
  }
}

export interface IssueInput {
  /** A citizen's account (must have passed real name) … */
  holderAccountId?: string
  /** … or the registry citizen directly … */
  holderCitizenId?: string
  /** … or an enterprise. Exactly one of the three. */
  enterpriseId?: string
  type: CredentialType
  fields: CredentialFields
  /** Benefit approvals: what was approved (e.g. 高龄津贴). */
  title?: string
  /** Defaults to the type's issuing authority. */
  issuer?: string
  /** YYYY-MM-DD; null/absent = no end date. */
  validUntil?: string | null
  sourceCaseId?: string
  issuedAt: Date
  /** Optional fixed id (seeding). */
  id?: string
}

function uuidv4(): string {
  return randomUUID()
}

async function citizenOfAccount(db: DbOrTx, accountId: string): Promise<string | null> {
  const [row] = await db
    .select({ id: citizens.id })
    .from(accounts)
    .innerJoin(citizens, eq(citizens.idNumberHmac, accounts.idNumberHmac))
    .where(and(eq(accounts.id, accountId), isNull(accounts.deletedAt)))
  return row?.id ?? null
}

/**
 * Issue a credential inside the caller's transaction. A licence of a kind the holder already has
 * (all types but benefit approvals) replaces the old one: the old one is revoked first, so the
 * partial unique index (one live licence per kind) holds. Returns the new credential's id.
 *
 *   await issueCredential(request.db, s.crypto, { holderAccountId, type: 'bn', title: '高龄津贴',
 *     fields: { ttl: '高龄津贴', n: name, no: caseNo }, sourceCaseId, issuedAt: s.now() })
 */
export async function issueCredential(db: DbOrTx, crypto: FieldCrypto, input: IssueInput): Promise<{ id: string; cid: string }> {
  const holders = [input.holderAccountId, input.holderCitizenId, input.enterpriseId].filter((x) => x !== undefined)
  if (holders.length !== 1) throw new WalletError('HOLDER_NOT_FOUND')
  let holderCitizenId: string | null = input.holderCitizenId ?? null
  if (input.holderAccountId) {
    holderCitizenId = await citizenOfAccount(db, input.holderAccountId)
    if (!holderCitizenId) throw new WalletError('HOLDER_NOT_FOUND')
  }
  const enterpriseId = input.enterpriseId ?? null
  const def = CREDENTIAL_DEFS[input.type]
  if (def.enterprise !== (enterpriseId !== null)) throw new WalletError('HOLDER_NOT_FOUND')
  for (const k of Object.keys(input.fields)) if (!def.fields.includes(k as FieldKey)) throw new WalletError('BAD_FIELDS')

  if (input.type !== 'bn' && input.type !== 'pc') {
    const holderCond = holderCitizenId ? eq(credentials.holderCitizenId, holderCitizenId) : eq(credentials.enterpriseId, enterpriseId!)
    await db
      .update(credentials)
      .set({ revokedAt: input.issuedAt, revokedReason: 'reissued' })
      .where(and(holderCond, eq(credentials.type, input.type), isNull(credentials.revokedAt)))
  }
  const id = input.id ?? uuidv4()
  const cid = compactId(id)
  await db.insert(credentials).values({
    id,
    cid,
    type: input.type,
    holderCitizenId,
    enterpriseId,
    title: input.title ?? null,
    issuer: input.issuer ?? (input.type === 'bn' ? '宁波市人民政府' : ISSUERS[input.type]),
    fieldsEnc: crypto.encrypt(JSON.stringify(input.fields)),
    validUntil: input.validUntil ?? null,
    sourceCaseId: input.sourceCaseId ?? null,
    issuedAt: input.issuedAt,
  })
  return { id, cid }
}

/** Revoke (lost, withdrawn, …): from now on codes of it verify as `revoked`. Idempotent. */
export async function revokeCredential(db: DbOrTx, id: string, reason: string, at: Date): Promise<boolean> {
  const rows = await db
    .update(credentials)
    .set({ revokedAt: at, revokedReason: reason })
    .where(and(eq(credentials.id, id), isNull(credentials.revokedAt)))
    .returning({ id: credentials.id })
  return rows.length > 0
}

/** The claims of a 亮证 code. Short names keep the QR small: cid credential, t type, iss issuing city, d disclosed. */
export function presentationClaims(row: Pick<CredentialRow, 'cid' | 'type'>, disclosed: Record<string, unknown>): Record<string, unknown> {
  return { cid: row.cid, t: row.type, iss: ISSUER_REGION, d: disclosed }
}

export function readFields(crypto: FieldCrypto, row: CredentialRow): CredentialFields {
  return JSON.parse(crypto.decrypt(row.fieldsEnc)) as CredentialFields
}

export function statusOf(row: Pick<CredentialRow, 'revokedAt' | 'validUntil'>, at: Date): CredentialStatus {
  if (row.revokedAt && row.revokedAt.getTime() <= at.getTime()) return 'revoked'
  if (row.validUntil && row.validUntil < chinaDay(at)) return 'expired'
  return 'active'
}

/** A number shown in a list: the last 4 characters only. */
function maskNumber(v: string): string {
  const chars = Array.from(v)
  if (chars.length <= 4) return '*'.repeat(chars.length)
  return '*'.repeat(Math.min(chars.length - 4, 8)) + chars.slice(-4).join('')
}

export function maskField(key: FieldKey, value: string): string {
  switch (key) {
    case 'n':
    case 'rep':
      return maskName(value)
    case 'id':
      return maskIdNumber(value)
    case 'addr':
      return maskAddress(value)
    case 'no':
    case 'uscc':
      return maskNumber(value)
    case 'bd':
      return `${value.slice(0, 4)}-**-**`
    default:
      return value
  }
}

/** Keys this credential can disclose now: derived ages only when a birth date is on it. */
export function disclosableKeys(type: CredentialType, fields: CredentialFields): FieldKey[] {
  return CREDENTIAL_DEFS[type].disclosable.filter((k) => (k === 'a18' || k === 'a60' ? Boolean(fields.bd) : fields[k] !== undefined))
}

export function summarize(crypto: FieldCrypto, row: CredentialRow, at: Date): CredentialSummary {
  const fields = readFields(crypto, row)
  const def = CREDENTIAL_DEFS[row.type]
  return {
    id: row.id,
    type: row.type,
    ...(row.title ? { title: row.title } : {}),
    issuer: row.issuer,
    status: statusOf(row, at),
    issuedAt: row.issuedAt.toISOString(),
    validUntil: row.validUntil,
    // A company's name on its own 营业执照 is a public registration fact, not a person's name: shown whole.
    fields: def.fields.filter((k) => k !== 'bd' && fields[k] !== undefined).map((k) => ({ key: k, value: def.enterprise && k === 'n' ? fields[k]! : maskField(k, fields[k]!) })),
    disclosable: disclosableKeys(row.type, fields),
  }
}

// ---- seed ---------------------------------------------------------------------------------

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
  const rows: (typeof credentials.$inferInsert)[] = []
  const add = (row: Omit<typeof credentials.$inferInsert, 'id' | 'cid' | 'fieldsEnc' | 'issuedAt'> & { fields: CredentialFields; revoked?: boolean }) => {
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
  for (const u of await db.select({ citizenId: reUnits.citizenId, certNo: reUnits.certNo, location: reUnits.location, area: reUnits.area }).from(reUnits).orderBy(asc(reUnits.certNo))) {
    const owner = byId.get(u.citizenId)
    if (!owner) continue
    add({ type: 'pc', holderCitizenId: u.citizenId, issuer: ISSUERS.pc, fields: { n: owner.name, no: u.certNo, addr: u.location, area: (u.area / 100).toFixed(2) } })
  }
  for (let i = 0; i < rows.length; i += 500) await db.insert(credentials).values(rows.slice(i, i + 500))
  return rows.length
}
