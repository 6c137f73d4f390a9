// What a production start refuses (issue 25): stand-in adapters (unless DEMO=1 says this is a
// demonstration), and staff accounts still holding a password published in the README.
import { and, eq, isNull } from 'drizzle-orm'
import { format } from '../../src/domain/messages'
import { api } from '../../src/domain/messages/zh-CN/api'
import type { Config } from './config'
import type { DbOrTx } from './db/client'
import { staffAccounts } from './db/schema'
import { verifyPassword } from './identity/password'
import { SEED_STAFF } from './identity/staff'

/**
 * Every setting whose default is a stand-in, with the value that means "stand-in". The case
 * registries (失信名单 …) have no setting yet: they read seeded tables, which production never
 * fills (see docs/security.md).
 */
export const STAND_IN_SETTINGS = [
  { name: 'SMS_PROVIDER', standIn: (c: Config) => c.identity.sms.provider === 'stand-in' },
  { name: 'REGISTRY_PROVIDER', standIn: (c: Config) => c.identity.registry.provider === 'stand-in' },
  { name: 'FACE_PROVIDER', standIn: (c: Config) => c.identity.face.provider === 'stand-in' },
  { name: 'MINI_LOGIN_PROVIDER', standIn: (c: Config) => c.identity.mini.provider === 'stand-in' },
  { name: 'RECORDS_PROVIDER', standIn: (c: Config) => c.records.provider === 'stand-in' },
] as const

/** One operator line per stand-in still configured in production (none with DEMO=1). */
export function standInRefusals(config: Config, env: NodeJS.ProcessEnv): string[] {
  if (config.nodeEnv !== 'production' || config.demo) return []
  return STAND_IN_SETTINGS.filter((s) => s.standIn(config)).map((s) => {
    const raw = env[s.name]
    const unset = raw === undefined || raw === ''
    return format(api.config.standIn, { name: s.name, value: unset ? 'stand-in' : raw, note: unset ? api.config.standInDefault : '' })
  })
}

/**
 * Usernames of staff accounts whose password is one of the published seed passwords. Accounts
 * that must change their password at next sign-in (bootstrap, reset) and accounts whose password
 * was set through the first sign-in flow (which refuses seed passwords) are skipped: scrypt is
 * slow on purpose, so only passwords nobody has vetted are checked.
 */
export async function accountsWithSeedPasswords(db: DbOrTx): Promise<string[]> {
  const rows = await db
    .select({ username: staffAccounts.username, hash: staffAccounts.passwordHash })
    .from(staffAccounts)
    .where(and(eq(staffAccounts.mustChangePassword, false), isNull(staffAccounts.passwordChangedAt)))
  const found: string[] = []
  for (const r of rows) {
    for (const s of SEED_STAFF) {
      if (await verifyPassword(s.password, r.hash)) {
        found.push(r.username)
        break
      }
    }
  }
  return found.sort()
}

/** True when the password is one of the published seed passwords (never acceptable as a new one). */
export function isSeedPassword(password: string): boolean {
  return SEED_STAFF.some((s) => s.password.normalize('NFKC') === password.normalize('NFKC'))
}
