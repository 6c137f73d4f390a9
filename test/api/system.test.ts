import { CITY } from '../../src/domain'
import type { HealthResponse, MetaResponse, RegionsResponse } from '../../src/domain/contract'
import { forEachDatabase } from './harness'

forEachDatabase('system routes', (getEnv, name) => {
  it('GET /api/health answers ok with the database kind and version', async () => {
    const res = await getEnv().app.inject({ url: '/api/health' })
    expect(res.statusCode).toBe(200)
    const body = res.json<HealthResponse>()
    expect(body.status).toBe('ok')
    expect(body.database).toMatchObject({ status: 'ok', kind: name === 'pglite' ? 'memory' : 'postgres' })
    expect(body.version).toMatch(/^\d+\.\d+\.\d+/)
    expect(body.uptimeSeconds).toBeGreaterThanOrEqual(0)
    expect(res.headers['cache-control']).toBe('no-store')
    expect(res.headers['x-request-id']).toEqual(expect.any(String))
  })

  it('GET /api/meta gives the city, versions and the server time', async () => {
    const before = getEnv().now().getTime()
    const res = await getEnv().app.inject({ url: '/api/meta' })
    expect(res.statusCode).toBe(200)
    const body = res.json<MetaResponse>()
    expect(body.city).toEqual({ code: '330200', name: '宁波市' })
    expect(body.appName).toBe('指尖办')
    expect(body.apiVersion).toMatch(/^\d+\.\d+\.\d+$/)
    const t = Date.parse(body.serverTime)
    expect(t).toBeGreaterThanOrEqual(before - 1000)
    expect(t).toBeLessThanOrEqual(getEnv().now().getTime() + 1000)
  })

  it('GET /api/regions lists provinces, then cities, then 宁波 districts', async () => {
    const top = await getEnv().app.inject({ url: '/api/regions' })
    expect(top.statusCode).toBe(200)
    const provinces = top.json<RegionsResponse>()
    expect(provinces.parent).toBeNull()
    expect(provinces.items.length).toBe(34)
    expect(provinces.items.find((r) => r.code === '330000')).toMatchObject({ name: '浙江省', level: 'province', hasChildren: true })

    const zj = (await getEnv().app.inject({ url: '/api/regions?parent=330000' })).json<RegionsResponse>()
    expect(zj.items.map((r) => r.code)).toContain('330200')

    const nb = await getEnv().app.inject({ url: '/api/regions?parent=330200' })
    expect(nb.statusCode).toBe(200)
    const body = nb.json<RegionsResponse>()
    expect(body.parent).toMatchObject({ code: '330200', name: '宁波市', level: 'city', hasChildren: true })
    expect(body.items.map((r) => r.code)).toEqual(CITY.districts.map((d) => d.code).sort())
    expect(body.items.every((r) => r.level === 'district' && r.parentCode === '330200' && !r.hasChildren)).toBe(true)
    expect(nb.headers['cache-control']).toContain('max-age')
  })

  it('GET /api/regions rejects a malformed code (400) and an unknown one (404)', async () => {
    const bad = await getEnv().app.inject({ url: '/api/regions?parent=33' })
    expect(bad.statusCode).toBe(400)
    expect(bad.json()).toMatchObject({ code: 'VALIDATION', field: 'parent' })
    const unknown = await getEnv().app.inject({ url: '/api/regions?parent=999999' })
    expect(unknown.statusCode).toBe(404)
    expect(unknown.json()).toMatchObject({ statusCode: 404, code: 'REGION_NOT_FOUND', field: 'parent' })
  })

  it('serves the OpenAPI document generated from the contract schemas, and the docs page', async () => {
    const res = await getEnv().app.inject({ url: '/api/openapi.json' })
    expect(res.statusCode).toBe(200)
    const doc = res.json()
    expect(doc.openapi).toMatch(/^3\./)
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/feedback', '/api/health', '/api/meta', '/api/regions']))
    const post = doc.paths['/api/feedback'].post
    expect(post.requestBody.content['application/json'].schema.properties.content).toMatchObject({ minLength: 5, maxLength: 500 })
    expect(post.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ in: 'header', name: 'idempotency-key', required: true })]))
    expect(post.responses['201']).toBeDefined()
    expect(post.responses['422']).toBeDefined()

    const docs = await getEnv().app.inject({ url: '/api/docs' })
    expect(docs.statusCode).toBe(200)
    expect(docs.body).toContain('swagger-ui')
    // Assets come from this server, not a CDN.
    expect(docs.body).not.toMatch(/https?:\/\/(?!localhost)[^"']*swagger/)
    const css = await getEnv().app.inject({ url: '/api/docs/static/swagger-ui.css' })
    expect(css.statusCode).toBe(200)
  })

  it('keeps a well-formed caller request id and returns it', async () => {
    const res = await getEnv().app.inject({ url: '/api/meta', headers: { 'x-request-id': 'gateway-abc-12345' } })
    expect(res.headers['x-request-id']).toBe('gateway-abc-12345')
    const odd = await getEnv().app.inject({ url: '/api/meta', headers: { 'x-request-id': '<script>' } })
    expect(odd.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/)
  })

  // Last: it closes the database under the running app.
  it('GET /api/health answers 503 with the error body when the database is down', async () => {
    await getEnv().database.close()
    const res = await getEnv().app.inject({ url: '/api/health' })
    expect(res.statusCode).toBe(503)
    expect(res.json()).toMatchObject({ statusCode: 503, code: 'SERVICE_UNAVAILABLE', message: expect.stringContaining('稍后') })
    expect(res.headers['retry-after']).toBe('5')
  })
})
