// 意见反馈: the checks the schema cannot make (lone surrogates, blank padding, the phone rule),
// the contact encrypted at rest. Idempotent like every POST (see idempotency.ts): the row is
// written through the request's transaction.
import { FEEDBACK_CONTENT_MIN, type CreateFeedbackBody, type CreateFeedbackResponse } from '../../../src/domain/contract'
import { validatePhone } from '../../../src/domain'
import type { DbOrTx } from '../db/client'
import { fieldError } from '../errors'
import type { Services } from '../context'
import * as repo from './repo'

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** PostgreSQL's text form of a timestamptz ('2026-01-01 08:00:00.123+08') as ISO 8601 UTC. */
export function pgTimestampToIso(value: string): string {
  const d = new Date(value.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00'))
  if (Number.isNaN(d.getTime())) throw new RangeError(`unexpected timestamp ${value}`)
  return d.toISOString()
}

export async function submitFeedback(db: DbOrTx, s: Pick<Services, 'crypto' | 'now'>, body: CreateFeedbackBody): Promise<CreateFeedbackResponse> {
  const content = body.content.trim()
  // Lone UTF-16 surrogates cannot be stored as text; they only come from broken clients.
  if (LONE_SURROGATE.test(content)) throw fieldError('content', 'pattern')
  // The schema counts characters as sent; blank padding must not make a message long enough.
  if ([...content].length < FEEDBACK_CONTENT_MIN) throw fieldError('content', 'minLength', { limit: FEEDBACK_CONTENT_MIN })
  let contactEnc: string | null = null
  if (body.contact !== undefined && body.contact.trim() !== '') {
    const phone = validatePhone(body.contact)
    if (!phone.ok) throw fieldError('contact', 'phone')
    contactEnc = s.crypto.encrypt(phone.value)
  }
  const row = await repo.insertFeedback(db, { category: body.category, content, contactEnc, channel: body.channel ?? 'unknown', createdAt: s.now().toISOString() })
  return { id: row.id, createdAt: pgTimestampToIso(row.createdAt) }
}
