// The 消息 tab's inbox (预约 reminders, case progress …). It lives in the main package, not in the
// booking subpackage, so that opening a tab page never loads a feature's code (issue 9).
import { makeAutoObservable, runInAction } from 'mobx'
import type { InboxMessage } from '../domain/contract'
import type { BookingApi } from '../services/booking'
import { Loadable, SharedFlight } from './loadable'

export class InboxStore {
  /** A refusal for want of a level is a step (the tab shows a LevelGate). */
  readonly state = new Loadable()
  items: InboxMessage[] = []
  unread = 0
  loaded = false

  constructor(
    private readonly api: Pick<BookingApi, 'inbox' | 'markRead' | 'markAllRead'>,
    /** Who the session sends as: a load in flight serves only callers of the same sender. */
    private readonly sender: () => string | null = () => null,
  ) {
    makeAutoObservable<InboxStore, 'api' | 'sender' | 'flight'>(this, { api: false, sender: false, flight: false, state: false })
  }

  /**
   * At mini-program launch 首页's mount and its first show, and the 消息 tab's show, all ask: one
   * request in flight serves them all (as HomeStore.load), unless someone else signed in since it
   * started. A later show starts a new request, so the list still refreshes.
   */
  async load(): Promise<void> {
    return this.flight.run(this.sender(), () => this.fetch())
  }

  private readonly flight = new SharedFlight()

  private async fetch(): Promise<void> {
    await this.state.run(
      async () => {
        const r = await this.api.inbox()
        runInAction(() => {
          this.items = r.items
          this.unread = r.unread
          this.loaded = true
        })
      },
      { gate: 'gate' },
    )
  }

  async open(m: InboxMessage): Promise<void> {
    if (m.read) return
    runInAction(() => {
      m.read = true
      this.unread = Math.max(0, this.unread - 1)
    })
    await this.api.markRead(m.id).catch(() => undefined)
  }

  async markAllRead(): Promise<void> {
    runInAction(() => {
      for (const m of this.items) m.read = true
      this.unread = 0
    })
    await this.api.markAllRead().catch(() => undefined)
  }

  clear(): void {
    this.items = []
    this.unread = 0
    this.loaded = false
  }
}
