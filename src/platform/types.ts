// The one interface behind which weapp, alipay and h5 differ. Feature code uses only this.

export type PlatformName = 'weapp' | 'alipay' | 'h5'

/** Synchronous key/value storage of strings (wx/my storage, localStorage). */
export interface PlatformStorage {
  get(key: string): string | null
  set(key: string, value: string): void
  remove(key: string): void
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
  readonly name: PlatformName
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
  /** Scans a QR/bar code with the camera; resolves with its text. */
  scanCode(): Promise<string>
  getLocation(): Promise<GeoPoint>
  faceCheck(opts: FaceCheckOptions): Promise<FaceCheckResult>
  /** tmplId -> 'accept' | 'reject' | 'ban' | 'filter'. */
  requestSubscribeMessage(tmplIds: string[]): Promise<Record<string, string>>
  /** Hide sensitive pages from screenshots/recordings where the platform allows it. */
  setScreenCaptureGuard(on: boolean): Promise<void>
  /** Current best knowledge of connectivity (updated by the network listener). */
  isOnline(): boolean
  /** Subscribe to connectivity changes; returns the unsubscribe function. */
  onNetworkChange(cb: (online: boolean) => void): () => void
  getSystemInfo(): SystemInfo
  /** h5 only: register the service worker; onUpdateReady gets `apply` to switch to the new version. */
  registerServiceWorker?(onUpdateReady: (apply: () => void) => void): void
}
