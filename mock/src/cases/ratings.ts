// 好差评 for cases and hall visits: one table (case_ratings) whose rows target either a case or a
// checked-in booking (CHECK: exactly one; unique per target), the same levels, tags and 15-working-
// day follow-up for 不满意 or worse. The rules of a rating; the routes are in routes.ts, the
// queries in repo.ts.
import { FOLLOW_UP_WORKING_DAYS, needsFollowUp, tagsFor } from '../../../src/domain/cases/ratings'
import type { CaseState } from '../../../src/domain/cases/states'
import { chinaDate, dueDate } from '../../../src/domain/cases/workdays'
import type { CaseRateBody, CaseRatingView } from '../../../src/domain/contract/cases'
import { format } from '../../../src/domain/messages'
import { cases as text } from '../../../src/domain/messages/zh-CN/cases'
import { catalogState } from '../catalog/state'
import type { DbOrTx } from '../db/client'
import { ApiError } from '../errors'
import { notify } from '../notify'
import { calendarOverrides } from './calendar'
import { chinaDateTime } from '../dates'
import { noticeFor } from './machine'
import * as repo from './repo'
import type { BookingRow, RatingRow } from './repo'

export type { RatingRow } from './repo'
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
  return repo.insertRating(db, {
    ...target,
    accountId,
    level: body.level,
    tags: [...new Set(body.tags)],
    comment: body.comment?.trim() || null,
    at: now,
    followUpDueOn: needsFollowUp(body.level) ? dueDate(chinaDate(now), FOLLOW_UP_WORKING_DAYS, [], await calendarOverrides(db)).due : null,
  })
}

/** The item and hall names of a visit, from the catalog. */
export function visitNames(b: Pick<BookingRow, 'itemCode' | 'hallId'>): { itemName: string; hallName: string } {
  const st = catalogState()
  return { itemName: st.items.get(b.itemCode)?.name ?? b.itemCode, hallName: st.halls.get(b.hallId)?.name ?? b.hallId }
}

/** Tell the rater the answer: inbox, plus a rating_reply subscribe message if granted. */
export async function replyNotice(db: DbOrTx, r: RatingRow, answer: string, now: Date): Promise<void> {
  if (r.caseId) {
    const row = await repo.byId(db, r.caseId)
    if (row) await noticeFor(db, row, row.state as CaseState, now, undefined, format(text.notices.followUpReply, { reply: answer }), answer)
    return
  }
  const b = await repo.bookingById(db, r.bookingId ?? '')
  if (!b) return
  const n = visitNames(b)
  await notify(
    db,
    {
      accountId: r.accountId,
      kind: 'visit.rating_reply',
      title: format(text.notices.visitReplyTitle, { item: n.itemName }),
      body: format(text.notices.visitFollowUpReply, { hall: n.hallName, reply: answer }),
      link: `/packages/booking/pages/detail?id=${b.id}`,
      template: 'rating_reply',
      fields: { name: n.itemName, number: '', reply: answer, time: chinaDateTime(now) },
    },
    now,
  )
}
