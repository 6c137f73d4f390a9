// Shapes shared by every API area. The app imports these only as types (`import type`).
import { Type, type Static } from '@sinclair/typebox'

/** Body of every non-2xx API answer. */
export const ErrorBody = Type.Object(
  {
    statusCode: Type.Integer({ minimum: 400, maximum: 599 }),
    code: Type.String({ pattern: '^[A-Z][A-Z0-9_]*$', description: 'Stable, UPPER_SNAKE error code.' }),
    message: Type.String({ description: 'zh-CN text for the user: what happened and what to do.' }),
    field: Type.Optional(Type.String({ description: 'The one input field at fault, when there is one.' })),
    requestId: Type.Optional(Type.String({ description: 'Quote this when asking for help (server errors).' })),
    // Identity answers: enough for the app to show a lock screen or walk the user up a level.
    lockedUntil: Type.Optional(Type.String({ format: 'date-time', description: 'Locked until this time (code LOGIN_LOCKED and similar).' })),
    retryAfterSeconds: Type.Optional(Type.Integer({ minimum: 0, description: 'Seconds to wait before trying again (rate limits).' })),
    requiredLevel: Type.Optional(Type.String({ description: 'Assurance level the route needs (code LEVEL_REQUIRED): L1, L2 or L3.' })),
    reauth: Type.Optional(Type.Boolean({ description: 'LEVEL_REQUIRED because real name lapsed (12 h / 30 min idle): a fresh SMS code restores it.' })),
    suggestedDisclosure: Type.Optional(
      Type.Array(Type.String({ maxLength: 8 }), { maxItems: 16, description: 'DISCLOSURE_TOO_LONG: the largest part of the chosen fields that fits the QR code; the app offers it.' }),
    ),
  },
  { title: 'ErrorBody' },
)
export type ErrorBody = Static<typeof ErrorBody>

/** Header every POST must carry (UUID). A repeat with the same key replays the first answer. */
export const IDEMPOTENCY_HEADER = 'idempotency-key'
/** Set on an answer replayed from an earlier request with the same Idempotency-Key. */
export const REPLAYED_HEADER = 'idempotent-replayed'

export const Channel = Type.Union([Type.Literal('weapp'), Type.Literal('alipay'), Type.Literal('h5')], {
  description: 'Which app build sent the request.',
})
export type Channel = Static<typeof Channel>
