// Records API (issue 5): 社保, 公积金, 不动产 queries, e-proofs, public verification, access log.
import type {
  AccessLogResponse,
  CreateProofBody,
  PropertyResponse,
  ProofView,
  ProofsResponse,
  ProvidentFundResponse,
  SocialSecurityResponse,
  VerifyResponse,
} from '../domain/contract/records'
import type { Request } from './request'

export interface RecordsApi {
  socialSecurity(year?: number): Promise<SocialSecurityResponse>
  providentFund(year?: number): Promise<ProvidentFundResponse>
  property(): Promise<PropertyResponse>
  createProof(body: CreateProofBody): Promise<ProofView>
  proofs(): Promise<ProofsResponse>
  accessLog(): Promise<AccessLogResponse>
  /** Public: no login needed. */
  verify(code: string): Promise<VerifyResponse>
}

export function createRecordsApi(request: Request): RecordsApi {
  return {
    socialSecurity: (year) => request.get<SocialSecurityResponse>('/api/records/social-security', { query: { year } }),
    providentFund: (year) => request.get<ProvidentFundResponse>('/api/records/provident-fund', { query: { year } }),
    property: () => request.get<PropertyResponse>('/api/records/property'),
    createProof: (body) => request.post<ProofView>('/api/proofs', body),
    proofs: () => request.get<ProofsResponse>('/api/proofs'),
    accessLog: () => request.get<AccessLogResponse>('/api/me/access-log'),
    verify: (code) => request.get<VerifyResponse>('/api/verify', { query: { code }, auth: false }),
  }
}
