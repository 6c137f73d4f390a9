// WeChat mini-program.
import Taro from '@tarojs/taro'
import { PlatformUnsupportedError } from './errors'
import { miniProgramBase, taroSystemInfo, vendorError } from './taro-common'
import { PRIVACY_AGREE_BUTTON_ID, type Platform } from './types'

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
    channel: 'weapp',
    subscribeChannel: 'weapp',
    oneTapLogin: 'weapp',
    shareOpenType: 'share',
    faceVendor: 'wechat',
    faceCheck(opts) {
      // 微信人脸核身 2.0: the server got opts.flowId from getVerifyId; the client only runs the face
      // UI, and the server asks queryVerifyInfo for the verdict (the client result is never trusted).
      // requestFacialVerify (base library 3.8.12+) has no Promise form and is not wrapped by Taro.
      const wxApi = (globalThis as { wx?: { requestFacialVerify?: (o: Record<string, unknown>) => void } }).wx
      if (typeof wxApi?.requestFacialVerify !== 'function') return Promise.reject(new PlatformUnsupportedError('faceCheck'))
      return new Promise((resolve, reject) => {
        wxApi.requestFacialVerify!({
          verifyId: opts.flowId,
          success: () => resolve({ verifyResult: opts.flowId }),
          fail: (e: unknown) => reject(vendorError('faceCheck', e)),
        })
      })
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
    privacyAgreeOpenType: 'agreePrivacyAuthorization',
    onPrivacyAuthorizationNeeded(handler) {
      // Base library 2.32.3+: WeChat holds the privacy-relevant call until the app answers.
      const wxApi = (globalThis as { wx?: { onNeedPrivacyAuthorization?: (cb: (resolve: (r: { buttonId?: string; event: 'agree' | 'disagree' }) => void) => void) => void } }).wx
      if (typeof wxApi?.onNeedPrivacyAuthorization !== 'function') return
      wxApi.onNeedPrivacyAuthorization((resolve) => handler((agreed) => resolve(agreed ? { buttonId: PRIVACY_AGREE_BUTTON_ID, event: 'agree' } : { event: 'disagree' })))
    },
    onUserCaptureScreen(cb) {
      const handler = () => cb()
      Taro.onUserCaptureScreen(handler)
      return () => Taro.offUserCaptureScreen(handler)
    },
    async addToCalendar(ev) {
      // wx.addPhoneCalendar (base library 2.15.0+, only from a tap): unix seconds, a reminder 1 h before.
      try {
        await Taro.addPhoneCalendar({
          title: ev.title,
          startTime: Math.floor(Date.parse(ev.startsAt) / 1000),
          endTime: String(Math.floor(Date.parse(ev.endsAt) / 1000)),
          location: ev.location,
          description: ev.description ?? '',
          alarm: true,
          alarmOffset: 3600,
        })
      } catch (e) {
        throw vendorError('calendar', e)
      }
    },
    getSystemInfo: () => ({ ...taroSystemInfo(), platformName: 'weapp' }),
  }
}
