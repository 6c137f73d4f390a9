// Applications that know the person: the open cases of the same item for the same subject (the
// person applied for, or the enterprise), the refusal of a second open case where an item allows
// one at a time (409), and the contact details to prefill from the account and the last case.
// The queries are in repo.ts; the check runs inside the submission's transaction under an advisory
// lock per subject and item, so two concurrent submissions cannot both pass it.
import { oneAtATime } from '../../../src/domain/cases/duplicates'
import { format } from '../../../src/domain/messages'
import { casesErrors } from '../../../src/domain/messages/zh-CN/casesErrors'
import type { FieldCrypto } from '../crypto'
import type { DbOrTx } from '../db/client'
import { CITY, cityDistrictOfAddress } from '../../../src/domain/regions'
import { ApiError } from '../errors'
import type { CitizenIdentity } from '../identity/auth'
import { lockKey } from '../identity/rate'
import * as repo from './repo'

type Who = Pick<CitizenIdentity, 'accountId' | 'acting'>

const NONE = '00000000-0000-0000-0000-000000000000'

function subjectKey(c: Who): string {
  return c.acting.kind === 'enterprise' ? `e:${c.acting.id}` : c.acting.kind === 'proxy' ? `p:${c.acting.forId ?? c.accountId}` : `s:${c.accountId}`
}

/** Open cases of these items for the identity's subject, newest first. */
export async function openCasesFor(db: DbOrTx, c: Who, itemCodes: string[]) {
  if (itemCodes.length === 0) return []
  return repo.openCasesOfSubject(db, c, itemCodes, 20)
}

/** Refuses (409) a submission of an item that allows one open case at a time when one is open. */
export async function refuseDuplicate(db: DbOrTx, c: Who, items: Array<{ code: string; name: string; type: string }>): Promise<void> {
  const exclusive = items.filter(oneAtATime)
  if (exclusive.length === 0) return
  for (const item of exclusive) await lockKey(db, `case-dup:${subjectKey(c)}:${item.code}`)
  const [open] = await openCasesFor(db, c, exclusive.map((i) => i.code))
  if (open) throw new ApiError(409, 'CASE_DUPLICATE_OPEN', format(casesErrors.CASE_DUPLICATE_OPEN, { name: open.itemName, number: open.number ?? '' }))
}

const CONTACT_KEYS = ['phone', 'region', 'address'] as const
/** How many earlier applications are read for contact details: enough to cover a missing field. */
const RECENT = 10
const CITY_DISTRICTS = new Set(CITY.districts.map((d) => d.code))

/**
 * Contact details to suggest, each field on its own: the newest value the person gave in an
 * application for the same subject (their own, or this company's — a company's 经营地址 is not the
 * person's address), else the registries: the account's phone, and the household district and
 * address of the person (人口库) or the company's registered district and address (企业库). The
 * district is the one the suggested address names, when it names one of this city's.
 */
export async function knownContact(db: DbOrTx, crypto: FieldCrypto, c: Who): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  const forEnterprise = c.acting.kind === 'enterprise'
  const recent = await repo.recentForms(db, c, RECENT)
  for (const row of recent) {
    for (const k of CONTACT_KEYS) {
      const v = row.form[k]
      if (out[k] === undefined && typeof v === 'string' && v !== '') out[k] = v
    }
  }
  const acc = await repo.account(db, c.accountId)
  if (!out.phone && acc?.phoneEnc) out.phone = crypto.decrypt(acc.phoneEnc)
  if (out.region && out.address) return out
  let region: string | undefined
  let address: string | undefined
  if (forEnterprise) {
    const e = await repo.enterprise(db, c.acting.id ?? NONE)
    region = e?.regionCode
    address = e?.address
  } else if (c.acting.kind === 'self' && acc?.idNumberHmac) {
    const p = await repo.citizenByIdNumber(db, acc.idNumberHmac)
    region = p?.householdRegionCode
    address = p ? crypto.decrypt(p.addressEnc) : undefined
  }
  if (!out.address && address) out.address = address
  // 所在区县 goes with the address suggested beside it (where the person lives), as the address does:
  // the household district is only a fallback, and is often another city's (people registered
  // elsewhere who live here), which the form's picker of this city's districts cannot show.
  const lived = out.address ? cityDistrictOfAddress(out.address) : undefined
  if (!out.region && lived) out.region = lived
  if (!out.region && region && CITY_DISTRICTS.has(region)) out.region = region
  return out
}
