/**
 * @jest-environment jsdom
 */
// Platform edge case on the built weapp: the person refuses WeChat's privacy authorisation.
// WeChat holds the privacy-relevant call and asks the app (onNeedPrivacyAuthorization); the app
// shows its guide and answers only when the person does. Refusing must answer 'disagree', say
// in Chinese what still works, and keep the app usable. No server is needed: every wx.request
// fails as a phone without signal does.
import path from 'node:path'
import { messages } from '../../src/domain/messages'
import { sleep, WeappHarness, WX_PROBES } from './weapp'
import { CONSENT_VERSION } from '../../src/domain/consent'

const DIST = path.resolve(__dirname, '../../dist/weapp')
jest.setTimeout(120_000)

test('privacy refused: WeChat gets disagree, the guide says what still works, nothing is stored as agreed', async () => {
  const wx = new WeappHarness({ distDir: DIST, baseUrl: 'http://127.0.0.1:9' })
  try {
    await wx.launch()
    const g = messages.ui.privacyGuide
    await wx.waitFor(g.agree)
    expect(wx.privacyListeners).toHaveLength(1)
    const answers: unknown[] = []
    // WeChat asks (e.g. before a privacy-relevant API): the app must not answer by itself.
    wx.privacyListeners[0]((r: unknown) => answers.push(r))
    await sleep(50)
    expect(answers).toEqual([])
    await wx.tap(g.decline)
    await wx.waitFor(g.declined)
    expect(answers).toEqual([{ event: 'disagree' }])
    const stored = [...wx.storage.entries()].map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(' ')
    // The agreed version (PRIVACY_VERSION in src/stores/app.ts) is what agreeing stores.
    expect(stored).not.toContain(CONSENT_VERSION)
    expect([...wx.unknown].filter((k) => !WX_PROBES.includes(k))).toEqual([])
  } finally {
    wx.dispose()
  }
})
