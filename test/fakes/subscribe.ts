// Local fakes of the two subscribe-message send APIs:
// - WeChat: GET /cgi-bin/token (client_credential) and POST /cgi-bin/message/subscribe/send
//   (touser, template_id, page, data {key: {value}}, miniprogram_state, lang), with WeChat's
//   errcodes for a bad token (40001), a bad template (40037), bad data (47003) and a user who
//   has not accepted the template (43101);
// - Alipay: the open-platform gateway for alipay.open.app.mini.templatemessage.send, checking
//   the request's RSA2 signature and signing its answer like the real gateway.
import { createSign, createVerify, generateKeyPairSync, randomBytes } from 'node:crypto'
import { sendJson, startFake, type FakeServer } from './http'

export interface SentMessage {
  touser: string
  template: string
  page?: string
  data: Record<string, { value: string }>
}

export interface WechatSubscribeFake extends FakeServer {
  sent: SentMessage[]
  /** openids that accepted the template (others get 43101). */
  accepted: Set<string>
}

export async function startWechatSubscribeFake(appid: string, secret: string, templateId: string): Promise<WechatSubscribeFake> {
  const tokens = new Set<string>()
  const sent: SentMessage[] = []
  const accepted = new Set<string>()
  const server = await startFake((req, body, res) => {
    const url = new URL(req.url ?? '/', 'http://fake')
    const q = (k: string) => url.searchParams.get(k) ?? ''
    if (req.method === 'GET' && url.pathname === '/cgi-bin/token') {
      if (q('appid') !== appid || q('secret') !== secret || q('grant_type') !== 'client_credential') return sendJson(res, 200, { errcode: 40125, errmsg: 'invalid appsecret' })
      const t = randomBytes(12).toString('hex')
      tokens.add(t)
      return sendJson(res, 200, { access_token: t, expires_in: 7200 })
    }
    if (req.method === 'POST' && url.pathname === '/cgi-bin/message/subscribe/send') {
      if (!tokens.has(q('access_token'))) return sendJson(res, 200, { errcode: 40001, errmsg: 'invalid credential' })
      const p = JSON.parse(body || '{}')
      if (p.template_id !== templateId) return sendJson(res, 200, { errcode: 40037, errmsg: 'invalid template_id' })
      if (!['developer', 'trial', 'formal', undefined].includes(p.miniprogram_state)) return sendJson(res, 200, { errcode: 47003, errmsg: 'argument invalid! miniprogram_state' })
      for (const [k, v] of Object.entries<{ value?: unknown }>(p.data ?? {})) {
        const value = String(v?.value ?? '')
        // thing.DATA: at most 20 characters; time.DATA: a date and time.
        if (k.startsWith('thing') && (value === '' || Array.from(value).length > 20)) return sendJson(res, 200, { errcode: 47003, errmsg: `argument invalid! data.${k}.value` })
        if (k.startsWith('time') && !/^\d{4}-\d\d-\d\d \d\d:\d\d$/.test(value)) return sendJson(res, 200, { errcode: 47003, errmsg: `argument invalid! data.${k}.value` })
      }
      if (!accepted.has(p.touser)) return sendJson(res, 200, { errcode: 43101, errmsg: 'user refuse to accept the msg' })
      sent.push({ touser: p.touser, template: p.template_id, page: p.page, data: p.data })
      return sendJson(res, 200, { errcode: 0, errmsg: 'ok' })
    }
    sendJson(res, 404, { errcode: -1, errmsg: 'no such api' })
  })
  return Object.assign(server, { sent, accepted })
}

export interface AlipaySubscribeFake extends FakeServer {
  alipayPublicKey: string
  sent: SentMessage[]
}

export async function startAlipaySubscribeFake(appId: string, appPublicKey: string, templateId: string): Promise<AlipaySubscribeFake> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const sent: SentMessage[] = []
  const server = await startFake((_req, body, res) => {
    const params: Record<string, string> = {}
    for (const [k, v] of new URLSearchParams(body)) params[k] = v
    const method = params.method ?? ''
    const answer = (key: string, member: Record<string, unknown>) => {
      const json = JSON.stringify(member)
      const sign = createSign('RSA-SHA256').update(json, 'utf8').sign(privateKey, 'base64')
      sendJson(res, 200, `{"${key}":${json},"sign":"${sign}"}`)
    }
    const content = Object.keys(params)
      .filter((k) => k !== 'sign' && params[k] !== '')
      .sort()
      .map((k) => `${k}=${params[k]}`)
      .join('&')
    if (params.sign_type !== 'RSA2' || !createVerify('RSA-SHA256').update(content, 'utf8').verify(appPublicKey, params.sign ?? '', 'base64')) {
      return answer('error_response', { code: '40002', msg: 'Invalid Arguments', sub_code: 'isv.invalid-signature', sub_msg: '验签出错' })
    }
    if (params.app_id !== appId) return answer('error_response', { code: '40002', msg: 'Invalid Arguments', sub_code: 'isv.invalid-app-id', sub_msg: '无效的AppID参数' })
    const key = `${method.replace(/\./g, '_')}_response`
    if (method !== 'alipay.open.app.mini.templatemessage.send') return answer('error_response', { code: '40002', msg: 'Invalid Arguments', sub_code: 'isv.invalid-method', sub_msg: '不存在的方法名' })
    const biz = JSON.parse(params.biz_content ?? '{}')
    if (biz.user_template_id !== templateId || !biz.to_user_id || typeof biz.data !== 'string') {
      return answer(key, { code: '40004', msg: 'Business Failed', sub_code: 'INVALID_PARAMETER', sub_msg: '参数有误' })
    }
    sent.push({ touser: biz.to_user_id, template: biz.user_template_id, page: biz.page, data: JSON.parse(biz.data) })
    answer(key, { code: '10000', msg: 'Success' })
  })
  return Object.assign(server, { sent, alipayPublicKey: publicKey.export({ type: 'spki', format: 'pem' }) as string })
}
