// Jest transform for the few dependencies the API tests load that Jest's CommonJS vm cannot run
// as published (Node itself runs them fine):
// - @electric-sql/pglite's CJS build loads Node built-ins with `import("fs")`; the vm has no
//   dynamic import without --experimental-vm-modules, so those become require() calls wrapped
//   in a namespace-like object (named exports plus `default`, as import() would give);
// - ESM-only packages required from CJS (cookie 2, used by fastify's inject) are compiled to
//   CommonJS with Babel (Node 20.19+ has require(esm); Jest only from Node 24.9).
const { createHash } = require('node:crypto')

const IMPORT = /\bimport\(\s*(["'][^"']+["'])\s*\)/g

module.exports = {
  process(source, filename) {
    if (filename.includes('/@electric-sql/pglite/')) {
      // A captured reference: the bundle declares its own `var require` inside functions.
      const code = source.replace(
        IMPORT,
        (_, spec) =>
          `Promise.resolve().then(() => { const m = __jestRequire(${spec}); return m && m.__esModule ? m : Object.assign({}, m, { default: m }) })`,
      )
      return { code: `const __jestRequire = require;${code}` }
    }
    const babel = require('@babel/core')
    const out = babel.transformSync(source, {
      filename,
      babelrc: false,
      configFile: false,
      sourceType: 'module',
      plugins: [require.resolve('@babel/plugin-transform-modules-commonjs')],
    })
    return { code: out.code }
  },
  getCacheKey(source, filename) {
    return createHash('sha256').update('node-modules-transform v3').update(filename).update(source).digest('hex')
  },
}
