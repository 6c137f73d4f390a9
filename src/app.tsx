import { useEffect, type PropsWithChildren } from 'react'
import { reaction } from 'mobx'
import { platform } from '@/platform'
import { createRootStore, StoreProvider } from '@/stores'
import { updateState } from '@/components/updateState'
import './app.css'

// One store for the app's lifetime, created before the first page renders.
const store = createRootStore(platform)

/**
 * Starts the app-wide outbox (src/stores/outbox.ts) when an application waits: it sends from
 * whatever page is open. Its code loads only then, so the first screen's script stays as it was.
 */
function startOutbox(): void {
  if (store.app.pendingSends === 0 || !store.session.isLoggedIn) return
  void import(/* webpackChunkName: "outbox" */ './stores/outbox').then((m) => m.appOutbox(store))
}

function App({ children }: PropsWithChildren) {
  useEffect(() => {
    void store.app.init()
    void store.app.loadMeta()
    startOutbox()
    // Came back online without the platform's meta yet: fetch it now rather than on next launch.
    const stop = reaction(
      () => store.app.online,
      (online) => {
        if (online && !store.app.meta && !store.app.metaLoading) void store.app.loadMeta()
        if (online) startOutbox()
      },
    )
    // Signed in again with an application waiting (it was kept through the expired session).
    const stopLogin = reaction(() => store.session.isLoggedIn, startOutbox)
    // Only the h5 platform has a service worker; the bar waits for the citizen's tap.
    platform.registerServiceWorker?.((apply) => updateState.ready(apply))
    return () => {
      stop()
      stopLogin()
    }
  }, [])

  return <StoreProvider store={store}>{children}</StoreProvider>
}

export default App
