import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { TSchema } from '@sinclair/typebox'
import { ErrorBody } from '../../src/domain/contract'
import type { Config } from './config'
import type { FieldCrypto } from './crypto'
import type { Database } from './db/client'
import type { SignedCodes } from './signing'

export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, TypeBoxTypeProvider>

/** What route modules need; passed explicitly rather than hung on the instance. */
export interface Services {
  config: Config
  database: Database
  crypto: FieldCrypto
  version: string
  startedAt: number
  /** The clock every time-based rule reads (tests inject one). */
  now: () => Date
  /** Signs and verifies every QR code the platform issues (mock/src/signing). */
  codes: SignedCodes
}

/** OpenAPI responses for the error statuses a route can answer with. */
export function errorResponses(...statuses: number[]): Record<number, TSchema> {
  const out: Record<number, TSchema> = {}
  for (const s of statuses) out[s] = ErrorBody
  return out
}
