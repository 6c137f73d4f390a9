import type { MetaResponse } from '../domain/contract'
import type { Request } from './request'

export interface MetaApi {
  get(): Promise<MetaResponse>
}

export function createMetaApi(request: Request): MetaApi {
  return { get: () => request.get<MetaResponse>('/api/meta', { auth: false }) }
}
