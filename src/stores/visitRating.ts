// 好差评 of a hall visit: loads whether the booking can be rated (its holder, after check-in, once)
// and sends the rating; the server decides, this only mirrors its answer.
import { makeAutoObservable, runInAction } from 'mobx'
import type { VisitRatingResponse } from '../domain/contract'
import type { CasesApi } from '../services/cases'
import { userMessage } from '../services/request'

export class VisitRatingStore {
  view: VisitRatingResponse | null = null
  busy = false
  error = ''
  thanks = false

  constructor(private readonly api: Pick<CasesApi, 'visitRating' | 'rateVisit'>) {
    makeAutoObservable<VisitRatingStore, 'api'>(this, { api: false })
  }

  async load(bookingId: string): Promise<void> {
    this.error = ''
    try {
      const v = await this.api.visitRating(bookingId)
      runInAction(() => (this.view = v))
    } catch {
      // Not rateable here (offline, or not this person's): show nothing rather than an error.
      runInAction(() => (this.view = null))
    }
  }

  async rate(level: number, tags: string[], comment?: string): Promise<void> {
    if (!this.view || this.busy) return
    this.busy = true
    this.error = ''
    try {
      const v = await this.api.rateVisit(this.view.bookingId, level, tags, comment)
      runInAction(() => {
        this.view = v
        this.thanks = true
      })
    } catch (e) {
      runInAction(() => (this.error = userMessage(e)))
    } finally {
      runInAction(() => (this.busy = false))
    }
  }
}
