// Wires the identity adapters from config. Route modules receive this object explicitly.
import type { Config } from '../config'
import type { FieldCrypto } from '../crypto'
import { alipayFace, standInFace, wechatFace, type FaceMethod, type FaceProvider } from './face'
import { realMini, standInMini, type MiniLoginAdapter } from './mini'
import { httpRegistry, standInRegistry, type IdentityRegistry } from './registry'
import { standInSms, tencentSms, type SmsSender } from './sms'
import { createTokenSigner, type TokenSigner } from './tokens'
import { accessTokenCache } from './wechat'

export interface IdentityServices {
  signer: TokenSigner
  sms: SmsSender
  mini: MiniLoginAdapter
  registry: IdentityRegistry
  face: Partial<Record<FaceMethod, FaceProvider>>
  production: boolean
}

export function createIdentityServices(config: Config, crypto: FieldCrypto, now: () => Date): IdentityServices {
  const c = config.identity
  const production = config.nodeEnv === 'production'
  const wechat = { base: c.mini.wechatBase, appId: c.mini.wechatAppId ?? '', secret: c.mini.wechatSecret ?? '' }
  const alipay = { gateway: c.mini.alipayGateway, appId: c.mini.alipayAppId ?? '', privateKey: c.mini.alipayPrivateKey ?? '', alipayPublicKey: c.mini.alipayPublicKey ?? '' }
  return {
    signer: createTokenSigner(c.jwtKey),
    sms: c.sms.provider === 'tencent' ? tencentSms(c.sms) : standInSms,
    mini: c.mini.provider === 'real' ? realMini(wechat, alipay) : standInMini(production),
    registry: c.registry.provider === 'http' ? httpRegistry(c.registry) : standInRegistry(crypto),
    // The stand-in liveness is always registered (h5 has no vendor face SDK) but refuses in production.
    face: c.face.provider === 'real' ? { wechat: wechatFace(wechat, accessTokenCache(wechat, now)), alipay: alipayFace(alipay), 'stand-in': standInFace(production) } : { 'stand-in': standInFace(production) },
    production,
  }
}
