// The official calendar beyond what chinese-days knows: an operator (admin) loads a year's
// published schedule — holidays and 调休 working days — and every due date then uses it instead of
// the statutory fallback. Read from the database on each computation (a few rows), so every
// instance agrees at once; loading a year recomputes the open cases whose due date was provisional.
import { and, asc, eq, inArray, isNotNull } from 'drizzle-orm'
import { chinaDate, dueDate, type CalendarOverrides, type Pause } from '../../../src/domain/cases/workdays'
import { CalendarYearBody, CalendarYearParams, CalendarYearsResponse } from '../../../src/domain/contract/cases'
import { format } from '../../../src/domain/messages'
import { api } from '../../../src/domain/messages/zh-CN/api'
import type { DbOrTx } from '../db/client'
import { calendarYears, cases } from '../db/schema'
import { ApiError } from '../errors'
import { errorResponses, type App, type Services } from '../routes/context'

export async function calendarOverrides(db: DbOrTx): Promise<CalendarOverrides> {
  const rows = await db.select().from(calendarYears).orderBy(asc(calendarYears.year))
  if (rows.length === 0) return {}
  return { years: rows.map((r) => r.year), holidays: rows.flatMap((r) => r.holidays), workdays: rows.flatMap((r) => r.workdays) }
}

/** The pauses with the open one closed at `today` (for a due date shown while it is open). */
export function recompute(row: Pick<typeof cases.$inferSelect, 'acceptedOn' | 'promisedDays' | 'pauses'>, today: string, calendar: CalendarOverrides = {}): { dueOn: string | null; provisional: boolean } {
  if (!row.acceptedOn) return { dueOn: null, provisional: false }
  const d = dueDate(row.acceptedOn, row.promisedDays, row.pauses as Pause[], calendar, today)
  return { dueOn: d.due, provisional: d.provisional }
}

/** States whose time limit still runs (or is paused): their due date may change. */
const OPEN = ['accepted', 'supplement_requested', 'supplemented', 'under_review'] as const

function check(year: number, b: CalendarYearBody): void {
  const bad = (code: 'CALENDAR_DATE_OUTSIDE_YEAR' | 'CALENDAR_DATE_TWICE' | 'CALENDAR_WORKDAY_NOT_WEEKEND', date: string, field: string) =>
    new ApiError(400, code, format(api.errors[code], { date, year }), field)
  for (const [field, list] of [['holidays', b.holidays], ['workdays', b.workdays]] as const) {
    for (const d of list) {
      const t = new Date(`${d}T00:00:00Z`)
      if (Number.isNaN(t.getTime()) || t.toISOString().slice(0, 10) !== d || t.getUTCFullYear() !== year) throw bad('CALENDAR_DATE_OUTSIDE_YEAR', d, field)
      if (field === 'workdays' && t.getUTCDay() !== 0 && t.getUTCDay() !== 6) throw bad('CALENDAR_WORKDAY_NOT_WEEKEND', d, field)
    }
  }
  const twice = b.workdays.find((d) => b.holidays.includes(d))
  if (twice) throw bad('CALENDAR_DATE_TWICE', twice, 'workdays')
}

const view = (r: typeof calendarYears.$inferSelect) => ({ year: r.year, holidays: r.holidays, workdays: r.workdays, source: r.source, loadedAt: new Date(r.loadedAt).toISOString() })

export function calendarRoutes(app: App, s: Services): void {
  const tags = ['cases']
  app.get(
    '/api/staff/calendar',
    { config: { auth: 'staff', roles: ['window', 'approver', 'admin'] }, schema: { tags, summary: 'Official holiday schedules loaded by operators', response: { 200: CalendarYearsResponse } } },
    async (request) => ({ items: (await request.db.select().from(calendarYears).orderBy(asc(calendarYears.year))).map(view) }),
  )

  app.put(
    '/api/staff/calendar/:year',
    {
      config: { auth: 'staff', roles: ['admin'] },
      schema: { tags, summary: 'Load (or replace) the published holiday schedule of a year (admin)', params: CalendarYearParams, body: CalendarYearBody, response: { 200: CalendarYearsResponse, ...errorResponses(400, 401, 403) } },
    },
    async (request) => {
      const db = request.db
      const year = request.params.year
      const b = request.body
      check(year, b)
      const now = s.now()
      const row = { year, holidays: [...new Set(b.holidays)].sort(), workdays: [...new Set(b.workdays)].sort(), source: b.source.trim(), loadedAt: now, loadedBy: request.staff?.staffId ?? null }
      await db.insert(calendarYears).values(row).onConflictDoUpdate({ target: calendarYears.year, set: { holidays: row.holidays, workdays: row.workdays, source: row.source, loadedAt: now, loadedBy: row.loadedBy } })
      // Open cases whose due date leaned on the fallback get the published calendar now.
      const overrides = await calendarOverrides(db)
      const today = chinaDate(now)
      const open = await db
        .select()
        .from(cases)
        .where(and(eq(cases.dueProvisional, true), isNotNull(cases.acceptedOn), inArray(cases.state, [...OPEN])))
      for (const c of open) {
        const d = recompute(c, today, overrides)
        await db.update(cases).set({ dueOn: d.dueOn, dueProvisional: d.provisional }).where(eq(cases.id, c.id))
      }
      return { items: (await db.select().from(calendarYears).orderBy(asc(calendarYears.year))).map(view), recomputed: open.length }
    },
  )
}
