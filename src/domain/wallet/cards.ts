// Which cards 卡包 holds, and how 首页 counts them: one rule for both, so the home summary never
// disagrees with the list it links to (the newcomer's walk found 1 on 首页 and 3 in 卡包).
import type { CredentialStatus } from '../contract/wallet'

/**
 * The cards the wallet lists: a revoked card (replaced or reported lost) is withdrawn and never
 * shown; an expired one stays, marked 已过期, because the holder still needs to know it lapsed.
 */
export function walletCards<T extends { status: CredentialStatus }>(items: readonly T[]): T[] {
  return items.filter((c) => c.status !== 'revoked')
}

/** 首页's line about the wallet: every listed card, and how many of them have expired. */
export function walletCount(items: readonly { status: CredentialStatus }[]): { total: number; expired: number } {
  const cards = walletCards(items)
  return { total: cards.length, expired: cards.filter((c) => c.status === 'expired').length }
}
