// Case steps notify the applicant: always the inbox, and a `case_progress` subscribe message
// through the WeChat adapter (against the local fake of subscribeMessage.send) when the
// applicant granted one. The configured template ids are public at GET /api/notify/templates.
import { generateKeyPairSync } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { parseConfig } from '../../mock/src/config'
import { miniBindings, subscribeGrants } from '../../mock/src/db/schema'
import { workDue } from '../../mock/src/jobs/queue'
import { PUSH_JOB, pushHandler } from '../../mock/src/notify'
import { alipaySender, wechatSender, wechatValue } from '../../mock/src/notify/senders'
import { notifyConfig } from '../../mock/src/notify/templates'
import { startAlipaySubscribeFake, startWechatSubscribeFake, type AlipaySubscribeFake, type WechatSubscribeFake } from '../fakes/subscribe'
import { forEachDatabase, type TestEnv } from './harness'
import { TestClock, accountIdOf, get, loginL2, post } from './identity-helpers'
import { itemCode, pickCitizen, staffToken } from './cases-support'
import { wallMs } from '../support/clock'

const clock = new TestClock('2026-11-20T02:00:00.000Z') // Friday 10:00 in China
const RELIEF = '临时救助申请'
const WX_CASE = 'wx-tpl-case-progress'
const TEMPLATES = { WECHAT_TPL_CASE_PROGRESS: WX_CASE, WECHAT_TPL_BOOKING_REMINDER: 'wx-tpl-booking', ALIPAY_TPL_CASE_PROGRESS: 'ali-tpl-case' }

const ALI_APP = '2021000000000002'
const appKeys = generateKeyPairSync('rsa', { modulusLength: 2048 })
const appPrivate = appKeys.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string
const appPublic = appKeys.publicKey.export({ type: 'spki', format: 'pem' }) as string

let wx: WechatSubscribeFake
let ali: AlipaySubscribeFake
beforeAll(async () => {
  wx = await startWechatSubscribeFake('wxappid', 'wxsecret', WX_CASE)
  ali = await startAlipaySubscribeFake(ALI_APP, appPublic, 'ali-tpl-case')
})
afterAll(async () => {
  await wx.close()
  await ali.close()
})

function runPushes(env: TestEnv) {
  const tpl = notifyConfig(TEMPLATES).config
  const senders = {
    weapp: wechatSender({ base: wx.url, appId: 'wxappid', secret: 'wxsecret', templates: tpl.weapp }, clock.now),
    alipay: alipaySender({ gateway: ali.url, appId: ALI_APP, privateKey: appPrivate, alipayPublicKey: ali.alipayPublicKey, templates: tpl.alipay }, clock.now),
  }
  return workDue(env.database.db, { [PUSH_JOB]: pushHandler(senders, (e) => env.crypto.decrypt(e)) }, clock.now())
}

async function applicant(env: TestEnv, grant: boolean) {
  const u = await loginL2(env, await pickCitizen(env, 'any'))
  const accountId = await accountIdOf(env, u.phone)
  const openid = `o-case-${env.name}-${Math.random().toString(36).slice(2)}`
  wx.accepted.add(openid)
  await env.database.db.insert(miniBindings).values({ platform: 'weapp', openidHmac: env.crypto.index(`weapp:${openid}`), openidEnc: env.crypto.encrypt(openid), accountId, createdAt: clock.now() })
  if (grant) expect((await post(env, '/api/notify/subscriptions', { channel: 'weapp', accepted: ['case_progress'] }, { token: u.accessToken })).statusCode).toBe(200)
  return { ...u, accountId, openid }
}

async function submit(env: TestEnv, token: string) {
  const res = await post(
    env,
    '/api/cases',
    {
      itemCode: itemCode(RELIEF),
      form: { phone: '13800138000', region: '330203', address: '海曙区中山西路1号' },
      materials: [
        { name: '居民身份证', mode: 'shared' },
        { name: '困难情况说明', mode: 'deferred' },
      ],
      channel: 'weapp',
    },
    { token },
  )
  expect(res.statusCode).toBe(201)
  return res.json().cases[0] as { id: string; number: string; itemName: string }
}

forEachDatabase(
  'cases: notices through inbox and subscribe messages',
  (getEnv) => {
    beforeEach(() => {
      clock.t = Date.parse('2026-11-20T02:00:00.000Z')
    })

    it('publishes only the configured template ids, cacheable', async () => {
      const res = await get(getEnv(), '/api/notify/templates')
      expect(res.statusCode).toBe(200)
      expect(res.headers['cache-control']).toBe('public, max-age=300')
      expect(res.json()).toEqual({ weapp: { booking_reminder: 'wx-tpl-booking', case_progress: WX_CASE }, alipay: { case_progress: 'ali-tpl-case' } })
    })

    it('a step sends one case_progress message with the right template and data; the grant is spent', async () => {
      const env = getEnv()
      const u = await applicant(env, true)
      const before = wx.sent.length
      const c = await submit(env, u.accessToken)
      await runPushes(env)
      expect(wx.sent.slice(before)).toEqual([
        {
          touser: u.openid,
          template: WX_CASE,
          page: `/packages/cases/pages/detail?id=${c.id}`,
          data: { thing1: { value: c.itemName }, character_string2: { value: c.number }, phrase3: { value: '已提交' }, time4: { value: '2026-11-20 10:00' }, thing5: { value: '无' } },
        },
      ])
      const [g] = await env.database.db.select().from(subscribeGrants).where(eq(subscribeGrants.accountId, u.accountId))
      expect(g).toMatchObject({ template: 'case_progress', remaining: 0 })

      // The officer asks for a supplement: no grant left, so the inbox only.
      const win = await staffToken(env, clock, 'window')
      clock.t += 5 * 60_000
      const moved = await post(env, `/api/staff/cases/${c.id}/requestSupplement`, { comment: '身份证照片不清晰' }, { token: win })
      expect(moved.statusCode).toBe(200)
      await runPushes(env)
      expect(wx.sent.length - before).toBe(1)
      const inbox = (await get(env, '/api/inbox', { token: u.accessToken })).json()
      expect(inbox.items.map((m: { kind: string }) => m.kind)).toEqual(['case.supplement_requested', 'case.submitted'])
      expect(inbox.items[0].body).toContain('身份证照片不清晰')

      // A new grant: the next step goes out with the comment and the new state.
      expect((await post(env, '/api/notify/subscriptions', { channel: 'weapp', accepted: ['case_progress'] }, { token: u.accessToken })).statusCode).toBe(200)
      clock.t += 5 * 60_000
      const sup = await post(env, `/api/cases/${c.id}/supplement`, { materials: [{ name: '居民身份证', mode: 'shared' }], comment: '已重新提供' }, { token: u.accessToken })
      expect(sup.statusCode).toBe(200)
      await runPushes(env)
      expect(wx.sent.slice(before + 1)).toEqual([
        expect.objectContaining({ template: WX_CASE, data: expect.objectContaining({ phrase3: { value: '已补正' }, time4: { value: '2026-11-20 10:10' }, thing5: { value: '已重新提供' } }) }),
      ])
    })

    it('Alipay: the same step as a template message with keyword data', async () => {
      const env = getEnv()
      const u = await loginL2(env, await pickCitizen(env, 'any'))
      const accountId = await accountIdOf(env, u.phone)
      const aliUser = `2088${String(wallMs()).slice(-12)}`
      await env.database.db.insert(miniBindings).values({ platform: 'alipay', openidHmac: env.crypto.index(`alipay:${aliUser}`), openidEnc: env.crypto.encrypt(aliUser), accountId, createdAt: clock.now() })
      expect((await post(env, '/api/notify/subscriptions', { channel: 'alipay', accepted: ['case_progress'] }, { token: u.accessToken })).statusCode).toBe(200)
      const before = ali.sent.length
      const c = await submit(env, u.accessToken)
      await runPushes(env)
      expect(ali.sent.slice(before)).toEqual([
        {
          touser: aliUser,
          template: 'ali-tpl-case',
          page: `/packages/cases/pages/detail?id=${c.id}`,
          data: { keyword1: { value: c.itemName }, keyword2: { value: c.number }, keyword3: { value: '已提交' }, keyword4: { value: '2026-11-20 10:00' }, keyword5: { value: '无' } },
        },
      ])
    })

    it('no grant: the inbox only, no push', async () => {
      const env = getEnv()
      const u = await applicant(env, false)
      const before = wx.sent.length
      await submit(env, u.accessToken)
      await runPushes(env)
      expect(wx.sent.length).toBe(before)
      const inbox = (await get(env, '/api/inbox', { token: u.accessToken })).json()
      expect(inbox.items.map((m: { kind: string }) => m.kind)).toEqual(['case.submitted'])
    })
  },
  { seed: { citizens: 30, enterprises: 1 }, clock: clock.now, extraEnv: TEMPLATES },
)

describe('notify settings', () => {
  it('maps fields to the keys of the chosen console template; refuses unknown fields and malformed lists', () => {
    const { config, errors } = notifyConfig({ WECHAT_TPL_CASE_PROGRESS: 'x', WECHAT_TPL_CASE_PROGRESS_KEYS: 'state=phrase7,comment=thing9' })
    expect(errors).toEqual([])
    expect(config.weapp.case_progress).toEqual({ id: 'x', keys: { name: 'thing1', number: 'character_string2', state: 'phrase7', time: 'time4', comment: 'thing9' } })
    expect(config.alipay).toEqual({})
    expect(notifyConfig({ ALIPAY_TPL_RATING_REPLY_KEYS: 'bogus=keyword1' }).errors).toHaveLength(1)
    const bad = parseConfig({ NODE_ENV: 'test', WECHAT_TPL_BOOKING_REMINDER_KEYS: 'item:thing1' })
    expect(bad.ok).toBe(false)
    if (!bad.ok) expect(bad.errors[0]).toContain('WECHAT_TPL_BOOKING_REMINDER_KEYS')
  })

  it('shapes each value to its WeChat key type instead of having the whole message refused', () => {
    expect(wechatValue('phrase3', '已办结（准予）')).toBe('已办结准予')
    expect(wechatValue('character_string2', 'ZJ 2026·001')).toBe('ZJ2026001')
    expect(wechatValue('time4', '2026-11-25 14:00-14:30')).toBe('2026-11-25 14:00')
    expect(Array.from(wechatValue('thing5', '很'.repeat(25)))).toHaveLength(20)
    expect(wechatValue('thing5', '  ')).toBe('-')
  })
})
