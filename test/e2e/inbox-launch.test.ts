// The PWA at launch, signed in: 首页 asks for the inbox (消息's number) once, however many of its
// parts want it; showing the 消息 tab later asks again. The mini-program side is in
// test/miniprogram/weapp-journeys.test.ts (there the page's mount and first show both asked).
import type { Page, Request } from 'playwright-core'
import { e2eStack, signInCitizen, storeSession, visibleText } from '../support/e2e'
import { generateRegistry, ageOn, REFERENCE_DATE } from '../../mock/src/seed'
import { messages } from '../../src/domain/messages'

jest.setTimeout(120_000)

const SEED = 'e2e-inbox-launch'
const COUNTS = { citizens: 20, enterprises: 2 }
const e2e = e2eStack({ seed: { name: SEED, ...COUNTS }, server: { holdBuildLock: process.env.H5_LOCK_HELD !== '1' } })
let page: Page
beforeAll(() => { page = e2e.page })

test('signed in, a fresh launch on 首页 sends one GET /api/inbox; the 消息 tab shown later sends one more', async () => {
  const citizen = generateRegistry(SEED, COUNTS).citizens.filter((x) => ageOn(x.birthDate, REFERENCE_DATE) >= 18)[0]
  const tokens = await signInCitizen(e2e.api, citizen)
  await storeSession(page, e2e.url, tokens)
  const inboxGets: string[] = []
  const watch = (r: Request) => {
    if (r.method() === 'GET' && new URL(r.url()).pathname === '/api/inbox') inboxGets.push(r.url())
  }
  page.on('request', watch)
  try {
    await page.goto(`${e2e.url}/pages/home/index`)
    // 首页's own lists have answered: every launch request has been sent by now.
    await visibleText(page, new RegExp(messages.ui.home.mine.cases.replace('（{n}）', '（\\d+）'))).waitFor({ timeout: 30_000 })
    await page.waitForTimeout(500)
    expect(inboxGets).toHaveLength(1)
    await page.locator('.weui-tabbar__item', { hasText: messages.ui.tabs.messages }).click()
    await page.waitForURL((u) => u.pathname === '/pages/messages/index')
    await page.waitForTimeout(500)
    expect(inboxGets).toHaveLength(2)
  } finally {
    page.off('request', watch)
  }
})
