// The account store, created on first use inside this subpackage so the main bundle (the H5 first
// screen) carries none of it (issue 9). It shares `me` with the 我的 tab through root.me.
import type { RootStore } from '../../stores/root'
import { useStore } from '../../stores/useStore'
import { createIdentityApi } from '../../services/identity'
import { AccountStore } from './store'

export function accountStoreOf(root: RootStore): AccountStore {
  return root.feature('account', (r) => new AccountStore({ auth: r.auth, identity: createIdentityApi(r.api.request), session: r.session, me: r.me, channel: r.platform.channel }))
}

export function useAccountStore(): AccountStore {
  return accountStoreOf(useStore())
}
