// 预约 on the device: the booking flow (hall → date → slot → confirm, or a reschedule), 我的预约,
// one booking with its check-in code, and the inbox (消息). Free of Taro so unit tests drive it
// with fake APIs; the subscribe-message tap goes through the platform layer.
import { makeAutoObservable, runInAction } from 'mobx'
import type { AvailabilityResponse, BookingListResponse, BookingView, DayView, SlotView } from '../../domain/contract'
import type { Platform } from '../../platform/types'
import type { BookingApi } from '../../services/booking'
import { CANCEL_UNTIL_BEFORE_MINUTES } from '../../domain/booking/windows'
import { levelStep, type LevelStep } from '../../services/level'
import { userMessage } from '../../services/request'

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
  availability?: AvailabilityResponse = undefined
  loading = false
  error?: string = undefined
  date = ''
  startsAt = ''
  submitting = false
  submitError?: string = undefined
  /** The level the server asked for (L1 login, L2 real name, reauth). */
  step: LevelStep | null = null
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
  list?: BookingListResponse = undefined
  listLoading = false
  listError?: string = undefined
  listStep: LevelStep | null = null

  /** The booking being moved, shown above the new choice. */
  moving?: BookingView = undefined

  // --- one booking ---
  current?: BookingView = undefined
  currentLoading = false
  currentError?: string = undefined
  cancelling = false
  cancelError?: string = undefined

  constructor(private readonly deps: BookingDeps) {
    makeAutoObservable<BookingStore, 'deps' | 'pending' | 'templatesAsked'>(this, { deps: false, pending: false, templatesAsked: false })
  }


  /** Open the flow for an item at a hall (and, for a reschedule, the booking to move). */
  async start(itemCode: string, hallId: string, rescheduleOf: string | null = null): Promise<void> {
    this.itemCode = itemCode
    this.hallId = hallId
    this.rescheduleOf = rescheduleOf
    this.done = undefined
    this.reminderDeclined = false
    this.submitError = undefined
    this.step = null
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
    this.loading = true
    this.error = undefined
    try {
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
    } catch (e) {
      runInAction(() => (this.error = userMessage(e)))
    } finally {
      runInAction(() => (this.loading = false))
    }
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
    this.submitError = undefined
  }

  selectSlot(startsAt: string): void {
    const s = this.slots.find((x) => x.startsAt === startsAt)
    if (!s || !s.open) return
    this.startsAt = startsAt
    this.submitError = undefined
  }

  /** Book (or move) the chosen slot. A retry of the same choice reuses its Idempotency-Key. */
  async confirm(): Promise<boolean> {
    if (!this.startsAt || this.submitting) return false
    this.submitting = true
    this.submitError = undefined
    this.step = null
    const body = JSON.stringify([this.itemCode, this.hallId, this.startsAt, this.rescheduleOf])
    try {
      if (!this.pending || this.pending.body !== body) this.pending = { key: await this.deps.newKey(), body }
      const key = this.pending.key
      const res = this.rescheduleOf
        ? await this.deps.api.reschedule(this.rescheduleOf, { hallId: this.hallId, startsAt: this.startsAt }, { idempotencyKey: key })
        : await this.deps.api.book({ itemCode: this.itemCode, hallId: this.hallId, startsAt: this.startsAt }, { idempotencyKey: key })
      runInAction(() => {
        this.done = res
        this.pending = null
        this.list = undefined
      })
      return true
    } catch (e) {
      const step = levelStep(e)
      runInAction(() => {
        this.step = step
        this.submitError = step ? undefined : userMessage(e)
        // Somebody took the last place meanwhile: show the fresh numbers.
        if ((e as { code?: string }).code === 'BOOKING_SLOT_FULL' || (e as { code?: string }).code === 'BOOKING_SLOT_CLOSED') this.pending = null
      })
      if ((e as { code?: string }).code === 'BOOKING_SLOT_FULL') await this.loadAvailability()
      return false
    } finally {
      runInAction(() => (this.submitting = false))
    }
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
    this.listLoading = true
    this.listError = undefined
    this.listStep = null
    try {
      const l = await this.deps.api.list()
      runInAction(() => (this.list = l))
    } catch (e) {
      const step = levelStep(e)
      runInAction(() => {
        this.listStep = step
        this.listError = step ? undefined : userMessage(e)
      })
    } finally {
      runInAction(() => (this.listLoading = false))
    }
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
    this.currentLoading = true
    this.currentError = undefined
    this.cancelError = undefined
    try {
      const b = await this.deps.api.get(id)
      runInAction(() => (this.current = b))
    } catch (e) {
      runInAction(() => (this.currentError = userMessage(e)))
    } finally {
      runInAction(() => (this.currentLoading = false))
    }
  }

  async cancel(id: string): Promise<boolean> {
    this.cancelling = true
    this.cancelError = undefined
    try {
      const b = await this.deps.api.cancel(id)
      runInAction(() => {
        this.current = b
        this.list = undefined
      })
      return true
    } catch (e) {
      runInAction(() => (this.cancelError = userMessage(e)))
      return false
    } finally {
      runInAction(() => (this.cancelling = false))
    }
  }
}

// The 消息 tab's store lives in the main package (src/stores/inbox.ts) so a tab page never loads
// this subpackage; re-exported for existing imports.
export { InboxStore } from '../../stores/inbox'
