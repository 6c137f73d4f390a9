import { randomFillSync } from 'node:crypto'
import { TransportError } from '../../../src/platform/types'
import { ApiError, createRequest, uuidV4, UUID_V4, type RequestOptions, type SessionLike } from '../../../src/services/request'
import { messages } from '../../../src/domain/messages'
import { FakeClock, FakeTransport, flush, json } from './fakes'

const t = messages.platform.request

class FakeSession implements SessionLike {
  accessToken: string | null = 'old'
  refreshCalls = 0
  cleared = 0
  outcome: 'ok' | 'fail' | 'throw' = 'ok'
  release?: () => void
  gate?: Promise<void>
  async refresh(): Promise<boolean> {
    this.refreshCalls++
    if (this.gate) await this.gate
    if (this.outcome === 'throw') throw new Error('boom')
    if (this.outcome === 'fail') return false
    this.accessToken = 'new'
    return true
  }
  clear(): void {
    this.cleared++
    this.accessToken = null
  }
  hold(): void {
    this.gate = new Promise((r) => (this.release = r))
  }
}

function setup(over: Partial<RequestOptions> = {}) {
  const transport = new FakeTransport()
  const clock = new FakeClock()
  const session = new FakeSession()
  let online = true
  const request = createRequest({
    baseUrl: 'https://api.example.cn/',
    transport: transport.fn,
    session,
    randomBytes: (n) => randomFillSync(new Uint8Array(n)),
    isOnline: () => online,
    clock,
    jitter: () => 0.5,
    ...over,
  })
  return { transport, clock, session, request, setOnline: (o: boolean) => (online = o) }
}

async function rejection(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p
  } catch (e) {
    if (e instanceof ApiError) return e
    throw e
  }
  throw new Error('expected a rejection')
}

describe('request wrapper', () => {
  test('joins base URL and query, sends the bearer token, parses JSON', async () => {
    const { transport, request } = setup()
    transport.reply(json(200, { items: [1] }))
    const res = await request.get<{ items: number[] }>('/api/regions', { query: { parent: '330200', x: undefined } })
    expect(res).toEqual({ items: [1] })
    expect(transport.calls[0].url).toBe('https://api.example.cn/api/regions?parent=330200')
    expect(transport.calls[0].headers.Authorization).toBe('Bearer old')
    expect(transport.calls[0].timeoutMs).toBe(10_000)
  })

  test('no Authorization header without a token or with auth: false', async () => {
    const { transport, request, session } = setup()
    transport.reply(json(200, {}), json(200, {}))
    await request.get('/api/meta', { auth: false })
    session.accessToken = null
    await request.get('/api/meta')
    expect(transport.calls[0].headers.Authorization).toBeUndefined()
    expect(transport.calls[1].headers.Authorization).toBeUndefined()
  })

  test('401 → refresh → retries once with the new token', async () => {
    const { transport, request, session } = setup()
    transport.reply(json(401, { statusCode: 401, code: 'TOKEN_EXPIRED', message: '登录已过期，请重新登录。' }), json(200, { ok: 1 }))
    await expect(request.get('/api/me')).resolves.toEqual({ ok: 1 })
    expect(session.refreshCalls).toBe(1)
    expect(transport.calls.map((c) => c.headers.Authorization)).toEqual(['Bearer old', 'Bearer new'])
  })

  test('a second 401 after the refresh is not retried again', async () => {
    const { transport, request, session } = setup()
    const body = { statusCode: 401, code: 'UNAUTHENTICATED', message: '请先登录后再继续。' }
    transport.reply(json(401, body), json(401, body))
    const e = await rejection(request.get('/api/me'))
    expect(e.status).toBe(401)
    expect(e.message).toBe('请先登录后再继续。')
    expect(transport.calls).toHaveLength(2)
    expect(session.refreshCalls).toBe(1)
  })

  test('concurrent 401s share one refresh and both retry', async () => {
    const { transport, request, session } = setup()
    session.hold()
    transport.fallback = (req) => (req.headers.Authorization === 'Bearer new' ? json(200, { url: req.url }) : json(401, {}))
    const a = request.get('/api/a')
    const b = request.get('/api/b')
    const c = request.post('/api/c', { x: 1 })
    await flush()
    session.release!()
    await expect(Promise.all([a, b, c])).resolves.toEqual([
      { url: 'https://api.example.cn/api/a' },
      { url: 'https://api.example.cn/api/b' },
      { url: 'https://api.example.cn/api/c' },
    ])
    expect(session.refreshCalls).toBe(1)
    expect(transport.calls).toHaveLength(6)
  })

  test('refresh failure clears the session and surfaces the 401', async () => {
    const { transport, request, session } = setup()
    session.outcome = 'fail'
    transport.reply(json(401, { statusCode: 401, code: 'TOKEN_EXPIRED', message: '登录已过期，请重新登录。' }))
    const e = await rejection(request.get('/api/me'))
    expect(e.code).toBe('TOKEN_EXPIRED')
    expect(session.cleared).toBe(1)
    expect(session.accessToken).toBeNull()
    expect(transport.calls).toHaveLength(1)
  })

  test('a refresh that gets no answer (it throws) keeps the session: only a refusal ends it', async () => {
    const { transport, request, session } = setup()
    session.outcome = 'throw'
    transport.reply(json(401, {}))
    const e = await rejection(request.get('/api/me'))
    expect(e.status).toBe(401)
    // Signed out by a network blip, the person would also lose what is kept on the device.
    expect(session.cleared).toBe(0)
  })

  test('GET retries 503 with exponential backoff, then succeeds', async () => {
    const { transport, request, clock } = setup({ backoffBaseMs: 300 })
    transport.reply(json(503, {}), json(502, {}), json(200, { ok: true }))
    let done: unknown
    const p = request.get('/api/meta').then((v) => (done = v))
    await flush()
    expect(transport.calls).toHaveLength(1)
    // jitter 0.5 → 300*(0.5+0.25)=225, then 600*0.75=450
    await clock.advance(224)
    expect(transport.calls).toHaveLength(1)
    await clock.advance(1)
    expect(transport.calls).toHaveLength(2)
    await clock.advance(449)
    expect(transport.calls).toHaveLength(2)
    await clock.advance(1)
    await p
    expect(done).toEqual({ ok: true })
    expect(transport.calls).toHaveLength(3)
  })

  test('backoff delay grows and stays within [exp/2, exp]', async () => {
    const lo = setup({ jitter: () => 0, backoffBaseMs: 100 })
    lo.transport.reply(json(504, {}), json(504, {}), json(504, {}))
    const p = rejection(lo.request.get('/x'))
    await lo.clock.advance(50)
    await lo.clock.advance(100)
    const e = await p
    expect(e.status).toBe(504)
    expect(e.message).toBe(t.server)
    expect(lo.transport.calls).toHaveLength(3) // max 3 attempts
    expect(lo.clock.delays.filter((d) => d !== 10_000)).toEqual([50, 100])
  })

  test('GET retries a network error, and gives up after 3 attempts', async () => {
    const { transport, request, clock } = setup()
    transport.reply(new TransportError('network'), new TransportError('network'), new TransportError('network'))
    const p = rejection(request.get('/x'))
    await clock.advance(5000)
    const e = await p
    expect(e.code).toBe('NETWORK')
    expect(e.message).toBe(t.network)
    expect(transport.calls).toHaveLength(3)
  })

  test('POST is never retried automatically (503, network error)', async () => {
    const { transport, request, clock } = setup()
    transport.reply(json(503, {}))
    const p = rejection(request.post('/api/feedback', { a: 1 }))
    await clock.advance(10_000)
    expect((await p).status).toBe(503)
    expect(transport.calls).toHaveLength(1)

    transport.reply(new TransportError('network'))
    const q = rejection(request.post('/api/feedback', { a: 1 }))
    await clock.advance(10_000)
    expect((await q).code).toBe('NETWORK')
    expect(transport.calls).toHaveLength(2)
  })

  test('400 is not retried and carries the server message and field', async () => {
    const { transport, request } = setup()
    transport.reply(
      json(400, { statusCode: 400, code: 'VALIDATION', message: '反馈内容至少需要 5 个字，请补充后提交。', field: 'content' }),
    )
    const e = await rejection(request.get('/api/feedback'))
    expect(e).toBeInstanceOf(ApiError)
    expect(e).toMatchObject({ status: 400, code: 'VALIDATION', field: 'content', kind: 'http' })
    expect(e.message).toBe('反馈内容至少需要 5 个字，请补充后提交。')
    expect(transport.calls).toHaveLength(1)
  })

  test('server error without a usable body → catalogue message; 4xx → unknown message', async () => {
    const { transport, request } = setup({ maxAttempts: 1 })
    transport.reply({ status: 500, headers: {}, body: '<html>oops</html>' }, json(418))
    const a = await rejection(request.get('/a'))
    expect(a).toMatchObject({ status: 500, code: 'SERVER_ERROR', message: t.server })
    const b = await rejection(request.get('/b'))
    expect(b).toMatchObject({ status: 418, code: 'UNKNOWN', message: t.unknown })
  })

  test('every POST has a UUID v4 Idempotency-Key; a passed key is reused', async () => {
    const { transport, request } = setup()
    transport.fallback = json(201, { id: 'x' })
    await request.post('/api/feedback', { a: 1 })
    await request.post('/api/feedback', { a: 1 })
    await request.post('/api/feedback', { a: 1 }, { idempotencyKey: 'f47ac10b-58cc-4372-a567-0e02b2c3d479' })
    await request.post('/api/feedback', { a: 1 }, { idempotencyKey: 'f47ac10b-58cc-4372-a567-0e02b2c3d479' })
    const keys = transport.calls.map((c) => c.headers['Idempotency-Key'])
    expect(keys[0]).toMatch(UUID_V4)
    expect(keys[1]).toMatch(UUID_V4)
    expect(keys[0]).not.toBe(keys[1])
    expect(keys[2]).toBe('f47ac10b-58cc-4372-a567-0e02b2c3d479')
    expect(keys[3]).toBe(keys[2])
    expect(transport.calls[0].headers['Content-Type']).toBe('application/json')
    expect(JSON.parse(transport.calls[0].body!)).toEqual({ a: 1 })
  })

  test('GET has no Idempotency-Key; the 401 retry of a POST keeps its key', async () => {
    const { transport, request } = setup()
    transport.reply(json(200, {}), json(401, {}), json(201, {}))
    await request.get('/a')
    await request.post('/b', {})
    expect(transport.calls[0].headers['Idempotency-Key']).toBeUndefined()
    expect(transport.calls[1].headers['Idempotency-Key']).toMatch(UUID_V4)
    expect(transport.calls[2].headers['Idempotency-Key']).toBe(transport.calls[1].headers['Idempotency-Key'])
  })

  test('uuidV4 sets the version and variant bits', () => {
    expect(uuidV4(new Uint8Array(16).fill(0xff))).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff')
    expect(uuidV4(new Uint8Array(16))).toBe('00000000-0000-4000-8000-000000000000')
    expect(() => uuidV4(new Uint8Array(8))).toThrow(RangeError)
  })

  test('timeout → ApiError with the timeout message (not retried)', async () => {
    const { transport, request, clock } = setup({ timeoutMs: 2000 })
    transport.reply(() => new Promise(() => undefined))
    const p = rejection(request.get('/slow'))
    await clock.advance(1999)
    expect(transport.calls).toHaveLength(1)
    await clock.advance(1)
    const e = await p
    expect(e).toMatchObject({ status: 0, code: 'TIMEOUT', kind: 'timeout', message: t.timeout })
    await clock.advance(60_000)
    expect(transport.calls).toHaveLength(1)
  })

  test('transport-reported timeout maps to the timeout message too', async () => {
    const { transport, request } = setup()
    transport.reply(new TransportError('timeout'))
    expect((await rejection(request.get('/x'))).message).toBe(t.timeout)
  })

  test('offline → offline message without touching the network', async () => {
    const { transport, request, setOnline } = setup()
    setOnline(false)
    const e = await rejection(request.get('/x'))
    expect(e).toMatchObject({ status: 0, code: 'OFFLINE', kind: 'offline', message: t.offline })
    expect(transport.calls).toHaveLength(0)
  })

  test('network failure while the platform went offline reads as offline', async () => {
    const { transport, request, setOnline } = setup()
    transport.reply(() => {
      setOnline(false)
      throw new TransportError('network')
    })
    const e = await rejection(request.post('/x', {}))
    expect(e.code).toBe('OFFLINE')
  })

  test('unparseable 200 body → BAD_RESPONSE with the unknown message; 204 → undefined', async () => {
    const { transport, request } = setup()
    transport.reply({ status: 200, headers: {}, body: 'not json' }, { status: 204, headers: {}, body: '' })
    expect(await rejection(request.get('/x'))).toMatchObject({ code: 'BAD_RESPONSE', message: t.unknown })
    await expect(request.post('/y', {})).resolves.toBeUndefined()
  })
})
