import { makeAutoObservable, runInAction } from 'mobx'
import type { MetaResponse } from '../domain/contract'
import type { Platform } from '../platform/types'
import type { MetaApi } from '../services/meta'
import { outboxEntries, sendableBy } from '../services/outbox'
import { Loadable } from './loadable'
import { CONSENT_VERSION } from '../domain/consent'

const ELDER_KEY = 'zj.prefs.elderMode'
const PRIVACY_KEY = 'zj.privacy.accepted'
/** When the person agreed on this device (ISO), for 隐私政策's status line. */
const PRIVACY_AT_KEY = 'zj.privacy.acceptedAt'
/** Remembered so a demo started offline still says so before /api/meta answers. */
const DEMO_KEY = 'zj.demo'
/** Version of the privacy text the guide shows; a new version asks again. Same as the server's CONSENT_VERSIONS. */
export const PRIVACY_VERSION = CONSENT_VERSION
/** A system font at 115 % or more suggests the user wants larger text: start in 关怀模式. */
export const ELDER_FONT_SCALE = 1.15

/** App-wide state: 关怀模式, connectivity, platform meta. */
export class AppStore {
  elderMode = false
  /** True once the user chose a mode themselves; then the system font no longer decides. */
  elderModeChosen = false
  online = true
  readonly metaState = new Loadable()
  meta?: MetaResponse = undefined
  /** The server is an explicit demonstration (DEMO=1): every page says 演示环境. */
  demo = false
  /** The user agreed to the current privacy text on this device. */
  privacyAccepted = false
  /** When they agreed to it on this device (ISO), if known (agreements from before this was kept have none). */
  privacyAcceptedAt?: string = undefined
  /** Chose 仅浏览 this launch: the guide stays folded until they try something that needs it. */
  privacyDeclined = false
  /** Applications waiting in the outbox (the app-wide pending indicator). */
  pendingSends = 0
  /** Case numbers of the last applications the outbox sent, until the person closes the note. */
  sentNumbers: string[] = []
  private unlisten: (() => void) | null = null
  /** weapp: WeChat is waiting for the user's answer before it runs a privacy-relevant API. */
  private privacyAnswer: ((agreed: boolean) => void) | null = null

  constructor(
    private readonly platform: Platform,
    private readonly api: { meta: MetaApi },
    /** Who is signed in (SessionStore.sender): the pending count is of their own applications. */
    private readonly sender: () => string | null = () => null,
  ) {
    makeAutoObservable<AppStore, 'platform' | 'api' | 'sender' | 'unlisten' | 'privacyAnswer'>(this, { platform: false, api: false, sender: false, unlisten: false, privacyAnswer: false, metaState: false })
    // Storage is synchronous: restore now so the first render already has the right text size.
    this.restorePrefs()
  }

  // Read by the app shell (load once online) and 首页's status line.
  get metaError(): string | undefined {
    return this.metaState.error
  }

  get metaLoading(): boolean {
    return this.metaState.busy !== ''
  }

  setElderMode(on: boolean): void {
    this.elderMode = on
    this.elderModeChosen = true
    this.platform.storage.set(ELDER_KEY, on ? '1' : '0')
  }

  toggleElderMode(): void {
    this.setElderMode(!this.elderMode)
  }

  /** The inline guide on 首页 shows until the user answers (a first launch, or a new privacy text). */
  get privacyGuideOpen(): boolean {
    return !this.privacyAccepted && !this.privacyDeclined
  }

  acceptPrivacy(now: Date = new Date()): void {
    if (!this.privacyAccepted) {
      this.privacyAcceptedAt = now.toISOString()
      this.platform.storage.set(PRIVACY_AT_KEY, this.privacyAcceptedAt)
    }
    this.privacyAccepted = true
    this.privacyDeclined = false
    this.platform.storage.set(PRIVACY_KEY, PRIVACY_VERSION)
    this.answerPlatform(true)
  }

  declinePrivacy(): void {
    this.privacyDeclined = true
    this.answerPlatform(false)
  }

  /** weapp asked before a privacy-relevant API: show the guide again, answer when the user does. */
  privacyRequested(answer: (agreed: boolean) => void): void {
    if (this.privacyAccepted) {
      answer(true)
      return
    }
    this.answerPlatform(false)
    this.privacyAnswer = answer
    this.privacyDeclined = false
  }

  private answerPlatform(agreed: boolean): void {
    const answer = this.privacyAnswer
    this.privacyAnswer = null
    answer?.(agreed)
  }

  setPending(n: number): void {
    this.pendingSends = n
  }

  noteSent(numbers: string[]): void {
    this.sentNumbers = [...this.sentNumbers, ...numbers]
  }

  dismissSent(): void {
    this.sentNumbers = []
  }

  setOnline(online: boolean): void {
    this.online = online
  }

  /** Restores prefs, starts the network listener, waits for the platform's secure random pool. */
  async init(): Promise<void> {
    this.restorePrefs()
    if (!this.unlisten) {
      this.platform.onPrivacyAuthorizationNeeded?.((answer) => this.privacyRequested(answer))
      this.online = this.platform.isOnline()
      this.unlisten = this.platform.onNetworkChange((online) => this.setOnline(online))
    }
    await this.platform.ready()
  }

  dispose(): void {
    this.unlisten?.()
    this.unlisten = null
  }

  async loadMeta(): Promise<void> {
    await this.metaState.run(async () => {
      const meta = await this.api.meta.get()
      runInAction(() => {
        this.meta = meta
        this.demo = meta.demo === true
      })
      if (meta.demo) this.platform.storage.set(DEMO_KEY, '1')
      else this.platform.storage.remove(DEMO_KEY)
    })
  }

  private restorePrefs(): void {
    this.demo = this.platform.storage.get(DEMO_KEY) === '1'
    this.pendingSends = outboxEntries(this.platform.storage).filter(sendableBy(this.sender())).length
    this.privacyAccepted = this.platform.storage.get(PRIVACY_KEY) === PRIVACY_VERSION
    this.privacyAcceptedAt = (this.privacyAccepted && this.platform.storage.get(PRIVACY_AT_KEY)) || undefined
    const stored = this.platform.storage.get(ELDER_KEY)
    if (stored === '1' || stored === '0') {
      this.elderMode = stored === '1'
      this.elderModeChosen = true
      return
    }
    this.elderModeChosen = false
    let scale = 1
    try {
      scale = this.platform.getSystemInfo().fontScale
    } catch {
      // Unknown font size: standard mode.
    }
    this.elderMode = scale >= ELDER_FONT_SCALE
  }
}
