// Every kind of client mistake gets a 4xx with the error body — never a 500.
import { forEachDatabase, uuid, type TestEnv } from './harness'

const json = { 'content-type': 'application/json' }

function postFeedback(env: TestEnv, payload: string | Buffer, headers: Record<string, string> = json) {
  return env.app.inject({ method: 'POST', url: '/api/feedback', headers: { 'idempotency-key': uuid(), ...headers }, payload })
}

function expectErrorBody(res: { statusCode: number; headers: Record<string, unknown>; json: () => any }, status: number, code: string) {
  expect(res.statusCode).toBe(status)
  expect(String(res.headers['content-type'])).toContain('application/json')
  const body = res.json()
  expect(body).toMatchObject({ statusCode: status, code })
  // A sentence in Chinese that tells the user what to do.
  expect(body.message).toMatch(/[\u4e00-\u9fff]/)
  return body
}

forEachDatabase('bad input', (getEnv) => {
  it('unknown /api routes answer a JSON 404, whatever the method and Accept', async () => {
    for (const [method, accept] of [['GET', 'application/json'], ['GET', 'text/html'], ['POST', '*/*'], ['DELETE', '*/*'], ['GET', '*/*']] as const) {
      const res = await getEnv().app.inject({ method, url: '/api/no-such-thing?x=1', headers: { accept, 'idempotency-key': uuid() } })
      expectErrorBody(res, 404, 'NOT_FOUND')
    }
    expectErrorBody(await getEnv().app.inject({ url: '/api' }), 404, 'NOT_FOUND')
  })

  it('malformed JSON → 400 INVALID_JSON', async () => {
    expectErrorBody(await postFeedback(getEnv(), '{"category": "problem", "content": '), 400, 'INVALID_JSON')
    expectErrorBody(await postFeedback(getEnv(), "{'category': 'problem'}"), 400, 'INVALID_JSON')
    // Prototype pollution attempts are refused by the parser, not merged.
    expectErrorBody(await postFeedback(getEnv(), '{"__proto__": {"x": 1}, "category": "problem", "content": "好好好好好好"}'), 400, 'INVALID_JSON')
  })

  it('empty JSON body → 400', async () => {
    expectErrorBody(await postFeedback(getEnv(), ''), 400, 'EMPTY_BODY')
  })

  it('wrong types → 400 naming the field, nothing coerced', async () => {
    const body = expectErrorBody(await postFeedback(getEnv(), JSON.stringify({ category: 'problem', content: 12345678 })), 400, 'VALIDATION')
    expect(body.field).toBe('content')
    const cat = expectErrorBody(await postFeedback(getEnv(), JSON.stringify({ category: 1, content: '内容内容内容' })), 400, 'VALIDATION')
    expect(cat.field).toBe('category')
    const contact = expectErrorBody(await postFeedback(getEnv(), JSON.stringify({ category: 'problem', content: '内容内容内容', contact: 13812345678 })), 400, 'VALIDATION')
    expect(contact.field).toBe('contact')
  })

  it('a body that is not an object → 400', async () => {
    for (const payload of ['[]', '"text"', '42', 'null']) {
      const res = await postFeedback(getEnv(), payload)
      expectErrorBody(res, 400, res.json().code)
      expect(['VALIDATION', 'INVALID_JSON', 'EMPTY_BODY']).toContain(res.json().code)
    }
  })

  it('extra fields → 400 naming the field (not silently dropped)', async () => {
    const body = expectErrorBody(await postFeedback(getEnv(), JSON.stringify({ category: 'problem', content: '内容内容内容', isAdmin: true })), 400, 'VALIDATION')
    expect(body.field).toBe('isAdmin')
    expect(body.message).toContain('isAdmin')
  })

  it('missing required field and bad enum value → 400 naming it', async () => {
    expect(expectErrorBody(await postFeedback(getEnv(), JSON.stringify({ category: 'problem' })), 400, 'VALIDATION').field).toBe('content')
    expect(expectErrorBody(await postFeedback(getEnv(), JSON.stringify({ category: 'spam', content: '内容内容内容' })), 400, 'VALIDATION').field).toBe('category')
  })

  it('oversized body → 413', async () => {
    const big = JSON.stringify({ category: 'other', content: 'x'.repeat(getEnv().config.bodyLimit + 10) })
    const body = expectErrorBody(await postFeedback(getEnv(), big), 413, 'PAYLOAD_TOO_LARGE')
    expect(body.message).toContain('1 MB')
  })

  it('unsupported content type → 415', async () => {
    expectErrorBody(await postFeedback(getEnv(), '<x/>', { 'content-type': 'application/xml' }), 415, 'UNSUPPORTED_MEDIA_TYPE')
  })

  it('bad query values → 400 naming the parameter', async () => {
    const body = expectErrorBody(await getEnv().app.inject({ url: '/api/regions?parent=abc' }), 400, 'VALIDATION')
    expect(body.field).toBe('parent')
  })

  it('NUL and lone surrogates in any string or key → 400 naming the field (issue 21)', async () => {
    for (const payload of [
      '{"category":"problem","content":"内容\\u0000内容内容"}',
      '{"category":"problem","content":"内容内容内容\\ud800"}',
      '{"category":"problem","content":"\\udc00内容内容内容"}',
    ]) {
      const body = expectErrorBody(await postFeedback(getEnv(), payload), 400, 'VALIDATION')
      expect(body.field).toBe('content')
      expect(body.message).toContain('无法识别的字符')
    }
    // A valid pair (an emoji) is text like any other.
    expect((await postFeedback(getEnv(), '{"category":"problem","content":"内容内容内容\\ud83d\\ude00"}')).statusCode).toBe(201)
    const q = expectErrorBody(await getEnv().app.inject({ url: '/api/regions?parent=33%00' }), 400, 'VALIDATION')
    expect(q.field).toBe('parent')
  })

  it('non-finite and out-of-range numbers → 400 naming the field (issue 21)', async () => {
    for (const url of ['/api/catalog/items?pageSize=1e309', '/api/catalog/items?page=Infinity', '/api/halls?lat=1e309&lng=121', '/api/halls?lat=-1e309&lng=121']) {
      const res = await getEnv().app.inject({ url })
      expect(res.statusCode).toBe(400)
      expect(['pageSize', 'page', 'lat']).toContain(res.json().field)
    }
    const big = expectErrorBody(await getEnv().app.inject({ url: '/api/catalog/items?page=99999999999' }), 400, 'VALIDATION')
    expect(big.field).toBe('page')
  })

  it('every request string in the OpenAPI document has a maxLength and every number bounds (issue 21)', async () => {
    const doc = (await getEnv().app.inject({ url: '/api/openapi.json' })).json()
    const open: string[] = []
    const walk = (s: any, where: string): void => {
      if (!s || typeof s !== 'object') return
      if (Array.isArray(s)) return s.forEach((x, i) => walk(x, `${where}[${i}]`))
      const types = ([] as string[]).concat(s.type ?? [])
      const closed = s.enum !== undefined || s.const !== undefined
      if (types.includes('string') && !closed && s.maxLength === undefined && s.format !== 'uuid' && s.format !== 'date-time' && s.format !== 'date') open.push(`${where}: string`)
      if ((types.includes('number') || types.includes('integer')) && !closed && (s.maximum === undefined || s.minimum === undefined)) open.push(`${where}: number`)
      for (const [k, v] of Object.entries(s)) if (k !== 'enum' && k !== 'const' && k !== 'default' && k !== 'examples') walk(v, `${where}.${k}`)
    }
    let n = 0
    for (const [p, item] of Object.entries<any>(doc.paths)) {
      for (const [m, op] of Object.entries<any>(item)) {
        n++
        for (const par of op.parameters ?? []) walk(par.schema, `${m} ${p} ${par.in}.${par.name}`)
        walk(op.requestBody?.content?.['application/json']?.schema, `${m} ${p} body`)
      }
    }
    expect(n).toBeGreaterThan(50)
    expect(open).toEqual([])
  })

  it('a sweep of hostile requests never produces a 5xx', async () => {
    const env = getEnv()
    const requests = [
      { method: 'GET', url: '/api/regions?parent=%E0%A4%A' },
      { method: 'GET', url: '/api/regions?parent[]=330200&parent[]=1' },
      { method: 'GET', url: '/api/%00' },
      { method: 'POST', url: '/api/feedback', headers: { ...json, 'idempotency-key': uuid() }, payload: '{"category":"problem","content":"\\ud800\\ud800\\ud800\\ud800\\ud800"}' },
      { method: 'POST', url: '/api/feedback', headers: { ...json, 'idempotency-key': uuid() }, payload: '{"category":"problem","content":"内容内容内容","contact":"' + '1'.repeat(30) + '"}' },
      { method: 'POST', url: '/api/feedback', headers: { ...json, 'idempotency-key': uuid() }, payload: '{"a":'.repeat(5000) },
      { method: 'POST', url: '/api/feedback', headers: { 'content-type': 'text/plain', 'idempotency-key': uuid() }, payload: 'hello' },
      { method: 'POST', url: '/api/feedback', headers: { 'content-type': 'application/json; charset=latin1', 'idempotency-key': uuid() }, payload: '{}' },
      { method: 'POST', url: '/api/health', headers: { ...json, 'idempotency-key': uuid() }, payload: '{}' },
      { method: 'PUT', url: '/api/feedback', headers: json, payload: '{}' },
    ] as const
    const seen: string[] = []
    for (const r of requests) {
      const res = await env.app.inject(r as never)
      seen.push(`${r.method} ${r.url} ${res.statusCode}`)
      expect(res.statusCode).toBeLessThan(500)
      // Unknown extra query parameters are tolerated (cache busters); everything else is refused.
      if (res.statusCode >= 400) expect(res.json().code).toMatch(/^[A-Z_]+$/)
    }
    expect(seen.filter((l) => / 2\d\d$/.test(l))).toEqual(['GET /api/regions?parent[]=330200&parent[]=1 200'])
  })
})
