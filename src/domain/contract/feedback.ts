import { Type, type Static } from '@sinclair/typebox'
import { Channel } from './common'

export const FEEDBACK_CATEGORIES = ['suggestion', 'problem', 'complaint', 'praise', 'other'] as const
export const FeedbackCategory = Type.Union(FEEDBACK_CATEGORIES.map((c) => Type.Literal(c)))
export type FeedbackCategory = (typeof FEEDBACK_CATEGORIES)[number]

export const FEEDBACK_CONTENT_MIN = 5
export const FEEDBACK_CONTENT_MAX = 500

/** POST /api/feedback (意见反馈). Requires an Idempotency-Key header. */
export const CreateFeedbackBody = Type.Object(
  {
    category: FeedbackCategory,
    content: Type.String({ minLength: FEEDBACK_CONTENT_MIN, maxLength: FEEDBACK_CONTENT_MAX }),
    /** Optional mobile number for a reply; checked with the domain's phone rule. */
    contact: Type.Optional(Type.String({ maxLength: 20 })),
    channel: Type.Optional(Channel),
  },
  { additionalProperties: false, title: 'CreateFeedback' },
)
export type CreateFeedbackBody = Static<typeof CreateFeedbackBody>

export const CreateFeedbackResponse = Type.Object(
  { id: Type.String({ format: 'uuid' }), createdAt: Type.String({ format: 'date-time' }) },
  { title: 'FeedbackCreated' },
)
export type CreateFeedbackResponse = Static<typeof CreateFeedbackResponse>
