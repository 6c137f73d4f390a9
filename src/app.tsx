import { useEffect, type PropsWithChildren } from 'react'
import { reaction } from 'mobx'
import { platform } from '@/platform'
import { createRootStore, StoreProvider } from '@/stores'
import { updateState } from '@/components/updateState'
import './app.css'

// One store for the app's lifetime, created before the first page renders.
const store = createRootStore(platform)

function App({ children }: PropsWithChildren) {
  useEffect(() => {
    void store.app.init()
    void store.app.loadMeta()
    // Came back online without the platform's meta yet: fetch it now rather than on next launch.
    const stop = reaction(
      () => store.app.online,
      (online) => {
        if (online && !store.app.meta && !store.app.metaLoading) void store.app.loadMeta()
      },
    )
    // Only the h5 platform has a service worker; the bar waits for the citizen's tap.
    platform.registerServiceWorker?.((apply) => updateState.ready(apply))
    return stop
  }, [])

  return <StoreProvider store={store}>{children}</StoreProvider>
}

export default App
