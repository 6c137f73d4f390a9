import { PlatformFailedError } from './errors'

/**
 * Secure random bytes behind a synchronous API on platforms whose CSPRNG is async
 * (wx.getRandomValues): keep a pool filled in the background and hand out from it.
 * Never falls back to Math.random; an empty pool is an error (callers use takeAsync).
 */
export class RandomPool {
  private buf = new Uint8Array(0)
  private filling: Promise<void> | null = null

  constructor(
    private readonly source: (n: number) => Promise<Uint8Array>,
    private readonly size = 512,
    private readonly low = 128,
  ) {}

  get available(): number {
    return this.buf.length
  }

  ready(): Promise<void> {
    return this.buf.length >= this.low ? Promise.resolve() : this.fill(this.size)
  }

  take(n: number): Uint8Array {
    if (this.buf.length < n) {
      this.fill(Math.max(this.size, n)).catch(() => undefined)
      throw new PlatformFailedError('secureRandom')
    }
    const out = this.buf.slice(0, n)
    // Bytes handed out are never handed out again.
    this.buf = this.buf.slice(n)
    if (this.buf.length < this.low) this.fill(this.size).catch(() => undefined)
    return out
  }

  async takeAsync(n: number): Promise<Uint8Array> {
    while (this.buf.length < n) {
      try {
        await this.fill(Math.max(this.size, n))
      } catch {
        throw new PlatformFailedError('secureRandom')
      }
    }
    return this.take(n)
  }

  private fill(n: number): Promise<void> {
    if (!this.filling) {
      this.filling = this.source(n)
        .then((bytes) => {
          if (bytes.length === 0) throw new Error('empty random source')
          const next = new Uint8Array(this.buf.length + bytes.length)
          next.set(this.buf)
          next.set(bytes, this.buf.length)
          this.buf = next
        })
        .finally(() => {
          this.filling = null
        })
    }
    return this.filling
  }
}
