// `npm run seed`: migrate and fill an empty database with the synthetic registries.
import { format } from '../../../src/domain/messages'
import { api } from '../../../src/domain/messages/zh-CN/api'
import { createFieldCrypto } from '../crypto'
import { configOrExit, connectDatabase, failStartup, StartupError } from '../main'
import { seedDatabase } from './index'

async function main(): Promise<void> {
  const config = configOrExit()
  if (config.nodeEnv === 'production') throw new StartupError([api.startup.seedInProduction])
  const database = await connectDatabase(config)
  try {
    process.stdout.write(format(api.startup.seeding, { citizens: config.seedCitizens, enterprises: config.seedEnterprises }) + '\n')
    const r = await seedDatabase(database.db, createFieldCrypto(config.idEncryptionKey), {
      seed: config.seed,
      citizens: config.seedCitizens,
      enterprises: config.seedEnterprises,
    })
    process.stdout.write(
      r.seeded
        ? `${format(api.startup.seeded, { ms: r.ms })} (${r.citizens} citizens, ${r.enterprises} enterprises, ${r.regions} regions, ${database.kind})\n`
        : `registry already has data; only the ${r.regions} regions were checked (${r.ms} ms)\n`,
    )
  } finally {
    await database.close()
  }
}

main().catch(failStartup)
