// Fakes for app-layer tests: transport, clock, platform. No Taro.
import { randomFillSync } from 'node:crypto'
import type { Platform, PlatformStorage, Transport, TransportRequest, TransportResponse } from '../../../src/platform/types'
import { TransportError } from '../../../src/platform/types'
import type { Clock } from '../../../src/services/request'

export type Reply = TransportResponse | TransportError | ((req: TransportRequest) => TransportResponse | Promise<TransportResponse>)

export function json(status: number, body?: unknown, headers: Record<string, string> = {}): TransportResponse {
  return { status, headers, body: body === undefined ? '' : JSON.stringify(body) }
}

/** Answers queued replies in order; records every request. */
export class FakeTransport {
  readonly calls: TransportRequest[] = []
  private queue: Reply[] = []
  fallback?: Reply

  reply(...r: Reply[]): this {
    this.queue.push(...r)
    return this
  }

  readonly fn: Transport = async (req) => {
    this.calls.push(req)
    const r = this.queue.shift() ?? this.fallback
    if (!r) throw new Error(`no reply queued for ${req.method} ${req.url}`)
    if (r instanceof TransportError) throw r
    if (typeof r === 'function') return r(req)
    return r
  }
}

/** Manual clock: timers fire only when advanced. */
export class FakeClock implements Clock {
  now = 0
  private timers: { at: number; fn: () => void; id: number }[] = []
  private seq = 0
  readonly delays: number[] = []

  setTimeout = (fn: () => void, ms: number): unknown => {
    const id = ++this.seq
    this.delays.push(ms)
    this.timers.push({ at: this.now + ms, fn, id })
    return id
  }

  clearTimeout = (h: unknown): void => {
    this.timers = this.timers.filter((t) => t.id !== h)
  }

  get pending(): number {
    return this.timers.length
  }

  /** Advance time, firing due timers in order and letting promises settle between them. */
  async advance(ms: number): Promise<void> {
    const end = this.now + ms
    for (;;) {
      await flush()
      const due = this.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0]
      if (!due) break
      this.timers = this.timers.filter((t) => t !== due)
      this.now = due.at
      due.fn()
    }
    this.now = end
    await flush()
  }
}

export async function flush(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve()
}

export function memoryStorage(init: Record<string, string> = {}): PlatformStorage & { data: Map<string, string> } {
  const data = new Map(Object.entries(init))
  return {
    data,
    get: (k) => data.get(k) ?? null,
    set: (k, v) => void data.set(k, v),
    remove: (k) => void data.delete(k),
  }
}

export function fakePlatform(over: Partial<Platform> & { fontScale?: number; online?: boolean } = {}) {
  let online = over.online ?? true
  const listeners = new Set<(o: boolean) => void>()
  const transport = new FakeTransport()
  const nodeRandom = (n: number) => randomFillSync(new Uint8Array(n))
  const platform: Platform = {
    name: 'h5',
    channel: 'h5',
    nativeMap: false,
    storage: memoryStorage(),
    request: transport.fn,
    ready: async () => undefined,
    randomBytes: nodeRandom,
    secureRandom: async (n) => nodeRandom(n),
    getLoginCode: async () => 'code',
    scan: async () => 'scan',
    getLocation: async () => ({ lat: 29.87, lng: 121.54 }),
    faceCheck: async () => ({ verifyResult: 'ok' }),
    requestSubscribeMessage: async () => ({}),
    setScreenCaptureGuard: async () => undefined,
    onUserCaptureScreen: () => () => undefined,
    setTabBadge: async () => undefined,
    openLocation: async () => undefined,
    makePhoneCall: async () => undefined,
    copyText: async () => true,
    addToCalendar: async () => undefined,
    isOnline: () => online,
    onNetworkChange: (cb) => {
      listeners.add(cb)
      return () => listeners.delete(cb)
    },
    getSystemInfo: () => ({ fontScale: over.fontScale ?? 1, windowWidth: 375, platformName: 'h5' }),
    ...over,
  }
  return {
    platform,
    transport,
    setOnline(o: boolean) {
      online = o
      listeners.forEach((l) => l(o))
    },
    listenerCount: () => listeners.size,
  }
}
