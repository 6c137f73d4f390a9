// The app's outbox (mini-programs' only one): written before sending, kept on network failures,
// dropped once the server answered, resent with the same Idempotency-Key, one send per key at once.
import { CaseOutbox, type OutboxEntry } from '../../../src/services/cases'
import { ApiError } from '../../../src/services/request'

function memory() {
  const m = new Map<string, string>()
  return { get: (k: string) => m.get(k) ?? null, set: (k: string, v: string) => void m.set(k, v) }
}
const entry = (key: string): OutboxEntry => ({ key, body: { itemCode: 'x', form: {}, materials: [] }, title: '临时救助申请', at: 0 })
const offline = () => new ApiError({ status: 0, code: 'NETWORK', kind: 'network', message: 'net' })
const refused = () => new ApiError({ status: 409, code: 'CASE_INVALID_TRANSITION', kind: 'http', message: 'no' })
const ok = (n: string) => ({ cases: [{ number: n }] }) as never

describe('CaseOutbox', () => {
  it('keeps an entry on a network failure and resends it with the same key', async () => {
    const keys: string[] = []
    let fail = true
    const box = new CaseOutbox(memory(), { submit: async (_b, key) => { keys.push(key); if (fail) throw offline(); return ok('ZJ1') } })
    box.add(entry('k1'))
    await expect(box.send(entry('k1'))).rejects.toMatchObject({ kind: 'network' })
    expect(box.list()).toHaveLength(1)
    fail = false
    expect(await box.flush()).toBe(1)
    expect(box.list()).toHaveLength(0)
    expect(keys).toEqual(['k1', 'k1'])
  })
  it('drops an entry the server refused (the user sees the error instead)', async () => {
    const box = new CaseOutbox(memory(), { submit: async () => { throw refused() } })
    box.add(entry('k2'))
    await expect(box.send(entry('k2'))).rejects.toMatchObject({ status: 409 })
    expect(box.list()).toHaveLength(0)
  })
  it('keeps an entry another sender is sending right now (409 IDEMPOTENCY_KEY_IN_USE) and asks for a retry soon; the retry gets the case', async () => {
    let inUse = true
    const box = new CaseOutbox(memory(), { submit: async () => { if (inUse) throw new ApiError({ status: 409, code: 'IDEMPOTENCY_KEY_IN_USE', kind: 'http', message: 'busy' }); return ok('ZJ7') } })
    const heard: string[] = []
    box.onSent((_e, res) => heard.push(res.cases[0].number))
    box.add(entry('k7'))
    expect(await box.flush()).toBe(0)
    expect(box.list()).toHaveLength(1)
    expect(box.retrySoon).toBe(true)
    inUse = false
    expect(await box.flush()).toBe(1)
    expect(box.retrySoon).toBe(false)
    expect(heard).toEqual(['ZJ7'])
  })
  it('keeps an entry while signed out (401): it goes once the person signs in again', async () => {
    let status = 401
    const box = new CaseOutbox(memory(), { submit: async () => { if (status === 401) throw new ApiError({ status: 401, code: 'UNAUTHENTICATED', kind: 'http', message: 'login' }); return ok('ZJ4') } })
    box.add(entry('k5'))
    expect(await box.flush()).toBe(0)
    expect(box.list()).toHaveLength(1)
    status = 201
    expect(await box.flush()).toBe(1)
  })
  it('tells every listener the case numbers once an entry went through, whoever sent it', async () => {
    const box = new CaseOutbox(memory(), { submit: async () => ok('ZJ5') })
    const heard: string[] = []
    box.onSent((e, res) => heard.push(`${e.key}:${res.cases[0].number}`))
    box.add(entry('k6'))
    await box.flush()
    expect(heard).toEqual(['k6:ZJ5'])
  })
  it('one request per key at a time: a flush during a send joins it', async () => {
    let calls = 0
    let release: () => void = () => undefined
    const box = new CaseOutbox(memory(), { submit: () => { calls++; return new Promise((r) => { release = () => r(ok('ZJ2')) }) } })
    box.add(entry('k3'))
    const a = box.send(entry('k3'))
    const b = box.flush()
    release()
    await a
    await b
    expect(calls).toBe(1)
    expect(box.list()).toHaveLength(0)
  })
  it('survives a restart: entries live in storage', async () => {
    const storage = memory()
    new CaseOutbox(storage, { submit: async () => ok('x') }).add(entry('k4'))
    expect(new CaseOutbox(storage, { submit: async () => ok('x') }).list().map((e) => e.key)).toEqual(['k4'])
  })
  it('sends an entry only under the session that queued it (a shared phone never files A\'s application as B)', async () => {
    const storage = memory()
    let who: string | null = 'A/self/'
    const sentAs: string[] = []
    const box = new CaseOutbox(storage, { submit: async (_b, key) => { sentAs.push(`${key}:${who}`); return ok('ZJ8') } }, () => who)
    box.add(entry('k5'))
    expect(box.list()[0].sender).toBe('A/self/')
    who = 'B/self/'
    expect(box.mine()).toHaveLength(0)
    expect(await box.flush()).toBe(0)
    // The same person acting for a company is another sender too.
    who = 'A/enterprise/e1'
    expect(await box.flush()).toBe(0)
    expect(sentAs).toEqual([])
    expect(box.list().map((e) => e.key)).toEqual(['k5'])
    who = 'A/self/'
    expect(await box.flush()).toBe(1)
    expect(sentAs).toEqual(['k5:A/self/'])
  })
  it('an entry queued before senders were recorded is sent by whoever is signed in', async () => {
    const storage = memory()
    storage.set('zj.cases.outbox', JSON.stringify([entry('k6')]))
    const box = new CaseOutbox(storage, { submit: async () => ok('ZJ9') }, () => 'B/self/')
    expect(await box.flush()).toBe(1)
  })
})
