// npm ci rejects a lockfile that lacks entries for optional, platform-specific binaries
// (e.g. @tarojs/binding-darwin-arm64@4.2.1) which npm never recorded because the registry has
// no such version. We add an entry carrying the os/cpu read off the package name, so npm ci on
// any other platform skips it exactly as npm install does. Run after every `npm install`.
import { readFileSync, writeFileSync } from 'node:fs'

const OS = ['darwin', 'linux', 'win32', 'freebsd', 'openbsd', 'netbsd', 'android', 'sunos', 'aix', 'openharmony']
const CPU = ['x64', 'arm64', 'arm', 'ia32', 'loong64', 'ppc64', 'riscv64', 's390x', 'mips64el', 'wasm32']

function platformOf(name) {
  const parts = name.split('/').pop().split('-')
  const os = parts.find((p) => OS.includes(p))
  const cpu = parts.find((p) => CPU.includes(p)) ?? (parts.includes('x86') ? 'ia32' : undefined)
  const libc = parts.includes('musl') ? 'musl' : parts.includes('gnu') || parts.includes('gnueabihf') ? 'glibc' : undefined
  return { os, cpu, libc }
}

const file = new URL('../package-lock.json', import.meta.url)
const lock = JSON.parse(readFileSync(file, 'utf8'))
const pkgs = lock.packages
let added = 0
for (const [path, entry] of Object.entries(pkgs)) {
  for (const [dep, spec] of Object.entries(entry.optionalDependencies ?? {})) {
    // npm resolves a dependency by walking up node_modules folders; only add if nothing is found.
    const base = path ? `${path}/node_modules/` : 'node_modules/'
    let found = false
    for (let p = base; ; ) {
      if (pkgs[`${p}${dep}`]) { found = true; break }
      const i = p.lastIndexOf('/node_modules/', p.length - 15)
      if (i < 0) { if (p !== 'node_modules/') { p = 'node_modules/'; continue } break }
      p = p.slice(0, i + 14)
    }
    if (found) continue
    const { os, cpu, libc } = platformOf(dep)
    if (!os || !cpu) continue // not a platform binary: leave it for npm to report
    const stub = { version: String(spec).replace(/^[\^~=]/, ''), optional: true, os: [os], cpu: [cpu] }
    if (libc) stub.libc = [libc]
    if (entry.dev) stub.dev = true
    pkgs[`node_modules/${dep}`] = stub
    added++
  }
}
writeFileSync(file, JSON.stringify(lock, null, 2) + '\n')
console.log(`lock-optional: added ${added} platform-binary entries`)
