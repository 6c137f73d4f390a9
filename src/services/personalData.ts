// What the app keeps on the device about the person signed in: offline copies of their records and
// the contact details of their last application. All of it goes when that person signs out (or
// their session ends), whichever page is open, so the next person on a shared phone never sees it.
import type { PlatformStorage } from '../platform/types'

export const PERSONAL_KEYS = {
  recordsSocial: 'zj.records.social',
  recordsFund: 'zj.records.fund',
  recordsProperty: 'zj.records.property',
  recordsProofs: 'zj.records.proofs',
  casesContact: 'zj.cases.contact',
} as const

export function forgetPersonalData(storage: Pick<PlatformStorage, 'remove'>): void {
  for (const key of Object.values(PERSONAL_KEYS)) {
    try {
      storage.remove(key)
    } catch {
      // Storage unavailable: nothing kept to forget.
    }
  }
}
