// Prints the configuration table (markdown) for the README, from the same schema that validates it:
//   npx tsx mock/src/config-table.ts
import { ConfigSchema } from './config'

interface Prop {
  type?: string
  default?: unknown
  description?: string
  anyOf?: Array<{ const: string }>
  minimum?: number
  maximum?: number
}

export function configTable(): string {
  const rows = ['| Variable | Default | Values | Meaning |', '|---|---|---|---|']
  const required = new Set<string>(ConfigSchema.required ?? [])
  for (const [name, p] of Object.entries(ConfigSchema.properties) as Array<[string, Prop]>) {
    const def = p.default === undefined ? (required.has(name) ? '(required)' : '(unset)') : `\`${String(p.default)}\``
    const values = p.anyOf
      ? p.anyOf.map((o) => `\`${o.const}\``).join(', ')
      : p.type === 'integer'
        ? `integer ${p.minimum ?? ''}–${p.maximum ?? ''}`
        : 'text'
    rows.push(`| \`${name}\` | ${def} | ${values} | ${(p.description ?? '').replace(/\|/g, '\\|')} |`)
  }
  return rows.join('\n')
}

if (require.main === module) process.stdout.write(configTable() + '\n')
