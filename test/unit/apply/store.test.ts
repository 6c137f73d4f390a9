// The apply page's store: the device draft survives a reload, the form is checked with the domain
// rules as typed, and a submission without an answer waits in the outbox (never lost).
import { ApplyStore } from '../../../src/packages/apply/store'
import { CaseOutbox, type CasesApi, type CasesClient } from '../../../src/services/cases'
import { ApiError } from '../../../src/services/request'

function storage() {
  const m = new Map<string, string>()
  return { get: (k: string) => m.get(k) ?? null, set: (k: string, v: string) => void m.set(k, v), remove: (k: string) => void m.delete(k), m }
}

const FORM = {
  itemCodes: ['I1'],
  title: '临时救助申请',
  fields: [
    { key: 'applicantName', label: '申请人姓名', kind: 'text', required: true, prefill: 'name' },
    { key: 'phone', label: '联系电话', kind: 'phone', required: true },
  ],
  materials: [
    { name: '居民身份证', required: true, modes: ['shared', 'upload'] },
    { name: '困难情况说明', required: true, modes: ['upload', 'commitment', 'deferred'], commitmentText: '…' },
  ],
  rules: [],
  promisedDays: 3,
  deferredDueWorkingDays: 10,
}

function client(submit: CasesApi['submit'], st = storage()): CasesClient {
  const api = { form: async () => FORM, submit } as unknown as CasesApi
  return { api, outbox: new CaseOutbox(st, api) }
}

const deps = (c: CasesClient, st: ReturnType<typeof storage>) => ({ client: c, storage: st, randomBytes: (n: number) => new Uint8Array(n).map((_, i) => i + 1), channel: 'h5' as const })

describe('ApplyStore', () => {
  it('checks as the user types, keeps a device draft, and restores it', async () => {
    const st = storage()
    const s = new ApplyStore(deps(client(async () => ({ cases: [] })), st))
    await s.load('I1', false)
    expect(s.editable.map((f) => f.key)).toEqual(['phone'])
    s.setValue('phone', '123')
    expect(s.fieldErrors.phone).toMatch(/11位手机号码/)
    s.setValue('phone', '13800138000')
    s.setMode('困难情况说明', 'deferred')
    const again = new ApplyStore(deps(client(async () => ({ cases: [] })), st))
    await again.load('I1', false)
    expect(again.restored).toBe(true)
    expect(again.values.phone).toBe('13800138000')
    expect(again.materials['困难情况说明'].mode).toBe('deferred')
    expect(again.materials['居民身份证'].mode).toBe('shared')
    expect(again.clientRef).toBe(s.clientRef)
  })

  it('a commitment must be read and accepted before submitting', async () => {
    const st = storage()
    const s = new ApplyStore(deps(client(async () => ({ cases: [] })), st))
    await s.load('I1', false)
    s.setValue('phone', '13800138000')
    s.setMode('困难情况说明', 'commitment')
    await s.submit()
    expect(s.materialProblems).toEqual(['困难情况说明'])
    expect(s.result).toBeNull()
  })

  it('no answer: the submission waits in the outbox with its key, and the draft is cleared', async () => {
    const st = storage()
    const keys: string[] = []
    const s = new ApplyStore(deps(client(async (_b, key) => { keys.push(key); throw new ApiError({ status: 0, code: 'OFFLINE', kind: 'offline', message: '无网络' }) }, st), st))
    await s.load('I1', false)
    s.setValue('phone', '13800138000')
    s.setMode('困难情况说明', 'deferred')
    await s.submit()
    expect(s.queued).toBe(true)
    const box = JSON.parse(st.get('zj.cases.outbox')!)
    expect(box).toHaveLength(1)
    expect(box[0].key).toBe(keys[0])
    expect(box[0].body).toMatchObject({ itemCode: 'I1', form: { phone: '13800138000' }, materials: [{ name: '居民身份证', mode: 'shared' }, { name: '困难情况说明', mode: 'deferred' }] })
    expect(st.get('zj.cases.draft.i.I1')).toBeNull()
  })

  it('success is said once: the receipt on the apply page, not also the app-wide 已提交 note; a send after leaving the page is announced', async () => {
    const st = storage()
    let online = true
    const RES = { cases: [{ id: 'c1', number: 'ZJ20261207000001' }] } as never
    const c = client(async () => { if (!online) throw new ApiError({ status: 0, code: 'OFFLINE', kind: 'offline', message: '无网络' }); return RES }, st)
    const announced: string[] = []
    const heard: string[] = []
    c.outbox.onSentElsewhere((e) => announced.push(e.key))
    c.outbox.onSent((e) => heard.push(e.key))
    const s = new ApplyStore(deps(c, st))
    const fillAndSubmit = async () => {
      await s.load('I1', false)
      s.setValue('phone', '13800138000')
      s.setMode('困难情况说明', 'deferred')
      await s.submit()
    }
    await fillAndSubmit()
    expect(s.result).toEqual(RES)
    expect(heard).toHaveLength(1)
    expect(announced).toEqual([])

    // Queued offline while the page is open, sent by the app's outbox: still only the receipt here.
    online = false
    await fillAndSubmit()
    expect(s.queued).toBe(true)
    online = true
    expect(await c.outbox.flush()).toBe(1)
    expect(s.result).toEqual(RES)
    expect(announced).toEqual([])

    // Queued, then the person left the page: the app-wide note is the only place that says it.
    online = false
    await fillAndSubmit()
    s.leave()
    online = true
    expect(await c.outbox.flush()).toBe(1)
    expect(announced).toHaveLength(1)
  })

  it('knows before the form what the account already misses (高龄津贴 under 80), and forgets it for another form', async () => {
    const st = storage()
    const unmet = [{ id: 'age', description: '年满80周岁（人口库核验）' }]
    const api = { form: async () => FORM, known: async (code: string) => ({ contact: {}, open: [], ...(code === 'ELDER' ? { unmet } : {}) }) } as unknown as CasesApi
    const s = new ApplyStore({ ...deps({ api, outbox: new CaseOutbox(st, api) }, st), signedIn: () => true })
    await s.load('ELDER', false)
    expect(s.unmet).toEqual(unmet)
    await s.load('I1', false)
    expect(s.unmet).toEqual([])
  })
})
