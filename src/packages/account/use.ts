// The account journeys' stores, created on first use inside this subpackage so the main bundle (the
// H5 first screen) carries none of them (issue 9). They share `me` with the 我的 tab through root.me.
import type { RootStore } from '../../stores/root'
import { useStore } from '../../stores/useStore'
import { createIdentityApi } from '../../services/identity'
import { AccountStore, type IdentityStore, type MandatesStore, type PrivacyStore, type SecurityStore, type SignInStore } from './store'

export function accountStoreOf(root: RootStore): AccountStore {
  return root.feature('account', (r) => new AccountStore({ auth: r.auth, identity: createIdentityApi(r.api.request), session: r.session, me: r.me, channel: r.platform.channel }))
}

export function useAccountStore(): AccountStore {
  return accountStoreOf(useStore())
}

export function useSignInStore(): SignInStore {
  return useAccountStore().signIn
}

export function useIdentityStore(): IdentityStore {
  return useAccountStore().identity
}

export function useSecurityStore(): SecurityStore {
  return useAccountStore().security
}

export function useMandatesStore(): MandatesStore {
  return useAccountStore().mandates
}

export function usePrivacyStore(): PrivacyStore {
  return useAccountStore().privacy
}
