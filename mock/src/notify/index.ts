// Notifications: the in-app inbox (消息) plus a push through the mini-program subscribe message
// when the person has a one-time grant for the template. `notify()` runs inside the caller's
// transaction: the inbox row commits with the caller's writes; the push goes out from a job.
import type { FastifyRequest } from 'fastify'
import type { SubscribeTemplate } from '../../../src/domain/contract/notify'
import type { DbOrTx, Tx } from '../db/client'
import { enqueue } from '../jobs/queue'
import type { Services } from '../context'
import { deferInsert } from '../idempotency'
import { pushSenders } from './senders'
import { bindingsOf, inboxById, inboxInsertSql, insertInbox, spendGrant, type InboxValues } from './repo'

export interface Notice {
  accountId: string
  kind: string
  title: string
  body: string
  link?: string
  /** Subscribe-message template to push with (needs a grant); none = inbox only. */
  template?: SubscribeTemplate
  /** Template fields by name (templates.ts TEMPLATE_FIELDS: e.g. item, time, place). */
  fields?: Record<string, string>
}

export const PUSH_JOB = 'notify.push'

/**
 * notify() for a caller inside an idempotent POST whose request reads nothing of the inbox back:
 * an inbox-only notice (no template, so no push job needs its id) is written by the statement
 * that stores the request's answer (idempotency.ts deferInsert), one round trip fewer; otherwise
 * as notify().
 */
export async function notifyWithAnswer(request: FastifyRequest, db: DbOrTx, notice: Notice, now: Date): Promise<void> {
  if (!notice.template && deferInsert(request, db, inboxInsertSql(db, inboxValues(notice, now)))) return
  await notify(db, notice, now)
}

function inboxValues(notice: Notice, now: Date): InboxValues {
  return { accountId: notice.accountId, kind: notice.kind, title: notice.title, body: notice.body, link: notice.link ?? null, createdAt: now }
}

export async function notify(db: DbOrTx, notice: Notice, now: Date): Promise<string> {
  const id = await insertInbox(db, inboxValues(notice, now))
  if (notice.template) {
    await enqueue(db, { name: PUSH_JOB, data: { inboxId: id, template: notice.template, fields: notice.fields ?? {} }, runAt: now, singletonKey: `push:${id}` }, now)
  }
  return id
}

/** What a push adapter is asked to deliver. */
export interface PushMessage {
  channel: 'weapp' | 'alipay'
  /** openid (weapp) or user_id (alipay), in clear. */
  toUser: string
  template: string
  page?: string
  fields: Record<string, string>
}

export interface PushSender {
  /** Whether this deployment configured a template for the kind (no template: keep the grant). */
  supports?(template: string): boolean
  send(message: PushMessage): Promise<void>
}

/**
 * The push job: spend one grant per channel the person has accepted the template on (a
 * conditional UPDATE, so a grant is never used twice) and send through that channel's adapter.
 */
export function pushHandler(senders: Partial<Record<'weapp' | 'alipay', PushSender>>, decrypt: (enc: string) => string) {
  return async (tx: Tx, data: Record<string, unknown>): Promise<void> => {
    const inboxId = String(data.inboxId)
    const template = String(data.template)
    const fields = (data.fields ?? {}) as Record<string, string>
    const msg = await inboxById(tx, inboxId)
    if (!msg) return
    for (const b of await bindingsOf(tx, msg.accountId)) {
      const sender = senders[b.platform]
      if (!sender || (sender.supports && !sender.supports(template))) continue
      if (!(await spendGrant(tx, msg.accountId, b.platform, template))) continue
      await sender.send({ channel: b.platform, toUser: decrypt(b.openidEnc), template, page: msg.link ?? undefined, fields })
    }
  }
}

/** The push job for this deployment: senders from the typed config (identity.mini + notify). */
export function pushJob(s: Pick<Services, 'config' | 'crypto' | 'now'>) {
  return pushHandler(pushSenders(s.config.identity.mini, s.config.notify, s.now), (enc) => s.crypto.decrypt(enc))
}
