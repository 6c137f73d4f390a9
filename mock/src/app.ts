// The platform stand-in as a Fastify instance, without listening: tests use app.inject(),
// main.ts adds a port and signal handling. Stateless: everything lasting lives in the database.
import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import Fastify, { LogController, type FastifyBaseLogger, type FastifyServerOptions, type FastifyReply, type FastifyRequest } from 'fastify'
import type { DestinationStream } from 'pino'
import { AjvCompiler } from '@fastify/ajv-compiler'
import fastifySwagger from '@fastify/swagger'
import fastifySwaggerUi from '@fastify/swagger-ui'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { API_VERSION } from '../../src/domain/contract'
import type { Config } from './config'
import { createFieldCrypto } from './crypto'
import { createSignedCodes } from './signing'
import { createDevClock, runningFrom } from './dev/clock'
import type { Database } from './db/client'
import { errorHandler } from './errors'
import { registerSecurity } from './security'
import { installGuard } from './guard'
import { installIdempotency } from './idempotency'
import { createLogger, lazyChildLoggerFactory, writeAccessLine } from './logger'
import type { App, Services } from './context'
import { notFoundHandler, registerPwa } from './static'

export type { App } from './context'

export interface BuildOptions {
  /** Where logs go (tests capture them); default stdout. */
  logStream?: DestinationStream
  /** The clock of every time-based rule (tests inject one); default the system clock. */
  clock?: () => Date
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/

/**
 * One access line per request, written when it completes, instead of Fastify's two ("incoming
 * request" and "request completed"): per-request logging was the biggest share of a guide read's
 * server time (bench/server.bench.ts, issue 9). The `req`/`res` serializers (logger.ts) keep method,
 * scrubbed URL, route, host, address and status; never headers. Fastify's other lines (errors,
 * 404s) are unchanged.
 */
class AccessLog extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const responseTime = Math.round(reply.elapsedTime * 100) / 100
    // Most requests log nothing else: their line is written without making a child logger.
    if (!error && writeAccessLine(reply.log, request, reply.statusCode, responseTime)) return
    const line = { req: request, res: reply, responseTime }
    if (error) reply.log.error({ ...line, err: error }, 'request errored')
    else reply.log.info(line, 'request completed')
  }
}

export function appVersion(): string {
  try {
    return String(JSON.parse(readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8')).version)
  } catch {
    return '0.0.0'
  }
}

export async function buildApp(config: Config, database: Database, options: BuildOptions = {}): Promise<App> {
  const app = Fastify({
    loggerInstance: createLogger(config.logLevel, options.logStream) as FastifyBaseLogger,
    bodyLimit: config.bodyLimit,
    // Keep a caller's request id (from a gateway) when it looks like one, so logs line up.
    genReqId: (req) => {
      const given = req.headers['x-request-id']
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID()
    },
    logController: new AccessLog(),
    // Request loggers are made on first use (logger.ts LazyRequestLogger).
    childLoggerFactory: lazyChildLoggerFactory as unknown as NonNullable<FastifyServerOptions['childLoggerFactory']>,
    // Let in-flight requests finish on close; idle keep-alive sockets are closed at once.
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    // X-Forwarded-* is believed only from the named proxies (TRUST_PROXY); TRUST_TLS_PROXY=1
    // alone (a TLS proxy in front, address not named) keeps the older, broader trust.
    trustProxy: config.trustProxy ?? config.trustTlsProxy,
  }).withTypeProvider<TypeBoxTypeProvider>()

  // Bodies are validated exactly as sent (no coercion, nothing silently removed); query strings
  // and path/header values arrive as text, so only those are coerced.
  const ajv = AjvCompiler()
  const base = { removeAdditional: false, useDefaults: true, allErrors: false }
  const strict = ajv({}, { customOptions: { ...base, coerceTypes: false } })
  const coercing = ajv({}, { customOptions: { ...base, coerceTypes: 'array' } })
  app.setValidatorCompiler((req) => (req.httpPart === 'body' ? strict(req) : coercing(req)))

  app.setErrorHandler(errorHandler(config.bodyLimit))
  await registerSecurity(app, config)

  // Request id, nosniff and the API's no-store come from registerSecurity's one onSend hook.

  const crypto = createFieldCrypto(config.idEncryptionKey)
  // Outside production the clock can be moved (POST /api/dev/clock) so browser tests can reach a
  // check-in window or a deadline on the running stand-in; production reads the given clock as is.
  const givenClock = options.clock ?? (() => new Date())
  // DEV_CLOCK_AT (never in production): the clock starts at a chosen instant and runs on from
  // there, so tests and demos behave the same whatever the hour; dev-clock offsets move from it.
  const baseClock = config.devClockAt !== undefined && config.nodeEnv !== 'production' ? runningFrom(config.devClockAt, givenClock) : givenClock
  const devClock = config.nodeEnv === 'production' ? undefined : createDevClock(baseClock)
  const services: Services = {
    config,
    database,
    crypto,
    codes: createSignedCodes(database.db, crypto, { demo: config.demo }),
    version: appVersion(),
    startedAt: Date.now(),
    now: devClock?.now ?? baseClock,
  }

  // Tests and scripts reach the code signer through the instance (routes get it from Services).
  app.decorate('codes', services.codes)

  // Before swagger and every route: the bounds it adds show in the OpenAPI document.
  installGuard(app)

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: '指尖办 platform API (stand-in)',
        version: API_VERSION,
        description:
          'Every non-2xx answer has the ErrorBody shape. Every POST needs an `Idempotency-Key` header (UUID); a retry with the same key replays the first answer (header `Idempotent-Replayed: true`), the same key with a different body gets 422.',
      },
      tags: [
        { name: 'system', description: 'Health and platform facts' },
        { name: 'regions', description: 'Administrative divisions (GB/T 2260)' },
        { name: 'feedback', description: '意见反馈' },
        { name: 'signing', description: 'Keys that verify signed QR codes' },
      ],
    },
  })
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true })

  await app.register(import('./observability'), { services })
  installIdempotency(app, database.db)
  // Identity first: its auth hook and request.citizen / request.staff are app-wide (fastify-plugin),
  // so every route registered after it, in any plugin, has its `config.auth` / `level` enforced.
  await app.register(import('./identity/plugin'), { services })
  await app.register(import('./identity/routes'), { services })
  await app.register(import('./acting/routes'), { services })
  await app.register(import('./staff/routes'), { services })
  if (devClock) await app.register(import('./dev/routes'), { services, clock: devClock })
  await app.register(import('./system/routes'), { services })
  await app.register(import('./regions/routes'), { services })
  await app.register(import('./feedback/routes'), { services })
  await app.register(import('./booking/routes'), { services })
  await app.register(import('./signing/routes'), { services })
  ;(await import('./records/routes')).recordsRoutes(app, services)
  await app.register(import('./wallet/routes'), { services })
  await app.register(import('./notify/routes'), { services })
  await app.register(import('./cases/routes'), { services })
  await app.register(import('./casework/routes'), { services })
  await app.register(import('./catalog/routes'), { now: services.now })
  await app.register(import('./jobs/plugin'), { services })

  const pwaServed = await registerPwa(app, config.staticDir)
  app.setNotFoundHandler(notFoundHandler(pwaServed))
  return app
}
