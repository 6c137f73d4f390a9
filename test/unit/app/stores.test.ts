import { AppStore, ELDER_FONT_SCALE } from '../../../src/stores/app'
import { SessionStore } from '../../../src/stores/session'
import { createApi } from '../../../src/services/api'
import { messages } from '../../../src/domain/messages'
import { fakePlatform, json, memoryStorage } from './fakes'

const META = { appName: '指尖办', city: { code: '330200', name: '宁波市' }, appVersion: '0.1.0', apiVersion: '1.0.0', serverTime: '2026-01-01T00:00:00.000Z' }

function appStore(opts: Parameters<typeof fakePlatform>[0] = {}) {
  const fp = fakePlatform(opts)
  const session = new SessionStore(fp.platform.storage)
  const api = createApi(fp.platform, session)
  return { ...fp, session, api, app: new AppStore(fp.platform, api) }
}

describe('AppStore', () => {
  test('elder mode follows the system font scale while the user has not chosen', () => {
    expect(appStore({ fontScale: 1 }).app.elderMode).toBe(false)
    expect(appStore({ fontScale: ELDER_FONT_SCALE - 0.01 }).app.elderMode).toBe(false)
    expect(appStore({ fontScale: ELDER_FONT_SCALE }).app.elderMode).toBe(true)
    expect(appStore({ fontScale: 1.3 }).app.elderModeChosen).toBe(false)
  })

  test('the user choice is persisted and wins over the font scale', async () => {
    const { app, platform } = appStore({ fontScale: 1.3 })
    expect(app.elderMode).toBe(true)
    app.setElderMode(false)
    expect(platform.storage.get('zj.prefs.elderMode')).toBe('0')
    // A new start with the same storage and big fonts keeps the user's "off".
    const again = new AppStore(platform, { meta: { get: async () => META } })
    await again.init()
    expect(again.elderMode).toBe(false)
    expect(again.elderModeChosen).toBe(true)
    again.toggleElderMode()
    expect(again.elderMode).toBe(true)
    expect(platform.storage.get('zj.prefs.elderMode')).toBe('1')
  })

  test('init tracks connectivity; dispose stops listening', async () => {
    const { app, setOnline, listenerCount } = appStore({ online: false })
    await app.init()
    expect(app.online).toBe(false)
    setOnline(true)
    expect(app.online).toBe(true)
    await app.init() // idempotent: still one listener
    expect(listenerCount()).toBe(1)
    app.dispose()
    setOnline(false)
    expect(app.online).toBe(true)
    expect(listenerCount()).toBe(0)
  })

  test('privacy guide: open on first launch, remembered once agreed, declining only folds it for this launch', () => {
    const { app, platform } = appStore()
    expect(app.privacyGuideOpen).toBe(true)
    app.declinePrivacy()
    expect(app.privacyGuideOpen).toBe(false)
    expect(app.privacyAccepted).toBe(false)
    // Next launch asks again: declining is not stored as consent.
    const next = new AppStore(platform, { meta: { get: async () => META } })
    expect(next.privacyGuideOpen).toBe(true)
    next.acceptPrivacy()
    expect(new AppStore(platform, { meta: { get: async () => META } }).privacyAccepted).toBe(true)
    // A new privacy text (another version in storage) asks again.
    platform.storage.set('zj.privacy.accepted', '2020-01')
    expect(new AppStore(platform, { meta: { get: async () => META } }).privacyGuideOpen).toBe(true)
  })

  test('weapp privacy check: WeChat waits for the user\'s answer, given once', async () => {
    let ask: ((answer: (agreed: boolean) => void) => void) | undefined
    const { app } = appStore({ onPrivacyAuthorizationNeeded: (h) => { ask = h } })
    await app.init()
    expect(ask).toBeDefined()
    app.declinePrivacy()
    const answer = jest.fn()
    ask!(answer)
    // Asked again: the guide reopens and nothing is answered until the user taps.
    expect(app.privacyGuideOpen).toBe(true)
    expect(answer).not.toHaveBeenCalled()
    app.acceptPrivacy()
    expect(answer).toHaveBeenCalledWith(true)
    app.acceptPrivacy()
    expect(answer).toHaveBeenCalledTimes(1)
    // Already agreed: later checks pass at once.
    const later = jest.fn()
    ask!(later)
    expect(later).toHaveBeenCalledWith(true)
  })

  test('weapp privacy check: declining tells WeChat no', async () => {
    let ask: ((answer: (agreed: boolean) => void) => void) | undefined
    const { app } = appStore({ onPrivacyAuthorizationNeeded: (h) => { ask = h } })
    await app.init()
    const answer = jest.fn()
    ask!(answer)
    app.declinePrivacy()
    expect(answer).toHaveBeenCalledWith(false)
  })

  test('loadMeta stores meta or a zh-CN error', async () => {
    const { app, transport, setOnline } = appStore()
    transport.reply(json(200, META))
    await app.loadMeta()
    expect(app.meta).toEqual(META)
    expect(transport.calls[0].url).toBe('/api/meta')
    setOnline(false)
    await app.loadMeta()
    expect(app.metaError).toBe(messages.platform.request.offline)
    expect(app.metaLoading).toBe(false)
  })
})

describe('SessionStore', () => {
  test('tokens persist across instances; clear removes them', () => {
    const storage = memoryStorage()
    const s = new SessionStore(storage)
    expect(s.isLoggedIn).toBe(false)
    s.setTokens({ accessToken: 'a', refreshToken: 'r' })
    const s2 = new SessionStore(storage)
    expect(s2.isLoggedIn).toBe(true)
    expect(s2.accessToken).toBe('a')
    s2.clear()
    expect(new SessionStore(storage).isLoggedIn).toBe(false)
  })

  test('corrupt storage is dropped', () => {
    const storage = memoryStorage({ 'zj.session': '{nope' })
    expect(new SessionStore(storage).isLoggedIn).toBe(false)
    expect(storage.data.has('zj.session')).toBe(false)
  })

  test('refresh is false until a refresher is plugged in, then rotates tokens', async () => {
    const s = new SessionStore(memoryStorage())
    s.setTokens({ accessToken: 'a', refreshToken: 'r1' })
    await expect(s.refresh()).resolves.toBe(false)
    const seen: string[] = []
    s.setRefresher(async (rt) => {
      seen.push(rt)
      return { accessToken: 'b', refreshToken: 'r2' }
    })
    await expect(s.refresh()).resolves.toBe(true)
    expect(seen).toEqual(['r1'])
    expect(s.accessToken).toBe('b')
  })

  test('follows another tab: its sign-in, token renewal and sign-out hold here too', () => {
    const data = new Map<string, string>()
    const listeners = new Set<(key: string | null) => void>()
    const storage = {
      get: (k: string) => data.get(k) ?? null,
      set: (k: string, v: string) => void data.set(k, v),
      remove: (k: string) => void data.delete(k),
      onExternalChange: (cb: (key: string | null) => void) => {
        listeners.add(cb)
        return () => listeners.delete(cb)
      },
    }
    const otherTab = (key: string | null, value: string | null) => {
      if (key === null) data.clear()
      else if (value === null) data.delete(key)
      else data.set(key, value)
      for (const l of listeners) l(key)
    }
    const s = new SessionStore(storage)
    otherTab('zj.session', JSON.stringify({ accessToken: 'a1', refreshToken: 'r1' }))
    expect(s.accessToken).toBe('a1')
    // Renewed there: this tab must not refresh with the rotated-out token.
    otherTab('zj.session', JSON.stringify({ accessToken: 'a2', refreshToken: 'r2' }))
    expect(s.refreshToken).toBe('r2')
    otherTab('zj.other', 'x')
    expect(s.accessToken).toBe('a2')
    otherTab('zj.session', null)
    expect(s.isLoggedIn).toBe(false)
    otherTab('zj.session', JSON.stringify({ accessToken: 'a3', refreshToken: 'r3' }))
    otherTab(null, null)
    expect(s.isLoggedIn).toBe(false)
  })
})
