// The layer rule (eslint-rules/zj-boundaries.js) with the project's own ESLint config: planted
// violations fail lint, the allowed shapes pass; there are no listed exceptions.
import path from 'node:path'
import { ESLint } from 'eslint'

const ROOT = path.resolve(__dirname, '../../..')
// rulePaths is ESLint 8's --rulesdir (the installed types describe ESLint 9's options).
const options = { cwd: ROOT, rulePaths: [path.join(ROOT, 'eslint-rules')], useEslintrc: true }
const eslint = new ESLint(options as ConstructorParameters<typeof ESLint>[0])

async function boundaryErrors(file: string, code: string): Promise<string[]> {
  const [r] = await eslint.lintText(code, { filePath: path.join(ROOT, file) })
  return r.messages.filter((m) => m.ruleId === 'zj-boundaries').map((m) => m.message)
}

jest.setTimeout(60_000)

test.each([
  ['src/packages/wallet/pages/planted.tsx', "import { x } from '@/packages/cases/store'", 'a feature imports no other feature (packages/wallet -> packages/cases)'],
  ['src/packages/booking/pages/planted.tsx', "import { x } from '../../cases/components/Planted'", 'a feature imports no other feature'],
  // The legacy exceptions are gone with the allow list (issue 22): the import wallet once had is refused too.
  ['src/packages/wallet/pages/present.tsx', "import { x } from '@/packages/account/components/NeedLogin'", 'a feature imports no other feature (packages/wallet -> packages/account)'],
  ['src/domain/planted.ts', "import { x } from '../services/api'", 'src/domain is pure'],
  ['src/components/Planted.tsx', "import { x } from '@/packages/account/store'", 'src/components is shared'],
  ['src/services/planted.ts', "import { x } from '../../mock/src/db/client'", 'the app never imports the stand-in server'],
  ['mock/src/cases/routes.ts', "import { x } from '../identity/routes'", "a route file imports no other area's route file (identity)"],
  ['mock/src/booking/planted.ts', "import { x } from '../../../src/services/api'", 'the server imports only src/domain'],
])('%s: %s is refused', async (file, code, why) => {
  const errors = await boundaryErrors(file, `${code}\nexport const y = x\n`)
  expect(errors).toHaveLength(1)
  expect(errors[0]).toContain(why)
})

test.each([
  ['src/packages/wallet/pages/planted.tsx', "import { x } from '@/packages/wallet/store'"],
  ['src/packages/wallet/pages/planted.tsx', "import { x } from '@/components'"],
  ['src/packages/wallet/pages/planted.tsx', "import { x } from '@/domain/time'"],
  ['mock/src/cases/routes.ts', "import { x } from '../context'"],
  ['mock/src/cases/routes.ts', "import { x } from './service'"],
  ['mock/src/catalog/routes.ts', "import { x } from './hallRoutes'"],
  ['mock/src/booking/planted.ts', "import { x } from '../../../src/domain/contract'"],
])('%s: %s is allowed', async (file, code) => {
  expect(await boundaryErrors(file, `${code}\nexport const y = x\n`)).toEqual([])
})

describe('route files hold no query (issue 22)', () => {
  const queryErrors = async (file: string, code: string) => {
    const [r] = await eslint.lintText(`${code}\nexport const y = x\n`, { filePath: path.join(ROOT, file) })
    return r.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message)
  }
  it.each([
    ['mock/src/cases/routes.ts', "import { x } from 'drizzle-orm'"],
    ['mock/src/wallet/routes.ts', "import { x } from '../db/schema'"],
    ['mock/src/catalog/hallRoutes.ts', "import { x } from '../db/client'"],
  ])('%s: %s fails lint', async (file, code) => {
    expect(await queryErrors(file, code)).toEqual([expect.stringContaining('A route file holds no query')])
  })
  it('the same import in the area\'s repo passes', async () => {
    expect(await queryErrors('mock/src/cases/repo.ts', "import { x } from 'drizzle-orm'")).toEqual([])
  })
})
