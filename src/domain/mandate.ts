// What a 代办 mandate covers. A mandate names catalog items (by code) and/or categories; a
// category is either a life event (every item tagged with it) or one of the personal-data scopes
// below, which are not catalog items but queries of the grantor's own records.
import type { LifeEvent } from './catalog/types'

export const DATA_SCOPES = ['socialSecurity', 'housingFund', 'property', 'credentials', 'bookings', 'cases'] as const
export type DataScope = (typeof DATA_SCOPES)[number]

export const LIFE_EVENT_SCOPES: readonly LifeEvent[] = [
  'birth', 'education', 'employment', 'marriage', 'housing', 'residence', 'travel', 'medical',
  'elderly', 'retirement', 'disability', 'veteran', 'death', 'socialAid', 'legal',
]

export interface MandateScope {
  itemCodes: readonly string[]
  categories: readonly string[]
}

/** What an action under a mandate touches: a catalog item (code + its life events) or a data scope. */
export type MandateTarget = { itemCode: string; lifeEvents?: readonly string[] } | { dataScope: DataScope }

/** True when the mandate lets the grantee do this for the grantor. */
export function mandateAllows(m: MandateScope, target: MandateTarget): boolean {
  if ('dataScope' in target) return m.categories.includes(target.dataScope)
  return m.itemCodes.includes(target.itemCode) || (target.lifeEvents ?? []).some((e) => m.categories.includes(e))
}

/** Categories a mandate form may offer; anything else in a request is refused. */
export function isMandateCategory(c: string): boolean {
  return (DATA_SCOPES as readonly string[]).includes(c) || (LIFE_EVENT_SCOPES as readonly string[]).includes(c)
}
