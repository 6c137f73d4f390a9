// The real adapters against local fakes of the vendors' protocols: Tencent Cloud SMS (TC3
// signatures), WeChat jscode2session + 人脸核身, Alipay oauth.token + certify (RSA2 both ways),
// and an identity-check service.
import { createVerify, generateKeyPairSync } from 'node:crypto'
import { and, eq } from 'drizzle-orm'
import { miniBindings } from '../../mock/src/db/schema'
import { alipaySignContent, rawMember } from '../../mock/src/identity/alipay'
import { certHash } from '../../mock/src/identity/wechat'
import { startAlipayFake, type AlipayFake } from '../fakes/alipay'
import { startRegistryFake, type RegistryFake } from '../fakes/registry'
import { startTencentSmsFake, type TencentFake } from '../fakes/tencent-sms'
import { startWechatFake, type WechatFake } from '../fakes/wechat'
import { forEachDatabase, type EnvOptions, type TestEnv } from './harness'
import { TestClock, accountIdOf, consent, get, newPhone, post } from './identity-helpers'

const clock = new TestClock()
const MIN = 60_000
const app = generateKeyPairSync('rsa', { modulusLength: 2048 })
const options: EnvOptions = { seed: { citizens: 30, enterprises: 2 }, clock: clock.now, extraEnv: {} }
let tencent: TencentFake
let wechat: WechatFake
let alipay: AlipayFake
let registry: RegistryFake
const secrets: Record<string, string> = { AKIDfake0001: 'fake-secret-key-0001' }

beforeAll(async () => {
  tencent = await startTencentSmsFake(secrets)
  tencent.now = () => Math.floor(clock.t / 1000)
  wechat = await startWechatFake('wx-test-appid', 'wx-test-secret')
  alipay = await startAlipayFake('2021000000000001', app.publicKey.export({ type: 'spki', format: 'pem' }) as string)
  registry = await startRegistryFake('registry-token')
  Object.assign(options.extraEnv!, {
    SMS_PROVIDER: 'tencent',
    TENCENT_SMS_ENDPOINT: tencent.url,
    TENCENT_SMS_SECRET_ID: 'AKIDfake0001',
    TENCENT_SMS_SECRET_KEY: 'fake-secret-key-0001',
    TENCENT_SMS_SDK_APP_ID: '1400000001',
    TENCENT_SMS_SIGN_NAME: '指尖办',
    TENCENT_SMS_TEMPLATE_ID: '100001',
    MINI_LOGIN_PROVIDER: 'real',
    FACE_PROVIDER: 'real',
    WECHAT_API_BASE: wechat.url,
    WECHAT_APPID: 'wx-test-appid',
    WECHAT_SECRET: 'wx-test-secret',
    ALIPAY_GATEWAY: `${alipay.url}/gateway.do`,
    ALIPAY_APP_ID: '2021000000000001',
    ALIPAY_PRIVATE_KEY: app.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    ALIPAY_PUBLIC_KEY: alipay.alipayPublicKey,
    REGISTRY_PROVIDER: 'http',
    REGISTRY_URL: registry.url,
    REGISTRY_TOKEN: 'registry-token',
  })
})

afterAll(async () => {
  await Promise.all([tencent?.close(), wechat?.close(), alipay?.close(), registry?.close()])
})

function lastCodeFor(phone: string): string {
  const m = [...tencent.sent].reverse().find((x) => x.phone === `+86${phone}`)
  if (!m) throw new Error('no SMS')
  return m.params[0]
}

async function smsLogin(env: TestEnv, phone: string, extra: Record<string, unknown> = {}) {
  const sent = await post(env, '/api/auth/sms', { phone })
  if (sent.statusCode !== 200) throw new Error(`sms ${sent.body}`)
  return post(env, '/api/auth/login', { phone, code: lastCodeFor(phone), ...extra })
}

const people = { name: '王小明', idNumber: '330203199001010014' }

forEachDatabase(
  'identity: real adapters against local fakes',
  (getEnv) => {
    beforeAll(() => {
      registry.people.set(people.idNumber, people.name)
    })

    it('sends the code through Tencent Cloud SMS with a valid TC3 signature', async () => {
      const env = getEnv()
      const phone = newPhone()
      const res = await smsLogin(env, phone)
      expect(res.statusCode).toBe(200)
      const msg = tencent.sent.at(-1)!
      expect(msg).toMatchObject({ phone: `+86${phone}`, sdkAppId: '1400000001', signName: '指尖办', templateId: '100001' })
      expect(msg.params).toEqual([expect.stringMatching(/^\d{6}$/), '5'])
      // The stand-in outbox is not used by the real adapter.
      expect((await get(env, `/api/dev/sms-outbox?phone=${phone}`)).json().items).toEqual([])
    })

    it('a vendor refusal (bad signature, stale timestamp) is a 503 and costs no quota', async () => {
      const env = getEnv()
      const phone = newPhone()
      secrets.AKIDfake0001 = 'rotated-key'
      const bad = await post(env, '/api/auth/sms', { phone })
      expect(bad.statusCode).toBe(503)
      expect(bad.json().code).toBe('SMS_SEND_FAILED')
      secrets.AKIDfake0001 = 'fake-secret-key-0001'
      tencent.now = () => Math.floor(clock.t / 1000) + 600
      expect((await post(env, '/api/auth/sms', { phone })).statusCode).toBe(503)
      tencent.now = () => Math.floor(clock.t / 1000)
      // No 60-second wait: the failed attempts were rolled back.
      expect((await post(env, '/api/auth/sms', { phone })).statusCode).toBe(200)
    })

    it('weapp: jscode2session -> binding ticket -> phone step binds -> next login signs straight in', async () => {
      const env = getEnv()
      const first = await post(env, '/api/auth/mini-login', { platform: 'weapp', code: wechat.mintCode('o_weapp_user_1') })
      expect(first.statusCode).toBe(200)
      expect(first.json()).toMatchObject({ status: 'bind_required', expiresInSeconds: 600 })
      expect(first.body).not.toMatch(/session_key|sessionKey|o_weapp_user_1/)
      const phone = newPhone()
      const bound = await smsLogin(env, phone, { bindTicket: first.json().bindTicket })
      expect(bound.statusCode).toBe(200)
      const again = await post(env, '/api/auth/mini-login', { platform: 'weapp', code: wechat.mintCode('o_weapp_user_1') })
      expect(again.json().status).toBe('signed_in')
      expect(again.body).not.toMatch(/session_key|sessionKey/)
      const me = await get(env, '/api/me', { token: again.json().tokens.accessToken })
      expect(me.json().accountId).toBe(await accountIdOf(env, phone))
      // session_key stays on the server, encrypted.
      const [b] = await env.database.db.select().from(miniBindings).where(and(eq(miniBindings.accountId, me.json().accountId), eq(miniBindings.platform, 'weapp')))
      expect(Buffer.from(env.crypto.decrypt(b.sessionKeyEnc!), 'base64')).toHaveLength(16)
      // A binding ticket works once.
      clock.advance(MIN)
      expect((await smsLogin(env, newPhone(), { bindTicket: first.json().bindTicket })).json().code).toBe('BIND_TICKET_INVALID')
    })

    it('weapp: invalid and reused codes are 401 MINI_CODE_INVALID (errcode 40029 / 40163)', async () => {
      const env = getEnv()
      const bad = await post(env, '/api/auth/mini-login', { platform: 'weapp', code: 'never-issued' })
      expect(bad.statusCode).toBe(401)
      expect(bad.json()).toMatchObject({ code: 'MINI_CODE_INVALID', field: 'code' })
      const code = wechat.mintCode('o_weapp_user_2')
      expect((await post(env, '/api/auth/mini-login', { platform: 'weapp', code })).statusCode).toBe(200)
      expect((await post(env, '/api/auth/mini-login', { platform: 'weapp', code })).json().code).toBe('MINI_CODE_INVALID')
    })

    it('alipay: RSA2-signed oauth.token, verified answer, same binding flow', async () => {
      const env = getEnv()
      const first = await post(env, '/api/auth/mini-login', { platform: 'alipay', code: alipay.mintAuthCode('2088000000000001') })
      expect(first.json().status).toBe('bind_required')
      const phone = newPhone()
      expect((await smsLogin(env, phone, { bindTicket: first.json().bindTicket })).statusCode).toBe(200)
      const again = await post(env, '/api/auth/mini-login', { platform: 'alipay', code: alipay.mintAuthCode('2088000000000001') })
      expect(again.json().status).toBe('signed_in')
      expect(alipay.methods).toContain('alipay.system.oauth.token')
      expect((await post(env, '/api/auth/mini-login', { platform: 'alipay', code: 'not-a-code' })).json().code).toBe('MINI_CODE_INVALID')
    })

    it('alipay: an answer whose signature does not verify is not trusted', async () => {
      const env = getEnv()
      alipay.tamper = true
      try {
        const res = await post(env, '/api/auth/mini-login', { platform: 'alipay', code: alipay.mintAuthCode('2088000000000002') })
        expect(res.statusCode).toBe(503)
        expect(res.json().code).toBe('MINI_LOGIN_UNAVAILABLE')
      } finally {
        alipay.tamper = false
      }
    })

    it('real name through the HTTP identity-check service; an outage is 503 and not a mismatch', async () => {
      const env = getEnv()
      const phone = newPhone()
      const t = (await smsLogin(env, phone)).json()
      await consent(env, t.accessToken, 'id_processing')
      registry.down = true
      const down = await post(env, '/api/identity/real-name', people, { token: t.accessToken })
      expect(down.statusCode).toBe(503)
      expect(down.json().code).toBe('REGISTRY_UNAVAILABLE')
      registry.down = false
      expect((await post(env, '/api/identity/real-name', { ...people, name: '王小强' }, { token: t.accessToken })).json().code).toBe('NAME_MISMATCH')
      expect((await post(env, '/api/identity/real-name', people, { token: t.accessToken })).statusCode).toBe(200)
    })

    it('WeChat 人脸核身: getVerifyId -> client -> server queryVerifyInfo; the client cannot claim success', async () => {
      const env = getEnv()
      const start0 = await post(env, '/api/auth/mini-login', { platform: 'weapp', code: wechat.mintCode('o_face_user') })
      const phone = newPhone()
      const t = (await smsLogin(env, phone, { bindTicket: start0.json().bindTicket })).json()
      registry.people.set('330203199001010022', '李华')
      await consent(env, t.accessToken, 'id_processing')
      expect((await post(env, '/api/identity/real-name', { name: '李华', idNumber: '330203199001010022' }, { token: t.accessToken })).statusCode).toBe(200)
      await consent(env, t.accessToken, 'face')
      const start = await post(env, '/api/identity/face/start', { method: 'wechat' }, { token: t.accessToken })
      expect(start.statusCode).toBe(200)
      const verifyId = start.json().clientToken
      const session = wechat.verifySessions.get(verifyId)!
      expect(session).toMatchObject({ openid: 'o_face_user', cert: { cert_type: 'IDENTITY_CARD', cert_name: '李华', cert_no: '330203199001010022' } })
      // wx.requestFacialVerify "succeeded" on the client, but WeChat says the user cancelled.
      const failed = await post(env, '/api/identity/face/complete', { flowId: start.json().flowId, standInProof: 'success' }, { token: t.accessToken })
      expect(failed.json().code).toBe('FACE_FAILED')
      const second = await post(env, '/api/identity/face/start', { method: 'wechat' }, { token: t.accessToken })
      wechat.setVerifyResult(second.json().clientToken, 10000)
      const ok = await post(env, '/api/identity/face/complete', { flowId: second.json().flowId }, { token: t.accessToken })
      expect(ok.statusCode).toBe(200)
      expect(ok.json().level).toBe('L3')
    })

    it('Alipay certify: initialize -> certify_id -> server query', async () => {
      const env = getEnv()
      const t = (await smsLogin(env, newPhone())).json()
      registry.people.set('330203199001010030', '赵敏')
      await consent(env, t.accessToken, 'id_processing')
      expect((await post(env, '/api/identity/real-name', { name: '赵敏', idNumber: '330203199001010030' }, { token: t.accessToken })).statusCode).toBe(200)
      await consent(env, t.accessToken, 'face')
      const start = await post(env, '/api/identity/face/start', { method: 'alipay' }, { token: t.accessToken })
      const cert = alipay.certifications.get(start.json().clientToken)!
      // The certify page URL is signed with the application key, for the client to open.
      const url = new URL(start.json().clientUrl)
      const q = Object.fromEntries(url.searchParams)
      expect(q).toMatchObject({ method: 'alipay.user.certify.open.certify', app_id: '2021000000000001', sign_type: 'RSA2' })
      expect(JSON.parse(q.biz_content)).toEqual({ certify_id: start.json().clientToken })
      expect(createVerify('RSA-SHA256').update(alipaySignContent(q), 'utf8').verify(app.publicKey, q.sign, 'base64')).toBe(true)
      expect(cert).toMatchObject({ certName: '赵敏', certNo: '330203199001010030', passed: false })
      expect((await post(env, '/api/identity/face/complete', { flowId: start.json().flowId }, { token: t.accessToken })).json().code).toBe('FACE_FAILED')
      const again = await post(env, '/api/identity/face/start', { method: 'alipay' }, { token: t.accessToken })
      alipay.certifications.get(again.json().clientToken)!.passed = true
      expect((await post(env, '/api/identity/face/complete', { flowId: again.json().flowId }, { token: t.accessToken })).json().level).toBe('L3')
    })
  },
  options,
)

describe('protocol details', () => {
  it('cert_hash matches the example in the WeChat 人脸核身 documentation', () => {
    expect(certHash({ cert_type: 'IDENTITY_CARD', cert_name: '张三', cert_no: '310101199801011234' })).toBe('3c241f7ff324977aeb91f173bb2a7b06569e6fd784d5573db34a636d8671108b')
  })

  it('Alipay sign content: sorted, without sign and empty values', () => {
    expect(alipaySignContent({ method: 'm', app_id: '1', sign: 'x', biz_content: '', charset: 'utf-8' })).toBe('app_id=1&charset=utf-8&method=m')
  })

  it('Alipay raw member extraction keeps the exact signed text, braces in strings included', () => {
    const body = '{"a_response":{"msg":"x}{\\"y","n":{"k":1}},"sign":"s"}'
    expect(rawMember(body, 'a_response')).toBe('{"msg":"x}{\\"y","n":{"k":1}}')
    expect(rawMember(body, 'missing')).toBeUndefined()
  })
})
