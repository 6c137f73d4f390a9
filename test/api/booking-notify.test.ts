// Reminders through the subscribe-message adapters: a one-time grant recorded from the app's
// requestSubscribeMessage tap is spent by exactly one push; WeChat and Alipay adapters talk to
// local fakes of their documented send APIs; without a grant the reminder stays in the inbox.
import { generateKeyPairSync } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { miniBindings, subscribeGrants } from '../../mock/src/db/schema'
import { alipaySender, wechatSender } from '../../mock/src/notify/senders'
import { notifyConfig } from '../../mock/src/notify/templates'
import { startAlipaySubscribeFake, startWechatSubscribeFake, type AlipaySubscribeFake, type WechatSubscribeFake } from '../fakes/subscribe'
import { forEachDatabase } from './harness'
import { TestClock, accountIdOf, get, loginL2, post } from './identity-helpers'
import { HALL, ITEMS, MONDAY_0900, cn, runJobs } from './booking-support'
import { wallMs } from '../support/clock'

const clock = new TestClock(MONDAY_0900)
const WX_TPL = 'wx-tpl-booking-reminder'
const ALI_TPL = 'ali-tpl-booking-reminder'
// Through the typed settings (the deprecated single-id names still map to booking_reminder).
const TPL = notifyConfig({ WECHAT_SUBSCRIBE_TEMPLATE_ID: WX_TPL, ALIPAY_TPL_BOOKING_REMINDER: ALI_TPL }).config

let wx: WechatSubscribeFake
let ali: AlipaySubscribeFake
const app = generateKeyPairSync('rsa', { modulusLength: 2048 })
const appPrivate = app.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string
const appPublic = app.publicKey.export({ type: 'spki', format: 'pem' }) as string

beforeAll(async () => {
  wx = await startWechatSubscribeFake('wxappid', 'wxsecret', WX_TPL)
  ali = await startAlipaySubscribeFake('2021000000000001', appPublic, ALI_TPL)
})
afterAll(async () => {
  await wx.close()
  await ali.close()
})

forEachDatabase(
  'booking reminders: subscribe messages',
  (getEnv) => {
    it('spends one grant per push, on WeChat and Alipay; none left = inbox only', async () => {
      const env = getEnv()
      const senders = {
        weapp: wechatSender({ base: wx.url, appId: 'wxappid', secret: 'wxsecret', templates: TPL.weapp }, clock.now),
        alipay: alipaySender({ gateway: ali.url, appId: '2021000000000001', privateKey: appPrivate, alipayPublicKey: ali.alipayPublicKey, templates: TPL.alipay }, clock.now),
      }
      const u = await loginL2(env)
      const accountId = await accountIdOf(env, u.phone)
      const openid = `o${env.name}${wallMs()}`
      const aliUser = `2088${String(wallMs()).slice(-12)}`
      wx.accepted.add(openid)
      await env.database.db.insert(miniBindings).values([
        { platform: 'weapp', openidHmac: env.crypto.index(`weapp:${openid}`), openidEnc: env.crypto.encrypt(openid), accountId, createdAt: clock.now() },
        { platform: 'alipay', openidHmac: env.crypto.index(`alipay:${aliUser}`), openidEnc: env.crypto.encrypt(aliUser), accountId, createdAt: clock.now() },
      ])
      // The user tapped 开启提醒 once on each platform and accepted.
      expect((await post(env, '/api/notify/subscriptions', { channel: 'weapp', accepted: ['booking_reminder'] }, { token: u.accessToken })).statusCode).toBe(200)
      expect((await post(env, '/api/notify/subscriptions', { channel: 'alipay', accepted: ['booking_reminder'] }, { token: u.accessToken })).statusCode).toBe(200)
      const b = (await post(env, '/api/bookings', { itemCode: ITEMS[0], hallId: HALL, startsAt: cn('2026-11-25T14:00') }, { token: u.accessToken })).json()
      const wxBefore = wx.sent.length
      const aliBefore = ali.sent.length

      // The evening before: reminder job -> inbox + push job -> one message on each platform.
      await runJobs(env, new Date(cn('2026-11-24T20:00')), senders)
      await runJobs(env, new Date(cn('2026-11-24T20:00')), senders)
      expect(wx.sent.slice(wxBefore)).toEqual([
        { touser: openid, template: WX_TPL, page: `/packages/booking/pages/detail?id=${b.id}`, data: { thing1: { value: '居民身份证首次申领' }, time2: { value: '2026-11-25 14:00' }, thing3: { value: '江北区行政服务中心' } } },
      ])
      expect(ali.sent.slice(aliBefore)).toEqual([
        expect.objectContaining({ touser: aliUser, template: ALI_TPL, data: { keyword1: { value: '居民身份证首次申领' }, keyword2: { value: '2026-11-25 14:00-14:30' }, keyword3: { value: '江北区行政服务中心' } } }),
      ])
      const grants = await env.database.db.select().from(subscribeGrants).where(eq(subscribeGrants.accountId, accountId))
      expect(grants.map((g) => g.remaining)).toEqual([0, 0])

      // One hour before: no grant left, so only the inbox.
      await runJobs(env, new Date(cn('2026-11-25T13:00')), senders)
      await runJobs(env, new Date(cn('2026-11-25T13:00')), senders)
      expect(wx.sent.length - wxBefore).toBe(1)
      expect(ali.sent.length - aliBefore).toBe(1)
      const inbox = (await get(env, '/api/inbox', { token: u.accessToken })).json()
      expect(inbox.items.map((m: { kind: string }) => m.kind)).toEqual(['booking.remind.hour', 'booking.remind.evening', 'booking.created'])
    })

    it('a refused WeChat template (43101) is not retried; a bad template id fails the job for a retry', async () => {
      const sender = wechatSender({ base: wx.url, appId: 'wxappid', secret: 'wxsecret', templates: TPL.weapp }, clock.now)
      await expect(sender.send({ channel: 'weapp', toUser: 'o-not-accepted', template: 'booking_reminder', fields: { item: '事项', time: '2026-11-25 14:00-14:30', place: '大厅' } })).resolves.toBeUndefined()
      const wrong = wechatSender({ base: wx.url, appId: 'wxappid', secret: 'wxsecret', templates: { booking_reminder: { ...TPL.weapp.booking_reminder!, id: 'nope' } } }, clock.now)
      await expect(wrong.send({ channel: 'weapp', toUser: 'x', template: 'booking_reminder', fields: { item: '事项', time: '2026-11-25 14:00-14:30', place: '大厅' } })).rejects.toThrow(/40037/)
      // Long names are clipped to WeChat's 20-character thing limit instead of being refused.
      wx.accepted.add('o-long')
      await sender.send({ channel: 'weapp', toUser: 'o-long', template: 'booking_reminder', fields: { item: '一'.repeat(30), time: '2026-11-25 14:00-14:30', place: '大厅' } })
      expect(Array.from(wx.sent.at(-1)!.data.thing1.value)).toHaveLength(20)
    })
  },
  { seed: { citizens: 10, enterprises: 1 }, clock: clock.now },
)
