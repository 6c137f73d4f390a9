import { eq, sql } from 'drizzle-orm'
import { feedback, idempotencyKeys } from '../../mock/src/db/schema'
import type { CreateFeedbackResponse } from '../../src/domain/contract'
import { forEachDatabase, uuid, type TestEnv } from './harness'

const valid = { category: 'problem', content: '预约页面选择日期后一直转圈，无法提交。', contact: '138 1234 5678', channel: 'h5' }

function post(env: TestEnv, body: unknown, key: string | null = uuid()) {
  return env.app.inject({
    method: 'POST',
    url: '/api/feedback',
    headers: { 'content-type': 'application/json', ...(key === null ? {} : { 'idempotency-key': key }) },
    payload: typeof body === 'string' ? body : JSON.stringify(body),
  })
}

async function feedbackCount(env: TestEnv): Promise<number> {
  const [{ n }] = await env.database.db.select({ n: sql<number>`count(*)::int` }).from(feedback)
  return n
}

forEachDatabase('POST /api/feedback', (getEnv, name) => {
  it('stores feedback and answers 201 with its id; the contact phone is encrypted at rest', async () => {
    const env = getEnv()
    const res = await post(env, valid)
    expect(res.statusCode).toBe(201)
    const body = res.json<CreateFeedbackResponse>()
    expect(body.id).toMatch(/^[0-9a-f-]{36}$/)
    expect(Math.abs(Date.parse(body.createdAt) - env.now().getTime())).toBeLessThan(60_000)
    expect(res.headers['idempotent-replayed']).toBeUndefined()

    const [row] = await env.database.db.select().from(feedback).where(eq(feedback.id, body.id))
    expect(row).toMatchObject({ category: 'problem', content: valid.content, channel: 'h5' })
    expect(row.contactEnc).not.toContain('13812345678')
    // Normalised by the domain rule before encryption.
    expect(env.crypto.decrypt(row.contactEnc!)).toBe('13812345678')
  })

  it('accepts feedback without contact or channel', async () => {
    const res = await post(getEnv(), { category: 'praise', content: '窗口工作人员很耐心，谢谢！' })
    expect(res.statusCode).toBe(201)
    const [row] = await getEnv().database.db.select().from(feedback).where(eq(feedback.id, res.json().id))
    expect(row.contactEnc).toBeNull()
    expect(row.channel).toBe('unknown')
  })

  it('replays the first answer for a repeated Idempotency-Key and stores nothing new', async () => {
    const env = getEnv()
    const key = uuid()
    const first = await post(env, valid, key)
    const before = await feedbackCount(env)
    // Same body, keys in another order: still the same request.
    const { contact, category, ...rest } = valid
    const again = await post(env, { ...rest, contact, category }, key)
    expect(again.statusCode).toBe(201)
    expect(again.body).toBe(first.body)
    expect(again.headers['idempotent-replayed']).toBe('true')
    expect(await feedbackCount(env)).toBe(before)
  })

  it('answers 422 when the same key comes with a different body', async () => {
    const env = getEnv()
    const key = uuid()
    expect((await post(env, valid, key)).statusCode).toBe(201)
    const before = await feedbackCount(env)
    const res = await post(env, { ...valid, content: '换了内容的另一条反馈信息' }, key)
    expect(res.statusCode).toBe(422)
    expect(res.json()).toMatchObject({ statusCode: 422, code: 'IDEMPOTENCY_KEY_REUSED', message: expect.any(String) })
    expect(await feedbackCount(env)).toBe(before)
  })

  it('requires an Idempotency-Key (400) and a UUID one', async () => {
    const env = getEnv()
    const before = await feedbackCount(env)
    const missing = await post(env, valid, null)
    expect(missing.statusCode).toBe(400)
    expect(missing.json()).toMatchObject({ statusCode: 400, code: 'IDEMPOTENCY_KEY_REQUIRED' })
    const invalid = await post(env, valid, 'not-a-uuid')
    expect(invalid.statusCode).toBe(400)
    expect(invalid.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_INVALID' })
    expect(await feedbackCount(env)).toBe(before)
  })

  it('does not burn the key on a rejected body: a corrected retry with the same key succeeds', async () => {
    const env = getEnv()
    const key = uuid()
    const bad = await post(env, { ...valid, contact: '12345' }, key)
    expect(bad.statusCode).toBe(400)
    expect(bad.json()).toMatchObject({ code: 'VALIDATION', field: 'contact', message: '请填写正确的 11 位手机号码。' })
    const good = await post(env, valid, key)
    expect(good.statusCode).toBe(201)
  })

  it('rejects content that is only long enough because of spaces', async () => {
    const res = await post(getEnv(), { category: 'other', content: '  好   ' })
    expect(res.statusCode).toBe(400)
    expect(res.json()).toMatchObject({ code: 'VALIDATION', field: 'content' })
  })

  it('counts characters, not bytes: 500 Chinese characters pass, 501 do not', async () => {
    expect((await post(getEnv(), { category: 'other', content: '办'.repeat(500) })).statusCode).toBe(201)
    const long = await post(getEnv(), { category: 'other', content: '办'.repeat(501) })
    expect(long.statusCode).toBe(400)
    expect(long.json()).toMatchObject({ field: 'content', message: expect.stringContaining('500') })
  })

  it(`concurrent duplicates with one key create exactly one row (${name})`, async () => {
    const env = getEnv()
    const key = uuid()
    const body = { ...valid, content: `并发提交测试 ${key}` }
    const answers = await Promise.all(Array.from({ length: 20 }, () => post(env, body, key)))
    expect(answers.map((a) => a.statusCode)).toEqual(Array(20).fill(201))
    expect(new Set(answers.map((a) => a.json().id)).size).toBe(1)
    expect(answers.filter((a) => a.headers['idempotent-replayed'] === 'true')).toHaveLength(19)
    const rows = await env.database.db.select().from(feedback).where(eq(feedback.content, body.content))
    expect(rows).toHaveLength(1)
    const keys = await env.database.db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, key))
    expect(keys).toHaveLength(1)
    expect(keys[0].statusCode).toBe(201)
  })

  it('concurrent requests with different keys all succeed', async () => {
    const env = getEnv()
    const before = await feedbackCount(env)
    const answers = await Promise.all(Array.from({ length: 15 }, (_, i) => post(env, { ...valid, content: `不同的反馈编号 ${i}` })))
    expect(answers.every((a) => a.statusCode === 201)).toBe(true)
    expect(await feedbackCount(env)).toBe(before + 15)
  })
})
