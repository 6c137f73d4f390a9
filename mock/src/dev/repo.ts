// Development helpers' queries: the stand-in SMS gateway's outbox, stand-in mini-program codes.
import { desc, eq } from 'drizzle-orm'
import type { DbOrTx } from '../db/client'
import { identityTickets, smsOutbox } from '../db/schema'

/** The newest 20 messages "sent" to a phone (by its index hash). */
export async function smsSentTo(db: DbOrTx, phoneHmac: string): Promise<Array<{ text: string; createdAt: Date }>> {
  return db.select({ text: smsOutbox.text, createdAt: smsOutbox.createdAt }).from(smsOutbox).where(eq(smsOutbox.phoneHmac, phoneHmac)).orderBy(desc(smsOutbox.createdAt)).limit(20)
}

export async function insertTicket(db: DbOrTx, row: Pick<typeof identityTickets.$inferInsert, 'kind' | 'secretHash' | 'data' | 'expiresAt' | 'createdAt'>): Promise<void> {
  await db.insert(identityTickets).values(row)
}
