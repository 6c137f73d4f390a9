// A JSON client for the stand-in's API, without the browser parts of e2e.ts (the mini-program
// journeys run in jsdom, where playwright-core cannot load).
import { randomUUID } from 'node:crypto'

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/** A JSON call to the stand-in; a non-2xx answer throws with its status and body. POSTs carry an Idempotency-Key. */
export type Api = <T = any>(method: Method, path: string, body?: unknown, token?: string) => Promise<T>

export function apiAt(base: () => string): Api {
  return async <T>(method: Method, path: string, body?: unknown, token?: string): Promise<T> => {
    const res = await fetch(`${base()}${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(method !== 'GET' ? { 'idempotency-key': randomUUID() } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await res.text()
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text}`)
    return (text ? JSON.parse(text) : undefined) as T
  }
}
