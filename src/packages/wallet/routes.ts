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

/** yyyy-mm-dd hh:mm:ss in local time. */
export function clockTime(iso: string): string {
  const d = new Date(iso)
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`
}
