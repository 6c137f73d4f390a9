import { Type, type Static } from '@sinclair/typebox'

export const REGION_LEVELS = ['province', 'city', 'district'] as const
export const RegionLevel = Type.Union(REGION_LEVELS.map((l) => Type.Literal(l)))
export type RegionLevel = (typeof REGION_LEVELS)[number]

export const Region = Type.Object(
  {
    code: Type.String({ pattern: '^\\d{6}$' }),
    name: Type.String(),
    level: RegionLevel,
    parentCode: Type.Union([Type.String(), Type.Null()]),
    hasChildren: Type.Boolean(),
  },
  { title: 'Region' },
)
export type Region = Static<typeof Region>

/** GET /api/regions?parent=330200 — children of `parent`; without it, the provinces. */
export const RegionsQuery = Type.Object({
  parent: Type.Optional(Type.String({ pattern: '^\\d{6}$', description: '6-digit GB/T 2260 code.', examples: ['330200'] })),
})
export type RegionsQuery = Static<typeof RegionsQuery>

export const RegionsResponse = Type.Object(
  { parent: Type.Union([Region, Type.Null()]), items: Type.Array(Region) },
  { title: 'Regions' },
)
export type RegionsResponse = Static<typeof RegionsResponse>
