// Navigation shared by the tab pages, so every tap goes somewhere real.
import Taro from '@tarojs/taro'
import { makeAutoObservable } from 'mobx'

export const ROUTES = {
  home: '/pages/home/index',
  services: '/pages/services/index',
  messages: '/pages/messages/index',
  me: '/pages/me/index',
  soon: '/packages/soon/pages/index',
  settings: '/packages/settings/pages/index',
  privacy: '/packages/settings/pages/privacy',
  feedback: '/packages/feedback/pages/index',
  wallet: '/packages/wallet/pages/index',
  staff: '/packages/staff/pages/index',
  social: '/packages/records/pages/social',
  fund: '/packages/records/pages/fund',
  property: '/packages/records/pages/property',
  proofs: '/packages/records/pages/proofs',
  accessLog: '/packages/records/pages/access',
  verify: '/packages/records/pages/verify',
  apply: '/packages/apply/pages/index',
  cases: '/packages/cases/pages/index',
  caseLookup: '/packages/cases/pages/lookup',
  bookings: '/packages/booking/pages/mine',
  bookingDetail: '/packages/booking/pages/detail',
  bookingChoose: '/packages/booking/pages/choose',
  caseDetail: '/packages/cases/pages/detail',
  acting: '/packages/account/pages/acting',
  realName: '/packages/account/pages/realname',
} as const

/** A service whose feature is not built yet: the `soon` page names it and says what to do meanwhile. */
export function navigateToSoon(name: string): void {
  void Taro.navigateTo({ url: `${ROUTES.soon}?name=${encodeURIComponent(name)}` })
}

/**
 * switchTab cannot carry a query, so the category to open on the 办事 tab travels here.
 * Observable so an already-open 办事 page follows it.
 */
class ServicesIntent {
  category: string | null = null
  constructor() {
    makeAutoObservable(this)
  }
  set(category: string | null): void {
    this.category = category
  }
}
export const servicesIntent = new ServicesIntent()

export function openServicesTab(category?: string): void {
  servicesIntent.set(category ?? null)
  void Taro.switchTab({ url: ROUTES.services })
}

export function goHome(): void {
  void Taro.switchTab({ url: ROUTES.home })
}

const TAB_PATHS: readonly string[] = [ROUTES.home, ROUTES.services, ROUTES.messages, ROUTES.me]

/** Whether a route (with or without its leading slash or query) is one of the four tabs. */
export function isTabPath(path: string | undefined): boolean {
  if (!path) return false
  const bare = `/${path.replace(/^\//, '').split('?')[0]}`
  return TAB_PATHS.includes(bare)
}

/**
 * 返回: the previous page of the app, or 首页 when this page was opened directly (a shared link,
 * a notification), where navigateBack would leave the app or do nothing.
 */
export function goBack(): void {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack()
  else goHome()
}

export function navigateTo(url: string): void {
  void Taro.navigateTo({ url })
}
