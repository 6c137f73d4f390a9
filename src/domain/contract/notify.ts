// Subscribe-message templates (订阅消息): the kinds the platform pushes, and the public list of the
// template ids a deployment configured, which the app needs for requestSubscribeMessage.
import { Type, type Static } from '@sinclair/typebox'

/** booking_reminder: 预约提醒; case_progress: 办件进度; rating_reply: 差评回访答复. */
export const SUBSCRIBE_TEMPLATES = ['booking_reminder', 'case_progress', 'rating_reply'] as const
export type SubscribeTemplate = (typeof SUBSCRIBE_TEMPLATES)[number]

const Id = Type.String({ minLength: 1, maxLength: 128 })
const Ids = Type.Object(
  { booking_reminder: Type.Optional(Id), case_progress: Type.Optional(Id), rating_reply: Type.Optional(Id) } satisfies Record<SubscribeTemplate, unknown>,
  { additionalProperties: false },
)

/** GET /api/notify/templates: only configured ids; a missing key means "don't ask for it". */
export const NotifyTemplatesResponse = Type.Object({ weapp: Ids, alipay: Ids }, { title: 'NotifyTemplates' })
export type NotifyTemplatesResponse = Static<typeof NotifyTemplatesResponse>
