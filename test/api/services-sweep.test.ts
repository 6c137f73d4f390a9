// Authorisation sweep for the service areas (booking, inbox, wallet, proofs): with citizen A's
// token, every route that takes an id is tried with citizen B's ids → 403/404 with none of B's
// data, and B's things are unchanged. Then a coverage check: every API path with an id is swept
// here, in identity-sweep, cases-sweep or records-access, or is public reference data.
import fs from 'node:fs'
import path from 'node:path'
import { HALL, ITEMS, MONDAY_0900, cn } from './booking-support'
import { forEachDatabase } from './harness'
import { TestClock, get, loginL3, nextCitizen, post } from './identity-helpers'

const clock = new TestClock(MONDAY_0900)

/** Paths with an id that are public reference data (catalog, halls, forms): nobody owns them. */
const PUBLIC_ID_PATHS = ['/api/catalog/bundles/{code}', '/api/catalog/items/{code}', '/api/halls/{code}', '/api/cases/forms/{code}', '/api/booking/halls/{hallId}/load']
/** Staff routes: gated by staff role and audience (identity-sweep proves citizen tokens never pass). */
const STAFF_PREFIX = '/api/staff/'

forEachDatabase(
  'services: authorisation sweep',
  (getEnv) => {
    it('A cannot reach B\'s bookings, messages, credentials or proofs by id', async () => {
      const env = getEnv()
      const b = await loginL3(env, await nextCitizen(env))
      const a = await loginL3(env, await nextCitizen(env))
      const B = { token: b.accessToken }
      const A = { token: a.accessToken }

      const booking = await post(env, '/api/bookings', { itemCode: ITEMS[0], hallId: HALL, startsAt: cn('2026-11-24T09:00') }, B)
      expect(booking.statusCode).toBe(201)
      const bookingId = booking.json().id
      const message = (await get(env, '/api/inbox', B)).json().items[0]
      const card = (await get(env, '/api/wallet/credentials', B)).json().items[0]
      const proof = await post(env, '/api/proofs', { kind: 'social_security' }, B)
      expect(proof.statusCode).toBe(201)
      const proofId = proof.json().id

      const attempts: Array<[string, () => ReturnType<typeof get>]> = [
        ['GET /api/bookings/{id}', () => get(env, `/api/bookings/${bookingId}`, A)],
        ['POST /api/bookings/{id}/cancel', () => post(env, `/api/bookings/${bookingId}/cancel`, {}, A)],
        ['POST /api/bookings/{id}/reschedule', () => post(env, `/api/bookings/${bookingId}/reschedule`, { hallId: HALL, startsAt: cn('2026-11-25T09:00') }, A)],
        ['POST /api/inbox/{id}/read', () => post(env, `/api/inbox/${message.id}/read`, {}, A)],
        ['POST /api/wallet/credentials/{id}/present', () => post(env, `/api/wallet/credentials/${card.id}/present`, { disclose: ['n'] }, A)],
        // The PDF link is signed per proof: A cannot forge one for B's proof.
        ['GET /api/proofs/{id}/pdf', () => get(env, `/api/proofs/${proofId}/pdf?t=4102444800.forged`, A)],
      ]
      const secrets = [b.phone, b.citizen.name, b.citizen.idNumber]
      for (const [label, attempt] of attempts) {
        const res = await attempt()
        expect({ label, status: [403, 404].includes(res.statusCode) }).toEqual({ label, status: true })
        for (const s of secrets) expect(res.body).not.toContain(s)
      }

      // A's own lists hold nothing of B.
      for (const url of ['/api/bookings', '/api/inbox', '/api/wallet/credentials', '/api/proofs']) {
        const res = await get(env, url, A)
        expect(res.statusCode).toBe(200)
        for (const s of [...secrets, bookingId, message.id, card.id, proofId]) expect(res.body).not.toContain(s)
      }

      // B is untouched.
      expect((await get(env, `/api/bookings/${bookingId}`, B)).json()).toMatchObject({ status: 'active', date: '2026-11-24' })
      expect((await get(env, '/api/inbox', B)).json().items.find((m: { id: string }) => m.id === message.id).read).toBe(false)
    })

    it('every API path that takes an id is swept somewhere or is public reference data', async () => {
      const spec = (await get(getEnv(), '/api/openapi.json')).json()
      const withIds = Object.keys(spec.paths).filter((p) => p.includes('{'))
      const dir = __dirname
      const sweeps = ['identity-sweep.test.ts', 'cases-sweep.test.ts', 'records-access.test.ts', path.basename(__filename)].map((f) => fs.readFileSync(path.join(dir, f), 'utf8')).join('\n')
      // A sweep names each path in its labels (with {id}) or calls it with a concrete id.
      const covered = (p: string) => sweeps.includes(p) || new RegExp(p.replace(/\{[^}]+\}/g, '\\$\\{[^}]+\\}').replace(/\//g, '\\/')).test(sweeps)
      const missing = withIds.filter((p) => !PUBLIC_ID_PATHS.includes(p) && !p.startsWith(STAFF_PREFIX) && !covered(p))
      expect(missing).toEqual([])
    })
  },
  { seed: { citizens: 40, enterprises: 3 }, clock: clock.now },
)
