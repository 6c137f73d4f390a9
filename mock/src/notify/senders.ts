// Subscribe-message adapters: WeChat subscribeMessage.send and Alipay's mini-program template
// message (alipay.open.app.mini.templatemessage.send), written against their documented
// protocols and tested against local fakes (test/fakes/). Credentials come from the identity
// config (the same mini-programs); template ids from WECHAT_SUBSCRIBE_TEMPLATE_ID and
// ALIPAY_SUBSCRIBE_TEMPLATE_ID. Without them no push is sent: the inbox still has the message.
import { alipayCall, type AlipayConfig } from '../identity/alipay'
import { accessTokenCache, WechatError, type WechatConfig } from '../identity/wechat'
import type { PushMessage, PushSender } from './index'

/** Template field limits (WeChat: thing ≤ 20 characters; time as "YYYY-MM-DD HH:mm"). */
function clip(s: string, n = 20): string {
  const chars = Array.from(s)
  return chars.length <= n ? s : `${chars.slice(0, n - 1).join('')}…`
}

/** The reminder template's keys on each platform, in the order: item, time, place. */
export const WECHAT_KEYS = { item: 'thing1', time: 'time2', place: 'thing3' } as const
export const ALIPAY_KEYS = { item: 'keyword1', time: 'keyword2', place: 'keyword3' } as const

function startTime(time: string): string {
  // "2026-10-10 09:00-09:30" -> "2026-10-10 09:00" (a time field takes one moment).
  return time.replace(/-\d\d:\d\d$/, '')
}

export function wechatSender(cfg: WechatConfig & { templateId: string }, now: () => Date): PushSender {
  const token = accessTokenCache(cfg, now)
  return {
    async send(m: PushMessage) {
      const body = {
        touser: m.toUser,
        template_id: cfg.templateId,
        page: m.page,
        miniprogram_state: 'formal',
        lang: 'zh_CN',
        data: {
          [WECHAT_KEYS.item]: { value: clip(m.fields.item ?? '') },
          [WECHAT_KEYS.time]: { value: startTime(m.fields.time ?? '') },
          [WECHAT_KEYS.place]: { value: clip(m.fields.place ?? '') },
        },
      }
      const res = await fetch(`${cfg.base}/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(await token())}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(8000),
      })
      if (!res.ok) throw new WechatError('unavailable', undefined, `wechat subscribe send: HTTP ${res.status}`)
      const r = (await res.json()) as { errcode?: number }
      // 43101: the user has not (or no longer) accepted this template; nothing to retry.
      if (r.errcode === 43101) return
      if (r.errcode) throw new WechatError('rejected', r.errcode, `wechat subscribe send errcode ${r.errcode}`)
    },
  }
}

export function alipaySender(cfg: AlipayConfig & { templateId: string }, now: () => Date): PushSender {
  return {
    async send(m: PushMessage) {
      const data = {
        [ALIPAY_KEYS.item]: { value: m.fields.item ?? '' },
        [ALIPAY_KEYS.time]: { value: m.fields.time ?? '' },
        [ALIPAY_KEYS.place]: { value: m.fields.place ?? '' },
      }
      await alipayCall(cfg, 'alipay.open.app.mini.templatemessage.send', {}, { to_user_id: m.toUser, user_template_id: cfg.templateId, page: m.page ?? 'pages/home/index', data: JSON.stringify(data) }, now())
    },
  }
}

export interface MiniConfig {
  provider: 'stand-in' | 'real'
  wechatBase: string
  wechatAppId?: string
  wechatSecret?: string
  alipayGateway: string
  alipayAppId?: string
  alipayPrivateKey?: string
  alipayPublicKey?: string
}

/** The senders configured for this deployment (none in the stand-in). */
export function pushSenders(mini: MiniConfig, env: NodeJS.ProcessEnv, now: () => Date): Partial<Record<'weapp' | 'alipay', PushSender>> {
  const out: Partial<Record<'weapp' | 'alipay', PushSender>> = {}
  if (mini.provider !== 'real') return out
  const wxTpl = env.WECHAT_SUBSCRIBE_TEMPLATE_ID
  if (wxTpl && mini.wechatAppId && mini.wechatSecret) out.weapp = wechatSender({ base: mini.wechatBase, appId: mini.wechatAppId, secret: mini.wechatSecret, templateId: wxTpl }, now)
  const aliTpl = env.ALIPAY_SUBSCRIBE_TEMPLATE_ID
  if (aliTpl && mini.alipayAppId && mini.alipayPrivateKey && mini.alipayPublicKey) {
    out.alipay = alipaySender({ gateway: mini.alipayGateway, appId: mini.alipayAppId, privateKey: mini.alipayPrivateKey, alipayPublicKey: mini.alipayPublicKey, templateId: aliTpl }, now)
  }
  return out
}
