// 预约 through the API on PGlite and PostgreSQL: availability, booking with its rules and errors,
// cancel, atomic reschedule, the check-in code and staff check-in, the day view, no-shows and the
// block, reminders and the inbox. Every time-based rule reads the injected clock.
import { and, eq } from 'drizzle-orm'
import { bookingQuotas, bookingSlots, bookings, inboxMessages, jobs } from '../../mock/src/db/schema'
import { forEachDatabase, type TestEnv } from './harness'
import { TestClock, accountIdOf, get, login, loginL2, post } from './identity-helpers'
import { HALL, HOUR, ITEMS, MIN, MONDAY_0900, cn, refreshed, runJobs, staffToken } from './booking-support'

const clock = new TestClock(MONDAY_0900)

async function bookAs(env: TestEnv, token: string, itemCode: string, startsAt: string, hallId = HALL) {
  return post(env, '/api/bookings', { itemCode, hallId, startsAt }, { token })
}

forEachDatabase(
  'booking',
  (getEnv) => {
    beforeEach(() => {
      clock.t = Date.parse(MONDAY_0900)
    })

    it('the inbox lists newest first; messages written at one instant keep the order they were written in (newest on top)', async () => {
      const env = getEnv()
      const u = await login(env)
      const accountId = await accountIdOf(env, u.phone)
      const at = new Date(clock.t - HOUR)
      const later = new Date(clock.t)
      // Written in this order in one instant (as a 秒批 case's 已提交 then 已办结); the ids sort the other way.
      await env.database.db.insert(inboxMessages).values([
        { id: 'ffffffff-ffff-4fff-bfff-ffffffffff01', accountId, kind: 'case.submitted', title: '已提交', body: '1', createdAt: at },
        { id: '00000000-0000-4000-8000-000000000002', accountId, kind: 'case.delivered', title: '已办结', body: '2', createdAt: at },
      ])
      await env.database.db.insert(inboxMessages).values({ accountId, kind: 'booking.created', title: '预约成功', body: '3', createdAt: later })
      const items = (await get(env, '/api/inbox', { token: u.accessToken })).json().items as { title: string }[]
      expect(items.map((m) => m.title)).toEqual(['预约成功', '已办结', '已提交'])
    })

    it('lists today and the next 7 working days in 30-minute slots with places left', async () => {
      const res = await get(getEnv(), `/api/booking/availability?hall=${HALL}&item=${ITEMS[0]}`)
      expect(res.statusCode).toBe(200)
      const body = res.json()
      expect(body.days.map((d: { date: string }) => d.date)).toEqual(['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-30', '2026-12-01', '2026-12-02'])
      const today = body.days[0].slots
      expect(today[0]).toMatchObject({ start: '08:30', end: '09:00', open: false })
      // 09:30 closes at 09:00 exactly (30 minutes before): still open at 09:00.
      expect(today.find((s: { start: string }) => s.start === '09:30')).toMatchObject({ open: true, capacity: 55, remaining: 55 })
      expect(today.map((s: { start: string }) => s.start)).not.toContain('12:00')
      const bad = await get(getEnv(), `/api/booking/availability?hall=nowhere&item=${ITEMS[0]}`)
      expect(bad.statusCode).toBe(404)
      expect(bad.json().message).toMatch(/大厅/)
    })

    it('needs real name (L2) to book', async () => {
      const t = await login(getEnv())
      const res = await bookAs(getEnv(), t.accessToken, ITEMS[0], cn('2026-11-24T09:00'))
      expect(res.statusCode).toBe(403)
      expect(res.json().code).toBe('LEVEL_REQUIRED')
    })

    it('books, shows it in 我的预约 and the inbox, and counts the place', async () => {
      const env = getEnv()
      const u = await loginL2(env)
      const res = await bookAs(env, u.accessToken, ITEMS[0], cn('2026-11-24T09:00'))
      expect(res.statusCode).toBe(201)
      expect(res.json()).toMatchObject({ status: 'active', date: '2026-11-24', start: '09:00', end: '09:30', hallName: '江北区行政服务中心', canCancel: true })
      const mine = (await get(env, '/api/bookings', { token: u.accessToken })).json()
      expect(mine).toMatchObject({ activeCount: 1, maxActive: 3 })
      expect(mine.items[0].id).toBe(res.json().id)
      const av = (await get(env, `/api/booking/availability?hall=${HALL}&item=${ITEMS[0]}`)).json()
      expect(av.days[1].slots.find((s: { start: string }) => s.start === '09:00').remaining).toBe(54)
      const inbox = (await get(env, '/api/inbox', { token: u.accessToken })).json()
      expect(inbox.unread).toBe(1)
      expect(inbox.items[0]).toMatchObject({ kind: 'booking.created', title: '预约成功', read: false })
      expect((await post(env, `/api/inbox/${inbox.items[0].id}/read`, {}, { token: u.accessToken })).statusCode).toBe(200)
      expect((await get(env, '/api/inbox', { token: u.accessToken })).json().unread).toBe(0)
      // Someone else's booking is not there for others.
      const other = await loginL2(env)
      expect((await get(env, `/api/bookings/${res.json().id}`, { token: other.accessToken })).statusCode).toBe(404)
    })

    it('refuses bad times with a 4xx and a Chinese message, writing nothing', async () => {
      const env = getEnv()
      const u = await loginL2(env)
      const cases: Array<[string, number, string]> = [
        [cn('2026-11-20T09:00'), 422, 'BOOKING_PAST'],
        [cn('2026-11-28T09:00'), 422, 'BOOKING_NOT_WORKING_DAY'], // ordinary Saturday
        [cn('2026-12-03T09:00'), 422, 'BOOKING_TOO_FAR'],
        [cn('2026-11-24T09:10'), 422, 'BOOKING_NOT_A_SLOT'],
        [cn('2026-11-24T12:00'), 422, 'BOOKING_NOT_A_SLOT'], // lunch
        [cn('2026-11-23T09:00'), 422, 'BOOKING_PAST'],
        [cn('2026-11-23T09:15'), 422, 'BOOKING_NOT_A_SLOT'],
      ]
      for (const [startsAt, status, code] of cases) {
        const res = await bookAs(env, u.accessToken, ITEMS[0], startsAt)
        expect([startsAt, res.statusCode, res.json().code]).toEqual([startsAt, status, code])
        expect(res.json().message).toMatch(/[\u4e00-\u9fff]/)
      }
      // 09:30 today is open at 09:00 exactly; a minute later it has closed.
      clock.advance(MIN)
      const closed = await bookAs(env, u.accessToken, ITEMS[0], cn('2026-11-23T09:30'))
      expect(closed.json().code).toBe('BOOKING_SLOT_CLOSED')
      expect((await bookAs(env, u.accessToken, '33020007001001000', cn('2026-11-24T09:00'), 'no-such-hall')).statusCode).toBe(404)
      const rows = await env.database.db.select().from(bookings).where(eq(bookings.itemCode, ITEMS[0]))
      expect(rows.filter((r) => r.startsAt.toISOString() === cn('2026-11-23T09:30'))).toEqual([])
    })

    it('one active booking per item, at most 3 in all', async () => {
      const env = getEnv()
      const u = await loginL2(env)
      expect((await bookAs(env, u.accessToken, ITEMS[0], cn('2026-11-25T10:00'))).statusCode).toBe(201)
      const dup = await bookAs(env, u.accessToken, ITEMS[0], cn('2026-11-26T10:00'))
      expect(dup.statusCode).toBe(409)
      expect(dup.json()).toMatchObject({ code: 'BOOKING_DUPLICATE', message: expect.stringContaining('改约') })
      expect((await bookAs(env, u.accessToken, ITEMS[1], cn('2026-11-25T10:00'))).statusCode).toBe(201)
      expect((await bookAs(env, u.accessToken, ITEMS[2], cn('2026-11-25T10:30'))).statusCode).toBe(201)
      const fourth = await bookAs(env, u.accessToken, ITEMS[3], cn('2026-11-25T11:00'))
      expect(fourth.statusCode).toBe(409)
      expect(fourth.json()).toMatchObject({ code: 'BOOKING_TOO_MANY', message: expect.stringContaining('3 个') })
      expect((await get(env, '/api/bookings', { token: u.accessToken })).json().activeCount).toBe(3)
    })

    it('a full slot says so and leaves nothing behind', async () => {
      const env = getEnv()
      const startsAt = cn('2026-11-26T14:00')
      await env.database.db.insert(bookingSlots).values({ hallId: HALL, day: '2026-11-26', startsAt: new Date(startsAt), endsAt: new Date(Date.parse(startsAt) + 30 * MIN), capacity: 1, booked: 0 })
      const a = await loginL2(env)
      const b = await loginL2(env)
      expect((await bookAs(env, a.accessToken, ITEMS[0], startsAt)).statusCode).toBe(201)
      const full = await bookAs(env, b.accessToken, ITEMS[0], startsAt)
      expect(full.statusCode).toBe(409)
      expect(full.json()).toMatchObject({ code: 'BOOKING_SLOT_FULL', message: '这个时段已约满，请选择其他时段。' })
      const av = (await get(env, `/api/booking/availability?hall=${HALL}&item=${ITEMS[0]}`)).json()
      expect(av.days.find((d: { date: string }) => d.date === '2026-11-26').slots.find((s: { start: string }) => s.start === '14:00')).toMatchObject({ remaining: 0, open: false })
      // b's quota and inbox were rolled back with the refusal.
      const bList = (await get(env, '/api/bookings', { token: b.accessToken })).json()
      expect(bList).toMatchObject({ items: [], activeCount: 0 })
      const quota = await env.database.db.select().from(bookingQuotas)
      expect(quota.every((q) => q.active >= 0 && q.active <= 3)).toBe(true)
    })

    it('cancels until 1 hour before (the place is freed), then can book the item again', async () => {
      const env = getEnv()
      const u = await loginL2(env)
      const b = (await bookAs(env, u.accessToken, ITEMS[0], cn('2026-11-23T11:00'))).json()
      const b2 = (await bookAs(env, u.accessToken, ITEMS[1], cn('2026-11-24T15:00'))).json()
      const ok = await post(env, `/api/bookings/${b2.id}/cancel`, {}, { token: u.accessToken })
      expect(ok.statusCode).toBe(200)
      expect(ok.json().status).toBe('cancelled')
      const again = await post(env, `/api/bookings/${b2.id}/cancel`, {}, { token: u.accessToken })
      expect(again.json().code).toBe('BOOKING_NOT_ACTIVE')
      // The cancellation is in the inbox, once (the refused second cancel adds nothing).
      const cancelled = (await get(env, '/api/inbox', { token: u.accessToken })).json().items.filter((m: { kind: string }) => m.kind === 'booking.cancelled')
      expect(cancelled).toHaveLength(1)
      expect(cancelled[0]).toMatchObject({ title: '预约已取消', link: `/packages/booking/pages/detail?id=${b2.id}` })
      expect(cancelled[0].body).toContain('2026-11-24 15:00-15:30')
      const [slot] = await env.database.db.select().from(bookingSlots).where(and(eq(bookingSlots.hallId, HALL), eq(bookingSlots.startsAt, new Date(cn('2026-11-24T15:00')))))
      expect(slot.booked).toBe(0)
      // Its reminders and no-show job are gone with it.
      const left = await env.database.db.select().from(jobs)
      expect(left.filter((j) => (j.data as { bookingId?: string }).bookingId === b2.id)).toEqual([])
      expect((await bookAs(env, u.accessToken, ITEMS[1], cn('2026-11-24T15:30'))).statusCode).toBe(201)
      // Past the limit: 59:59 before the start.
      clock.t = Date.parse(cn('2026-11-23T10:00')) + 1000
      const t1 = await refreshed(env, u.refreshToken)
      const late = await post(env, `/api/bookings/${b.id}/cancel`, {}, { token: t1.accessToken })
      // A conflict with the booking's state in time, said in the words the app shows.
      expect(late.statusCode).toBe(409)
      expect(late.json().code).toBe('BOOKING_TOO_LATE_TO_CANCEL')
      expect(late.json().message).toContain('开始前1小时内不可取消')
    })

    it('reschedules in one step; a full target keeps the old booking and place', async () => {
      const env = getEnv()
      const u = await loginL2(env)
      const b = (await bookAs(env, u.accessToken, ITEMS[0], cn('2026-11-27T09:00'))).json()
      const moved = await post(env, `/api/bookings/${b.id}/reschedule`, { startsAt: cn('2026-11-27T10:00') }, { token: u.accessToken })
      expect(moved.statusCode).toBe(200)
      expect(moved.json()).toMatchObject({ id: b.id, start: '10:00', status: 'active' })
      const slotAt = async (iso: string) => (await env.database.db.select().from(bookingSlots).where(and(eq(bookingSlots.hallId, HALL), eq(bookingSlots.startsAt, new Date(iso)))))[0]
      expect((await slotAt(cn('2026-11-27T09:00'))).booked).toBe(0)
      expect((await slotAt(cn('2026-11-27T10:00'))).booked).toBe(1)
      const movedMsgs = async () => (await get(env, '/api/inbox', { token: u.accessToken })).json().items.filter((m: { kind: string }) => m.kind === 'booking.rescheduled')
      const [msg] = await movedMsgs()
      expect(msg).toMatchObject({ title: '预约已改约', link: `/packages/booking/pages/detail?id=${b.id}` })
      expect(msg.body).toContain('2026-11-27 10:00-10:30')
      expect(msg.body).toContain('2026-11-27 09:00-09:30')
      const fullAt = cn('2026-11-27T16:00')
      await env.database.db.insert(bookingSlots).values({ hallId: HALL, day: '2026-11-27', startsAt: new Date(fullAt), endsAt: new Date(Date.parse(fullAt) + 30 * MIN), capacity: 1, booked: 1 })
      const refused = await post(env, `/api/bookings/${b.id}/reschedule`, { startsAt: fullAt }, { token: u.accessToken })
      expect(refused.statusCode).toBe(409)
      expect(refused.json().code).toBe('BOOKING_SLOT_FULL')
      expect((await get(env, `/api/bookings/${b.id}`, { token: u.accessToken })).json()).toMatchObject({ start: '10:00', status: 'active' })
      expect((await slotAt(cn('2026-11-27T10:00'))).booked).toBe(1)
      const same = await post(env, `/api/bookings/${b.id}/reschedule`, { startsAt: cn('2026-11-27T10:00') }, { token: u.accessToken })
      expect(same.json().code).toBe('BOOKING_SAME_SLOT')
      // Refused moves (full, same slot) leave no message.
      expect(await movedMsgs()).toHaveLength(1)
      // Another hall that serves the item.
      const other = await post(env, `/api/bookings/${b.id}/reschedule`, { hallId: 'nb-city', startsAt: cn('2026-11-27T09:00') }, { token: u.accessToken })
      expect(other.statusCode).toBe(200)
      expect(other.json()).toMatchObject({ hallId: 'nb-city', start: '09:00' })
      expect((await slotAt(cn('2026-11-27T10:00'))).booked).toBe(0)
    })

    it('check-in: a signed code inside its window, staff check-in gives a queue number, day view', async () => {
      const env = getEnv()
      const u = await loginL2(env)
      const b = (await bookAs(env, u.accessToken, ITEMS[0], cn('2026-11-23T14:00'))).json()
      // Not yet: the window opens 30 minutes before the start.
      const early = (await get(env, `/api/bookings/${b.id}`, { token: u.accessToken })).json()
      expect(early.checkIn).toEqual({ validFrom: cn('2026-11-23T13:30'), validUntil: cn('2026-11-23T14:30') })
      clock.t = Date.parse(cn('2026-11-23T13:40'))
      // The session idled past 30 minutes: reading one's own booking needs only L1.
      const t1 = await refreshed(env, u.refreshToken)
      const detail = (await get(env, `/api/bookings/${b.id}`, { token: t1.accessToken })).json()
      expect(detail.checkIn.code).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/)
      expect(detail.checkIn.code.length).toBeLessThanOrEqual(400)
      const header = JSON.parse(Buffer.from(detail.checkIn.code.split('.')[0], 'base64url').toString())
      expect(header).toMatchObject({ alg: 'ES256', typ: 'zj.chk' })

      const staff = await staffToken(env, clock)
      const citizenTry = await post(env, '/api/staff/bookings/check-in', { code: detail.checkIn.code }, { token: t1.accessToken })
      expect(citizenTry.statusCode).toBe(401)
      const res = await post(env, '/api/staff/bookings/check-in', { code: detail.checkIn.code }, { token: staff })
      expect(res.statusCode).toBe(200)
      expect(res.json()).toMatchObject({ bookingId: b.id, queueNumber: 'Y001', already: false, start: '14:00' })
      expect(res.json().name).toMatch(/\*/)
      const twice = await post(env, '/api/staff/bookings/check-in', { code: detail.checkIn.code }, { token: staff })
      expect(twice.json()).toMatchObject({ queueNumber: 'Y001', already: true })
      const tampered = detail.checkIn.code.slice(0, -3) + (detail.checkIn.code.endsWith('AAA') ? 'BBB' : 'AAA')
      expect((await post(env, '/api/staff/bookings/check-in', { code: tampered }, { token: staff })).json().code).toBe('CHECKIN_CODE_INVALID')
      const mine = (await get(env, `/api/bookings/${b.id}`, { token: t1.accessToken })).json()
      expect(mine).toMatchObject({ status: 'checked_in', queueNumber: 'Y001' })
      expect(mine.checkIn).toBeUndefined()

      const day = await get(env, `/api/staff/halls/${HALL}/day?date=2026-11-23`, { token: staff })
      expect(day.statusCode).toBe(200)
      const slot = day.json().slots.find((s: { start: string }) => s.start === '14:00')
      expect(slot.bookings).toEqual([expect.objectContaining({ id: b.id, status: 'checked_in', queueNumber: 'Y001' })])
      expect(day.json().totals.checkedIn).toBeGreaterThanOrEqual(1)
      expect((await get(env, `/api/staff/halls/${HALL}/day`, { token: t1.accessToken })).statusCode).toBe(401)
    })

    it('no-shows: marked by the job 15 minutes after the end; 3 in 90 days block for 30 days', async () => {
      const env = getEnv()
      const u = await loginL2(env)
      const ids: string[] = []
      for (const [i, t] of ['2026-11-24T09:00', '2026-11-24T09:30', '2026-11-24T10:00'].entries()) {
        ids.push((await bookAs(env, u.accessToken, ITEMS[i], cn(t))).json().id)
      }
      // 14 minutes after the last one ends: the first two are due, the last is not.
      await runJobs(env, new Date(Date.parse(cn('2026-11-24T10:44'))))
      const status = async () => (await env.database.db.select().from(bookings).where(eq(bookings.accountId, (await env.database.db.select().from(bookings).where(eq(bookings.id, ids[0])))[0].accountId))).map((r): [string, string] => [r.id, r.status])
      expect(new Map(await status())).toEqual(new Map([[ids[0], 'no_show'], [ids[1], 'no_show'], [ids[2], 'active']]))
      await runJobs(env, new Date(Date.parse(cn('2026-11-24T10:45'))))
      expect(new Map(await status()).get(ids[2])).toBe('no_show')
      // Back at Monday morning (the session is fresh there): blocked, with the end date.
      const res = await bookAs(env, u.accessToken, ITEMS[3], cn('2026-11-25T09:00'))
      expect(res.statusCode).toBe(403)
      expect(res.json()).toMatchObject({ code: 'BOOKING_BLOCKED', lockedUntil: cn('2026-12-24T10:00') })
      expect(res.json().message).toContain('2026-12-24')
      expect((await get(env, '/api/bookings', { token: u.accessToken })).json()).toMatchObject({ activeCount: 0, blockedUntil: cn('2026-12-24T10:00') })
      const inbox = (await get(env, '/api/inbox', { token: u.accessToken })).json()
      expect(inbox.items.map((m: { kind: string }) => m.kind)).toContain('booking.blocked')
    })

    it('reminds the evening before and 1 hour before, to the inbox', async () => {
      const env = getEnv()
      const u = await loginL2(env)
      const b = (await bookAs(env, u.accessToken, ITEMS[4], cn('2026-11-25T15:00'))).json()
      const kinds = async () =>
        (await env.database.db.select().from(inboxMessages).where(eq(inboxMessages.link, `/packages/booking/pages/detail?id=${b.id}`))).map((m) => m.kind).sort()
      await runJobs(env, new Date(Date.parse(cn('2026-11-24T19:59'))))
      expect(await kinds()).toEqual(['booking.created'])
      await runJobs(env, new Date(Date.parse(cn('2026-11-24T20:00'))))
      expect(await kinds()).toEqual(['booking.created', 'booking.remind.evening'])
      await runJobs(env, new Date(Date.parse(cn('2026-11-25T14:00'))))
      expect(await kinds()).toEqual(['booking.created', 'booking.remind.evening', 'booking.remind.hour'])
      const msg = (await get(env, '/api/inbox', { token: u.accessToken })).json().items.find((m: { kind: string }) => m.kind === 'booking.remind.hour')
      expect(msg.body).toContain('江北区行政服务中心')
      expect(msg.body).toContain('2026-11-25 15:00-15:30')
      void HOUR
    })
  },
  { seed: { citizens: 40, enterprises: 2 }, clock: clock.now },
)
