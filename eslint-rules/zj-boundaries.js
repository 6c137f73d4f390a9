// The layers of DESIGN.md as a lint rule (issue 22). Each import is resolved to a file path
// (relative paths and the `@/` alias) and both ends are put in a layer:
//   domain      src/domain       imports nothing of the app or the server
//   app code    src/**           never imports mock/
//   shared      src/components, src/services, src/stores, src/platform: import no feature
//   feature     src/packages/<x>, src/pages/<x>: imports no other feature
//   server      mock/src/**      imports only src/domain of the app
//   route file  mock/src/<area>/routes.ts: imports no other area's route file (mock/src/context.ts
//               is their shared kit; what two areas share belongs in a service)
// What two features share lives in src/components, src/stores or src/domain (issue 22 moved the last
// cross-feature imports there), so there is no list of exceptions.
'use strict'
const path = require('path')

const ROOT = path.resolve(__dirname, '..')
const SHARED = new Set(['components', 'services', 'stores', 'platform'])

function layerOf(abs) {
  const rel = path.relative(ROOT, abs).split(path.sep)
  if (rel[0] === 'src') {
    if ((rel[1] === 'packages' || rel[1] === 'pages') && rel.length > 2) return { layer: 'feature', name: `${rel[1]}/${rel[2]}` }
    if (rel[1] === 'domain') return { layer: 'domain' }
    if (SHARED.has(rel[1])) return { layer: 'shared', name: rel[1] }
    return { layer: 'app' }
  }
  if (rel[0] === 'mock') {
    // An area's route files: mock/src/<area>/routes.ts (and <x>Routes.ts beside it, as catalog's halls).
    if (rel[1] === 'src' && rel.length === 4 && /^(routes|[a-z]+Routes)(\.tsx?)?$/.test(rel[3])) return { layer: 'route', name: rel[2] }
    return { layer: 'server' }
  }
  return { layer: 'other' }
}

function resolve(file, spec) {
  if (spec.startsWith('@/')) return path.join(ROOT, 'src', spec.slice(2))
  if (spec.startsWith('.')) return path.resolve(path.dirname(file), spec)
  return null
}

module.exports = {
  meta: {
    type: 'problem',
    docs: { description: 'Imports follow the layers of DESIGN.md' },
    schema: [],
  },
  create(context) {
    const file = context.getFilename()
    const from = layerOf(file)
    if (from.layer === 'other') return {}

    function check(node, spec) {
      if (typeof spec !== 'string') return
      const target = resolve(file, spec)
      if (!target) return
      const to = layerOf(target)
      const rel = path.relative(ROOT, target).split(path.sep)
      const fromApp = from.layer !== 'server' && from.layer !== 'route'
      let why = null
      if (fromApp && rel[0] === 'mock') why = 'the app never imports the stand-in server (mock/)'
      else if (from.layer === 'domain' && to.layer !== 'domain' && rel[0] === 'src') why = 'src/domain is pure: it imports nothing of the app'
      else if (from.layer === 'domain' && rel[0] === 'mock') why = 'src/domain imports nothing of the server'
      else if (from.layer === 'shared' && to.layer === 'feature') why = `src/${from.name} is shared: it imports no feature (${to.name})`
      else if (from.layer === 'feature' && to.layer === 'feature' && to.name !== from.name)
        why = `a feature imports no other feature (${from.name} -> ${to.name}): move what both need to src/components or src/domain`
      else if ((from.layer === 'server' || from.layer === 'route') && rel[0] === 'src' && rel[1] !== 'domain') why = 'the server imports only src/domain of the app'
      else if (from.layer === 'route' && to.layer === 'route' && to.name !== from.name) why = `a route file imports no other area's route file (${to.name}): move the shared part into its area's service`
      if (why) context.report({ node, message: `Layer boundary: ${why}.` })
    }

    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments[0] && node.arguments[0].type === 'Literal') check(node.arguments[0], node.arguments[0].value)
      },
    }
  },
}
