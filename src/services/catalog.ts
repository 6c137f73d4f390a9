// Catalog API. The index and the guides document are revalidated with If-None-Match, so this
// module talks to the transport for those two (the shared wrapper hides headers and treats 304 as
// an error); everything else goes through the shared wrapper.
import type {
  BundleDetailResponse,
  CatalogIndexResponse,
  GuidesResponse,
  HallDetailResponse,
  HallsResponse,
  ItemGuideResponse,
} from '../domain/contract/catalog'
import { TransportError, type Platform } from '../platform/types'
import { messages } from '../domain/messages/main'
import { apiBase } from './api'
import { ApiError, httpError, type Request } from './request'

/** 304: the copy with that tag is current. 200: a new copy and its tag. */
export type Conditional<T> = { notModified: true } | { notModified: false; etag?: string; body: T }

export interface CatalogApi {
  index(etag?: string): Promise<Conditional<CatalogIndexResponse>>
  guides(etag?: string): Promise<Conditional<GuidesResponse>>
  guide(code: string): Promise<ItemGuideResponse>
  bundle(code: string): Promise<BundleDetailResponse>
  halls(opts?: { at?: { lat: number; lng: number }; item?: string }): Promise<HallsResponse>
  hall(code: string): Promise<HallDetailResponse>
}

const t = messages.platform.request
const TIMEOUT_MS = 20_000

export function createCatalogApi(platform: Pick<Platform, 'request' | 'isOnline'>, request: Request, base = apiBase()): CatalogApi {
  async function conditional<T>(path: string, etag?: string): Promise<Conditional<T>> {
    if (!platform.isOnline()) throw new ApiError({ status: 0, code: 'OFFLINE', kind: 'offline', message: t.offline })
    const headers: Record<string, string> = { Accept: 'application/json' }
    if (etag) headers['If-None-Match'] = etag
    let res
    try {
      res = await platform.request({ url: base.replace(/\/+$/, '') + path, method: 'GET', headers, timeoutMs: TIMEOUT_MS })
    } catch (e) {
      const timeout = e instanceof TransportError && e.kind === 'timeout'
      throw new ApiError({
        status: 0,
        code: timeout ? 'TIMEOUT' : 'NETWORK',
        kind: timeout ? 'timeout' : 'network',
        message: timeout ? t.timeout : t.network,
      })
    }
    if (res.status === 304) return { notModified: true }
    if (res.status < 200 || res.status >= 300) throw httpError(res)
    try {
      return { notModified: false, etag: res.headers.etag, body: JSON.parse(res.body) as T }
    } catch {
      throw new ApiError({ status: res.status, code: 'BAD_RESPONSE', kind: 'bad_response', message: t.unknown })
    }
  }
  const enc = encodeURIComponent
  return {
    index: (etag) => conditional<CatalogIndexResponse>('/api/catalog/index', etag),
    guides: (etag) => conditional<GuidesResponse>('/api/catalog/guides', etag),
    guide: (code) => request.get<ItemGuideResponse>(`/api/catalog/items/${enc(code)}`, { auth: false }),
    bundle: (code) => request.get<BundleDetailResponse>(`/api/catalog/bundles/${enc(code)}`, { auth: false }),
    halls: (opts = {}) =>
      request.get<HallsResponse>('/api/halls', { auth: false, query: { lat: opts.at?.lat, lng: opts.at?.lng, item: opts.item } }),
    hall: (code) => request.get<HallDetailResponse>(`/api/halls/${enc(code)}`, { auth: false }),
  }
}
