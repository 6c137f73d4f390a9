// Hits the API with real (seeded) personal data in every place a client can put it, then checks
// that none of it reached the logs.
import { Writable } from 'node:stream'
import { asc } from 'drizzle-orm'
import { citizens } from '../../mock/src/db/schema'
import { createLogger, scrubText, scrubUrl, scrubValue } from '../../mock/src/logger'
import { forEachDatabase, uuid } from './harness'

describe('log scrubbing helpers', () => {
  it('replaces ID-number, mobile and bearer-token shapes in text', () => {
    expect(scrubText('id 33020319900101001X and 13812345678, Bearer abc.def-ghi')).toBe('id [ID_NUMBER] and [PHONE], Bearer [REDACTED]')
    expect(scrubText('+8613812345678')).toBe('[PHONE]')
    // Not every long number is personal data: order numbers of other lengths stay.
    expect(scrubText('order 2026112100001')).toBe('order 2026112100001')
  })

  it('blanks sensitive query parameters by name and decodes the rest before scrubbing', () => {
    expect(scrubUrl('/api/x?name=%E5%BC%A0%E4%B8%89&page=2&token=t0k')).toBe('/api/x?name=[REDACTED]&page=2&token=[REDACTED]')
    expect(scrubUrl('/api/x?q=330203199001010014')).toBe('/api/x?q=[ID_NUMBER]')
  })

  it('redacts sensitive keys at any depth', () => {
    expect(scrubValue({ a: { b: [{ idNumber: '1', real_name: '张三', ok: 'fine' }] }, phone: '1' })).toEqual({
      a: { b: [{ idNumber: '[REDACTED]', real_name: '[REDACTED]', ok: 'fine' }] },
      phone: '[REDACTED]',
    })
  })

  it('scrubs child-logger bindings and logged headers as well as log objects', async () => {
    const lines: string[] = []
    const stream = new Writable({
      write(chunk, _enc, cb) {
        lines.push(String(chunk))
        cb()
      },
    })
    const log = createLogger('info', stream)
    log.child({ mobile: '13812345678', note: 'caller 13912345678' }).info({ headers: { authorization: 'Bearer abc.def', cookie: 'sid=s3cr3t' } }, 'hello %s', '330203199001010014')
    await new Promise((r) => setImmediate(r))
    const out = lines.join('')
    for (const secret of ['13812345678', '13912345678', 'abc.def', 's3cr3t', '330203199001010014']) expect(out).not.toContain(secret)
    const line = JSON.parse(out.trim())
    expect(line).toMatchObject({ mobile: '[REDACTED]', note: 'caller [PHONE]', headers: { authorization: '[REDACTED]', cookie: '[REDACTED]' }, msg: 'hello [ID_NUMBER]' })
  })
})

forEachDatabase(
  'logs carry no personal data',
  (getEnv) => {
    it('after requests full of seeded PII, no ID number, phone, name, address or token is in the log', async () => {
      const env = getEnv()
      const [row] = await env.database.db.select().from(citizens).orderBy(asc(citizens.id)).limit(1)
      const idNumber = env.crypto.decrypt(row.idNumberEnc)
      const phone = env.crypto.decrypt(row.phoneEnc!)
      const address = env.crypto.decrypt(row.addressEnc)
      const name = row.name
      const token = `tok_${uuid()}`
      const cookie = `sid_${uuid()}`
      const secrets = [idNumber, phone, name, address, token, cookie, idNumber.slice(0, 14)]

      // Test-only routes that log the way future route code might.
      const inject = env.app.inject.bind(env.app)
      const auth = { authorization: `Bearer ${token}`, cookie: `session=${cookie}` }
      await inject({ url: `/api/regions?parent=330200&idNumber=${idNumber}&name=${encodeURIComponent(name)}&q=${phone}`, headers: auth })
      await inject({ url: `/api/no-such/${idNumber}/${phone}?token=${token}`, headers: auth })
      await inject({
        method: 'POST',
        url: '/api/feedback',
        headers: { ...auth, 'content-type': 'application/json', 'idempotency-key': uuid() },
        payload: JSON.stringify({ category: 'problem', content: `我叫${name}，身份证${idNumber}，电话${phone}，住${address}`, contact: phone }),
      })
      // Malformed JSON: Node's parse error would quote the input.
      await inject({
        method: 'POST',
        url: '/api/feedback',
        headers: { ...auth, 'content-type': 'application/json', 'idempotency-key': uuid() },
        payload: `{"name": "${name}", "idNumber": "${idNumber}", oops`,
      })
      // Extra fields carrying PII.
      await inject({
        method: 'POST',
        url: '/api/feedback',
        headers: { ...auth, 'content-type': 'application/json', 'idempotency-key': uuid() },
        payload: JSON.stringify({ category: 'problem', content: '内容内容内容', idNumber, name }),
      })
      // A server error whose message contains PII, and route code that logs a citizen object.
      await inject({ url: `/api/test-only/boom?phone=${phone}`, headers: auth })
      await inject({ url: '/api/test-only/log-citizen', headers: auth })

      const log = env.logs.join('\n')
      if (process.env.SHOW_LOGS) process.stdout.write(log + '\n')
      expect(env.logs.length).toBeGreaterThan(10)
      for (const s of secrets) expect(log).not.toContain(s)
      // And the logs are still useful: requests, statuses and the scrubbed markers are there.
      expect(log).toContain('"statusCode":500')
      expect(log).toContain('[ID_NUMBER]')
      expect(log).toContain('[REDACTED]')
      expect(log).toContain('"route":"/api/regions"')
      expect(log).toContain('looked up citizen')
      expect(log).toContain('"citizen":{"name":"[REDACTED]"')
    })
  },
  {
    seed: { citizens: 20, enterprises: 2 },
    logLevel: 'trace',
  },
)

// Routes added before ready() only in this suite (buildApp returns an unstarted instance).
jest.mock('../../mock/src/regions/routes', () => {
  const actual = jest.requireActual('../../mock/src/regions/routes')
  return {
    ...actual,
    __esModule: true,
    async default(app: any, options: any) {
      await actual.default(app, options)
      app.get('/api/test-only/boom', async (req: any) => {
        const [c] = await req.db.select().from(require('../../mock/src/db/schema').citizens).limit(1)
        const crypto = require('../../mock/src/crypto').createFieldCrypto(Buffer.alloc(32, 7))
        throw new Error(`lookup failed for ${crypto.decrypt(c.idNumberEnc)} / ${crypto.decrypt(c.phoneEnc)}`)
      })
      app.get('/api/test-only/log-citizen', async (req: any) => {
        const [c] = await req.db.select().from(require('../../mock/src/db/schema').citizens).limit(1)
        const crypto = require('../../mock/src/crypto').createFieldCrypto(Buffer.alloc(32, 7))
        req.log.info({ citizen: { name: c.name, idNumber: crypto.decrypt(c.idNumberEnc), contact: { phone: crypto.decrypt(c.phoneEnc) } } }, 'looked up citizen')
        req.log.info(`citizen ${crypto.decrypt(c.idNumberEnc)} called from ${crypto.decrypt(c.phoneEnc)}`)
        return { ok: true }
      })
    },
  }
})
