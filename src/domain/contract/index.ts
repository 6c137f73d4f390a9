// The API contract: TypeBox schemas used by the server for validation and OpenAPI, and by the
// app for its types only (`import type { MetaResponse } from '@/domain/contract'`).
export * from './common'
export * from './meta'
export * from './regions'
export * from './feedback'

export const API_VERSION = '1.0.0'
export * from './identity'
export * from './signing'
export * from './booking'
export * from './records'
export * from './wallet'
export * from './cases'
export * from './known'
