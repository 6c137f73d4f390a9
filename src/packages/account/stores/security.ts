// Security and sessions: the devices signed in, signing one out, signing out here or everywhere.
import { makeAutoObservable, runInAction } from 'mobx'
import type { MeResponse, SessionView } from '../../../domain/contract'
import { Loadable } from '../../../stores/loadable'
import { messages } from '../messages'
import type { AccountCore } from './core'

export type SecurityTask = 'load' | 'action'

export class SecurityStore {
  readonly state = new Loadable<SecurityTask>()
  sessions: SessionView[] = []

  constructor(private readonly core: AccountCore) {
    makeAutoObservable<SecurityStore, 'core'>(this, { core: false, state: false })
    core.onSignedOut(() => runInAction(() => (this.sessions = [])))
  }

  get busy(): SecurityTask | '' {
    return this.state.busy
  }

  get me(): MeResponse | undefined {
    return this.core.me.me
  }

  get loggedIn(): boolean {
    return this.core.loggedIn
  }

  loadMe(): Promise<void> {
    return this.core.loadMe(this.state)
  }

  async loadSessions(): Promise<void> {
    await this.state.run(async () => {
      const res = await this.core.deps.identity.sessions()
      runInAction(() => (this.sessions = res.items))
    })
  }

  async revokeSession(id: string): Promise<void> {
    const current = this.sessions.find((s) => s.id === id)?.current
    const ok = await this.state.run(() => this.core.deps.identity.revokeSession(id), { task: 'action' })
    if (!ok) return
    if (current) this.signedOut()
    else await this.loadSessions()
  }

  async logout(all = false): Promise<void> {
    const { auth } = this.core.deps
    // Local sign-out happens even when the server cannot be reached: the device is what matters.
    await this.state.run(() => (all ? auth.logoutAll() : auth.logout()), { task: 'action' })
    this.signedOut()
  }

  private signedOut(): void {
    this.core.signedOut()
    this.state.setNotice(messages.account.security.loggedOut)
  }
}
