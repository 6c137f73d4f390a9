// The root store's token refresh, seen through the account pages' first read of `me`.
import { SessionStore } from '../../../src/stores/session'
import { RootStore } from '../../../src/stores/root'
import { accountStoreOf } from '../../../src/packages/account/use'
import { createApi } from '../../../src/services/api'
import type { MeResponse } from '../../../src/domain/contract'
import { fakePlatform, json } from './fakes'
import { TransportError } from '../../../src/platform/types'

const TOKENS = { accessToken: 'a1', refreshToken: 'r1'.padEnd(30, 'x'), tokenType: 'Bearer' as const, expiresIn: 900, sessionId: '7d1e5a52-3c55-4e0e-9a55-2a4f7a1c2b11' }
const ME: MeResponse = {
  accountId: '1f0e5a52-3c55-4e0e-9a55-2a4f7a1c2b11',
  phone: '138****5678',
  level: 'L1',
  reauthRequired: false,
  realName: null,
  acting: { kind: 'self', id: null, label: '138****5678' },
  isVillageAgent: false,
}
describe('refresh wiring in RootStore', () => {
  const TOK = (a: string, r: string) => ({ accessToken: a, refreshToken: r, tokenType: 'Bearer', expiresIn: 900, sessionId: TOKENS.sessionId })

  test('a 401 refreshes once with the stored refresh token, persists the rotated pair and retries', async () => {
    const fp = fakePlatform()
    const session = new SessionStore(fp.platform.storage)
    session.setTokens({ accessToken: 'old-a', refreshToken: 'old-r' })
    const root = new RootStore(createApi(fp.platform, session), fp.platform, session)
    fp.transport.reply(
      json(401, { statusCode: 401, code: 'TOKEN_EXPIRED', message: '登录已过期' }),
      (req) => {
        expect(req.url).toBe('/api/auth/refresh')
        expect(JSON.parse(req.body as string)).toEqual({ refreshToken: 'old-r' })
        expect(req.headers.Authorization ?? req.headers.authorization).toBeUndefined()
        return json(200, TOK('new-a', 'new-r'))
      },
      (req) => {
        expect(req.headers.Authorization ?? req.headers.authorization).toBe('Bearer new-a')
        return json(200, ME)
      },
    )
    const account = accountStoreOf(root).signIn
    await account.loadMe()
    expect(account.me?.accountId).toBe(ME.accountId)
    // One copy: the 我的 tab (root.me) shows what the account pages loaded.
    expect(root.me.me?.accountId).toBe(ME.accountId)
    expect(JSON.parse(fp.platform.storage.get('zj.session')!)).toEqual({ accessToken: 'new-a', refreshToken: 'new-r' })
    // A restart keeps the rotated pair.
    expect(new SessionStore(fp.platform.storage).refreshToken).toBe('new-r')
  })

  test('a refused refresh (reused token) ends the session', async () => {
    const fp = fakePlatform()
    const session = new SessionStore(fp.platform.storage)
    session.setTokens({ accessToken: 'old-a', refreshToken: 'old-r' })
    const root = new RootStore(createApi(fp.platform, session), fp.platform, session)
    fp.transport.reply(
      json(401, { statusCode: 401, code: 'TOKEN_EXPIRED', message: '登录已过期' }),
      json(401, { statusCode: 401, code: 'REFRESH_REUSED', message: '请重新登录' }),
    )
    // What the device keeps about this person (offline records, last contact details).
    fp.platform.storage.set('zj.records.social', '{"subject":{}}')
    fp.platform.storage.set('zj.cases.contact', '{"phone":"13800000000"}')
    const account = accountStoreOf(root).signIn
    await account.loadMe()
    expect(session.isLoggedIn).toBe(false)
    expect(account.me).toBeUndefined()
    expect(root.me.me).toBeUndefined()
    expect(fp.platform.storage.get('zj.session')).toBeNull()
    // …goes with the session, whatever page is open (the next person on a shared phone).
    expect(fp.platform.storage.get('zj.records.social')).toBeNull()
    expect(fp.platform.storage.get('zj.cases.contact')).toBeNull()
  })

  test('a refresh that gets no answer keeps the person signed in, with their offline copies', async () => {
    const fp = fakePlatform()
    const session = new SessionStore(fp.platform.storage)
    session.setTokens({ accessToken: 'old-a', refreshToken: 'old-r' })
    fp.platform.storage.set('zj.records.social', '{"subject":{}}')
    const root = new RootStore(createApi(fp.platform, session), fp.platform, session)
    fp.transport.reply(json(401, { statusCode: 401, code: 'TOKEN_EXPIRED', message: '登录已过期' }))
    fp.transport.fallback = new TransportError('network')
    await accountStoreOf(root).signIn.loadMe()
    expect(session.isLoggedIn).toBe(true)
    expect(session.refreshToken).toBe('old-r')
    expect(fp.platform.storage.get('zj.records.social')).toBe('{"subject":{}}')
  })

  test('a tab with no session that meets a 401 leaves a sign-in made in another tab alone', async () => {
    const fp = fakePlatform()
    const anonymous = new SessionStore(fp.platform.storage)
    // Another tab signs in after this one started: the storage is shared.
    new SessionStore(fp.platform.storage).setTokens({ accessToken: 'b-a', refreshToken: 'b-r' })
    anonymous.clear()
    expect(JSON.parse(fp.platform.storage.get('zj.session')!)).toEqual({ accessToken: 'b-a', refreshToken: 'b-r' })
    // Nor does a signed-in tab whose own pair was replaced meanwhile (a newer sign-in elsewhere).
    const old = new SessionStore(fp.platform.storage)
    new SessionStore(fp.platform.storage).setTokens({ accessToken: 'c-a', refreshToken: 'c-r' })
    old.clear()
    expect(old.isLoggedIn).toBe(false)
    expect(JSON.parse(fp.platform.storage.get('zj.session')!).refreshToken).toBe('c-r')
    // Its own pair, or a corrupt entry, goes.
    const own = new SessionStore(fp.platform.storage)
    own.clear()
    expect(fp.platform.storage.get('zj.session')).toBeNull()
    fp.platform.storage.set('zj.session', '{not json')
    new SessionStore(fp.platform.storage).clear()
    expect(fp.platform.storage.get('zj.session')).toBeNull()
  })
  // Tabs share the storage, and another tab's change reaches this one late (a storage event).
  const jwt = (sub: string, n: number) => `h.${Buffer.from(JSON.stringify({ sub, act: { kind: 'self' }, n })).toString('base64url')}.s`

  test('another tab renewed the pair already: no refresh with the rotated-out token, the request goes on with theirs', async () => {
    const fp = fakePlatform()
    const session = new SessionStore(fp.platform.storage)
    session.setTokens({ accessToken: jwt('A', 1), refreshToken: 'a-r1' })
    const root = new RootStore(createApi(fp.platform, session), fp.platform, session)
    fp.transport.reply(
      (req) => {
        // The other tab renews while this request is on its way; its event has not arrived.
        fp.platform.storage.set('zj.session', JSON.stringify({ accessToken: jwt('A', 2), refreshToken: 'a-r2' }))
        expect(req.url).toBe('/api/me')
        return json(401, { statusCode: 401, code: 'TOKEN_EXPIRED', message: '登录已过期' })
      },
      (req) => {
        expect(req.url).toBe('/api/me')
        expect(req.headers.Authorization ?? req.headers.authorization).toBe(`Bearer ${jwt('A', 2)}`)
        return json(200, ME)
      },
    )
    await accountStoreOf(root).signIn.loadMe()
    expect(fp.transport.calls.map((c) => c.url)).toEqual(['/api/me', '/api/me'])
    expect(session.refreshToken).toBe('a-r2')
  })

  test('someone else signed in in another tab during this tab\'s refresh: their session stands, and this request is not sent as them', async () => {
    const fp = fakePlatform()
    const session = new SessionStore(fp.platform.storage)
    session.setTokens({ accessToken: jwt('A', 1), refreshToken: 'a-r1' })
    const root = new RootStore(createApi(fp.platform, session), fp.platform, session)
    const B = { accessToken: jwt('B', 1), refreshToken: 'b-r1' }
    fp.transport.reply(json(401, { statusCode: 401, code: 'TOKEN_EXPIRED', message: '登录已过期' }), (req) => {
      expect(req.url).toBe('/api/auth/refresh')
      fp.platform.storage.set('zj.session', JSON.stringify(B))
      return json(200, TOK(jwt('A', 2), 'a-r2'))
    })
    const account = accountStoreOf(root).signIn
    await account.loadMe()
    // Not retried as B, and A's renewed pair is not written over B's sign-in.
    expect(fp.transport.calls.map((c) => c.url)).toEqual(['/api/me', '/api/auth/refresh'])
    expect(account.me).toBeUndefined()
    expect(JSON.parse(fp.platform.storage.get('zj.session')!)).toEqual(B)
    expect(session.accessToken).toBe(B.accessToken)
  })

  test('another tab signed out during this tab\'s refresh: this tab does not sign back in', async () => {
    const fp = fakePlatform()
    const session = new SessionStore(fp.platform.storage)
    session.setTokens({ accessToken: jwt('A', 1), refreshToken: 'a-r1' })
    const root = new RootStore(createApi(fp.platform, session), fp.platform, session)
    fp.transport.reply(json(401, { statusCode: 401, code: 'TOKEN_EXPIRED', message: '登录已过期' }), () => {
      fp.platform.storage.remove('zj.session')
      return json(200, TOK(jwt('A', 2), 'a-r2'))
    })
    await accountStoreOf(root).signIn.loadMe()
    expect(session.isLoggedIn).toBe(false)
    expect(fp.platform.storage.get('zj.session')).toBeNull()
  })
})
