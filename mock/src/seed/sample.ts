// `npm run seed:sample`: prints a few synthetic citizens of the seeded registry (same SEED and
// counts as the server) so a developer can try real-name login. Synthetic data, not PII.
import { loadConfig } from '../config'
import { generateRegistry } from './generate'

const config = loadConfig()
const n = Number(process.argv[2] ?? 5)
const { citizens } = generateRegistry(config.seed, { citizens: config.seedCitizens, enterprises: config.seedEnterprises })
for (const c of citizens.filter((x) => x.birthDate <= '2006-01-01').slice(0, n)) {
  console.log(`${c.name}\t${c.idNumber}\t${c.phone}`)
}
