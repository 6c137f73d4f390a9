// Feature code never branches on the platform (DESIGN.md): with the project's own ESLint config, a
// planted `platform.name` or TARO_ENV test outside src/platform fails lint; inside it, it passes.
import path from 'node:path'
import { ESLint } from 'eslint'

const ROOT = path.resolve(__dirname, '../../..')
// rulePaths is ESLint 8's --rulesdir (the installed types describe ESLint 9's options).
const options = { cwd: ROOT, rulePaths: [path.join(ROOT, 'eslint-rules')], useEslintrc: true }
const eslint = new ESLint(options as ConstructorParameters<typeof ESLint>[0])

async function platformErrors(file: string, code: string): Promise<string[]> {
  const [r] = await eslint.lintText(code, { filePath: path.join(ROOT, file) })
  return r.messages.filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => m.message)
}

jest.setTimeout(60_000)

test.each([
  ['src/packages/catalog/pages/planted.tsx', "import { platform } from '@/platform'\nexport const y = platform.name === 'h5'", 'never branch on platform.name'],
  ['src/packages/booking/planted.ts', "export const y = (r: { platform: { name: string } }) => r.platform.name", 'never branch on platform.name'],
  ['src/pages/home/planted.tsx', "export const y = process.env.TARO_ENV === 'h5'", 'src/platform/'],
])('%s: %s is refused', async (file, code, why) => {
  const errors = await platformErrors(file, `${code}\n`)
  expect(errors).toHaveLength(1)
  expect(errors[0]).toContain(why)
})

test.each([
  ['src/packages/catalog/pages/planted.tsx', "import { platform } from '@/platform'\nexport const y = platform.nativeMap ? platform.channel : ''"],
  ['src/packages/catalog/pages/planted.tsx', "export const y = (h: { name: string }) => h.name"],
  ['src/platform/planted.ts', "import { platform } from './index'\nexport const y = platform.name === 'h5' || process.env.TARO_ENV === 'h5'"],
])('%s: %s is allowed', async (file, code) => {
  expect(await platformErrors(file, `${code}\n`)).toEqual([])
})
