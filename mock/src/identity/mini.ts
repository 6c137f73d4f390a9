// Mini-program login code exchange: weapp `wx.login` code -> jscode2session; alipay auth code ->
// alipay.system.oauth.token. The stand-in accepts only codes minted by /api/dev/mini-code and
// refuses to run in production, so nothing pretends to be WeChat where it matters.
import { createHash } from 'node:crypto'
import { and, eq, gt, isNull } from 'drizzle-orm'
import type { DbOrTx } from '../db/client'
import { identityTickets } from '../db/schema'
import { AlipayError, alipayCall, type AlipayConfig } from './alipay'
import { WechatError, jscode2session, type WechatConfig } from './wechat'

export type MiniPlatform = 'weapp' | 'alipay'

export class MiniLoginError extends Error {
  constructor(readonly kind: 'invalid_code' | 'unavailable' | 'refused') {
    super(`mini login: ${kind}`)
    this.name = 'MiniLoginError'
  }
}

export interface MiniLoginAdapter {
  readonly kind: string
  exchange(platform: MiniPlatform, code: string, ctx: { db: DbOrTx; now: Date }): Promise<{ openid: string; sessionKey?: string }>
}

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex')

export function standInMini(production: boolean): MiniLoginAdapter {
  return {
    kind: 'stand-in',
    async exchange(platform, code, { db, now }) {
      if (production) throw new MiniLoginError('refused')
      const [t] = await db
        .update(identityTickets)
        .set({ usedAt: now })
        .where(and(eq(identityTickets.secretHash, sha256(code)), eq(identityTickets.kind, `mini-code:${platform}`), isNull(identityTickets.usedAt), gt(identityTickets.expiresAt, now)))
        .returning()
      if (!t) throw new MiniLoginError('invalid_code')
      return { openid: String((t.data as { openid: string }).openid) }
    },
  }
}

export function realMini(wechat: WechatConfig, alipay: AlipayConfig): MiniLoginAdapter {
  return {
    kind: 'real',
    async exchange(platform, code, { now }) {
      try {
        if (platform === 'weapp') {
          const r = await jscode2session(wechat, code)
          return { openid: r.openid, sessionKey: r.sessionKey }
        }
        const r = await alipayCall(alipay, 'alipay.system.oauth.token', { grant_type: 'authorization_code', code }, undefined, now)
        // Newer apps get open_id, older ones user_id.
        const id = r.open_id ?? r.user_id
        if (typeof id !== 'string') throw new MiniLoginError('unavailable')
        return { openid: id }
      } catch (e) {
        if (e instanceof MiniLoginError) throw e
        if ((e instanceof WechatError || e instanceof AlipayError) && e.kind === 'invalid_code') throw new MiniLoginError('invalid_code')
        throw new MiniLoginError('unavailable')
      }
    },
  }
}
