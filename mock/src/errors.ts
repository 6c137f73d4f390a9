// One error shape for every non-2xx API answer (see ErrorBody in the contract), with Chinese
// messages from the catalogue. Client mistakes are 4xx and logged at info without their payload;
// anything unexpected is a 500 with a generic message and the request id, logged as an error.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import type { ErrorBody } from '../../src/domain/contract'
import { format } from '../../src/domain/messages'
import { api } from '../../src/domain/messages/zh-CN/api'

export type ErrorCode = keyof typeof api.errors

export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message?: string,
    readonly field?: string,
    /** Extra ErrorBody fields (lockedUntil, retryAfterSeconds, requiredLevel). */
    readonly details?: Pick<ErrorBody, 'lockedUntil' | 'retryAfterSeconds' | 'requiredLevel' | 'reauth' | 'suggestedDisclosure'>,
  ) {
    super(message ?? api.errors[code])
    this.name = 'ApiError'
  }
}

export function fieldLabel(field: string): string {
  return api.fieldLabels[field] ?? `“${field}”`
}

/** A 400 about one input field. */
export function fieldError(field: string, rule: keyof typeof api.validation, params: Record<string, string | number> = {}): ApiError {
  return new ApiError(400, 'VALIDATION', format(api.validation[rule], { field: fieldLabel(field), ...params }), field)
}

interface AjvError {
  keyword: string
  instancePath: string
  params: Record<string, unknown>
}

/** Turn the first schema-validation failure into a field and a message the user can act on. */
export function validationToApiError(errors: AjvError[], context: string | undefined): ApiError {
  const e = errors[0]
  if (!e) return new ApiError(400, 'VALIDATION')
  const path = e.instancePath.split('/').filter(Boolean).join('.')
  const join = (leaf: unknown) => [path, String(leaf)].filter(Boolean).join('.')
  let field = path
  let rule: keyof typeof api.validation = 'type'
  const params: Record<string, string | number> = {}
  switch (e.keyword) {
    case 'required':
      field = join(e.params.missingProperty)
      rule = 'required'
      break
    case 'additionalProperties':
      field = join(e.params.additionalProperty)
      rule = 'unknownField'
      break
    case 'minLength':
    case 'maxLength':
      rule = e.keyword
      params.limit = Number(e.params.limit)
      break
    case 'enum':
    case 'const':
    case 'anyOf':
      rule = 'choice'
      break
    case 'pattern':
    case 'format':
      rule = 'pattern'
      break
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
    case 'minItems':
    case 'maxItems':
      rule = 'range'
      break
    default:
      rule = 'type'
  }
  if (!field) {
    // The whole body/query is wrong (e.g. an array or a string instead of an object).
    return new ApiError(400, context === 'body' ? 'VALIDATION' : 'BAD_REQUEST')
  }
  // Unknown fields are named as sent: there is no label for something we do not know.
  const message = rule === 'unknownField' ? format(api.validation.unknownField, { field }) : format(api.validation[rule], { field: fieldLabel(field), ...params })
  return new ApiError(400, 'VALIDATION', message, field)
}

const FASTIFY_CODES: Record<string, { status: number; code: ErrorCode }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'INVALID_JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'EMPTY_BODY' },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'PAYLOAD_TOO_LARGE' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'BAD_REQUEST' },
  FST_ERR_BAD_URL: { status: 400, code: 'BAD_REQUEST' },
  FST_ERR_NOT_FOUND: { status: 404, code: 'NOT_FOUND' },
}

function formatBytes(n: number): string {
  return n >= 1048576 ? `${Math.round((n / 1048576) * 10) / 10} MB` : `${Math.round(n / 1024)} KB`
}

export function toErrorBody(err: FastifyError | ApiError | Error, requestId: string, bodyLimit: number): ErrorBody {
  if (err instanceof ApiError) {
    const body: ErrorBody = { statusCode: err.statusCode, code: err.code, message: err.message }
    if (err.field) body.field = err.field
    if (err.details) Object.assign(body, err.details)
    return body
  }
  const fe = err as FastifyError & { validation?: AjvError[]; validationContext?: string }
  if (Array.isArray(fe.validation)) return toErrorBody(validationToApiError(fe.validation, fe.validationContext), requestId, bodyLimit)
  const known = fe.code ? FASTIFY_CODES[fe.code] : undefined
  if (known) {
    return { statusCode: known.status, code: known.code, message: format(api.errors[known.code], { limit: formatBytes(bodyLimit) }) }
  }
  const status = typeof fe.statusCode === 'number' ? fe.statusCode : 500
  if (status >= 400 && status < 500) {
    // Some other client error raised by Fastify or a plugin (e.g. a malformed header).
    const code: ErrorCode = status === 404 ? 'NOT_FOUND' : status === 405 ? 'METHOD_NOT_ALLOWED' : status === 429 ? 'TOO_MANY_REQUESTS' : 'BAD_REQUEST'
    return { statusCode: status, code, message: api.errors[code] }
  }
  if (status === 503) return { statusCode: 503, code: 'SERVICE_UNAVAILABLE', message: api.errors.SERVICE_UNAVAILABLE }
  return { statusCode: 500, code: 'INTERNAL', message: format(api.errors.INTERNAL, { requestId }), requestId }
}

export function errorHandler(bodyLimit: number) {
  return function handle(err: FastifyError, request: FastifyRequest, reply: FastifyReply) {
    const body = toErrorBody(err, request.id, bodyLimit)
    if (body.statusCode >= 500) request.log.error({ err }, 'request failed')
    // Client mistakes: the code and field are enough; the payload may hold personal data.
    else request.log.info({ statusCode: body.statusCode, code: body.code, field: body.field }, 'request rejected')
    if (body.statusCode === 503) reply.header('retry-after', '5')
    return reply.status(body.statusCode).send(body)
  }
}
