// What 首页 shows a signed-in person: their open cases with the next step, the next booking, how
// many cards the wallet holds, and the acting identity (个人 / 法人). A small main-package slice: it
// reads four GETs itself instead of pulling the cases, booking, wallet or account stores (their
// subpackages) into the first screen (issue 9, issue 18).
import { makeAutoObservable, runInAction } from 'mobx'
import type { BookingListResponse, BookingView, CaseListResponse, CaseSummary, CredentialListResponse, EnterprisesResponse, Level, TokenResponse } from '../domain/contract'
import type { Request } from '../services/request'
import { walletCount } from '../domain/wallet/cards'
import { Loadable, SharedFlight } from './loadable'
import type { MeStore } from './me'
import type { SessionStore } from './session'

/** States where the person or an office still has a step to take. */
export const OPEN_CASE_STATES: ReadonlySet<CaseSummary['state']> = new Set(['submitted', 'accepted', 'supplement_requested', 'supplemented', 'under_review'])

export interface HomeEnterprise {
  id: string
  name: string
}

export class HomeStore {
  cases: CaseSummary[] = []
  nextBooking?: BookingView = undefined
  /** The cards 卡包 lists (walletCards: the same rule as the list), and how many have expired. */
  cardCount = 0
  expiredCards = 0
  enterprises: HomeEnterprise[] = []
  loaded = false
  /** The lists: each GET that fails leaves its part as it was, so only busy is shown from here. */
  readonly loadState = new Loadable()
  /** The 个人/法人 switch. */
  readonly switchState = new Loadable<'switch'>()

  constructor(
    private readonly request: Request,
    private readonly session: SessionStore,
    private readonly me: MeStore,
  ) {
    makeAutoObservable<HomeStore, 'request' | 'session' | 'me' | 'flight'>(this, { request: false, session: false, me: false, flight: false, loadState: false, switchState: false })
  }

  /** The switch's failure, shown on the 我的 card. */
  get error(): string | undefined {
    return this.switchState.error
  }

  get acting(): { kind: 'self' | 'enterprise' | 'proxy'; label: string } | undefined {
    return this.me.me?.acting
  }

  get openCases(): CaseSummary[] {
    return this.cases.filter((c) => OPEN_CASE_STATES.has(c.state))
  }

  /** The person's assurance level as last read (undefined until `me` is known). */
  get level(): Level | undefined {
    return this.me.me?.level
  }

  /**
   * What the level allows, at once: cases, wallet and companies need real name (L2), so an L1
   * person's home asks only for `me` and shows the next step instead of collecting 403s. The level
   * is read from `me` as the account pages keep it fresh; unknown, it is read first.
   */
  async load(now: Date): Promise<void> {
    if (!this.session.isLoggedIn) {
      this.clear()
      return
    }
    // A page mount and the first show both ask at launch (mini-programs): one round of requests
    // serves both, unless someone else signed in since it started.
    return this.flight.run(this.session.sender, () => this.loadState.run(() => this.loadLists(now)).then(() => undefined))
  }

  private readonly flight = new SharedFlight()

  private async loadLists(now: Date): Promise<void> {
    const get = <T>(path: string) => this.request.get<T>(path).then((v) => v, () => undefined)
    const meNow = this.me.load().catch(() => undefined)
    if (!this.me.me || this.me.me.level === 'L1') await meNow
    const named = this.level === 'L2' || this.level === 'L3'
    const [cases, bookings, cards, ents] = named
      ? await Promise.all([
          get<CaseListResponse>('/api/cases'),
          get<BookingListResponse>('/api/bookings'),
          get<CredentialListResponse>('/api/wallet/credentials'),
          get<EnterprisesResponse>('/api/me/enterprises'),
          meNow,
        ])
      : [undefined, undefined, undefined, undefined, await meNow]
    runInAction(() => {
      this.loaded = true
      if (!named) {
        this.cases = []
        this.nextBooking = undefined
        this.cardCount = 0
        this.expiredCards = 0
        this.enterprises = []
        return
      }
      if (cases) this.cases = cases.items
      if (bookings) {
        const t = now.toISOString()
        this.nextBooking = bookings.items.filter((b) => b.status === 'active' && b.endsAt > t).sort((a, b) => a.startsAt.localeCompare(b.startsAt))[0]
      }
      if (cards) {
        const n = walletCount(cards.items)
        this.cardCount = n.total
        this.expiredCards = n.expired
      }
      if (ents) this.enterprises = ents.items.map((e) => ({ id: e.id, name: e.name }))
    })
  }

  /** The 个人/法人 switch: a new token pair bound to the chosen identity, then everything again. */
  async switchTo(kind: 'self' | 'enterprise', id: string | undefined, now: Date): Promise<boolean> {
    if (this.switchState.busy) return false
    return this.switchState.run(
      async () => {
        const t = await this.request.post<TokenResponse>('/api/me/acting', { kind, ...(id ? { id } : {}) })
        this.session.setTokens({ accessToken: t.accessToken, refreshToken: t.refreshToken })
        // Nothing of the previous identity may show under the new one's title while its lists load.
        runInAction(() => {
          this.cases = []
          this.nextBooking = undefined
          this.cardCount = 0
          this.expiredCards = 0
          this.loaded = false
        })
        await this.load(now)
      },
      { task: 'switch' },
    )
  }

  clear(): void {
    this.cases = []
    this.nextBooking = undefined
    this.cardCount = 0
    this.expiredCards = 0
    this.enterprises = []
    this.loaded = false
  }
}
