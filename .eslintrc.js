// Taro's shared rules for the app, plus the rules that guard the design principles:
// feature code must not branch on the platform, and domain code stays pure.
module.exports = {
  extends: ['taro/react', 'plugin:react-hooks/recommended'],
  rules: {
    'react/jsx-uses-react': 'off',
    'react/react-in-jsx-scope': 'off',
    'no-console': ['warn', { allow: ['warn', 'error'] }],
  },
  overrides: [
    {
      // The layers of DESIGN.md (eslint-rules/zj-boundaries.js; `npm run lint` loads it with --rulesdir).
      files: ['src/**/*.{ts,tsx}', 'mock/src/**/*.ts'],
      rules: {
        'zj-boundaries': 'error',
      },
    },
    {
      // Route files are thin (issue 22): parse, call the area's service, answer. Queries live in
      // the area's repo.ts, so a route file cannot even name the query builder or a table.
      files: ['mock/src/*/routes.ts', 'mock/src/*/*Routes.ts'],
      rules: {
        'no-restricted-imports': ['error', {
          patterns: [
            { group: ['drizzle-orm', 'drizzle-orm/*', '../db/*', './db/*'], message: 'A route file holds no query: put it in the area\'s repo.ts and call it through service.ts.' },
          ],
        }],
      },
    },
    {
      files: ['src/**/*.{ts,tsx}'],
      excludedFiles: ['src/platform/**'],
      rules: {
        'no-restricted-syntax': ['error', {
          selector: "MemberExpression[object.object.name='process'][object.property.name='env'][property.name='TARO_ENV']",
          message: 'Platform differences belong in src/platform/ (DESIGN.md).',
        }, {
          // Feature code asks the Platform for a capability (scan, nativeMap, subscribeChannel …) and
          // sends platform.channel to the server; it never tests which platform it is on.
          selector: "MemberExpression[property.name='name'][object.name='platform'], MemberExpression[property.name='name'][object.property.name='platform']",
          message: 'Ask the Platform for a capability (or send platform.channel); never branch on platform.name (DESIGN.md).',
        }],
      },
    },
    {
      // The app imports slices of the message catalogue (src/domain/messages/index.ts says why).
      files: ['src/**/*.{ts,tsx}'],
      excludedFiles: ['src/domain/**'],
      rules: {
        'no-restricted-imports': ['error', {
          paths: ['@/domain/messages', '../domain/messages', '../../domain/messages', '../../../domain/messages'].map((name) => ({
            name,
            message: 'Import a slice: @/domain/messages/main in the main package, the package\'s own messages.ts in a subpackage.',
          })),
        }],
      },
    },
    {
      files: ['src/domain/**/*.ts'],
      rules: {
        'no-restricted-imports': ['error', { patterns: ['@tarojs/*', 'react', 'react-dom', 'mobx*', 'node:*', 'fs', 'path', 'crypto'] }],
      },
    },
    {
      // Server, scripts and tests run in Node and print to the console by design.
      files: ['mock/**', 'scripts/**', 'test/**', 'bench/**', 'config/**', '*.js', '*.mjs'],
      env: { node: true, jest: true },
      rules: { 'no-console': 'off', 'import/no-commonjs': 'off' },
    },
    {
      // Tests never read the machine's clock by accident (issue 24): a rule's "now" is injected
      // or pinned; test/support/clock.ts names the wall clock where a harness really needs it.
      files: ['test/**'],
      rules: {
        'no-restricted-syntax': ['error', {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'Tests pin time: use an injected clock, or wallMs() from test/support/clock.ts for a harness timeout.',
        }, {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Tests pin time: use an injected clock, or wallClock() from test/support/clock.ts for a harness timeout.',
        }],
      },
    },
  ],
  ignorePatterns: ['dist/', 'node_modules/', '.data/', 'coverage/', 'mock/drizzle/'],
}
