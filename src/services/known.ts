// What the platform knows of the signed-in person outside a form: the district they live in (the
// one an application form prefills as 所在区县), so 就近办 can list their own district first.
import type { KnownApplicantResponse } from '../domain/contract'
import type { Request } from './request'

export function homeDistrictOf(request: Request): () => Promise<string | undefined> {
  return async () => (await request.get<KnownApplicantResponse>('/api/cases/known')).contact.region || undefined
}
