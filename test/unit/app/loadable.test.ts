import { autorun } from 'mobx'
import { Loadable, Query } from '../../../src/stores/loadable'
import { ApiError } from '../../../src/services/request'

const refusal = (requiredLevel: string) => new ApiError({ status: 403, code: 'LEVEL_REQUIRED', message: '需要实名', kind: 'http', body: { requiredLevel } })
const wrong = new ApiError({ status: 400, code: 'NAME_MISMATCH', message: '姓名不一致', kind: 'http', field: 'name' })

function deferred() {
  let resolve!: () => void
  let reject!: (e: unknown) => void
  const promise = new Promise<void>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

describe('Loadable', () => {
  test('busy names the running call while it runs, and the state is observable', async () => {
    const s = new Loadable<'send' | 'login'>()
    const seen: string[] = []
    const stop = autorun(() => seen.push(s.busy))
    const d = deferred()
    const run = s.run(() => d.promise, { task: 'send' })
    expect(s.busy).toBe('send')
    d.resolve()
    expect(await run).toBe(true)
    expect(s.busy).toBe('')
    expect(seen).toEqual(['', 'send', ''])
    stop()
  })

  test('a failure shows the server message, the field it blamed and its code; never throws', async () => {
    const s = new Loadable()
    expect(await s.run(() => Promise.reject(wrong))).toBe(false)
    expect(s).toMatchObject({ busy: '', error: '姓名不一致', errorField: 'name', errorCode: 'NAME_MISMATCH', step: null })
    // The next call starts clean.
    const d = deferred()
    const run = s.run(() => d.promise)
    expect(s.error).toBeUndefined()
    expect(s.errorField).toBeUndefined()
    d.resolve()
    await run
  })

  test('a device-side error has a readable text, never the raw one', async () => {
    const s = new Loadable()
    await s.run(() => Promise.reject(new Error('wx.login:fail')))
    expect(s.error).toBeDefined()
    expect(s.error).not.toContain('wx.login')
    expect(s.errorCode).toBe('')
  })

  test('level gate: by default an error; "gate" a step instead; "both" a step beside the error', async () => {
    const plain = new Loadable()
    await plain.run(() => Promise.reject(refusal('L3')))
    expect(plain).toMatchObject({ step: null, error: '需要实名' })

    const gated = new Loadable()
    await gated.run(() => Promise.reject(refusal('L3')), { gate: 'gate' })
    expect(gated).toMatchObject({ step: 'L3', error: undefined })
    // Another refusal is an error, and the step goes.
    await gated.run(() => Promise.reject(wrong), { gate: 'gate' })
    expect(gated).toMatchObject({ step: null, error: '姓名不一致' })

    const both = new Loadable()
    await both.run(() => Promise.reject(refusal('L2')), { gate: 'both' })
    expect(both).toMatchObject({ step: 'L2', error: '需要实名' })
    await both.run(() => Promise.reject(new ApiError({ status: 401, code: 'UNAUTHENTICATED', message: '请登录', kind: 'http' })), { gate: 'both' })
    expect(both.step).toBe('L1')
  })

  test('recover: the store deals with a failure itself (an offline copy), or adds to it', async () => {
    const s = new Loadable()
    expect(await s.run(() => Promise.reject(wrong), { recover: () => true })).toBe(false)
    expect(s.error).toBeUndefined()
    let seen: unknown
    await s.run(() => Promise.reject(wrong), { recover: (e) => void (seen = e) })
    expect(seen).toBe(wrong)
    expect(s.error).toBe('姓名不一致')
  })

  test('retry runs the last call again, with its options', async () => {
    const s = new Loadable()
    expect(await s.retry()).toBe(false)
    const fn = jest.fn().mockRejectedValueOnce(refusal('L2')).mockResolvedValueOnce(undefined)
    await s.run(fn, { gate: 'gate' })
    expect(s.step).toBe('L2')
    expect(await s.retry()).toBe(true)
    expect(fn).toHaveBeenCalledTimes(2)
    expect(s.step).toBeNull()
  })

  test('notices and messages: keepMessages keeps a notice through a reload; clear forgets all', async () => {
    const s = new Loadable()
    s.setNotice('已撤销')
    await s.run(() => Promise.resolve(), { keepMessages: true })
    expect(s.notice).toBe('已撤销')
    await s.run(() => Promise.resolve())
    expect(s.notice).toBeUndefined()
    s.setError('请选择', 'category')
    expect(s).toMatchObject({ error: '请选择', errorField: 'category' })
    s.failed(wrong)
    expect(s.errorField).toBe('name')
    s.clear()
    expect(s).toMatchObject({ error: undefined, errorField: undefined, errorCode: '', step: null, notice: undefined })
  })
})

describe('Query', () => {
  test('holds the answer beside its state; data changes are observable', async () => {
    const q = new Query<{ n: number }>()
    const seen: Array<number | undefined> = []
    const stop = autorun(() => seen.push(q.data?.n))
    await q.run(async () => q.set({ n: 1 }))
    expect(q.data).toEqual({ n: 1 })
    expect(seen).toEqual([undefined, 1])
    stop()
  })
})
