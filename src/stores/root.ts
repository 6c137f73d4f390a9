import { reaction } from 'mobx'
import type { Platform } from '../platform/types'
import { createApi, type Api } from '../services/api'
import { ApiError } from '../services/request'
import { createAuthApi, type AuthApi } from '../services/auth'
import { createBookingApi } from '../services/booking'
import { AppStore } from './app'
import { InboxStore } from './inbox'
import { MeStore, meFetcher } from './me'
import { SessionStore, type Refresher } from './session'

/** Index of 消息 in app.config's tab bar. */
export const MESSAGES_TAB = 2

/**
 * The app-wide stores (app, session, me, the 消息 tab's inbox) plus a registry for feature
 * stores. A feature's store is created by its own subpackage on first use (`root.feature(key, …)`,
 * wrapped in a `use…Store()` hook in src/packages/<feature>/use.ts), so the main bundle — what
 * the H5 first screen downloads — carries no subpackage code (issue 9). Features get the API
 * client from here, never build their own.
 */
export class RootStore {
  readonly app: AppStore
  readonly session: SessionStore
  /** Auth calls (refresh here; login and the rest in the account subpackage). */
  readonly auth: AuthApi
  private readonly features = new Map<string, unknown>()

  constructor(
    readonly api: Api,
    readonly platform: Platform,
    session?: SessionStore,
  ) {
    this.session = session ?? new SessionStore(platform.storage)
    this.app = new AppStore(platform, api, () => this.session.sender)
    this.auth = createAuthApi(api.request)
    // Refresh tokens rotate: each refresh answer replaces both tokens (persisted by setTokens).
    this.session.setRefresher(refresherFor(this.auth))
    // Someone else is signed in now (another tab signed in or out): the previous person's `me`
    // must not show under the new session; pages read it again when shown.
    reaction(
      () => this.session.sender,
      (now, before) => {
        if (now !== before) (this.features.get('me') as MeStore | undefined)?.clear()
      },
    )
  }

  // Created on first use, not at start: the first screen's script task stays short (TBT, issue 9).
  /** Who is signed in (the 我的 tab); the account subpackage's store (useAccountStore) shares it. */
  get me(): MeStore {
    return this.feature('me', (r) => new MeStore(r.session, meFetcher(r.api.request)))
  }

  /** The 消息 tab's inbox. */
  get inbox(): InboxStore {
    return this.feature('inbox', (r) => {
      const inbox = new InboxStore(createBookingApi(r.api.request), () => r.session.sender)
      // The 消息 tab's number follows the unread count on every platform (h5: Taro's tab bar).
      reaction(() => (r.session.isLoggedIn ? inbox.unread : 0), (n) => void r.platform.setTabBadge(MESSAGES_TAB, n))
      return inbox
    })
  }

  /** The feature store under `key`, created by `create` on first use and kept for the app's lifetime. */
  feature<T>(key: string, create: (root: RootStore) => T): T {
    if (!this.features.has(key)) this.features.set(key, create(this))
    return this.features.get(key) as T
  }
}

/**
 * Exchange a refresh token. A refusal (4xx: reused, revoked, expired) is null and ends the session;
 * no answer or a server error throws, and the person stays signed in.
 */
export function refresherFor(auth: AuthApi): Refresher {
  return async (refreshToken) => {
    try {
      const t = await auth.refresh(refreshToken)
      return { accessToken: t.accessToken, refreshToken: t.refreshToken }
    } catch (e) {
      if (e instanceof ApiError && e.status >= 400 && e.status < 500) return null
      throw e
    }
  }
}

/** The app's wiring: one session shared by the API client (token, refresh) and the stores. */
export function createRootStore(platform: Platform): RootStore {
  const session = new SessionStore(platform.storage)
  return new RootStore(createApi(platform, session), platform, session)
}
