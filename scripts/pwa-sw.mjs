// Writes dist/h5/sw.js after `taro build --type h5`: Workbox precaches the shell (html, js, css,
// icons, manifest) so the PWA starts offline after the first visit.
//
// No skipWaiting / clientsClaim: swapping code under a citizen half-way through a form loses their
// input. With skipWaiting false, generateSW's template adds a 'message' listener that calls
// self.skipWaiting() on {type: 'SKIP_WAITING'}; the app posts it only when the citizen taps 刷新.
import path from 'node:path'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { generateSW } from 'workbox-build'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const DIST = path.join(ROOT, 'dist', 'h5')

if (!existsSync(path.join(DIST, 'index.html'))) {
  console.error(`pwa-sw: ${path.relative(ROOT, DIST)}/index.html not found; run \`taro build --type h5\` first`)
  process.exit(1)
}

const { count, size, warnings } = await generateSW({
  globDirectory: DIST,
  globPatterns: ['**/*.{html,js,css,png,svg,ico,webmanifest}'],
  globIgnores: ['sw.js', 'workbox-*.js', '**/*.map', '.build-hash'],
  swDest: path.join(DIST, 'sw.js'),
  // One self-contained file: nothing else to fetch (or to go stale) when the worker starts.
  inlineWorkboxRuntime: true,
  mode: 'production',
  sourcemap: false,
  skipWaiting: false,
  clientsClaim: false,
  cleanupOutdatedCaches: true,
  // Hashed assets are immutable: their URL already changes with their content.
  dontCacheBustURLsMatching: /\.[0-9a-f]{8}\.(?:js|css)$/,
  // Every page route of the SPA is served from the precached shell; the API never is.
  navigateFallback: '/index.html',
  navigateFallbackDenylist: [/^\/api\//],
})

for (const w of warnings) console.warn(`pwa-sw: ${w}`)
console.log(`pwa-sw: precached ${count} files, ${(size / 1024).toFixed(1)} KiB -> ${path.relative(ROOT, DIST)}/sw.js`)
