// Seeded staff accounts of the stand-in (documented in the README). Fixed passwords and TOTP
// secrets so anyone trying the stand-in can sign in; never used outside the stand-in's seed.
import type { FieldCrypto } from '../crypto'
import type { DbOrTx } from '../db/client'
import { staffAccounts } from '../db/schema'
import { hashPassword } from './password'

export interface SeedStaff {
  username: string
  displayName: string
  password: string
  /** Base32, for an authenticator app (otpauth://totp/指尖办:<username>?secret=...). */
  totpSecret: string
  roles: Array<'window' | 'approver' | 'admin'>
}

export const SEED_STAFF: SeedStaff[] = [
  { username: 'window01', displayName: '海曙区政务服务中心 窗口一', password: 'Window#2026', totpSecret: 'NZUW4ZDPO4YDCWTIHJUWCYLO', roles: ['window'] },
  { username: 'approver01', displayName: '宁波市市场监管局 审批员', password: 'Approver#2026', totpSecret: 'MFYHA4TPOZSXEMBRPJUGS2TJ', roles: ['approver'] },
  { username: 'admin01', displayName: '指尖办 系统管理员', password: 'Admin#2026', totpSecret: 'MFSG22LOGAYXU2DJNJUWC3TH', roles: ['admin'] },
]

/** Inserts the seed staff that are missing (by username). */
export async function seedStaff(db: DbOrTx, crypto: FieldCrypto, now: Date = new Date()): Promise<number> {
  let added = 0
  // Hash only for missing accounts: scrypt is deliberately slow and this runs at every seed.
  const existing = new Set((await db.select({ u: staffAccounts.username }).from(staffAccounts)).map((r) => r.u))
  for (const s of SEED_STAFF.filter((x) => !existing.has(x.username))) {
    const rows = await db
      .insert(staffAccounts)
      .values({ username: s.username, displayName: s.displayName, passwordHash: await hashPassword(s.password), totpSecretEnc: crypto.encrypt(s.totpSecret), roles: s.roles, totpEnrolledAt: now, createdAt: now })
      .onConflictDoNothing()
      .returning({ id: staffAccounts.id })
    added += rows.length
  }
  return added
}
