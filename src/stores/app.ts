import { makeAutoObservable, runInAction } from 'mobx'
import type { MetaResponse } from '../domain/contract'
import type { Platform } from '../platform/types'
import { userMessage } from '../services/request'
import type { MetaApi } from '../services/meta'

const ELDER_KEY = 'zj.prefs.elderMode'
/** A system font at 115 % or more suggests the user wants larger text: start in 关怀模式. */
export const ELDER_FONT_SCALE = 1.15

/** App-wide state: 关怀模式, connectivity, platform meta. */
export class AppStore {
  elderMode = false
  /** True once the user chose a mode themselves; then the system font no longer decides. */
  elderModeChosen = false
  online = true
  meta?: MetaResponse = undefined
  metaError?: string = undefined
  metaLoading = false
  private unlisten: (() => void) | null = null

  constructor(
    private readonly platform: Platform,
    private readonly api: { meta: MetaApi },
  ) {
    makeAutoObservable<AppStore, 'platform' | 'api' | 'unlisten'>(this, { platform: false, api: false, unlisten: false })
    // Storage is synchronous: restore now so the first render already has the right text size.
    this.restorePrefs()
  }

  setElderMode(on: boolean): void {
    this.elderMode = on
    this.elderModeChosen = true
    this.platform.storage.set(ELDER_KEY, on ? '1' : '0')
  }

  toggleElderMode(): void {
    this.setElderMode(!this.elderMode)
  }

  setOnline(online: boolean): void {
    this.online = online
  }

  /** Restores prefs, starts the network listener, waits for the platform's secure random pool. */
  async init(): Promise<void> {
    this.restorePrefs()
    if (!this.unlisten) {
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
    this.metaLoading = true
    this.metaError = undefined
    try {
      const meta = await this.api.meta.get()
      runInAction(() => {
        this.meta = meta
      })
    } catch (e) {
      runInAction(() => {
        this.metaError = userMessage(e)
      })
    } finally {
      runInAction(() => {
        this.metaLoading = false
      })
    }
  }

  private restorePrefs(): void {
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
