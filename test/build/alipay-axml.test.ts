// Static checks of the built Alipay output: nothing offline renders AXML (Alipay's builder is
// downloaded at run time), so every page's AXML is read as text: what it imports and the
// templates and components it names must exist in dist/alipay, and its attribute syntax must be
// Alipay's (a:if / a:for, onTap …), never WeChat's (wx:if, bindtap).
import fs from 'node:fs'
import path from 'node:path'

const DIST = path.resolve(__dirname, '../../dist/alipay')

interface AppJson { pages: string[]; subPackages?: { root: string; pages: string[] }[]; subpackages?: { root: string; pages: string[] }[] }

function appJson(): AppJson {
  const file = path.join(DIST, 'app.json')
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: run \`npm run build:alipay\` first`)
  return JSON.parse(fs.readFileSync(file, 'utf8')) as AppJson
}

function pages(app: AppJson): string[] {
  const subs = app.subPackages ?? app.subpackages ?? []
  return [...app.pages, ...subs.flatMap((s) => s.pages.map((p) => `${s.root.replace(/\/*$/, '')}/${p}`))]
}

function allAxml(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name)
    if (e.isDirectory()) allAxml(full, out)
    else if (e.name.endsWith('.axml')) out.push(full)
  }
  return out
}

const rel = (f: string) => path.relative(DIST, f)
const app = appJson()
const files = allAxml(DIST)

test('every page has its AXML, and the output holds no WXML', () => {
  expect(pages(app).filter((p) => !fs.existsSync(path.join(DIST, `${p}.axml`)))).toEqual([])
  expect(files.length).toBeGreaterThan(pages(app).length)
  const wxml: string[] = []
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(d, e.name))
      else if (/\.(wxml|wxs|wxss)$/.test(e.name)) wxml.push(rel(path.join(d, e.name)))
    }
  }
  walk(DIST)
  expect(wxml).toEqual([])
})

test('every import, sjs module and component an AXML file or page names exists in the output', () => {
  const missing: string[] = []
  for (const f of files) {
    const text = fs.readFileSync(f, 'utf8')
    for (const m of text.matchAll(/<(?:import|include)\s+src="([^"]+)"/g)) {
      if (!fs.existsSync(path.resolve(path.dirname(f), m[1]))) missing.push(`${rel(f)}: ${m[1]}`)
    }
    for (const m of text.matchAll(/<import-sjs\s+[^>]*from="([^"]+)"/g)) {
      if (!fs.existsSync(path.resolve(path.dirname(f), m[1]))) missing.push(`${rel(f)}: ${m[1]}`)
    }
    const json = f.replace(/\.axml$/, '.json')
    if (fs.existsSync(json)) {
      const using = (JSON.parse(fs.readFileSync(json, 'utf8')) as { usingComponents?: Record<string, string> }).usingComponents ?? {}
      for (const [tag, p] of Object.entries(using)) {
        const base = p.startsWith('/') ? path.join(DIST, p) : path.resolve(path.dirname(f), p)
        if (!fs.existsSync(`${base}.axml`) && !fs.existsSync(path.join(base, 'index.axml'))) missing.push(`${rel(json)}: <${tag}> → ${p}`)
      }
    }
  }
  expect(missing).toEqual([])
})

test('every template used by name is defined in the file or what it imports', () => {
  const defined = (f: string, seen = new Set<string>()): Set<string> => {
    const names = new Set<string>()
    if (seen.has(f) || !fs.existsSync(f)) return names
    seen.add(f)
    const text = fs.readFileSync(f, 'utf8')
    for (const m of text.matchAll(/<template\s+name="([^"]+)"/g)) names.add(m[1])
    for (const m of text.matchAll(/<import\s+src="([^"]+)"/g)) for (const n of defined(path.resolve(path.dirname(f), m[1]), seen)) names.add(n)
    return names
  }
  const missing: string[] = []
  let literal = 0
  for (const f of files) {
    const names = defined(f)
    for (const m of fs.readFileSync(f, 'utf8').matchAll(/<template\s+is="([^"{]+)"/g)) {
      literal++
      if (!names.has(m[1])) missing.push(`${rel(f)}: ${m[1]}`)
    }
  }
  // Each page at least names Taro's root template.
  expect(literal).toBeGreaterThanOrEqual(pages(app).length)
  expect(missing).toEqual([])
})

test('attribute syntax is Alipay\'s: a:if / a:for and onTap-style events, no wx: or bind/catch attributes', () => {
  const wechat: string[] = []
  let alipayDirectives = 0
  let alipayEvents = 0
  for (const f of files) {
    const text = fs.readFileSync(f, 'utf8')
    for (const m of text.matchAll(/\s(wx:[a-z-]+|bind:?[a-z]+|catch:?[a-z]+|mut-bind:?[a-z]+)=/g)) wechat.push(`${rel(f)}: ${m[1]}`)
    alipayDirectives += [...text.matchAll(/\sa:(?:if|elif|else|for|key|for-item|for-index)\b/g)].length
    alipayEvents += [...text.matchAll(/\s(?:on|catch)[A-Z][A-Za-z]*=/g)].length
  }
  expect([...new Set(wechat)]).toEqual([])
  expect(alipayDirectives).toBeGreaterThan(0)
  expect(alipayEvents).toBeGreaterThan(0)
  // Taps in particular: the runtime's event handler must be bound as onTap somewhere.
  expect(files.some((f) => /\sonTap="/.test(fs.readFileSync(f, 'utf8')))).toBe(true)
})
