// The vendor API object (`wx`, `my`) a mini-program harness hands to the built app, watched: every
// member the app calls is recorded, and a member the harness does not implement is noted instead of
// silently being undefined, so a test can fail on it. `own` holds what the app's own output keeps on
// that object (webpack's chunk registry, Taro's event centre), writable and not counted.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyFn = (...args: any[]) => any

export function watchedHostApi(base: Record<string, unknown>, ownKeys: string[], used: Set<string>, unknown: Set<string>): Record<string, unknown> {
  const own: Record<string | symbol, unknown> = Object.fromEntries(ownKeys.map((k) => [k, undefined]))
  return new Proxy(base, {
    get(target, key) {
      if (typeof key === 'symbol') return (target as Record<symbol, unknown>)[key]
      if (key in own) return own[key]
      if (key in target) {
        const v = target[key]
        if (typeof v !== 'function') return v
        return (...args: unknown[]) => {
          used.add(key)
          return (v as AnyFn)(...args)
        }
      }
      unknown.add(key)
      return undefined
    },
    set(_t, key, value) {
      own[key] = value
      return true
    },
    has(target, key) {
      return key in own || key in target
    },
  })
}
