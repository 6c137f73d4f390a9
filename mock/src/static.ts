// Serves the built PWA (dist/h5) at `/`, with the SPA fallback of the browser-mode router.
import { existsSync } from 'node:fs'
import path from 'node:path'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fastifyStatic from '@fastify/static'
import { api } from '../../src/domain/messages/zh-CN/api'
import { ApiError } from './errors'

// Files whose name carries a content hash never change: cache them for a year.
const HASHED = /[.-][0-9a-f]{8,}\.(?:js|css|woff2?|ttf|png|jpe?g|gif|svg|webp|avif|ico|map)$/i
// The shell and the service worker must be re-checked on every visit, or updates never land.
const ALWAYS_REVALIDATE = new Set(['index.html', 'sw.js', 'manifest.webmanifest', 'manifest.json', 'registerSW.js'])

export function cacheControlFor(filePath: string): string {
  // A pre-compressed sibling (app.1a2b3c4d.js.br) is cached like the file it encodes.
  const base = path.basename(filePath).replace(/\.(?:br|gz)$/, '')
  if (ALWAYS_REVALIDATE.has(base)) return 'no-cache'
  if (HASHED.test(base)) return 'public, max-age=31536000, immutable'
  return 'public, max-age=0, must-revalidate'
}

/** The verify page of the records subpackage (src/app.config.ts). */
export const VERIFY_PAGE = '/packages/records/pages/verify'

export function hasPwa(staticDir: string): boolean {
  return existsSync(path.join(staticDir, 'index.html'))
}

/** Registers the PWA files when they exist; returns whether it did. */
export async function registerPwa(app: FastifyInstance, staticDir: string): Promise<boolean> {
  if (!hasPwa(staticDir)) return false
  // The short address printed on e-proofs: anyone can check a proof at /verify (?code=...).
  app.get('/verify', { schema: { hide: true } }, async (request, reply) => {
    const i = request.url.indexOf('?')
    return reply.redirect(`${VERIFY_PAGE}${i >= 0 ? request.url.slice(i) : ''}`, 302)
  })
  await app.register(fastifyStatic, {
    root: staticDir,
    prefix: '/',
    wildcard: true,
    index: ['index.html'],
    cacheControl: false,
    // Serve the .br/.gz files the PWA build writes beside each text asset (scripts/pwa-sw.mjs).
    preCompressed: true,
    dotfiles: 'ignore',
    setHeaders(res, filePath) {
      res.setHeader('cache-control', cacheControlFor(filePath))
    },
  })
  return true
}

function wantsHtml(request: FastifyRequest): boolean {
  return (request.method === 'GET' || request.method === 'HEAD') && /text\/html/i.test(request.headers.accept ?? '')
}

function missingPwaPage(): string {
  const t = api.startup
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${t.pwaMissingTitle}</title></head><body style="font:16px/1.6 system-ui,sans-serif;max-width:40em;margin:2em auto;padding:0 1em"><h1>${t.pwaMissingTitle}</h1><p>${t.pwaMissing}</p><p><a href="/api/docs">/api/docs</a></p></body></html>`
}

/**
 * Unknown `/api/*` routes get the JSON 404; page navigations outside /api get index.html (the
 * client router decides), or a note on how to build when the PWA is missing.
 */
export function notFoundHandler(pwaServed: boolean) {
  return async function notFound(request: FastifyRequest, reply: FastifyReply) {
    const urlPath = request.url.split('?')[0]
    const isApi = urlPath === '/api' || urlPath.startsWith('/api/')
    if (!isApi && (wantsHtml(request) || urlPath === '/')) {
      if (pwaServed) {
        return reply.header('cache-control', 'no-cache').sendFile('index.html')
      }
      if (wantsHtml(request)) return reply.code(503).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(missingPwaPage())
      throw new ApiError(503, 'SERVICE_UNAVAILABLE', api.startup.pwaMissing)
    }
    throw new ApiError(404, 'NOT_FOUND')
  }
}
