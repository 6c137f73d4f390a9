// One fetch for the h5 platform's raw requests (API transport and file uploads): resolves for
// every HTTP status with the body as text; a network failure or the abort timer becomes a
// TransportError the request wrapper understands.
import { TransportError, type TransportResponse } from './types'

export async function fetchText(url: string, init: { method: string; headers: Record<string, string>; body?: BodyInit }, abortAfterMs: number): Promise<TransportResponse> {
  const ctl = new AbortController()
  const timer = setTimeout(() => ctl.abort(), abortAfterMs)
  try {
    const res = await fetch(url, { ...init, signal: ctl.signal })
    const headers: Record<string, string> = {}
    res.headers.forEach((v, k) => (headers[k.toLowerCase()] = v))
    return { status: res.status, headers, body: await res.text() }
  } catch (e) {
    throw new TransportError(ctl.signal.aborted ? 'timeout' : 'network', String(e))
  } finally {
    clearTimeout(timer)
  }
}
