// RecordsStore with a fake API: answers kept on the device (never those read under a mandate),
// shown offline with their 数据截至 time; level errors carry the level to reach; the chart's bars.
import type { SocialSecurityResponse } from '../../../src/domain/contract/records'
import type { PlatformStorage } from '../../../src/platform/types'
import { ApiError } from '../../../src/services/request'
import type { RecordsApi } from '../../../src/services/records'
import { RecordsStore, STORAGE_KEYS, barHeights, yearLabelled, yuan } from '../../../src/packages/records/store'

class MemoryStorage implements PlatformStorage {
  readonly map = new Map<string, string>()
  get(k: string) {
    return this.map.get(k) ?? null
  }
  set(k: string, v: string) {
    this.map.set(k, v)
  }
  remove(k: string) {
    this.map.delete(k)
  }
}

const answer = (acting: 'self' | 'proxy'): SocialSecurityResponse => ({
  asOf: '2026-11-20T02:00:00.000Z',
  subject: { acting, name: '张*' },
  insured: [],
  years: [{ year: 2026, paidMonths: 10, owedMonths: 0, total: 100 }],
  year: 2026,
  months: [],
  totalPaidMonths: 10,
  pensionAccount: 0,
  pension: null,
})

const offline = () => new ApiError({ status: 0, code: 'OFFLINE', message: '网络不可用', kind: 'offline' })

function setup(socialSecurity: RecordsApi['socialSecurity']) {
  const storage = new MemoryStorage()
  const api = { socialSecurity } as unknown as RecordsApi
  return { storage, store: new RecordsStore({ api, storage }) }
}

describe('RecordsStore', () => {
  it('keeps the last own answer and shows it offline, marked as the device copy', async () => {
    let fail = false
    const { store, storage } = setup(async () => {
      if (fail) throw offline()
      return answer('self')
    })
    await store.loadSocial()
    expect(store.social.offline).toBe(false)
    expect(storage.get(STORAGE_KEYS.social)).toContain('2026-11-20T02:00:00.000Z')
    fail = true
    await store.loadSocial()
    expect(store.social).toMatchObject({ offline: true, busy: '', error: undefined })
    expect(store.social.data?.asOf).toBe('2026-11-20T02:00:00.000Z')
    store.clearDevice()
    expect(storage.get(STORAGE_KEYS.social)).toBeNull()
    await store.loadSocial()
    expect(store.social.data).toBeUndefined()
    expect(store.social.error).toBe('网络不可用')
  })

  it('never keeps an answer read under a mandate', async () => {
    const { store, storage } = setup(async () => answer('proxy'))
    await store.loadSocial()
    expect(store.social.data?.subject.acting).toBe('proxy')
    expect(storage.get(STORAGE_KEYS.social)).toBeNull()
  })

  it('a level error names the level to reach and shows no stale data', async () => {
    const { store } = setup(async () => {
      throw new ApiError({ status: 403, code: 'LEVEL_REQUIRED', message: '需要人脸核验', kind: 'http', body: { requiredLevel: 'L3' } })
    })
    await store.loadSocial()
    expect(store.social).toMatchObject({ step: 'L3', error: '需要人脸核验', data: undefined })
  })

  it('chart bars and money', () => {
    expect(barHeights([0, 50, 100, 1])).toEqual([0, 50, 100, 2])
    expect(barHeights([])).toEqual([])
    expect(yuan(123456789)).toBe('1,234,567.89')
    expect(yuan(-5)).toBe('-0.05')
  })
})

test('the chart labels every year when they fit, else every n-th counted back from the latest', () => {
  const labelled = (count: number, max: number) => Array.from({ length: count }, (_, i) => i).filter((i) => yearLabelled(count, i, max))
  expect(labelled(5, 10)).toEqual([0, 1, 2, 3, 4])
  // 19 years (2008–2026) at 10 labels: every 2nd, the latest always.
  expect(labelled(19, 10)).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16, 18])
  expect(labelled(19, 6)).toEqual([2, 6, 10, 14, 18])
  expect(labelled(19, 6).length).toBeLessThanOrEqual(6)
})
