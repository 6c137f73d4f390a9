// The staff shell: its own session (separate tokens, kept under its own storage keys), the
// cached issuer key set (refreshed daily, several kids for rotation) and revocation list, the ONE
// scanner that dispatches on the code's typ, and the queue of verification records (offline ones
// uploaded when the network returns).
import { makeAutoObservable, runInAction } from 'mobx'
import type { CredentialStatusResponse, StaffMeResponse, VerificationRecord } from '../../domain/contract'
import { CODE_TYPES } from '../../domain/contract/signing'
import { peekHeader, verifyCode, type CachedKey } from '../../domain/wallet/verify'
import type { VerifyResultCode } from '../../domain/wallet/types'
import type { Platform, PlatformStorage } from '../../platform/types'
import { apiBase } from '../../services/api'
import { ApiError, createRequest, userMessage, uuidV4 } from '../../services/request'
import { Loadable } from '../../stores/loadable'
import { createStaffApi, type StaffApi } from '../../services/wallet'
import { messages } from './messages'
import { SessionStore } from '../../stores/session'

const KEYS_KEY = 'zj.staff.keys'
const REV_KEY = 'zj.staff.revocations'
const QUEUE_KEY = 'zj.staff.queue'
/** The key set and revocation list are refreshed at least daily. */
export const REFRESH_EVERY_MS = 24 * 3600_000
/** A result screen clears itself after 2 minutes (the next person must not see it). */
export const RESULT_TTL_MS = 2 * 60_000

export type ScanKind = 'cred' | 'chk' | 'proof' | 'unknown'

export interface ScanResult {
  kind: ScanKind
  /** For credentials: the offline verdict. */
  result?: VerifyResultCode
  /** Credentials: type and the disclosed claims (only after a good signature). */
  type?: string
  disclosed?: Record<string, string | number>
  /** Credentials: the online answer, when there was one. */
  live?: CredentialStatusResponse['status']
  /** Check-in / e-proof: success and the server's answer or error text. */
  ok?: boolean
  message?: string
  detail?: Record<string, unknown>
  at: number
  /** Milliseconds from submit to verdict (offline part). */
  ms: number
}

interface KeyCache {
  keys: CachedKey[]
  fetchedAt: string
  savedAt: number
}
interface RevCache {
  cids: string[]
  fetchedAt: string
  savedAt: number
}

/** Storage under a prefix, so the staff session never overwrites the citizen's. */
function prefixed(storage: PlatformStorage, prefix: string): PlatformStorage {
  return { get: (k) => storage.get(prefix + k), set: (k, v) => storage.set(prefix + k, v), remove: (k) => storage.remove(prefix + k) }
}

function readJson<T>(storage: PlatformStorage, key: string): T | null {
  const raw = storage.get(key)
  if (!raw) return null
  try {
    return JSON.parse(raw) as T
  } catch {
    storage.remove(key)
    return null
  }
}

export class StaffStore {
  readonly session: SessionStore
  readonly api: StaffApi
  me?: StaffMeResponse = undefined
  /** Signing in, and the refresh of the key set and revocation list. */
  readonly state = new Loadable<'signIn'>()
  /** The server asked for the first sign-in flow (one-time password, TOTP not yet proven). */
  needsSetup = false
  /** The setup step also sets a new password (one-time password); false: TOTP enrolment only (after a reset). */
  setupPassword = true
  keys: KeyCache | null = null
  revocations: RevCache | null = null
  queue: VerificationRecord[] = []
  last: ScanResult | null = null
  now = 0
  /** Connectivity, observable (the platform's own flag is not). */
  online = true
  private clearTimer: ReturnType<typeof setTimeout> | null = null
  private revSet = new Set<string>()

  constructor(
    private readonly platform: Platform,
    private readonly storage: PlatformStorage = platform.storage,
    /** Injected so tests pin time; the scanner's verdicts are judged at this clock. */
    private readonly clock: () => number = () => Date.now(),
  ) {
    this.now = clock()
    this.session = new SessionStore(prefixed(storage, 'staff:'))
    const request = createRequest({
      baseUrl: apiBase(),
      transport: platform.request,
      session: this.session,
      randomBytes: (n) => platform.secureRandom(n),
      isOnline: () => platform.isOnline(),
    })
    this.api = createStaffApi(request)
    this.session.setRefresher(async (refreshToken) => {
      const t = await this.api.refresh(refreshToken)
      return { accessToken: t.accessToken, refreshToken: t.refreshToken }
    })
    this.keys = readJson<KeyCache>(storage, KEYS_KEY)
    this.revocations = readJson<RevCache>(storage, REV_KEY)
    this.revSet = new Set(this.revocations?.cids ?? [])
    this.queue = readJson<VerificationRecord[]>(storage, QUEUE_KEY) ?? []
    this.online = platform.isOnline()
    makeAutoObservable<StaffStore, 'platform' | 'storage' | 'clearTimer' | 'revSet' | 'clock'>(this, { platform: false, storage: false, clearTimer: false, revSet: false, api: false, session: false, clock: false, state: false })
    platform.onNetworkChange((online) => {
      this.setOnline(online)
      if (online) void this.sync()
    })
  }

  get loggedIn(): boolean {
    return this.session.isLoggedIn
  }

  // The store has one loadable state: its pages read it as the store's own.
  get busy(): boolean {
    return this.state.busy !== ''
  }

  get error(): string {
    return this.state.error ?? ''
  }

  setOnline(online: boolean): void {
    this.online = online
  }

  async login(username: string, password: string, totp: string): Promise<boolean> {
    return this.signIn(() => this.api.login({ username: username.trim(), password, totp: totp.trim() }))
  }

  /** First sign-in: one-time password + a code from the newly enrolled authenticator + the new password. */
  async setup(username: string, password: string, totp: string, newPassword?: string): Promise<boolean> {
    return this.signIn(() => this.api.setup({ username: username.trim(), password, totp: totp.trim(), ...(newPassword ? { newPassword } : {}) }))
  }

  leaveSetup(): void {
    this.needsSetup = false
    this.state.clear()
  }

  private async signIn(call: () => Promise<{ accessToken: string; refreshToken: string }>): Promise<boolean> {
    return this.state.run(
      async () => {
        const t = await call()
        this.session.setTokens({ accessToken: t.accessToken, refreshToken: t.refreshToken })
        runInAction(() => (this.needsSetup = false))
        await this.loadMe()
        // Records queued offline before this sign-in go up before the new sync moves the bound.
        await this.flush()
        await this.refreshCaches()
      },
      {
        task: 'signIn',
        recover: (e) => {
          if (e instanceof ApiError && (e.code === 'STAFF_SETUP_REQUIRED' || e.code === 'STAFF_TOTP_ENROL_REQUIRED')) {
            this.needsSetup = true
            this.setupPassword = e.code === 'STAFF_SETUP_REQUIRED'
          }
        },
      },
    )
  }

  async loadMe(): Promise<void> {
    try {
      const me = await this.api.me()
      runInAction(() => (this.me = me))
    } catch {
      // Offline: the cached session is still usable for offline verification.
    }
  }

  async logout(): Promise<void> {
    await this.api.logout().catch(() => undefined)
    this.session.clear()
    runInAction(() => (this.me = undefined))
  }

  /** Fetch the key set and the revocation list (both public) and keep them for offline use. */
  async refreshCaches(): Promise<void> {
    try {
      // Signed in: through the staff sync, so the server knows from when this scanner's offline
      // verdicts can be believed; else (or if that fails) the public lists.
      const synced = this.loggedIn ? await this.api.sync().catch(() => undefined) : undefined
      const [ks, rev] = synced ? [synced.keys, synced.revocations] : await Promise.all([this.api.keys(), this.api.revocations()])
      const savedAt = this.clock()
      runInAction(() => {
        this.keys = { keys: ks.keys.map((k) => ({ kid: k.kid, x: k.x, y: k.y, crv: k.crv, kty: k.kty })), fetchedAt: ks.fetchedAt, savedAt }
        this.revocations = { cids: rev.items.map((i) => i.cid), fetchedAt: rev.fetchedAt, savedAt }
        this.revSet = new Set(this.revocations.cids)
      })
      this.storage.set(KEYS_KEY, JSON.stringify(this.keys))
      this.storage.set(REV_KEY, JSON.stringify(this.revocations))
    } catch (e) {
      this.state.failed(e)
    }
  }

  /** On start and when the network returns: refresh stale caches, upload queued records. */
  async sync(): Promise<void> {
    if (!this.platform.isOnline()) return
    const stale = (c: { savedAt: number } | null) => !c || this.clock() - c.savedAt > REFRESH_EVERY_MS
    // Upload first: records made offline since the last sync are believed only until the next one.
    await this.flush()
    if (stale(this.keys) || stale(this.revocations)) await this.refreshCaches()
  }

  async flush(): Promise<void> {
    if (!this.loggedIn || this.queue.length === 0 || !this.platform.isOnline()) return
    const batch = this.queue.slice(0, 100)
    try {
      await this.api.upload(batch)
      runInAction(() => {
        const sent = new Set(batch.map((r) => r.clientId))
        this.queue = this.queue.filter((r) => !sent.has(r.clientId))
      })
      this.storage.set(QUEUE_KEY, JSON.stringify(this.queue))
    } catch {
      // Kept for the next attempt.
    }
  }

  private enqueue(rec: VerificationRecord): void {
    this.queue = [...this.queue, rec]
    this.storage.set(QUEUE_KEY, JSON.stringify(this.queue))
  }

  private show(r: ScanResult): void {
    this.last = r
    if (this.clearTimer) clearTimeout(this.clearTimer)
    this.clearTimer = setTimeout(() => this.clear(), RESULT_TTL_MS)
  }

  clear(): void {
    if (this.clearTimer) clearTimeout(this.clearTimer)
    this.clearTimer = null
    this.last = null
  }

  tick(): void {
    this.now = this.clock()
  }

  /** The ONE entry for a scanned or pasted code: dispatch on the JWS header's typ, or a typed proof number. */
  async submit(raw: string): Promise<ScanResult> {
    const started = typeof performance !== 'undefined' ? performance.now() : Date.now()
    const code = raw.trim()
    const typ = peekHeader(code)?.typ
    const elapsed = () => Math.round(((typeof performance !== 'undefined' ? performance.now() : Date.now()) - started) * 10) / 10
    if (typ === CODE_TYPES.checkIn || typ === CODE_TYPES.proof || (!typ && isProofNumber(code))) {
      const kind: ScanKind = typ === CODE_TYPES.checkIn ? 'chk' : 'proof'
      try {
        const detail = kind === 'chk' ? await this.api.checkIn(code) : await this.api.proof(code)
        // /api/verify answers 200 for a false proof too: the verdict is its `valid`, the reason its `reason`.
        const bad = kind === 'proof' && detail.valid !== true
        const reason = String(detail.reason ?? 'malformed') as keyof typeof proofReasons
        const r: ScanResult = bad ? { kind, ok: false, message: proofReasons[reason] ?? proofReasons.malformed, at: this.clock(), ms: elapsed() } : { kind, ok: true, detail, at: this.clock(), ms: elapsed() }
        this.show(r)
        return r
      } catch (e) {
        const r: ScanResult = { kind, ok: false, message: userMessage(e), at: this.clock(), ms: elapsed() }
        this.show(r)
        return r
      }
    }
    // Credentials and anything unrecognised go through the offline verifier (it names the fault).
    const out = verifyCode(code, { keys: this.keys?.keys ?? [], revoked: this.revSet, now: new Date(this.clock()), typ: typ === CODE_TYPES.credential || !typ ? CODE_TYPES.credential : typ })
    const kind: ScanKind = typ === CODE_TYPES.credential ? 'cred' : 'unknown'
    const r: ScanResult = { kind, result: out.result, at: this.clock(), ms: elapsed() }
    if (out.result === 'valid') {
      r.type = typeof out.claims.t === 'string' ? out.claims.t : undefined
      const d = out.claims.d
      r.disclosed = d && typeof d === 'object' ? (d as Record<string, string | number>) : {}
    }
    this.show(r)
    if (kind === 'cred') {
      const online = this.platform.isOnline()
      const clientId = uuidV4(await this.platform.secureRandom(16))
      this.enqueue({ clientId, code, result: out.result, mode: online ? 'online' : 'offline', verifiedAt: new Date(r.at).toISOString() })
      const cid = out.result === 'valid' ? out.claims.cid : 'cid' in out ? out.cid : undefined
      if (online && typeof cid === 'string') {
        try {
          const live = await this.api.status(cid)
          runInAction(() => {
            // Only if the screen still shows this scan (a newer scan or the 2-minute clear wins).
            if (this.last && this.last.at === r.at && this.last.kind === r.kind) this.last = { ...this.last, live: live.status }
          })
        } catch {
          // The offline verdict stands.
        }
      }
      void this.flush()
    }
    return this.last ?? r
  }
}

const proofReasons = messages.records.verify.reasons

/**
 * The number printed on an e-proof (e.g. SB20261120…), typed with spaces, dashes or lower case:
 * /api/verify takes it as it takes the QR (mock/src/proofs normaliseNumber and its pattern).
 */
export function isProofNumber(input: string): boolean {
  return /^[A-Z]{2}\d{8}[0-9A-Z]{10}$/.test(input.replace(/[\s-]/g, '').toUpperCase())
}

let instance: StaffStore | null = null
export function staffStoreOf(platform: Platform): StaffStore {
  if (!instance) instance = new StaffStore(platform)
  return instance
}
