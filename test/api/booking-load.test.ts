// Capacity under load: 1,000 concurrent booking attempts from 1,000 people at one slot of 100
// places give exactly 100 bookings, nobody twice; the same person firing many attempts at once
// gets one. Each attempt is the booking route's transaction (book() inside db.transaction, as
// the idempotency layer runs it). On PostgreSQL (pool of 10) the attempts really overlap; on
// PGlite they run one after another and must give the same answer.
import { randomUUID } from 'node:crypto'
import { and, eq, sql } from 'drizzle-orm'
import { drizzle } from 'drizzle-orm/node-postgres'
import pg from 'pg'
import type { Db } from '../../mock/src/db/client'
import * as schema from '../../mock/src/db/schema'
import { book, reschedule } from '../../mock/src/booking/service'
import { accounts, bookingQuotas, bookingSlots, bookings } from '../../mock/src/db/schema'
import { ApiError } from '../../mock/src/errors'
import { forEachDatabase, type TestEnv } from './harness'
import { HALL, ITEMS, MIN, MONDAY_0900, cn } from './booking-support'

const now = new Date(MONDAY_0900)

async function makeAccounts(env: TestEnv, n: number): Promise<string[]> {
  const ids = Array.from({ length: n }, () => randomUUID())
  for (let i = 0; i < n; i += 250) {
    await env.database.db.insert(accounts).values(ids.slice(i, i + 250).map((id) => ({ id, createdAt: now })))
  }
  return ids
}

/**
 * The suite's own pool on PostgreSQL: 1,000 attempts queue for 10 connections, and on a busy
 * 2-core machine the last one may wait longer than the server pool's 5-second connect timeout
 * (a deployment setting, not what this test is about).
 */
let loadDb: { db: Db; close: () => Promise<void> } | undefined
function dbOf(env: TestEnv): Db {
  if (env.name !== 'postgres') return env.database.db
  if (!loadDb) {
    const pool = new pg.Pool({ connectionString: env.url, max: 10, connectionTimeoutMillis: 120_000 })
    pool.on('error', () => undefined) // the harness drops the database when the suite ends
    loadDb = { db: drizzle(pool, { schema }) as unknown as Db, close: () => pool.end() }
  }
  return loadDb.db
}

async function attempt(env: TestEnv, accountId: string, itemCode: string, startsAt: string): Promise<string> {
  try {
    await dbOf(env).transaction((tx) => book(tx, { accountId, itemCode, hallId: HALL, startsAt: new Date(startsAt) }, now))
    return 'ok'
  } catch (e) {
    if (e instanceof ApiError) return e.code
    throw e
  }
}

forEachDatabase('booking under load', (getEnv) => {
  afterAll(async () => {
    await loadDb?.close()
    loadDb = undefined
  })

  it('1,000 people at 100 places: exactly 100 bookings, nobody twice', async () => {
    const env = getEnv()
    const startsAt = cn('2026-11-24T10:00')
    await env.database.db.insert(bookingSlots).values({ hallId: HALL, day: '2026-11-24', startsAt: new Date(startsAt), endsAt: new Date(Date.parse(startsAt) + 30 * MIN), capacity: 100 })
    const people = await makeAccounts(env, 1000)
    const results = await Promise.all(people.map((id) => attempt(env, id, ITEMS[0], startsAt)))
    const tally = results.reduce<Record<string, number>>((acc, r) => ({ ...acc, [r]: (acc[r] ?? 0) + 1 }), {})
    expect(tally).toEqual({ ok: 100, BOOKING_SLOT_FULL: 900 })
    const rows = await env.database.db.select().from(bookings).where(eq(bookings.startsAt, new Date(startsAt)))
    expect(rows).toHaveLength(100)
    expect(new Set(rows.map((r) => r.accountId)).size).toBe(100)
    const [slot] = await env.database.db.select().from(bookingSlots).where(and(eq(bookingSlots.hallId, HALL), eq(bookingSlots.startsAt, new Date(startsAt))))
    expect(slot.booked).toBe(100)
    // Quotas of the 900 refused were rolled back with their transactions.
    const [{ n }] = await env.database.db.select({ n: sql<number>`coalesce(sum(${bookingQuotas.active}), 0)::int` }).from(bookingQuotas)
    expect(Number(n)).toBe(100)
  }, 120_000)

  it('one person firing 20 attempts at once for the same item gets exactly one', async () => {
    const env = getEnv()
    const [me] = await makeAccounts(env, 1)
    const slots = ['09:00', '09:30', '10:30', '11:00', '11:30', '13:30', '14:00', '14:30', '15:00', '15:30']
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => attempt(env, me, ITEMS[1], cn(`2026-11-25T${slots[i % slots.length]}`))))
    expect(results.filter((r) => r === 'ok')).toHaveLength(1)
    expect(new Set(results.filter((r) => r !== 'ok'))).toEqual(new Set(['BOOKING_DUPLICATE']))
    const rows = await env.database.db.select().from(bookings).where(eq(bookings.accountId, me))
    expect(rows).toHaveLength(1)
  }, 60_000)

  it('one person firing 10 attempts at once for 5 different items gets at most 3', async () => {
    const env = getEnv()
    const [me] = await makeAccounts(env, 1)
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => attempt(env, me, ITEMS[i % 5], cn('2026-11-26T09:00'))))
    expect(results.filter((r) => r === 'ok')).toHaveLength(3)
    const rows = await env.database.db.select().from(bookings).where(and(eq(bookings.accountId, me), eq(bookings.status, 'active')))
    expect(rows).toHaveLength(3)
    expect(new Set(rows.map((r) => r.itemCode)).size).toBe(3)
  }, 60_000)

  it('people swapping slots at the same moment all move, no deadlock, counts unchanged', async () => {
    const env = getEnv()
    const db = dbOf(env)
    const people = await makeAccounts(env, 40)
    const [s1, s2] = [cn('2026-11-27T09:00'), cn('2026-11-27T09:30')]
    const ids: string[] = []
    for (const [i, p] of people.entries()) {
      const row = await db.transaction((tx) => book(tx, { accountId: p, itemCode: ITEMS[2], hallId: HALL, startsAt: new Date(i % 2 ? s2 : s1) }, now))
      ids.push(row.id)
    }
    const results = await Promise.all(
      people.map((p, i) =>
        db
          .transaction((tx) => reschedule(tx, ids[i], p, { startsAt: new Date(i % 2 ? s1 : s2) }, now))
          .then(
            () => 'ok',
            (e) => (e instanceof ApiError ? e.code : String(e)),
          ),
      ),
    )
    expect(results.every((r) => r === 'ok')).toBe(true)
    const slots = await env.database.db.select().from(bookingSlots).where(eq(bookingSlots.hallId, HALL))
    expect(slots.filter((x) => [s1, s2].includes(x.startsAt.toISOString())).map((x) => x.booked)).toEqual([20, 20])
  }, 60_000)
})
