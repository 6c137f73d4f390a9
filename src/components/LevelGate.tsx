import Taro from '@tarojs/taro'
import { messages } from '@/domain/messages/main'
import type { LevelStep } from '@/services/level'
import { EmptyState } from './EmptyState'

const g = messages.account.gate

/** Account pages for each step; kept here so every feature walks users up the same way. */
export const LEVEL_ROUTES: Record<LevelStep, string> = {
  L1: '/packages/account/pages/login',
  L2: '/packages/account/pages/realname',
  reauth: '/packages/account/pages/reauth',
  L3: '/packages/account/pages/face',
}

/**
 * What a feature page shows instead of its content when the server asked for a higher level
 * (see `levelStep` in services/level.ts): why, and one button to the step. The step page goes
 * back here when done, and the feature page reloads on show.
 */
export function LevelGate({ step }: { step: LevelStep }) {
  const text = g[step]
  return <EmptyState title={text.title} body={text.body} actionLabel={text.action} onAction={() => void Taro.navigateTo({ url: LEVEL_ROUTES[step] })} />
}
