// Pieces shared by the Taro-based implementations (weapp, alipay, and h5's request).
import Taro from '@tarojs/taro'
import { PlatformCancelledError, PlatformFailedError, type PlatformCapability } from './errors'
import { TransportError, type MapPlace, type GeoPoint, type PlatformStorage, type Transport, type TransportResponse } from './types'
import { RandomPool } from './randomPool'
import { taroFiles } from './files-taro'
import { requestFailureKind } from './request-failure'
import { networkTypeOnline } from './network-state'

interface VendorError {
  errMsg?: string
  errorMessage?: string
  error?: number
  status?: number
  data?: unknown
  headers?: Record<string, string>
  header?: Record<string, string>
}

function errText(e: unknown): string {
  const v = (e ?? {}) as VendorError
  return String(v.errMsg ?? v.errorMessage ?? (e instanceof Error ? e.message : '') ?? '')
}

/** Map a vendor API failure to a cancel (user closed the dialog) or a zh-CN failure. */
export function vendorError(capability: PlatformCapability, e: unknown): Error {
  const text = errText(e)
  const code = (e as VendorError | undefined)?.error
  // weapp: "...:fail cancel"; alipay: error 10 / 11 = user cancelled.
  if (/cancel/i.test(text) || code === 10 || code === 11) return new PlatformCancelledError()
  return new PlatformFailedError(capability, text)
}

export const taroStorage: PlatformStorage = {
  get(key) {
    try {
      const v: unknown = Taro.getStorageSync(key)
      return typeof v === 'string' && v !== '' ? v : null
    } catch {
      return null
    }
  },
  set(key, value) {
    Taro.setStorageSync(key, value)
  },
  remove(key) {
    try {
      Taro.removeStorageSync(key)
    } catch {
      // Nothing stored: nothing to remove.
    }
  },
}

function lowerKeys(h: Record<string, unknown> | undefined): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(h ?? {})) out[k.toLowerCase()] = String(v)
  return out
}

function bodyText(data: unknown): string {
  if (typeof data === 'string') return data
  if (data === undefined || data === null) return ''
  return JSON.stringify(data)
}

/** Raw text in, raw text out; the wrapper owns JSON. Resolves for every HTTP status. */
export function taroTransport(): Transport {
  return (req) =>
    new Promise<TransportResponse>((resolve, reject) => {
      void Taro.request({
        url: req.url,
        method: req.method,
        header: req.headers,
        data: req.body,
        // Not 'json': every runtime then hands back the body text untouched.
        dataType: 'text',
        responseType: 'text',
        // The wrapper's own timer decides; the native one only frees the connection after it.
        timeout: req.timeoutMs + 1000,
        success: (res) => resolve({ status: res.statusCode, headers: lowerKeys(res.header), body: bodyText(res.data) }),
        fail: (e: unknown) => {
          const v = (e ?? {}) as VendorError
          // Alipay reports HTTP >= 400 as a failure (error 19) that still carries the answer.
          if (typeof v.status === 'number' && v.status >= 400) {
            resolve({ status: v.status, headers: lowerKeys(v.headers ?? v.header), body: bodyText(v.data) })
            return
          }
          reject(new TransportError(requestFailureKind(e), errText(e)))
        },
      }).catch(() => undefined)
    })
}

/** One native subscription fanned out to our listeners; state cached for isOnline(). */
export function taroNetwork(): { isOnline(): boolean; onChange(cb: (online: boolean) => void): () => void } {
  let online = true
  const listeners = new Set<(online: boolean) => void>()
  const set = (next: boolean) => {
    if (next === online) return
    online = next
    listeners.forEach((l) => l(next))
  }
  try {
    Taro.getNetworkType({ success: (r) => set(networkTypeOnline(r)) }).catch(() => undefined)
    Taro.onNetworkStatusChange((r) => set(r.isConnected))
  } catch {
    // No network API (unit tests, old base library): assume online; failures still surface.
  }
  return {
    isOnline: () => online,
    onChange(cb) {
      listeners.add(cb)
      return () => listeners.delete(cb)
    },
  }
}

export async function taroScan(): Promise<string> {
  try {
    const res = await Taro.scanCode({ onlyFromCamera: false })
    return res.result
  } catch (e) {
    throw vendorError('scan', e)
  }
}

export async function taroLocation(): Promise<GeoPoint> {
  try {
    // gcj02: the coordinate system Chinese maps and the platform's hall data use.
    const res = await Taro.getLocation({ type: 'gcj02' })
    return { lat: res.latitude, lng: res.longitude }
  } catch (e) {
    throw vendorError('location', e)
  }
}

export async function taroLoginCode(): Promise<string> {
  try {
    // On alipay Taro maps login to my.getAuthCode({ scopes: 'auth_base' }) and returns authCode as code.
    const res = await Taro.login()
    if (!res.code) throw new Error('no code')
    return res.code
  } catch (e) {
    throw vendorError('login', e)
  }
}

/** System font scale: fontSizeScaleFactor where the runtime has it, else fontSizeSetting / 16 px. */
export function taroSystemInfo(): { fontScale: number; windowWidth: number } {
  let info: Record<string, unknown> = {}
  try {
    info = Taro.getSystemInfoSync() as unknown as Record<string, unknown>
  } catch {
    // Keep defaults.
  }
  const factor = info.fontSizeScaleFactor
  const setting = info.fontSizeSetting
  const fontScale =
    typeof factor === 'number' && factor > 0 ? factor : typeof setting === 'number' && setting > 0 ? setting / 16 : 1
  const windowWidth = typeof info.windowWidth === 'number' ? info.windowWidth : 375
  return { fontScale, windowWidth }
}

/**
 * What both mini-programs share: storage, transport, login code, scan, location, network, and
 * secure random bytes drawn from the vendor's CSPRNG (`fill`) through a pool so they are sync.
 */
export function miniProgramBase(fill: (n: number) => Promise<Uint8Array>) {
  const pool = new RandomPool(fill)
  pool.ready().catch(() => undefined)
  const network = taroNetwork()
  return {
    storage: taroStorage,
    request: taroTransport(),
    ready: () => pool.ready().catch(() => undefined),
    randomBytes: (n: number) => pool.take(n),
    secureRandom: (n: number) => pool.takeAsync(n),
    getLoginCode: taroLoginCode,
    scan: taroScan,
    nativeMap: true,
    getLocation: taroLocation,
    isOnline: network.isOnline,
    onNetworkChange: network.onChange,
    openDocument: taroOpenDocument,
    setTabBadge: taroTabBadge,
    openLocation: taroOpenLocation,
    makePhoneCall: taroPhoneCall,
    copyText: taroCopy,
    chooseFile: taroFiles.chooseFile,
    sendBytes: taroFiles.sendBytes,
  }
}

/** Download to a temporary file, then the built-in viewer (weapp and alipay both have it). */
async function taroOpenDocument(url: string): Promise<void> {
  const file = await Taro.downloadFile({ url })
  if (file.statusCode !== 200) throw new Error(`download ${file.statusCode}`)
  await Taro.openDocument({ filePath: file.tempFilePath, fileType: 'pdf' })
}


/** The tab's number: Taro maps set/removeTabBarBadge to wx/my; a failure (tab not shown yet) is harmless. */
export async function taroTabBadge(index: number, count: number): Promise<void> {
  try {
    if (count > 0) await Taro.setTabBarBadge({ index, text: count > 99 ? '99+' : String(count) })
    else await Taro.removeTabBarBadge({ index })
  } catch {
    // Called before the tab bar exists or on a page without one: the next refresh sets it.
  }
}

/** wx.makePhoneCall / my.makePhoneCall: the system asks before dialling; cancelling is not an error. */
async function taroCopy(text: string): Promise<boolean> {
  try {
    await Taro.setClipboardData({ data: text })
    return true
  } catch {
    return false
  }
}

async function taroPhoneCall(number: string): Promise<void> {
  try {
    await Taro.makePhoneCall({ phoneNumber: number })
  } catch {
    // The person chose 取消 in the system sheet.
  }
}

/** The vendor's own map with 导航 (wx.openLocation / my.openLocation). */
async function taroOpenLocation(place: MapPlace): Promise<void> {
  try {
    await Taro.openLocation({ latitude: place.lat, longitude: place.lng, name: place.name, address: place.address, scale: 16 })
  } catch (e) {
    throw vendorError('map', e)
  }
}
