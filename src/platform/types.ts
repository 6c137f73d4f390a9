// The one interface behind which weapp, alipay and h5 differ. Feature code uses only this.
import type { FileCapabilities } from './files-types'

export type PlatformName = 'weapp' | 'alipay' | 'h5'

/** The privacy guide's agree button; WeChat's privacy resolve names it. */
export const PRIVACY_AGREE_BUTTON_ID = 'privacy-agree'

/** Synchronous key/value storage of strings (wx/my storage, localStorage). */
export interface PlatformStorage {
  get(key: string): string | null
  set(key: string, value: string): void
  remove(key: string): void
  /**
   * Another window of the app changed this storage (h5: another tab signed in, out, or renewed
   * its tokens); `key` null when it was cleared. Mini-programs run one instance: absent there.
   */
  onExternalChange?(cb: (key: string | null) => void): () => void
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

export interface TransportRequest {
  url: string
  method: HttpMethod
  headers: Record<string, string>
  /** Already serialised (JSON text) or absent. */
  body?: string
  timeoutMs: number
}

export interface TransportResponse {
  status: number
  /** Header names in lower case. */
  headers: Record<string, string>
  /** Raw body text ('' when none); the request wrapper parses JSON. */
  body: string
}

/** Rejects with a TransportError when no HTTP answer arrived; resolves for every HTTP status. */
export type Transport = (req: TransportRequest) => Promise<TransportResponse>

export type TransportErrorKind = 'network' | 'timeout'

export class TransportError extends Error {
  readonly kind: TransportErrorKind
  constructor(kind: TransportErrorKind, detail?: string) {
    super(detail ?? kind)
    this.name = 'TransportError'
    this.kind = kind
  }
}

export interface GeoPoint {
  lat: number
  lng: number
}

/** A place to navigate to (a hall): gcj02 coordinates as the hall data has them. */
export interface MapPlace extends GeoPoint {
  name: string
  address: string
}

/** One calendar entry (a booked hall visit). */
export interface CalendarEvent {
  title: string
  /** ISO instants. */
  startsAt: string
  endsAt: string
  location: string
  description?: string
  /** Stable id, so adding the same visit twice updates instead of duplicating (h5 .ics UID). */
  uid: string
}

export interface FaceCheckOptions {
  /** Server-issued ticket the vendor flow is bound to (WeChat: verifyId; Alipay: certifyId). */
  flowId: string
  /** Alipay: the certification URL the server got with the certifyId. */
  certifyUrl?: string
}

export interface FaceCheckResult {
  /** Vendor token/result the server verifies; the app never trusts a local "passed". */
  verifyResult: string
}

export interface SystemInfo {
  /** User's system font scale (1 = standard). */
  fontScale: number
  platformName: PlatformName
  /** Screen width in CSS px / rpx base. */
  windowWidth: number
}

export interface Platform {
  /** Which target this is. Only src/platform reads it (lint): features ask for a capability below. */
  readonly name: PlatformName
  /**
   * Which app the server is talking to, sent as `channel` with logins, applications and feedback
   * (the server records it and picks the vendor flows by it). A value to send, not to branch on.
   */
  readonly channel: PlatformName
  /**
   * Where the platform has subscribe messages, whose templates to ask for (the server's notify
   * templates are keyed by it); absent on h5, where the inbox carries every message.
   */
  readonly subscribeChannel?: 'weapp' | 'alipay'
  /** Where the vendor offers one-tap login (wx.login / my.getAuthCode): whose; absent on h5. */
  readonly oneTapLogin?: 'weapp' | 'alipay'
  /** Whether a native map component (Taro Map) can show places; h5 has none (a map link instead). */
  readonly nativeMap: boolean
  /**
   * Mini-programs: the Button openType that opens the vendor's forward-to-a-friend sheet (with the
   * page's useShareAppMessage). Absent on h5, where shareText (or the clipboard) serves.
   */
  readonly shareOpenType?: 'share'
  /**
   * Scans a QR/bar code and resolves with its text: the vendor's scanner on mini-programs; on h5 the
   * camera in an overlay (BarcodeDetector where the browser has it, else jsQR). Rejects with
   * PlatformCancelledError when the person closes it.
   */
  scan(): Promise<string>
  readonly storage: PlatformStorage
  readonly request: Transport
  /** Resolves once secure randomness is available (weapp fills a pool asynchronously). */
  ready(): Promise<void>
  /** Cryptographically secure bytes; never Math.random. Throws if the pool is empty before ready(). */
  randomBytes(n: number): Uint8Array
  /** Same as randomBytes, but waits for the pool when needed. */
  secureRandom(n: number): Promise<Uint8Array>
  /** One-time login code for the server (wx.login code, my.getAuthCode authCode). */
  getLoginCode(): Promise<string>
  getLocation(): Promise<GeoPoint>
  /**
   * Whose face check `faceCheck` runs: WeChat 人脸核身 or Alipay 实人认证; undefined where there is
   * no vendor check (h5: the stand-in's own, which needs no separate start tap).
   */
  readonly faceVendor?: 'wechat' | 'alipay'
  faceCheck(opts: FaceCheckOptions): Promise<FaceCheckResult>
  /** tmplId -> 'accept' | 'reject' | 'ban' | 'filter'. */
  requestSubscribeMessage(tmplIds: string[]): Promise<Record<string, string>>
  /** Hide sensitive pages from screenshots/recordings where the platform allows it. */
  setScreenCaptureGuard(on: boolean): Promise<void>
  /** Call `cb` when the user takes a screenshot (weapp/alipay); returns the unsubscribe function. h5: never fires. */
  onUserCaptureScreen(cb: () => void): () => void
  /** h5, where the browser has the Web Share API: share a text; false when it cannot or the user cancels. */
  shareText?(title: string, text: string): Promise<boolean>
  /** The number on a tab (0 removes it): wx/my setTabBarBadge, Taro's own tab bar on h5. */
  setTabBadge(index: number, count: number): Promise<void>
  /** Directions to a place: wx.openLocation / my.openLocation; h5 offers map apps and 复制地址 in an in-app sheet. */
  openLocation(place: MapPlace): Promise<void>
  /**
   * Copies a text (a case number): wx/my.setClipboardData; h5 navigator.clipboard, else a selected
   * textarea and execCommand('copy'). False when it could not (the caller says so).
   */
  copyText(text: string): Promise<boolean>
  /** Call a number (the 12345 hotline): wx/my.makePhoneCall; h5 follows a tel: link (the phone's dialer). */
  makePhoneCall(number: string): Promise<void>
  /** Adds a visit to the phone's calendar: wx.addPhoneCalendar / my.addPhoneCalendar; h5 downloads an .ics file. */
  addToCalendar(event: CalendarEvent): Promise<void>
  /**
   * Open a PDF at an absolute (or, on h5, same-origin) URL inside the app: wx/my.openDocument on
   * mini-programs; on h5 the app's viewer page (packages/docs), never the browser's own tab.
   */
  openDocument?(url: string, title?: string): Promise<void>
  /** h5: a PDF's pages drawn as images (data URLs) at this CSS width, with its bytes for 下载/分享. */
  loadDocument?(url: string, cssWidth: number): Promise<{ pages: string[]; bytes: ArrayBuffer }>
  /** h5: save bytes as a file the person keeps (the browser's download). */
  saveFile?(bytes: ArrayBuffer, name: string, type: string): Promise<void>
  /** h5, where the browser can share files: share this one; false when it cannot or the user cancels. */
  shareFile?(bytes: ArrayBuffer, name: string, type: string, title: string): Promise<boolean>
  /** Current best knowledge of connectivity (updated by the network listener). */
  isOnline(): boolean
  /** Subscribe to connectivity changes; returns the unsubscribe function. */
  onNetworkChange(cb: (online: boolean) => void): () => void
  getSystemInfo(): SystemInfo
  /**
   * weapp: WeChat asks the app to show its privacy guide before the first privacy-relevant API
   * (wx.onNeedPrivacyAuthorization); call `answer` with the user's choice. Absent elsewhere.
   */
  onPrivacyAuthorizationNeeded?(handler: (answer: (agreed: boolean) => void) => void): void
  /** weapp: the Button openType that also records the consent with WeChat (id PRIVACY_AGREE_BUTTON_ID). */
  readonly privacyAgreeOpenType?: 'agreePrivacyAuthorization'
  /**
   * h5 only, where the browser offers it (beforeinstallprompt): `cb` gets true while the app can be
   * installed to the home screen, false once it is installed. Returns the unsubscribe function.
   */
  onInstallAvailable?(cb: (available: boolean) => void): () => void
  /**
   * h5 only: true when the app runs installed (display-mode standalone or fullscreen, or an iOS
   * home-screen web app), where there is no browser back button; pages then show their own 返回.
   */
  installedApp?(): boolean
  /** h5 only: shows the browser's own install prompt; resolves with the person's choice. */
  promptInstall?(): Promise<'accepted' | 'dismissed' | 'unavailable'>
  /** Online applications: pick one material (images compressed on the device) — files-*.ts. */
  chooseFile?: FileCapabilities['chooseFile']
  /** Online applications: POST raw bytes (material upload) — files-*.ts. */
  sendBytes?: FileCapabilities['sendBytes']
  /** h5 only: register the service worker; onUpdateReady gets `apply` to switch to the new version. */
  registerServiceWorker?(onUpdateReady: (apply: () => void) => void): void
}
