// Timers of a mini-program run, as a phone has them: what the app's runtime starts belongs to its
// process, and when the person swipes the app away (a harness's close) WeChat / Alipay kill the
// process, so those timers never fire. Without this a closed run's outbox retry (setInterval) and
// page clocks kept firing beside the next launch. The harnesses' own waits use the timers as they
// were before any launch (hostSleep), so closing an app never clears them.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyFn = (...args: any[]) => any

const hostSetTimeout = globalThis.setTimeout.bind(globalThis)

export function hostSleep(ms: number): Promise<void> {
  return new Promise((r) => hostSetTimeout(r, ms))
}

/** From now on the globals' setTimeout / setInterval are tracked; the returned function clears what they started and puts them back. */
export function trackRuntimeTimers(): () => void {
  const g = globalThis as unknown as Record<string, AnyFn>
  const { setTimeout: st, setInterval: si, clearTimeout: ct, clearInterval: ci } = g
  const live = new Set<unknown>()
  g.setTimeout = (fn: AnyFn, ms?: number, ...a: unknown[]) => {
    const id = st((...x: unknown[]) => { live.delete(id); if (typeof fn === 'function') fn(...x) }, ms, ...a)
    live.add(id)
    return id
  }
  g.setInterval = (fn: AnyFn, ms?: number, ...a: unknown[]) => {
    const id = si(fn, ms, ...a)
    live.add(id)
    return id
  }
  return () => {
    for (const id of live) { ct(id); ci(id) }
    live.clear()
    g.setTimeout = st
    g.setInterval = si
  }
}
