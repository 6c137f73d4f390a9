// The app's one outbox of applications, sending from whatever page is open: on app start, when the
// network returns, and on a timer while something waits (the app's own retry; h5 also has Workbox
// background sync). The apply page and 我的办件 use the same instance, so a queued application is
// sent once and every page hears about it. On h5 this module loads only when something waits
// (app.tsx), keeping the first screen's script as it was.
import { reaction, runInAction } from 'mobx'
import type { SubmitCaseBody, SubmitCaseResponse } from '../domain/contract'
import { CaseOutbox } from '../services/outbox'
import type { RootStore } from './root'

/** The app's own retry while something waits and the browser says it is online. */
export const OUTBOX_RETRY_MS = 15_000
/** Retry after the server said another send of the entry is in progress (its answer is stored by then). */
export const OUTBOX_BUSY_RETRY_MS = 1_000

export function appOutbox(root: RootStore): CaseOutbox {
  return root.feature('outbox', (r) => {
    const outbox = new CaseOutbox(r.platform.storage, {
      submit: (body: SubmitCaseBody, key: string) => r.api.request.post<SubmitCaseResponse>('/api/cases', body, { idempotencyKey: key, timeoutMs: 30_000 }),
    }, () => r.session.sender)
    let timer: ReturnType<typeof setInterval> | null = null
    const flush = (online = r.app.online) => {
      if (!r.session.isLoggedIn || !online || outbox.list().length === 0) return
      void outbox.flush().then(() => {
        if (outbox.retrySoon) setTimeout(() => flush(), OUTBOX_BUSY_RETRY_MS)
      })
    }
    const sync = () => {
      const n = outbox.mine().length
      r.app.setPending(n)
      if (n > 0 && !timer) timer = setInterval(() => flush(), OUTBOX_RETRY_MS)
      if (n === 0 && timer) {
        clearInterval(timer)
        timer = null
      }
    }
    outbox.onChange(sync)
    // Not for an application whose page shows the receipt itself: success is said once.
    outbox.onSentElsewhere((_e, res) => runInAction(() => r.app.noteSent(res.cases.map((c) => c.number))))
    outbox.onSent(() => {
      // The server put a message with the case number in the inbox: show it on the 消息 tab.
      if (r.inbox.loaded) void r.inbox.load()
    })
    r.platform.onNetworkChange((online) => {
      if (online) flush(true)
    })
    // Another person (or the same one acting for a company) signed in: their own entries count
    // and go now; the previous sender's wait, untouched, until that sender is back.
    reaction(
      () => r.session.sender,
      () => {
        sync()
        flush()
      },
    )
    sync()
    flush()
    return outbox
  })
}
