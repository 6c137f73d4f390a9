import type { CreateFeedbackBody, CreateFeedbackResponse } from '../domain/contract'
import type { Request } from './request'

export interface FeedbackApi {
  /** Pass the same idempotencyKey when the user retries the same submission. */
  submit(body: CreateFeedbackBody, opts?: { idempotencyKey?: string }): Promise<CreateFeedbackResponse>
}

export function createFeedbackApi(request: Request): FeedbackApi {
  return {
    submit: (body, opts) =>
      request.post<CreateFeedbackResponse>('/api/feedback', body, { idempotencyKey: opts?.idempotencyKey }),
  }
}
