import { goBack } from '@/components/nav'

// The paths live in src/components (the 我的 tab links to them too); the account pages keep
// importing them from here beside the account-only helpers.
export { ACCOUNT_ROUTES } from '@/components/accountRoutes'

/**
 * Out of the sign-in / real-name / face pages: back to the page the person came from (login,
 * real name and face replace each other, so that is the page before them), or 首页 when the
 * walk was opened directly.
 */
export function leaveAccountFlow(): void {
  goBack()
}
