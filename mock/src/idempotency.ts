// Idempotent POSTs for every route, present and future.
//
// Installed once before routes are added: every POST under /api/ then requires an
// `Idempotency-Key` (UUID) header, and its handler runs inside one database transaction that
// first inserts (key, route, body hash). The primary key does the work: a concurrent duplicate
// blocks on that insert until the first transaction commits, then finds the stored answer and
// replays it; the handler's own writes (made through `request.db`) commit or roll back together
// with the stored answer, so a request is applied exactly once or not at all.
//
// Handlers of such routes must *return* their payload (and may set reply.code) rather than call
// reply.send(), so the answer can be stored. A route opts out with `config: { idempotency: false }`.
import { createHash } from 'node:crypto'
import { and, eq, sql, type SQL } from 'drizzle-orm'
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions, onRequestHookHandler } from 'fastify'
import { Type } from '@sinclair/typebox'
import { IDEMPOTENCY_HEADER, REPLAYED_HEADER } from '../../src/domain/contract'
import type { Db, DbOrTx } from './db/client'
import { idempotencyKeys } from './db/schema'
import { ApiError } from './errors'

declare module 'fastify' {
  // Module augmentation has to reuse the name.
  // eslint-disable-next-line @typescript-eslint/no-shadow
  interface FastifyRequest {
    /** The database handle to use: the idempotency transaction on POST routes, else the pool. */
    db: DbOrTx
    /** The idempotency transaction while an idempotent POST's handler runs (read it as `db`). */
    idempotencyTx: DbOrTx | null
    /**
     * Rows for tables without readers inside the request (the audit log), written by the same
     * statement that stores the answer instead of one round trip each (see deferInsert).
     */
    deferredInserts: SQL[] | null
  }
  interface FastifyContextConfig {
    idempotency?: boolean
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export const IdempotencyHeaders = Type.Object({
  [IDEMPOTENCY_HEADER]: Type.String({ format: 'uuid', description: 'A fresh UUID per user action; resend the same one when retrying.' }),
})

/** Stable JSON: object keys sorted, so {"a":1,"b":2} and {"b":2,"a":1} hash the same. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null'
  if (value === null || typeof value !== 'object') return JSON.stringify(value)
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
}

const requireKey: onRequestHookHandler = (request, _reply, done) => {
  const key = request.headers[IDEMPOTENCY_HEADER]
  if (typeof key !== 'string' || key === '') return done(new ApiError(400, 'IDEMPOTENCY_KEY_REQUIRED'))
  if (!UUID.test(key)) return done(new ApiError(400, 'IDEMPOTENCY_KEY_INVALID'))
  done()
}

function asArray<T>(v: T | T[] | undefined): T[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v]
}

export function installIdempotency(app: FastifyInstance, db: Db): void {
  // The pool unless an idempotent POST has set its transaction: a getter over a plain field, not
  // an onRequest hook setting it on every request (a hook call per request, GETs included).
  app.decorateRequest('idempotencyTx', null)
  app.decorateRequest('deferredInserts', null)
  app.decorateRequest('db', {
    getter(this: FastifyRequest) {
      return this.idempotencyTx ?? db
    },
    setter(this: FastifyRequest, value: DbOrTx) {
      this.idempotencyTx = value === db ? null : value
    },
  } as unknown as DbOrTx)

  app.addHook('onRoute', (route: RouteOptions) => {
    const methods = asArray(route.method)
    if (!methods.includes('POST') || !route.url.startsWith('/api/') || route.config?.idempotency === false) return
    const routeId = `POST ${route.url}`
    route.config = { ...route.config, idempotency: true }
    // Checked before the body is read, so a request without a key costs nothing.
    route.onRequest = [...asArray(route.onRequest), requireKey]
    // Also in the schema, so the header shows in the OpenAPI document.
    route.schema = { ...route.schema, headers: route.schema?.headers ?? IdempotencyHeaders }
    const handler = route.handler
    route.handler = async function idempotentHandler(this: FastifyInstance, request: FastifyRequest, reply: FastifyReply) {
      return runIdempotent(db, routeId, request, reply, () => handler.call(this, request, reply))
    }
  })
}

async function runIdempotent(db: Db, routeId: string, request: FastifyRequest, reply: FastifyReply, handler: () => unknown): Promise<unknown> {
  const key = String(request.headers[IDEMPOTENCY_HEADER]).toLowerCase()
  const bodyHash = createHash('sha256')
    .update(canonicalJson({ params: request.params, query: request.query, body: request.body }))
    .digest('hex')
  const match = and(eq(idempotencyKeys.key, key), eq(idempotencyKeys.route, routeId))

  const outcome = await db.transaction(async (tx) => {
    const claimed = await tx.insert(idempotencyKeys).values({ key, route: routeId, bodyHash }).onConflictDoNothing().returning({ key: idempotencyKeys.key })
    if (claimed.length === 0) {
      // Someone committed this key before us: the statement above waited for them.
      const [row] = await tx.select().from(idempotencyKeys).where(match)
      if (!row || row.statusCode === null) throw new ApiError(409, 'IDEMPOTENCY_KEY_IN_USE')
      if (row.bodyHash !== bodyHash) throw new ApiError(422, 'IDEMPOTENCY_KEY_REUSED')
      return { replay: true as const, statusCode: row.statusCode, payload: row.response }
    }
    request.db = tx
    try {
      const payload = await handler()
      if (reply.sent) throw new Error(`${routeId}: idempotent handlers must return their payload, not call reply.send()`)
      const store = tx
        .update(idempotencyKeys)
        .set({ statusCode: reply.statusCode, response: payload === undefined ? null : JSON.parse(JSON.stringify(payload)) })
        .where(match)
      const deferred = request.deferredInserts
      request.deferredInserts = null
      if (!deferred?.length) await store
      else {
        // One round trip: the deferred rows as data-modifying CTEs of the answer's UPDATE (all run,
        // in this transaction, whatever the outer statement reads).
        const ctes = deferred.map((insert, i) => sql`${sql.raw(`d${i}`)} as (${insert})`)
        await tx.execute(sql`with ${sql.join(ctes, sql`, `)} ${store.getSQL()}`)
      }
      return { replay: false as const, statusCode: reply.statusCode, payload }
    } finally {
      request.db = db
      request.deferredInserts = null
    }
  })

  if (outcome.replay) reply.code(outcome.statusCode).header(REPLAYED_HEADER, 'true')
  return outcome.payload
}

/**
 * Write `insert` with the request's stored answer when the request is an idempotent POST running
 * on `db` (its transaction): one round trip fewer. Only for rows nothing reads back within the
 * request; they commit or roll back with the answer exactly as a direct insert would. Returns
 * false when the caller must insert now (no idempotency transaction, or another handle).
 */
export function deferInsert(request: FastifyRequest, db: DbOrTx, insert: SQL): boolean {
  if (!request.idempotencyTx || db !== request.idempotencyTx) return false
  ;(request.deferredInserts ??= []).push(insert)
  return true
}
