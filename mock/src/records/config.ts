// Records settings: where the 社保 (人社), 公积金 (公积金中心) and 不动产 (不动产登记) answers come
// from. `stand-in` reads the seeded tables (seeded.ts); `http` asks a records gateway speaking
// docs/records-protocol.md (http.ts). Production refuses the stand-in (production.ts).
import { Type } from '@sinclair/typebox'
import { format } from '../../../src/domain/messages'
import { api } from '../../../src/domain/messages/zh-CN/api'

export const RecordsConfigProps = {
  RECORDS_PROVIDER: Type.Union([Type.Literal('stand-in'), Type.Literal('http')], {
    default: 'stand-in',
    description:
      '`stand-in`: the seeded 社保 / 公积金 / 不动产 tables (empty in production); `http`: the records gateway at `RECORDS_URL`, speaking docs/records-protocol.md.',
  }),
  RECORDS_URL: Type.Optional(
    Type.String({ description: 'Base URL of the records gateway (人社, 公积金中心, 不动产登记). Must be `https://` (plain `http://` only to a loopback address, for local fakes).' }),
  ),
  RECORDS_TOKEN: Type.Optional(Type.String({ description: 'Bearer credential for the records gateway.' })),
  RECORDS_TIMEOUT_MS: Type.Integer({
    minimum: 500,
    maximum: 60000,
    default: 8000,
    description: 'How long one records query may take before the person gets 记录查询服务暂不可用 (503).',
  }),
}

export type RecordsConfig = { provider: 'stand-in' } | { provider: 'http'; url: string; token: string; timeoutMs: number }

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]'])

/** Builds the records part of the config; problems are returned as operator-readable lines. */
export function recordsConfig(values: Record<string, unknown>): { config?: RecordsConfig; errors: string[] } {
  if (values.RECORDS_PROVIDER !== 'http') return { config: { provider: 'stand-in' }, errors: [] }
  const errors: string[] = []
  for (const name of ['RECORDS_URL', 'RECORDS_TOKEN']) if (!values[name]) errors.push(format(api.config.requiredFor, { name, when: 'RECORDS_PROVIDER=http' }))
  const url = values.RECORDS_URL as string | undefined
  if (url) {
    let u: URL | undefined
    try {
      u = new URL(url)
    } catch {
      u = undefined
    }
    // ID numbers travel in the request body: only over TLS (a local fake on loopback excepted).
    if (!u || !(u.protocol === 'https:' || (u.protocol === 'http:' && LOOPBACK.has(u.hostname)))) {
      errors.push(format(api.config.httpsRequired, { name: 'RECORDS_URL', value: url.length > 60 ? `${url.slice(0, 57)}...` : url }))
    }
  }
  if (errors.length > 0) return { errors }
  return { errors, config: { provider: 'http', url: url!.replace(/\/+$/, ''), token: values.RECORDS_TOKEN as string, timeoutMs: values.RECORDS_TIMEOUT_MS as number } }
}
