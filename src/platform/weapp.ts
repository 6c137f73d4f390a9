// WeChat mini-program.
import Taro from '@tarojs/taro'
import { PlatformUnsupportedError } from './errors'
import { miniProgramBase, taroSystemInfo, vendorError } from './taro-common'
import type { Platform } from './types'

export function createWeappPlatform(): Platform {
  // wx.getRandomValues is the CSPRNG and is async only; the pool makes randomBytes synchronous.
  const base = miniProgramBase(async (n) => {
    if (typeof Taro.getRandomValues !== 'function') throw new PlatformUnsupportedError('secureRandom')
    const res = await Taro.getRandomValues({ length: n })
    return new Uint8Array(res.randomValues)
  })

  return {
    ...base,
    name: 'weapp',
    async faceCheck(opts) {
      if (!opts.name || !opts.idNumber) throw new PlatformUnsupportedError('faceCheck')
      try {
        // 微信人脸核身 (needs the government service category); the server verifies verifyResult.
        const res = await Taro.startFacialRecognitionVerify({ name: opts.name, idCardNumber: opts.idNumber, checkAliveType: 2 })
        return { verifyResult: res.verifyResult }
      } catch (e) {
        throw vendorError('faceCheck', e)
      }
    },
    async requestSubscribeMessage(tmplIds) {
      try {
        const res = (await Taro.requestSubscribeMessage({ tmplIds, entityIds: [] })) as unknown as Record<string, unknown>
        const out: Record<string, string> = {}
        for (const id of tmplIds) if (typeof res[id] === 'string') out[id] = res[id] as string
        return out
      } catch (e) {
        throw vendorError('subscribeMessage', e)
      }
    },
    async setScreenCaptureGuard(on) {
      try {
        // Android only; iOS answers with a failure, which callers may ignore.
        await Taro.setVisualEffectOnCapture({ visualEffect: on ? 'hidden' : 'none' })
      } catch {
        throw new PlatformUnsupportedError('screenCaptureGuard')
      }
    },
    getSystemInfo: () => ({ ...taroSystemInfo(), platformName: 'weapp' }),
  }
}
