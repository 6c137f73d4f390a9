// Identity settings: which adapters talk to which outside services. Every adapter defaults to
// the stand-in so the PWA and the tests run without WeChat, Alipay, an SMS vendor or the police
// registry; the real adapters take their base URL from here so tests can point them at fakes.
import { createECDH, createPrivateKey, hkdfSync, type KeyObject } from 'node:crypto'
import { Type } from '@sinclair/typebox'

const choice = (values: string[], def: string, description: string) =>
  Type.Union(values.map((v) => Type.Literal(v)), { default: def, description })
const opt = (description: string) => Type.Optional(Type.String({ description }))

export const IdentityConfigProps = {
  JWT_PRIVATE_KEY: opt(
    'ES256 (P-256) private key, PKCS#8 PEM (`\\n` escapes allowed), that signs access tokens. Unset: derived from `ID_ENCRYPTION_KEY` (HKDF). Generate: `openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256`.',
  ),
  SMS_PROVIDER: choice(['stand-in', 'tencent'], 'stand-in', '`stand-in` writes codes to the `sms_outbox` table (read at `/api/dev/sms-outbox` outside production); `tencent` sends through Tencent Cloud SMS.'),
  TENCENT_SMS_ENDPOINT: Type.String({ minLength: 1, default: 'https://sms.tencentcloudapi.com', description: 'Tencent Cloud SMS API endpoint.' }),
  TENCENT_SMS_SECRET_ID: opt('Tencent Cloud SecretId (TC3-HMAC-SHA256).'),
  TENCENT_SMS_SECRET_KEY: opt('Tencent Cloud SecretKey.'),
  TENCENT_SMS_SDK_APP_ID: opt('SmsSdkAppId.'),
  TENCENT_SMS_SIGN_NAME: opt('Approved SMS signature (签名).'),
  TENCENT_SMS_TEMPLATE_ID: opt('Approved template with parameters {1} = code, {2} = minutes.'),
  TENCENT_SMS_REGION: Type.String({ minLength: 1, default: 'ap-guangzhou', description: 'Tencent Cloud region of the SMS API.' }),
  MINI_LOGIN_PROVIDER: choice(['stand-in', 'real'], 'stand-in', '`real`: WeChat jscode2session and Alipay alipay.system.oauth.token; `stand-in`: accepts codes minted by `/api/dev/mini-code` (refused in production).'),
  WECHAT_API_BASE: Type.String({ minLength: 1, default: 'https://api.weixin.qq.com', description: 'WeChat server API base URL.' }),
  WECHAT_APPID: opt('Mini-program AppID (weapp).'),
  WECHAT_SECRET: opt('Mini-program AppSecret (weapp).'),
  ALIPAY_GATEWAY: Type.String({ minLength: 1, default: 'https://openapi.alipay.com/gateway.do', description: 'Alipay open-platform gateway URL.' }),
  ALIPAY_APP_ID: opt('Alipay mini-program app_id.'),
  ALIPAY_PRIVATE_KEY: opt('Application private key (PKCS#8 PEM) for RSA2 request signing.'),
  ALIPAY_PUBLIC_KEY: opt('Alipay public key (PEM) to verify response signatures.'),
  FACE_PROVIDER: choice(['stand-in', 'real'], 'stand-in', '`real`: WeChat 人脸核身 / Alipay certify; `stand-in`: a liveness check for h5 and development, refused in production.'),
  REGISTRY_PROVIDER: choice(['stand-in', 'http'], 'stand-in', '`stand-in`: the seeded population registry; `http`: the identity-check service at `REGISTRY_URL`.'),
  REGISTRY_URL: opt('Base URL of the identity-check (实名核验) service.'),
  REGISTRY_TOKEN: opt('Bearer credential for the identity-check service.'),
}

export interface IdentityConfig {
  jwtKey: KeyObject
  sms: { provider: 'stand-in' } | { provider: 'tencent'; endpoint: string; secretId: string; secretKey: string; sdkAppId: string; signName: string; templateId: string; region: string }
  mini: { provider: 'stand-in' | 'real'; wechatBase: string; wechatAppId?: string; wechatSecret?: string; alipayGateway: string; alipayAppId?: string; alipayPrivateKey?: string; alipayPublicKey?: string }
  face: { provider: 'stand-in' | 'real' }
  registry: { provider: 'stand-in' } | { provider: 'http'; url: string; token: string }
}

const pem = (v: unknown) => (typeof v === 'string' ? v.replace(/\\n/g, '\n') : undefined)

/** Builds the identity part of the config; problems are returned as operator-readable lines. */
export function identityConfig(values: Record<string, unknown>, masterKey: Buffer): { config?: IdentityConfig; errors: string[] } {
  const errors: string[] = []
  const need = (names: string[], why: string) => {
    for (const n of names) if (!values[n]) errors.push(`配置错误：${why}时必须设置 ${n}。`)
  }
  let jwtKey: KeyObject | undefined
  const rawKey = pem(values.JWT_PRIVATE_KEY)
  if (rawKey) {
    try {
      jwtKey = createPrivateKey(rawKey)
      const d = jwtKey.asymmetricKeyDetails
      if (jwtKey.asymmetricKeyType !== 'ec' || d?.namedCurve !== 'prime256v1') throw new Error('not P-256')
    } catch {
      errors.push('配置错误：JWT_PRIVATE_KEY 应为 P-256 (ES256) 私钥的 PKCS#8 PEM。')
      jwtKey = undefined
    }
  } else {
    // Unset: derived from the master key, so every instance with the same config signs alike.
    jwtKey = derivedJwtKey(masterKey)
  }
  if (values.SMS_PROVIDER === 'tencent') {
    need(['TENCENT_SMS_SECRET_ID', 'TENCENT_SMS_SECRET_KEY', 'TENCENT_SMS_SDK_APP_ID', 'TENCENT_SMS_SIGN_NAME', 'TENCENT_SMS_TEMPLATE_ID'], 'SMS_PROVIDER=tencent ')
  }
  if (values.MINI_LOGIN_PROVIDER === 'real' || values.FACE_PROVIDER === 'real') {
    need(['WECHAT_APPID', 'WECHAT_SECRET', 'ALIPAY_APP_ID', 'ALIPAY_PRIVATE_KEY', 'ALIPAY_PUBLIC_KEY'], '使用真实小程序登录或人脸核身')
  }
  if (values.REGISTRY_PROVIDER === 'http') need(['REGISTRY_URL', 'REGISTRY_TOKEN'], 'REGISTRY_PROVIDER=http ')
  if (errors.length > 0 || !jwtKey) return { errors }
  const s = (n: string) => values[n] as string
  return {
    errors,
    config: {
      jwtKey,
      sms:
        values.SMS_PROVIDER === 'tencent'
          ? {
              provider: 'tencent',
              endpoint: s('TENCENT_SMS_ENDPOINT'),
              secretId: s('TENCENT_SMS_SECRET_ID'),
              secretKey: s('TENCENT_SMS_SECRET_KEY'),
              sdkAppId: s('TENCENT_SMS_SDK_APP_ID'),
              signName: s('TENCENT_SMS_SIGN_NAME'),
              templateId: s('TENCENT_SMS_TEMPLATE_ID'),
              region: s('TENCENT_SMS_REGION'),
            }
          : { provider: 'stand-in' },
      mini: {
        provider: values.MINI_LOGIN_PROVIDER as 'stand-in' | 'real',
        wechatBase: s('WECHAT_API_BASE'),
        wechatAppId: s('WECHAT_APPID'),
        wechatSecret: s('WECHAT_SECRET'),
        alipayGateway: s('ALIPAY_GATEWAY'),
        alipayAppId: s('ALIPAY_APP_ID'),
        alipayPrivateKey: pem(values.ALIPAY_PRIVATE_KEY),
        alipayPublicKey: pem(values.ALIPAY_PUBLIC_KEY),
      },
      face: { provider: values.FACE_PROVIDER as 'stand-in' | 'real' },
      registry: values.REGISTRY_PROVIDER === 'http' ? { provider: 'http', url: s('REGISTRY_URL'), token: s('REGISTRY_TOKEN') } : { provider: 'stand-in' },
    },
  }
}

/** A P-256 private key from HKDF of the master key (retried with a counter in the ~2^-32 case the scalar is out of range). */
export function derivedJwtKey(masterKey: Buffer): KeyObject {
  for (let i = 0; ; i++) {
    const d = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), `zhijian/jwt-es256/v1/${i}`, 32))
    try {
      const ecdh = createECDH('prime256v1')
      ecdh.setPrivateKey(d)
      const pub = ecdh.getPublicKey()
      return createPrivateKey({
        key: { kty: 'EC', crv: 'P-256', d: d.toString('base64url'), x: pub.subarray(1, 33).toString('base64url'), y: pub.subarray(33, 65).toString('base64url') },
        format: 'jwk',
      })
    } catch (e) {
      if (i > 3) throw e
    }
  }
}
