// Journey preconditions set up through the stand-in's API (the shortcut JOURNEYS.md allows), shared
// by the PWA journeys (test/journeys), the weapp journeys and the Alipay journeys: an item's code by
// its name, an earlier application whose contact details prefill the next form (J5, J8), one case
// for a company (J9), and a window officer moving a case (J5's "staff move the case").
import { SEED_STAFF } from '../../mock/src/identity/staff'
import { base32Decode, totp } from '../../mock/src/identity/totp'
import type { Api } from './api'

export type Channel = 'h5' | 'weapp' | 'alipay'

/** The catalogue code of the item called exactly `name`. */
export async function itemCode(api: Api, name: string): Promise<string> {
  const r = await api<{ items: { code: string; name: string }[] }>('GET', `/api/catalog/items?q=${encodeURIComponent(name)}&pageSize=50`)
  const it = r.items.find((i) => i.name === name)
  if (!it) throw new Error(`no catalogue item named ${name}`)
  return it.code
}

/**
 * An earlier application (临时救助申请 by default) with these contact details: the next online form
 * offers them as its prefill, so a journey starts from a filled form as a returning person has it.
 */
export async function appliedBefore(api: Api, token: string, form: { phone: string; region: string; address: string }, channel: Channel, itemName = '临时救助申请'): Promise<void> {
  const code = await itemCode(api, itemName)
  const f = await api<{ materials: { name: string; modes: string[]; required: boolean }[] }>('GET', `/api/cases/forms/${code}`)
  await api('POST', '/api/cases', {
    itemCode: code,
    form,
    materials: f.materials.filter((m) => m.required).map((m) => ({ name: m.name, mode: m.modes.includes('shared') ? 'shared' : 'deferred' })),
    channel,
  }, token)
}

/** One case for the company (J9's precondition): the first online enterprise item its form lets the API file without uploads. */
export async function fileEnterpriseCase(api: Api, token: string, uscc: string, channel: Channel): Promise<{ number: string; itemName: string }> {
  const items = await api<{ items: { code: string; name: string }[] }>('GET', '/api/catalog/items?audience=enterprise&fourWay=online&pageSize=20')
  for (const it of items.items) {
    const form = await api<{ fields: { key: string; kind: string; prefill?: unknown; options?: string[] }[]; materials: { name: string; required: boolean; modes: string[] }[] }>('GET', `/api/cases/forms/${it.code}`, undefined, token).catch(() => null)
    if (!form) continue
    const required = form.materials.filter((m) => m.required)
    if (!required.every((m) => m.modes.includes('shared') || m.modes.includes('commitment'))) continue
    const values: Record<string, string> = {}
    for (const f of form.fields) {
      if (f.prefill) continue
      values[f.key] = f.kind === 'phone' ? '13800138000' : f.kind === 'region' ? '330203' : f.kind === 'date' ? '2026-01-02' : f.kind === 'number' ? '1' : f.kind === 'select' ? f.options![0] : f.kind === 'uscc' ? uscc : '测试内容'
    }
    const materials = required.map((m) => ({ name: m.name, mode: m.modes.includes('shared') ? 'shared' : 'commitment' }))
    const res = await api<{ cases: { number: string }[] }>('POST', '/api/cases', { itemCode: it.code, form: values, materials, channel }, token).catch(() => null)
    if (res?.cases?.[0]) return { number: res.cases[0].number, itemName: it.name }
  }
  throw new Error('no enterprise item could be filed through the API without uploads')
}

/** A window officer accepts the case (staff are scoped by hall: the first who may), by password + TOTP at the server's clock. */
export async function acceptAsWindowOfficer(api: Api, caseId: string): Promise<void> {
  const now = new Date((await api<{ now: string }>('GET', '/api/dev/clock')).now)
  let last: unknown
  for (const st of SEED_STAFF.filter((x) => x.roles.includes('window'))) {
    try {
      const tk = await api<{ accessToken: string }>('POST', '/api/staff/login', { username: st.username, password: st.password, totp: totp(base32Decode(st.totpSecret), now) })
      await api('POST', `/api/staff/cases/${caseId}/accept`, {}, tk.accessToken)
      return
    } catch (e) {
      last = e
    }
  }
  throw new Error(`no window officer may accept case ${caseId}: ${String(last)}`)
}

/** A booking at `hallId` in the first open slot of the first item it serves in person that has one (J7's check-in code). */
export async function bookFirstOpenSlot(api: Api, token: string, hallId: string): Promise<{ id: string; startsAt: string; itemCode: string }> {
  const hall = await api<{ items: { code: string }[] }>('GET', `/api/halls/${hallId}`)
  for (const { code } of hall.items) {
    const av = await api<{ days: { slots: { startsAt: string; open: boolean }[] }[] }>('GET', `/api/booking/availability?hall=${hallId}&item=${code}`).catch(() => undefined)
    const slot = av?.days.flatMap((d) => d.slots).find((x) => x.open)
    if (!slot) continue
    const b = await api<{ id: string }>('POST', '/api/bookings', { itemCode: code, hallId, startsAt: slot.startsAt }, token)
    return { id: b.id, startsAt: slot.startsAt, itemCode: code }
  }
  throw new Error(`no open slot at ${hallId}`)
}

/** The stand-in's clock: moved to `at`, or back to the pinned start (offset 0). */
export async function moveClock(api: Api, to: { at: string } | { offsetMs: 0 }): Promise<void> {
  await api('POST', '/api/dev/clock', to)
}

interface SeedCompany { id: string; name: string; uscc: string; status: string; legalRepCitizenId: string }

/** J9's company: active, whose legal representative (18+, not in `taken`) represents only it, so 法人 switches straight to it (several open a chooser, one more tap). */
export function soleCompany<E extends SeedCompany, C extends { id: string; birthDate: string }>(enterprises: E[], citizens: C[], taken: Set<string>, ageOf: (birthDate: string) => number): { ent: E; rep: C } {
  const active = enterprises.filter((e) => e.status === 'active')
  for (const ent of active) {
    const rep = citizens.find((x) => x.id === ent.legalRepCitizenId)
    if (rep && !taken.has(rep.id) && ageOf(rep.birthDate) >= 18 && active.filter((o) => o.legalRepCitizenId === rep.id).length === 1) return { ent, rep }
  }
  throw new Error('no company with a sole, free legal representative')
}

/** J9's precondition: acting as the company, one case filed for it; the tokens switched back to the person (首页 starts as 个人). */
export async function companyCase(api: Api, repTokens: { accessToken: string }, ent: SeedCompany, channel: Channel): Promise<{ filed: { number: string; itemName: string }; back: { accessToken: string; refreshToken: string } }> {
  const asEnt = await api<{ accessToken: string; refreshToken: string }>('POST', '/api/me/acting', { kind: 'enterprise', id: ent.id }, repTokens.accessToken)
  const filed = await fileEnterpriseCase(api, asEnt.accessToken, ent.uscc, channel)
  const back = await api<{ accessToken: string; refreshToken: string }>('POST', '/api/me/acting', { kind: 'self' }, asEnt.accessToken)
  return { filed, back }
}
