// Alipay mini-program. Vendor APIs Taro does not wrap are reached through the `my` global.
import Taro from '@tarojs/taro'
import { chinaDateTimeSeconds } from '../domain/time'
import { PlatformUnsupportedError } from './errors'
import { miniProgramBase, taroSystemInfo, vendorError } from './taro-common'
import type { Platform } from './types'

type MyCallback = { success?: (res: Record<string, unknown>) => void; fail?: (e: unknown) => void }
type My = Record<string, ((opts: Record<string, unknown> & MyCallback) => void) | undefined> & {
  canIUse?: (api: string) => boolean
}

function my(): My | undefined {
  return (globalThis as unknown as { my?: My }).my
}

/** Call my.<api> if this Alipay version has it; PlatformUnsupportedError otherwise. */
function callMy(api: string, capability: ConstructorParameters<typeof PlatformUnsupportedError>[0], opts: Record<string, unknown>) {
  const m = my()
  const fn = m?.[api]
  if (!m || typeof fn !== 'function' || (m.canIUse && !m.canIUse(api))) throw new PlatformUnsupportedError(capability)
  return new Promise<Record<string, unknown>>((resolve, reject) => {
    fn.call(m, { ...opts, success: resolve, fail: (e: unknown) => reject(vendorError(capability, e)) })
  })
}

export function createAlipayPlatform(): Platform {
  const base = miniProgramBase(async (n) => {
    // Prefer a synchronous Web Crypto if the runtime provides one, else my.getRandomValues.
    const c = (globalThis as { crypto?: { getRandomValues?: (a: Uint8Array) => Uint8Array } }).crypto
    if (c?.getRandomValues) return c.getRandomValues(new Uint8Array(n))
    const res = await callMy('getRandomValues', 'secureRandom', { length: n })
    const v = res.randomValues
    if (!(v instanceof ArrayBuffer)) throw new PlatformUnsupportedError('secureRandom')
    return new Uint8Array(v)
  })

  return {
    ...base,
    name: 'alipay',
    channel: 'alipay',
    subscribeChannel: 'alipay',
    oneTapLogin: 'alipay',
    shareOpenType: 'share',
    faceVendor: 'alipay',
    async faceCheck(opts) {
      // 支付宝实人认证: the server creates the certification (flowId = certifyId) and checks the result.
      if (!opts.certifyUrl) throw new PlatformUnsupportedError('faceCheck')
      const res = await callMy('startAPVerify', 'faceCheck', { certifyId: opts.flowId, url: opts.certifyUrl })
      return { verifyResult: String(res.resultStatus ?? '') }
    },
    async requestSubscribeMessage(tmplIds) {
      const res = await callMy('requestSubscribeMessage', 'subscribeMessage', { entityIds: tmplIds })
      const result = (res.result ?? res) as { subscribeEntityIds?: string[]; unsubscribeEntityIds?: string[] }
      const out: Record<string, string> = {}
      for (const id of result.subscribeEntityIds ?? []) out[id] = 'accept'
      for (const id of result.unsubscribeEntityIds ?? []) out[id] = 'reject'
      return out
    },
    async setScreenCaptureGuard() {
      // Alipay mini-programs have no API to hide the page from screenshots.
      throw new PlatformUnsupportedError('screenCaptureGuard')
    },
    onUserCaptureScreen(cb) {
      const m = my() as unknown as { onUserCaptureScreen?: (f: () => void) => void; offUserCaptureScreen?: (f: () => void) => void } | undefined
      const handler = () => cb()
      m?.onUserCaptureScreen?.(handler)
      return () => m?.offUserCaptureScreen?.(handler)
    },
    async addToCalendar(ev) {
      // my.addEventCal takes local 'yyyy-MM-dd HH:mm:ss' (China time) and a reminder offset in minutes.
      await callMy('addEventCal', 'calendar', { title: ev.title, startDate: chinaDateTimeSeconds(new Date(ev.startsAt)), endDate: chinaDateTimeSeconds(new Date(ev.endsAt)), description: `${ev.location}${ev.description ? `\n${ev.description}` : ''}`, remind: -60, repeat: 'none' })
    },
    async openDocument(url) {
      // my.downloadFile answers only { apFilePath } (Taro maps it to tempFilePath), never a
      // statusCode: an HTTP error arrives as a fail, so a missing status is a finished download.
      const file = await Taro.downloadFile({ url })
      if (typeof file.statusCode === 'number' && file.statusCode !== 200) throw new Error(`download ${file.statusCode}`)
      await Taro.openDocument({ filePath: file.tempFilePath, fileType: 'pdf' })
    },
    getSystemInfo: () => ({ ...taroSystemInfo(), platformName: 'alipay' }),
  }
}
