// Wallet state for the holder: cards, the live presentation code (refreshed every 30 s) and the
// verification history. Created once per root store, inside this subpackage.
import { makeAutoObservable, runInAction } from 'mobx'
import type { CredentialSummary, MyVerificationsResponse, PresentResponse } from '../../domain/contract'
import { CREDENTIAL_DEFS, type FieldKey } from '../../domain/wallet/types'
import { walletCards } from '../../domain/wallet/cards'
import { ApiError } from '../../services/request'
import { createWalletApi, type WalletApi } from '../../services/wallet'
import { Loadable } from '../../stores/loadable'
import type { RootStore } from '../../stores/root'
import { qrDataUri } from '../../components/qr'

export class WalletStore {
  // A refusal for want of a level (real name, re-auth, face check) is a step, shown as a LevelGate.
  /** The cards (卡包). */
  readonly listState = new Loadable()
  /** Who checked my cards (核验记录). */
  readonly checksState = new Loadable()
  /** The live presentation code. */
  readonly presentState = new Loadable()
  items: CredentialSummary[] = []
  loaded = false
  checks: MyVerificationsResponse['items'] = []
  // Presentation.
  chosen: FieldKey[] = []
  /** When the chosen fields do not fit a QR code: the largest part of them that does (server's). */
  suggestion: FieldKey[] = []
  choosingFor = ''
  current?: PresentResponse = undefined
  qr = ''
  /** performance.now() of the tap and of the QR being ready (bench reads it). */
  tapAt = 0
  drawnAt = 0
  /** Device time the current code arrived (ms); the on-screen countdown runs from it. */
  receivedAt = 0
  private timer: ReturnType<typeof setInterval> | null = null

  constructor(private readonly api: WalletApi) {
    makeAutoObservable<WalletStore, 'api' | 'timer'>(this, { api: false, timer: false, listState: false, checksState: false, presentState: false })
  }

  /** After DISCLOSURE_TOO_LONG the server offers the part of the choice that fits; any other failure withdraws the offer. */
  private noteSuggestion(e: unknown): void {
    const offered = e instanceof ApiError && e.code === 'DISCLOSURE_TOO_LONG' ? e.body?.suggestedDisclosure : undefined
    this.suggestion = Array.isArray(offered) ? (offered.filter((k) => this.chosen.includes(k as FieldKey)) as FieldKey[]) : []
  }

  /** Show the part of the choice that fits (the offer made after DISCLOSURE_TOO_LONG). */
  async acceptSuggestion(id: string): Promise<boolean> {
    if (this.suggestion.length === 0) return false
    this.chosen = this.suggestion
    this.suggestion = []
    return this.present(id)
  }

  async load(): Promise<void> {
    await this.listState.run(
      async () => {
        const res = await this.api.list()
        runInAction(() => {
          this.items = walletCards(res.items)
          this.loaded = true
          // Opened straight on the present page: the defaults need the card, which just arrived.
          if (this.choosingFor && this.chosen.length === 0 && !this.current) this.chosen = this.defaultsFor(this.choosingFor)
        })
      },
      { gate: 'gate' },
    )
  }

  async loadChecks(): Promise<void> {
    await this.checksState.run(
      async () => {
        const res = await this.api.verifications()
        runInAction(() => (this.checks = res.items))
      },
      { gate: 'gate' },
    )
  }

  byId(id: string): CredentialSummary | undefined {
    return this.items.find((c) => c.id === id)
  }

  private defaultsFor(id: string): FieldKey[] {
    const c = this.byId(id)
    return c ? CREDENTIAL_DEFS[c.type].defaultDisclosure.filter((k) => c.disclosable.includes(k)) : []
  }

  startChoosing(id: string): void {
    this.choosingFor = id
    this.stop()
    this.current = undefined
    this.qr = ''
    this.presentState.clear()
    this.suggestion = []
    this.chosen = this.defaultsFor(id)
  }

  toggle(key: FieldKey): void {
    this.suggestion = []
    if (this.chosen.includes(key)) this.chosen = this.chosen.filter((k) => k !== key)
    else {
      // 18+ and 60+ answer the same question twice; one is enough.
      const rest = key === 'a18' ? this.chosen.filter((k) => k !== 'a60') : key === 'a60' ? this.chosen.filter((k) => k !== 'a18') : this.chosen
      this.chosen = [...rest, key]
    }
  }

  /** Fetch a fresh code and draw it; keeps refreshing every `refreshAfterSeconds`. */
  async present(id: string): Promise<boolean> {
    this.tapAt = typeof performance !== 'undefined' ? performance.now() : Date.now()
    this.suggestion = []
    const ok = await this.fetchCode(id, false)
    if (ok && !this.timer) {
      const every = (this.current?.refreshAfterSeconds ?? 30) * 1000
      this.timer = setInterval(() => void this.fetchCode(id, true), every)
    }
    return ok
  }

  /** `refresh`: the timer's fetch, which leaves what the page shows until it has something new to say. */
  private async fetchCode(id: string, refresh: boolean): Promise<boolean> {
    return this.presentState.run(() => this.drawCode(id), {
      gate: 'gate',
      keepMessages: refresh,
      recover: (e) => {
        this.noteSuggestion(e)
        // An expired code must not stay on screen; a network blip keeps the still-valid one.
        if (this.current && Date.parse(this.current.expiresAt) <= Date.now()) {
          this.current = undefined
          this.qr = ''
        }
        if (e instanceof ApiError && e.status >= 400) this.stop()
      },
    })
  }

  private async drawCode(id: string): Promise<void> {
    const res = await this.api.present(id, this.chosen)
    const t0 = typeof performance !== 'undefined' ? performance.now() : 0
    const qr = qrDataUri(res.code)
    // The drawing's own cost, for the bench (h5; mini-programs may lack performance.measure).
    if (typeof performance !== 'undefined' && typeof performance.measure === 'function') performance.measure('zj:qr-draw', { start: t0, end: performance.now() })
    runInAction(() => {
      this.current = res
      this.qr = qr
      this.drawnAt = typeof performance !== 'undefined' ? performance.now() : Date.now()
      // The refresh timer runs on this device's clock, so the countdown does too (a phone
      // behind the server would otherwise show more than the refresh period).
      this.receivedAt = Date.now()
    })
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
  }
}

const stores = new WeakMap<RootStore, WalletStore>()
export function walletStoreOf(root: RootStore): WalletStore {
  let s = stores.get(root)
  if (!s) {
    s = new WalletStore(createWalletApi(root.api.request))
    stores.set(root, s)
  }
  return s
}
