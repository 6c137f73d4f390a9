// The job worker as a Fastify plugin of its own: on ready it queues today's housekeeping and
// starts polling the shared queue (pg-boss, ./queue.ts) at the app clock; on close it stops
// fetching, lets the running job finish, and only then does the caller close the pool. Tests
// (NODE_ENV=test) run the queue themselves with an injected clock (workDue), so no worker there.
import fp from 'fastify-plugin'
import * as booking from '../booking/service'
import { HOUSEKEEPING_JOB, housekeepingJob, scheduleHousekeeping } from '../housekeeping'
import { PUSH_JOB, pushJob } from '../notify'
import type { App, Services } from '../context'
import { startWorker, type Handlers } from './queue'

/** Every job the app schedules, by queue name. */
export function jobHandlers(s: Services): Handlers {
  return {
    [booking.JOB_NO_SHOW]: booking.markNoShow,
    [booking.JOB_REMIND]: booking.remind,
    [HOUSEKEEPING_JOB]: housekeepingJob,
    [PUSH_JOB]: pushJob(s),
  }
}

export interface JobsPluginOptions {
  services: Services
  /** Poll interval; a round takes up to 100 due jobs. */
  intervalMs?: number
}

async function jobsPlugin(app: App, { services: s, intervalMs = 15_000 }: JobsPluginOptions): Promise<void> {
  if (s.config.nodeEnv === 'test') return
  let stop: (() => Promise<void>) | undefined
  app.addHook('onReady', async () => {
    await scheduleHousekeeping(s.database.db, s.now())
    stop = startWorker(s.database.db, jobHandlers(s), s.now, intervalMs, (e) => app.log.error({ err: e }, 'job worker'))
  })
  app.addHook('onClose', async () => {
    await stop?.()
  })
}

export default fp(jobsPlugin, { name: 'jobs', fastify: '5.x' })
