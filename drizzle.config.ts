// drizzle-kit: `npm run db:generate` writes SQL migrations for mock/src/db/schema.ts into
// mock/drizzle/ (committed). The server applies them itself at start (mock/src/db/migrate.ts).
import { defineConfig } from 'drizzle-kit'

export default defineConfig({
  dialect: 'postgresql',
  schema: './mock/src/db/schema.ts',
  out: './mock/drizzle',
  strict: true,
  verbose: true,
})
