// Staff sign-in: scrypt password + RFC 6238 TOTP, roles, lockout, replay; and the TOTP vectors.
import { SEED_STAFF, seedStaff } from '../../mock/src/identity/staff'
import { hashPassword, verifyPassword } from '../../mock/src/identity/password'
import { base32Decode, base32Encode, hotp, totp } from '../../mock/src/identity/totp'
import { forEachDatabase } from './harness'
import { TestClock, get, login, post } from './identity-helpers'

describe('TOTP (RFC 6238 appendix B) and HOTP (RFC 4226 appendix D)', () => {
  const sha1 = Buffer.from('12345678901234567890')
  const sha256 = Buffer.from('12345678901234567890123456789012')
  const sha512 = Buffer.from('1234567890123456789012345678901234567890123456789012345678901234')
  const vectors: Array<[number, string, string, string]> = [
    [59, '94287082', '46119246', '90693936'],
    [1111111109, '07081804', '68084774', '25091201'],
    [1111111111, '14050471', '67062674', '99943326'],
    [1234567890, '89005924', '91819424', '93441116'],
    [2000000000, '69279037', '90698825', '38618901'],
    [20000000000, '65353130', '77737706', '47863826'],
  ]
  it.each(vectors)('T=%d', (t, s1, s256, s512) => {
    const at = new Date(t * 1000)
    expect(totp(sha1, at, 8, 'sha1')).toBe(s1)
    expect(totp(sha256, at, 8, 'sha256')).toBe(s256)
    expect(totp(sha512, at, 8, 'sha512')).toBe(s512)
  })
  it('HOTP counter values 0..9', () => {
    const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489']
    expect(expected.map((_, i) => hotp(sha1, i))).toEqual(expected)
  })
  it('base32 round-trips (RFC 4648 vectors)', () => {
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI')
    expect(base32Decode('MZXW6YTBOI').toString()).toBe('foobar')
    for (const s of SEED_STAFF) expect(base32Encode(base32Decode(s.totpSecret))).toBe(s.totpSecret)
  })
  it('scrypt hashes verify and differ per salt', async () => {
    const a = await hashPassword('密码 Pass#1')
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/)
    expect(await hashPassword('密码 Pass#1')).not.toBe(a)
    expect(await verifyPassword('密码 Pass#1', a)).toBe(true)
    expect(await verifyPassword('密码 Pass#2', a)).toBe(false)
  })
})

const clock = new TestClock()
const MIN = 60_000
const [windowStaff, , admin] = SEED_STAFF

function creds(s = windowStaff, at = clock.now()) {
  return { username: s.username, password: s.password, totp: totp(base32Decode(s.totpSecret), at) }
}

forEachDatabase(
  'identity: staff accounts',
  (getEnv) => {
    it('the seed creates the documented staff accounts (once)', async () => {
      const env = getEnv()
      expect(await seedStaff(env.database.db, env.crypto)).toBe(0)
      const res = await post(env, '/api/staff/login', creds(admin))
      expect(res.statusCode).toBe(200)
      const list = await get(env, '/api/staff/accounts', { token: res.json().accessToken })
      expect(list.json().items.map((s: { username: string }) => s.username)).toEqual(SEED_STAFF.map((s) => s.username).sort())
    })

    it('signs in with password + TOTP; the token has the staff audience and roles', async () => {
      const env = getEnv()
      clock.advance(MIN)
      const res = await post(env, '/api/staff/login', creds())
      expect(res.statusCode).toBe(200)
      const payload = JSON.parse(Buffer.from(res.json().accessToken.split('.')[1], 'base64url').toString())
      expect(payload).toMatchObject({ aud: 'zhijian-staff', roles: ['window'] })
      const me = await get(env, '/api/staff/me', { token: res.json().accessToken })
      expect(me.json()).toMatchObject({ username: 'window01', roles: ['window'] })
    })

    it('a TOTP code from the previous step is accepted, one from two steps back is not, and none twice', async () => {
      const env = getEnv()
      clock.advance(MIN)
      expect((await post(env, '/api/staff/login', creds(windowStaff, new Date(clock.t - 30_000)))).statusCode).toBe(200)
      clock.advance(MIN)
      expect((await post(env, '/api/staff/login', creds(windowStaff, new Date(clock.t - 60_000)))).json().code).toBe('STAFF_LOGIN_FAILED')
      const c = creds()
      expect((await post(env, '/api/staff/login', c)).statusCode).toBe(200)
      expect((await post(env, '/api/staff/login', c)).json().code).toBe('STAFF_LOGIN_FAILED')
    })

    it('roles gate staff routes: a window clerk cannot list accounts', async () => {
      const env = getEnv()
      clock.advance(MIN)
      const t = (await post(env, '/api/staff/login', creds())).json()
      const res = await get(env, '/api/staff/accounts', { token: t.accessToken })
      expect(res.statusCode).toBe(403)
      expect(res.json().code).toBe('FORBIDDEN')
    })

    it('5 failures in 15 minutes lock the account for 15 minutes; the same message for every wrong factor', async () => {
      const env = getEnv()
      clock.advance(MIN)
      const s = SEED_STAFF[1]
      const wrongs = [
        { ...creds(s), password: 'nope' },
        { ...creds(s), totp: '000000' === creds(s).totp ? '111111' : '000000' },
        { ...creds(s), username: 'nobody', password: 'x' },
      ]
      const msgs = new Set<string>()
      for (let i = 0; i < 4; i++) {
        const res = await post(env, '/api/staff/login', { ...wrongs[i % 2], username: s.username })
        expect(res.statusCode).toBe(401)
        msgs.add(res.json().message)
      }
      expect(msgs.size).toBe(1)
      expect((await post(env, '/api/staff/login', wrongs[2])).json().message).toBe([...msgs][0])
      const fifth = await post(env, '/api/staff/login', wrongs[0])
      expect(fifth.statusCode).toBe(423)
      expect(fifth.json()).toMatchObject({ code: 'STAFF_LOCKED', lockedUntil: new Date(clock.t + 15 * MIN).toISOString() })
      clock.advance(MIN)
      expect((await post(env, '/api/staff/login', creds(s))).statusCode).toBe(423)
      clock.advance(15 * MIN)
      expect((await post(env, '/api/staff/login', creds(s))).statusCode).toBe(200)
    })

    it('staff refresh tokens rotate and log out', async () => {
      const env = getEnv()
      clock.advance(MIN)
      const t = (await post(env, '/api/staff/login', creds())).json()
      const r = await post(env, '/api/auth/refresh', { refreshToken: t.refreshToken })
      expect(r.statusCode).toBe(200)
      expect((await get(env, '/api/staff/me', { token: r.json().accessToken })).statusCode).toBe(200)
      expect((await post(env, '/api/staff/logout', {}, { token: r.json().accessToken })).statusCode).toBe(200)
      expect((await get(env, '/api/staff/me', { token: r.json().accessToken })).json().code).toBe('SESSION_REVOKED')
    })

    it('admins register village agents', async () => {
      const env = getEnv()
      clock.advance(MIN)
      const citizen = await login(env)
      const a = (await post(env, '/api/staff/login', creds(admin))).json()
      expect((await post(env, '/api/staff/village-agents', { phone: citizen.phone, enabled: true }, { token: a.accessToken })).statusCode).toBe(200)
      expect((await get(env, '/api/me', { token: citizen.accessToken })).json().isVillageAgent).toBe(true)
      expect((await post(env, '/api/staff/village-agents', { phone: '19900000000', enabled: true }, { token: a.accessToken })).statusCode).toBe(404)
    })
  },
  { seed: { citizens: 10, enterprises: 1 }, clock: clock.now },
)
