// Serving the built PWA: cache rules, SPA fallback, and the note when it is not built.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { brotliCompressSync, brotliDecompressSync } from 'node:zlib'
import os from 'node:os'
import path from 'node:path'
import { cacheControlFor } from '../../mock/src/static'
import { forEachDatabase } from './harness'

function fixturePwa(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'zj-pwa-'))
  mkdirSync(path.join(dir, 'js'))
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>指尖办</title><div id="app"></div>')
  writeFileSync(path.join(dir, 'js', 'app.1a2b3c4d.js'), 'console.log(1)')
  writeFileSync(path.join(dir, 'js', 'app.1a2b3c4d.js.br'), brotliCompressSync('console.log(1)'))
  writeFileSync(path.join(dir, 'sw.js'), 'self.addEventListener("fetch", () => {})')
  writeFileSync(path.join(dir, 'manifest.webmanifest'), '{"name":"指尖办"}')
  writeFileSync(path.join(dir, 'favicon.png'), 'png')
  writeFileSync(path.join(dir, '.build-hash'), 'abc')
  return dir
}

it('cache rules: hashed assets for a year, shell and service worker always revalidated', () => {
  expect(cacheControlFor('/x/js/app.1a2b3c4d.js')).toBe('public, max-age=31536000, immutable')
  expect(cacheControlFor('/x/css/app.deadbeef.css')).toBe('public, max-age=31536000, immutable')
  expect(cacheControlFor('/x/index.html')).toBe('no-cache')
  expect(cacheControlFor('/x/sw.js')).toBe('no-cache')
  expect(cacheControlFor('/x/manifest.webmanifest')).toBe('no-cache')
  expect(cacheControlFor('/x/icons/icon-192.png')).toBe('public, max-age=0, must-revalidate')
  expect(cacheControlFor('/x/js/app.1a2b3c4d.js.br')).toBe('public, max-age=31536000, immutable')
  expect(cacheControlFor('/x/index.html.gz')).toBe('no-cache')
})

forEachDatabase(
  'PWA served at /',
  (getEnv) => {
    const get = (url: string, accept = 'text/html,application/xhtml+xml') => getEnv().app.inject({ url, headers: { accept } })

    it('serves index.html at / with no-cache', async () => {
      const res = await get('/')
      expect(res.statusCode).toBe(200)
      expect(res.headers['content-type']).toContain('text/html')
      expect(res.body).toContain('<div id="app">')
      expect(res.headers['cache-control']).toBe('no-cache')
    })

    it('serves hashed assets immutable, sw.js and the manifest no-cache', async () => {
      const js = await get('/js/app.1a2b3c4d.js', '*/*')
      expect(js.statusCode).toBe(200)
      expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable')
      expect(js.headers['content-type']).toContain('javascript')
      expect((await get('/sw.js', '*/*')).headers['cache-control']).toBe('no-cache')
      expect((await get('/manifest.webmanifest', '*/*')).headers['cache-control']).toBe('no-cache')
      expect(js.headers['etag']).toBeDefined()
    })

    it('sends the pre-compressed sibling to a browser that accepts it, the plain file otherwise', async () => {
      const br = await getEnv().app.inject({ url: '/js/app.1a2b3c4d.js', headers: { accept: '*/*', 'accept-encoding': 'br, gzip' } })
      expect(br.statusCode).toBe(200)
      expect(br.headers['content-encoding']).toBe('br')
      expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable')
      expect(brotliDecompressSync(br.rawPayload).toString()).toBe('console.log(1)')
      const plain = await getEnv().app.inject({ url: '/js/app.1a2b3c4d.js', headers: { accept: '*/*', 'accept-encoding': 'identity' } })
      expect(plain.headers['content-encoding']).toBeUndefined()
      expect(plain.body).toBe('console.log(1)')
    })

    it('falls back to index.html for page navigations outside /api', async () => {
      for (const url of ['/pages/services/index', '/packages/booking/pages/slots?id=3', '/me']) {
        const res = await get(url)
        expect(res.statusCode).toBe(200)
        expect(res.body).toContain('<div id="app">')
        expect(res.headers['cache-control']).toBe('no-cache')
      }
    })

    it('does not fall back for missing files, non-HTML requests, POSTs or /api', async () => {
      expect((await get('/js/missing.1234abcd.js', '*/*')).statusCode).toBe(404)
      expect((await get('/pages/x', 'application/json')).statusCode).toBe(404)
      const api = await get('/api/unknown')
      expect(api.statusCode).toBe(404)
      expect(api.json()).toMatchObject({ code: 'NOT_FOUND' })
      const post = await getEnv().app.inject({ method: 'POST', url: '/me', headers: { accept: 'text/html' } })
      expect(post.statusCode).toBe(404)
    })

    it('/verify (the address printed on e-proofs) leads to the verify page with its query', async () => {
      const res = await get('/verify?code=ABC.DEF')
      expect(res.statusCode).toBe(302)
      expect(res.headers.location).toBe('/packages/records/pages/verify?code=ABC.DEF')
      expect((await get('/verify')).headers.location).toBe('/packages/records/pages/verify')
    })

    it('never serves dotfiles such as .build-hash', async () => {
      expect((await get('/.build-hash', '*/*')).statusCode).toBe(404)
    })
  },
  { staticDir: fixturePwa() },
)

forEachDatabase('PWA not built', (getEnv) => {
  it('answers / with a note on how to build, as HTML or JSON', async () => {
    const html = await getEnv().app.inject({ url: '/', headers: { accept: 'text/html' } })
    expect(html.statusCode).toBe(503)
    expect(html.headers['content-type']).toContain('text/html')
    expect(html.body).toContain('npm run build:h5')
    const json = await getEnv().app.inject({ url: '/', headers: { accept: 'application/json' } })
    expect(json.statusCode).toBe(503)
    expect(json.json().message).toContain('npm run build:h5')
    // The API is unaffected.
    expect((await getEnv().app.inject({ url: '/api/meta' })).statusCode).toBe(200)
  })
})
