// 办件进度提醒: one tap asks the mini-program for the case_progress subscribe message (WeChat
// requestSubscribeMessage / Alipay my.requestSubscribeMessage, through src/platform), and records
// the grant: the server then pushes the next step of the case (one message per grant). The ids
// are fetched beforehand because WeChat only shows its dialog when called straight from a tap.
import { makeAutoObservable, runInAction } from 'mobx'
import type { NotifyTemplatesResponse, SubscribeTemplate } from '../domain/contract/notify'
import type { CasesApi } from '../services/cases'
import type { Platform } from '../platform/types'

interface Deps {
  api: Pick<CasesApi, 'notifyTemplates' | 'subscribed'>
  platform: Pick<Platform, 'subscribeChannel' | 'requestSubscribeMessage'>
}

export class SubscribeReminder {
  ids: NotifyTemplatesResponse | null = null
  /** Accepted on this page visit (each grant covers one message). */
  on = false
  asking = false

  constructor(
    private readonly deps: Deps,
    readonly template: SubscribeTemplate = 'case_progress',
  ) {
    makeAutoObservable<SubscribeReminder, 'deps'>(this, { deps: false })
  }

  private get templateId(): string | undefined {
    const p = this.deps.platform.subscribeChannel
    return p ? this.ids?.[p]?.[this.template] : undefined
  }

  /** Only a platform with subscribe messages and a configured template can offer it; h5 has the inbox. */
  get available(): boolean {
    return !!this.templateId
  }

  async load(): Promise<void> {
    if (!this.deps.platform.subscribeChannel || this.ids) return
    try {
      const ids = await this.deps.api.notifyTemplates()
      runInAction(() => (this.ids = ids))
    } catch {
      // Offline or not configured: no button; the inbox still gets every step.
    }
  }

  /** Call from the tap handler itself. */
  async enable(): Promise<void> {
    const id = this.templateId
    const channel = this.deps.platform.subscribeChannel
    if (!id || !channel || this.asking) return
    this.asking = true
    try {
      const answer = await this.deps.platform.requestSubscribeMessage([id])
      if (answer[id] === 'accept') {
        await this.deps.api.subscribed(channel, [this.template])
        runInAction(() => (this.on = true))
      }
    } catch {
      // Refused or unavailable: the inbox still has every step.
    } finally {
      runInAction(() => (this.asking = false))
    }
  }
}
