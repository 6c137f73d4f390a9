// 办件 through the API on PGlite and PostgreSQL: forms, uploads checked by bytes, submission with
// an upload and a 告知承诺 (L3; refused on the dishonesty list), idempotent retries, the full
// officer path by role with a supplement, invalid transitions (409), ratings with follow-up, the
// public lookup with its limit, drafts, withdrawal, and 秒批 end to end.
import { eq, like } from 'drizzle-orm'
import { caseEvents, cases, credentials, enterprises, inboxMessages } from '../../mock/src/db/schema'
import { forEachDatabase, uuid, type TestEnv } from './harness'
import { TestClock, get, login, loginL2, loginL3, post } from './identity-helpers'
import { PNG, itemCode, pickCitizen, staffToken, upload } from './cases-support'

/** 临时救助 and 高龄津贴 are 民政 items: their approver is 民政's (approver01 is 市场监管's). */
const CIVIL_APPROVER = 'approver02'

const clock = new TestClock('2026-11-20T02:00:00.000Z') // Friday 10:00 in China
const RELIEF = '临时救助申请' // 身份证 + 困难情况说明 (commitment allowed), promised 3 working days
const ELDER = '高龄津贴申领'

const reliefForm = { phone: '13800138000', region: '330203', address: '海曙区中山西路1号' }

async function applyRelief(env: TestEnv, token: string, extra: { key?: string; mode?: 'commitment' | 'upload' | 'deferred' } = {}) {
  const up = await upload(env, token)
  expect(up.statusCode).toBe(201)
  const mode = extra.mode ?? 'commitment'
  return post(
    env,
    '/api/cases',
    {
      itemCode: itemCode(RELIEF),
      form: reliefForm,
      materials: [
        { name: '居民身份证', mode: 'upload', fileIds: [up.json().fileId] },
        { name: '困难情况说明', mode, ...(mode === 'upload' ? { fileIds: [up.json().fileId] } : {}) },
      ],
      channel: 'h5',
    },
    { token, key: extra.key },
  )
}

forEachDatabase(
  'cases',
  (getEnv) => {
    beforeEach(() => {
      clock.t = Date.parse('2026-11-20T02:00:00.000Z')
    })

    it('serves the form and materials of an item as data', async () => {
      const res = await get(getEnv(), `/api/cases/forms/${itemCode(ELDER)}`)
      expect(res.statusCode).toBe(200)
      const f = res.json()
      expect(f.fields.map((x: { key: string }) => x.key)).toEqual(expect.arrayContaining(['applicantName', 'applicantIdNumber', 'bankAccount']))
      expect(f.rules.map((r: { id: string }) => r.id)).toEqual(['age', 'household', 'alive', 'notReceiving'])
      const relief = (await get(getEnv(), `/api/cases/forms/${itemCode(RELIEF)}`)).json()
      const m = relief.materials.find((x: { name: string }) => x.name === '困难情况说明')
      expect(m.modes).toEqual(['upload', 'commitment', 'deferred'])
      expect(m.commitmentText).toMatch(/虚假承诺的后果/)
    })

    it('uploads jpg/png/pdf by their bytes, refuses other types, empty and > 10 MB files', async () => {
      const env = getEnv()
      const u = await loginL2(env, await pickCitizen(env, 'any'))
      const ok = await upload(env, u.accessToken)
      expect(ok.statusCode).toBe(201)
      expect(ok.json()).toMatchObject({ type: 'image/png', size: PNG.length })
      // Same bytes again: same file (a retry after a lost answer creates nothing new).
      expect((await upload(env, u.accessToken)).json().fileId).toBe(ok.json().fileId)
      // A GIF declared as PNG is refused by its bytes.
      const gif = await upload(env, u.accessToken, Buffer.from('GIF89a\x01\x00\x01\x00'), 'image/png')
      expect(gif.statusCode).toBe(415)
      expect(gif.json().code).toBe('CASE_UPLOAD_TYPE')
      const pdf = await upload(env, u.accessToken, Buffer.from('%PDF-1.4\n%%EOF\n'), 'application/pdf')
      expect(pdf.json().type).toBe('application/pdf')
      expect((await upload(env, u.accessToken, Buffer.alloc(0))).statusCode).toBe(400)
      const big = Buffer.alloc(10 * 1024 * 1024 + 1, 0)
      PNG.copy(big)
      const tooBig = await upload(env, u.accessToken, big)
      expect(tooBig.statusCode).toBe(413)
      expect(tooBig.json().code).toBe('CASE_UPLOAD_TOO_LARGE')
      // Someone else's file id cannot be used.
      const other = await loginL2(env, await pickCitizen(env, 'any'))
      const res = await post(env, '/api/cases', { itemCode: itemCode(RELIEF), form: reliefForm, materials: [{ name: '居民身份证', mode: 'upload', fileIds: [ok.json().fileId] }, { name: '困难情况说明', mode: 'deferred' }] }, { token: other.accessToken })
      expect(res.json().code).toBe('CASE_FILE_NOT_FOUND')
    })

    it('a commitment needs L3, and is refused to people on the dishonesty list', async () => {
      const env = getEnv()
      const l2 = await loginL2(env, await pickCitizen(env, 'any'))
      const res = await applyRelief(env, l2.accessToken)
      expect(res.statusCode).toBe(403)
      expect(res.json()).toMatchObject({ code: 'LEVEL_REQUIRED', requiredLevel: 'L3' })
      const bad = await loginL3(env, await pickCitizen(env, 'dishonest'))
      const refused = await applyRelief(env, bad.accessToken)
      expect(refused.statusCode).toBe(403)
      expect(refused.json().code).toBe('CASE_COMMITMENT_REFUSED')
      // They can still apply with the proof uploaded.
      expect((await applyRelief(env, bad.accessToken, { mode: 'upload' })).statusCode).toBe(201)
    })

    it('checks the form with the domain rules and keeps prefilled identity fields server-side', async () => {
      const env = getEnv()
      const p = await pickCitizen(env, 'any')
      const u = await loginL2(env, p)
      const bad = await post(env, '/api/cases', { itemCode: itemCode(RELIEF), form: { ...reliefForm, phone: '12345' }, materials: [{ name: '居民身份证', mode: 'shared' }, { name: '困难情况说明', mode: 'deferred' }] }, { token: u.accessToken })
      expect(bad.statusCode).toBe(400)
      expect(bad.json()).toMatchObject({ code: 'CASE_FORM_INVALID', field: 'form.phone' })
      const missing = await post(env, '/api/cases', { itemCode: itemCode(RELIEF), form: reliefForm, materials: [] }, { token: u.accessToken })
      expect(missing.json()).toMatchObject({ code: 'CASE_MATERIAL_MISSING', field: 'materials.困难情况说明' })
      const ok = await post(env, '/api/cases', { itemCode: itemCode(RELIEF), form: { ...reliefForm, applicantName: '冒名' }, materials: [{ name: '居民身份证', mode: 'shared' }, { name: '困难情况说明', mode: 'deferred' }] }, { token: u.accessToken })
      expect(ok.statusCode).toBe(201)
      const c = ok.json().cases[0]
      expect(c.form.applicantName).toBe(p.name)
      expect(c.form.applicantIdNumber).not.toContain(p.idNumber.slice(6, 14))
      // 容缺: due 10 working days after submission (Fri 11-20 → Fri 12-04).
      expect(c.materials.find((m: { name: string }) => m.name === '困难情况说明')).toMatchObject({ mode: 'deferred', dueOn: '2026-12-04', provided: false })
    })

    it('a retry with the same Idempotency-Key returns the first case; exactly one exists', async () => {
      const env = getEnv()
      const u = await loginL3(env, await pickCitizen(env, 'any'))
      const key = uuid()
      const first = await applyRelief(env, u.accessToken, { key })
      expect(first.statusCode).toBe(201)
      const again = await applyRelief(env, u.accessToken, { key })
      expect(again.statusCode).toBe(201)
      expect(again.headers['idempotent-replayed']).toBe('true')
      expect(again.json().cases[0].number).toBe(first.json().cases[0].number)
      const list = (await get(env, '/api/cases', { token: u.accessToken })).json()
      expect(list.items).toHaveLength(1)
    })

    it('walks accept → supplement → accept → review → approve → deliver, by role, with 409s and 403s', async () => {
      const env = getEnv()
      const u = await loginL3(env, await pickCitizen(env, 'any'))
      const sub = await applyRelief(env, u.accessToken)
      expect(sub.statusCode).toBe(201)
      const c = sub.json().cases[0]
      expect(c).toMatchObject({ state: 'submitted', actions: ['withdraw'] })
      expect(c.number).toMatch(/^ZJ20261120\d{6}$/)
      expect(c.queryCode).toMatch(/^[2-9A-Z]{6}$/)
      expect(c.materials.find((m: { name: string }) => m.name === '困难情况说明').commitment).toMatchObject({ withdrawn: false })
      let win = await staffToken(env, clock, 'window')
      let appr = await staffToken(env, clock, CIVIL_APPROVER)
      const act = (token: string, action: string, body: Record<string, unknown> = {}) => post(env, `/api/staff/cases/${c.id}/${action}`, body, { token })

      // The approver cannot take intake steps; nothing can be approved before review.
      expect((await act(appr, 'accept')).statusCode).toBe(403)
      expect((await act(win, 'approve')).statusCode).toBe(409)
      expect((await act(win, 'requestSupplement')).json()).toMatchObject({ code: 'VALIDATION', field: 'comment' })
      const asked = await act(win, 'requestSupplement', { comment: '身份证照片不清晰', materials: ['居民身份证'] })
      expect(asked.json()).toMatchObject({ state: 'supplement_requested' })
      const seen = (await get(env, `/api/cases/${c.id}`, { token: u.accessToken })).json()
      expect(seen).toMatchObject({ state: 'supplement_requested', supplementRequest: '身份证照片不清晰；需补正：居民身份证', actions: expect.arrayContaining(['supplement', 'withdraw']) })
      const pdf = await upload(env, u.accessToken, Buffer.from('%PDF-1.4 new scan'), 'application/pdf')
      const sup = await post(env, `/api/cases/${c.id}/supplement`, { materials: [{ name: '居民身份证', mode: 'upload', fileIds: [pdf.json().fileId] }] }, { token: u.accessToken })
      expect(sup.json().state).toBe('supplemented')
      // Accepted on Monday 11-23: 3 working days → Thursday 11-26.
      clock.t = Date.parse('2026-11-23T02:00:00.000Z')
      win = await staffToken(env, clock, 'window', true)
      appr = await staffToken(env, clock, CIVIL_APPROVER, true)
      const acc = await act(win, 'accept')
      expect(acc.json()).toMatchObject({ state: 'accepted', dueOn: '2026-11-26', overdue: false, dueProvisional: false })
      expect((await act(win, 'accept')).statusCode).toBe(409)
      expect((await act(appr, 'startReview')).json().state).toBe('under_review')
      expect((await act(appr, 'deny')).json().field).toBe('comment')
      // Two days over the limit: overdue shows.
      clock.t = Date.parse('2026-11-30T02:00:00.000Z')
      win = await staffToken(env, clock, 'window', true)
      appr = await staffToken(env, clock, CIVIL_APPROVER, true)
      expect((await get(env, `/api/staff/cases/${c.id}`, { token: appr })).json()).toMatchObject({ overdue: true })
      const approved = await act(appr, 'approve', { comment: '符合临时救助条件' })
      expect(approved.json()).toMatchObject({ state: 'approved', overdue: false })
      expect((await act(win, 'deliver')).json().state).toBe('delivered')
      // The applicant signs in again (days later) and sees the whole timeline.
      const again = await login(env, u.phone)
      expect((await post(env, `/api/cases/${c.id}/withdraw`, {}, { token: again.accessToken })).statusCode).toBe(409)
      const detail = (await get(env, `/api/cases/${c.id}`, { token: again.accessToken })).json()
      expect(detail.events.map((e: { to: string }) => e.to)).toEqual(['delivered', 'approved', 'under_review', 'accepted', 'supplemented', 'supplement_requested', 'submitted'])
      expect(detail.events[1]).toMatchObject({ actor: 'approver', actorName: expect.any(String), comment: '符合临时救助条件' })
      expect(detail.canRate).toBe(true)
      // Every transition told the applicant.
      const inbox = await env.database.db.select().from(inboxMessages).where(like(inboxMessages.kind, 'case.%'))
      const mine = inbox.filter((m) => m.link?.includes(c.id))
      expect(mine.length).toBe(7)
      // Benefit approved: an electronic result in the wallet.
      const cred = await env.database.db.select().from(credentials).where(eq(credentials.sourceCaseId, c.id))
      expect(cred).toHaveLength(1)
    })

    it('the database refuses a transition the table does not allow', async () => {
      const env = getEnv()
      const u = await loginL3(env, await pickCitizen(env, 'any'))
      const c = (await applyRelief(env, u.accessToken)).json().cases[0]
      await expect(env.database.db.update(cases).set({ state: 'approved' }).where(eq(cases.id, c.id))).rejects.toThrow()
      await expect(env.database.db.insert(caseEvents).values({ caseId: c.id, action: 'approve', fromState: 'submitted', toState: 'approved', actorKind: 'approver', at: new Date('2026-11-20T02:00:00Z') })).rejects.toThrow()
      const [row] = await env.database.db.select().from(cases).where(eq(cases.id, c.id))
      expect(row.state).toBe('submitted')
    })

    it('two officers acting at once: one wins, the other gets 409', async () => {
      const env = getEnv()
      const u = await loginL3(env, await pickCitizen(env, 'any'))
      const c = (await applyRelief(env, u.accessToken)).json().cases[0]
      const win = await staffToken(env, clock, 'window')
      const admin = await staffToken(env, clock, 'admin')
      const [a, b] = await Promise.all([post(env, `/api/staff/cases/${c.id}/accept`, {}, { token: win }), post(env, `/api/staff/cases/${c.id}/reject`, { comment: '材料不全' }, { token: admin })])
      expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409])
      const events = await env.database.db.select().from(caseEvents).where(eq(caseEvents.caseId, c.id))
      expect(events).toHaveLength(2)
    })

    it('rates once after conclusion; 不满意 opens a 15-working-day follow-up the applicant sees answered', async () => {
      const env = getEnv()
      const u = await loginL3(env, await pickCitizen(env, 'any'))
      const c = (await applyRelief(env, u.accessToken)).json().cases[0]
      expect((await post(env, `/api/cases/${c.id}/rating`, { level: 5, tags: [] }, { token: u.accessToken })).json().code).toBe('CASE_NOT_CONCLUDED')
      const win = await staffToken(env, clock, 'window')
      const appr = await staffToken(env, clock, CIVIL_APPROVER)
      await post(env, `/api/staff/cases/${c.id}/accept`, {}, { token: win })
      await post(env, `/api/staff/cases/${c.id}/startReview`, {}, { token: appr })
      expect((await post(env, `/api/staff/cases/${c.id}/deny`, { comment: '家庭收入超过标准' }, { token: appr })).json().state).toBe('denied')
      expect((await post(env, `/api/cases/${c.id}/rating`, { level: 2, tags: ['态度好'] }, { token: u.accessToken })).json().code).toBe('CASE_RATING_TAGS')
      const rated = await post(env, `/api/cases/${c.id}/rating`, { level: 2, tags: ['办理慢'], comment: '等了很久' }, { token: u.accessToken })
      expect(rated.statusCode).toBe(200)
      // Friday 11-20 + 15 working days = Friday 12-11.
      expect(rated.json().rating).toMatchObject({ level: 2, tags: ['办理慢'], followUpDueOn: '2026-12-11' })
      expect((await post(env, `/api/cases/${c.id}/rating`, { level: 5, tags: [] }, { token: u.accessToken })).json().code).toBe('CASE_ALREADY_RATED')
      const fu = (await get(env, '/api/staff/cases/follow-ups', { token: win })).json()
      expect(fu.items.find((x: { caseId: string }) => x.caseId === c.id)).toMatchObject({ level: 2, replied: false })
      expect((await post(env, `/api/staff/cases/${c.id}/rating-reply`, { reply: '已约谈经办人，加快审核' }, { token: win })).statusCode).toBe(200)
      expect((await get(env, `/api/cases/${c.id}`, { token: u.accessToken })).json().rating.reply).toBe('已约谈经办人，加快审核')
    })

    it('anyone can look a case up with number + query code; wrong codes are limited', async () => {
      const env = getEnv()
      const u = await loginL3(env, await pickCitizen(env, 'any'))
      const c = (await applyRelief(env, u.accessToken)).json().cases[0]
      const ip = '10.77.0.1'
      const ok = await post(env, '/api/cases/lookup', { number: c.number, queryCode: c.queryCode.toLowerCase() }, { ip })
      expect(ok.statusCode).toBe(200)
      expect(ok.json()).toMatchObject({ number: c.number, itemName: RELIEF, state: 'submitted' })
      expect(JSON.stringify(ok.json())).not.toContain(u.citizen.name)
      for (let i = 0; i < 4; i++) expect((await post(env, '/api/cases/lookup', { number: c.number, queryCode: 'WRONG1' }, { ip: `10.77.1.${i}` })).statusCode).toBe(404)
      const limited = await post(env, '/api/cases/lookup', { number: c.number, queryCode: c.queryCode }, { ip: '10.77.2.1' })
      expect(limited.statusCode).toBe(429)
      expect(limited.json().retryAfterSeconds).toBeGreaterThan(0)
      clock.t += 10 * 60_000 + 1000
      expect((await post(env, '/api/cases/lookup', { number: c.number, queryCode: c.queryCode }, { ip: '10.77.2.1' })).statusCode).toBe(200)
    })

    it('saves, lists and deletes drafts; submitting a draft removes it', async () => {
      const env = getEnv()
      const u = await loginL2(env, await pickCitizen(env, 'any'))
      const clientRef = uuid()
      const body = { clientRef, itemCode: itemCode(RELIEF), form: { phone: '138' }, materials: [] }
      const saved = await post(env, '/api/cases/drafts', body, { token: u.accessToken })
      expect(saved.statusCode).toBe(200)
      await post(env, '/api/cases/drafts', { ...body, form: { phone: '13800138000' } }, { token: u.accessToken })
      const drafts = (await get(env, '/api/cases/drafts', { token: u.accessToken })).json().items
      expect(drafts).toHaveLength(1)
      expect(drafts[0]).toMatchObject({ clientRef, form: { phone: '13800138000' }, title: RELIEF })
      const sub = await post(env, '/api/cases', { itemCode: itemCode(RELIEF), clientRef, form: reliefForm, materials: [{ name: '居民身份证', mode: 'shared' }, { name: '困难情况说明', mode: 'deferred' }] }, { token: u.accessToken })
      expect(sub.statusCode).toBe(201)
      expect((await get(env, '/api/cases/drafts', { token: u.accessToken })).json().items).toHaveLength(0)
      const other = await post(env, '/api/cases/drafts', { ...body, clientRef: uuid() }, { token: u.accessToken })
      expect((await post(env, `/api/cases/drafts/${other.json().draft.id}/delete`, {}, { token: u.accessToken })).statusCode).toBe(200)
    })

    it('withdraws before conclusion; withdraws a commitment (the proof becomes due); hands in a deferred material', async () => {
      const env = getEnv()
      const u = await loginL3(env, await pickCitizen(env, 'any'))
      const c = (await applyRelief(env, u.accessToken)).json().cases[0]
      const w = await post(env, `/api/cases/${c.id}/commitments/withdraw`, { name: '困难情况说明' }, { token: u.accessToken })
      expect(w.json().materials.find((m: { name: string }) => m.name === '困难情况说明')).toMatchObject({ mode: 'deferred', provided: false, commitment: { withdrawn: true } })
      const win = await staffToken(env, clock, 'window')
      const appr = await staffToken(env, clock, CIVIL_APPROVER)
      await post(env, `/api/staff/cases/${c.id}/accept`, {}, { token: win })
      await post(env, `/api/staff/cases/${c.id}/startReview`, {}, { token: appr })
      expect((await post(env, `/api/staff/cases/${c.id}/approve`, {}, { token: appr })).json().code).toBe('CASE_GAPS_OUTSTANDING')
      const f = await upload(env, u.accessToken, Buffer.from('%PDF-1.4 statement'), 'application/pdf')
      const given = await post(env, `/api/cases/${c.id}/materials`, { name: '困难情况说明', fileIds: [f.json().fileId] }, { token: u.accessToken })
      expect(given.json().materials.find((m: { name: string }) => m.name === '困难情况说明').provided).toBe(true)
      expect((await post(env, `/api/staff/cases/${c.id}/approve`, {}, { token: appr })).json().state).toBe('approved')

      const c2 = (await applyRelief(env, u.accessToken)).json().cases[0]
      const wd = await post(env, `/api/cases/${c2.id}/withdraw`, { comment: '不需要了' }, { token: u.accessToken })
      expect(wd.json()).toMatchObject({ state: 'withdrawn', actions: [] })
      expect((await post(env, `/api/staff/cases/${c2.id}/accept`, {}, { token: win })).statusCode).toBe(409)
    })

    it('a case concluded (不予) with its 容缺 material still out asks for it no more: no due date on the page, and a late one is refused with 409', async () => {
      const env = getEnv()
      const u = await loginL2(env, await pickCitizen(env, 'any'))
      const c = (await applyRelief(env, u.accessToken, { mode: 'deferred' })).json().cases[0]
      const open = c.materials.find((m: { name: string }) => m.name === '困难情况说明')
      expect(open).toMatchObject({ mode: 'deferred', provided: false, dueOn: expect.any(String) })
      expect(open.noLongerNeeded).toBeUndefined()
      const win = await staffToken(env, clock, 'window')
      const appr = await staffToken(env, clock, CIVIL_APPROVER)
      expect((await post(env, `/api/staff/cases/${c.id}/accept`, {}, { token: win })).statusCode).toBe(200)
      expect((await post(env, `/api/staff/cases/${c.id}/startReview`, {}, { token: appr })).statusCode).toBe(200)
      expect((await post(env, `/api/staff/cases/${c.id}/deny`, { comment: '不符合救助条件' }, { token: appr })).json().state).toBe('denied')
      const seen = (await get(env, `/api/cases/${c.id}`, { token: u.accessToken })).json()
      const closed = seen.materials.find((m: { name: string }) => m.name === '困难情况说明')
      expect(closed).toMatchObject({ mode: 'deferred', provided: false, noLongerNeeded: true })
      expect(closed.dueOn).toBeUndefined()
      const f = await upload(env, u.accessToken, Buffer.from('%PDF-1.4 statement'), 'application/pdf')
      const late = await post(env, `/api/cases/${c.id}/materials`, { name: '困难情况说明', fileIds: [f.json().fileId] }, { token: u.accessToken })
      expect(late.statusCode).toBe(409)
      expect(late.json()).toMatchObject({ code: 'CASE_DEFERRED_CLOSED', message: '办件已办结或已结束，无需再补交材料。' })
    })

    it('秒批: an elder who meets every rule is approved at once with a credential; otherwise an officer decides', async () => {
      const env = getEnv()
      const elder = await pickCitizen(env, 'elder')
      const u = await loginL2(env, elder)
      const form = { phone: '13800138000', region: '330203', address: '海曙区', bankName: '宁波银行', bankAccount: '6222020000001234' }
      const card = await upload(env, u.accessToken)
      const materials = [{ name: '本人社会保障卡或银行账户信息', mode: 'upload', fileIds: [card.json().fileId] }]
      // 秒批 means decided inside the submit request itself (no officer, no background job): the
      // answer to the submit already says delivered. How fast is the bench's business, not this test's.
      const res = await post(env, '/api/cases', { itemCode: itemCode(ELDER), form, materials }, { token: u.accessToken })
      expect(res.json()).toMatchObject({ cases: [expect.anything()] })
      const c = res.json().cases[0]
      expect(c.state).toBe('delivered')
      expect(c.rules.every((r: { passed: boolean }) => r.passed)).toBe(true)
      expect(c.events.map((e: { actor: string }) => e.actor)).toEqual(['system', 'system', 'system', 'system', 'applicant'])
      expect(await env.database.db.select().from(credentials).where(eq(credentials.sourceCaseId, c.id))).toHaveLength(1)
      // Applying again: already receiving → to an officer.
      const again = (await post(env, '/api/cases', { itemCode: itemCode(ELDER), form, materials }, { token: u.accessToken })).json().cases[0]
      expect(again.state).toBe('submitted')
      expect(again.rules.find((r: { id: string }) => r.id === 'notReceiving').passed).toBe(false)
      // The case page says why it was not decided at once, naming the rule (decided ones say nothing).
      expect(c.manualReview).toBeUndefined()
      const notReceiving = again.rules.find((r: { id: string }) => r.id === 'notReceiving').description
      expect(again.manualReview).toBe(`未能即时办结：“${notReceiving}”未通过数据核验，已转人工审核`)
      expect((await get(env, `/api/cases/${again.id}`, { token: u.accessToken })).json().manualReview).toBe(again.manualReview)

      const young = await loginL2(env, await pickCitizen(env, 'young'))
      const card2 = await upload(env, young.accessToken)
      const y = (await post(env, '/api/cases', { itemCode: itemCode(ELDER), form, materials: [{ name: '本人社会保障卡或银行账户信息', mode: 'upload', fileIds: [card2.json().fileId] }] }, { token: young.accessToken })).json().cases[0]
      expect(y.state).toBe('submitted')
      expect(y.rules.find((r: { id: string }) => r.id === 'age').passed).toBe(false)
      const queue = (await get(env, '/api/staff/cases', { token: await staffToken(env, clock, 'window') })).json()
      expect(queue.items.map((x: { id: string }) => x.id)).toContain(y.id)
    })

    it('秒批 with a 容缺 material still to come: every rule passes, an officer decides, and the case says why', async () => {
      const env = getEnv()
      const elder = await pickCitizen(env, 'elder')
      const u = await loginL2(env, elder)
      const form = { phone: '13800138000', region: '330203', address: '海曙区', bankName: '宁波银行', bankAccount: '6222020000001234' }
      const res = await post(env, '/api/cases', { itemCode: itemCode(ELDER), form, materials: [{ name: '本人社会保障卡或银行账户信息', mode: 'deferred' }] }, { token: u.accessToken })
      expect(res.statusCode).toBe(201)
      const c = res.json().cases[0]
      expect(c.state).toBe('submitted')
      expect(c.rules.every((r: { passed: boolean }) => r.passed)).toBe(true)
      expect(c.manualReview).toBe('未能即时办结：容缺材料“本人社会保障卡或银行账户信息”需补交后才能办结，已转人工审核')
    })

    it('a bundle creates one case per item under one bundle number', async () => {
      const env = getEnv()
      const { catalogState } = await import('../../mock/src/catalog/state')
      const bundle = [...catalogState().bundles.values()].find((b) => b.audience !== 'enterprise' && b.items.every((i) => catalogState().items.get(i.code)?.canApplyOnline))
      if (!bundle) throw new Error('no online person bundle in the catalog')
      const u = await loginL3(env, await pickCitizen(env, 'any'))
      const form = (await get(env, `/api/cases/forms/${bundle.id}?bundle=true`)).json()
      const f = await upload(env, u.accessToken)
      const [ent] = await env.database.db.select().from(enterprises).limit(1)
      const values: Record<string, string> = {}
      for (const field of form.fields) {
        if (field.prefill) continue
        values[field.key] = field.kind === 'phone' ? '13800138000' : field.kind === 'region' ? '330203' : field.kind === 'date' ? '2026-01-02' : field.kind === 'number' ? '1' : field.kind === 'select' ? field.options[0] : field.kind === 'idNumber' ? u.citizen.idNumber : field.kind === 'uscc' ? ent.uscc : '测试内容'
      }
      const materials = form.materials.filter((m: { required: boolean }) => m.required).map((m: { name: string; modes: string[] }) => (m.modes.includes('shared') ? { name: m.name, mode: 'shared' } : { name: m.name, mode: 'upload', fileIds: [f.json().fileId] }))
      const res = await post(env, '/api/cases', { itemCode: bundle.id, bundle: true, form: values, materials }, { token: u.accessToken })
      expect(res.json()).toMatchObject({ bundleNumber: expect.any(String) })
      const body = res.json()
      expect(body.bundleNumber).toMatch(/^YJ\d{14}$/)
      expect(body.cases).toHaveLength(bundle.items.length)
      expect(new Set(body.cases.map((c: { bundleNumber: string }) => c.bundleNumber))).toEqual(new Set([body.bundleNumber]))
    })

    it('cases are private: another citizen gets 404; staff routes need a staff token', async () => {
      const env = getEnv()
      const u = await loginL3(env, await pickCitizen(env, 'any'))
      const c = (await applyRelief(env, u.accessToken)).json().cases[0]
      const other = await loginL2(env, await pickCitizen(env, 'any'))
      expect((await get(env, `/api/cases/${c.id}`, { token: other.accessToken })).statusCode).toBe(404)
      expect((await post(env, `/api/cases/${c.id}/withdraw`, {}, { token: other.accessToken })).statusCode).toBe(404)
      expect((await get(env, '/api/staff/cases', { token: u.accessToken })).statusCode).toBe(401)
      expect((await post(env, `/api/staff/cases/${c.id}/accept`, {}, { token: u.accessToken })).statusCode).toBe(401)
      expect((await get(env, '/api/cases')).statusCode).toBe(401)
    })
  },
  { seed: { citizens: 400, enterprises: 4 }, clock: clock.now },
)
