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

/** Whole years of age on `today` (both 'YYYY-MM-DD'). */
export function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number)
  const [ty, tm, td] = today.split('-').map(Number)
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0)
}
