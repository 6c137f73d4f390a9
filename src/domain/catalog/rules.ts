// Auto-approval (秒批) rule evaluation on registry facts. A missing fact fails its rule, so an
// item with incomplete data goes to a person instead of being approved by default.
import type { AutoApprovalRule, FactValue } from './types'

export type Facts = Readonly<Record<string, FactValue | null | undefined>>

export interface RuleOutcome {
  passed: boolean
  failed: AutoApprovalRule[]
}

function holds(rule: AutoApprovalRule, fact: FactValue | null | undefined): boolean {
  if (fact === null || fact === undefined) return false
  const v = rule.value
  switch (rule.op) {
    case 'eq':
      return fact === v
    case 'ne':
      return fact !== v
    case 'gte':
      return typeof fact === 'number' && typeof v === 'number' && fact >= v
    case 'lte':
      return typeof fact === 'number' && typeof v === 'number' && fact <= v
    case 'startsWith':
      return typeof fact === 'string' && typeof v === 'string' && fact.startsWith(v)
    case 'notStartsWith':
      return typeof fact === 'string' && typeof v === 'string' && !fact.startsWith(v)
    case 'in':
      return Array.isArray(v) && v.includes(fact)
    case 'notIn':
      return Array.isArray(v) && !v.includes(fact)
  }
}

export function evaluateRules(rules: readonly AutoApprovalRule[], facts: Facts): RuleOutcome {
  const failed = rules.filter((r) => !holds(r, facts[r.fact]))
  return { passed: failed.length === 0, failed }
}
