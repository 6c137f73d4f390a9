// Signed QR codes: one key set for credentials, check-in and e-proofs; every failure has its own
// reason; rotation keeps old codes verifiable while their key is published.
import { createPublicKey, createVerify } from 'node:crypto'
import { signingKeys } from '../../mock/src/db/schema'
import { PUBLISH_AFTER_RETIRE_MS } from '../../mock/src/signing'
import type { KeySetResponse } from '../../src/domain/contract'
import { forEachDatabase } from './harness'
import { TestClock, get, post, staffLogin } from './identity-helpers'

const clock = new TestClock('2026-11-20T02:00:00.000Z')

function tamper(code: string, part: 0 | 1 | 2, edit: (json: string) => string): string {
  const parts = code.split('.')
  parts[part] = Buffer.from(edit(Buffer.from(parts[part], 'base64url').toString('utf8'))).toString('base64url')
  return parts.join('.')
}

forEachDatabase(
  'signed codes and the key set',
  (getEnv) => {
    it('signs a compact ES256 JWS that a plain node:crypto verifier accepts with the published key', async () => {
      const env = getEnv()
      const codes = env.app.codes
      const code = await codes.sign('cred', { c: 'abc', t: 'sscard', d: { adult: true } }, { now: clock.now(), ttlSeconds: 60 })
      expect(code.split('.')).toHaveLength(3)
      expect(code.length).toBeLessThan(400)
      const header = JSON.parse(Buffer.from(code.split('.')[0], 'base64url').toString())
      expect(header).toMatchObject({ alg: 'ES256', typ: 'zj.cred' })

      const res = await get(env, '/api/keys')
      expect(res.statusCode).toBe(200)
      expect(res.headers['cache-control']).toContain('max-age=')
      const set = res.json<KeySetResponse>()
      const jwk = set.keys.find((k) => k.kid === header.kid)!
      expect(jwk).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', status: 'active' })
      const [h, p, sig] = code.split('.')
      const ok = createVerify('SHA256')
        .update(`${h}.${p}`)
        .verify({ key: createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y }, format: 'jwk' }), dsaEncoding: 'ieee-p1363' }, Buffer.from(sig, 'base64url'))
      expect(ok).toBe(true)

      const v = await codes.verify(code, { now: clock.now(), kind: 'cred' })
      expect(v).toMatchObject({ ok: true, kind: 'cred', kid: header.kid, claims: { c: 'abc', t: 'sscard', d: { adult: true } } })
      if (v.ok) {
        expect(v.claims.exp - v.claims.iat).toBe(60)
        expect(v.claims.jti).toMatch(/^[A-Za-z0-9_-]{11}$/)
      }
    })

    it('gives each failure its own reason', async () => {
      const codes = getEnv().app.codes
      const now = clock.now()
      const code = await codes.sign('chk', { b: 'booking-1' }, { now, ttlSeconds: 600 })
      const verify = (c: string, at = now, kind?: 'cred' | 'chk' | 'proof') => codes.verify(c, { now: at, kind })

      expect(await verify(code)).toMatchObject({ ok: true, kind: 'chk' })
      expect(await verify(code, now, 'cred')).toMatchObject({ ok: false, reason: 'wrong_kind' })
      expect(await verify(code, new Date(now.getTime() + 600_000))).toMatchObject({ ok: false, reason: 'expired' })
      expect(await verify(code, new Date(now.getTime() - 120_000))).toMatchObject({ ok: false, reason: 'not_yet_valid' })
      // One changed field: the signature no longer matches.
      expect(await verify(tamper(code, 1, (j) => j.replace('booking-1', 'booking-2')))).toMatchObject({ ok: false, reason: 'bad_signature' })
      // A forged signature of the right length.
      const parts = code.split('.')
      expect(await verify(`${parts[0]}.${parts[1]}.${Buffer.alloc(64, 1).toString('base64url')}`)).toMatchObject({ ok: false, reason: 'bad_signature' })
      expect(await verify(tamper(code, 0, (j) => j.replace(/"kid":"[^"]+"/, '"kid":"nokey123"')))).toMatchObject({ ok: false, reason: 'unknown_key' })
      expect(await verify(tamper(code, 0, (j) => j.replace('ES256', 'none')))).toMatchObject({ ok: false, reason: 'malformed' })
      for (const junk of ['', 'abc', 'a.b', 'a.b.c', `${parts[0]}.!!!.${parts[2]}`]) expect(await verify(junk)).toMatchObject({ ok: false, reason: 'malformed' })
    })

    it('rotation: new codes use the new key, old ones verify until the retired key is unpublished; admin only', async () => {
      const env = getEnv()
      const codes = env.app.codes
      const t0 = clock.now()
      const old = await codes.sign('proof', { p: 'x' }, { now: t0, ttlSeconds: 40 * 24 * 3600 })
      const oldKid = JSON.parse(Buffer.from(old.split('.')[0], 'base64url').toString()).kid

      const window = await staffLogin(env, 'window01', t0)
      expect((await post(env, '/api/staff/keys/rotate', {}, { token: window.accessToken })).statusCode).toBe(403)
      const admin = await staffLogin(env, 'admin01', t0)
      const rotated = await post(env, '/api/staff/keys/rotate', {}, { token: admin.accessToken })
      expect(rotated.statusCode).toBe(200)
      const newKid = rotated.json().kid
      expect(newKid).not.toBe(oldKid)

      const fresh = await codes.sign('proof', { p: 'y' }, { now: t0, ttlSeconds: 60 })
      expect(JSON.parse(Buffer.from(fresh.split('.')[0], 'base64url').toString()).kid).toBe(newKid)
      const set = (await get(env, '/api/keys')).json<KeySetResponse>()
      expect(set.keys.find((k) => k.kid === oldKid)).toMatchObject({ status: 'retired' })
      expect(set.keys.find((k) => k.kid === newKid)).toMatchObject({ status: 'active' })
      expect(await codes.verify(old, { now: t0 })).toMatchObject({ ok: true })
      // Past the publication window the retired key is gone from the set and its codes are unknown.
      const later = new Date(t0.getTime() + PUBLISH_AFTER_RETIRE_MS + 60_000)
      expect(await codes.verify(old, { now: later })).toMatchObject({ ok: false, reason: 'unknown_key' })
      expect((await codes.keySet({ now: later })).keys.map((k) => k.kid)).toEqual([newKid])
      expect(await env.database.db.select().from(signingKeys)).toHaveLength(2)
    })

    it('keeps private keys encrypted at rest', async () => {
      const env = getEnv()
      await env.app.codes.sign('cred', {}, { now: clock.now(), ttlSeconds: 60 })
      const rows = await env.database.db.select().from(signingKeys)
      expect(rows.length).toBeGreaterThan(0)
      for (const r of rows) {
        expect(r.privateKeyEnc).not.toContain('PRIVATE KEY')
        expect(env.crypto.decrypt(r.privateKeyEnc)).toContain('BEGIN PRIVATE KEY')
      }
    })
  },
  { seed: { citizens: 5, enterprises: 1 }, clock: clock.now },
)
