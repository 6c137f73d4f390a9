// The wallet store over a fake of the wallet API (the same interface as services/wallet): cards,
// the live presentation code and the check history each keep their own state; a refusal for want
// of a level becomes a step (the page shows a LevelGate), not an error.
import { WalletStore } from '../../../src/packages/wallet/store'
import { ApiError } from '../../../src/services/request'
import type { WalletApi } from '../../../src/services/wallet'
import type { CredentialSummary, PresentResponse } from '../../../src/domain/contract'
import { DEFAULT_INSTANT } from '../../support/clock'

const CARD = { id: 'c1', type: 'pc', title: '不动产权证书', status: 'active', fields: [], disclosable: ['n', 'no', 'addr', 'area'] } as unknown as CredentialSummary
const level = (requiredLevel: string, reauth = false) => new ApiError({ status: 403, code: 'LEVEL_REQUIRED', message: '需要更高的认证级别', kind: 'http', body: { requiredLevel, ...(reauth ? { reauth } : {}) } })
const offline = () => new ApiError({ status: 0, code: 'OFFLINE', message: '网络未连接', kind: 'offline' })

const T0 = Date.parse(DEFAULT_INSTANT)

/** A code issued at the pinned start (the store judges expiry by the device clock, faked here). */
function code(expiresInMs = 60_000): PresentResponse {
  const now = T0
  return { code: 'x.y.z', issuedAt: new Date(now).toISOString(), expiresAt: new Date(now + expiresInMs).toISOString(), refreshAfterSeconds: 30 }
}

function setup() {
  const api = {
    list: jest.fn(async () => ({ items: [CARD] })),
    present: jest.fn(async (_id: string, _disclose: string[]) => code()),
    verifications: jest.fn(async () => ({ items: [] as Awaited<ReturnType<WalletApi['verifications']>>['items'] })),
  } satisfies WalletApi
  return { api, store: new WalletStore(api) }
}

describe('WalletStore', () => {
  // The refresh timer and the expiry check run on the device clock: both pinned.
  beforeEach(() => jest.useFakeTimers({ now: T0, doNotFake: ['performance'] }))
  afterEach(() => jest.useRealTimers())

  test('cards: busy while loading, then the cards', async () => {
    const { store } = setup()
    const loading = store.load()
    expect(store.listState.busy).toBe('load')
    await loading
    expect(store).toMatchObject({ loaded: true })
    expect(store.listState).toMatchObject({ busy: '', error: undefined, step: null })
    expect(store.byId('c1')?.title).toBe('不动产权证书')
  })

  test('a level refusal on the cards is a step, not an error; a retry after the step shows them', async () => {
    const { store, api } = setup()
    api.list.mockRejectedValueOnce(level('L2', true))
    await store.load()
    expect(store.listState).toMatchObject({ step: 'reauth', error: undefined })
    expect(store.loaded).toBe(false)
    expect(await store.listState.retry()).toBe(true)
    expect(store.listState.step).toBeNull()
    expect(store.items).toHaveLength(1)
  })

  test('other failures are errors with the server words', async () => {
    const { store, api } = setup()
    api.list.mockRejectedValueOnce(offline())
    await store.load()
    expect(store.listState).toMatchObject({ step: null, error: '网络未连接', errorCode: 'OFFLINE' })
  })

  test('present: the chosen fields are sent, the code drawn and refreshed on a timer until stopped', async () => {
    const { store, api } = setup()
    await store.load()
    store.startChoosing('c1')
    expect(store.chosen.length).toBeGreaterThan(0)
    expect(await store.present('c1')).toBe(true)
    expect(api.present).toHaveBeenCalledWith('c1', store.chosen)
    expect(store.qr).toMatch(/^data:image\/png;base64,/)
    expect(store.presentState).toMatchObject({ busy: '', error: undefined, step: null })
    await jest.advanceTimersByTimeAsync(30_000)
    expect(api.present).toHaveBeenCalledTimes(2)
    store.stop()
    await jest.advanceTimersByTimeAsync(60_000)
    expect(api.present).toHaveBeenCalledTimes(2)
  })

  test('showing a card needs a face check: a step on the present part only', async () => {
    const { store, api } = setup()
    await store.load()
    store.startChoosing('c1')
    api.present.mockRejectedValueOnce(level('L3'))
    expect(await store.present('c1')).toBe(false)
    expect(store.presentState).toMatchObject({ step: 'L3', error: undefined })
    expect(store.listState.step).toBeNull()
    expect(store.qr).toBe('')
    // Choosing again starts clean.
    store.startChoosing('c1')
    expect(store.presentState.step).toBeNull()
  })

  test('a refresh that fails offline keeps a still-valid code; a refused one stops and drops an expired code', async () => {
    const { store, api } = setup()
    await store.load()
    store.startChoosing('c1')
    api.present.mockResolvedValueOnce(code(45_000))
    await store.present('c1')
    const shown = store.qr
    api.present.mockRejectedValueOnce(offline())
    await jest.advanceTimersByTimeAsync(30_000)
    expect(store.qr).toBe(shown)
    expect(store.presentState.error).toBe('网络未连接')
    // The code expired meanwhile and the server refuses: nothing stale stays, and no more tries.
    api.present.mockRejectedValueOnce(new ApiError({ status: 410, code: 'CREDENTIAL_REVOKED', message: '证照已注销', kind: 'http' }))
    await jest.advanceTimersByTimeAsync(30_000)
    expect(store.current).toBeUndefined()
    expect(store.qr).toBe('')
    expect(store.presentState.error).toBe('证照已注销')
    await jest.advanceTimersByTimeAsync(90_000)
    expect(api.present).toHaveBeenCalledTimes(3)
  })

  test('check history: its own error, the cards page unaffected', async () => {
    const { store, api } = setup()
    await store.load()
    api.verifications.mockRejectedValueOnce(offline())
    await store.loadChecks()
    expect(store.checksState.error).toBe('网络未连接')
    expect(store.listState.error).toBeUndefined()
    await store.checksState.retry()
    expect(store.checksState.error).toBeUndefined()
  })
})
