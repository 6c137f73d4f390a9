import { RootStore } from '../../../src/stores/root'
import { feedbackStoreOf } from '../../../src/packages/feedback/use'
import { FeedbackStore, FEEDBACK_CATEGORY_VALUES, CONTENT_MIN, CONTENT_MAX } from '../../../src/packages/feedback/store'
import { FEEDBACK_CATEGORIES, FEEDBACK_CONTENT_MIN, FEEDBACK_CONTENT_MAX } from '../../../src/domain/contract'
import { createApi } from '../../../src/services/api'
import { UUID_V4 } from '../../../src/services/request'
import { messages } from '../../../src/domain/messages'
import { SessionStore } from '../../../src/stores/session'
import { fakePlatform, json } from '../app/fakes'

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
