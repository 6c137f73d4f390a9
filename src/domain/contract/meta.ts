import { Type, type Static } from '@sinclair/typebox'

/** GET /api/meta — what the app shows about the platform it talks to. */
export const MetaResponse = Type.Object(
  {
    appName: Type.String(),
    city: Type.Object({ code: Type.String({ pattern: '^\\d{6}$' }), name: Type.String() }),
    appVersion: Type.String(),
    apiVersion: Type.String(),
    serverTime: Type.String({ format: 'date-time' }),
    /** DEMO=1: a demonstration; the app shows 演示环境 on every page. */
    demo: Type.Optional(Type.Boolean()),
  },
  { title: 'Meta' },
)
export type MetaResponse = Static<typeof MetaResponse>

/** GET /api/health */
export const HealthResponse = Type.Object(
  {
    status: Type.Literal('ok'),
    version: Type.String(),
    uptimeSeconds: Type.Number(),
    database: Type.Object({
      kind: Type.Union([Type.Literal('pglite'), Type.Literal('memory'), Type.Literal('postgres')]),
      status: Type.Literal('ok'),
      latencyMs: Type.Number(),
    }),
  },
  { title: 'Health' },
)
export type HealthResponse = Static<typeof HealthResponse>
