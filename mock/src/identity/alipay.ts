// Alipay open-platform gateway client (RSA2): every request is a form POST whose parameters are
// signed with the application's private key (SHA256withRSA over the sorted `k=v&...` string of
// all non-empty parameters except `sign`); every answer is verified with Alipay's public key
// over the exact JSON text of its `<method>_response` member, before anything in it is trusted.
import { createSign, createVerify } from 'node:crypto'
import { chinaDateTimeSeconds } from '../dates'

export interface AlipayConfig {
  gateway: string
  appId: string
  privateKey: string
  alipayPublicKey: string
}

export class AlipayError extends Error {
  constructor(
    readonly kind: 'invalid_code' | 'rejected' | 'unavailable' | 'bad_signature',
    message: string,
  ) {
    super(message)
    this.name = 'AlipayError'
  }
}

/** The string both sides sign: parameters sorted by name, empty values and `sign` left out. */
export function alipaySignContent(params: Record<string, string | undefined>): string {
  return Object.keys(params)
    .filter((k) => k !== 'sign' && params[k] !== undefined && params[k] !== '')
    .sort()
    .map((k) => `${k}=${params[k]}`)
    .join('&')
}

export function rsa2Sign(content: string, privateKey: string): string {
  return createSign('RSA-SHA256').update(content, 'utf8').sign(privateKey, 'base64')
}

export function rsa2Verify(content: string, signature: string, publicKey: string): boolean {
  try {
    return createVerify('RSA-SHA256').update(content, 'utf8').verify(publicKey, signature, 'base64')
  } catch {
    return false
  }
}

/** `yyyy-MM-dd HH:mm:ss` in China time, as the gateway expects. */
export function alipayTimestamp(d: Date): string {
  return chinaDateTimeSeconds(d)
}

/**
 * The raw text of the JSON value at top-level member `key` of `body` (what Alipay signed):
 * re-serialising the parsed object could change spacing or escapes and break the signature.
 */
export function rawMember(body: string, key: string): string | undefined {
  const needle = `"${key}"`
  let i = body.indexOf(needle)
  if (i < 0) return undefined
  i = body.indexOf(':', i + needle.length) + 1
  while (/\s/.test(body[i] ?? '')) i++
  if (body[i] !== '{') return undefined
  let depth = 0
  let inString = false
  for (let j = i; j < body.length; j++) {
    const ch = body[j]
    if (inString) {
      if (ch === '\\') j++
      else if (ch === '"') inString = false
    } else if (ch === '"') inString = true
    else if (ch === '{') depth++
    else if (ch === '}' && --depth === 0) return body.slice(i, j + 1)
  }
  return undefined
}

/** The gateway's common request parameters (every method, signed or page-style). */
function commonParams(cfg: AlipayConfig, method: string, now: Date): Record<string, string> {
  return { app_id: cfg.appId, method, format: 'JSON', charset: 'utf-8', sign_type: 'RSA2', timestamp: alipayTimestamp(now), version: '1.0' }
}

/**
 * A page-style method (e.g. alipay.user.certify.open.certify): nothing is called server-side; the
 * client opens the signed gateway URL (my.startAPVerify / startBizService).
 */
export function alipaySignedUrl(cfg: AlipayConfig, method: string, bizContent: Record<string, unknown>, now: Date): string {
  const all: Record<string, string> = { ...commonParams(cfg, method, now), biz_content: JSON.stringify(bizContent) }
  all.sign = rsa2Sign(alipaySignContent(all), cfg.privateKey)
  return `${cfg.gateway}?${new URLSearchParams(all).toString()}`
}

export async function alipayCall(
  cfg: AlipayConfig,
  method: string,
  params: Record<string, string>,
  bizContent: Record<string, unknown> | undefined,
  now: Date,
): Promise<Record<string, unknown>> {
  const all: Record<string, string> = { ...commonParams(cfg, method, now), ...params }
  if (bizContent) all.biz_content = JSON.stringify(bizContent)
  all.sign = rsa2Sign(alipaySignContent(all), cfg.privateKey)
  let text: string
  try {
    const res = await fetch(cfg.gateway, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8' },
      body: new URLSearchParams(all).toString(),
      signal: AbortSignal.timeout(8000),
    })
    if (!res.ok) throw new Error(`HTTP ${res.status}`)
    text = await res.text()
  } catch (e) {
    throw new AlipayError('unavailable', `alipay gateway: ${(e as Error).message}`)
  }
  let parsed: Record<string, unknown>
  try {
    parsed = JSON.parse(text)
  } catch {
    throw new AlipayError('unavailable', 'alipay gateway: not JSON')
  }
  const key = parsed.error_response ? 'error_response' : `${method.replace(/\./g, '_')}_response`
  const raw = rawMember(text, key)
  const sign = typeof parsed.sign === 'string' ? parsed.sign : undefined
  if (!raw || !sign || !rsa2Verify(raw, sign, cfg.alipayPublicKey)) throw new AlipayError('bad_signature', 'alipay answer signature invalid')
  const member = parsed[key] as Record<string, unknown>
  if (key === 'error_response' || (member.code !== undefined && member.code !== '10000')) {
    const sub = String(member.sub_code ?? member.code ?? '')
    throw new AlipayError(/code|auth/.test(sub) && key === 'error_response' ? 'invalid_code' : 'rejected', `alipay ${sub}`)
  }
  return member
}
