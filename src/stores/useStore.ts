// The root store's React context, in plain TS (no JSX) so that feature hooks in src/packages/*/use.ts
// can be imported by node-environment unit tests too.
import { createContext, useContext } from 'react'
import type { RootStore } from './root'

export const StoreContext = createContext<RootStore | null>(null)

export function useStore(): RootStore {
  const store = useContext(StoreContext)
  if (!store) throw new Error('useStore() outside <StoreProvider>')
  return store
}
