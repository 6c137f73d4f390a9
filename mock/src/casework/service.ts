// Staff side of cases (issue 20): the work queue with its counts, a case's page, its materials
// (each opening is logged for the citizen's 谁查看了我的数据), moving a case by role, and answering
// a rating's follow-up. Every read is scoped in the query (staff/scope.ts): out of scope is 404.
import { timingSafeEqual } from 'node:crypto'
import { and, inArray, or, sql, type SQL } from 'drizzle-orm'
import type { FastifyRequest } from 'fastify'
import { actorsForRoles, allowedTransition, type CaseAction, type CaseState } from '../../../src/domain/cases/states'
import type { CaseDetail, CaseFollowUpListResponse, StaffCaseListResponse, StaffFileLinkResponse } from '../../../src/domain/contract/cases'
import { format } from '../../../src/domain/messages'
import { cases as text } from '../../../src/domain/messages/zh-CN/cases'
import { bundleNumbers, toDetail, toSummary } from '../cases/apply'
import { issueFor } from '../cases/issue'
import { moveCase, noticeFor, type CaseRow } from '../cases/machine'
import type { DbOrTx } from '../db/client'
import { cases } from '../db/schema'
import { ApiError, fieldError } from '../errors'
import type { StaffIdentity, StaffRole } from '../identity/auth'
import { logAccess } from '../records/access'
import type { Services } from '../context'
import { caseActionScope, caseScope, caseScopeAs, staffUnitName, type StaffActor } from '../staff/scope'
import * as staffRepo from '../staff/repo'
import * as repo from './repo'

/** Each role's queue: window intake and hand-over, approver review. */
export const QUEUES: Record<StaffActor, CaseState[]> = { window: ['submitted', 'supplemented', 'approved', 'denied'], approver: ['accepted', 'under_review'] }
const NEEDS_COMMENT: CaseAction[] = ['reject', 'requestSupplement', 'deny']
/** How long a material viewer link works: long enough to open it, too short to pass it around. */
export const FILE_LINK_TTL_MS = 5 * 60_000

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

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
  async function file(db: DbOrTx, request: FastifyRequest, st: Pick<StaffIdentity, 'staffId' | 'roles' | 'departmentId' | 'hallIds'>, caseId: string, fileId: string) {
    const found = await repo.caseFile(db, caseId, fileId, caseScope(st as StaffIdentity))
    if (!found) throw new ApiError(404, 'CASE_NOT_FOUND')
    const { f, c } = found
    const material = c.materials.find((m) => m.fileIds?.includes(fileId))?.name ?? ''
    const citizenId = await repo.citizenOfAccount(db, c.forAccountId ?? c.accountId)
    if (citizenId) {
      await logAccess(db, request, { citizenId, action: 'case_material.view', at: s.now(), detail: { department: staffUnitName(st), material, caseNumber: c.number ?? '' }, as: { who: 'staff', actorId: st.staffId } })
    }
    return { type: f.type, bytes: f.bytes }
  }

  // The MAC binds officer, case, file and expiry: a link opens one material for its officer only.
  const linkMac = (staffId: string, caseId: string, fileId: string, exp: number) => s.crypto.index(`staff-file-link:${staffId}:${caseId}:${fileId}:${exp}`).slice(0, 32)

  /** A viewer link for a material of a case in scope (404 outside it). Minting reads nothing of the file, so it is not logged; opening is. */
  async function fileLink(db: DbOrTx, st: StaffIdentity, caseId: string, fileId: string): Promise<StaffFileLinkResponse> {
    const found = await repo.caseFileMeta(db, caseId, fileId, caseScope(st))
    if (!found) throw new ApiError(404, 'CASE_NOT_FOUND')
    const exp = Math.floor((s.now().getTime() + FILE_LINK_TTL_MS) / 1000)
    return {
      url: `/api/staff/cases/${caseId}/files/${fileId}/view?by=${st.staffId}&t=${exp}.${linkMac(st.staffId, caseId, fileId, exp)}`,
      type: found.type,
      expiresAt: new Date(exp * 1000).toISOString(),
    }
  }

  /**
   * Open a material through a viewer link: expired or tampered → 403. The officer's scope is read
   * again now, so a link minted before a re-scope or a disabling no longer opens the file.
   */
  async function openLinked(db: DbOrTx, request: FastifyRequest, caseId: string, fileId: string, by: string, t: string) {
    const [expText, mac = ''] = t.split('.')
    const exp = Number(expText)
    if (!/^[0-9]+$/.test(expText ?? '') || exp * 1000 < s.now().getTime() || !sameText(linkMac(by, caseId, fileId, exp), mac)) throw new ApiError(403, 'STAFF_FILE_LINK_INVALID')
    const officer = await staffRepo.byId(db, by)
    if (!officer || officer.disabledAt) throw new ApiError(403, 'STAFF_FILE_LINK_INVALID')
    return file(db, request, { staffId: officer.id, roles: officer.roles as StaffRole[], departmentId: officer.departmentId, hallIds: officer.hallIds }, caseId, fileId)
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

  return { queue, followUps, one, file, fileLink, openLinked, act, ratingReply }
}
