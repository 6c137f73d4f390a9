// When a chosen disclosure does not fit the QR, the app proposes the largest part that does
// (issue 21): the domain rule, and the wallet store offering the server's proposal.
import { WalletStore } from '../../../src/packages/wallet/store'
import { ApiError } from '../../../src/services/request'
import type { WalletApi } from '../../../src/services/wallet'
import { CREDENTIAL_DEFS, largestFittingDisclosure, type FieldKey } from '../../../src/domain/wallet/types'
import { pinnedClock } from '../../support/clock'

const SIZE: Record<string, number> = { n: 10, no: 40, addr: 90, area: 6 }
const within = (limit: number) => (subset: FieldKey[]) => subset.reduce((s, k) => s + SIZE[k], 0) <= limit

describe('largestFittingDisclosure', () => {
  it('keeps everything that fits', () => {
    expect(largestFittingDisclosure(['n', 'no', 'addr', 'area'], within(1000))).toEqual(['n', 'no', 'addr', 'area'])
  })
  it('drops the fewest fields, keeping the earliest-chosen among equals', () => {
    expect(largestFittingDisclosure(['n', 'no', 'addr', 'area'], within(100))).toEqual(['n', 'no', 'area'])
    // addr+n and n+no both fit with 2 fields: the one keeping addr, chosen first, wins.
    expect(largestFittingDisclosure(['addr', 'n', 'no'], within(100))).toEqual(['addr', 'n'])
    expect(largestFittingDisclosure(['addr', 'no'], within(60))).toEqual(['no'])
  })
  it('is empty when nothing fits', () => {
    expect(largestFittingDisclosure(['addr'], within(50))).toEqual([])
    expect(largestFittingDisclosure([], within(50))).toEqual([])
  })
  it('every kind has a default within its disclosable fields', () => {
    for (const def of Object.values(CREDENTIAL_DEFS)) for (const k of def.defaultDisclosure) expect(def.disclosable).toContain(k)
  })
})

describe('WalletStore: the offer after DISCLOSURE_TOO_LONG', () => {
  const card = { id: 'c1', type: 'pc', title: '不动产权证书', status: 'active', fields: [], disclosable: ['n', 'no', 'addr', 'area'] }
  function setup() {
    const asked: string[][] = []
    const api: WalletApi = {
      list: async () => ({ items: [card] }) as never,
      verifications: async () => ({ items: [] }),
      present: async (_id, disclose) => {
        asked.push([...disclose])
        if (disclose.includes('addr')) {
          throw new ApiError({ status: 422, code: 'DISCLOSURE_TOO_LONG', message: '选择出示的信息太多', kind: 'http', field: 'disclose', body: { suggestedDisclosure: ['n', 'no', 'area'] } })
        }
        const now = pinnedClock()()
        return { code: 'x.y.z', issuedAt: now.toISOString(), expiresAt: new Date(now.getTime() + 60_000).toISOString(), refreshAfterSeconds: 30 }
      },
    }
    return { store: new WalletStore(api), asked }
  }

  it('offers the part that fits, and presents it when accepted', async () => {
    const { store, asked } = setup()
    await store.load()
    store.startChoosing('c1')
    for (const k of ['addr', 'area'] as FieldKey[]) store.toggle(k)
    expect(await store.present('c1')).toBe(false)
    expect(store.suggestion).toEqual(['n', 'no', 'area'])
    expect(await store.acceptSuggestion('c1')).toBe(true)
    expect(store.chosen).toEqual(['n', 'no', 'area'])
    expect(store.suggestion).toEqual([])
    expect(store.qr).toMatch(/^data:image\/png;base64,/)
    expect(asked).toEqual([['n', 'no', 'addr', 'area'], ['n', 'no', 'area']])
    store.stop()
  })

  it('changing the choice withdraws the offer', async () => {
    const { store } = setup()
    await store.load()
    store.startChoosing('c1')
    store.toggle('addr')
    await store.present('c1')
    expect(store.suggestion.length).toBeGreaterThan(0)
    store.toggle('addr')
    expect(store.suggestion).toEqual([])
    store.stop()
  })
})
