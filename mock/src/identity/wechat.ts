// WeChat server APIs used by identity: jscode2session (mini-program login), the access token, and
// 人脸核身 2.0 (getVerifyId / queryVerifyInfo). Base URL configurable so tests use a local fake.
import { createHash } from 'node:crypto'

export interface WechatConfig {
  base: string
  appId: string
  secret: string
}

export class WechatError extends Error {
  constructor(
    readonly kind: 'invalid_code' | 'rejected' | 'unavailable',
    readonly errcode: number | undefined,
    message: string,
  ) {
    super(message)
    this.name = 'WechatError'
  }
}

// errcode meanings from the jscode2session documentation.
const INVALID_CODE = new Set([40029, 40163, 40226])

async function call(url: string, init?: RequestInit): Promise<Record<string, unknown>> {
  let body: Record<string, unknown>
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(8000) })
    if (!res.ok) throw new Error(`HTTP ${res.status}`)
    body = (await res.json()) as Record<string, unknown>
  } catch (e) {
    throw new WechatError('unavailable', undefined, `wechat: ${(e as Error).message}`)
  }
  const errcode = typeof body.errcode === 'number' ? body.errcode : 0
  if (errcode !== 0) {
    // -1 (busy) and 45011 (rate limited) are the platform's problem, not the user's code.
    const kind = INVALID_CODE.has(errcode) ? 'invalid_code' : errcode === -1 || errcode === 45011 ? 'unavailable' : 'rejected'
    throw new WechatError(kind, errcode, `wechat errcode ${errcode}`)
  }
  return body
}

export async function jscode2session(cfg: WechatConfig, code: string): Promise<{ openid: string; sessionKey: string; unionid?: string }> {
  const q = new URLSearchParams({ appid: cfg.appId, secret: cfg.secret, js_code: code, grant_type: 'authorization_code' })
  const body = await call(`${cfg.base}/sns/jscode2session?${q}`)
  if (typeof body.openid !== 'string' || typeof body.session_key !== 'string') throw new WechatError('unavailable', undefined, 'wechat: no openid')
  return { openid: body.openid, sessionKey: body.session_key, unionid: typeof body.unionid === 'string' ? body.unionid : undefined }
}

/** client_credential access token, cached in memory until 5 minutes before it expires. */
export function accessTokenCache(cfg: WechatConfig, now: () => Date) {
  let cached: { token: string; until: number } | undefined
  return async (): Promise<string> => {
    if (cached && cached.until > now().getTime()) return cached.token
    const q = new URLSearchParams({ grant_type: 'client_credential', appid: cfg.appId, secret: cfg.secret })
    const body = await call(`${cfg.base}/cgi-bin/token?${q}`)
    const token = String(body.access_token)
    cached = { token, until: now().getTime() + (Number(body.expires_in ?? 7200) - 300) * 1000 }
    return token
  }
}

/** cert_hash of 人脸核身 2.0: base64 each field, join as cert_type=..&cert_name=..&cert_no=.., SHA-256 hex. */
export function certHash(cert: { cert_type: string; cert_name: string; cert_no: string }): string {
  const b = (s: string) => Buffer.from(s, 'utf8').toString('base64')
  return createHash('sha256').update(`cert_type=${b(cert.cert_type)}&cert_name=${b(cert.cert_name)}&cert_no=${b(cert.cert_no)}`).digest('hex')
}

export async function getVerifyId(cfg: WechatConfig, token: string, req: { outSeqNo: string; name: string; idNumber: string; openid: string }): Promise<string> {
  const body = await call(`${cfg.base}/cityservice/face/identify/getverifyid?access_token=${encodeURIComponent(token)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ out_seq_no: req.outSeqNo, cert_info: { cert_type: 'IDENTITY_CARD', cert_name: req.name, cert_no: req.idNumber }, openid: req.openid }),
  })
  if (typeof body.verify_id !== 'string') throw new WechatError('unavailable', undefined, 'wechat: no verify_id')
  return body.verify_id
}

/** True only for errcode 0 and verify_ret 10000 (the documented "passed" condition). */
export async function queryVerifyInfo(cfg: WechatConfig, token: string, req: { verifyId: string; outSeqNo: string; name: string; idNumber: string; openid: string }): Promise<boolean> {
  const body = await call(`${cfg.base}/cityservice/face/identify/queryverifyinfo?access_token=${encodeURIComponent(token)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      verify_id: req.verifyId,
      out_seq_no: req.outSeqNo,
      cert_hash: certHash({ cert_type: 'IDENTITY_CARD', cert_name: req.name, cert_no: req.idNumber }),
      openid: req.openid,
    }),
  })
  return body.verify_ret === 10000
}
