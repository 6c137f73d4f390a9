// 就近办: a hall's page shows today's booking load — counts only, from the same slots bookings use.
import { HALL, ITEMS, MONDAY_0900, cn } from './booking-support'
import { forEachDatabase } from './harness'
import { TestClock, get, loginL2, post } from './identity-helpers'

const clock = new TestClock(MONDAY_0900)

forEachDatabase(
  'hall load',
  (getEnv) => {
    it("counts today's places and bookings per slot, and nothing personal", async () => {
      const env = getEnv()
      const empty = await get(env, `/api/booking/halls/${HALL}/load`)
      expect(empty.statusCode).toBe(200)
      const before = empty.json()
      expect(before).toMatchObject({ hallId: HALL, date: '2026-11-23', booked: 0 })
      // 江北区行政服务中心: 08:30-12:00 and 13:30-17:00 → 14 slots.
      expect(before.slots).toHaveLength(14)
      expect(before.capacity).toBe(before.slots[0].capacity * 14)

      const u = await loginL2(env)
      expect((await post(env, '/api/bookings', { itemCode: ITEMS[0], hallId: HALL, startsAt: cn('2026-11-23T10:00') }, { token: u.accessToken })).statusCode).toBe(201)
      // Tomorrow's booking does not count today.
      const v = await loginL2(env)
      expect((await post(env, '/api/bookings', { itemCode: ITEMS[0], hallId: HALL, startsAt: cn('2026-11-24T10:00') }, { token: v.accessToken })).statusCode).toBe(201)
      const after = (await get(env, `/api/booking/halls/${HALL}/load`)).json()
      expect(after.booked).toBe(1)
      expect(after.slots.find((s: { start: string }) => s.start === '10:00').booked).toBe(1)
      expect(JSON.stringify(after)).not.toContain(u.phone)
    })

    it('a hall that does not exist is a 404', async () => {
      const res = await get(getEnv(), '/api/booking/halls/nope/load')
      expect(res.statusCode).toBe(404)
    })
  },
  { seed: { citizens: 20, enterprises: 1 }, clock: clock.now },
)
