// 就近办: service halls, nearest first when the user shares a location, else by district, each
// with today's hours and whether it is open (official holiday calendar, see domain/catalog/hours).
import { haversineMeters } from '../../../src/domain/catalog/search'
import { hoursAt } from '../../../src/domain/catalog/hours'
import type { CalendarOverrides } from '../../../src/domain/cases/workdays'
import type { Hall, HallLevel } from '../../../src/domain/catalog/types'
import { CITY } from '../../../src/domain/regions'
import { CodeParams, HallDetailResponse, HallQuery, HallsQuery, HallsResponse, type HallSummary } from '../../../src/domain/contract/catalog'
import { calendarOverrides } from '../cases/calendar'
import { catalogError } from './http'
import type { CatalogState } from './state'
import { errorResponses, type App } from '../context'

const LEVEL_ORDER: Record<HallLevel, number> = { city: 0, district: 1, street: 2, village: 3 }
const DISTRICT_ORDER = new Map(CITY.districts.map((d, i) => [d.code, i]))

export function hallSummary(st: CatalogState, hall: Hall, at: Date, calendar: CalendarOverrides, from?: { lat: number; lng: number }): HallSummary {
  const today = hoursAt(hall.hours, at, calendar)
  const summary: HallSummary = {
    code: hall.id,
    name: hall.name,
    level: hall.level,
    district: hall.district,
    districtName: st.districtNames.get(hall.district) ?? hall.district,
    address: hall.address,
    phone: hall.phone,
    location: hall.location,
    windows: hall.windows,
    itemCount: hall.items.length,
    today,
  }
  if (from) summary.distanceMeters = Math.round(haversineMeters(from, hall.location))
  return summary
}

function byDistrictThenLevel(a: HallSummary, b: HallSummary): number {
  return (
    (DISTRICT_ORDER.get(a.district) ?? 99) - (DISTRICT_ORDER.get(b.district) ?? 99) ||
    LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] ||
    a.code.localeCompare(b.code)
  )
}

export function hallRoutes(app: App, st: CatalogState, now: () => Date): void {
  app.get(
    '/api/halls',
    {
      // The query carries the user's location, which is personal data: keep this route's access
      // lines (info) out of the logs; failures (warn and up) are still logged.
      logLevel: 'warn',
      schema: {
        tags: ['halls'],
        summary: 'Service halls: by distance with lat/lng, else grouped by district; with today’s hours and open-now',
        querystring: HallsQuery,
        response: { 200: HallsResponse, ...errorResponses(400) },
      },
    },
    async (request) => {
      const { lat, lng, district, item } = request.query
      if ((lat === undefined) !== (lng === undefined)) throw catalogError(400, 'LOCATION_INCOMPLETE', lat === undefined ? 'lat' : 'lng')
      if (district !== undefined && !st.districtNames.has(district)) throw catalogError(400, 'UNKNOWN_DISTRICT', 'district')
      if (item !== undefined && !st.items.has(item)) throw catalogError(400, 'UNKNOWN_ITEM_FILTER', 'item')
      const at = request.query.at ? new Date(request.query.at) : now()
      const from = lat !== undefined && lng !== undefined ? { lat, lng } : undefined
      const calendar = await calendarOverrides(request.db)

      const halls = st.catalog.halls
        .filter((h) => (district === undefined || h.district === district) && (item === undefined || st.hallItems.get(h.id)?.has(item)))
        .map((h) => hallSummary(st, h, at, calendar, from))

      // The answer depends on the caller's location and the time: the app's default no-store stands.
      if (from) {
        halls.sort((a, b) => (a.distanceMeters ?? 0) - (b.distanceMeters ?? 0) || a.code.localeCompare(b.code))
        return { at: at.toISOString(), sort: 'distance' as const, halls, groups: [] }
      }
      halls.sort(byDistrictThenLevel)
      const groups: Array<{ district: string; name: string; hallCodes: string[] }> = []
      for (const h of halls) {
        const last = groups[groups.length - 1]
        if (last && last.district === h.district) last.hallCodes.push(h.code)
        else groups.push({ district: h.district, name: h.districtName, hallCodes: [h.code] })
      }
      return { at: at.toISOString(), sort: 'district' as const, halls, groups }
    },
  )

  app.get(
    '/api/halls/:code',
    {
      schema: {
        tags: ['halls'],
        summary: 'One hall with its weekly hours, today’s hours and the items it serves in person',
        params: CodeParams,
        querystring: HallQuery,
        response: { 200: HallDetailResponse, ...errorResponses(400, 404) },
      },
    },
    async (request, reply) => {
      const hall = st.halls.get(request.params.code)
      if (!hall) throw catalogError(404, 'HALL_NOT_FOUND', 'code')
      const at = request.query.at ? new Date(request.query.at) : now()
      const items = hall.items
        .map((code) => st.summaries.get(code))
        .filter((s) => s !== undefined)
        .sort((a, b) => b.popularity - a.popularity || a.code.localeCompare(b.code))
      // Open-now changes by the minute; a short shared cache is enough for a public page.
      reply.header('cache-control', 'public, max-age=60')
      return { at: at.toISOString(), hall: { ...hallSummary(st, hall, at, await calendarOverrides(request.db)), hours: hall.hours }, items }
    },
  )
}
