// 意见反馈: thin handler over service.ts.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { CreateFeedbackBody, CreateFeedbackResponse } from '../../../src/domain/contract'
import { errorResponses, type Services } from '../context'
import { submitFeedback } from './service'

const feedbackRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services: s }) => {
  app.post(
    '/api/feedback',
    {
      schema: {
        tags: ['feedback'],
        summary: 'Submit feedback (意见反馈)',
        body: CreateFeedbackBody,
        response: { 201: CreateFeedbackResponse, ...errorResponses(400, 409, 413, 415, 422) },
      },
    },
    async (request, reply) => {
      const created = await submitFeedback(request.db, s, request.body)
      reply.code(201)
      return created
    },
  )
}
export default feedbackRoutes
