import type { RegionsResponse } from '../domain/contract'
import type { Request } from './request'

export interface RegionsApi {
  /** Children of `parent` (6-digit code); without it, the provinces. */
  list(parent?: string): Promise<RegionsResponse>
}

export function createRegionsApi(request: Request): RegionsApi {
  return { list: (parent) => request.get<RegionsResponse>('/api/regions', { auth: false, query: { parent } }) }
}
