export { createApi, apiBase, type Api } from './api'
export {
  ApiError,
  createRequest,
  uuidV4,
  userMessage,
  type ApiErrorKind,
  type CallOptions,
  type Request,
  type RequestOptions,
  type SessionLike,
} from './request'
export type { MetaApi } from './meta'
export type { RegionsApi } from './regions'
export type { FeedbackApi } from './feedback'
export { levelStep, type LevelStep } from './level'
