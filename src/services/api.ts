// Builds the typed API client from a platform and a session. Free of Taro so tests can use it.
import type { Platform } from '../platform/types'
import { createRequest, type Request, type RequestOptions, type SessionLike } from './request'
import { createMetaApi, type MetaApi } from './meta'
import { createRegionsApi, type RegionsApi } from './regions'
import { createFeedbackApi, type FeedbackApi } from './feedback'

export interface Api {
  request: Request
  meta: MetaApi
  regions: RegionsApi
  feedback: FeedbackApi
}

// Build-time constant from config/index.ts (DefinePlugin); undefined under Node (tests).
// Declared here too so the server-side type check of tests does not need the app's globals.
declare const API_BASE: string | undefined

/** API base URL; '' = same origin. */
export function apiBase(): string {
  return typeof API_BASE === 'string' ? API_BASE : ''
}

export function createApi(
  platform: Platform,
  session: SessionLike,
  overrides: Partial<Omit<RequestOptions, 'transport' | 'session'>> = {},
): Api {
  const request = createRequest({
    baseUrl: apiBase(),
    transport: platform.request,
    session,
    randomBytes: (n) => platform.secureRandom(n),
    isOnline: () => platform.isOnline(),
    ...overrides,
  })
  return {
    request,
    meta: createMetaApi(request),
    regions: createRegionsApi(request),
    feedback: createFeedbackApi(request),
  }
}
