// Citizen accounts by phone: the one place a typed phone number is checked and an account found
// or opened (sign-in by SMS, mini-program phone binding, acting and the dev helpers share it).
import { and, eq, isNull } from 'drizzle-orm'
import { validatePhone } from '../../../src/domain'
import { validation } from '../../../src/domain/messages/zh-CN/validation'
import type { DbOrTx } from '../db/client'
import { accounts } from '../db/schema'
import { ApiError } from '../errors'
import type { Services } from '../context'

export function parsePhone(raw: string, field = 'phone'): string {
  const r = validatePhone(raw)
  if (!r.ok) throw new ApiError(400, 'VALIDATION', validation.phone[r.error], field)
  return r.value
}

export async function findOrCreateAccount(db: DbOrTx, s: Services, phone: string, now: Date): Promise<string> {
  const phoneHmac = s.crypto.index(phone)
  const [existing] = await db.select({ id: accounts.id }).from(accounts).where(and(eq(accounts.phoneHmac, phoneHmac), isNull(accounts.deletedAt)))
  if (existing) return existing.id
  const [created] = await db.insert(accounts).values({ phoneEnc: s.crypto.encrypt(phone), phoneHmac, createdAt: now }).returning({ id: accounts.id })
  return created.id
}
