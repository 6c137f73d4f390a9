// Wallet API: seeded licences, masked cards, 亮证 needs L3 within 30 minutes, selective disclosure,
// codes <= 400 characters that a verifier written only against GET /api/keys accepts; forged,
// changed, expired, revoked, unknown-key and replayed codes each rejected with their own reason;
// verification records (offline uploads) and 谁查验了我的证照.
import { createPrivateKey, generateKeyPairSync, sign as cryptoSign } from 'node:crypto'
import { and, eq, isNull } from 'drizzle-orm'
import { SEED_STAFF } from '../../mock/src/identity/staff'
import { base32Decode, totp } from '../../mock/src/identity/totp'
import { credentials, reUnits } from '../../mock/src/db/schema'
import { issueCredential } from '../../mock/src/wallet'
import { verifyCode } from '../../src/domain/wallet'
import { independentVerify, type Jwk } from '../support/independent-verifier'
import { forEachDatabase, uuid, type TestEnv } from './harness'
import { TestClock, get, loginL2, loginL3, nextCitizen, post } from './identity-helpers'

const clock = new TestClock('2026-11-22T02:00:00.000Z')
const MIN = 60_000
const [windowStaff, , adminStaff] = SEED_STAFF

async function staffToken(env: TestEnv, who = windowStaff): Promise<string> {
  // TOTP codes are good once: step the clock past the previous login's step.
  clock.advance(31_000)
  const res = await post(env, '/api/staff/login', { username: who.username, password: who.password, totp: totp(base32Decode(who.totpSecret), clock.now()) })
  if (res.statusCode !== 200) throw new Error(`staff login ${res.statusCode} ${res.body}`)
  return res.json().accessToken
}

async function keySet(env: TestEnv): Promise<{ keys: Jwk[] }> {
  const res = await get(env, '/api/keys')
  expect(res.statusCode).toBe(200)
  return res.json()
}

async function ssc(env: TestEnv, token: string) {
  const res = await get(env, '/api/wallet/credentials', { token })
  expect(res.statusCode).toBe(200)
  const item = res.json().items.find((c: { type: string }) => c.type === 'ssc')
  expect(item).toBeDefined()
  return item as { id: string; fields: { key: string; value: string }[]; disclosable: string[] }
}

forEachDatabase(
  'wallet',
  (getEnv) => {
    it('lists the seeded 电子社保卡 with masked fields; presenting needs L3', async () => {
      const env = getEnv()
      const t = await loginL2(env)
      const card = await ssc(env, t.accessToken)
      const name = card.fields.find((f) => f.key === 'n')!.value
      expect(name).toMatch(/^\*+/)
      expect(card.fields.find((f) => f.key === 'id')!.value).toMatch(/^\d\*{16}[\dX]$/)
      expect(JSON.stringify(card)).not.toContain(t.citizen.idNumber)
      const res = await post(env, `/api/wallet/credentials/${card.id}/present`, { disclose: ['n'] }, { token: t.accessToken })
      expect(res.statusCode).toBe(403)
      expect(res.json()).toMatchObject({ code: 'LEVEL_REQUIRED', requiredLevel: 'L3' })
    })

    it('presents a code <= 400 chars with only the chosen fields; the independent verifier accepts it; L3 lapses after 30 min', async () => {
      const env = getEnv()
      const t = await loginL3(env)
      let refresh = t.refreshToken
      let access = t.accessToken
      const card = await ssc(env, t.accessToken)
      const res = await post(env, `/api/wallet/credentials/${card.id}/present`, { disclose: ['a18'] }, { token: t.accessToken })
      expect(res.statusCode).toBe(200)
      const body = res.json()
      expect(body.code.length).toBeLessThanOrEqual(400)
      expect(body.refreshAfterSeconds).toBe(30)
      expect(Date.parse(body.expiresAt) - Date.parse(body.issuedAt)).toBe(60_000)
      const ks = await keySet(env)
      const ind = independentVerify(body.code, ks, { now: clock.now() })
      expect(ind.ok).toBe(true)
      if (ind.ok) {
        expect(ind.header.typ).toBe('zj.cred')
        expect(ind.payload.d).toEqual({ a18: expect.any(Number) })
        expect(JSON.stringify(ind.payload)).not.toContain(t.citizen.name)
        expect(typeof ind.payload.jti).toBe('string')
      }
      // The most a person would show at once (name, ID number, card number, 18+) also fits.
      const all = await post(env, `/api/wallet/credentials/${card.id}/present`, { disclose: ['n', 'id', 'no', 'a18'] }, { token: t.accessToken })
      expect(all.statusCode).toBe(200)
      expect(all.json().code.length).toBeLessThanOrEqual(400)
      const bad = await post(env, `/api/wallet/credentials/${card.id}/present`, { disclose: ['uscc'] }, { token: t.accessToken })
      expect(bad.statusCode).toBe(400)
      expect(bad.json().code).toBe('DISCLOSURE_NOT_ALLOWED')
      // Stay active (L2 holds) past the 30 minutes of the face check; a refreshed token is L2 only.
      for (let i = 0; i < 3; i++) {
        clock.advance(11 * MIN)
        const r = await post(env, '/api/auth/refresh', { refreshToken: i === 0 ? t.refreshToken : refresh })
        expect(r.statusCode).toBe(200)
        refresh = r.json().refreshToken
        access = r.json().accessToken
      }
      const late = await post(env, `/api/wallet/credentials/${card.id}/present`, { disclose: ['n'] }, { token: access })
      expect(late.statusCode).toBe(403)
      expect(late.json()).toMatchObject({ code: 'LEVEL_REQUIRED', requiredLevel: 'L3' })
    })

    it('rejects forged, changed, expired (replay), revoked and unknown-key codes, each with its reason (app verifier, independent verifier, server upload)', async () => {
      const env = getEnv()
      const t = await loginL3(env)
      const card = await ssc(env, t.accessToken)
      // The hall's scanner signed in and synced its keys and revocations before the scans below.
      const staff = await staffToken(env)
      expect((await post(env, '/api/staff/wallet/sync', {}, { token: staff })).statusCode).toBe(200)
      const res = await post(env, `/api/wallet/credentials/${card.id}/present`, { disclose: ['n', 'a18'] }, { token: t.accessToken })
      const code: string = res.json().code
      const ks = await keySet(env)
      const appKeys = ks.keys.map((k) => ({ kid: k.kid, x: k.x, y: k.y }))
      const now = clock.now()
      const [h, p, s] = code.split('.')
      const payload = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'))
      const header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8'))
      const forger = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey
      const signWith = (hdr: unknown, pl: unknown) => {
        const hh = Buffer.from(JSON.stringify(hdr)).toString('base64url')
        const pp = Buffer.from(JSON.stringify(pl)).toString('base64url')
        const sig = cryptoSign('sha256', Buffer.from(`${hh}.${pp}`), { key: createPrivateKey(forger.export({ type: 'pkcs8', format: 'pem' })), dsaEncoding: 'ieee-p1363' })
        return `${hh}.${pp}.${sig.toString('base64url')}`
      }
      const forged = signWith(header, payload)
      const changed = `${h}.${Buffer.from(JSON.stringify({ ...payload, d: { ...payload.d, a18: 1 - payload.d.a18 } })).toString('base64url')}.${s}`
      const unknownKey = signWith({ ...header, kid: 'zzzzzzzz' }, payload)
      const cases: Array<[string, string, Date]> = [
        [forged, 'bad_signature', now],
        [changed, 'bad_signature', now],
        [unknownKey, 'unknown_key', now],
        [code, 'expired', new Date(now.getTime() + 61_000)],
      ]
      for (const [c, reason, at] of cases) {
        expect(verifyCode(c, { keys: appKeys, now: at }).result).toBe(reason)
        expect(independentVerify(c, ks, { now: at })).toEqual({ ok: false, reason })
      }
      expect(verifyCode(code, { keys: appKeys, now }).result).toBe('valid')

      // The server re-checks uploaded records at their verification time (uploaded once back
      // online, after the last of them).
      clock.advance(3 * MIN)
      const verifiedAt = now.toISOString()
      const records = [
        { clientId: uuid(), code, result: 'valid', mode: 'offline', verifiedAt },
        { clientId: uuid(), code: forged, result: 'bad_signature', mode: 'offline', verifiedAt },
        { clientId: uuid(), code: changed, result: 'bad_signature', mode: 'offline', verifiedAt },
        { clientId: uuid(), code: unknownKey, result: 'unknown_key', mode: 'offline', verifiedAt },
        // Replay of the same code 2 minutes later.
        { clientId: uuid(), code, result: 'expired', mode: 'online', verifiedAt: new Date(now.getTime() + 2 * MIN).toISOString() },
      ]
      const up = await post(env, '/api/staff/wallet/verifications', { records }, { token: staff })
      expect(up.statusCode).toBe(200)
      expect(up.json().items.map((i: { result: string }) => i.result)).toEqual(['valid', 'bad_signature', 'bad_signature', 'unknown_key', 'expired'])
      // The same records again (a retried upload): stored once.
      const again = await post(env, '/api/staff/wallet/verifications', { records: records.slice(0, 1) }, { token: staff })
      expect(again.json().items[0].result).toBe('valid')

      // Revocation: the public list carries it, verifiers say revoked, live status too.
      const [row] = await env.database.db.select().from(credentials).where(eq(credentials.id, card.id))
      const revokedBefore = await get(env, '/api/wallet/revocations')
      expect(revokedBefore.json().items.map((i: { cid: string }) => i.cid)).not.toContain(row.cid)
      const live1 = await get(env, `/api/staff/wallet/status?cid=${row.cid}`, { token: staff })
      expect(live1.json()).toMatchObject({ status: 'active' })
      // Revoked 30 s after the code was shown (while it was still fresh), and scanned then.
      const revokedAt = new Date(now.getTime() + 30_000)
      await env.database.db.update(credentials).set({ revokedAt, revokedReason: 'reported_lost' }).where(eq(credentials.id, card.id))
      const list = await get(env, '/api/wallet/revocations')
      const revoked = list.json().items.map((i: { cid: string }) => i.cid) as string[]
      expect(revoked).toContain(row.cid)
      expect(verifyCode(code, { keys: appKeys, revoked, now }).result).toBe('revoked')
      expect(independentVerify(code, ks, { now, revoked })).toEqual({ ok: false, reason: 'revoked' })
      const live2 = await get(env, `/api/staff/wallet/status?cid=${row.cid}`, { token: staff })
      expect(live2.json()).toMatchObject({ status: 'revoked' })
      const rec = await post(env, '/api/staff/wallet/verifications', { records: [{ clientId: uuid(), code, result: 'revoked', mode: 'online', verifiedAt: revokedAt.toISOString() }] }, { token: staff })
      expect(rec.json().items[0].result).toBe('revoked')
      const present = await post(env, `/api/wallet/credentials/${card.id}/present`, { disclose: ['n'] }, { token: t.accessToken })
      expect(present.statusCode).toBe(409)
      expect(present.json().code).toBe('CREDENTIAL_REVOKED')

      // 谁查验了我的证照: only records whose signature checked out, the staff member masked.
      const mine = await get(env, '/api/wallet/verifications', { token: t.accessToken })
      expect(mine.statusCode).toBe(200)
      const items = mine.json().items as { result: string; verifier: string; disclosed: string[]; mode: string }[]
      expect(items.map((i) => i.result).sort()).toEqual(['expired', 'revoked', 'valid'])
      expect(items[0].verifier).toMatch(/^\*+/)
      expect(items.find((i) => i.result === 'valid')).toMatchObject({ mode: 'offline', disclosed: ['n', 'a18'] })
    })

    it('key rotation: codes of the retired key still verify with the new key set; a stale cache says unknown_key for the new key', async () => {
      const env = getEnv()
      const t = await loginL3(env)
      const card = await ssc(env, t.accessToken)
      const before = (await post(env, `/api/wallet/credentials/${card.id}/present`, { disclose: ['n'] }, { token: t.accessToken })).json().code as string
      const oldSet = await keySet(env)
      const rot = await post(env, '/api/staff/keys/rotate', {}, { token: await staffToken(env, adminStaff) })
      expect(rot.statusCode).toBe(200)
      const after = (await post(env, `/api/wallet/credentials/${card.id}/present`, { disclose: ['n'] }, { token: t.accessToken })).json().code as string
      const newSet = await keySet(env)
      expect(newSet.keys.map((k) => k.kid)).toEqual(expect.arrayContaining([...oldSet.keys.map((k) => k.kid), rot.json().kid]))
      const now = clock.now()
      const keysOf = (ks: { keys: Jwk[] }) => ks.keys.map((k) => ({ kid: k.kid, x: k.x, y: k.y }))
      expect(verifyCode(before, { keys: keysOf(newSet), now }).result).toBe('valid')
      expect(verifyCode(after, { keys: keysOf(newSet), now }).result).toBe('valid')
      expect(verifyCode(after, { keys: keysOf(oldSet), now }).result).toBe('unknown_key')
      expect(independentVerify(before, newSet, { now }).ok).toBe(true)
    })

    it('the seed issues 不动产权证书 per property unit, 营业执照 per active enterprise; the revocation list is public and cacheable', async () => {
      const env = getEnv()
      const db = env.database.db
      const units = await db.select().from(reUnits)
      const pcs = await db.select().from(credentials).where(eq(credentials.type, 'pc'))
      expect(units.length).toBeGreaterThan(0)
      expect(pcs).toHaveLength(units.length)
      const bls = await db.select().from(credentials).where(eq(credentials.type, 'bl'))
      expect(bls.length).toBeGreaterThan(0)
      expect(bls.every((b) => b.enterpriseId !== null && b.holderCitizenId === null)).toBe(true)
      const revoked = await get(env, '/api/wallet/revocations')
      expect(revoked.headers['cache-control']).toContain('public')
    })

    it('issueCredential: a benefit approval for an account, a re-issued licence revokes the old one', async () => {
      const env = getEnv()
      const citizen = await nextCitizen(env)
      const t = await loginL2(env, citizen)
      const accountId = JSON.parse(Buffer.from(t.accessToken.split('.')[1], 'base64url').toString()).sub as string
      await env.database.db.transaction(async (tx) => {
        await issueCredential(tx, env.crypto, { holderAccountId: accountId, type: 'bn', title: '高龄津贴', fields: { ttl: '高龄津贴', n: citizen.name, no: 'NB2026-000123' }, issuedAt: clock.now() })
        await issueCredential(tx, env.crypto, { holderCitizenId: citizen.id, type: 'ssc', fields: { n: citizen.name, id: citizen.idNumber, no: 'B00000001', bd: '1990-01-01' }, issuedAt: clock.now() })
      })
      const res = await get(env, '/api/wallet/credentials', { token: t.accessToken })
      const items = res.json().items as { type: string; title?: string }[]
      expect(items.filter((i) => i.type === 'ssc')).toHaveLength(1)
      expect(items.find((i) => i.type === 'bn')?.title).toBe('高龄津贴')
      const live = await env.database.db.select().from(credentials).where(and(eq(credentials.holderCitizenId, citizen.id), eq(credentials.type, 'ssc'), isNull(credentials.revokedAt)))
      expect(live).toHaveLength(1)
    })
  },
  { seed: { citizens: 40, enterprises: 5 }, clock: clock.now },
)
