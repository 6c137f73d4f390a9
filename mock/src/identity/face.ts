// Real-person check (L3) providers. The server starts a flow, the client runs the vendor's face
// UI with the returned id, then the server asks the vendor for the result itself: whatever the
// client reports about the outcome is never used.
import { randomInt } from 'node:crypto'
import { AlipayError, alipayCall, alipaySignedUrl, type AlipayConfig } from './alipay'
import { WechatError, getVerifyId, queryVerifyInfo, type WechatConfig } from './wechat'

export type FaceMethod = 'wechat' | 'alipay' | 'stand-in'

export interface FaceSubject {
  name: string
  idNumber: string
  /** weapp openid (WeChat only). */
  openid?: string
  outSeqNo: string
}

export interface FaceProvider {
  /** Returns what the client hands to its face UI (verifyId / certifyId / stand-in challenge), and what the query needs. */
  start(s: FaceSubject, now: Date): Promise<{ clientToken: string; clientUrl?: string; state: Record<string, string> }>
  /** The vendor's verdict. `clientProof` is used only by the stand-in. */
  passed(s: FaceSubject, state: Record<string, string>, now: Date, clientProof?: string): Promise<boolean>
}

export class FaceError extends Error {
  constructor(readonly kind: 'unavailable' | 'refused') {
    super(`face: ${kind}`)
    this.name = 'FaceError'
  }
}

const wrap = async <T>(f: () => Promise<T>): Promise<T> => {
  try {
    return await f()
  } catch (e) {
    if (e instanceof WechatError || e instanceof AlipayError) throw new FaceError('unavailable')
    throw e
  }
}

export function wechatFace(cfg: WechatConfig, accessToken: () => Promise<string>): FaceProvider {
  return {
    start: (s) =>
      wrap(async () => {
        const verifyId = await getVerifyId(cfg, await accessToken(), { outSeqNo: s.outSeqNo, name: s.name, idNumber: s.idNumber, openid: s.openid! })
        return { clientToken: verifyId, state: { verifyId } }
      }),
    passed: (s, state) =>
      wrap(async () => queryVerifyInfo(cfg, await accessToken(), { verifyId: state.verifyId, outSeqNo: s.outSeqNo, name: s.name, idNumber: s.idNumber, openid: s.openid! })),
  }
}

export function alipayFace(cfg: AlipayConfig): FaceProvider {
  return {
    start: (s, now) =>
      wrap(async () => {
        const r = await alipayCall(
          cfg,
          'alipay.user.certify.open.initialize',
          {},
          {
            outer_order_no: s.outSeqNo,
            biz_code: 'FACE',
            identity_param: { identity_type: 'CERT_INFO', cert_type: 'IDENTITY_CARD', cert_name: s.name, cert_no: s.idNumber },
            merchant_config: { return_url: '' },
          },
          now,
        )
        const certifyId = String(r.certify_id ?? '')
        if (!certifyId) throw new FaceError('unavailable')
        // The URL my.startAPVerify opens: the signed alipay.user.certify.open.certify page call.
        const clientUrl = alipaySignedUrl(cfg, 'alipay.user.certify.open.certify', { certify_id: certifyId }, now)
        return { clientToken: certifyId, clientUrl, state: { certifyId } }
      }),
    passed: (_s, state, now) =>
      wrap(async () => {
        const r = await alipayCall(cfg, 'alipay.user.certify.open.query', {}, { certify_id: state.certifyId }, now)
        return r.passed === 'T'
      }),
  }
}

/**
 * Development liveness: the "SDK" is the stand-in's own page, which shows a 6-digit challenge
 * the user types back. It proves nothing about a face, which is why it refuses in production.
 */
export function standInFace(production: boolean): FaceProvider {
  return {
    async start() {
      if (production) throw new FaceError('refused')
      const challenge = String(randomInt(0, 1_000_000)).padStart(6, '0')
      return { clientToken: challenge, state: { challenge } }
    },
    async passed(_s, state, _now, proof) {
      if (production) throw new FaceError('refused')
      return typeof proof === 'string' && proof === state.challenge
    },
  }
}
