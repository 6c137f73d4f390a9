// Outbox of applications: a submission is written here before it is sent and removed once the
// server has answered (with the case, or with a refusal). Network failures, and a session that
// must be renewed first (401), leave it for the next flush, which resends with the same
// Idempotency-Key, so the server makes the case exactly once. Mini-programs have no service
// worker, so this is their only outbox; on h5 it works beside Workbox background sync
// (scripts/pwa-sw.mjs), and the shared key keeps the two from doubling. Its own module: the app
// sends from any page (src/stores/outbox.ts) without loading the rest of the cases API.
import type { SubmitCaseBody, SubmitCaseResponse } from '../domain/contract'

export interface OutboxEntry {
  key: string
  body: SubmitCaseBody
  title: string
  at: number
  /**
   * The session that queued it (account and acting identity, SessionStore.sender). Only that
   * sender sends it: on a shared phone the next person signed in never files someone else's
   * application under their own name. Entries from before this field are sent by whoever is in.
   */
  sender?: string
}

interface StorageLike {
  get(key: string): string | null
  set(key: string, value: string): void
}

export const OUTBOX_KEY = 'zj.cases.outbox'

export function isNoAnswer(e: unknown): boolean {
  const kind = (e as { kind?: string } | null)?.kind
  return kind === 'offline' || kind === 'network' || kind === 'timeout'
}

/**
 * Another send of the same entry is still being processed by the server (409
 * IDEMPOTENCY_KEY_IN_USE): the case is being made, not refused. Happens when two senders share the
 * outbox (h5's background sync beside the app; a mini-program's previous run whose request was
 * still in flight when it was closed). A retry soon gets the server's stored answer.
 */
export function isSendInFlight(e: unknown): boolean {
  const v = e as { status?: number; code?: string } | null
  return v?.status === 409 && v.code === 'IDEMPOTENCY_KEY_IN_USE'
}

/** Kept for a later try: no answer, signed out (it goes once the person signs in again), or sent by another sender right now. */
function keep(e: unknown): boolean {
  return isNoAnswer(e) || (e as { status?: number } | null)?.status === 401 || isSendInFlight(e)
}

/** Entries waiting in storage, without the class (the app's pending count reads this at start). */
export function outboxEntries(storage: Pick<StorageLike, 'get'>): OutboxEntry[] {
  try {
    const v = JSON.parse(storage.get(OUTBOX_KEY) ?? '[]') as OutboxEntry[]
    return Array.isArray(v) ? v : []
  } catch {
    return []
  }
}

/** Whether the person signed in as `sender` may send (and is told about) an entry. */
export function sendableBy(sender: string | null): (e: OutboxEntry) => boolean {
  return (e) => e.sender === undefined || e.sender === sender
}

export class CaseOutbox {
  private inFlight = new Map<string, Promise<SubmitCaseResponse>>()
  private listeners = new Set<() => void>()
  private sentListeners = new Set<(entry: OutboxEntry, res: SubmitCaseResponse) => void>()
  private elsewhereListeners = new Set<(entry: OutboxEntry, res: SubmitCaseResponse) => void>()
  /** Entries whose answer a page shows itself (the apply page's receipt), by key. */
  private readonly shownInPlace = new Set<string>()
  /** The last flush stopped at an entry another sender is sending right now: try again soon, not at the next retry tick. */
  retrySoon = false

  constructor(
    private readonly storage: StorageLike,
    private readonly api: { submit(body: SubmitCaseBody, idempotencyKey: string): Promise<SubmitCaseResponse> },
    /** Who is signed in now; null when nobody (nothing is sent then). */
    private readonly sender: () => string | null = () => null,
  ) {}

  /** Every entry on the device, whoever queued it. */
  list(): OutboxEntry[] {
    return outboxEntries(this.storage)
  }

  /** The entries the person signed in now may send (and is told about). */
  mine(): OutboxEntry[] {
    return this.list().filter(sendableBy(this.sender()))
  }

  private write(entries: OutboxEntry[]): void {
    this.storage.set(OUTBOX_KEY, JSON.stringify(entries))
    for (const l of this.listeners) l()
  }

  onChange(cb: () => void): () => void {
    this.listeners.add(cb)
    return () => this.listeners.delete(cb)
  }

  /** Called with the server's answer whenever an entry went through, whoever sent it. */
  onSent(cb: (entry: OutboxEntry, res: SubmitCaseResponse) => void): () => void {
    this.sentListeners.add(cb)
    return () => this.sentListeners.delete(cb)
  }

  /** As onSent, but only for entries no page is showing the answer of: the app-wide "已提交" note. */
  onSentElsewhere(cb: (entry: OutboxEntry, res: SubmitCaseResponse) => void): () => void {
    this.elsewhereListeners.add(cb)
    return () => this.elsewhereListeners.delete(cb)
  }

  /**
   * The page that submitted the entry shows its answer (the receipt): the app-wide note would say
   * the same a second time. Returns the release, for when that page goes away.
   */
  showInPlace(key: string): () => void {
    this.shownInPlace.add(key)
    return () => void this.shownInPlace.delete(key)
  }

  add(entry: OutboxEntry): void {
    const sender = entry.sender ?? this.sender() ?? undefined
    this.write([...this.list().filter((e) => e.key !== entry.key), sender === undefined ? entry : { ...entry, sender }])
  }

  remove(key: string): void {
    this.write(this.list().filter((e) => e.key !== key))
  }

  /** Send one entry (once at a time per key); removed when the server answered either way. */
  send(entry: OutboxEntry): Promise<SubmitCaseResponse> {
    const running = this.inFlight.get(entry.key)
    if (running) return running
    const p = this.api
      .submit(entry.body, entry.key)
      .then(
        (res) => {
          this.remove(entry.key)
          for (const l of this.sentListeners) l(entry, res)
          if (!this.shownInPlace.has(entry.key)) for (const l of this.elsewhereListeners) l(entry, res)
          return res
        },
        (e: unknown) => {
          if (!keep(e)) this.remove(entry.key)
          throw e
        },
      )
      .finally(() => this.inFlight.delete(entry.key))
    this.inFlight.set(entry.key, p)
    return p
  }

  /** Send everything the signed-in sender has waiting; returns how many went through. Stops at the first network failure. */
  async flush(): Promise<number> {
    let sent = 0
    this.retrySoon = false
    for (const e of this.mine()) {
      try {
        await this.send(e)
        sent++
      } catch (err) {
        this.retrySoon = isSendInFlight(err)
        if (keep(err)) break
      }
    }
    return sent
  }
}
