// 意见反馈. Idempotent like every POST (see idempotency.ts): writes go through request.db.
import { CreateFeedbackBody, CreateFeedbackResponse, FEEDBACK_CONTENT_MIN } from '../../../src/domain/contract'
import { validatePhone } from '../../../src/domain'
import { feedback } from '../db/schema'
import { fieldError } from '../errors'
import { errorResponses, type App, type Services } from './context'

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** PostgreSQL's text form of a timestamptz ('2026-01-01 08:00:00.123+08') as ISO 8601 UTC. */
export function pgTimestampToIso(value: string): string {
  const d = new Date(value.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00'))
  if (Number.isNaN(d.getTime())) throw new RangeError(`unexpected timestamp ${value}`)
  return d.toISOString()
}

export function feedbackRoutes(app: App, s: Services): void {
  app.post(
    '/api/feedback',
    {
      schema: {
        tags: ['feedback'],
        summary: 'Submit feedback (意见反馈)',
        body: CreateFeedbackBody,
        response: { 201: CreateFeedbackResponse, ...errorResponses(400, 409, 413, 415, 422) },
      },
    },
    async (request, reply) => {
      const body = request.body
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
      const [row] = await request.db
        .insert(feedback)
        .values({ category: body.category, content, contactEnc, channel: body.channel ?? 'unknown', createdAt: s.now().toISOString() })
        .returning({ id: feedback.id, createdAt: feedback.createdAt })
      reply.code(201)
      return { id: row.id, createdAt: pgTimestampToIso(row.createdAt) }
    },
  )
}
