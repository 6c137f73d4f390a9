// The newest drizzle snapshot must describe mock/src/db/schema.ts: `npm run db:generate` diffs the
// schema against it, and a stale one (0007–0009 were written by hand, without snapshots) makes
// the next generated migration re-create what is already there.
// A hand-written migration NNNN needs its snapshot too: run `npm run db:generate` in a terminal
// (it asks about renames; answer "create"), check that the SQL it writes is what NNNN already
// does, then delete that SQL, restore meta/_journal.json, and rename its snapshot to NNNN_snapshot.json.
import fs from 'node:fs'
import path from 'node:path'
import { generateDrizzleJson, generateMigration, type DrizzleSnapshotJSON } from 'drizzle-kit/api'
import * as schema from '../../../mock/src/db/schema'

const META = path.resolve(__dirname, '../../../mock/drizzle/meta')

function newestSnapshot(): { file: string; snapshot: DrizzleSnapshotJSON } {
  const journal = JSON.parse(fs.readFileSync(path.join(META, '_journal.json'), 'utf8')) as { entries: { idx: number; tag: string }[] }
  const files = fs.readdirSync(META).filter((f) => /^\d{4}_snapshot\.json$/.test(f)).sort()
  const file = files[files.length - 1]
  const newest = Math.max(...journal.entries.map((e) => e.idx))
  // The snapshot belongs to the newest migration, not to an older one.
  expect(file).toBe(`${String(newest).padStart(4, '0')}_snapshot.json`)
  return { file, snapshot: JSON.parse(fs.readFileSync(path.join(META, file), 'utf8')) as DrizzleSnapshotJSON }
}

describe('drizzle snapshots', () => {
  test('the newest snapshot matches the schema: generating a migration would write nothing', async () => {
    const { snapshot } = newestSnapshot()
    const current = generateDrizzleJson(schema as unknown as Record<string, unknown>, snapshot.id)
    const statements = await generateMigration(snapshot, current)
    expect(statements).toEqual([])
  })

  test('the check can fail: a schema with a table less yields a DROP', async () => {
    const { snapshot } = newestSnapshot()
    const { staffAccounts: _dropped, ...rest } = schema as unknown as Record<string, unknown>
    const statements = await generateMigration(snapshot, generateDrizzleJson(rest, snapshot.id))
    expect(statements.join('\n')).toMatch(/DROP TABLE "staff_accounts"/)
  })
})
