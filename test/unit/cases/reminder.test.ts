// 办件进度提醒: the button exists only on a mini-program with a configured case_progress template;
// a tap asks the platform for that template id and records the grant only when accepted.
import { SubscribeReminder } from '../../../src/stores/reminder'

function deps(name: 'weapp' | 'alipay' | 'h5', answer: string, ids = { weapp: { case_progress: 'wx-case' }, alipay: {} }) {
  const asked: string[][] = []
  const granted: Array<[string, string[]]> = []
  return {
    asked,
    granted,
    api: { notifyTemplates: async () => ids, subscribed: async (c: 'weapp' | 'alipay', a: string[]) => void granted.push([c, a]) },
    platform: { subscribeChannel: name === 'h5' ? undefined : name, requestSubscribeMessage: async (x: string[]) => (asked.push(x), Object.fromEntries(x.map((id) => [id, answer]))) },
  }
}

describe('SubscribeReminder', () => {
  it('weapp: asks for the configured id on tap and records an accepted grant', async () => {
    const d = deps('weapp', 'accept')
    const r = new SubscribeReminder(d)
    await r.load()
    expect(r.available).toBe(true)
    await r.enable()
    expect(d.asked).toEqual([['wx-case']])
    expect(d.granted).toEqual([['weapp', ['case_progress']]])
    expect(r.on).toBe(true)
  })

  it('a refusal records nothing; no configured id or h5 offers nothing', async () => {
    const d = deps('weapp', 'reject')
    const r = new SubscribeReminder(d)
    await r.load()
    await r.enable()
    expect(d.granted).toEqual([])
    expect(r.on).toBe(false)
    const ali = new SubscribeReminder(deps('alipay', 'accept'))
    await ali.load()
    expect(ali.available).toBe(false)
    const h5 = new SubscribeReminder(deps('h5', 'accept'))
    await h5.load()
    expect(h5.available).toBe(false)
  })
})
