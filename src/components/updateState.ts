// The one "new version ready" signal: app.tsx fills it when the h5 service worker has a waiting
// version; every Page shows the bar from it. A MobX box, so the bar appears on the page the
// citizen is on without app.tsx rendering any UI (mini-programs ignore App output).
import { makeAutoObservable } from 'mobx'

class UpdateState {
  apply: (() => void) | null = null
  dismissed = false

  constructor() {
    makeAutoObservable(this)
  }

  get visible(): boolean {
    return this.apply !== null && !this.dismissed
  }

  ready(apply: () => void): void {
    this.apply = apply
    this.dismissed = false
  }

  dismiss(): void {
    this.dismissed = true
  }
}

export const updateState = new UpdateState()
