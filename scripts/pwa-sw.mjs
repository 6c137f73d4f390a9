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
import { precompress } from './precompress.mjs'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const DIST = path.join(ROOT, 'dist', 'h5')

if (!existsSync(path.join(DIST, 'index.html'))) {
  console.error(`pwa-sw: ${path.relative(ROOT, DIST)}/index.html not found; run \`taro build --type h5\` first`)
  process.exit(1)
}

const { count, size, warnings } = await generateSW({
  globDirectory: DIST,
  globPatterns: ['**/*.{html,js,css,png,svg,ico,webmanifest,ttf,woff,woff2}'],
  // pdf.js (the in-app PDF viewer, 1.6 MiB) is fetched the first time a document is opened and
  // cached then (runtimeCaching below), not downloaded by every install on a weak signal.
  globIgnores: ['sw.js', 'workbox-*.js', '**/*.map', '.build-hash', 'js/pdf.*.js'],
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
  // Every page route of the SPA (Taro routes: /, /pages/..., /packages/...) is served from the
  // precached shell, so even a page never visited opens offline; the API never is.
  navigateFallback: '/index.html',
  navigateFallbackAllowlist: [/^\/(?:index\.html)?(?:[?#].*)?$/, /^\/pages\//, /^\/packages\//],
  navigateFallbackDenylist: [/^\/api\//],
  // Any other page (API docs, a verification link, a mistyped address): the network, and when
  // that fails offline, the precached offline page instead of the browser's own error.
  runtimeCaching: [
    {
      urlPattern: ({ request }) => request.mode === 'navigate',
      handler: 'NetworkOnly',
      options: { precacheFallback: { fallbackURL: '/offline.html' } },
    },
    // Issue 7 (applications helper): an application sent while the network drops is queued by
    // Workbox background sync and replayed, with the same Idempotency-Key header, when the
    // browser is back online; the app's own outbox (src/services/cases.ts) retries too, and the
    // shared key makes the server create the case exactly once.
    {
      urlPattern: ({ url }) => /^\/js\/pdf\.[0-9a-f]{8}\.js$/.test(url.pathname),
      handler: 'CacheFirst',
      options: { cacheName: 'zj-pdf-viewer', expiration: { maxEntries: 2 } },
    },
    // Issue 18: application forms are public data (no personal values): the network first, the
    // last copy when it does not answer, so a form opens offline and can be filled and queued.
    {
      urlPattern: ({ url, request }) => request.method === 'GET' && url.pathname.startsWith('/api/cases/forms/'),
      handler: 'NetworkFirst',
      options: { cacheName: 'zj-forms', networkTimeoutSeconds: 5, expiration: { maxEntries: 60, maxAgeSeconds: 7 * 24 * 3600 } },
    },
    {
      urlPattern: ({ url }) => url.pathname === '/api/cases',
      method: 'POST',
      handler: 'NetworkOnly',
      options: { backgroundSync: { name: 'zj-case-submit', options: { maxRetentionTime: 24 * 60 } } },
    },
  ],
})

for (const w of warnings) console.warn(`pwa-sw: ${w}`)
console.log(`pwa-sw: precached ${count} files, ${(size / 1024).toFixed(1)} KiB -> ${path.relative(ROOT, DIST)}/sw.js`)

// Text assets pre-compressed once at build time (scripts/precompress.mjs).
const { raw, br } = precompress(DIST)
console.log(`pwa-sw: pre-compressed ${(raw / 1024).toFixed(1)} KiB of text to ${(br / 1024).toFixed(1)} KiB (brotli)`)

