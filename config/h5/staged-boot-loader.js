// h5 build only (config/index.ts): runs on the app entry Taro generates from src/app.config.ts
// (@tarojs/taro-loader/lib/h5, after Babel) and spreads its start-up over several tasks.
//
// Why (issue 9): as generated, the entry evaluates every module of the first screen (React DOM,
// MobX and the stores, Taro's runtime, router and components) and then creates the history, the
// tab bar and the router, all in ONE task of ~100 ms, ~400 ms on Lighthouse's 4× slower phone.
// Everything after the static shell's first paint counts towards Total Blocking Time, and a
// single long task counts almost whole. Same modules, same order, same calls here: each import
// becomes an eager `import()` (same chunk, no extra request; evaluated when reached) and the entry
// yields to the browser between them, so input and paint can run in between.
//
// Fails the build if the generated code no longer has the expected shape (a Taro upgrade), rather
// than shipping an entry it did not understand.

// Stay static: style sheets, and Taro's DOM runtime, which the platform runtime (the first import)
// evaluates straight away anyway, and whose unused DOM classes webpack keeps when the runtime is
// reached through import() (about 95 KB, whatever webpackExports says).
const STATIC = /\.css['"];?$|^import\s+\{[^}]*\}\s+from\s+'@tarojs\/runtime';?$/

/** `import ... from 'm'` / `import 'm'` (line n of the entry) as a statement that loads `m` eagerly and binds the same names. */
function stage(line, n) {
  // Tree shaking must keep working: a bare import() keeps every export of the module (of Taro's
  // API library, say, or its whole DOM). webpackExports names what each import uses (webpack
  // refuses it on a destructuring `const { a } = await import()`, and does not prune that form
  // either, so named imports are read off a namespace object instead).
  const eager = (spec, used) => `await import(/* webpackMode: "eager" */${used ? ` /* webpackExports: ${JSON.stringify(used)} */` : ''} ${spec})`
  let m = /^import\s+(['"][^'"]+['"]);?$/.exec(line)
  if (m) return `${eager(m[1], [])};`
  m = /^import\s+\*\s+as\s+(\w+)\s+from\s+(['"][^'"]+['"]);?$/.exec(line)
  if (m) return `const ${m[1]} = ${eager(m[2])};`
  m = /^import\s+(\w+)\s+from\s+(['"][^'"]+['"]);?$/.exec(line)
  if (m) return `const ${m[1]} = (${eager(m[2], ['default'])}).default;`
  m = /^import\s+\{([^}]*)\}\s+from\s+(['"][^'"]+['"]);?$/.exec(line)
  if (m) {
    const pairs = m[1].split(',').map((s) => s.trim()).filter(Boolean).map((s) => s.split(/\s+as\s+/))
    const ns = `__zjStage${n}`
    const bindings = pairs.map(([name, local]) => `${local ?? name} = ${ns}.${name}`)
    return `const ${ns} = ${eager(m[2], pairs.map(([name]) => name))}; const ${bindings.join(', ')};`
  }
  throw new Error(`staged-boot-loader: unexpected import in the generated app entry: ${line}`)
}

// Evaluated each in a task of its own just before the app component's import (issue 18, TBT):
// that one import otherwise evaluates all of them (React DOM, MobX, the platform layer, the stores)
// and then constructs the root store, one task of ~150 ms on Lighthouse's 4x slower phone.
// Modules evaluate once, so the component's import later finds them done; the order is the order
// its own imports would have evaluated them in.
const BEFORE_COMPONENT = ['react-dom/client', 'mobx', 'mobx-react-lite', '@/platform', '@/stores']
const COMPONENT = /^import\s+component\s+from\s/

// Pages mount as React transitions (issue 18, TBT): Taro mounts a page with a forceUpdate of its
// app wrapper, a default-priority update that React renders in one go (the first page: ~20 ms
// of CPU, ~80 ms at Lighthouse's 4x). In a transition React renders in 5 ms slices and yields in
// between; the commit stays whole. Until the root has rendered its wrapper, Taro queues a mount on
// a promise, which would leave the transition: the mount waits one task first (the root's render
// is already queued ahead of it).
const INST = /^var inst = createReactApp\(/
const TRANSITION_MOUNT = [
  'if (typeof React.startTransition === "function") {',
  '  const zjMount = inst.mount;',
  '  inst.mount = function (c, id, cb) {',
  '    const self = this;',
  '    yieldToMain().then(() => React.startTransition(() => zjMount.call(self, c, id, cb)));',
  '  };',
  '}',
].join('\n')

// Body statements that start a piece of work of their own; a yield goes before each.
const BREAKS = [/^var inst = /, /^var history = /, /^createRouter\(/]

module.exports = function stagedBoot(source) {
  const lines = source.split('\n')
  let i = 0
  const statics = []
  const staged = []
  let component = false
  for (; i < lines.length && /^import\s/.test(lines[i]); i++) {
    if (STATIC.test(lines[i].trim())) {
      statics.push(lines[i])
      continue
    }
    if (COMPONENT.test(lines[i].trim())) {
      if (component) throw new Error('staged-boot-loader: two component imports in the generated app entry')
      component = true
      for (const m of BEFORE_COMPONENT) staged.push(`${stage(`import '${m}'`, i)}`, 'await yieldToMain();')
    }
    staged.push(stage(lines[i].trim(), i), 'await yieldToMain();')
  }
  const body = lines.slice(i)
  if (staged.length === 0) throw new Error('staged-boot-loader: no imports found in the generated app entry')
  if (!component) throw new Error('staged-boot-loader: the generated app entry has no `import component from` line')
  for (const re of BREAKS) {
    const at = body.findIndex((l) => re.test(l))
    if (at < 0) throw new Error(`staged-boot-loader: the generated app entry has no line matching ${re}`)
    body.splice(at, 0, 'await yieldToMain();')
  }
  const created = body.findIndex((l) => INST.test(l))
  if (created < 0) throw new Error('staged-boot-loader: the generated app entry has no `var inst = createReactApp(` line')
  body.splice(created + 1, 0, TRANSITION_MOUNT)
  return [
    ...statics,
    // scheduler.yield() where the browser has it (it keeps this work ahead of other tasks);
    // otherwise a message-channel turn, which (unlike setTimeout) is neither clamped nor throttled.
    'const yieldToMain = () => globalThis.scheduler && typeof globalThis.scheduler.yield === "function"',
    '  ? globalThis.scheduler.yield()',
    '  : new Promise((resolve) => { const c = new MessageChannel(); c.port1.onmessage = () => resolve(); c.port2.postMessage(null); });',
    '(async () => {',
    ...staged,
    ...body,
    '})().catch((err) => { setTimeout(() => { throw err }); });',
  ].join('\n')
}
