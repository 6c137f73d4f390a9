// 电子结果: a benefit approved for a person goes into their wallet. Called by 秒批 and by an
// approver's approval alike.
import { catalogState } from '../catalog/state'
import type { FieldCrypto } from '../crypto'
import type { DbOrTx } from '../db/client'
import { issueCredential } from '../wallet'
import type { CaseRow } from './machine'

export async function issueFor(db: DbOrTx, crypto: FieldCrypto, row: CaseRow, now: Date): Promise<void> {
  const item = catalogState().items.get(row.itemCode)
  if (!item || item.type !== 'benefit' || row.enterpriseId) return
  const holderAccountId = row.forAccountId ?? row.accountId
  const name = String(row.form.applicantName ?? '')
  await issueCredential(db, crypto, {
    holderAccountId,
    type: 'bn',
    title: item.name.replace(/申领|申请$/, ''),
    fields: { ttl: item.name, n: name, no: row.number ?? '' },
    sourceCaseId: row.id,
    issuedAt: now,
  })
}
