// 首页's store when the person switches to acting for a company: nothing of the person's own lists
// may show under the company's title while the company's lists load (the title follows `me`,
// which can answer first).
import { HomeStore } from '../../../src/stores/home'
import { MeStore } from '../../../src/stores/me'
import { SessionStore } from '../../../src/stores/session'
import type { CaseSummary, MeResponse } from '../../../src/domain/contract'
import type { Request } from '../../../src/services/request'
import { flush, memoryStorage } from './fakes'

const NOW = new Date('2026-12-08T02:00:00Z')
const caseOf = (id: string, itemName: string) => ({ id, number: `ZJ${id}`, itemName, state: 'submitted' }) as unknown as CaseSummary

test('switching to the company clears the person\'s cases at once; the company\'s arrive with its own lists', async () => {
  const session = new SessionStore(memoryStorage())
  session.setTokens({ accessToken: 'a-self', refreshToken: 'r-self' })
  let acting: 'self' | 'enterprise' = 'self'
  const meOf = () => ({ level: 'L3', acting: acting === 'self' ? { kind: 'self', label: '本人' } : { kind: 'enterprise', label: '宁波某某有限公司' } }) as unknown as MeResponse
  const me = new MeStore(session, async () => meOf())
  // The company's case list is held back until the test lets it go.
  let releaseCases!: () => void
  const gate = new Promise<void>((r) => (releaseCases = r))
  const request = {
    async get<T>(path: string): Promise<T> {
      if (path === '/api/cases') {
        if (acting === 'enterprise') await gate
        return { items: acting === 'self' ? [caseOf('1', '个人的事')] : [caseOf('2', '公司的事')] } as T
      }
      return { items: [] } as T
    },
    async post<T>(): Promise<T> {
      acting = 'enterprise'
      return { accessToken: 'a-ent', refreshToken: 'r-ent' } as T
    },
    newIdempotencyKey: async () => '00000000-0000-4000-8000-000000000000',
  } as unknown as Request
  const home = new HomeStore(request, session, me)

  await home.load(NOW)
  expect(home.openCases.map((c) => c.itemName)).toEqual(['个人的事'])

  const switched = home.switchTo('enterprise', 'ent-1', NOW)
  await flush()
  // `me` already says 法人; the person's own case must not be listed under it.
  expect(me.me?.acting?.kind).toBe('enterprise')
  expect(home.openCases).toEqual([])
  expect(home.loaded).toBe(false)

  releaseCases()
  expect(await switched).toBe(true)
  expect(home.openCases.map((c) => c.itemName)).toEqual(['公司的事'])
  expect(home.loaded).toBe(true)
})

test('a mount and the first show asking at once make one round of requests; another person signed in gets their own', async () => {
  const jwt = (sub: string) => `h.${Buffer.from(JSON.stringify({ sub, sid: 's', act: { kind: 'self' } })).toString('base64url')}.sig`
  const session = new SessionStore(memoryStorage())
  session.setTokens({ accessToken: jwt('a'), refreshToken: 'r' })
  const me = new MeStore(session, async () => ({ level: 'L3', acting: { kind: 'self', label: '本人' } }) as unknown as MeResponse)
  const asked: string[] = []
  const request = {
    async get<T>(path: string): Promise<T> {
      asked.push(`${session.sender}:${path}`)
      return { items: [] } as T
    },
  } as unknown as Request
  const home = new HomeStore(request, session, me)
  await Promise.all([home.load(NOW), home.load(NOW)])
  expect(asked.filter((p) => p.endsWith('/api/cases'))).toEqual(['a/self/:/api/cases'])

  const first = home.load(NOW)
  session.setTokens({ accessToken: jwt('b'), refreshToken: 'r2' })
  await Promise.all([first, home.load(NOW)])
  expect(asked.filter((p) => p.endsWith('/api/cases')).slice(1)).toEqual(['a/self/:/api/cases', 'b/self/:/api/cases'])
})

test('首页 counts the cards 卡包 lists: expired ones count (and are named), revoked ones are in neither', async () => {
  const { WalletStore } = await import('../../../src/packages/wallet/store')
  const session = new SessionStore(memoryStorage())
  session.setTokens({ accessToken: 'a', refreshToken: 'r' })
  const me = new MeStore(session, async () => ({ level: 'L3', acting: { kind: 'self', label: '本人' } }) as unknown as MeResponse)
  const card = (id: string, status: string) => ({ id, type: 'ss', issuer: '人社局', status, fields: [], disclosable: [] })
  const cards = { items: [card('1', 'active'), card('2', 'expired'), card('3', 'expired'), card('4', 'revoked')] }
  const request = {
    async get<T>(path: string): Promise<T> {
      return (path === '/api/wallet/credentials' ? cards : { items: [] }) as T
    },
  } as unknown as Request
  const home = new HomeStore(request, session, me)
  await home.load(NOW)
  const wallet = new WalletStore({ list: async () => cards, present: async () => { throw new Error('unused') }, verifications: async () => ({ items: [] }) } as never)
  await wallet.load()
  expect(wallet.items.map((c) => c.id)).toEqual(['1', '2', '3'])
  expect(home.cardCount).toBe(wallet.items.length)
  expect(home.expiredCards).toBe(2)
})
