// E-proofs end to end on the API: issue each kind, download the PDF through its short-lived link,
// render it with pdftoppm, decode its QR with zbarimg and check it at /api/verify. One byte changed
// in the QR payload, a changed PDF, changed stored content, expiry and revocation all fail.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { eq } from 'drizzle-orm'
import { proofs } from '../../mock/src/db/schema'
import type { ProofView, ProofsResponse, VerifyResponse } from '../../src/domain/contract/records'
import { forEachDatabase, type TestEnv } from './harness'
import { TestClock, get, loginL2, loginL3, post } from './identity-helpers'
import { RECORDS_SEED, citizenWhere, has } from './records-helpers'

jest.setTimeout(60_000)

const clock = new TestClock()
const DAY = 86_400_000

async function pdfOf(env: TestEnv, p: ProofView): Promise<Buffer> {
  const res = await env.app.inject({ method: 'GET', url: p.downloadUrl })
  expect(res.statusCode).toBe(200)
  expect(res.headers['content-type']).toBe('application/pdf')
  return res.rawPayload
}

/** pdftoppm -> PNG -> zbarimg: the QR text exactly as a scanner reads it. */
function scanQr(pdf: Buffer): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'zj-proof-'))
  writeFileSync(path.join(dir, 'p.pdf'), pdf)
  execFileSync('pdftoppm', ['-png', '-r', '150', '-f', '1', '-l', '1', path.join(dir, 'p.pdf'), path.join(dir, 'page')])
  const png = path.join(dir, 'page-1.png')
  expect(readFileSync(png).subarray(1, 4).toString()).toBe('PNG')
  try {
    return execFileSync('zbarimg', ['-q', '--raw', png], { encoding: 'utf8' }).trim()
  } catch (e) {
    throw new Error(`no QR found on ${png}: ${String(e)}`)
  }
}

const verify = async (env: TestEnv, code: string) => (await get(env, `/api/verify?code=${encodeURIComponent(code)}`)).json<VerifyResponse>()

forEachDatabase(
  'records: e-proofs',
  (getEnv) => {
    it('参保证明: PDF with embedded Chinese font; its QR (pdftoppm + zbarimg) verifies; one byte changed -> invalid', async () => {
      const env = getEnv()
      const user = await loginL2(env, await citizenWhere(env, has.any))
      const res = await post(env, '/api/proofs', { kind: 'social_security' }, { token: user.accessToken })
      expect(res.statusCode).toBe(201)
      const proof = res.json<ProofView>()
      expect(proof).toMatchObject({ kind: 'social_security', status: 'valid' })
      expect(Date.parse(proof.expiresAt) - Date.parse(proof.issuedAt)).toBe(30 * DAY)

      const pdf = await pdfOf(env, proof)
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
      // The Chinese font is embedded (poppler's pdffonts: emb = yes).
      const dir = mkdtempSync(path.join(os.tmpdir(), 'zj-proof-'))
      writeFileSync(path.join(dir, 'p.pdf'), pdf)
      const fonts = execFileSync('pdffonts', [path.join(dir, 'p.pdf')], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean)
      expect(fonts.length).toBeGreaterThan(0)
      for (const f of fonts) expect(f).toMatch(/CID TrueType\s+Identity-H\s+yes/)
      const code = scanQr(pdf)
      expect(code.split('.')).toHaveLength(3)
      expect(code.length).toBeLessThanOrEqual(400)
      expect(JSON.parse(Buffer.from(code.split('.')[0], 'base64url').toString())).toMatchObject({ typ: 'zj.proof', alg: 'ES256' })

      const ok = await verify(env, code)
      expect(ok.valid).toBe(true)
      expect(ok.proof).toMatchObject({ number: proof.number, kind: 'social_security', title: '社会保险参保证明' })
      expect(ok.proof!.holder).not.toBe(user.citizen.name)
      expect(JSON.stringify(ok)).not.toContain(user.citizen.idNumber)
      // The printed number checks by hand too (any case, with spaces).
      expect((await verify(env, ` ${proof.number.toLowerCase()} `)).valid).toBe(true)

      // One byte changed in the payload part of the QR text.
      const [h, payload, sig] = code.split('.')
      const i = Math.floor(payload.length / 2)
      const flipped = payload.slice(0, i) + (payload[i] === 'A' ? 'B' : 'A') + payload.slice(i + 1)
      const bad = await verify(env, `${h}.${flipped}.${sig}`)
      expect(bad.valid).toBe(false)
      expect(['bad_signature', 'malformed']).toContain(bad.reason)
      expect(bad.proof).toBeUndefined()

      // The whole PDF checks as issued; one changed byte in it does not.
      const check = async (bytes: Buffer) => (await post(env, '/api/verify/pdf', { pdfBase64: bytes.toString('base64') })).json<VerifyResponse>()
      expect((await check(pdf)).valid).toBe(true)
      const changed = Buffer.from(pdf)
      changed[Math.floor(changed.length / 2)] ^= 1
      expect(await check(changed)).toEqual({ valid: false, reason: 'content_mismatch' })
    })

    it('公积金缴存证明 and 不动产权属证明 (L3) verify; 无房证明 is refused to an owner and issued to a non-owner', async () => {
      const env = getEnv()
      const owner = await loginL3(env, await citizenWhere(env, has.units2))
      const fund = await post(env, '/api/proofs', { kind: 'provident_fund' }, { token: owner.accessToken })
      if (fund.statusCode === 201) expect((await verify(env, scanQr(await pdfOf(env, fund.json())))).valid).toBe(true)
      else expect(fund.json().code).toBe('PROOF_NO_RECORDS')
      const prop = await post(env, '/api/proofs', { kind: 'property' }, { token: owner.accessToken })
      expect(prop.statusCode).toBe(201)
      const propCheck = await verify(env, scanQr(await pdfOf(env, prop.json())))
      expect(propCheck.valid).toBe(true)
      expect(propCheck.proof!.fields.some((f) => f.value.includes('不动产权第'))).toBe(true)
      expect((await post(env, '/api/proofs', { kind: 'no_property' }, { token: owner.accessToken })).json().code).toBe('PROOF_HAS_PROPERTY')

      const renter = await loginL3(env, await citizenWhere(env, has.noUnits))
      const none = await post(env, '/api/proofs', { kind: 'no_property' }, { token: renter.accessToken })
      expect(none.statusCode).toBe(201)
      const noneCheck = await verify(env, scanQr(await pdfOf(env, none.json())))
      expect(noneCheck).toMatchObject({ valid: true, proof: { kind: 'no_property', title: '无房证明' } })
      expect((await post(env, '/api/proofs', { kind: 'property' }, { token: renter.accessToken })).json().code).toBe('PROOF_NO_PROPERTY')

      const fundProof = await loginL2(env, await citizenWhere(env, has.ssAndLoan))
      const f = await post(env, '/api/proofs', { kind: 'provident_fund' }, { token: fundProof.accessToken })
      expect(f.statusCode).toBe(201)
      expect((await verify(env, scanQr(await pdfOf(env, f.json())))).proof!.title).toBe('住房公积金缴存证明')
      // Property proofs need L3.
      expect((await post(env, '/api/proofs', { kind: 'no_property' }, { token: fundProof.accessToken })).json()).toMatchObject({ code: 'LEVEL_REQUIRED', requiredLevel: 'L3' })
    })

    it('我的证明 lists my proofs only; changed stored content, revocation and expiry fail; links expire', async () => {
      const env = getEnv()
      const a = await loginL2(env, await citizenWhere(env, has.any))
      const b = await loginL2(env, await citizenWhere(env, has.any))
      const pa = (await post(env, '/api/proofs', { kind: 'social_security' }, { token: a.accessToken })).json<ProofView>()
      await post(env, '/api/proofs', { kind: 'social_security' }, { token: b.accessToken })
      const listA = (await get(env, '/api/proofs', { token: a.accessToken })).json<ProofsResponse>()
      expect(listA.items.map((p) => p.id)).toEqual([pa.id])
      const code = scanQr(await pdfOf(env, pa))

      // A link with another proof's id, or a forged token, is refused.
      const other = (await get(env, '/api/proofs', { token: b.accessToken })).json<ProofsResponse>().items[0]
      const t = new URL(pa.downloadUrl, 'http://x').searchParams.get('t')!
      expect((await env.app.inject({ method: 'GET', url: `/api/proofs/${other.id}/pdf?t=${t}` })).statusCode).toBe(403)

      // Stored content changed behind the proof's back.
      const [row] = await env.database.db.select().from(proofs).where(eq(proofs.id, pa.id))
      const content = row.content as { holder: string }
      await env.database.db.update(proofs).set({ content: { ...content, holder: `${content.holder}X` } }).where(eq(proofs.id, pa.id))
      expect(await verify(env, code)).toEqual({ valid: false, reason: 'content_mismatch' })
      await env.database.db.update(proofs).set({ content: row.content }).where(eq(proofs.id, pa.id))
      expect((await verify(env, code)).valid).toBe(true)

      await env.database.db.update(proofs).set({ revokedAt: clock.now() }).where(eq(proofs.id, pa.id))
      expect(await verify(env, code)).toEqual({ valid: false, reason: 'revoked' })
      await env.database.db.update(proofs).set({ revokedAt: null }).where(eq(proofs.id, pa.id))

      clock.advance(11 * 60_000)
      expect((await env.app.inject({ method: 'GET', url: pa.downloadUrl })).statusCode).toBe(403)
      clock.advance(30 * DAY)
      expect(await verify(env, code)).toEqual({ valid: false, reason: 'expired' })
      expect(await verify(env, pa.number)).toEqual({ valid: false, reason: 'expired' })
      expect(await verify(env, 'not a code')).toEqual({ valid: false, reason: 'malformed' })
      expect(await verify(env, 'SB20261120ABCDEFGHJK')).toEqual({ valid: false, reason: 'not_found' })
    })
  },
  { seed: RECORDS_SEED, clock: clock.now },
)
