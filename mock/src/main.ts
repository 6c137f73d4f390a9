// Production entry (`npm run serve`): validate config, refuse stand-ins and published staff
// passwords in production, connect, migrate, listen, and shut down gracefully on SIGTERM/SIGINT.
// Never seeds. `start.ts` (the demo, `npm start`) adds the PWA build and seeds an empty database.
// Startup failures print one line on stderr and exit with 1 — no stack traces for an operator.
import net from 'node:net'
import { format } from '../../src/domain/messages'
import { api } from '../../src/domain/messages/zh-CN/api'
import { buildApp, type App } from './app'
import { describeDatabase, parseConfig, type Config } from './config'
import { createFieldCrypto } from './crypto'
import { DataDirLockedError, openDatabase, type Database } from './db/client'
import { migrate } from './db/migrate'
import { ensureReferenceData } from './db/reference'
import { flushLogs, scrubText, tolerateClosedConsole } from './logger'
import { accountsWithSeedPasswords, standInRefusals } from './production'
import { seedDatabase } from './seed'

const t = api.startup
const SHUTDOWN_GRACE_MS = 10_000

/** A startup problem already phrased for the operator. */
export class StartupError extends Error {
  constructor(readonly lines: string[]) {
    super(lines.join('\n'))
    this.name = 'StartupError'
  }
}

export function configOrExit(env: NodeJS.ProcessEnv = process.env): Config {
  const r = parseConfig(env)
  if (!r.ok) throw new StartupError(r.errors)
  return r.config
}

function reasonOf(err: unknown): string {
  const e = err as { code?: string; message?: string; errors?: Array<{ code?: string }> }
  // node-postgres reports a refused dual-stack connect as an AggregateError without a message.
  const code = e.code ?? e.errors?.find((x) => x.code)?.code
  const msg = (e.message ?? '').split('\n')[0].slice(0, 160)
  return scrubText([code, msg].filter(Boolean).join(': ') || String(err))
}

export async function connectDatabase(config: Config): Promise<Database> {
  let database: Database
  try {
    database = await openDatabase(config.database, { poolSize: config.dbPoolSize })
  } catch (err) {
    if (err instanceof DataDirLockedError) throw new StartupError([format(t.databaseLocked, { dir: err.dataDir, pid: err.pid })])
    const line = config.database.kind === 'postgres' ? t.databaseUnreachable : t.databaseOpenFailed
    throw new StartupError([format(line, { database: describeDatabase(config.database), reason: reasonOf(err) })])
  }
  try {
    await migrate(database)
    await ensureReferenceData(database.db)
  } catch (err) {
    await database.close().catch(() => undefined)
    throw new StartupError([format(t.migrateFailed, { reason: reasonOf(err) })])
  }
  return database
}

/** Fails fast with a clear line when the port is taken, before any slow work. */
export function probePort(host: string, port: number): Promise<void> {
  if (port === 0) return Promise.resolve()
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', (err) => reject(listenError(err, host, port)))
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve()))
  })
}

function listenError(err: unknown, host: string, port: number): Error {
  const code = (err as NodeJS.ErrnoException).code
  if (code === 'EADDRINUSE') return new StartupError([format(t.portInUse, { port })])
  if (code === 'EACCES') return new StartupError([format(t.portDenied, { host, port })])
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new StartupError([format(t.hostInvalid, { host })])
  return err as Error
}

export interface Running {
  app: App
  database: Database
  url: string
  close(): Promise<void>
}

export async function startServer(config: Config, options: { seed: boolean; database?: Database }): Promise<Running> {
  const database = options.database ?? (await connectDatabase(config))
  if (options.seed) {
    const crypto = createFieldCrypto(config.idEncryptionKey)
    await seedDatabase(database.db, crypto, { seed: config.seed, citizens: config.seedCitizens, enterprises: config.seedEnterprises })
  }
  const app = await buildApp(config, database)
  try {
    await app.listen({ host: config.host, port: config.port })
  } catch (err) {
    await app.close().catch(() => undefined)
    await database.close().catch(() => undefined)
    throw listenError(err, config.host, config.port)
  }
  const addr = app.server.address()
  const port = typeof addr === 'object' && addr ? addr.port : config.port
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host.includes(':') ? `[${config.host}]` : config.host
  const url = `http://${shownHost}:${port}/`
  let closing: Promise<void> | undefined
  return {
    app,
    database,
    url,
    close() {
      // Stop accepting, let in-flight requests finish, then release the database.
      closing ??= app.close().then(() => database.close())
      return closing
    },
  }
}

/** SIGTERM/SIGINT: graceful stop, forced exit after a grace period or on a second signal. */
export function installShutdown(running: Running): void {
  let stopping = false
  // The batched log lines go out before the process does (see flushLogs).
  const exit = (code: number) => void flushLogs(running.app.log).then(() => process.exit(code))
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      running.app.log.warn({ signal }, 'second signal: exiting now')
      process.exit(1)
    }
    stopping = true
    running.app.log.info({ signal }, 'shutting down: finishing in-flight requests')
    // Readiness answers 503 from now on; app.close() then stops accepting, lets in-flight requests
    // finish, stops the job worker (an onClose hook) and last closes the pool.
    running.app.startDraining()
    const timer = setTimeout(() => {
      running.app.log.error('shutdown grace period over: exiting')
      exit(1)
    }, SHUTDOWN_GRACE_MS)
    timer.unref()
    running.close().then(
      () => {
        running.app.log.info('stopped')
        exit(0)
      },
      (err) => {
        running.app.log.error({ err }, 'error during shutdown')
        exit(1)
      },
    )
  }
  process.on('SIGTERM', onSignal)
  process.on('SIGINT', onSignal)
}

/** Print a startup failure as operator lines and exit 1. */
export function failStartup(err: unknown): never {
  if (err instanceof StartupError) {
    for (const line of err.lines) process.stderr.write(line + '\n')
  } else {
    process.stderr.write(format(t.unexpected, { reason: reasonOf(err) }) + '\n')
  }
  process.exit(1)
}

export function announce(running: Running): void {
  process.stdout.write(format(t.running, { url: running.url, docs: `${running.url}api/docs` }) + '\n')
}

/** Production refuses published staff passwords: nobody may sign in with what the README prints. */
async function refuseSeedPasswords(config: Config, database: Database): Promise<void> {
  if (config.nodeEnv !== 'production') return
  const found = await accountsWithSeedPasswords(database.db)
  if (found.length === 0) return
  await database.close().catch(() => undefined)
  throw new StartupError([format(t.seedPasswords, { usernames: found.join(', ') })])
}

async function main(): Promise<void> {
  tolerateClosedConsole()
  const config = configOrExit()
  const refused = standInRefusals(config, process.env)
  if (refused.length > 0) throw new StartupError(refused)
  await probePort(config.host, config.port)
  const database = await connectDatabase(config)
  await refuseSeedPasswords(config, database)
  const running = await startServer(config, { seed: false, database })
  installShutdown(running)
  if (config.demo) process.stdout.write(t.demoRunning + '\n')
  announce(running)
}

if (require.main === module) main().catch(failStartup)
