import type { CredentialSummary } from '@/domain/contract'
import { messages } from '@/packages/wallet/messages'

export const WALLET_ROUTES = {
  list: '/packages/wallet/pages/index',
  present: '/packages/wallet/pages/present',
  checks: '/packages/wallet/pages/checks',
} as const

export function credentialTitle(c: Pick<CredentialSummary, 'type' | 'title'>): string {
  return c.title ?? messages.wallet.types[c.type]
}
