// Staff side of cases (issue 20): the work queue with its counts, a case's page, its materials
// (each opening is logged for the citizen's 谁查看了我的数据), moving a case by role, and answering
// a rating's follow-up. Every read is scoped in the query (staff/scope.ts): out of scope is 404.
import { and, inArray, or, sql, type SQL } from 'drizzle-orm'
import type { FastifyRequest } from 'fastify'
import { actorsForRoles, allowedTransition, type CaseAction, type CaseState } from '../../../src/domain/cases/states'
import type { CaseDetail, CaseFollowUpListResponse, StaffCaseListResponse } from '../../../src/domain/contract/cases'
import { format } from '../../../src/domain/messages'
import { cases as text } from '../../../src/domain/messages/zh-CN/cases'
import { bundleNumbers, toDetail, toSummary } from '../cases/apply'
import { issueFor } from '../cases/issue'
import { moveCase, noticeFor, type CaseRow } from '../cases/machine'
import type { DbOrTx } from '../db/client'
import { cases } from '../db/schema'
import { ApiError, fieldError } from '../errors'
import type { StaffIdentity } from '../identity/auth'
import { logAccess } from '../records/access'
import type { Services } from '../routes/context'
import { caseActionScope, caseScope, caseScopeAs, staffUnitName, type StaffActor } from '../staff/scope'
import * as repo from './repo'

/** Each role's queue: window intake and hand-over, approver review. */
export const QUEUES: Record<StaffActor, CaseState[]> = { window: ['submitted', 'supplemented', 'approved', 'denied'], approver: ['accepted', 'under_review'] }
const NEEDS_COMMENT: CaseAction[] = ['reject', 'requestSupplement', 'deny']

const actorsOf = (st: StaffIdentity) => actorsForRoles(st.roles) as StaffActor[]

export function createCaseworkService(s: Services) {
  const detail = (db: DbOrTx, st: StaffIdentity, row: CaseRow): Promise<CaseDetail> =>
    toDetail(db, row, s.now(), { crypto: s.crypto, audience: 'staff', staffActors: actorsOf(st), revealPhone: st.roles.includes('window') || st.roles.includes('admin') })

  /** The queue: per role its states (or just `state`), each within that role's scope. */
  function queueWhere(st: StaffIdentity, state?: CaseState): SQL {
    const ors = actorsOf(st).map((a) => and(inArray(cases.state, state ? [state] : QUEUES[a]), caseScopeAs(st, a)) as SQL)
    return ors.length ? (or(...ors) as SQL) : sql`false`
  }

  async function queue(db: DbOrTx, st: StaffIdentity, q: { state?: CaseState; limit?: number }): Promise<StaffCaseListResponse> {
    const rows = await repo.queue(db, queueWhere(st, q.state), q.limit ?? 50)
    const bundles = await bundleNumbers(db, rows)
    const counts: Record<string, number> = {}
    for (const a of actorsOf(st)) for (const state of QUEUES[a]) counts[state] = 0
    for (const c of await repo.countsByState(db, queueWhere(st))) counts[c.state] = c.n
    return { items: rows.map((r) => toSummary(r, s.now(), bundles)), counts }
  }

  async function followUps(db: DbOrTx, st: StaffIdentity): Promise<CaseFollowUpListResponse> {
    const rows = await repo.followUps(db, caseScope(st))
    return {
      items: rows.map(({ r, number, itemName }) => ({
        caseId: r.caseId as string,
        number: number ?? '',
        itemName,
        level: r.level,
        ...(r.comment ? { comment: r.comment } : {}),
        followUpDueOn: r.followUpDueOn as string,
        replied: r.reply !== null,
      })),
    }
  }

  async function one(db: DbOrTx, st: StaffIdentity, id: string): Promise<CaseDetail> {
    const row = await repo.caseIn(db, id, caseScope(st))
    if (!row) throw new ApiError(404, 'CASE_NOT_FOUND')
    return detail(db, st, row)
  }

  /** A material's bytes; the opening is logged against the person whose material it is. */
  async function file(db: DbOrTx, request: FastifyRequest, st: StaffIdentity, caseId: string, fileId: string) {
    const found = await repo.caseFile(db, caseId, fileId, caseScope(st))
    if (!found) throw new ApiError(404, 'CASE_NOT_FOUND')
    const { f, c } = found
    const material = c.materials.find((m) => m.fileIds?.includes(fileId))?.name ?? ''
    const citizenId = await repo.citizenOfAccount(db, c.forAccountId ?? c.accountId)
    if (citizenId) {
      await logAccess(db, request, { citizenId, action: 'case_material.view', at: s.now(), detail: { department: staffUnitName(st), material, caseNumber: c.number ?? '' } })
    }
    return { type: f.type, bytes: f.bytes }
  }

  async function act(db: DbOrTx, st: StaffIdentity, id: string, action: CaseAction, body: { comment?: string; materials?: string[] }): Promise<CaseDetail> {
    const actors = actorsOf(st)
    // The case in scope for an actor that takes this action from its current state.
    const row = await repo.caseIn(db, id, caseActionScope(st, action, actors), true)
    if (!row) {
      const seen = await repo.caseIn(db, id, caseScope(st))
      if (!seen) throw new ApiError(404, 'CASE_NOT_FOUND')
      // Another role's step from this state: 403; no such step from this state at all: 409.
      const otherRole = (['window', 'approver'] as const).some((a) => allowedTransition(seen.state as CaseState, action, a))
      throw otherRole ? new ApiError(403, 'FORBIDDEN') : new ApiError(409, 'CASE_INVALID_TRANSITION')
    }
    const actorKind = actors.find((a) => allowedTransition(row.state as CaseState, action, a))!
    let comment = body.comment?.trim() || undefined
    if (action === 'requestSupplement' && body.materials?.length) {
      comment = [comment, format(text.system.supplementMaterials, { names: body.materials.join('、') })].filter(Boolean).join('；')
    }
    if (NEEDS_COMMENT.includes(action) && !comment) throw fieldError('comment', 'required')
    if (action === 'approve' && row.materials.some((m) => m.mode === 'deferred' && !m.providedAt)) throw new ApiError(409, 'CASE_GAPS_OUTSTANDING')
    const name = await repo.staffName(db, st.staffId)
    const now = s.now()
    const moved = await moveCase(db, row, action, { kind: actorKind, id: st.staffId, name }, now, { comment })
    if (action === 'approve') await issueFor(db, s.crypto, moved, now)
    return detail(db, st, moved)
  }

  async function ratingReply(db: DbOrTx, st: StaffIdentity, caseId: string, reply: string): Promise<void> {
    const now = s.now()
    const answer = reply.trim()
    if (!(await repo.replyToCaseRating(db, caseId, caseScope(st), answer, st.staffId, now))) throw new ApiError(404, 'CASE_NOT_FOLLOW_UP')
    const row = (await repo.caseIn(db, caseId, caseScope(st)))!
    await noticeFor(db, row, row.state as CaseState, now, undefined, format(text.notices.followUpReply, { reply: answer }), answer)
  }

  return { queue, followUps, one, file, act, ratingReply }
}
