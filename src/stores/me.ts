// Who is signed in, for the 我的 tab: the masked identity and level. It lives in the main package
// while the account store (login, real name, face, sessions, mandates …) stays in the account
// subpackage, so the H5 first screen carries none of the account pages' code (issue 9). The
// account store reads and refreshes `me` through this store: one copy of the answer.
import { makeAutoObservable, runInAction } from 'mobx'
import type { MeResponse } from '../domain/contract'
import type { Request } from '../services/request'

export interface MeSession {
  readonly isLoggedIn: boolean
}

export class MeStore {
  me?: MeResponse = undefined

  constructor(
    private readonly session: MeSession,
    private readonly fetchMe: () => Promise<MeResponse>,
  ) {
    makeAutoObservable<MeStore, 'session' | 'fetchMe'>(this, { session: false, fetchMe: false })
  }

  get loggedIn(): boolean {
    return this.session.isLoggedIn
  }

  /** Reads `me` again; signed out clears it. A failure while still signed in is thrown to the caller. */
  async load(): Promise<void> {
    if (!this.loggedIn) {
      this.me = undefined
      return
    }
    try {
      const me = await this.fetchMe()
      runInAction(() => (this.me = me))
    } catch (e) {
      runInAction(() => {
        if (!this.loggedIn) this.me = undefined
      })
      if (this.loggedIn) throw e
    }
  }

  clear(): void {
    this.me = undefined
  }
}

/** `GET /api/me` alone: the identity API's other calls belong to the account subpackage. */
export function meFetcher(request: Request): () => Promise<MeResponse> {
  return () => request.get<MeResponse>('/api/me')
}
