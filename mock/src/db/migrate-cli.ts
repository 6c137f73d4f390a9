// `npm run db:migrate`: apply mock/drizzle/ to the configured database (PGlite or PostgreSQL).
import { describeDatabase } from '../config'
import { configOrExit, connectDatabase, failStartup } from '../main'

async function main(): Promise<void> {
  const config = configOrExit()
  const database = await connectDatabase(config)
  await database.close()
  process.stdout.write(`migrations applied to ${describeDatabase(config.database)}\n`)
}

main().catch(failStartup)
