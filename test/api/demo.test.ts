// DEMO=1 (issue 25): a demonstration says so everywhere — /api/meta tells the app (which shows the
// 演示环境 banner on every page), every signed code carries `demo: true`, and every e-proof PDF
// prints the demo line on each page. Without DEMO nothing of the kind appears.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { MetaResponse } from '../../src/domain/contract'
import type { ProofView, VerifyResponse } from '../../src/domain/contract/records'
import { forEachDatabase } from './harness'
import { TestClock, get, loginL2, post } from './identity-helpers'
import { RECORDS_SEED, citizenWhere, has } from './records-helpers'

jest.setTimeout(60_000)

const clock = new TestClock()
const payloadOf = (code: string) => JSON.parse(Buffer.from(code.split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>

function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'zj-demo-'))
  writeFileSync(path.join(dir, 'p.pdf'), pdf)
  return execFileSync('pdftotext', ['-enc', 'UTF-8', path.join(dir, 'p.pdf'), '-'], { encoding: 'utf8' })
}

/** pdftoppm -> PNG -> zbarimg: the QR text exactly as a scanner reads it. */
function scanQr(pdf: Buffer): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'zj-demo-'))
  writeFileSync(path.join(dir, 'p.pdf'), pdf)
  execFileSync('pdftoppm', ['-png', '-r', '150', '-f', '1', '-l', '1', path.join(dir, 'p.pdf'), path.join(dir, 'page')])
  return execFileSync('zbarimg', ['-q', '--raw', '-Sdisable', '-Sqrcode.enable', path.join(dir, 'page-1.png')], { encoding: 'utf8' }).trim()
}

forEachDatabase(
  'demo mode (DEMO=1)',
  (getEnv) => {
    it('tells the app, marks every signed code and prints 演示环境 on the proof', async () => {
      const env = getEnv()
      expect((await get(env, '/api/meta')).json<MetaResponse>().demo).toBe(true)
      const user = await loginL2(env, await citizenWhere(env, has.any))
      const res = await post(env, '/api/proofs', { kind: 'social_security' }, { token: user.accessToken })
      expect(res.statusCode).toBe(201)
      const proof = res.json<ProofView>()
      const pdf = (await env.app.inject({ method: 'GET', url: proof.downloadUrl })).rawPayload
      const text = pdfText(pdf)
      expect(text).toContain('演示环境 · 模拟数据，本证明不具法律效力')
      // The QR payload is a signed code with the demo marker, and it still verifies.
      const code = await env.app.codes.sign('chk', { b: 'x' }, { now: clock.now(), ttlSeconds: 60 })
      expect(payloadOf(code).demo).toBe(true)
      const printed = scanQr(pdf)
      expect(payloadOf(printed).demo).toBe(true)
      const verified = (await get(env, `/api/verify?code=${encodeURIComponent(printed)}`)).json<VerifyResponse>()
      expect(verified.valid).toBe(true)
    })
  },
  { seed: RECORDS_SEED, clock: clock.now, extraEnv: { DEMO: '1' } },
)

forEachDatabase(
  'not a demo (DEMO unset)',
  (getEnv) => {
    it('says nothing of a demo: meta demo=false, codes without the marker', async () => {
      const env = getEnv()
      expect((await get(env, '/api/meta')).json<MetaResponse>().demo).toBe(false)
      const code = await env.app.codes.sign('chk', { b: 'x' }, { now: clock.now(), ttlSeconds: 60 })
      expect(payloadOf(code)).not.toHaveProperty('demo')
    })
  },
  { seed: false, clock: clock.now },
)
