// Duplicate applications: the same item for the same person (or enterprise) while an earlier case
// is still being handled. The app warns and links to the open case; items a person can hold only
// once (a benefit paid to them, a personal card) refuse the second application outright, on the
// server (409) as well as in the app.
import type { CaseState } from './states'

/** States in which a case is still being handled (not a draft, not concluded or closed). */
export const OPEN_STATES: readonly CaseState[] = ['submitted', 'accepted', 'supplement_requested', 'supplemented', 'under_review']

export function isOpen(state: string): boolean {
  return (OPEN_STATES as readonly string[]).includes(state)
}

/**
 * One open application at a time: the personal cards a person holds one of (优待证, 居住证, 社保卡)
 * and standing allowances paid monthly (津贴). One-off aid (临时救助) may be asked for again. The
 * published catalog has no "办件限制" field yet; this rule stands in for it.
 */
export function oneAtATime(item: { name: string }): boolean {
  return /(优待证|居住证|社会保障卡)(办理|申领|补领)?$|津贴申领$/.test(item.name)
}

/** An item decided at once by the system (秒批) — the only kind the app may call 即办件 online. */
export function decidedAtOnce(item: { promisedDays: number; autoApproval: unknown }): boolean {
  return item.promisedDays === 0 && item.autoApproval !== null && item.autoApproval !== undefined
}
