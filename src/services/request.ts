// The one request wrapper every API module goes through: base URL, bearer token, one shared
// refresh on 401, user-facing zh-CN errors, GET-only retry with backoff, Idempotency-Key on
// every POST, timeout. Transport, clock and randomness are injected so Node tests drive it.
import type { ErrorBody } from '../domain/contract'
import { messages } from '../domain/messages/main'
import { TransportError, type HttpMethod, type Transport, type TransportResponse } from '../platform/types'
import { tokenSender } from '../domain/token'

export type ApiErrorKind = 'offline' | 'timeout' | 'network' | 'http' | 'bad_response'

/** A failed API call. `message` is zh-CN and can be shown to the user as is. */
export class ApiError extends Error {
  /** HTTP status; 0 when no answer arrived (offline, timeout, network). */
  readonly status: number
  /** Server's UPPER_SNAKE code, or OFFLINE / TIMEOUT / NETWORK / SERVER_ERROR / UNKNOWN / BAD_RESPONSE. */
  readonly code: string
  /** The one input field at fault, when the server named it. */
  readonly field?: string
  readonly kind: ApiErrorKind
  readonly requestId?: string
  /** The server's error body, for codes that carry more (lockedUntil, retryAfterSeconds...). */
  readonly body?: Partial<ErrorBody>
  constructor(init: {
    status: number
    code: string
    message: string
    kind: ApiErrorKind
    field?: string
    requestId?: string
    body?: Partial<ErrorBody>
  }) {
    super(init.message)
    this.name = 'ApiError'
    this.status = init.status
    this.code = init.code
    this.kind = init.kind
    if (init.field !== undefined) this.field = init.field
    if (init.requestId !== undefined) this.requestId = init.requestId
    if (init.body !== undefined) this.body = init.body
  }
}

/** What the wrapper needs from the session store. */
export interface SessionLike {
  readonly accessToken: string | null
  /** Obtain new tokens; true when the session can continue. */
  refresh(): Promise<boolean>
  clear(): void
}

export interface Clock {
  setTimeout(fn: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

const realClock: Clock = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
}

export interface RequestOptions {
  /** '' = same origin. */
  baseUrl: string
  transport: Transport
  session?: SessionLike
  /** Secure random source for Idempotency-Key (platform.secureRandom). */
  randomBytes: (n: number) => Uint8Array | Promise<Uint8Array>
  /** Connectivity as the platform knows it; when false, calls fail fast with the offline message. */
  isOnline?: () => boolean
  timeoutMs?: number
  /** Attempts for a GET, including the first. */
  maxAttempts?: number
  backoffBaseMs?: number
  /** Jitter source in [0, 1); spreading retries needs no secrecy. */
  jitter?: () => number
  clock?: Clock
  defaultHeaders?: Record<string, string>
}

export type Query = Record<string, string | number | boolean | undefined | null>

export interface CallOptions {
  query?: Query
  headers?: Record<string, string>
  timeoutMs?: number
  /** POST only: reuse a key across a user's retry of the same submission. */
  idempotencyKey?: string
  /** Send the bearer token and refresh on 401 (default true). */
  auth?: boolean
}

export interface Request {
  get<T>(path: string, opts?: CallOptions): Promise<T>
  post<T>(path: string, body?: unknown, opts?: CallOptions): Promise<T>
  /** A fresh UUID v4 from the secure random source (for callers that keep a key per submission). */
  newIdempotencyKey(): Promise<string>
}

const RETRY_STATUS = new Set([502, 503, 504])
const IDEMPOTENCY_HEADER = 'Idempotency-Key'

/** RFC 4122 version-4 UUID from 16 random bytes. */
export function uuidV4(bytes: Uint8Array): string {
  if (bytes.length < 16) throw new RangeError('uuidV4 needs 16 bytes')
  const b = Array.from(bytes.subarray(0, 16))
  b[6] = (b[6] & 0x0f) | 0x40
  b[8] = (b[8] & 0x3f) | 0x80
  const h = b.map((x) => x.toString(16).padStart(2, '0')).join('')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}

export const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

function buildUrl(base: string, path: string, query?: Query): string {
  let url = base.replace(/\/+$/, '') + (path.startsWith('/') ? path : `/${path}`)
  if (query) {
    const parts: string[] = []
    for (const [k, v] of Object.entries(query)) {
      if (v === undefined || v === null) continue
      parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    }
    if (parts.length) url += (url.includes('?') ? '&' : '?') + parts.join('&')
  }
  return url
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text === '') return { ok: true, value: undefined }
  try {
    return { ok: true, value: JSON.parse(text) as unknown }
  } catch {
    return { ok: false }
  }
}

const t = messages.platform.request

function noAnswerError(kind: 'offline' | 'timeout' | 'network'): ApiError {
  const code = kind === 'offline' ? 'OFFLINE' : kind === 'timeout' ? 'TIMEOUT' : 'NETWORK'
  return new ApiError({ status: 0, code, kind, message: t[kind] })
}

/** Turn a non-2xx answer into an ApiError: the server's message when it sent one, else the catalogue's. */
export function httpError(res: TransportResponse): ApiError {
  const parsed = parseJson(res.body)
  const body = parsed.ok && parsed.value && typeof parsed.value === 'object' ? (parsed.value as Partial<ErrorBody>) : undefined
  const requestId = typeof body?.requestId === 'string' ? body.requestId : res.headers['x-request-id']
  if (body && typeof body.message === 'string' && body.message !== '') {
    return new ApiError({
      status: res.status,
      code: typeof body.code === 'string' ? body.code : res.status >= 500 ? 'SERVER_ERROR' : 'UNKNOWN',
      message: body.message,
      kind: 'http',
      field: typeof body.field === 'string' ? body.field : undefined,
      requestId,
      body,
    })
  }
  // No usable body (a proxy's HTML page, an empty 502...): say what kind of failure it was.
  const server = res.status >= 500
  return new ApiError({
    status: res.status,
    code: server ? 'SERVER_ERROR' : 'UNKNOWN',
    message: server ? t.server : t.unknown,
    kind: 'http',
    requestId,
  })
}

export function createRequest(opts: RequestOptions): Request {
  const timeoutMs = opts.timeoutMs ?? 10_000
  const maxAttempts = opts.maxAttempts ?? 3
  const backoffBaseMs = opts.backoffBaseMs ?? 300
  const jitter = opts.jitter ?? Math.random
  const clock = opts.clock ?? realClock
  const session = opts.session
  // One refresh at a time: concurrent 401s wait for the same promise.
  let refreshing: Promise<boolean> | null = null

  function refreshOnce(): Promise<boolean> {
    if (!session) return Promise.resolve(false)
    if (!refreshing) {
      // Refused: the session has ended, so it is cleared. No answer (network) is not a refusal: the
      // person stays signed in, with what is kept on the device, and the request fails as offline.
      refreshing = session
        .refresh()
        .then(
          (ok) => {
            if (!ok) session.clear()
            return ok
          },
          () => false,
        )
        .finally(() => {
          refreshing = null
        })
    }
    return refreshing
  }

  function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => clock.setTimeout(resolve, ms))
  }

  function backoff(attempt: number): number {
    // Equal jitter: half fixed, half random, so clients that failed together do not retry together.
    const exp = backoffBaseMs * 2 ** (attempt - 1)
    return Math.round(exp / 2 + jitter() * (exp / 2))
  }

  /** One exchange over the transport, with the timeout. Rejects with an ApiError when no answer came. */
  async function exchange(
    method: HttpMethod,
    url: string,
    headers: Record<string, string>,
    body: string | undefined,
    ms: number,
  ): Promise<TransportResponse> {
    if (opts.isOnline && !opts.isOnline()) throw noAnswerError('offline')
    let handle: unknown
    const timer = new Promise<never>((_, reject) => {
      handle = clock.setTimeout(() => reject(new TransportError('timeout')), ms)
    })
    try {
      return await Promise.race([opts.transport({ url, method, headers, body, timeoutMs: ms }), timer])
    } catch (e) {
      if (e instanceof ApiError) throw e
      if (e instanceof TransportError && e.kind === 'timeout') throw noAnswerError('timeout')
      // A failed connection while the platform says we are offline is "offline" to the user.
      if (opts.isOnline && !opts.isOnline()) throw noAnswerError('offline')
      throw noAnswerError('network')
    } finally {
      clock.clearTimeout(handle)
    }
  }

  async function send<T>(method: HttpMethod, path: string, payload: unknown, call: CallOptions = {}): Promise<T> {
    const url = buildUrl(opts.baseUrl, path, call.query)
    const ms = call.timeoutMs ?? timeoutMs
    const useAuth = call.auth !== false && !!session
    const body = payload === undefined ? undefined : JSON.stringify(payload)
    const base: Record<string, string> = { Accept: 'application/json', ...opts.defaultHeaders, ...call.headers }
    if (body !== undefined) base['Content-Type'] = 'application/json'
    if (method === 'POST') {
      // Same key for the 401 retry below: it is the same submission.
      base[IDEMPOTENCY_HEADER] = call.idempotencyKey ?? uuidV4(await opts.randomBytes(16))
    }
    const retryable = method === 'GET'
    let refreshed = false
    let attempt = 0
    for (;;) {
      attempt++
      const headers = { ...base }
      const token = useAuth ? session!.accessToken : null
      if (token) headers.Authorization = `Bearer ${token}`
      let res: TransportResponse
      try {
        res = await exchange(method, url, headers, body, ms)
      } catch (e) {
        if (retryable && e instanceof ApiError && e.kind === 'network' && attempt < maxAttempts) {
          await sleep(backoff(attempt))
          continue
        }
        throw e
      }
      if (res.status === 401 && useAuth && token && !refreshed) {
        refreshed = true
        // Another request (or tab) may already have refreshed while this one was in flight.
        const ok = session!.accessToken !== token ? true : await refreshOnce()
        // Retried only as the same person acting the same way: a sign-in of someone else in
        // another tab meanwhile must not send this request (a submission, say) as them.
        if (ok && session!.accessToken && tokenSender(session!.accessToken) === tokenSender(token)) continue
        throw httpError(res)
      }
      if (retryable && RETRY_STATUS.has(res.status) && attempt < maxAttempts) {
        await sleep(backoff(attempt))
        continue
      }
      if (res.status < 200 || res.status >= 300) throw httpError(res)
      if (res.status === 204) return undefined as T
      const parsed = parseJson(res.body)
      if (!parsed.ok) {
        throw new ApiError({ status: res.status, code: 'BAD_RESPONSE', kind: 'bad_response', message: t.unknown })
      }
      return parsed.value as T
    }
  }

  return {
    get: (path, call) => send('GET', path, undefined, call),
    post: (path, body, call) => send('POST', path, body, call),
    newIdempotencyKey: async () => uuidV4(await opts.randomBytes(16)),
  }
}

/** Message for anything caught around an API call: ApiError/platform errors carry zh-CN text already. */
export function userMessage(e: unknown): string {
  if (e instanceof ApiError) return e.message
  if (e instanceof Error && /[\u4e00-\u9fff]/.test(e.message)) return e.message
  return t.unknown
}
