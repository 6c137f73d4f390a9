// The records adapters' one interface. Each source system (人社, 公积金中心, 不动产登记) answers
// for one person; the stand-in's implementation reads its seeded tables (seeded.ts), the records
// gateway adapter (http.ts, RECORDS_PROVIDER=http) asks the city's gateway over
// docs/records-protocol.md. service.ts picks one from the config.
import type { PropertyResponse, ProvidentFundResponse, SocialSecurityResponse } from '../../../src/domain/contract/records'

/** Whom to ask about: the registry citizen. Real systems key on the ID number (decrypted on demand). */
export interface SubjectRef {
  citizenId: string
  birthDate: string
  sex: 'M' | 'F'
  idNumber: () => string
}

export interface QueryOptions {
  now: Date
  year?: number
}

export type SocialSecurityData = Omit<SocialSecurityResponse, 'subject'>
export type ProvidentFundData = Omit<ProvidentFundResponse, 'subject'>
export type PropertyData = Omit<PropertyResponse, 'subject'>

export interface RecordsSource {
  socialSecurity(ref: SubjectRef, options: QueryOptions): Promise<SocialSecurityData>
  providentFund(ref: SubjectRef, options: QueryOptions): Promise<ProvidentFundData>
  property(ref: SubjectRef, options: QueryOptions): Promise<PropertyData>
}
