// The one guard at the edge (issue 21). Every route's request schemas (body, query, params,
// headers) get limits where the contract left them open, and every parsed request is checked for
// text that no column can hold, before any handler sees it:
// - strings without a maxLength get DEFAULT_MAX_LENGTH, so no string is unbounded;
// - numbers without bounds get the range of a PostgreSQL integer (integers) or a finite range
//   (numbers); non-finite numbers (1e309 is Infinity after JSON.parse or query coercion) are
//   refused after validation, which lets them through;
// - NUL (PostgreSQL text and jsonb refuse 0x00) and lone UTF-16 surrogates (not encodable as
//   UTF-8) anywhere in a string or an object key are refused with a 400 naming the field.
import type { FastifyInstance, FastifyRequest, preHandlerHookHandler, preValidationHookHandler, RouteOptions } from 'fastify'
import { fieldError } from './errors'

/** The default upper bound of a request string the contract gave no maxLength. */
export const DEFAULT_MAX_LENGTH = 2000
/** PostgreSQL `integer`: the widest integer column a request value may land in. */
export const INT_MAX = 2147483647
/** Finite bound for plain numbers (money in fen and coordinates are far inside it). */
export const NUMBER_MAX = 1e12

type Schema = Record<string | symbol, unknown>

const PARTS = ['body', 'querystring', 'params', 'headers'] as const

function isObject(v: unknown): v is Schema {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function typesOf(s: Schema): string[] {
  const t = s.type
  return Array.isArray(t) ? (t as string[]) : typeof t === 'string' ? [t] : []
}

/**
 * A copy of a request schema with every open string and number bounded. A copy, because the
 * contract's schema objects are shared with answers and with the client.
 */
export function boundSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(boundSchema)
  if (!isObject(schema)) return schema
  const out: Schema = {}
  for (const key of Reflect.ownKeys(schema)) {
    const v = schema[key]
    out[key] = key === 'const' || key === 'enum' || key === 'default' || key === 'examples' ? v : boundSchema(v)
  }
  const types = typesOf(out)
  const closed = out.enum !== undefined || out.const !== undefined
  if (types.includes('string') && !closed && out.maxLength === undefined) out.maxLength = DEFAULT_MAX_LENGTH
  if ((types.includes('integer') || types.includes('number')) && !closed) {
    const max = types.includes('integer') ? INT_MAX : NUMBER_MAX
    if (out.maximum === undefined && out.exclusiveMaximum === undefined) out.maximum = max
    if (out.minimum === undefined && out.exclusiveMinimum === undefined) out.minimum = -max
  }
  return out
}

// A lone surrogate: a high one not followed by a low one, or a low one not preceded by a high one.
const BAD_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** Whether a string can be stored and shown as text (no NUL, no lone surrogate). */
export function isStorableText(s: string): boolean {
  return !BAD_TEXT.test(s)
}

/** The path of the first string or key (depth-first) that is not storable text, else undefined. */
export function findBadText(value: unknown, path = '', depth = 0): string | undefined {
  if (typeof value === 'string') return isStorableText(value) ? undefined : path || '(root)'
  if (depth > 64 || typeof value !== 'object' || value === null) return undefined
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const bad = findBadText(value[i], path ? `${path}.${i}` : String(i), depth + 1)
      if (bad) return bad
    }
    return undefined
  }
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    // A bad key is named by its parent: the key itself cannot be shown.
    if (!isStorableText(k)) return path || '(root)'
    const bad = findBadText(v, path ? `${path}.${k}` : k, depth + 1)
    if (bad) return bad
  }
  return undefined
}

/** The path of the first number that is not finite (1e309 parses as Infinity), else undefined. */
export function findNonFinite(value: unknown, path = '', depth = 0): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : path || '(root)'
  if (depth > 64 || typeof value !== 'object' || value === null || Buffer.isBuffer(value)) return undefined
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const bad = findNonFinite(v, path ? `${path}.${k}` : k, depth + 1)
    if (bad) return bad
  }
  return undefined
}

/** Refuse NUL and lone surrogates in any part of a request (before schema validation). */
export function checkRequestText(request: FastifyRequest): void {
  for (const part of [request.params, request.query, request.body]) {
    if (Buffer.isBuffer(part)) continue // uploads are bytes, checked by their own route
    const bad = findBadText(part)
    if (bad) throw fieldError(bad, 'text')
  }
}

/** The text check, exported so route hooks added later can keep it first (identity/auth.ts). */
export const textCheck: preValidationHookHandler = (request, _reply, done) => {
  try {
    checkRequestText(request)
    done()
  } catch (err) {
    done(err as Error)
  }
}

// After validation: Ajv's coercion turns "1e309" into Infinity and its maximum check lets
// Infinity through (measured with @fastify/ajv-compiler 4), so the finite check is our own.
const finiteCheck: preHandlerHookHandler = (request, _reply, done) => {
  for (const part of [request.params, request.query, request.body]) {
    const bad = findNonFinite(part)
    if (bad) return done(fieldError(bad, 'range'))
  }
  done()
}

function asArray<T>(v: T | T[] | undefined): T[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v]
}

/**
 * Whether a route can receive any text or number at all: a body (any method but GET and HEAD),
 * path parameters, or a query string it declares. Routes that can not (GET /api/health, say) get
 * no checks, so they pay no hook calls.
 */
function takesInput(route: RouteOptions): boolean {
  const methods = asArray(route.method)
  if (methods.some((m) => m !== 'GET' && m !== 'HEAD')) return true
  if (/[:*]/.test(route.url)) return true
  return route.schema?.querystring !== undefined
}

export function installGuard(app: FastifyInstance): void {
  app.addHook('onRoute', (route: RouteOptions) => {
    if (route.schema) {
      const schema: Record<string, unknown> = { ...route.schema }
      for (const part of PARTS) if (schema[part] !== undefined) schema[part] = boundSchema(schema[part])
      route.schema = schema as RouteOptions['schema']
    }
    if (!takesInput(route)) return
    // Route hooks, first in their lists: they ran as the app's first hooks before.
    route.preValidation = [textCheck, ...asArray(route.preValidation)]
    route.preHandler = [finiteCheck, ...asArray(route.preHandler)]
  })
}
