// Notification queries: inbox rows, the person's mini-program bindings, and the one-time
// subscribe-message grants a push spends (notify/index.ts holds the rules).
import { and, eq, gt, sql, type SQL } from 'drizzle-orm'
import type { DbOrTx } from '../db/client'
import { inboxMessages, miniBindings, subscribeGrants } from '../db/schema'

export interface InboxValues {
  accountId: string
  kind: string
  title: string
  body: string
  link: string | null
  createdAt: Date
}

/** The INSERT of an inbox row, unsent: for a caller that has the statement written with its answer. */
export function inboxInsertSql(db: DbOrTx, values: InboxValues): SQL {
  return db.insert(inboxMessages).values(values).getSQL()
}

export async function insertInbox(db: DbOrTx, values: InboxValues): Promise<string> {
  const [row] = await db.insert(inboxMessages).values(values).returning({ id: inboxMessages.id })
  return row.id
}

export async function inboxById(db: DbOrTx, id: string) {
  const [msg] = await db.select().from(inboxMessages).where(eq(inboxMessages.id, id))
  return msg
}

export function bindingsOf(db: DbOrTx, accountId: string) {
  return db.select().from(miniBindings).where(eq(miniBindings.accountId, accountId))
}

/** Spend one grant of the template on the channel; false when none is left (never below zero). */
export async function spendGrant(db: DbOrTx, accountId: string, channel: 'weapp' | 'alipay', template: string): Promise<boolean> {
  const spent = await db
    .update(subscribeGrants)
    .set({ remaining: sql`${subscribeGrants.remaining} - 1` })
    .where(and(eq(subscribeGrants.accountId, accountId), eq(subscribeGrants.channel, channel), eq(subscribeGrants.template, template), gt(subscribeGrants.remaining, 0)))
    .returning({ remaining: subscribeGrants.remaining })
  return spent.length > 0
}
