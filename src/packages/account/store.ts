// The account subpackage's stores, one per journey: sign-in, real name and face, security and
// sessions, mandates and operators, privacy. Each has its own loadable state, so one journey's
// error or busy button never shows on another journey's page; they share the APIs, the session,
// `me` (root.me, read by the 我的 tab) and one sign-out. Free of Taro so unit tests drive them with fake APIs.
import { AccountCore, type AccountDeps } from './stores/core'
import { IdentityStore } from './stores/identity'
import { MandatesStore } from './stores/mandates'
import { PrivacyStore } from './stores/privacy'
import { SecurityStore } from './stores/security'
import { SignInStore } from './stores/signIn'

export { CONSENT_VERSION, type AccountDeps, type AccountSession } from './stores/core'
export { RESEND_SECONDS, SignInStore } from './stores/signIn'
export { IdentityStore } from './stores/identity'
export { SecurityStore } from './stores/security'
export { GRANT_DAYS, MandatesStore } from './stores/mandates'
export { PrivacyStore } from './stores/privacy'

/** The five journey stores over one shared core (created together, on the subpackage's first use). */
export class AccountStore {
  readonly signIn: SignInStore
  /** Real name (L2) and face check (L3). */
  readonly identity: IdentityStore
  readonly security: SecurityStore
  /** Acting identity, mandates and enterprise operators. */
  readonly mandates: MandatesStore
  readonly privacy: PrivacyStore

  constructor(deps: AccountDeps) {
    const core = new AccountCore(deps)
    this.signIn = new SignInStore(core)
    this.identity = new IdentityStore(core)
    this.security = new SecurityStore(core)
    this.mandates = new MandatesStore(core)
    this.privacy = new PrivacyStore(core)
  }
}
