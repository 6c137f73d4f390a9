// Moving a case: one conditional UPDATE per step (WHERE state = <expected from-state>), the
// step's event row, the time-limit bookkeeping and the applicant's notice, all in the caller's
// transaction. The database's trigger and foreign key refuse anything the table does not allow.
import { allowedTransition, type CaseAction, type CaseActor, type CaseState } from '../../../src/domain/cases/states'
import { chinaDate } from '../../../src/domain/cases/workdays'
import { format } from '../../../src/domain/messages'
import { cases as text } from '../../../src/domain/messages/zh-CN/cases'
import type { DbOrTx } from '../db/client'
import type { cases } from '../db/schema'
import { ApiError } from '../errors'
import { notify } from '../notify'
import { calendarOverrides, recompute } from './calendar'
import * as repo from './repo'
import { chinaDateTime } from '../dates'

export type CaseRow = typeof cases.$inferSelect

export interface Actor {
  kind: CaseActor
  id: string | null
  name?: string
}

export interface MoveOptions {
  comment?: string
  /** Extra columns to set in the same UPDATE. */
  set?: Partial<typeof cases.$inferInsert>
  /** Skip the applicant's notice (e.g. the steps of 秒批 send one notice at the end). */
  quiet?: boolean
}

export async function moveCase(db: DbOrTx, row: CaseRow, action: CaseAction, actor: Actor, now: Date, options: MoveOptions = {}): Promise<CaseRow> {
  const from = row.state as CaseState
  const t = allowedTransition(from, action, actor.kind)
  if (!t) throw new ApiError(409, 'CASE_INVALID_TRANSITION')
  const today = chinaDate(now)
  const set: Partial<typeof cases.$inferInsert> = { ...options.set, state: t.to, updatedAt: now }
  let pauses = row.pauses
  if (action === 'requestSupplement' && row.acceptedOn) pauses = [...pauses, { from: today }]
  if (action === 'supplement') pauses = pauses.map((p) => (p.to === undefined ? { ...p, to: today } : p))
  if (pauses !== row.pauses) set.pauses = pauses
  const acceptedOn = action === 'accept' && !row.acceptedOn ? today : row.acceptedOn
  if (acceptedOn !== row.acceptedOn) set.acceptedOn = acceptedOn
  if (acceptedOn) {
    const d = recompute({ acceptedOn, promisedDays: row.promisedDays, pauses }, today, await calendarOverrides(db))
    set.dueOn = d.dueOn
    set.dueProvisional = d.provisional
  }
  if (action === 'approve' || action === 'deny') set.concludedAt = now

  const moved = await repo.updateIfState(db, row.id, from, set)
  // Someone else moved it first (the row lock made us wait for their commit).
  if (!moved) throw new ApiError(409, 'CASE_INVALID_TRANSITION')
  await repo.insertEvent(db, {
    caseId: row.id,
    action,
    fromState: from,
    toState: t.to,
    actorKind: actor.kind,
    actorId: actor.id,
    actorName: actor.name ?? null,
    comment: options.comment ?? null,
    at: now,
  })
  if (!options.quiet) await noticeFor(db, moved, t.to, now, options.comment)
  return moved
}


/**
 * The applicant's notice of a step: the inbox always, and a `case_progress` subscribe message
 * when the applicant granted one (or `rating_reply` for the answer to a 不满意 rating).
 */
export async function noticeFor(db: DbOrTx, row: CaseRow, state: CaseState, now: Date, comment?: string, body?: string, reply?: string): Promise<void> {
  if (state === 'draft') return
  const template = body ?? (text.notices as Record<string, string>)[state]
  const common = { name: row.itemName, number: row.number ?? '', time: chinaDateTime(now) }
  await notify(
    db,
    {
      accountId: row.accountId,
      kind: reply === undefined ? `case.${state}` : 'case.rating_reply',
      title: format(text.notices.title, { item: row.itemName }),
      body: format(template, { number: row.number ?? '', due: row.dueOn ?? '', comment: comment ?? '' }).trim(),
      link: `/packages/cases/pages/detail?id=${row.id}`,
      ...(reply === undefined
        ? { template: 'case_progress' as const, fields: { ...common, state: text.push.states[state as keyof typeof text.push.states] ?? '', comment: comment?.trim() || text.push.none } }
        : { template: 'rating_reply' as const, fields: { ...common, reply } }),
    },
    now,
  )
}

/** Next case/bundle number: prefix + China date + 6-digit sequence, e.g. ZJ20261122000042. */
export async function nextNumber(db: DbOrTx, prefix: 'ZJ' | 'YJ', now: Date): Promise<string> {
  const n = await repo.nextNumberValue(db)
  return `${prefix}${chinaDate(now).replaceAll('-', '')}${n.padStart(6, '0').slice(-6)}`
}
