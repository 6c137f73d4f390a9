/// <reference path="../../src/components/qrcode-core.d.ts" />
// 亮证 codes always fit their QR (issue 21): the default disclosure of every seeded card, of every
// kind, signed exactly as the present route signs it, fits QR version 19 at ECC Q; a choice that
// does not fit is answered with the largest part of it that does, and that part presents.
import { eq } from 'drizzle-orm'
import { citizens, credentials } from '../../mock/src/db/schema'
import { PRESENT_TTL_S, presentationClaims, readFields } from '../../mock/src/wallet'
import { CREDENTIAL_DEFS, CREDENTIAL_TYPES, PRESENT_CODE_MAX_CHARS, PRESENT_QR_ECC, PRESENT_QR_MAX_VERSION, disclosedClaims, type CredentialType, type FieldKey } from '../../src/domain/wallet/types'
import { qrMatrix } from '../../src/components/qr'
import { forEachDatabase } from './harness'
import { TestClock, get, loginL3, post } from './identity-helpers'

const clock = new TestClock('2026-11-22T02:00:00.000Z')

/** The version of the QR the wallet draws (size = 17 + 4 × version). */
function qrVersion(code: string): number {
  return (qrMatrix(code, PRESENT_QR_ECC).size - 17) / 4
}

forEachDatabase(
  'wallet codes fit their QR',
  (getEnv) => {
    it('the limit is the byte capacity of QR version 19 at ECC Q', () => {
      expect(qrVersion('x'.repeat(PRESENT_CODE_MAX_CHARS))).toBe(PRESENT_QR_MAX_VERSION)
      expect(qrVersion('x'.repeat(PRESENT_CODE_MAX_CHARS + 1))).toBe(PRESENT_QR_MAX_VERSION + 1)
    })

    it('the default disclosure of every seeded card of every kind fits', async () => {
      const env = getEnv()
      const rows = await env.database.db.select().from(credentials)
      // Per kind, the card whose default claims are longest in UTF-8: its code is the kind's
      // longest (everything else in the code has a fixed size), so signing it covers them all.
      const worst = new Map<CredentialType, { row: (typeof rows)[number]; claims: Record<string, unknown>; bytes: number }>()
      for (const row of rows) {
        const d = disclosedClaims(row.type, readFields(env.crypto, row), CREDENTIAL_DEFS[row.type].defaultDisclosure, clock.now())
        expect(d.ok).toBe(true)
        if (!d.ok) continue
        const claims = presentationClaims(row, d.claims)
        const bytes = Buffer.byteLength(JSON.stringify(claims))
        if (bytes > (worst.get(row.type)?.bytes ?? -1)) worst.set(row.type, { row, claims, bytes })
      }
      const seen = new Map<CredentialType, number>()
      for (const [type, w] of worst) {
        const code = await env.app.codes.sign('cred', w.claims, { now: clock.now(), ttlSeconds: PRESENT_TTL_S })
        seen.set(type, code.length)
        expect(code.length).toBeLessThanOrEqual(PRESENT_CODE_MAX_CHARS)
        expect(qrVersion(code)).toBeLessThanOrEqual(PRESENT_QR_MAX_VERSION)
      }
      // Every kind the seed makes (bn is issued by a case's approval, not seeded).
      expect([...seen.keys()].sort()).toEqual(CREDENTIAL_TYPES.filter((t) => t !== 'bn').sort())
    })

    it('a 不动产权证书 presents with its default; all its fields get the largest part that fits, which then presents', async () => {
      const env = getEnv()
      // The pc card whose full disclosure is longest: the worst case of the seed.
      const rows = await env.database.db.select().from(credentials).where(eq(credentials.type, 'pc'))
      const longest = rows
        .map((r) => ({ r, f: readFields(env.crypto, r) }))
        .sort((a, b) => JSON.stringify(b.f).length - JSON.stringify(a.f).length)
        .find((x) => x.r.holderCitizenId && !x.r.revokedAt)!
      const [c] = await env.database.db.select().from(citizens).where(eq(citizens.id, longest.r.holderCitizenId!))
      const t = await loginL3(env, { id: c.id, name: c.name, idNumber: env.crypto.decrypt(c.idNumberEnc) })
      const list = await get(env, '/api/wallet/credentials', { token: t.accessToken })
      const card = list.json().items.find((x: { id: string }) => x.id === longest.r.id)
      expect(card).toBeDefined()

      const def = await post(env, `/api/wallet/credentials/${card.id}/present`, { disclose: CREDENTIAL_DEFS.pc.defaultDisclosure }, { token: t.accessToken })
      expect(def.statusCode).toBe(200)
      expect(def.json().code.length).toBeLessThanOrEqual(PRESENT_CODE_MAX_CHARS)

      // A long address on top: too long for the QR.
      const all: FieldKey[] = ['n', 'no', 'addr', 'area']
      const fat = { ...longest.f, addr: `${longest.f.addr ?? ''}${'某'.repeat(60)}` }
      await env.database.db.update(credentials).set({ fieldsEnc: env.crypto.encrypt(JSON.stringify(fat)) }).where(eq(credentials.id, card.id))
      const tooLong = await post(env, `/api/wallet/credentials/${card.id}/present`, { disclose: all }, { token: t.accessToken })
      expect(tooLong.statusCode).toBe(422)
      const body = tooLong.json()
      expect(body).toMatchObject({ code: 'DISCLOSURE_TOO_LONG', field: 'disclose' })
      expect(body.suggestedDisclosure).toEqual(['n', 'no', 'area'])
      const offered = await post(env, `/api/wallet/credentials/${card.id}/present`, { disclose: body.suggestedDisclosure }, { token: t.accessToken })
      expect(offered.statusCode).toBe(200)
      expect(offered.json().code.length).toBeLessThanOrEqual(PRESENT_CODE_MAX_CHARS)
    })
  },
  { seed: { citizens: 400, enterprises: 30, seed: 'wallet-fit' }, clock: clock.now },
)
