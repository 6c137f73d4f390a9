// 秒批: the per-rule outcome the applicant sees (which conditions passed), on top of the catalog's
// rule evaluation. A failed or unknown fact sends the case to an officer, never a refusal.
import { evaluateRules, type Facts } from '../catalog/rules'
import type { AutoApprovalRule } from '../catalog/types'

export interface RuleResult {
  id: string
  description: string
  passed: boolean
}

export interface AutoApprovalOutcome {
  approved: boolean
  results: RuleResult[]
}

export function autoApprove(rules: readonly AutoApprovalRule[], facts: Facts): AutoApprovalOutcome {
  const { passed, failed } = evaluateRules(rules, facts)
  const failedIds = new Set(failed.map((r) => r.id))
  return { approved: passed && rules.length > 0, results: rules.map((r) => ({ id: r.id, description: r.description, passed: !failedIds.has(r.id) })) }
}

/**
 * Why a 秒批 item (labelled 即办件) went to an officer instead of being decided at once: the rules
 * the registry data did not satisfy, and the 容缺 materials still to come at submission (no
 * decision is made without them). Undefined when the system decided it (or the item has no rules).
 */
export function manualReviewCause(
  results: readonly RuleResult[] | null | undefined,
  materials: readonly { name: string; mode: string }[],
): { failedRules: string[]; deferred: string[] } | undefined {
  if (!results || results.length === 0) return undefined
  const failedRules = results.filter((r) => !r.passed).map((r) => r.description)
  const deferred = materials.filter((m) => m.mode === 'deferred').map((m) => m.name)
  return failedRules.length || deferred.length ? { failedRules, deferred } : undefined
}

/** Facts known from the person's account alone (the birth date in their real-name record). */
export const ACCOUNT_FACTS = ['person.age'] as const

/**
 * The conditions the person already misses by their account's facts (e.g. 年满80周岁 for someone
 * of 79), to warn before they fill the form. A fact not known is not a miss here: only the
 * decision at submission treats it as one (and sends the case to an officer).
 */
export function missedByAccount(rules: readonly AutoApprovalRule[], facts: Facts): RuleResult[] {
  const known = rules.filter((r) => (ACCOUNT_FACTS as readonly string[]).includes(r.fact) && facts[r.fact] !== undefined && facts[r.fact] !== null)
  const { failed } = evaluateRules(known, facts)
  return failed.map((r) => ({ id: r.id, description: r.description, passed: false }))
}

/** Whole years of age on `today` (both 'YYYY-MM-DD'). */
export function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number)
  const [ty, tm, td] = today.split('-').map(Number)
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0)
}
