// The only place that picks weapp / alipay / h5. TARO_ENV is a build-time constant, so webpack
// drops the branches (and their requires) that do not belong to the target being built: the
// weapp bundle never contains the h5 code or workbox-window.
import type { Platform } from './types'

export * from './types'
export { PlatformUnsupportedError, PlatformCancelledError, PlatformFailedError } from './errors'
export type { PlatformCapability } from './errors'

function createPlatform(): Platform {
  // An if/else chain on the constant, so webpack's ConstPlugin never even parses the requires
  // of the other targets (code after an early return would still be bundled).
  if (process.env.TARO_ENV === 'weapp') {
    return (require('./weapp') as typeof import('./weapp')).createWeappPlatform()
  } else if (process.env.TARO_ENV === 'alipay') {
    return (require('./alipay') as typeof import('./alipay')).createAlipayPlatform()
  } else {
    return (require('./h5') as typeof import('./h5')).createH5Platform()
  }
}

export const platform: Platform = createPlatform()
