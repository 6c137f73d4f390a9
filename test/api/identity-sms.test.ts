// L1: SMS codes and every limit on them, with an injected clock.
import { createEnv, databases, forEachDatabase } from './harness'
import { TestClock, get, login, newIp, newPhone, outboxCode, post, sendSms } from './identity-helpers'

const clock = new TestClock()
const MIN = 60_000

forEachDatabase(
  'identity: SMS login (L1)',
  (getEnv) => {
    it('sends a 6-digit code to the outbox and signs in with it; the answer masks the phone', async () => {
      const env = getEnv()
      const phone = newPhone()
      const sent = await sendSms(env, phone)
      expect(sent.statusCode).toBe(200)
      expect(sent.json()).toEqual({ phone: `${phone.slice(0, 3)}****${phone.slice(7)}`, expiresInSeconds: 300, resendAfterSeconds: 60 })
      const code = await outboxCode(env, phone)
      expect(code).toMatch(/^\d{6}$/)
      const res = await post(env, '/api/auth/login', { phone, code, channel: 'h5', device: 'Chromium' })
      expect(res.statusCode).toBe(200)
      const tokens = res.json()
      expect(tokens).toMatchObject({ tokenType: 'Bearer', expiresIn: 900 })
      const me = await get(env, '/api/me', { token: tokens.accessToken })
      expect(me.statusCode).toBe(200)
      expect(me.json()).toMatchObject({ level: 'L1', realName: null, phone: `${phone.slice(0, 3)}****${phone.slice(7)}`, acting: { kind: 'self' } })
      expect(me.body).not.toContain(phone)
    })

    it('a code is single use', async () => {
      const env = getEnv()
      const phone = newPhone()
      await sendSms(env, phone)
      const code = await outboxCode(env, phone)
      expect((await post(env, '/api/auth/login', { phone, code })).statusCode).toBe(200)
      const again = await post(env, '/api/auth/login', { phone, code })
      expect(again.statusCode).toBe(400)
      expect(again.json()).toMatchObject({ code: 'SMS_CODE_EXPIRED', field: 'code' })
    })

    it('a code lives 5 minutes', async () => {
      const env = getEnv()
      const phone = newPhone()
      await sendSms(env, phone)
      const code = await outboxCode(env, phone)
      clock.advance(5 * MIN + 1000)
      const res = await post(env, '/api/auth/login', { phone, code })
      expect(res.json()).toMatchObject({ code: 'SMS_CODE_EXPIRED' })
      // Just inside the window works.
      const phone2 = newPhone()
      await sendSms(env, phone2)
      const code2 = await outboxCode(env, phone2)
      clock.advance(5 * MIN - 1000)
      expect((await post(env, '/api/auth/login', { phone: phone2, code: code2 })).statusCode).toBe(200)
    })

    it('a code is bound to its phone and its purpose', async () => {
      const env = getEnv()
      const a = newPhone()
      const b = newPhone()
      await sendSms(env, a)
      const codeA = await outboxCode(env, a)
      await sendSms(env, b)
      const codeB = await outboxCode(env, b)
      if (codeA !== codeB) expect((await post(env, '/api/auth/login', { phone: b, code: codeA })).json().code).toBe('SMS_CODE_WRONG')
      // A re-authentication code does not sign in.
      const c = newPhone()
      await sendSms(env, c, undefined, 'reauth')
      const reauthCode = await outboxCode(env, c)
      expect((await post(env, '/api/auth/login', { phone: c, code: reauthCode })).json().code).toBe('SMS_CODE_EXPIRED')
    })

    it('allows one send per 60 s per phone', async () => {
      const env = getEnv()
      const phone = newPhone()
      expect((await sendSms(env, phone)).statusCode).toBe(200)
      clock.advance(30_000)
      const early = await sendSms(env, phone)
      expect(early.statusCode).toBe(429)
      expect(early.json()).toMatchObject({ code: 'SMS_TOO_SOON', retryAfterSeconds: 30 })
      expect(early.json().message).toContain('30 秒')
      clock.advance(30_000)
      expect((await sendSms(env, phone)).statusCode).toBe(200)
    })

    it('a new code replaces the previous one', async () => {
      const env = getEnv()
      const phone = newPhone()
      await sendSms(env, phone)
      const first = await outboxCode(env, phone)
      clock.advance(MIN)
      await sendSms(env, phone)
      const second = await outboxCode(env, phone)
      if (first !== second) expect((await post(env, '/api/auth/login', { phone, code: first })).statusCode).toBe(400)
      expect((await post(env, '/api/auth/login', { phone, code: second })).statusCode).toBe(200)
    })

    it('allows 10 sends per China calendar day per phone', async () => {
      const env = getEnv()
      const phone = newPhone()
      // Start of a China day (UTC 16:00), so 11 sends a minute apart stay within it.
      clock.t = Date.parse('2026-11-24T16:00:00Z')
      for (let i = 0; i < 10; i++) {
        expect((await sendSms(env, phone)).statusCode).toBe(200)
        clock.advance(MIN)
      }
      const over = await sendSms(env, phone)
      expect(over.statusCode).toBe(429)
      expect(over.json().code).toBe('SMS_DAILY_LIMIT')
      // The next day (China time) starts a fresh count.
      clock.t = Date.parse('2026-11-25T16:00:01Z')
      expect((await sendSms(env, phone)).statusCode).toBe(200)
    })

    it('allows 20 sends per hour per client IP', async () => {
      const env = getEnv()
      const ip = newIp()
      for (let i = 0; i < 20; i++) expect((await sendSms(env, newPhone(), ip)).statusCode).toBe(200)
      const over = await sendSms(env, newPhone(), ip)
      expect(over.statusCode).toBe(429)
      expect(over.json()).toMatchObject({ code: 'SMS_IP_LIMIT', retryAfterSeconds: 3600 })
      // Another address is not affected; after the hour the first one is free again.
      expect((await sendSms(env, newPhone(), newIp())).statusCode).toBe(200)
      clock.advance(60 * MIN)
      expect((await sendSms(env, newPhone(), ip)).statusCode).toBe(200)
    })

    it('5 wrong tries kill the code', async () => {
      const env = getEnv()
      const phone = newPhone()
      await sendSms(env, phone)
      const code = await outboxCode(env, phone)
      const wrong = code === '000000' ? '111111' : '000000'
      for (let left = 4; left >= 1; left--) {
        const res = await post(env, '/api/auth/login', { phone, code: wrong })
        expect(res.statusCode).toBe(400)
        expect(res.json()).toMatchObject({ code: 'SMS_CODE_WRONG', field: 'code', message: `验证码不正确，还可以再试 ${left} 次。重新获取过的，请用最新一条短信中的验证码。` })
      }
      expect((await post(env, '/api/auth/login', { phone, code: wrong })).json().code).toBe('SMS_CODE_DEAD')
      // Even the right code is useless now.
      expect((await post(env, '/api/auth/login', { phone, code })).json().code).toBe('SMS_CODE_EXPIRED')
    })

    it('10 failures within an hour lock the phone for an hour, with lockedUntil', async () => {
      const env = getEnv()
      const phone = newPhone()
      await sendSms(env, phone)
      const code = await outboxCode(env, phone)
      const wrong = code === '000000' ? '111111' : '000000'
      for (let i = 0; i < 9; i++) {
        if (i === 5) {
          clock.advance(MIN)
          await sendSms(env, phone)
        }
        expect((await post(env, '/api/auth/login', { phone, code: wrong })).statusCode).toBe(400)
      }
      const lockedAt = clock.now()
      const tenth = await post(env, '/api/auth/login', { phone, code: wrong })
      expect(tenth.statusCode).toBe(423)
      const until = new Date(lockedAt.getTime() + 60 * MIN).toISOString()
      expect(tenth.json()).toMatchObject({ code: 'LOGIN_LOCKED', lockedUntil: until })
      expect(tenth.json().message).toMatch(/请于 \d\d:\d\d 后再试/)
      // Locked: no code is sent and the right code does not help.
      clock.advance(2 * MIN)
      expect((await sendSms(env, phone)).json()).toMatchObject({ code: 'LOGIN_LOCKED', lockedUntil: until })
      expect((await post(env, '/api/auth/login', { phone, code })).statusCode).toBe(423)
      // After the hour it works again.
      clock.advance(59 * MIN)
      expect((await sendSms(env, phone)).statusCode).toBe(200)
      expect((await post(env, '/api/auth/login', { phone, code: await outboxCode(env, phone) })).statusCode).toBe(200)
    })

    it('failures spread over more than an hour do not lock', async () => {
      const env = getEnv()
      const phone = newPhone()
      for (let round = 0; round < 2; round++) {
        await sendSms(env, phone)
        for (let i = 0; i < 5; i++) await post(env, '/api/auth/login', { phone, code: '000000' === (await outboxCode(env, phone)) ? '111111' : '000000' })
        clock.advance(61 * MIN)
      }
      await sendSms(env, phone)
      expect((await post(env, '/api/auth/login', { phone, code: await outboxCode(env, phone) })).statusCode).toBe(200)
    })

    it('concurrent wrong guesses cannot exceed 5 tries on one code', async () => {
      const env = getEnv()
      const phone = newPhone()
      await sendSms(env, phone)
      const code = await outboxCode(env, phone)
      const guesses = Array.from({ length: 8 }, (_, i) => String(i).repeat(6)).filter((g) => g !== code)
      const answers = await Promise.all(guesses.slice(0, 7).map((g) => post(env, '/api/auth/login', { phone, code: g })))
      const kinds = answers.map((a) => a.json().code)
      expect(kinds.filter((k) => k === 'SMS_CODE_WRONG')).toHaveLength(4)
      expect(kinds.filter((k) => k === 'SMS_CODE_DEAD')).toHaveLength(1)
      expect(kinds.filter((k) => k === 'SMS_CODE_EXPIRED')).toHaveLength(2)
    })

    it('rejects a malformed phone with the domain message', async () => {
      const res = await sendSms(getEnv(), '12345')
      expect(res.statusCode).toBe(400)
      expect(res.json()).toMatchObject({ code: 'VALIDATION', field: 'phone', message: '请输入11位中国大陆手机号码，以1开头' })
    })

    it('stand-in mini login: only codes minted by the dev endpoint, once, within 5 minutes; binding via the phone step', async () => {
      const env = getEnv()
      const mint = async (openid: string) => (await post(env, '/api/dev/mini-code', { platform: 'alipay', openid })).json().code as string
      expect((await post(env, '/api/auth/mini-login', { platform: 'alipay', code: 'made-up' })).json().code).toBe('MINI_CODE_INVALID')
      const code = await mint('2088-standin-1')
      // A weapp login cannot use an alipay code.
      expect((await post(env, '/api/auth/mini-login', { platform: 'weapp', code })).json().code).toBe('MINI_CODE_INVALID')
      const first = await post(env, '/api/auth/mini-login', { platform: 'alipay', code })
      expect(first.json().status).toBe('bind_required')
      expect((await post(env, '/api/auth/mini-login', { platform: 'alipay', code })).json().code).toBe('MINI_CODE_INVALID')
      const t = await login(env, newPhone(), { bindTicket: first.json().bindTicket })
      const again = (await post(env, '/api/auth/mini-login', { platform: 'alipay', code: await mint('2088-standin-1') })).json()
      expect(again.status).toBe('signed_in')
      expect((await get(env, '/api/me', { token: again.tokens.accessToken })).json().accountId).toBe((await get(env, '/api/me', { token: t.accessToken })).json().accountId)
      const stale = await mint('2088-standin-2')
      clock.advance(5 * MIN + 1000)
      expect((await post(env, '/api/auth/mini-login', { platform: 'alipay', code: stale })).json().code).toBe('MINI_CODE_INVALID')
      // An expired binding ticket is refused before the code is spent.
      clock.advance(-(5 * MIN + 1000))
      const late = (await post(env, '/api/auth/mini-login', { platform: 'alipay', code: await mint('2088-standin-3') })).json()
      clock.advance(11 * MIN)
      const phone = newPhone()
      await sendSms(env, phone)
      const res = await post(env, '/api/auth/login', { phone, code: await outboxCode(env, phone), bindTicket: late.bindTicket })
      expect(res.json()).toMatchObject({ code: 'BIND_TICKET_INVALID' })
      expect((await post(env, '/api/auth/login', { phone, code: await outboxCode(env, phone) })).statusCode).toBe(200)
    })

    it('a helper login still works after all this (sanity of the clock)', async () => {
      expect((await login(getEnv())).accessToken).toBeTruthy()
    })
  },
  { seed: false, clock: clock.now },
)

describe.each(databases())('identity: development endpoints in production [%s]', (name, url) => {
  it('GET /api/dev/sms-outbox and /api/dev/mini-code are 404, stand-in mini login is refused', async () => {
    const env = await createEnv(name, url, { seed: false, extraEnv: { NODE_ENV: 'production' } })
    try {
      const outbox = await get(env, `/api/dev/sms-outbox?phone=${newPhone()}`)
      expect(outbox.statusCode).toBe(404)
      expect(outbox.json().code).toBe('NOT_FOUND')
      expect((await post(env, '/api/dev/mini-code', { platform: 'weapp', openid: 'o-test-1' })).statusCode).toBe(404)
      const mini = await post(env, '/api/auth/mini-login', { platform: 'weapp', code: 'anything' })
      expect(mini.statusCode).toBe(403)
      expect(mini.json().code).toBe('STAND_IN_REFUSED')
      // Sending still works (the stand-in gateway), it just cannot be read back.
      expect((await sendSms(env, newPhone())).statusCode).toBe(200)
    } finally {
      await env.dispose()
    }
  }, 120_000)
})
