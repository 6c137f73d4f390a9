import type { Platform } from '../platform/types'
import { apiBase, createApi, type Api } from '../services/api'
import { FeedbackStore } from '../packages/feedback/store'
import { AccountStore } from '../packages/account/store'
import { createAuthApi, type AuthApi } from '../services/auth'
import { createIdentityApi } from '../services/identity'
import { CatalogStore } from '../packages/catalog/store'
import { createCatalogApi } from '../services/catalog'
import { RecordsStore } from '../packages/records/store'
import { createRecordsApi } from '../services/records'
import { BookingStore, InboxStore } from '../packages/booking/store'
import { createBookingApi } from '../services/booking'
import { AppStore } from './app'
import { SessionStore, type Refresher } from './session'

/** Creates every store once; features get the API client from here, never build their own. */
export class RootStore {
  readonly app: AppStore
  readonly session: SessionStore
  readonly feedback: FeedbackStore
  readonly account: AccountStore
  readonly catalog: CatalogStore
  readonly records: RecordsStore
  readonly booking: BookingStore
  readonly inbox: InboxStore

  constructor(
    readonly api: Api,
    readonly platform: Platform,
    session?: SessionStore,
  ) {
    this.session = session ?? new SessionStore(platform.storage)
    this.app = new AppStore(platform, api)
    this.feedback = new FeedbackStore(api, platform.name)
    this.catalog = new CatalogStore(createCatalogApi(platform, api.request), platform.storage, () => platform.getLocation())
    const auth = createAuthApi(api.request)
    // Refresh tokens rotate: each refresh answer replaces both tokens (persisted by setTokens).
    this.session.setRefresher(refresherFor(auth))
    this.account = new AccountStore({ auth, identity: createIdentityApi(api.request), session: this.session, channel: platform.name })
    this.records = new RecordsStore({ api: createRecordsApi(api.request), storage: platform.storage, openDocument: platform.openDocument?.bind(platform), apiBase: apiBase() })
    const bookingApi = createBookingApi(api.request)
    this.booking = new BookingStore({ api: bookingApi, newKey: () => api.request.newIdempotencyKey(), platform })
    this.inbox = new InboxStore(bookingApi)
  }
}

/** Exchange a refresh token; a refused one (reused, revoked, expired) ends the session. */
export function refresherFor(auth: AuthApi): Refresher {
  return async (refreshToken) => {
    const t = await auth.refresh(refreshToken)
    return { accessToken: t.accessToken, refreshToken: t.refreshToken }
  }
}

/** The app's wiring: one session shared by the API client (token, refresh) and the stores. */
export function createRootStore(platform: Platform): RootStore {
  const session = new SessionStore(platform.storage)
  return new RootStore(createApi(platform, session), platform, session)
}
