// Local fake of the WeChat server APIs identity uses: sns/jscode2session, cgi-bin/token and
// 人脸核身 2.0 getverifyid / queryverifyinfo (with its own cert_hash computation).
import { createHash, randomBytes } from 'node:crypto'
import { sendJson, startFake, type FakeServer } from './http'

interface VerifySession {
  outSeqNo: string
  openid: string
  cert: { cert_type: string; cert_name: string; cert_no: string }
  ret: number
}

export interface WechatFake extends FakeServer {
  /** What wx.login would hand the mini-program on a device, for this openid. */
  mintCode(openid: string): string
  /** What the user's face check "did" (10000 = passed). */
  setVerifyResult(verifyId: string, ret: number): void
  verifySessions: Map<string, VerifySession>
  calls: string[]
}

export async function startWechatFake(appid: string, secret: string): Promise<WechatFake> {
  const codes = new Map<string, string>()
  const used = new Set<string>()
  const tokens = new Set<string>()
  const verifySessions = new Map<string, VerifySession>()
  const calls: string[] = []
  const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64')
  const server = await startFake((req, body, res) => {
    const url = new URL(req.url ?? '/', 'http://fake')
    const q = (k: string) => url.searchParams.get(k) ?? ''
    calls.push(url.pathname)
    if (req.method === 'GET' && url.pathname === '/sns/jscode2session') {
      if (q('appid') !== appid || q('secret') !== secret) return sendJson(res, 200, { errcode: 40125, errmsg: 'invalid appsecret' })
      if (q('grant_type') !== 'authorization_code') return sendJson(res, 200, { errcode: 40002, errmsg: 'invalid grant_type' })
      const code = q('js_code')
      if (used.has(code)) return sendJson(res, 200, { errcode: 40163, errmsg: 'code been used' })
      const openid = codes.get(code)
      if (!openid) return sendJson(res, 200, { errcode: 40029, errmsg: 'invalid code' })
      used.add(code)
      return sendJson(res, 200, { openid, session_key: randomBytes(16).toString('base64') })
    }
    if (req.method === 'GET' && url.pathname === '/cgi-bin/token') {
      if (q('appid') !== appid || q('secret') !== secret || q('grant_type') !== 'client_credential') return sendJson(res, 200, { errcode: 40125, errmsg: 'invalid appsecret' })
      const t = randomBytes(12).toString('hex')
      tokens.add(t)
      return sendJson(res, 200, { access_token: t, expires_in: 7200 })
    }
    if (!tokens.has(q('access_token'))) return sendJson(res, 200, { errcode: 40001, errmsg: 'invalid credential' })
    const p = JSON.parse(body || '{}')
    if (req.method === 'POST' && url.pathname === '/cityservice/face/identify/getverifyid') {
      if (!/^[A-Za-z0-9_-]{5,32}$/.test(p.out_seq_no ?? '') || p.cert_info?.cert_type !== 'IDENTITY_CARD' || !p.openid) return sendJson(res, 200, { errcode: 40097, errmsg: 'invalid args' })
      const verifyId = `vid_${randomBytes(8).toString('hex')}`
      verifySessions.set(verifyId, { outSeqNo: p.out_seq_no, openid: p.openid, cert: p.cert_info, ret: 90002 })
      return sendJson(res, 200, { errcode: 0, errmsg: 'ok', verify_id: verifyId, expires_in: 3600 })
    }
    if (req.method === 'POST' && url.pathname === '/cityservice/face/identify/queryverifyinfo') {
      const s = verifySessions.get(p.verify_id)
      if (!s) return sendJson(res, 200, { errcode: 40097, errmsg: 'invalid verify_id' })
      const hash = createHash('sha256').update(`cert_type=${b64(s.cert.cert_type)}&cert_name=${b64(s.cert.cert_name)}&cert_no=${b64(s.cert.cert_no)}`).digest('hex')
      // The platform refuses when the identity does not match what getVerifyId was given.
      if (p.out_seq_no !== s.outSeqNo || p.openid !== s.openid || p.cert_hash !== hash) return sendJson(res, 200, { errcode: 40097, errmsg: 'cert info mismatch' })
      return sendJson(res, 200, { errcode: 0, errmsg: 'ok', verify_ret: s.ret })
    }
    sendJson(res, 404, { errcode: 404, errmsg: 'not found' })
  })
  return Object.assign(server, {
    mintCode(openid: string) {
      const code = randomBytes(12).toString('hex')
      codes.set(code, openid)
      return code
    },
    setVerifyResult(verifyId: string, ret: number) {
      verifySessions.get(verifyId)!.ret = ret
    },
    verifySessions,
    calls,
  })
}
