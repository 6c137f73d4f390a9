// How a mini-program request failure is told apart: a timeout or another network failure.
// Decided by the vendor's error code where one is given; the message text is only a fallback
// for runtimes that give none (older WeChat base libraries, whose errMsg is localised:
// 'request:fail timeout', '请求超时', '請求逾時' …).
//
//  - Alipay my.request / my.uploadFile fail with a numeric `error`: 13 = timeout (超时),
//    12 = network error (网络出错), 11 = no permission for the domain (无权跨域), 14 = decoding
//    failed, 19 = HTTP error (carries status and data), 20 = request stopped / server throttled
//    (the my.request / my.httpRequest 错误码 table of Alipay's mini-program API docs, as
//    mirrored by mPaaS help.aliyun.com/document_detail/67556.html).
//  - WeChat: newer base libraries add a numeric `errno` (developers.weixin.qq.com/miniprogram/dev
//    /framework/usability/PublicErrno.html): 5 = api timeout (接口调用超时) in the common
//    category; 6xxxxx = the network category (600001 network error, 600003 interrupted …).
import type { TransportErrorKind } from './types'

interface VendorFailure {
  errMsg?: unknown
  errorMessage?: unknown
  error?: unknown
  errno?: unknown
}

/** Alipay my.request `error` meaning the request timed out. */
export const ALIPAY_REQUEST_TIMEOUT = 13
/** WeChat `errno` meaning the API call timed out (common category 00). */
export const WECHAT_ERRNO_TIMEOUT = 5

const TIMEOUT_TEXT = /time\s*d?\s*out|超时|逾時|逾时|超時/i

/** 'timeout' or 'network' for a failed mini-program request (never called for an HTTP answer). */
export function requestFailureKind(e: unknown): TransportErrorKind {
  const v = (e && typeof e === 'object' ? e : {}) as VendorFailure
  if (typeof v.error === 'number') return v.error === ALIPAY_REQUEST_TIMEOUT ? 'timeout' : 'network'
  if (typeof v.errno === 'number' && v.errno !== 0) return v.errno === WECHAT_ERRNO_TIMEOUT ? 'timeout' : 'network'
  const text = String(v.errMsg ?? v.errorMessage ?? (e instanceof Error ? e.message : ''))
  return TIMEOUT_TEXT.test(text) ? 'timeout' : 'network'
}
