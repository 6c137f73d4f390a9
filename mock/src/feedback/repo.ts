// 意见反馈 rows.
import type { DbOrTx } from '../db/client'
import { feedback } from '../db/schema'

export type NewFeedback = Pick<typeof feedback.$inferInsert, 'category' | 'content' | 'contactEnc' | 'channel' | 'createdAt'>

/** Store one message; createdAt comes back as PostgreSQL's text form of the timestamptz. */
export async function insertFeedback(db: DbOrTx, row: NewFeedback): Promise<{ id: string; createdAt: string }> {
  const [out] = await db.insert(feedback).values(row).returning({ id: feedback.id, createdAt: feedback.createdAt })
  return out
}
