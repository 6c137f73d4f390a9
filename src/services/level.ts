// Walking the user up the assurance levels: which step an API refusal asks for.
import { ApiError } from './request'

/** L1 = log in, L2 = real name, reauth = fresh SMS code after 12 h / 30 min idle, L3 = face check. */
export type LevelStep = 'L1' | 'L2' | 'reauth' | 'L3'

/** The step the user must take before retrying, or null when the error is about something else. */
export function levelStep(e: unknown): LevelStep | null {
  if (!(e instanceof ApiError)) return null
  if (e.status === 401) return 'L1'
  if (e.code !== 'LEVEL_REQUIRED') return null
  if (e.body?.reauth) return 'reauth'
  const required = e.body?.requiredLevel
  return required === 'L3' ? 'L3' : required === 'L1' ? 'L1' : 'L2'
}
