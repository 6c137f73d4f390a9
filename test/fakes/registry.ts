// Local fake of an identity-check (实名核验) service: bearer credential, one POST per check.
import { sendJson, startFake, type FakeServer } from './http'

export interface RegistryFake extends FakeServer {
  people: Map<string, string>
  down: boolean
}

export async function startRegistryFake(token: string): Promise<RegistryFake> {
  const people = new Map<string, string>()
  const state = { people, down: false } as RegistryFake
  const server = await startFake((req, body, res) => {
    if (state.down) return sendJson(res, 503, { error: 'maintenance' })
    if (req.headers.authorization !== `Bearer ${token}`) return sendJson(res, 401, { error: 'unauthorized' })
    if (req.method !== 'POST' || req.url !== '/v1/identity/check') return sendJson(res, 404, { error: 'not found' })
    const { name, idNumber } = JSON.parse(body)
    const known = people.get(idNumber)
    sendJson(res, 200, { result: known === undefined ? 'not_found' : known === name ? 'match' : 'name_mismatch' })
  })
  return Object.assign(state, server)
}
