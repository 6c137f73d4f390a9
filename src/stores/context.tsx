import { useState, type ReactNode } from 'react'
import { platform } from '../platform'
import { RootStore, createRootStore } from './root'
import { StoreContext } from './useStore'

export { useStore } from './useStore'

/** Provides the root store; creates the app's default one (real platform) when none is given. */
export function StoreProvider(props: { store?: RootStore; children?: ReactNode }): JSX.Element {
  const [store] = useState(() => props.store ?? createRootStore(platform))
  return <StoreContext.Provider value={store}>{props.children}</StoreContext.Provider>
}
