// Local fake of the Alipay open-platform gateway for alipay.system.oauth.token and the certify
// (实人认证) initialize / query methods. It verifies each request's RSA2 signature with the
// application's public key and signs each answer with its own private key, as the gateway does.
import { createSign, createVerify, generateKeyPairSync, randomBytes } from 'node:crypto'
import { sendJson, startFake, type FakeServer } from './http'

export interface AlipayFake extends FakeServer {
  /** PEM of the fake gateway's public key: configure it as ALIPAY_PUBLIC_KEY. */
  alipayPublicKey: string
  mintAuthCode(userId: string): string
  certifications: Map<string, { certName: string; certNo: string; passed: boolean }>
  /** Corrupt the next answers' signatures (to test that the adapter checks them). */
  tamper: boolean
  methods: string[]
}

export async function startAlipayFake(appId: string, appPublicKey: string): Promise<AlipayFake> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const codes = new Map<string, string>()
  const certifications = new Map<string, { certName: string; certNo: string; passed: boolean }>()
  const methods: string[] = []
  const state = { tamper: false } as AlipayFake

  const answer = (res: Parameters<Parameters<typeof startFake>[0]>[2], key: string, member: Record<string, unknown>) => {
    const memberJson = JSON.stringify(member)
    let sign = createSign('RSA-SHA256').update(memberJson, 'utf8').sign(privateKey, 'base64')
    if (state.tamper) sign = (sign[0] === 'A' ? 'B' : 'A') + sign.slice(1)
    // Written as text, the way the gateway does, so the signed member keeps its exact bytes.
    sendJson(res, 200, `{"${key}":${memberJson},"sign":"${sign}"}`)
  }

  const server = await startFake((_req, body, res) => {
    const form = new URLSearchParams(body)
    const params: Record<string, string> = {}
    for (const [k, v] of form) params[k] = v
    const method = params.method ?? ''
    methods.push(method)
    const responseKey = `${method.replace(/\./g, '_')}_response`
    const error = (sub_code: string, sub_msg: string) => answer(res, 'error_response', { code: '40002', msg: 'Invalid Arguments', sub_code, sub_msg })
    const content = Object.keys(params)
      .filter((k) => k !== 'sign' && params[k] !== '')
      .sort()
      .map((k) => `${k}=${params[k]}`)
      .join('&')
    if (params.sign_type !== 'RSA2' || !createVerify('RSA-SHA256').update(content, 'utf8').verify(appPublicKey, params.sign ?? '', 'base64')) return error('isv.invalid-signature', '验签出错')
    if (params.app_id !== appId) return error('isv.invalid-app-id', '无效的AppID参数')
    if (!/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(params.timestamp ?? '') || params.version !== '1.0' || params.charset !== 'utf-8') return error('isv.invalid-parameter', '参数无效')
    if (method === 'alipay.system.oauth.token') {
      const userId = params.grant_type === 'authorization_code' ? codes.get(params.code ?? '') : undefined
      if (!userId) return error('isv.code-invalid', '授权码code无效')
      codes.delete(params.code)
      return answer(res, responseKey, { user_id: userId, open_id: `open_${userId}`, access_token: randomBytes(8).toString('hex'), expires_in: 1296000, re_expires_in: 2592000, refresh_token: 'r' })
    }
    const biz = JSON.parse(params.biz_content ?? '{}')
    if (method === 'alipay.user.certify.open.initialize') {
      const ip = biz.identity_param ?? {}
      if (biz.biz_code !== 'FACE' || ip.identity_type !== 'CERT_INFO' || ip.cert_type !== 'IDENTITY_CARD' || !biz.outer_order_no) {
        return answer(res, responseKey, { code: '40004', msg: 'Business Failed', sub_code: 'INVALID_PARAMETER', sub_msg: '参数有误' })
      }
      const certifyId = randomBytes(16).toString('hex')
      certifications.set(certifyId, { certName: ip.cert_name, certNo: ip.cert_no, passed: false })
      return answer(res, responseKey, { code: '10000', msg: 'Success', certify_id: certifyId })
    }
    if (method === 'alipay.user.certify.open.query') {
      const c = certifications.get(biz.certify_id)
      if (!c) return answer(res, responseKey, { code: '40004', msg: 'Business Failed', sub_code: 'CERTIFY_ID_INVALID', sub_msg: '无效的认证' })
      return answer(res, responseKey, { code: '10000', msg: 'Success', passed: c.passed ? 'T' : 'F' })
    }
    error('isv.invalid-method', '不存在的方法名')
  })
  return Object.assign(state, server, {
    alipayPublicKey: publicKey.export({ type: 'spki', format: 'pem' }) as string,
    mintAuthCode(userId: string) {
      const code = randomBytes(12).toString('hex')
      codes.set(code, userId)
      return code
    },
    certifications,
    methods,
  })
}
