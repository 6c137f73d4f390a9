// 好差评 after a hall visit, on PGlite and PostgreSQL: only the booking's holder, only once it was
// checked in, only once (else 4xx with a Chinese message); 不满意 or worse opens the same 15-working-
// day follow-up as a case, answered by staff and shown to the holder. The table itself refuses a
// rating with no target, with two targets, or a second one for the same visit.
import { caseRatings } from '../../mock/src/db/schema'
import { forEachDatabase, type TestEnv } from './harness'
import { TestClock, accountIdOf, get, login, loginL2, post } from './identity-helpers'
import { HALL, ITEMS, MONDAY_0900, cn } from './booking-support'
import { pickCitizen, staffToken } from './cases-support'

const clock = new TestClock(MONDAY_0900)

async function rate(env: TestEnv, id: string, token: string, body: Record<string, unknown>) {
  return post(env, `/api/bookings/${id}/rating`, body, { token })
}

forEachDatabase(
  'cases: rating a hall visit',
  (getEnv) => {
    beforeEach(() => {
      clock.t = Date.parse(MONDAY_0900)
    })

    it('the holder rates a checked-in visit once; others and early tries get a Chinese 4xx', async () => {
      const env = getEnv()
      const p = await pickCitizen(env, 'any')
      const u = await loginL2(env, p)
      const other = await loginL2(env, await pickCitizen(env, 'any'))
      const booked = await post(env, '/api/bookings', { itemCode: ITEMS[0], hallId: HALL, startsAt: cn('2026-11-23T14:00') }, { token: u.accessToken })
      expect(booked.statusCode).toBe(201)
      const id = booked.json().id

      // Before check-in.
      expect((await get(env, `/api/bookings/${id}/rating`, { token: u.accessToken })).json()).toMatchObject({ canRate: false, blocked: 'not_checked_in', itemName: '居民身份证首次申领' })
      const early = await rate(env, id, u.accessToken, { level: 5, tags: [] })
      expect(early.statusCode).toBe(409)
      expect(early.json()).toMatchObject({ code: 'VISIT_NOT_CHECKED_IN', message: '到大厅签到办理后，才能评价这次服务。' })

      // Checked in at the hall.
      clock.t = Date.parse(cn('2026-11-23T13:40'))
      const atHall = await login(env, u.phone) // idle past 30 min: a fresh SMS sign-in restores L2
      const code = (await get(env, `/api/bookings/${id}`, { token: atHall.accessToken })).json().checkIn.code
      const win = await staffToken(env, clock, 'window02')
      expect((await post(env, '/api/staff/bookings/check-in', { code }, { token: win })).statusCode).toBe(200)
      clock.t = Date.parse(cn('2026-11-23T14:20'))
      const again = await login(env, u.phone)

      // Not the holder: looks like no such booking.
      const stranger = await login(env, other.phone)
      const theirs = await rate(env, id, stranger.accessToken, { level: 1, tags: [] })
      expect(theirs.statusCode).toBe(404)
      expect(theirs.json().code).toBe('VISIT_NOT_FOUND')
      expect(theirs.json().message).toMatch(/没有找到这次预约/)
      expect((await get(env, `/api/bookings/${id}/rating`, { token: stranger.accessToken })).statusCode).toBe(404)

      // Bad input: a tag of the other level set, a level out of range.
      const badTag = await rate(env, id, again.accessToken, { level: 2, tags: ['办事快'] })
      expect(badTag.statusCode).toBe(400)
      expect(badTag.json()).toMatchObject({ code: 'CASE_RATING_TAGS', field: 'tags' })
      expect((await rate(env, id, again.accessToken, { level: 6, tags: [] })).statusCode).toBe(400)

      // 不满意 with tags and a comment: a follow-up due in 15 working days.
      const ok = await rate(env, id, again.accessToken, { level: 2, tags: ['办理慢', '办理慢'], comment: '  等候太久  ' })
      expect(ok.statusCode).toBe(201)
      expect(ok.json()).toMatchObject({ canRate: false, blocked: 'rated', rating: { level: 2, tags: ['办理慢'], comment: '等候太久', followUpDueOn: '2026-12-14' } })
      const twice = await rate(env, id, again.accessToken, { level: 5, tags: [] })
      expect(twice.statusCode).toBe(409)
      expect(twice.json()).toMatchObject({ code: 'VISIT_ALREADY_RATED', message: '这次大厅服务已经评价过了，每次只能评价一次。' })

      // Staff see it among the follow-ups and answer; the holder sees the answer and gets a notice.
      const officer = await staffToken(env, clock, 'window02', true)
      const follow = (await get(env, '/api/staff/ratings/follow-ups', { token: officer })).json().items.find((x: { bookingId?: string }) => x.bookingId === id)
      expect(follow).toMatchObject({ target: 'visit', reference: '江北区行政服务中心', itemName: '居民身份证首次申领', level: 2, tags: ['办理慢'], followUpDueOn: '2026-12-14', replied: false })
      expect((await post(env, `/api/staff/ratings/${follow.ratingId}/reply`, { reply: '已增加午间窗口，感谢反馈' }, { token: officer })).statusCode).toBe(200)
      expect((await get(env, `/api/bookings/${id}/rating`, { token: again.accessToken })).json().rating).toMatchObject({ reply: '已增加午间窗口，感谢反馈' })
      const inbox = (await get(env, '/api/inbox', { token: again.accessToken })).json()
      expect(inbox.items[0]).toMatchObject({ kind: 'visit.rating_reply', link: `/packages/booking/pages/detail?id=${id}` })
      expect(inbox.items[0].body).toContain('已增加午间窗口')
      // A rating that needs no follow-up cannot be "answered".
      const notFollow = await post(env, `/api/staff/ratings/00000000-0000-4000-8000-000000000000/reply`, { reply: '你好你好' }, { token: officer })
      expect(notFollow.statusCode).toBe(404)

      // The table's own rules: exactly one target, one rating per visit.
      const accountId = await accountIdOf(env, u.phone)
      const base = { accountId, level: 4, at: clock.now() }
      await expect(env.database.db.insert(caseRatings).values(base)).rejects.toThrow()
      await expect(env.database.db.insert(caseRatings).values({ ...base, bookingId: id })).rejects.toThrow()
    })
  },
  { seed: { citizens: 20, enterprises: 1 }, clock: clock.now },
)
