import { RandomPool } from '../../../src/platform/randomPool'
import { PlatformFailedError, PlatformUnsupportedError } from '../../../src/platform/errors'
import { messages } from '../../../src/domain/messages'

function source() {
  let counter = 0
  const calls: number[] = []
  let fail = false
  const fn = async (n: number) => {
    calls.push(n)
    if (fail) throw new Error('vendor failure')
    return new Uint8Array(n).map(() => ++counter & 0xff)
  }
  return { fn, calls, setFail: (f: boolean) => (fail = f) }
}

describe('RandomPool (weapp/alipay secure random)', () => {
  afterEach(() => jest.restoreAllMocks())

  test('serves bytes from the vendor source only, never Math.random, never the same bytes twice', async () => {
    const spy = jest.spyOn(Math, 'random')
    const src = source()
    const pool = new RandomPool(src.fn, 64, 16)
    await pool.ready()
    const a = pool.take(16)
    const b = pool.take(16)
    expect(Array.from(a)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1))
    expect(Array.from(b)).toEqual(Array.from({ length: 16 }, (_, i) => i + 17))
    expect(spy).not.toHaveBeenCalled()
  })

  test('take() before the pool is filled throws a zh-CN error and starts a refill', async () => {
    const src = source()
    const pool = new RandomPool(src.fn, 64, 16)
    expect(() => pool.take(16)).toThrow(PlatformFailedError)
    expect(() => pool.take(16)).toThrow(messages.platform.failed.secureRandom)
    await Promise.resolve()
    expect(src.calls.length).toBe(1) // one refill in flight, not one per call
    await expect(pool.takeAsync(16)).resolves.toHaveLength(16)
  })

  test('refills in the background when running low; takeAsync waits for it', async () => {
    const src = source()
    const pool = new RandomPool(src.fn, 32, 16)
    await pool.ready()
    pool.take(20) // leaves 12 < 16 → refill
    await new Promise((r) => setImmediate(r))
    expect(src.calls).toEqual([32, 32])
    expect(pool.available).toBe(44)
    await expect(pool.takeAsync(100)).resolves.toHaveLength(100)
  })

  test('a failing source surfaces as PlatformFailedError from takeAsync', async () => {
    const src = source()
    src.setFail(true)
    const pool = new RandomPool(src.fn)
    await expect(pool.takeAsync(16)).rejects.toBeInstanceOf(PlatformFailedError)
  })
})

describe('platform errors', () => {
  test('unsupported capability carries the catalogue message', () => {
    const e = new PlatformUnsupportedError('faceCheck')
    expect(e).toBeInstanceOf(Error)
    expect(e.message).toBe(messages.platform.unsupported.faceCheck)
    expect(e.message).toMatch(/[\u4e00-\u9fff]/)
  })

  test('every capability has both an unsupported and a failed message', () => {
    expect(Object.keys(messages.platform.failed).sort()).toEqual(Object.keys(messages.platform.unsupported).sort())
  })
})
