// What the account journeys share: the APIs, the session, who is signed in (root.me, shared with
// the 我的 tab), the consents on record, and one sign-out that empties every journey's lists.
// Each journey store keeps its own loadable state, so one journey's error never shows on another's page.
import { makeAutoObservable, runInAction } from 'mobx'
import type { Channel, ConsentsResponse } from '../../../domain/contract'
import type { AuthApi } from '../../../services/auth'
import type { IdentityApi } from '../../../services/identity'
import type { Loadable } from '../../../stores/loadable'
import type { Tokens } from '../../../stores/session'
import { MeStore } from '../../../stores/me'
import { CONSENT_VERSION } from '../../../domain/consent'

/** Consent text version the pages show (src/domain/consent.ts: bump it there when the wording changes). */
export { CONSENT_VERSION }

export interface AccountSession {
  readonly isLoggedIn: boolean
  setTokens(tokens: Tokens): void
  clear(): void
}

export interface AccountDeps {
  auth: AuthApi
  identity: IdentityApi
  session: AccountSession
  /** Who is signed in, shared with the 我的 tab (root.me); its own copy when not given (tests). */
  me?: MeStore
  channel?: Channel
  /** Device label for the session list. */
  device?: string
  now?: () => number
}

export type ConsentKind = 'privacy_policy' | 'face' | 'id_processing'

/** The consents on record: read by real name and face (may I?) and by privacy (the list). */
export class Consents {
  items: ConsentsResponse['items'] = []

  constructor(private readonly identity: IdentityApi) {
    makeAutoObservable<Consents, 'identity'>(this, { identity: false })
  }

  /** Latest decision per kind (the server lists newest first), to the current text: a consent to an older version asks again. */
  has(kind: string): boolean {
    const latest = this.items.find((c) => c.kind === kind)
    return latest?.granted === true && latest.version === CONSENT_VERSION
  }

  /** Reads the list; throws, so the calling journey's state shows the failure. */
  async load(): Promise<void> {
    const res = await this.identity.consents()
    runInAction(() => (this.items = res.items))
  }

  async set(kind: ConsentKind, granted: boolean): Promise<void> {
    await this.identity.setConsent({ kind, version: CONSENT_VERSION, granted })
    await this.load()
  }

  clear(): void {
    this.items = []
  }
}

export class AccountCore {
  readonly me: MeStore
  readonly consents: Consents
  private readonly onSignOut: Array<() => void> = []

  constructor(readonly deps: AccountDeps) {
    this.me = deps.me ?? new MeStore(deps.session, () => deps.identity.me())
    this.consents = new Consents(deps.identity)
  }

  now(): number {
    return (this.deps.now ?? Date.now)()
  }

  get loggedIn(): boolean {
    return this.deps.session.isLoggedIn
  }

  /** Reads `me` again; a failure shows on the journey that asked. */
  async loadMe(state: Loadable<string>): Promise<void> {
    try {
      await this.me.load()
    } catch (e) {
      state.failed(e)
    }
  }

  /** A journey's lists to empty when the person signs out. */
  onSignedOut(reset: () => void): void {
    this.onSignOut.push(reset)
  }

  /** The device forgets the person: tokens, `me`, consents and every journey's lists. */
  signedOut(): void {
    this.deps.session.clear()
    this.me.clear()
    this.consents.clear()
    for (const reset of this.onSignOut) reset()
  }
}
