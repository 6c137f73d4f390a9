// BookingStore and InboxStore with a fake BookingApi: day/slot choice, one Idempotency-Key per
// choice (reused on retry), a full slot refreshes the numbers, level refusals become a step.
import { BookingStore, InboxStore } from '../../../src/packages/booking/store'
import type { BookingApi } from '../../../src/services/booking'
import { ApiError } from '../../../src/services/request'
import type { AvailabilityResponse, BookingView } from '../../../src/domain/contract'

const slot = (start: string, remaining: number, open = true) => ({ start, end: start.replace(':00', ':30'), startsAt: `2026-11-24T${start}:00+08:00`, capacity: 5, remaining, open })
const AV: AvailabilityResponse = {
  hallId: 'jb-centre',
  hallName: '江北区行政服务中心',
  itemCode: 'X1',
  itemName: '事项',
  days: [
    { date: '2026-11-23', weekday: 1, adjusted: false, slots: [slot('09:00', 0, false)] },
    { date: '2026-11-24', weekday: 2, adjusted: false, slots: [slot('09:00', 0, false), slot('10:00', 3)] },
  ],
}
const VIEW = { id: 'b1', itemName: '事项', status: 'active' } as BookingView

function fakeApi(over: Partial<BookingApi> = {}) {
  const calls: Array<[string, unknown, unknown]> = []
  const api = {
    availability: async () => AV,
    book: async (body: unknown, opts: unknown) => {
      calls.push(['book', body, opts])
      return VIEW
    },
    reschedule: async (id: string, body: unknown, opts: unknown) => {
      calls.push(['reschedule', { id, body }, opts])
      return VIEW
    },
    ...over,
  } as unknown as BookingApi
  return { api, calls }
}

let keys = 0
const newKey = async () => `key-${++keys}`

describe('BookingStore flow', () => {
  it('opens on the first day with an open slot, that day\'s first free slot chosen, and only lets open slots be chosen', async () => {
    const s = new BookingStore({ api: fakeApi().api, newKey })
    await s.start('X1', 'jb-centre')
    expect(s.date).toBe('2026-11-24')
    expect(s.slot?.start).toBe('10:00')
    s.selectDate('2026-11-23')
    expect(s.slot).toBeUndefined()
    s.selectDate('2026-11-24')
    s.selectSlot(AV.days[1].slots[0].startsAt)
    expect(s.slot).toBeUndefined()
    s.selectSlot(AV.days[1].slots[1].startsAt)
    expect(s.slot?.start).toBe('10:00')
  })

  it('preselects the first slot that can still be cancelled, on a later day if need be; a no-cancel slot only when nothing else is free', async () => {
    const at = (date: string, start: string, remaining = 3) => ({ start, end: start.replace(':00', ':30'), startsAt: `${date}T${start}:00+08:00`, capacity: 5, remaining, open: true })
    const av: AvailabilityResponse = {
      ...AV,
      days: [
        { date: '2026-12-07', weekday: 1, adjusted: false, slots: [at('2026-12-07', '09:00'), at('2026-12-07', '10:00', 0), at('2026-12-07', '11:00')] },
        { date: '2026-12-08', weekday: 2, adjusted: false, slots: [at('2026-12-08', '09:00')] },
      ],
    }
    // Monday 08:10: 09:00 is inside the no-cancel hour, 10:00 is full, 11:00 can be cancelled.
    let now = Date.parse('2026-12-07T08:10:00+08:00')
    const s = new BookingStore({ api: fakeApi({ availability: async () => av }).api, newKey, now: () => now })
    await s.start('X1', 'jb-centre')
    expect([s.date, s.slot?.start]).toEqual(['2026-12-07', '11:00'])
    // 10:05: nothing left today that can be cancelled, so tomorrow's first slot.
    now = Date.parse('2026-12-07T10:05:00+08:00')
    await s.start('X1', 'jb-centre')
    expect([s.date, s.slot?.start]).toEqual(['2026-12-08', '09:00'])
    // Only no-cancel slots free anywhere: the first of them, for the page to warn about.
    const late: AvailabilityResponse = { ...AV, days: [{ date: '2026-12-07', weekday: 1, adjusted: false, slots: [at('2026-12-07', '09:00', 0), at('2026-12-07', '10:30')] }] }
    const l = new BookingStore({ api: fakeApi({ availability: async () => late }).api, newKey, now: () => Date.parse('2026-12-07T09:40:00+08:00') })
    await l.start('X1', 'jb-centre')
    expect(l.slot?.start).toBe('10:30')
    expect(l.cancellable(l.slot!)).toBe(false)
  })

  it('keeps one Idempotency-Key for a retried choice and a new one for a new choice', async () => {
    let fail = true
    const { api, calls } = fakeApi({
      book: async (body, opts) => {
        calls.push(['book', body, opts])
        if (fail) throw new ApiError({ status: 0, code: 'TIMEOUT', message: '网络超时', kind: 'timeout' })
        return VIEW
      },
    })
    const s = new BookingStore({ api, newKey })
    await s.start('X1', 'jb-centre')
    s.selectSlot(AV.days[1].slots[1].startsAt)
    expect(await s.confirm()).toBe(false)
    expect(s.submitError).toBe('网络超时')
    fail = false
    expect(await s.confirm()).toBe(true)
    expect((calls[0][2] as { idempotencyKey: string }).idempotencyKey).toBe((calls[1][2] as { idempotencyKey: string }).idempotencyKey)
    expect(s.done).toEqual(VIEW)
  })

  it('a full slot shows the message and reloads the places', async () => {
    let loads = 0
    const { api } = fakeApi({
      availability: async () => {
        loads++
        return AV
      },
      book: async () => {
        throw new ApiError({ status: 409, code: 'BOOKING_SLOT_FULL', message: '这个时段已约满，请选择其他时段。', kind: 'http' })
      },
    })
    const s = new BookingStore({ api, newKey })
    await s.start('X1', 'jb-centre')
    s.selectSlot(AV.days[1].slots[1].startsAt)
    await s.confirm()
    expect(s.submitError).toContain('约满')
    expect(loads).toBe(2)
  })

  it('LEVEL_REQUIRED becomes the real-name step; a reschedule calls reschedule', async () => {
    const { api, calls } = fakeApi({
      book: async () => {
        throw new ApiError({ status: 403, code: 'LEVEL_REQUIRED', message: '需要实名', kind: 'http', body: { requiredLevel: 'L2' } })
      },
    })
    const s = new BookingStore({ api, newKey })
    await s.start('X1', 'jb-centre')
    s.selectSlot(AV.days[1].slots[1].startsAt)
    await s.confirm()
    expect(s.step).toBe('L2')
    await s.start('X1', 'jb-centre', 'b1')
    s.selectSlot(AV.days[1].slots[1].startsAt)
    expect(await s.confirm()).toBe(true)
    expect(calls.at(-1)?.[0]).toBe('reschedule')
  })
})

describe('InboxStore', () => {
  it('counts unread and marks read locally and on the server', async () => {
    const read: string[] = []
    const items = [
      { id: 'm1', kind: 'k', title: 'a', body: 'b', createdAt: '2026-11-23T01:00:00Z', read: false },
      { id: 'm2', kind: 'k', title: 'c', body: 'd', createdAt: '2026-11-22T01:00:00Z', read: true },
    ]
    const s = new InboxStore({
      inbox: async () => ({ items, unread: 1 }),
      markRead: async (id: string) => {
        read.push(id)
        return { ok: true as const }
      },
      markAllRead: async () => ({ ok: true as const }),
    })
    await s.load()
    expect(s.unread).toBe(1)
    await s.open(s.items[0])
    expect(s.unread).toBe(0)
    expect(s.items[0].read).toBe(true)
    expect(read).toEqual(['m1'])
  })

  it('one request serves the loads asked for while it is in flight (launch: 首页 mount + first show, 消息 show); a later load asks again', async () => {
    let calls = 0
    const pending: ((v: { items: never[]; unread: number }) => void)[] = []
    const answer = (v: { items: never[]; unread: number }) => pending.splice(0).forEach((r) => r(v))
    let sender = 'a'
    const s = new InboxStore(
      {
        inbox: () => {
          calls++
          return new Promise((r) => pending.push(r))
        },
        markRead: async () => ({ ok: true as const }),
        markAllRead: async () => ({ ok: true as const }),
      },
      () => sender,
    )
    const both = Promise.all([s.load(), s.load()])
    expect(calls).toBe(1)
    answer({ items: [], unread: 2 })
    await both
    expect(s.unread).toBe(2)
    // A later show refreshes.
    const later = s.load()
    expect(calls).toBe(2)
    // Someone else signed in meanwhile: their inbox is asked for, not the previous person's reused.
    sender = 'b'
    const other = s.load()
    expect(calls).toBe(3)
    answer({ items: [], unread: 0 })
    await Promise.all([later, other])
  })
})

describe('BookingStore 开启提醒 (template ids from GET /api/notify/templates)', () => {
  type Name = 'weapp' | 'alipay' | 'h5'
  function fakePlatform(name: Name, answer: 'accept' | 'reject' = 'accept') {
    const asked: string[][] = []
    return {
      asked,
      platform: {
        subscribeChannel: name === 'h5' ? undefined : name,
        requestSubscribeMessage: async (ids: string[]) => {
          asked.push(ids)
          return Object.fromEntries(ids.map((id) => [id, answer]))
        },
      },
    }
  }
  function withTemplates(ids: () => Promise<{ weapp: Record<string, string>; alipay: Record<string, string> }>) {
    const granted: unknown[] = []
    let fetches = 0
    const { api } = fakeApi({
      notifyTemplates: async () => {
        fetches++
        return ids()
      },
      subscribed: async (body) => {
        granted.push(body)
        return { ok: true as const }
      },
    })
    return { api, granted, fetches: () => fetches }
  }

  it('weapp with a configured id: the button shows, the tap asks for exactly that id and records the grant', async () => {
    const t = withTemplates(async () => ({ weapp: { booking_reminder: 'tpl-wx-1', case_progress: 'tpl-wx-2' }, alipay: {} }))
    const p = fakePlatform('weapp')
    const s = new BookingStore({ api: t.api, newKey, platform: p.platform })
    expect(s.canAskReminders).toBe(false)
    await s.start('X1', 'jb-centre')
    await s.loadReminderTemplate()
    expect(s.canAskReminders).toBe(true)
    await s.enableReminders()
    expect(p.asked).toEqual([['tpl-wx-1']])
    expect(t.granted).toEqual([{ channel: 'weapp', accepted: ['booking_reminder'] }])
    expect(s.reminderOn).toBe(true)
    expect(s.reminderDeclined).toBe(false)
    // Asked once per store, not on every booking.
    await s.start('X1', 'jb-centre')
    expect(t.fetches()).toBe(1)
  })

  it('alipay uses its own id; a refusal records nothing', async () => {
    const t = withTemplates(async () => ({ weapp: { booking_reminder: 'tpl-wx-1' }, alipay: { booking_reminder: 'tpl-ali-9' } }))
    const p = fakePlatform('alipay', 'reject')
    const s = new BookingStore({ api: t.api, newKey, platform: p.platform })
    await s.loadReminderTemplate()
    expect(s.canAskReminders).toBe(true)
    await s.enableReminders()
    expect(p.asked).toEqual([['tpl-ali-9']])
    expect(t.granted).toEqual([])
    expect(s.reminderOn).toBe(false)
    // Said on the page (remindDeclined), so the person knows the booking itself stands.
    expect(s.reminderDeclined).toBe(true)
  })

  it('no id for this mini-program, or h5: no button and no request', async () => {
    const t = withTemplates(async () => ({ weapp: {}, alipay: { booking_reminder: 'tpl-ali-9' } }))
    const wx = fakePlatform('weapp')
    const s = new BookingStore({ api: t.api, newKey, platform: wx.platform })
    await s.loadReminderTemplate()
    expect(s.canAskReminders).toBe(false)
    await s.enableReminders()
    expect(wx.asked).toEqual([])
    const h5 = fakePlatform('h5')
    const web = new BookingStore({ api: t.api, newKey, platform: h5.platform })
    await web.loadReminderTemplate()
    expect(web.canAskReminders).toBe(false)
    expect(t.fetches()).toBe(1)
  })

  it('when the ids cannot be fetched the button stays hidden and the next booking asks again', async () => {
    let up = false
    const t = withTemplates(async () => {
      if (!up) throw new Error('offline')
      return { weapp: { booking_reminder: 'tpl-wx-1' }, alipay: {} }
    })
    const s = new BookingStore({ api: t.api, newKey, platform: fakePlatform('weapp').platform })
    await s.loadReminderTemplate()
    expect(s.canAskReminders).toBe(false)
    up = true
    await s.loadReminderTemplate()
    expect(s.canAskReminders).toBe(true)
    expect(t.fetches()).toBe(2)
  })
})
