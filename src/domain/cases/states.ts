// The case (办件) state machine. The same table is loaded into the database (case_transition_rules)
// where a trigger refuses any other change of cases.state, so the app, the server and the
// database agree on one definition.
//
//   draft → submitted → accepted | rejected (at intake) | supplement_requested
//   supplement_requested → supplemented → accepted | rejected
//   accepted | under_review → supplement_requested (补正 during the time limit: the clock pauses)
//   accepted → under_review → approved | denied (concluded) → delivered
//   withdrawn: by the applicant from any state before conclusion.

export const CASE_STATES = [
  'draft',
  'submitted',
  'accepted',
  'rejected',
  'supplement_requested',
  'supplemented',
  'under_review',
  'approved',
  'denied',
  'delivered',
  'withdrawn',
] as const
export type CaseState = (typeof CASE_STATES)[number]

/** Who may take an action: the applicant, a window clerk (intake), an approver, or the system (秒批). */
export const CASE_ACTORS = ['applicant', 'window', 'approver', 'system'] as const
export type CaseActor = (typeof CASE_ACTORS)[number]

export const CASE_ACTIONS = [
  'submit',
  'accept',
  'reject',
  'requestSupplement',
  'supplement',
  'startReview',
  'approve',
  'deny',
  'deliver',
  'withdraw',
] as const
export type CaseAction = (typeof CASE_ACTIONS)[number]

export interface CaseTransition {
  action: CaseAction
  from: CaseState
  to: CaseState
  actors: readonly CaseActor[]
}

const BEFORE_CONCLUSION: CaseState[] = ['submitted', 'accepted', 'supplement_requested', 'supplemented', 'under_review']

export const CASE_TRANSITIONS: readonly CaseTransition[] = [
  { action: 'submit', from: 'draft', to: 'submitted', actors: ['applicant'] },
  { action: 'accept', from: 'submitted', to: 'accepted', actors: ['window', 'system'] },
  { action: 'reject', from: 'submitted', to: 'rejected', actors: ['window'] },
  { action: 'requestSupplement', from: 'submitted', to: 'supplement_requested', actors: ['window'] },
  { action: 'supplement', from: 'supplement_requested', to: 'supplemented', actors: ['applicant'] },
  { action: 'accept', from: 'supplemented', to: 'accepted', actors: ['window'] },
  { action: 'reject', from: 'supplemented', to: 'rejected', actors: ['window'] },
  // 补正 after acceptance stops the clock until the supplement arrives; the window then resumes it.
  { action: 'requestSupplement', from: 'accepted', to: 'supplement_requested', actors: ['window'] },
  { action: 'requestSupplement', from: 'under_review', to: 'supplement_requested', actors: ['approver'] },
  { action: 'startReview', from: 'accepted', to: 'under_review', actors: ['approver', 'system'] },
  { action: 'approve', from: 'under_review', to: 'approved', actors: ['approver', 'system'] },
  { action: 'deny', from: 'under_review', to: 'denied', actors: ['approver'] },
  { action: 'deliver', from: 'approved', to: 'delivered', actors: ['window', 'approver', 'system'] },
  { action: 'deliver', from: 'denied', to: 'delivered', actors: ['window', 'approver', 'system'] },
  ...BEFORE_CONCLUSION.map((from): CaseTransition => ({ action: 'withdraw', from, to: 'withdrawn', actors: ['applicant'] })),
]

export const CONCLUDED_STATES: readonly CaseState[] = ['approved', 'denied', 'delivered']
export const FINAL_STATES: readonly CaseState[] = ['rejected', 'delivered', 'withdrawn']
/** States in which the promised time limit is running. */
export const CLOCK_RUNNING_STATES: readonly CaseState[] = ['accepted', 'under_review']

export function findTransition(from: CaseState, action: CaseAction): CaseTransition | undefined {
  return CASE_TRANSITIONS.find((t) => t.from === from && t.action === action)
}

/** The transition, if `actor` may take `action` from `from`; undefined otherwise. */
export function allowedTransition(from: CaseState, action: CaseAction, actor: CaseActor): CaseTransition | undefined {
  const t = findTransition(from, action)
  return t && t.actors.includes(actor) ? t : undefined
}

export function actionsFor(from: CaseState, actor: CaseActor): CaseAction[] {
  return CASE_TRANSITIONS.filter((t) => t.from === from && t.actors.includes(actor)).map((t) => t.action)
}

export function isConcluded(state: CaseState): boolean {
  return CONCLUDED_STATES.includes(state)
}

/**
 * Whether a case still asks for its 容缺 (deferred) materials: only while it is open. Once it is
 * concluded (准予/不予/办结), refused or withdrawn, nothing more can change its outcome, so neither
 * the page nor the server asks for them, nor takes them.
 */
export function asksForDeferred(state: CaseState): boolean {
  return !isConcluded(state) && !FINAL_STATES.includes(state)
}

/** Ratings (好差评) open once a case is concluded. */
export function canRate(state: CaseState): boolean {
  return isConcluded(state)
}

/** Staff roles → the actor they act as. An admin may act as either. */
export function actorsForRoles(roles: readonly string[]): CaseActor[] {
  const out: CaseActor[] = []
  if (roles.includes('window') || roles.includes('admin')) out.push('window')
  if (roles.includes('approver') || roles.includes('admin')) out.push('approver')
  return out
}
