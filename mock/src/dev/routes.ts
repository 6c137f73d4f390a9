// Development-only helpers of the stand-in (never in production: app.ts registers this plugin only
// then, so these paths do not exist at all): read the SMS outbox, mint stand-in mini-program login
// codes, read and move the server's clock.
import { randomBytes } from 'node:crypto'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { sha256 } from '../identity/mini'
import { MINUTE } from '../identity/rate'
import { parsePhone } from '../identity/accounts'
import { ApiError, fieldError } from '../errors'
import { errorResponses, type App, type Services } from '../context'
import { iso } from '../dates'
import { MAX_CLOCK_OFFSET_MS, type DevClock } from './clock'
import * as repo from './repo'

const ClockResponse = Type.Object({ now: Type.String({ format: 'date-time' }), offsetMs: Type.Integer() })

/** GET/POST /api/dev/clock. */
function clockRoutes(app: App, clock: DevClock): void {
  const tags = ['development']
  const answer = () => ({ now: clock.now().toISOString(), offsetMs: clock.offsetMs() })
  app.get('/api/dev/clock', { schema: { tags, summary: "The stand-in's clock and its offset from the system clock (not in production)", response: { 200: ClockResponse } } }, async () => answer())
  app.post(
    '/api/dev/clock',
    {
      config: { idempotency: false },
      schema: {
        tags,
        summary: 'Move the stand-in\'s clock: to an instant (`at`) or by an offset from its base clock (`offsetMs`; 0 = the system clock, or the DEV_CLOCK_AT timeline when the server was started with one). Not in production',
        body: Type.Union([
          Type.Object({ at: Type.String({ format: 'date-time' }) }, { additionalProperties: false }),
          Type.Object({ offsetMs: Type.Integer({ minimum: -MAX_CLOCK_OFFSET_MS, maximum: MAX_CLOCK_OFFSET_MS }) }, { additionalProperties: false }),
        ]),
        response: { 200: ClockResponse, ...errorResponses(400) },
      },
    },
    async (request) => {
      const body = request.body
      // The unmoved clock, read once: the offset comes from it, so setting the same instant twice
      // gives the same offset, and so does the answer (a second reading can be a millisecond on).
      const unmoved = clock.now().getTime() - clock.offsetMs()
      let offset: number
      if ('at' in body) {
        const at = Date.parse(body.at)
        if (Number.isNaN(at)) throw new ApiError(400, 'VALIDATION')
        offset = at - unmoved
      } else {
        offset = body.offsetMs
      }
      if (Math.abs(offset) > MAX_CLOCK_OFFSET_MS) throw fieldError('at', 'range')
      clock.setOffset(Math.round(offset))
      request.log.info({ offsetMs: clock.offsetMs() }, 'dev clock moved')
      return { now: new Date(unmoved + clock.offsetMs()).toISOString(), offsetMs: clock.offsetMs() }
    },
  )
}

export interface DevRoutesOptions {
  services: Services
  clock: DevClock
}

const devRoutes: FastifyPluginAsyncTypebox<DevRoutesOptions> = async (app, { services: s, clock }) => {
  if (s.config.nodeEnv === 'production') return
  const tags = ['development']
  app.get(
    '/api/dev/sms-outbox',
    {
      schema: {
        tags,
        summary: 'Messages the stand-in SMS gateway "sent" to a phone, newest first (not in production)',
        querystring: Type.Object({ phone: Type.String({ minLength: 1, maxLength: 20 }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(Type.Object({ text: Type.String(), code: Type.String(), createdAt: Type.String() })) }), ...errorResponses(400) },
      },
    },
    async (request) => {
      const phone = parsePhone(request.query.phone)
      const rows = await repo.smsSentTo(request.db, s.crypto.index(phone))
      return { items: rows.map((r) => ({ text: r.text, code: /(\d{6})/.exec(r.text)?.[1] ?? '', createdAt: iso(r.createdAt) })) }
    },
  )

  app.post(
    '/api/dev/mini-code',
    {
      schema: {
        tags,
        summary: 'Mint a stand-in mini-program login code for an openid (what wx.login / my.getAuthCode give on a device)',
        body: Type.Object({ platform: Type.Union([Type.Literal('weapp'), Type.Literal('alipay')]), openid: Type.String({ minLength: 4, maxLength: 64 }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ code: Type.String() }), ...errorResponses(400) },
      },
    },
    async (request) => {
      const now = s.now()
      const code = randomBytes(16).toString('hex')
      await repo.insertTicket(request.db, {
        kind: `mini-code:${request.body.platform}`,
        secretHash: sha256(code),
        data: { openid: request.body.openid },
        expiresAt: new Date(now.getTime() + 5 * MINUTE),
        createdAt: now,
      })
      return { code }
    },
  )

  clockRoutes(app, clock)
}
export default devRoutes
