// Conditional GETs for the catalog's cached documents, and catalog error helpers.
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { api } from '../../../src/domain/messages/zh-CN/api'
import { catalog as text } from '../../../src/domain/messages/zh-CN/catalog'
import { ApiError, errorHandler, validationToApiError, type ErrorCode } from '../errors'
import type { CachedJson } from './state'

/** Published reference data: caches may keep it, but must ask (cheaply, with the ETag) before reuse. */
export const REVALIDATE = 'public, no-cache'

// A tag may carry the coding of the entity it names (encodedBody).
const CODING_SUFFIX = /-(?:gzip|br|deflate)$/

function opaque(tag: string): string {
  return tag.trim().replace(/^W\//, '').replace(/^"|"$/g, '').replace(CODING_SUFFIX, '')
}

/** The tag from If-None-Match that matches `etag` (any coding, weak comparison), if any. */
export function matchingTag(ifNoneMatch: string | undefined, etag: string): string | undefined {
  if (!ifNoneMatch) return undefined
  if (ifNoneMatch.trim() === '*') return etag
  const want = opaque(etag)
  return ifNoneMatch
    .split(',')
    .map((t) => t.trim())
    .find((t) => t !== '' && opaque(t) === want)
}

/**
 * Answer with a cached document, or 304 when the client already holds it. The routes that answer
 * this way skip @fastify/compress (CACHED_ROUTE): their documents are compressed here, once.
 */
export function sendCached(request: FastifyRequest, reply: FastifyReply, doc: CachedJson): FastifyReply {
  reply.header('cache-control', REVALIDATE)
  const matched = matchingTag(request.headers['if-none-match'], doc.etag)
  // A 304 repeats the Vary its 200 would carry (RFC 9110 15.4.5), so a shared cache keeps
  // keying this answer by coding.
  const varies = doc.bytes >= MIN_COMPRESS
  if (matched) {
    // Repeat the tag the client holds (it may carry a coding suffix).
    reply.header('etag', matched.replace(/^W\//, ''))
    if (varies) reply.header('vary', 'accept-encoding')
    return reply.code(304).send()
  }
  reply.type('application/json; charset=utf-8')
  if (!varies) {
    reply.header('etag', doc.etag)
    return reply.send(doc.body)
  }
  // Which body a cache may reuse depends on Accept-Encoding, compressed or not.
  reply.header('vary', 'accept-encoding')
  const coding = request.headers['x-no-compression'] === undefined ? preferredCoding(request.headers['accept-encoding']) : undefined
  if (coding) {
    // Compressed once per document and kept: compressing each answer again cost guide reads
    // four fifths of their throughput (bench/server.bench.ts).
    const encoded = encodedBody(doc, coding)
    reply.header('etag', encoded.etag)
    reply.header('content-encoding', coding)
    return reply.send(encoded.body)
  }
  // A string with a JSON content type is sent as is: the bytes the ETag was computed over.
  reply.header('etag', doc.etag)
  return reply.send(doc.body)
}

/**
 * Route options for the routes that answer with sendCached: no @fastify/compress hooks (their
 * bodies come compressed from encodedBody; GETs have no body to decompress).
 */
export const CACHED_ROUTE = { compress: false, decompress: false } as const

/** Below this the catalog plugin's compression threshold applies too: not worth a coding. */
const MIN_COMPRESS = 1024
interface Encoded { body: Buffer; etag: string }
const encodings = new WeakMap<CachedJson, { br?: Encoded; gzip?: Encoded }>()

function codingTag(etag: string, coding: string): string {
  return etag.replace(/"$/, `-${coding}"`)
}

// Each coding is an entity of its own and needs its own strong tag (RFC 9110 8.8.3): the coding
// goes inside the quotes, as Apache's mod_deflate does.
function encodedBody(doc: CachedJson, coding: 'br' | 'gzip'): Encoded {
  let entry = encodings.get(doc)
  if (!entry) encodings.set(doc, (entry = {}))
  // No closure here: this runs on every compressed answer.
  if (coding === 'br') {
    entry.br ??= { etag: codingTag(doc.etag, coding), body: brotliCompressSync(doc.body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: doc.bytes } }) }
    return entry.br
  }
  entry.gzip ??= { etag: codingTag(doc.etag, coding), body: gzipSync(doc.body, { level: 9 }) }
  return entry.gzip
}

// Browsers send a handful of distinct Accept-Encoding values; parsing one on every guide read
// was a visible share of its time (bench/server.bench.ts). Bounded: cleared when full.
const codingCache = new Map<string, 'br' | 'gzip' | undefined>()

/** br or gzip, whichever Accept-Encoding ranks higher (q-values and `*` honoured; br on a tie). */
export function preferredCoding(accept: string | undefined): 'br' | 'gzip' | undefined {
  if (!accept) return undefined
  if (codingCache.has(accept)) return codingCache.get(accept)
  const coding = parseCoding(accept)
  if (codingCache.size >= 64) codingCache.clear()
  codingCache.set(accept, coding)
  return coding
}

function parseCoding(accept: string): 'br' | 'gzip' | undefined {
  const q = new Map<string, number>()
  for (const part of accept.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';').map((x) => x.trim())
    if (!name) continue
    const given = params.find((x) => x.startsWith('q='))
    const value = given === undefined ? 1 : Number(given.slice(2))
    q.set(name, Number.isFinite(value) ? value : 0)
  }
  const weight = (coding: string) => q.get(coding) ?? q.get('*') ?? 0
  const br = weight('br')
  const gzip = weight('gzip')
  if (br <= 0 && gzip <= 0) return undefined
  return br >= gzip ? 'br' : 'gzip'
}

export type CatalogErrorCode = keyof typeof text.errors

/** A catalog error: its code and message live in the catalog's own message section. */
export function catalogError(statusCode: number, code: CatalogErrorCode, field?: string): ApiError {
  // ErrorCode lists the platform-wide codes of api.ts; the catalog's codes extend that set.
  return new ApiError(statusCode, code as unknown as ErrorCode, text.errors[code], field)
}

/**
 * The app's error handler, with validation messages naming catalog fields in Chinese (the shared
 * label table has no entry for 部门, 页码 and the like, and falls back to the raw field name).
 */
export function catalogErrorHandler(bodyLimit: number) {
  const base = errorHandler(bodyLimit)
  return function handle(err: FastifyError, request: FastifyRequest, reply: FastifyReply) {
    const fe = err as FastifyError & { validation?: Parameters<typeof validationToApiError>[0]; validationContext?: string }
    if (Array.isArray(fe.validation)) {
      const e = validationToApiError(fe.validation, fe.validationContext)
      const label = e.field ? text.fieldLabels[e.field] : undefined
      if (e.field && label && !(e.field in api.fieldLabels)) {
        return base(new ApiError(e.statusCode, e.code, e.message.split(`“${e.field}”`).join(label), e.field) as unknown as FastifyError, request, reply)
      }
      return base(e as unknown as FastifyError, request, reply)
    }
    return base(err, request, reply)
  }
}
