// 好差评 for cases and hall visits: one table (case_ratings) whose rows target either a case or a
// checked-in booking (CHECK: exactly one; unique per target), the same levels, tags and 15-working-
// day follow-up for 不满意 or worse. Routes here: rate a visit (the booking's holder, once, after
// check-in) and the staff follow-ups of both kinds, answered by rating id.
import { and, asc, eq, sql } from 'drizzle-orm'
import { Type } from '@sinclair/typebox'
import { FOLLOW_UP_WORKING_DAYS, needsFollowUp, tagsFor } from '../../../src/domain/cases/ratings'
import type { CaseState } from '../../../src/domain/cases/states'
import { chinaDate, dueDate } from '../../../src/domain/cases/workdays'
import { BookingIdParams } from '../../../src/domain/contract/booking'
import { CaseRateBody, CaseRatingReplyBody, RatingFollowUpListResponse, RatingIdParams, VisitRatingResponse, type CaseRatingView } from '../../../src/domain/contract/cases'
import { format } from '../../../src/domain/messages'
import { cases as text } from '../../../src/domain/messages/zh-CN/cases'
import { ownBooking } from '../booking/service'
import { catalogState } from '../catalog/state'
import type { DbOrTx } from '../db/client'
import { bookings, caseRatings, cases } from '../db/schema'
import { ApiError } from '../errors'
import { notify } from '../notify'
import { errorResponses, type App, type Services } from '../routes/context'
import { calendarOverrides } from './calendar'
import { chinaMinute, noticeFor } from './machine'
import { ratingScope } from '../staff/scope'

export type RatingRow = typeof caseRatings.$inferSelect
type Target = { caseId: string } | { bookingId: string }

const iso = (d: Date | string | null): string => (d ? new Date(d).toISOString() : '')

export function ratingView(r: RatingRow): CaseRatingView {
  return {
    level: r.level,
    tags: r.tags,
    ...(r.comment ? { comment: r.comment } : {}),
    at: iso(r.at),
    ...(r.followUpDueOn ? { followUpDueOn: r.followUpDueOn } : {}),
    ...(r.reply ? { reply: r.reply, repliedAt: iso(r.repliedAt) } : {}),
  }
}

/**
 * Record a rating once per target. Tags must belong to the level's set; 不满意 or worse gets a
 * follow-up due in 15 working days. Returns undefined when the target was already rated (the
 * unique index decides, so two taps at once still make one rating).
 */
export async function insertRating(db: DbOrTx, target: Target, accountId: string, body: CaseRateBody, now: Date): Promise<RatingRow | undefined> {
  const allowed = tagsFor(body.level)
  if (body.tags.some((t) => !allowed.includes(t))) throw new ApiError(400, 'CASE_RATING_TAGS', undefined, 'tags')
  const [row] = await db
    .insert(caseRatings)
    .values({
      ...target,
      accountId,
      level: body.level,
      tags: [...new Set(body.tags)],
      comment: body.comment?.trim() || null,
      at: now,
      followUpDueOn: needsFollowUp(body.level) ? dueDate(chinaDate(now), FOLLOW_UP_WORKING_DAYS, [], await calendarOverrides(db)).due : null,
    })
    .onConflictDoNothing()
    .returning()
  return row
}

type BookingRow = typeof bookings.$inferSelect

function names(b: Pick<BookingRow, 'itemCode' | 'hallId'>): { itemName: string; hallName: string } {
  const st = catalogState()
  return { itemName: st.items.get(b.itemCode)?.name ?? b.itemCode, hallName: st.halls.get(b.hallId)?.name ?? b.hallId }
}

async function visitView(db: DbOrTx, b: BookingRow): Promise<VisitRatingResponse> {
  const [r] = await db.select().from(caseRatings).where(eq(caseRatings.bookingId, b.id))
  const blocked = r ? ('rated' as const) : b.status !== 'checked_in' ? ('not_checked_in' as const) : undefined
  return { bookingId: b.id, ...names(b), canRate: !blocked, ...(blocked ? { blocked } : {}), ...(r ? { rating: ratingView(r) } : {}) }
}

export function ratingRoutes(app: App, s: Services): void {
  const citizen = { auth: 'citizen' as const, level: 'L2' as const }
  const staff = { auth: 'staff' as const, roles: ['window' as const, 'approver' as const, 'admin' as const] }

  app.get(
    '/api/bookings/:id/rating',
    // Reading needs only a session (like the booking itself); rating needs L2 like a case's.
    { config: { auth: 'citizen' as const }, schema: { tags: ['cases'], summary: 'Whether a hall visit can be rated (the holder, after check-in, once), and the rating', params: BookingIdParams, response: { 200: VisitRatingResponse, ...errorResponses(401, 403, 404) } } },
    async (request) => visitView(request.db, await ownBooking(request.db, request.params.id, request.citizen!.accountId, 'VISIT_NOT_FOUND')),
  )

  app.post(
    '/api/bookings/:id/rating',
    {
      config: citizen,
      schema: { tags: ['cases'], summary: '好差评 of a hall visit: once, by the booking holder, after check-in', params: BookingIdParams, body: CaseRateBody, response: { 201: VisitRatingResponse, ...errorResponses(400, 401, 403, 404, 409) } },
    },
    async (request, reply) => {
      const db = request.db
      const c = request.citizen!
      const b = await ownBooking(db, request.params.id, c.accountId, 'VISIT_NOT_FOUND')
      if (b.status !== 'checked_in') throw new ApiError(409, 'VISIT_NOT_CHECKED_IN')
      const row = await insertRating(db, { bookingId: b.id }, c.accountId, request.body, s.now())
      if (!row) throw new ApiError(409, 'VISIT_ALREADY_RATED')
      reply.code(201)
      return visitView(db, b)
    },
  )

  app.get(
    '/api/staff/ratings/follow-ups',
    { config: staff, schema: { tags: ['cases'], summary: '不满意 ratings of cases and hall visits awaiting a follow-up', response: { 200: RatingFollowUpListResponse } } },
    async (request) => {
      const rows = await request.db
        .select({ r: caseRatings, number: cases.number, caseItem: cases.itemName, b: { itemCode: bookings.itemCode, hallId: bookings.hallId } })
        .from(caseRatings)
        .leftJoin(cases, eq(cases.id, caseRatings.caseId))
        .leftJoin(bookings, eq(bookings.id, caseRatings.bookingId))
        .where(and(sql`${caseRatings.followUpDueOn} is not null`, ratingScope(request.staff!)))
        .orderBy(asc(caseRatings.followUpDueOn))
        .limit(200)
      return {
        items: rows.map(({ r, number, caseItem, b }) => {
          const visit = r.bookingId && b?.itemCode ? names({ itemCode: b.itemCode, hallId: b.hallId as string }) : undefined
          return {
            ratingId: r.id,
            target: r.caseId ? ('case' as const) : ('visit' as const),
            ...(r.caseId ? { caseId: r.caseId } : {}),
            ...(r.bookingId ? { bookingId: r.bookingId } : {}),
            reference: r.caseId ? (number ?? '') : (visit?.hallName ?? ''),
            itemName: r.caseId ? (caseItem ?? '') : (visit?.itemName ?? ''),
            level: r.level,
            tags: r.tags,
            ...(r.comment ? { comment: r.comment } : {}),
            followUpDueOn: r.followUpDueOn as string,
            replied: r.reply !== null,
          }
        }),
      }
    },
  )

  app.post(
    '/api/staff/ratings/:id/reply',
    { config: staff, schema: { tags: ['cases'], summary: 'Answer a 不满意 rating of a case or a hall visit (follow-up)', params: RatingIdParams, body: CaseRatingReplyBody, response: { 200: Type.Object({ ok: Type.Boolean() }), ...errorResponses(404) } } },
    async (request) => {
      const db = request.db
      const now = s.now()
      const answer = request.body.reply.trim()
      const [r] = await db
        .update(caseRatings)
        .set({ reply: answer, repliedAt: now, repliedBy: request.staff?.staffId ?? null })
        .where(and(eq(caseRatings.id, request.params.id), sql`${caseRatings.followUpDueOn} is not null`, ratingScope(request.staff!)))
        .returning()
      if (!r) throw new ApiError(404, 'CASE_NOT_FOLLOW_UP')
      await replyNotice(db, r, answer, now)
      return { ok: true }
    },
  )
}

/** Tell the rater the answer: inbox, plus a rating_reply subscribe message if granted. */
export async function replyNotice(db: DbOrTx, r: RatingRow, answer: string, now: Date): Promise<void> {
  if (r.caseId) {
    const [row] = await db.select().from(cases).where(eq(cases.id, r.caseId))
    if (row) await noticeFor(db, row, row.state as CaseState, now, undefined, format(text.notices.followUpReply, { reply: answer }), answer)
    return
  }
  const [b] = await db.select().from(bookings).where(eq(bookings.id, r.bookingId ?? ''))
  if (!b) return
  const n = names(b)
  await notify(
    db,
    {
      accountId: r.accountId,
      kind: 'visit.rating_reply',
      title: format(text.notices.visitReplyTitle, { item: n.itemName }),
      body: format(text.notices.visitFollowUpReply, { hall: n.hallName, reply: answer }),
      link: `/packages/booking/pages/detail?id=${b.id}`,
      template: 'rating_reply',
      fields: { name: n.itemName, number: '', reply: answer, time: chinaMinute(now) },
    },
    now,
  )
}
