// Staff scope (issue 20) as SQL: every staff query that reads or moves a case, a booking or a
// rating puts these predicates in its WHERE, so an out-of-scope row is never loaded at all.
//   window staff: intake for the items their halls handle (a department's own window: only that
//                 department's items); a district, street or village hall handles the cases of its
//                 own district (属地受理), the city hall those of the whole city;
//   approvers:    the cases of their department's items;
//   admins:       everything (they run the system; every change they make is audited).
import { and, inArray, isNull, or, sql, type SQL } from 'drizzle-orm'
import { CASE_TRANSITIONS, type CaseAction, type CaseActor } from '../../../src/domain/cases/states'
import { catalogState } from '../catalog/state'
import { bookings, caseRatings, cases } from '../db/schema'
import type { StaffIdentity } from '../identity/auth'

const NOTHING = sql`false`
const EVERYTHING = sql`true`

export type StaffActor = Extract<CaseActor, 'window' | 'approver'>

export const isAdmin = (st: StaffIdentity) => st.roles.includes('admin')

/** Item codes of a department (catalog), cached per department id. */
const byDepartment = new Map<string, string[]>()
export function departmentItems(departmentId: string): string[] {
  let codes = byDepartment.get(departmentId)
  if (!codes) {
    codes = [...catalogState().items.values()].filter((i) => i.department === departmentId).map((i) => i.code)
    byDepartment.set(departmentId, codes)
  }
  return codes
}

/** The case's district as the applicant gave it (person forms); enterprise forms have none. */
const caseRegion = sql`(${cases.form} ->> 'region')`

function windowCases(st: StaffIdentity): SQL {
  const st2 = catalogState()
  const dept = st.departmentId ? new Set(departmentItems(st.departmentId)) : null
  const parts: SQL[] = []
  for (const hallId of st.hallIds) {
    const hall = st2.halls.get(hallId)
    if (!hall) continue
    const codes = hall.items.filter((c) => !dept || dept.has(c))
    if (codes.length === 0) continue
    const items = inArray(cases.itemCode, codes)
    parts.push(hall.level === 'city' ? items : (and(items, or(sql`${caseRegion} = ${hall.district}`, sql`${caseRegion} is null`)) as SQL))
  }
  return parts.length ? (or(...parts) as SQL) : NOTHING
}

function approverCases(st: StaffIdentity): SQL {
  if (!st.departmentId) return NOTHING
  const codes = departmentItems(st.departmentId)
  return codes.length ? inArray(cases.itemCode, codes) : NOTHING
}

/** The cases this officer may work on in the given capacity. */
export function caseScopeAs(st: StaffIdentity, actor: StaffActor): SQL {
  if (isAdmin(st)) return EVERYTHING
  if (actor === 'window') return st.roles.includes('window') ? windowCases(st) : NOTHING
  return st.roles.includes('approver') ? approverCases(st) : NOTHING
}

/** The cases this officer may see (any capacity). */
export function caseScope(st: StaffIdentity): SQL {
  if (isAdmin(st)) return EVERYTHING
  return or(caseScopeAs(st, 'window'), caseScopeAs(st, 'approver')) as SQL
}

/** Cases on which this officer may take `action` now: in scope for an actor the action is for, in a state it starts from. */
export function caseActionScope(st: StaffIdentity, action: CaseAction, actors: readonly StaffActor[]): SQL {
  const parts = actors.map((a) => {
    const from = CASE_TRANSITIONS.filter((t) => t.action === action && t.actors.includes(a)).map((t) => t.from)
    return from.length ? (and(caseScopeAs(st, a), inArray(cases.state, from)) as SQL) : NOTHING
  })
  return parts.length ? (or(...parts) as SQL) : NOTHING
}

/** Bookings at this officer's halls (window staff); admins see every hall. */
export function bookingScope(st: StaffIdentity): SQL {
  if (isAdmin(st)) return EVERYTHING
  if (!st.roles.includes('window') || st.hallIds.length === 0) return NOTHING
  return inArray(bookings.hallId, st.hallIds)
}

export function hallInScope(st: StaffIdentity, hallId: string): boolean {
  return isAdmin(st) || (st.roles.includes('window') && st.hallIds.includes(hallId))
}

/** Ratings this officer may follow up: of cases in scope, or of visits to their halls. */
export function ratingScope(st: StaffIdentity): SQL {
  if (isAdmin(st)) return EVERYTHING
  const ofCases = sql`${caseRatings.caseId} in (select ${cases.id} from ${cases} where ${caseScope(st)})`
  const ofVisits = sql`${caseRatings.bookingId} in (select ${bookings.id} from ${bookings} where ${bookingScope(st)})`
  return or(and(sql`${caseRatings.caseId} is not null`, ofCases), and(isNull(caseRatings.caseId), ofVisits)) as SQL
}

/** How staff are named to citizens (谁查看了我的数据): their department, else their hall. */
export function staffUnitName(st: Pick<StaffIdentity, 'departmentId' | 'hallIds'>): string {
  const c = catalogState()
  if (st.departmentId) return c.departments.get(st.departmentId)?.name ?? st.departmentId
  const hall = st.hallIds.map((h) => c.halls.get(h)?.name).find(Boolean)
  return hall ?? ''
}

