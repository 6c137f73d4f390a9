// One Jest run, four projects. Fast TS transform (isolatedModules): type checking is
// done separately by `npm run typecheck`, so tests don't pay for it twice.
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.server.json', isolatedModules: true, diagnostics: false }]
const base = {
  transform: { '^.+\\.tsx?$': tsJest },
  moduleNameMapper: { '^@/(.*)$': '<rootDir>/src/$1' },
  testEnvironment: 'node',
}
module.exports = {
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    { ...base, displayName: 'api', testMatch: ['<rootDir>/test/api/**/*.test.ts'] },
    { ...base, displayName: 'build', testMatch: ['<rootDir>/test/build/**/*.test.ts'] },
    { ...base, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.test.ts'] },
  ],
}
