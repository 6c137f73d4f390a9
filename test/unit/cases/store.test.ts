// 我的办件's store over a fake of the cases API (the same interface as services/cases): the list,
// one case and the public lookup each keep their own loading state, so a failure in one part never
// shows in another; a failed load can be retried.
import { CasesStore } from '../../../src/packages/cases/store'
import { CaseOutbox, type CasesApi, type CasesClient } from '../../../src/services/cases'
import { ApiError } from '../../../src/services/request'
import type { PickedFile } from '../../../src/platform/files-types'
import type { CaseDetail, CaseDraftView, CaseLookupResponse, CaseSummary } from '../../../src/domain/contract'

function storage() {
  const m = new Map<string, string>()
  return { get: (k: string) => m.get(k) ?? null, set: (k: string, v: string) => void m.set(k, v), remove: (k: string) => void m.delete(k) }
}

const notUsed = () => Promise.reject(new Error('not used by 我的办件'))

/** Every call of the real API; the ones this store uses are jest mocks with plain answers. */
function fakeApi() {
  const summary = (id: string) => ({ id, number: `N${id}`, state: 'submitted' }) as unknown as CaseSummary
  const detail = (id: string, state = 'submitted') => ({ id, number: `N${id}`, state, timeline: [] }) as unknown as CaseDetail
  const api = {
    form: notUsed,
    known: notUsed,
    upload: jest.fn(async (_bytes: ArrayBuffer, _type: string) => ({ fileId: 'f1' }) as Awaited<ReturnType<CasesApi['upload']>>),
    saveDraft: notUsed,
    drafts: jest.fn(async () => ({ items: [{ id: 'd1' }, { id: 'd2' }] as unknown as CaseDraftView[] })),
    deleteDraft: jest.fn(async (_id: string) => ({ ok: true })),
    submit: notUsed,
    list: jest.fn(async () => ({ items: [summary('c1'), summary('c2')] })),
    get: jest.fn(async (id: string) => detail(id)),
    withdraw: jest.fn(async (id: string, _comment?: string) => detail(id, 'withdrawn')),
    supplement: jest.fn(async (id: string, _m: unknown, _c?: string) => detail(id, 'supplemented')),
    provide: jest.fn(async (id: string, _name: string, _fileIds: string[]) => detail(id)),
    withdrawCommitment: jest.fn(async (id: string, _name: string) => detail(id)),
    rate: jest.fn(async (id: string, _level: number, _tags: string[], _comment?: string) => detail(id, 'concluded')),
    lookup: jest.fn(async (_n: string, _q: string) => ({ number: 'N1', state: 'accepted' }) as unknown as CaseLookupResponse),
    staffQueue: notUsed,
    staffGet: notUsed,
    staffAct: notUsed,
    staffFollowUps: notUsed,
    staffFileLink: notUsed,
    staffReply: notUsed,
    staffRatingFollowUps: notUsed,
    staffRatingReply: notUsed,
    visitRating: notUsed,
    rateVisit: notUsed,
    notifyTemplates: notUsed,
    subscribed: notUsed,
  } satisfies CasesApi
  return api
}

function setup() {
  const api = fakeApi()
  const client: CasesClient = { api, outbox: new CaseOutbox(storage(), api) }
  const chooseFile = jest.fn(async (_opts: { kind: 'image' | 'pdf'; maxEdge: number }): Promise<PickedFile | null> => ({ name: 'a.jpg', type: 'image/jpeg', bytes: new ArrayBuffer(4) }))
  return { api, client, chooseFile, store: new CasesStore({ client, chooseFile }) }
}

const offline = () => new ApiError({ status: 0, code: 'OFFLINE', message: '网络未连接', kind: 'offline' })

describe('CasesStore', () => {
  test('the list: busy while loading, then the cases and drafts', async () => {
    const { store } = setup()
    const loading = store.loadList()
    expect(store.listState.busy).toBe('load')
    await loading
    expect(store.listState.busy).toBe('')
    expect(store.items.map((c) => c.id)).toEqual(['c1', 'c2'])
    expect(store.drafts.map((d) => d.id)).toEqual(['d1', 'd2'])
    expect(store.listState.error).toBeUndefined()
  })

  test('a failed list shows its error on the list only, keeps nothing stale busy, and can be retried', async () => {
    const { store, api } = setup()
    api.list.mockRejectedValueOnce(offline())
    await store.loadList()
    expect(store.listState).toMatchObject({ busy: '', error: '网络未连接', errorCode: 'OFFLINE' })
    expect(store.detailState.error).toBeUndefined()
    expect(store.lookupState.error).toBeUndefined()
    expect(await store.listState.retry()).toBe(true)
    expect(store.listState.error).toBeUndefined()
    expect(store.items).toHaveLength(2)
  })

  test('a refusal for want of a level is shown as the server says it (no gate on these pages)', async () => {
    const { store, api } = setup()
    api.list.mockRejectedValueOnce(new ApiError({ status: 403, code: 'LEVEL_REQUIRED', message: '请先完成实名认证', kind: 'http', body: { requiredLevel: 'L2' } }))
    await store.loadList()
    expect(store.listState).toMatchObject({ error: '请先完成实名认证', step: null })
  })

  test('deleting a draft removes it; a failure shows on the list', async () => {
    const { store, api } = setup()
    await store.loadList()
    await store.deleteDraft('d1')
    expect(api.deleteDraft).toHaveBeenCalledWith('d1')
    expect(store.drafts.map((d) => d.id)).toEqual(['d2'])
    api.deleteDraft.mockRejectedValueOnce(offline())
    await store.deleteDraft('d2')
    expect(store.drafts.map((d) => d.id)).toEqual(['d2'])
    expect(store.listState.error).toBe('网络未连接')
  })

  test('one case: loads, an action replaces it; a failed action keeps it with the error beside it', async () => {
    const { store, api } = setup()
    await store.load('c1')
    expect(store.detail?.id).toBe('c1')
    expect(await store.withdraw('不需要了')).toBe(true)
    expect(api.withdraw).toHaveBeenCalledWith('c1', '不需要了')
    expect(store.detail?.state).toBe('withdrawn')
    api.rate.mockRejectedValueOnce(new ApiError({ status: 409, code: 'CASE_ALREADY_RATED', message: '已经评价过了', kind: 'http' }))
    expect(await store.rate(5, [])).toBe(false)
    expect(store.detail?.state).toBe('withdrawn')
    expect(store.detailState).toMatchObject({ busy: '', error: '已经评价过了' })
    // The list page is not told about another page's failure.
    expect(store.listState.error).toBeUndefined()
  })

  test('a case that cannot be loaded shows the error and no case; without a case nothing is sent', async () => {
    const { store, api } = setup()
    api.get.mockRejectedValueOnce(offline())
    await store.load('c9')
    expect(store.detail).toBeNull()
    expect(store.detailState.error).toBe('网络未连接')
    expect(await store.withdraw()).toBe(false)
    expect(api.withdraw).not.toHaveBeenCalled()
  })

  test('supplement: picked files are uploaded and sent by material; nothing picked sends nothing', async () => {
    const { store, api, chooseFile } = setup()
    await store.load('c1')
    expect(await store.supplement()).toBe(false)
    expect(api.supplement).not.toHaveBeenCalled()
    const picking = store.pick('户口簿', 'image')
    await Promise.resolve()
    await picking
    expect(chooseFile).toHaveBeenCalledWith({ kind: 'image', maxEdge: expect.any(Number) })
    expect(store.picked['户口簿']).toEqual([{ fileId: 'f1', name: 'a.jpg' }])
    expect(await store.supplement('补齐了')).toBe(true)
    expect(api.supplement).toHaveBeenCalledWith('c1', [{ name: '户口簿', mode: 'upload', fileIds: ['f1'] }], '补齐了')
    expect(store.picked).toEqual({})
    expect(store.detail?.state).toBe('supplemented')
  })

  test('a failed upload keeps the picked list as it was and says why', async () => {
    const { store, api } = setup()
    await store.load('c1')
    api.upload.mockRejectedValueOnce(new ApiError({ status: 413, code: 'CASE_UPLOAD_TOO_LARGE', message: '文件太大', kind: 'http' }))
    await store.pick('户口簿', 'image')
    expect(store.picked['户口簿']).toBeUndefined()
    expect(store.detailState.error).toBe('文件太大')
    expect(await store.provide('户口簿')).toBe(false)
  })

  test('the public lookup trims what was typed and has its own state', async () => {
    const { store, api } = setup()
    await store.lookup(' N1 ', ' 1234 ')
    expect(api.lookup).toHaveBeenCalledWith('N1', '1234')
    expect(store.lookupResult?.number).toBe('N1')
    api.lookup.mockRejectedValueOnce(new ApiError({ status: 404, code: 'CASE_NOT_FOUND', message: '没有找到', kind: 'http' }))
    await store.lookup('N2', '0000')
    expect(store.lookupResult).toBeNull()
    expect(store.lookupState.error).toBe('没有找到')
    expect(store.detailState.error).toBeUndefined()
  })
})
