import { makeAutoObservable } from 'mobx'
import type { PlatformStorage } from '../platform/types'
import type { SessionLike } from '../services/request'
import { forgetPersonalData } from '../services/personalData'
import { tokenSender } from '../domain/token'

const STORAGE_KEY = 'zj.session'

export interface Tokens {
  accessToken: string
  refreshToken: string
}

/** Exchanges a refresh token for new tokens; null when the server refuses it. */
export type Refresher = (refreshToken: string) => Promise<Tokens | null>

/** Login state: tokens persisted in platform storage so a restart keeps the user signed in. */
export class SessionStore implements SessionLike {
  accessToken: string | null = null
  refreshToken: string | null = null
  private refresher: Refresher | null = null

  constructor(private readonly storage: PlatformStorage) {
    makeAutoObservable<SessionStore, 'storage' | 'refresher'>(this, { storage: false, refresher: false })
    this.restore()
    // Tabs share one session: a sign-in, sign-out or token renewal in another tab holds here too
    // (a rotated refresh token used again from a stale tab would be refused and sign both out).
    storage.onExternalChange?.((key) => {
      if (key === STORAGE_KEY || key === null) this.adoptStored()
    })
  }

  /** Take over what another tab stored; nothing stored means it signed out. */
  private adoptStored(): void {
    this.accessToken = null
    this.refreshToken = null
    this.restore()
  }

  get isLoggedIn(): boolean {
    return this.accessToken !== null
  }

  /** Who this session sends as (account and acting identity): queued applications are sent only by their own sender. */
  get sender(): string | null {
    return tokenSender(this.accessToken)
  }

  setTokens(tokens: Tokens): void {
    this.accessToken = tokens.accessToken
    this.refreshToken = tokens.refreshToken
    this.storage.set(STORAGE_KEY, JSON.stringify(tokens))
  }

  /**
   * Forget this tab's tokens, and the stored entry only when it still holds them: another tab (or
   * window) that signed in meanwhile shares the storage, and a request refused here, say in a tab
   * that had no session at all, must not sign that one out.
   */
  clear(): void {
    const mine = this.refreshToken
    this.accessToken = null
    this.refreshToken = null
    // A session that ended here takes the person's data kept on the device with it.
    if (mine !== null) forgetPersonalData(this.storage)
    const raw = this.storage.get(STORAGE_KEY)
    const stored = raw ? storedRefreshToken(raw) : null
    if (stored !== null && stored !== mine) return
    this.storage.remove(STORAGE_KEY)
  }

  /** The identity module plugs the real refresh call in here (it arrives with the identity API). */
  setRefresher(fn: Refresher | null): void {
    this.refresher = fn
  }

  /**
   * Called by the request wrapper on a 401; true when new tokens are in place. Storage is shared
   * with other tabs, whose change events arrive late: a pair another tab stored (renewed, or a
   * different person signed in) wins over this tab's, before the refresh and after it, so a tab
   * never spends a rotated-out token nor writes its old person over someone's new sign-in.
   */
  async refresh(): Promise<boolean> {
    if (this.adoptIfReplaced(this.refreshToken)) return this.isLoggedIn
    const refreshToken = this.refreshToken
    if (!this.refresher || !refreshToken) return false
    const tokens = await this.refresher(refreshToken)
    if (this.adoptIfReplaced(refreshToken)) return this.isLoggedIn
    if (!tokens) return false
    this.setTokens(tokens)
    return true
  }

  /** Adopt the stored pair when it is no longer the one this tab holds (`ours`); true when adopted. */
  private adoptIfReplaced(ours: string | null): boolean {
    const raw = this.storage.get(STORAGE_KEY)
    const stored = raw ? storedRefreshToken(raw) : null
    if (stored === ours) return false
    this.adoptStored()
    return true
  }

  private restore(): void {
    const raw = this.storage.get(STORAGE_KEY)
    if (!raw) return
    try {
      const t = JSON.parse(raw) as Partial<Tokens>
      if (typeof t.accessToken === 'string' && typeof t.refreshToken === 'string') {
        this.accessToken = t.accessToken
        this.refreshToken = t.refreshToken
        return
      }
    } catch {
      // Corrupt entry: fall through and drop it.
    }
    this.storage.remove(STORAGE_KEY)
  }
}

/** The refresh token of a stored entry; null when the entry is corrupt (which never matches a tab's own). */
function storedRefreshToken(raw: string): string | null {
  try {
    const t = JSON.parse(raw) as Partial<Tokens>
    return typeof t.refreshToken === 'string' ? t.refreshToken : null
  } catch {
    return null
  }
}
