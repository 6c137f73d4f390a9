// Development-only helpers of the stand-in (404 when NODE_ENV=production): read the SMS outbox,
// mint stand-in mini-program login codes, move the server's clock. Registered only outside
// production, so in production these paths do not exist at all.
import { randomBytes } from 'node:crypto'
import { desc, eq } from 'drizzle-orm'
import { Type } from '@sinclair/typebox'
import { identityTickets, smsOutbox } from '../db/schema'
import { sha256 } from '../identity/mini'
import { DAY, MINUTE } from '../identity/rate'
import { parsePhone } from '../identity/accounts'
import { ApiError, fieldError } from '../errors'
import { errorResponses, type App, type Services } from './context'
import { iso } from '../dates'

export function devRoutes(app: App, s: Services): void {
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
      const rows = await request.db.select().from(smsOutbox).where(eq(smsOutbox.phoneHmac, s.crypto.index(phone))).orderBy(desc(smsOutbox.createdAt)).limit(20)
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
      await request.db.insert(identityTickets).values({
        kind: `mini-code:${request.body.platform}`,
        secretHash: sha256(code),
        data: { openid: request.body.openid },
        expiresAt: new Date(now.getTime() + 5 * MINUTE),
        createdAt: now,
      })
      return { code }
    },
  )
}

/**
 * A clock that browser tests can move: the running stand-in's `services.now` outside production.
 * Every time rule (booking windows, check-in codes, token expiry, TOTP, jobs) reads it, so one
 * offset moves the whole server consistently; the app asks the server rather than its own clock.
 */
export interface DevClock {
  now: () => Date
  offsetMs(): number
  setOffset(ms: number): void
}

/** How far the clock may be moved either way. */
export const MAX_CLOCK_OFFSET_MS = 400 * DAY

/** A clock that reads `startMs` now and then advances with `base`. */
export function runningFrom(startMs: number, base: () => Date): () => Date {
  const baseStart = base().getTime()
  return () => new Date(startMs + (base().getTime() - baseStart))
}

export function createDevClock(base: () => Date): DevClock {
  let offset = 0
  return {
    now: () => (offset === 0 ? base() : new Date(base().getTime() + offset)),
    offsetMs: () => offset,
    setOffset(ms) {
      offset = ms
    },
  }
}

const ClockResponse = Type.Object({ now: Type.String({ format: 'date-time' }), offsetMs: Type.Integer() })

/** GET/POST /api/dev/clock. Registered by app.ts only when it built a DevClock (never in production). */
export function devClockRoutes(app: App, clock: DevClock, nodeEnv: string): void {
  if (nodeEnv === 'production') return
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
