// Security headers and CORS, set once for the app and the API (issue 25).
//
// - Content-Security-Policy: the app may load and connect only to its own origin and the API
//   base; scripts only from files, plus the inline scripts of index.html by their SHA-256 hash
//   (read from the built file, so a rebuild needs no code change); never framed.
// - Permissions-Policy per page: the PWA is one document per visit, so a page's policy covers the
//   pages reached from it. The staff area may use the camera (the scanner), the hall pages
//   (catalog, booking) the location; other pages neither. `/` and `/index.html` are the shell the
//   service worker caches and serves for every page, so they carry both, for our own origin only.
// - HSTS only when TLS is terminated in front of us (TRUST_TLS_PROXY=1).
// - CORS closed unless CORS_ORIGINS lists a front end's exact origin.
import { createHash } from 'node:crypto'
import { readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import fastifyCors from '@fastify/cors'
import type { FastifyInstance } from 'fastify'
import type { Config } from './config'

// Only features Chromium knows: an unknown one (e.g. bluetooth) costs a console warning on every page.
const SELF_ONLY = ['accelerometer', 'autoplay', 'display-capture', 'gyroscope', 'hid', 'magnetometer', 'microphone', 'midi', 'payment', 'serial', 'usb', 'xr-spatial-tracking']

/** Pages that may use the camera (the staff scanner lives in the staff area). */
export const CAMERA_PAGES = /^\/packages\/staff\//
/** Hall pages that may ask for the location (nearest hall, distances). */
export const GEOLOCATION_PAGES = /^\/packages\/(?:catalog|booking)\//
/** The shell the service worker serves for every page. */
const SHELL = /^\/(?:index\.html)?$/

export function permissionsPolicy(urlPath: string): string {
  const shell = SHELL.test(urlPath)
  const camera = shell || CAMERA_PAGES.test(urlPath) ? 'camera=(self)' : 'camera=()'
  const geo = shell || GEOLOCATION_PAGES.test(urlPath) ? 'geolocation=(self)' : 'geolocation=()'
  return [camera, geo, ...SELF_ONLY.map((f) => `${f}=()`)].join(', ')
}

/** SHA-256 sources of the inline <script> blocks of an HTML file (CSP level 2 hashes). */
export function inlineScriptHashes(html: string): string[] {
  const out: string[] = []
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    if (/\bsrc\s*=/i.test(m[1]) || m[2].length === 0) continue
    out.push(`'sha256-${createHash('sha256').update(m[2], 'utf8').digest('base64')}'`)
  }
  return out
}

/**
 * Taro's H5 tab bar items are `<a href="javascript:;">` (a no-op): with 'unsafe-hashes' exactly
 * that URL may run (Chromium hashes it with and without the scheme across versions), nothing else.
 */
export const TABBAR_NOOP = [`'sha256-${createHash('sha256').update('javascript:;').digest('base64')}'`, `'sha256-${createHash('sha256').update(';').digest('base64')}'`]

/** The app's CSP: own origin and the API base only; inline scripts only by hash. */
export function appCsp(config: Pick<Config, 'apiOrigin' | 'trustTlsProxy'>, scriptHashes: string[]): string {
  const connect = ["'self'", ...(config.apiOrigin ? [config.apiOrigin] : [])]
  return [
    "default-src 'self'",
    `script-src 'self' ${scriptHashes.join(' ')} 'unsafe-hashes' ${TABBAR_NOOP.join(' ')}`,
    // Taro and React set inline styles; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    // QR codes and camera frames are drawn into data:/blob: images.
    // The API base too: staff open uploaded materials as images through a signed link.
    `img-src 'self' data: blob:${config.apiOrigin ? ` ${config.apiOrigin}` : ''}`,
    "font-src 'self' data:",
    `connect-src ${connect.join(' ')}`,
    "media-src 'self' blob:",
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(config.trustTlsProxy ? ['upgrade-insecure-requests'] : []),
  ].join('; ')
}

/** JSON and files from the API: nothing may run or be framed. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'"

export const HSTS = 'max-age=63072000; includeSubDomains'

/** Inline script hashes of the built index.html, re-read when the file changes (a redeploy). */
function shellHashes(staticDir: string): () => string[] {
  const file = path.join(staticDir, 'index.html')
  let seen = -1
  let hashes: string[] = []
  return () => {
    let mtime: number
    try {
      mtime = statSync(file).mtimeMs
    } catch {
      return []
    }
    if (mtime !== seen) {
      hashes = inlineScriptHashes(readFileSync(file, 'utf8'))
      seen = mtime
    }
    return hashes
  }
}

/** Whether a request path is the API's (`/api` or under `/api/`), without splitting the URL. */
function isApiUrl(url: string): boolean {
  if (!url.startsWith('/api')) return false
  const c = url.charCodeAt(4)
  // end, '/', '?' or '#'
  return Number.isNaN(c) || c === 47 || c === 63 || c === 35
}

export async function registerSecurity(app: FastifyInstance, config: Config): Promise<void> {
  // Closed by default: with no allow-list, no origin gets Access-Control-Allow-Origin. Closed, the
  // plugin would only run a hook per request that adds nothing (and answer OPTIONS with the 404
  // that no route gives anyway), so it is registered only with an allow-list.
  if (config.corsOrigins.length > 0) {
    await app.register(fastifyCors, {
      origin: config.corsOrigins,
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: ['authorization', 'content-type', 'idempotency-key', 'x-request-id'],
      exposedHeaders: ['x-request-id', 'idempotent-replayed', 'retry-after'],
      credentials: false,
      maxAge: 600,
    })
  }
  const hashes = shellHashes(config.staticDir)
  // One onSend hook for every header the app adds to every answer.
  app.addHook('onSend', (request, reply, payload, done) => {
    const isApi = isApiUrl(request.url)
    if (config.trustTlsProxy) reply.header('strict-transport-security', HSTS)
    reply.header('x-frame-options', 'DENY')
    reply.header('cross-origin-opener-policy', 'same-origin')
    // Swagger UI (/api/docs) sends its own policy for its own page.
    // App files get the app's policy (it also governs sw.js, a worker); API answers run nothing.
    if (!reply.hasHeader('content-security-policy')) reply.header('content-security-policy', isApi ? API_CSP : appCsp(config, hashes()))
    if (isApi) {
      reply.header('referrer-policy', 'no-referrer')
    } else {
      reply.header('referrer-policy', 'same-origin')
      const type = String(reply.getHeader('content-type') ?? '')
      if (/^text\/html/i.test(type)) reply.header('permissions-policy', permissionsPolicy(request.url.split('?')[0]))
    }
    reply.header('x-request-id', request.id)
    reply.header('x-content-type-options', 'nosniff')
    // API answers may hold personal data: never in shared caches unless a route says otherwise.
    if (isApi && request.url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store')
    done(null, payload)
  })
}
