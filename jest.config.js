// One Jest run, five projects. Fast TS transform (isolatedModules): type checking is
// done separately by `npm run typecheck`, so tests don't pay for it twice.
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.jest.json', diagnostics: false }]
const base = {
  transform: { '^.+\\.tsx?$': tsJest },
  moduleNameMapper: { '^@/(.*)$': '<rootDir>/src/$1' },
  testEnvironment: 'node',
  // Jest 30 "soft-deletes" globals a test file left behind by wrapping them in getters/setters;
  // a later write through such a wrapper recursed until the stack overflowed (a11y suite,
  // "Maximum call stack size exceeded" in jest-util). Each file runs in its own module registry anyway.
  testEnvironmentOptions: { globalsCleanup: 'off' },
}
module.exports = {
  // Suites share 2 cores with builds and a browser; scrypt and seeding are slow under load. A
  // harness limit for hung tests, not a performance claim (npm run bench measures speed). It is a
  // global option: Jest ignores it inside a project entry.
  testTimeout: 30_000,
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    {
      ...base,
      displayName: 'api',
      testMatch: ['<rootDir>/test/api/**/*.test.ts'],
      // Dependencies Jest's vm cannot load as published (see the transform's comment).
      transform: { ...base.transform, '/node_modules/(@electric-sql/pglite|cookie)/.+\\.c?js$': '<rootDir>/test/api/node-modules-transform.js' },
      transformIgnorePatterns: ['/node_modules/(?!(@electric-sql/pglite|cookie)/)'],
    },
    { ...base, displayName: 'build', testMatch: ['<rootDir>/test/build/**/*.test.ts'] },
    { ...base, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.test.ts'] },
    // Whole citizen journeys (JOURNEYS.md) on the built PWA, with tap budgets and in-view checks.
    { ...base, displayName: 'journeys', testMatch: ['<rootDir>/test/journeys/**/*.test.ts'] },
    // Several instances behind nginx on PostgreSQL (issue 23): needs DATABASE_URL, so CI runs it
    // and a machine without PostgreSQL leaves the project out (npm run test:scale says so).
    ...(process.env.DATABASE_URL ? [{ ...base, displayName: 'scale', testMatch: ['<rootDir>/test/scale/**/*.test.ts'] }] : []),
    // The built mini-programs (dist/weapp, dist/alipay) driven journey by journey against the stand-in.
    { ...base, displayName: 'mini', testMatch: ['<rootDir>/test/miniprogram/**/*.test.ts'] },
  ],
}
