// A mini-program request that got no answer is a timeout or a network failure by the vendor's
// error code; the text is read only when the runtime gives no code.
import { requestFailureKind, ALIPAY_REQUEST_TIMEOUT, WECHAT_ERRNO_TIMEOUT } from '../../../src/platform/request-failure'
import { networkTypeOnline } from '../../../src/platform/network-state'

describe('requestFailureKind: code first, text only without a code', () => {
  test('Alipay my.request: error 13 is a timeout whatever the message says', () => {
    expect(ALIPAY_REQUEST_TIMEOUT).toBe(13)
    expect(requestFailureKind({ error: 13, errorMessage: '' })).toBe('timeout')
    expect(requestFailureKind({ error: 13, errorMessage: 'Request failed' })).toBe('timeout')
  })

  test('Alipay my.request: other codes are network failures even when the text mentions a timeout', () => {
    for (const error of [11, 12, 14, 20]) expect(requestFailureKind({ error, errorMessage: 'connect timed out' })).toBe('network')
  })

  test('WeChat: errno 5 (api timeout) is a timeout in any language; network errnos are not', () => {
    expect(WECHAT_ERRNO_TIMEOUT).toBe(5)
    expect(requestFailureKind({ errno: 5, errMsg: 'request:fail 請求逾時' })).toBe('timeout')
    expect(requestFailureKind({ errno: 5, errMsg: 'request:fail' })).toBe('timeout')
    expect(requestFailureKind({ errno: 600001, errMsg: 'request:fail -2:net::ERR_INTERNET_DISCONNECTED' })).toBe('network')
    expect(requestFailureKind({ errno: 600003, errMsg: 'request:fail timeout-ish interrupted' })).toBe('network')
  })

  test('without a code (older WeChat base libraries): the localised text decides', () => {
    expect(requestFailureKind({ errMsg: 'request:fail timeout' })).toBe('timeout')
    expect(requestFailureKind({ errMsg: 'request:fail time out' })).toBe('timeout')
    expect(requestFailureKind({ errMsg: 'request:fail 请求超时' })).toBe('timeout')
    expect(requestFailureKind({ errMsg: 'request:fail 請求逾時' })).toBe('timeout')
    expect(requestFailureKind({ errMsg: 'request:fail ssl hand shake error' })).toBe('network')
    expect(requestFailureKind(undefined)).toBe('network')
    expect(requestFailureKind(new Error('socket hang up'))).toBe('network')
  })
})

describe('networkTypeOnline: WeChat and Alipay network answers', () => {
  test('WeChat: none is offline, any other type online', () => {
    expect(networkTypeOnline({ networkType: 'none' })).toBe(false)
    for (const t of ['wifi', '4g', '5g', 'unknown']) expect(networkTypeOnline({ networkType: t })).toBe(true)
  })
  test('Alipay: networkAvailable decides; NOTREACHABLE alone is offline too', () => {
    expect(networkTypeOnline({ networkAvailable: false, networkType: 'NOTREACHABLE' })).toBe(false)
    expect(networkTypeOnline({ networkAvailable: true, networkType: 'WIFI' })).toBe(true)
    expect(networkTypeOnline({ networkType: 'NOTREACHABLE' })).toBe(false)
  })
})
