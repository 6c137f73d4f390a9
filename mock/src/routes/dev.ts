// Development-only helpers of the stand-in (404 when NODE_ENV=production): read the SMS outbox,
// mint stand-in mini-program login codes. Registered only outside production, so in production
// these paths do not exist at all.
import { randomBytes } from 'node:crypto'
import { desc, eq } from 'drizzle-orm'
import { Type } from '@sinclair/typebox'
import { identityTickets, smsOutbox } from '../db/schema'
import { sha256 } from '../identity/mini'
import { MINUTE } from '../identity/rate'
import { parsePhone } from './auth'
import { errorResponses, type App, type Services } from './context'
import { iso } from './identity'

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
