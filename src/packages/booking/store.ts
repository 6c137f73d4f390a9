// 预约 on the device: the booking flow (hall → date → slot → confirm, or a reschedule), 我的预约,
// one booking with its check-in code, and the inbox (消息). Free of Taro so unit tests drive it
// with fake APIs; the subscribe-message tap goes through the platform layer.
import { makeAutoObservable, runInAction } from 'mobx'
import type { AvailabilityResponse, BookingListResponse, BookingView, DayView, SlotView } from '../../domain/contract'
import type { Platform } from '../../platform/types'
import type { BookingApi } from '../../services/booking'
import { CANCEL_UNTIL_BEFORE_MINUTES } from '../../domain/booking/windows'
import type { LevelStep } from '../../services/level'
import { Loadable } from '../../stores/loadable'

export interface BookingDeps {
  api: BookingApi
  newKey: () => Promise<string>
  platform?: Pick<Platform, 'subscribeChannel' | 'requestSubscribeMessage'>
  /** The app's clock (ms); decides which slots are still cancellable when one is preselected. */
  now?: () => number
}

/** A place can be taken in the slot. */
const free = (s: SlotView): boolean => s.open && s.remaining > 0

export class BookingStore {
  // --- the flow ---
  itemCode = ''
  hallId = ''
  rescheduleOf: string | null = null
  /** The hall's days and slots for the item. */
  readonly slotsState = new Loadable()
  availability?: AvailabilityResponse = undefined
  date = ''
  startsAt = ''
  /** 确认预约: a refusal for want of a level (L1 login, L2 real name, reauth) is a step. */
  readonly submitState = new Loadable<'submit'>()
  done?: BookingView = undefined
  reminderOn = false
  /** Set when the reminder was not granted: said, so the person knows the booking itself stands. */
  reminderDeclined = false
  /**
   * This mini-program's reminder template id as the server publishes it (GET /api/notify/templates,
   * from the deployment's typed config); '' = none configured, not loaded yet, or h5.
   */
  reminderTemplateId = ''
  private templatesAsked = false
  private pending: { key: string; body: string } | null = null

  // --- 我的预约 ---
  readonly listState = new Loadable()
  list?: BookingListResponse = undefined

  /** The booking being moved, shown above the new choice. */
  moving?: BookingView = undefined

  // --- one booking ---
  readonly currentState = new Loadable()
  current?: BookingView = undefined
  readonly cancelState = new Loadable<'cancel'>()

  constructor(private readonly deps: BookingDeps) {
    makeAutoObservable<BookingStore, 'deps' | 'pending' | 'templatesAsked'>(this, {
      deps: false,
      pending: false,
      templatesAsked: false,
      slotsState: false,
      submitState: false,
      listState: false,
      currentState: false,
      cancelState: false,
    })
  }

  /** The step the flow needs before it can book (the page shows a LevelGate). */
  get step(): LevelStep | null {
    return this.submitState.step
  }

  get submitError(): string | undefined {
    return this.submitState.error
  }


  /** Open the flow for an item at a hall (and, for a reschedule, the booking to move). */
  async start(itemCode: string, hallId: string, rescheduleOf: string | null = null): Promise<void> {
    this.itemCode = itemCode
    this.hallId = hallId
    this.rescheduleOf = rescheduleOf
    this.done = undefined
    this.reminderDeclined = false
    this.submitState.clear()
    this.startsAt = ''
    // Each flow chooses its own day: a day kept from another item's flow is no choice of the person's.
    this.date = ''
    this.pending = null
    this.moving = undefined
    if (rescheduleOf) void Promise.resolve().then(() => this.deps.api.get(rescheduleOf)).then((b) => runInAction(() => (this.moving = b)), () => undefined)
    // A new booking: the person's bookings, so an active one of the same item is shown up front
    // (the server would refuse a second one only after 确认预约).
    else void Promise.resolve().then(() => this.loadList())
    // Ahead of the 开启提醒 tap: weapp only allows requestSubscribeMessage straight from the tap.
    void this.loadReminderTemplate()
    await this.loadAvailability()
  }

  /** Ask the server once which reminder template this mini-program may request (not on h5). */
  async loadReminderTemplate(): Promise<void> {
    const channel = this.deps.platform?.subscribeChannel
    if (!channel || this.templatesAsked) return
    this.templatesAsked = true
    try {
      const ids = await this.deps.api.notifyTemplates()
      runInAction(() => (this.reminderTemplateId = ids[channel]?.booking_reminder ?? ''))
    } catch {
      // Offline or refused: no button this time; ask again on the next booking.
      this.templatesAsked = false
    }
  }

  async loadAvailability(): Promise<void> {
    if (!this.itemCode || !this.hallId) return
    await this.slotsState.run(async () => {
      const a = await this.deps.api.availability(this.hallId, this.itemCode)
      runInAction(() => {
        this.availability = a
        const kept = a.days.some((d) => d.date === this.date)
        if (this.startsAt && !this.slots.some((s) => s.startsAt === this.startsAt && s.open)) this.startsAt = ''
        if (!this.rescheduleOf && !this.startsAt) {
          // A new booking starts with a free slot chosen: one tap (confirm) books it. Preferred is
          // the first that can still be cancelled (not inside the hour before its start); only
          // when there is none is a no-cancel slot chosen, and the page warns before confirming.
          const cancellable = (s: SlotView) => free(s) && this.cancellable(s)
          const day = kept ? this.day : a.days.find((d) => d.slots.some(cancellable)) ?? a.days.find((d) => d.slots.some(free))
          if (day) {
            this.date = day.date
            this.startsAt = (day.slots.find(cancellable) ?? day.slots.find(free))?.startsAt ?? ''
          }
        }
        // Keep the chosen day when it is still offered; else the first day with an open slot.
        if (!a.days.some((d) => d.date === this.date)) this.date = (a.days.find((d) => d.slots.some((s) => s.open)) ?? a.days[0])?.date ?? ''
      })
    })
  }

  /** The slot can still be cancelled or moved once booked (it starts more than the window ahead). */
  cancellable(s: SlotView): boolean {
    const now = this.deps.now?.() ?? Date.now()
    return Date.parse(s.startsAt) - now >= CANCEL_UNTIL_BEFORE_MINUTES * 60_000
  }

  get days(): DayView[] {
    return this.availability?.days ?? []
  }

  get day(): DayView | undefined {
    return this.days.find((d) => d.date === this.date)
  }

  get slots(): SlotView[] {
    return this.day?.slots ?? []
  }

  get slot(): SlotView | undefined {
    return this.slots.find((s) => s.startsAt === this.startsAt)
  }

  selectDate(date: string): void {
    this.date = date
    this.startsAt = ''
    this.submitState.setError(undefined)
  }

  selectSlot(startsAt: string): void {
    const s = this.slots.find((x) => x.startsAt === startsAt)
    if (!s || !s.open) return
    this.startsAt = startsAt
    this.submitState.setError(undefined)
  }

  /** Book (or move) the chosen slot. A retry of the same choice reuses its Idempotency-Key. */
  async confirm(): Promise<boolean> {
    if (!this.startsAt || this.submitState.busy) return false
    const body = JSON.stringify([this.itemCode, this.hallId, this.startsAt, this.rescheduleOf])
    const ok = await this.submitState.run(
      async () => {
        const key = this.pending?.body === body ? this.pending.key : await this.deps.newKey()
        this.pending = { key, body }
        const res = this.rescheduleOf
          ? await this.deps.api.reschedule(this.rescheduleOf, { hallId: this.hallId, startsAt: this.startsAt }, { idempotencyKey: key })
          : await this.deps.api.book({ itemCode: this.itemCode, hallId: this.hallId, startsAt: this.startsAt }, { idempotencyKey: key })
        runInAction(() => {
          this.done = res
          this.pending = null
          this.list = undefined
        })
      },
      {
        task: 'submit',
        gate: 'gate',
        // Somebody took the last place meanwhile: a new choice gets a new key.
        recover: (e) => {
          if (this.slotTaken(e)) this.pending = null
        },
      },
    )
    // …and the fresh numbers are shown.
    if (!ok && this.submitState.errorCode === 'BOOKING_SLOT_FULL') await this.loadAvailability()
    return ok
  }

  private slotTaken(e: unknown): boolean {
    const code = (e as { code?: string }).code
    return code === 'BOOKING_SLOT_FULL' || code === 'BOOKING_SLOT_CLOSED'
  }

  /** Ask for the reminder subscribe message on a tap (weapp/alipay); records what was accepted. */
  async enableReminders(): Promise<void> {
    const p = this.deps.platform
    const id = this.reminderTemplateId
    const channel = p?.subscribeChannel
    if (!p || !channel || !id) return
    try {
      const answer = await p.requestSubscribeMessage([id])
      if (answer[id] === 'accept') {
        await this.deps.api.subscribed({ channel, accepted: ['booking_reminder'] })
        runInAction(() => (this.reminderOn = true))
      } else runInAction(() => (this.reminderDeclined = true))
    } catch {
      // Refused or unavailable: the inbox still gets the reminders.
      runInAction(() => (this.reminderDeclined = true))
    }
  }

  get canAskReminders(): boolean {
    return !!this.deps.platform?.subscribeChannel && this.reminderTemplateId !== ''
  }

  async loadList(): Promise<void> {
    await this.listState.run(
      async () => {
        const l = await this.deps.api.list()
        runInAction(() => (this.list = l))
      },
      { gate: 'gate' },
    )
  }

  /** The person's active booking of the item being booked (one per item is allowed). */
  get existing(): BookingView | undefined {
    if (this.rescheduleOf || !this.itemCode) return undefined
    return this.upcoming.find((b) => b.itemCode === this.itemCode)
  }

  get upcoming(): BookingView[] {
    return (this.list?.items ?? []).filter((b) => b.status === 'active').sort((a, b) => a.startsAt.localeCompare(b.startsAt))
  }

  get past(): BookingView[] {
    return (this.list?.items ?? []).filter((b) => b.status !== 'active')
  }

  async loadCurrent(id: string): Promise<void> {
    this.cancelState.clear()
    await this.currentState.run(async () => {
      const b = await this.deps.api.get(id)
      runInAction(() => (this.current = b))
    })
  }

  cancel(id: string): Promise<boolean> {
    return this.cancelState.run(
      async () => {
        const b = await this.deps.api.cancel(id)
        runInAction(() => {
          this.current = b
          this.list = undefined
        })
      },
      { task: 'cancel' },
    )
  }
}

// The 消息 tab's store lives in the main package (src/stores/inbox.ts) so a tab page never loads
// this subpackage; re-exported for existing imports.
export { InboxStore } from '../../stores/inbox'
