// Appointment booking (预约), the in-app inbox and the Postgres-backed job queue. Capacity and the
// per-person rules live here as constraints: a slot's `booked` can never pass its capacity, one
// active booking per person per item (partial unique index), at most 3 active per person (quota
// row with a CHECK), so concurrent requests cannot break them whatever the code does.
import { sql } from 'drizzle-orm'
import { bigserial, check, date, index, integer, jsonb, pgTable, pgView, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { BOOKING_STATUSES } from '../../../src/domain/contract/booking'
import { MAX_ACTIVE_BOOKINGS } from '../../../src/domain/booking/rules'
import { at, inList } from './columns'
import { accounts } from './schema'


/** One 30-minute slot of a hall, created on first booking; `booked` counts active + attended. */
export const bookingSlots = pgTable(
  'booking_slots',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    hallId: text('hall_id').notNull(),
    /** China calendar day. */
    day: date('day', { mode: 'string' }).notNull(),
    startsAt: at('starts_at').notNull(),
    endsAt: at('ends_at').notNull(),
    capacity: integer('capacity').notNull(),
    booked: integer('booked').notNull().default(0),
  },
  (t) => [
    uniqueIndex('booking_slots_hall_start_key').on(t.hallId, t.startsAt),
    index('booking_slots_hall_day_idx').on(t.hallId, t.day),
    check('booking_slots_booked_check', sql`booked >= 0 and booked <= capacity`),
  ],
)

export const bookings = pgTable(
  'bookings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    itemCode: text('item_code').notNull(),
    hallId: text('hall_id').notNull(),
    slotId: uuid('slot_id')
      .notNull()
      .references(() => bookingSlots.id),
    startsAt: at('starts_at').notNull(),
    endsAt: at('ends_at').notNull(),
    status: text('status', { enum: BOOKING_STATUSES }).notNull().default('active'),
    createdAt: at('created_at').notNull(),
    cancelledAt: at('cancelled_at'),
    checkedInAt: at('checked_in_at'),
    checkedInBy: uuid('checked_in_by'),
    queueNumber: text('queue_number'),
    noShowAt: at('no_show_at'),
  },
  (t) => [
    check('bookings_status_check', inList('status', BOOKING_STATUSES)),
    uniqueIndex('bookings_one_active_per_item').on(t.accountId, t.itemCode).where(sql`status = 'active'`),
    index('bookings_account_idx').on(t.accountId, t.startsAt),
    index('bookings_slot_idx').on(t.slotId),
    index('bookings_hall_start_idx').on(t.hallId, t.startsAt),
    index('bookings_due_idx').on(t.endsAt).where(sql`status = 'active'`),
  ],
)

/** Active bookings per person; the CHECK is the "at most 3" rule. */
export const bookingQuotas = pgTable(
  'booking_quotas',
  {
    accountId: uuid('account_id')
      .primaryKey()
      .references(() => accounts.id),
    active: integer('active').notNull().default(0),
  },
  () => [check('booking_quotas_active_check', sql.raw(`active >= 0 and active <= ${MAX_ACTIVE_BOOKINGS}`))],
)

/** Booking refused until `until` (3 no-shows in 90 days). */
export const bookingBlocks = pgTable('booking_blocks', {
  accountId: uuid('account_id')
    .primaryKey()
    .references(() => accounts.id),
  until: at('until').notNull(),
  reason: text('reason').notNull(),
})

/** Queue numbers per hall and day (A001, A002 …). */
export const bookingQueue = pgTable(
  'booking_queue',
  {
    hallId: text('hall_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    last: integer('last').notNull().default(0),
  },
  (t) => [primaryKey({ name: 'booking_queue_pkey', columns: [t.hallId, t.day] })],
)

/** The in-app inbox (消息). */
export const inboxMessages = pgTable(
  'inbox_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    /** An app route to open (e.g. /packages/booking/pages/detail?id=…). */
    link: text('link'),
    createdAt: at('created_at').notNull(),
    readAt: at('read_at'),
    /** Write order: the tiebreaker for messages of one instant (one transaction), newest first. */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
  },
  (t) => [index('inbox_account_idx').on(t.accountId, t.createdAt, t.seq), index('inbox_unread_idx').on(t.accountId).where(sql`read_at is null`)],
)

export const SUBSCRIBE_CHANNELS = ['weapp', 'alipay'] as const

/**
 * One-time subscribe-message grants: each tap that accepts a template in
 * wx.requestSubscribeMessage / my.requestSubscribeMessage allows exactly one message.
 */
export const subscribeGrants = pgTable(
  'subscribe_grants',
  {
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    channel: text('channel', { enum: SUBSCRIBE_CHANNELS }).notNull(),
    template: text('template').notNull(),
    remaining: integer('remaining').notNull().default(0),
  },
  (t) => [
    primaryKey({ name: 'subscribe_grants_pkey', columns: [t.accountId, t.channel, t.template] }),
    check('subscribe_grants_channel_check', inList('channel', SUBSCRIBE_CHANNELS)),
    check('subscribe_grants_remaining_check', sql`remaining >= 0`),
  ],
)

export const JOB_STATES = ['created', 'active', 'completed', 'cancelled', 'failed'] as const

/**
 * The job queue as the app reads it: a view over pg-boss's `pgboss.job` (mock/src/jobs/queue.ts
 * creates it after pg-boss's own schema, so drizzle-kit leaves it alone). `created` covers
 * pg-boss's `created` and `retry` (waiting either way); `attempts` counts runs started.
 */
export const jobs = pgView('jobs', {
  id: uuid('id').notNull(),
  name: text('name').notNull(),
  data: jsonb('data'),
  runAt: at('run_at').notNull(),
  singletonKey: text('singleton_key'),
  state: text('state', { enum: JOB_STATES }).notNull(),
  attempts: integer('attempts').notNull(),
  lastError: text('last_error'),
  createdAt: at('created_at').notNull(),
  completedAt: at('completed_at'),
}).existing()
