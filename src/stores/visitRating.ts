// 好差评 of a hall visit: loads whether the booking can be rated (its holder, after check-in, once)
// and sends the rating; the server decides, this only mirrors its answer.
import { makeAutoObservable, runInAction } from 'mobx'
import type { VisitRatingResponse } from '../domain/contract'
import type { CasesApi } from '../services/cases'
import { Loadable } from './loadable'

export class VisitRatingStore {
  readonly state = new Loadable<'rate'>()
  view: VisitRatingResponse | null = null
  thanks = false

  constructor(private readonly api: Pick<CasesApi, 'visitRating' | 'rateVisit'>) {
    makeAutoObservable<VisitRatingStore, 'api'>(this, { api: false, state: false })
  }

  get busy(): boolean {
    return this.state.busy !== ''
  }

  get error(): string {
    return this.state.error ?? ''
  }

  async load(bookingId: string): Promise<void> {
    this.state.clear()
    try {
      const v = await this.api.visitRating(bookingId)
      runInAction(() => (this.view = v))
    } catch {
      // Not rateable here (offline, or not this person's): show nothing rather than an error.
      runInAction(() => (this.view = null))
    }
  }

  async rate(level: number, tags: string[], comment?: string): Promise<void> {
    const view = this.view
    if (!view || this.busy) return
    await this.state.run(
      async () => {
        const v = await this.api.rateVisit(view.bookingId, level, tags, comment)
        runInAction(() => {
          this.view = v
          this.thanks = true
        })
      },
      { task: 'rate' },
    )
  }
}
