// Subscribe-message adapters: WeChat subscribeMessage.send and Alipay's mini-program template
// message (alipay.open.app.mini.templatemessage.send), written against their documented
// protocols and tested against local fakes (test/fakes/). Credentials come from the identity
// config (the same mini-programs); template ids and data keys per kind from the notify config
// (templates.ts). A kind without a configured template is not sent: the inbox still has it.
import type { SubscribeTemplate } from '../../../src/domain/contract/notify'
import { alipayCall, type AlipayConfig } from '../identity/alipay'
import { accessTokenCache, WechatError, type WechatConfig } from '../identity/wechat'
import type { PushMessage, PushSender } from './index'
import type { Channel, ChannelTemplates, NotifyConfig } from './templates'

function clip(s: string, n: number): string {
  const chars = Array.from(s)
  return chars.length <= n ? s : `${chars.slice(0, n - 1).join('')}…`
}

/**
 * A value fit for a WeChat data key of the given type (the key's name without its number):
 * WeChat refuses the whole message when one value breaks its type's rule, so clip or reshape.
 */
export function wechatValue(key: string, value: string): string {
  const type = key.replace(/\d+$/, '')
  const v = value.trim()
  switch (type) {
    case 'time': {
      // "2026-10-10 09:00-09:30" -> "2026-10-10 09:00": a time field takes one moment.
      const m = /\d{4}-\d\d-\d\d \d\d:\d\d/.exec(v)
      return m ? m[0] : v
    }
    case 'date': {
      const m = /\d{4}-\d\d-\d\d/.exec(v)
      return m ? m[0] : v
    }
    case 'character_string':
      return v.replace(/[^\x21-\x7e]/g, '').slice(0, 32) || '-'
    case 'phrase':
      // ≤ 5 Chinese characters only.
      return Array.from(v.replace(/[^\u4e00-\u9fff]/g, '')).slice(0, 5).join('') || '无'
    case 'name':
      return clip(v, 10) || '-'
    default:
      // thing and anything else: ≤ 20 characters, never empty.
      return clip(v, 20) || '-'
  }
}

function dataFor(templates: ChannelTemplates, m: PushMessage, value: (key: string, v: string) => string): { id: string; data: Record<string, { value: string }> } | undefined {
  const t = templates[m.template as SubscribeTemplate]
  if (!t) return undefined
  const data: Record<string, { value: string }> = {}
  for (const [field, key] of Object.entries(t.keys)) data[key] = { value: value(key, m.fields[field] ?? '') }
  return { id: t.id, data }
}

export function wechatSender(cfg: WechatConfig & { templates: ChannelTemplates }, now: () => Date): PushSender {
  const token = accessTokenCache(cfg, now)
  return {
    supports: (template) => !!cfg.templates[template as SubscribeTemplate],
    async send(m: PushMessage) {
      const d = dataFor(cfg.templates, m, wechatValue)
      if (!d) return
      const body = { touser: m.toUser, template_id: d.id, page: m.page, miniprogram_state: 'formal', lang: 'zh_CN', data: d.data }
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

export function alipaySender(cfg: AlipayConfig & { templates: ChannelTemplates }, now: () => Date): PushSender {
  return {
    supports: (template) => !!cfg.templates[template as SubscribeTemplate],
    async send(m: PushMessage) {
      const d = dataFor(cfg.templates, m, (_k, v) => v)
      if (!d) return
      await alipayCall(cfg, 'alipay.open.app.mini.templatemessage.send', {}, { to_user_id: m.toUser, user_template_id: d.id, page: m.page ?? 'pages/home/index', data: JSON.stringify(d.data) }, now())
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

/** The senders configured for this deployment (none in the stand-in): `config.notify` names the templates. */
export function pushSenders(mini: MiniConfig, tpl: NotifyConfig, now: () => Date): Partial<Record<Channel, PushSender>> {
  const out: Partial<Record<Channel, PushSender>> = {}
  if (mini.provider !== 'real') return out
  if (Object.keys(tpl.weapp).length > 0 && mini.wechatAppId && mini.wechatSecret) {
    out.weapp = wechatSender({ base: mini.wechatBase, appId: mini.wechatAppId, secret: mini.wechatSecret, templates: tpl.weapp }, now)
  }
  if (Object.keys(tpl.alipay).length > 0 && mini.alipayAppId && mini.alipayPrivateKey && mini.alipayPublicKey) {
    out.alipay = alipaySender({ gateway: mini.alipayGateway, appId: mini.alipayAppId, privateKey: mini.alipayPrivateKey, alipayPublicKey: mini.alipayPublicKey, templates: tpl.alipay }, now)
  }
  return out
}
