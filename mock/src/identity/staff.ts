// Seeded staff accounts of the stand-in (documented in the README). Fixed passwords and TOTP
// secrets so anyone trying the stand-in can sign in; never used outside the stand-in's seed.
// Each carries its scope (issue 20): window staff their halls (and, for a department's own window,
// the department), approvers their department. The first three keep their places: tests rely on
// window01 / approver01 / admin01 being the first of their role.
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
  /** Catalog department id (实施部门); none for a hall's 综合窗口 and for admins. */
  departmentId?: string
  /** Catalog hall ids (window staff). */
  hallIds: string[]
}

export const SEED_STAFF: SeedStaff[] = [
  { username: 'window01', displayName: '海曙区行政服务中心 综合窗口', password: 'Window#2026', totpSecret: 'NZUW4ZDPO4YDCWTIHJUWCYLO', roles: ['window'], hallIds: ['hs-centre'] },
  { username: 'approver01', displayName: '宁波市市场监管局 审批员', password: 'Approver#2026', totpSecret: 'MFYHA4TPOZSXEMBRPJUGS2TJ', roles: ['approver'], departmentId: 'market', hallIds: [] },
  { username: 'admin01', displayName: '指尖办 系统管理员', password: 'Admin#2026', totpSecret: 'MFSG22LOGAYXU2DJNJUWC3TH', roles: ['admin'], hallIds: [] },
  { username: 'window02', displayName: '江北区行政服务中心 综合窗口', password: 'Window02#2026', totpSecret: 'PQD56DHV5CP7EEX67BG7IYDG', roles: ['window'], hallIds: ['jb-centre'] },
  { username: 'window03', displayName: '宁波市民服务中心 综合窗口', password: 'Window03#2026', totpSecret: 'GVA7XU2QBQRUN3W4ZBIEID7S', roles: ['window'], hallIds: ['nb-city'] },
  { username: 'approver02', displayName: '宁波市民政局 审批员', password: 'Approver02#2026', totpSecret: 'GIL7ZYBWEWID7EBZC5YTBO2W', roles: ['approver'], departmentId: 'civil', hallIds: [] },
  { username: 'approver03', displayName: '宁波市人力资源和社会保障局 审批员', password: 'Approver03#2026', totpSecret: 'EEODF4MR67DMARPK7NYRV2OX', roles: ['approver'], departmentId: 'hrss', hallIds: [] },
  { username: 'approver04', displayName: '宁波市住房公积金管理中心 审批员', password: 'Approver04#2026', totpSecret: 'ZGJ7B5FR6VP7EI6O4LVBQPQH', roles: ['approver'], departmentId: 'hpf', hallIds: [] },
  { username: 'approver05', displayName: '宁波市不动产登记服务中心 审批员', password: 'Approver05#2026', totpSecret: 'HU6FRVOWQZAUM4U4YXTHSEDJ', roles: ['approver'], departmentId: 'realty', hallIds: [] },
]

/** The seeded officer of a role who works on an item (department) or at a hall; tests and docs. */
export function seededStaffFor(role: 'window' | 'approver', scope: { departmentId?: string; hallId?: string }): SeedStaff {
  const s = SEED_STAFF.find((x) => x.roles.includes(role) && (scope.hallId ? x.hallIds.includes(scope.hallId) : true) && (scope.departmentId && role === 'approver' ? x.departmentId === scope.departmentId : true))
  if (!s) throw new Error(`no seeded ${role} for ${JSON.stringify(scope)}`)
  return s
}

/** Inserts the seed staff that are missing (by username). */
export async function seedStaff(db: DbOrTx, crypto: FieldCrypto, now: Date = new Date()): Promise<number> {
  let added = 0
  // Hash only for missing accounts: scrypt is deliberately slow and this runs at every seed.
  const existing = new Set((await db.select({ u: staffAccounts.username }).from(staffAccounts)).map((r) => r.u))
  for (const s of SEED_STAFF.filter((x) => !existing.has(x.username))) {
    const rows = await db
      .insert(staffAccounts)
      .values({
        username: s.username,
        displayName: s.displayName,
        passwordHash: await hashPassword(s.password),
        totpSecretEnc: crypto.encrypt(s.totpSecret),
        roles: s.roles,
        totpEnrolledAt: now,
        departmentId: s.departmentId ?? null,
        hallIds: s.hallIds,
        createdAt: now,
      })
      .onConflictDoNothing()
      .returning({ id: staffAccounts.id })
    added += rows.length
  }
  return added
}
