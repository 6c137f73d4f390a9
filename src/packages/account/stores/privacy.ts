// Privacy: the consents on record (withdraw one), a copy of one's data, deleting the account.
import { makeAutoObservable, runInAction } from 'mobx'
import type { ConsentsResponse } from '../../../domain/contract'
import { Loadable } from '../../../stores/loadable'
import { messages } from '../messages'
import type { AccountCore, ConsentKind } from './core'

export type PrivacyTask = 'load' | 'action'

export class PrivacyStore {
  readonly state = new Loadable<PrivacyTask>()
  exportedBytes?: number = undefined

  constructor(private readonly core: AccountCore) {
    makeAutoObservable<PrivacyStore, 'core'>(this, { core: false, state: false })
  }

  get busy(): PrivacyTask | '' {
    return this.state.busy
  }

  get loggedIn(): boolean {
    return this.core.loggedIn
  }

  get consents(): ConsentsResponse['items'] {
    return this.core.consents.items
  }

  async loadConsents(): Promise<void> {
    await this.state.run(() => this.core.consents.load())
  }

  setConsent(kind: ConsentKind, granted: boolean): Promise<boolean> {
    return this.state.run(() => this.core.consents.set(kind, granted), { task: 'action' })
  }

  /** Returns the export as JSON text (the page offers it to save/copy). */
  async exportData(): Promise<string | undefined> {
    let text: string | undefined
    await this.state.run(
      async () => {
        const data = await this.core.deps.identity.exportData()
        text = JSON.stringify(data, null, 2)
        runInAction(() => (this.exportedBytes = text!.length))
      },
      { task: 'action' },
    )
    return text
  }

  async deleteAccount(): Promise<boolean> {
    const ok = await this.state.run(() => this.core.deps.identity.deleteAccount(), { task: 'action' })
    if (ok) {
      this.core.signedOut()
      this.state.setNotice(messages.account.privacy.deleted)
    }
    return ok
  }
}
