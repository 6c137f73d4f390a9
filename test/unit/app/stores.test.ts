import { AppStore, ELDER_FONT_SCALE } from '../../../src/stores/app'
import { SessionStore } from '../../../src/stores/session'
import { RootStore } from '../../../src/stores/root'
import { feedbackStoreOf } from '../../../src/packages/feedback/use'
import { FeedbackStore, FEEDBACK_CATEGORY_VALUES, CONTENT_MIN, CONTENT_MAX } from '../../../src/packages/feedback/store'
import { FEEDBACK_CATEGORIES, FEEDBACK_CONTENT_MIN, FEEDBACK_CONTENT_MAX } from '../../../src/domain/contract'
import { createApi } from '../../../src/services/api'
import { UUID_V4 } from '../../../src/services/request'
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

describe('FeedbackStore', () => {
  test('its rules are the contract’s', () => {
    expect([...FEEDBACK_CATEGORY_VALUES]).toEqual([...FEEDBACK_CATEGORIES])
    expect(CONTENT_MIN).toBe(FEEDBACK_CONTENT_MIN)
    expect(CONTENT_MAX).toBe(FEEDBACK_CONTENT_MAX)
  })

  function feedback() {
    const fp = fakePlatform()
    const session = new SessionStore(fp.platform.storage)
    const root = new RootStore(createApi(fp.platform, session), fp.platform, session)
    return { ...fp, store: feedbackStoreOf(root) }
  }

  test('live field errors appear for edited fields only, in Chinese', () => {
    const { store } = feedback()
    expect(store.fieldErrors).toEqual({})
    expect(store.canSubmit).toBe(false)
    store.setField('content', '太短')
    expect(store.fieldErrors.content).toBe('反馈内容至少需要 5 个字，请补充后提交。')
    expect(store.fieldErrors.category).toBeUndefined()
    store.setField('content', '   四个字啊   ') // trimmed code points, as the server counts
    expect(store.contentLength).toBe(4)
    expect(store.fieldErrors.content).toBeDefined()
    store.setField('content', '𠀋𠀋𠀋𠀋𠀋') // 5 astral characters = 5, not 10
    expect(store.fieldErrors.content).toBeUndefined()
    store.setField('content', '字'.repeat(501))
    expect(store.fieldErrors.content).toBe('反馈内容最多 500 个字，请删减后提交。')
    store.setField('contact', '12345')
    expect(store.fieldErrors.contact).toBe(messages.validation.phone.format)
    store.setField('contact', '')
    expect(store.fieldErrors.contact).toBeUndefined()
    store.setField('category', 'nonsense')
    expect(store.fieldErrors.category).toBe('请从给出的选项中选择反馈类别。')
  })

  test('submit without valid input shows every error and sends nothing', async () => {
    const { store, transport } = feedback()
    await store.submit()
    expect(Object.keys(store.fieldErrors).sort()).toEqual(['category', 'content'])
    expect(transport.calls).toHaveLength(0)
  })

  test('successful submit posts the trimmed body with channel and normalised phone', async () => {
    const { store, transport } = feedback()
    store.setField('category', 'suggestion')
    store.setField('content', '  希望增加夜间办理时段  ')
    store.setField('contact', '+86 138-0013-8000')
    expect(store.canSubmit).toBe(true)
    transport.reply(json(201, { id: '5f0c8c1e-4b2a-4c39-9d3e-0a1b2c3d4e5f', createdAt: '2026-01-01T00:00:00.000Z' }))
    await store.submit()
    expect(store.submitted?.id).toBe('5f0c8c1e-4b2a-4c39-9d3e-0a1b2c3d4e5f')
    expect(store.error).toBeUndefined()
    const call = transport.calls[0]
    expect(call.method).toBe('POST')
    expect(call.url).toBe('/api/feedback')
    expect(JSON.parse(call.body!)).toEqual({ category: 'suggestion', content: '希望增加夜间办理时段', contact: '13800138000', channel: 'h5' })
    expect(call.headers['Idempotency-Key']).toMatch(UUID_V4)
    store.reset()
    expect(store.draft).toEqual({ category: '', content: '', contact: '' })
    expect(store.submitted).toBeUndefined()
  })

  test('a failed submit keeps the input; retrying the same content reuses the key, new content gets a new one', async () => {
    const { store, transport } = feedback()
    store.setField('category', 'problem')
    store.setField('content', '网页打不开怎么办')
    transport.reply(json(503, { statusCode: 503, code: 'SERVICE_UNAVAILABLE', message: '服务暂时不可用，请稍后再试。' }))
    await store.submit()
    expect(store.error).toBe('服务暂时不可用，请稍后再试。')
    expect(store.submitting).toBe(false)
    expect(store.draft.content).toBe('网页打不开怎么办')
    expect(store.submitted).toBeUndefined()

    transport.reply(json(201, { id: '5f0c8c1e-4b2a-4c39-9d3e-0a1b2c3d4e5f', createdAt: '2026-01-01T00:00:00.000Z' }))
    await store.submit()
    const [k1, k2] = transport.calls.map((c) => c.headers['Idempotency-Key'])
    expect(k2).toBe(k1)
    expect(store.submitted).toBeDefined()

    // A new submission (after reset) gets a fresh key.
    store.reset()
    store.setField('category', 'problem')
    store.setField('content', '网页打不开怎么办')
    transport.reply(json(201, { id: '6f0c8c1e-4b2a-4c39-9d3e-0a1b2c3d4e5f', createdAt: '2026-01-01T00:00:00.000Z' }))
    await store.submit()
    expect(transport.calls[2].headers['Idempotency-Key']).not.toBe(k1)
  })

  test('changed content after a failure gets a new key; a server field error shows on that field until edited', async () => {
    const { store, transport } = feedback()
    store.setField('category', 'other')
    store.setField('content', '第一次的内容')
    transport.reply(json(400, { statusCode: 400, code: 'VALIDATION', message: '请填写正确的 11 位手机号码。', field: 'content' }))
    await store.submit()
    expect(store.fieldErrors.content).toBe('请填写正确的 11 位手机号码。')
    expect(store.canSubmit).toBe(false)
    store.setField('content', '第二次的内容')
    expect(store.fieldErrors.content).toBeUndefined()
    expect(store.canSubmit).toBe(true)
    transport.reply(json(201, { id: '5f0c8c1e-4b2a-4c39-9d3e-0a1b2c3d4e5f', createdAt: '2026-01-01T00:00:00.000Z' }))
    await store.submit()
    const [k1, k2] = transport.calls.map((c) => c.headers['Idempotency-Key'])
    expect(k2).not.toBe(k1)
  })

  test('submitting flag is set during the request and blocks a double submit', async () => {
    const { store, transport } = feedback()
    store.setField('category', 'praise')
    store.setField('content', '窗口服务很好')
    let answer!: () => void
    transport.reply(
      () =>
        new Promise((resolve) => {
          answer = () => resolve(json(201, { id: '5f0c8c1e-4b2a-4c39-9d3e-0a1b2c3d4e5f', createdAt: '2026-01-01T00:00:00.000Z' }))
        }),
    )
    const first = store.submit()
    await new Promise((r) => setImmediate(r))
    expect(store.submitting).toBe(true)
    expect(store.canSubmit).toBe(false)
    await store.submit()
    answer()
    await first
    expect(transport.calls).toHaveLength(1)
    expect(store.submitted).toBeDefined()
  })

  test('a non-API failure still yields a zh-CN error', async () => {
    const store = new FeedbackStore({
      feedback: { submit: async () => Promise.reject(new TypeError('x is undefined')) },
      request: { newIdempotencyKey: async () => 'k' },
    })
    store.setField('category', 'other')
    store.setField('content', '五个字以上')
    await store.submit()
    expect(store.error).toBe(messages.platform.request.unknown)
    expect(store.draft.content).toBe('五个字以上')
  })
})
