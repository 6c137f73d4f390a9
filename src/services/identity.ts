// Identity API (issue 3): me, real name (L2), face (L3), sessions, acting identity, mandates,
// consents, export and account deletion.
import type {
  AddOperatorBody,
  ConsentBody,
  CreateMandateBody,
  CreatedResponse,
  ConsentsResponse,
  EnterprisesResponse,
  FaceCompleteBody,
  FaceStartBody,
  FaceStartResponse,
  LevelResponse,
  MandatesResponse,
  MeResponse,
  OkResponse,
  OperatorsResponse,
  RealNameBody,
  SessionsResponse,
  SwitchActingBody,
  TokenResponse,
} from '../domain/contract'
import type { Request } from './request'

export interface IdentityApi {
  me(): Promise<MeResponse>
  realName(body: RealNameBody): Promise<LevelResponse>
  faceStart(body: FaceStartBody): Promise<FaceStartResponse>
  faceComplete(body: FaceCompleteBody): Promise<LevelResponse>
  sessions(): Promise<SessionsResponse>
  revokeSession(id: string): Promise<OkResponse>
  enterprises(): Promise<EnterprisesResponse>
  switchActing(body: SwitchActingBody): Promise<TokenResponse>
  mandates(): Promise<MandatesResponse>
  revokeMandate(id: string): Promise<OkResponse>
  createMandate(body: CreateMandateBody): Promise<CreatedResponse>
  operators(enterpriseId: string): Promise<OperatorsResponse>
  addOperator(enterpriseId: string, body: AddOperatorBody): Promise<OkResponse>
  revokeOperator(enterpriseId: string, operatorId: string): Promise<OkResponse>
  consents(): Promise<ConsentsResponse>
  setConsent(body: ConsentBody): Promise<OkResponse>
  exportData(): Promise<unknown>
  deleteAccount(): Promise<OkResponse>
}

const seg = (id: string) => encodeURIComponent(id)

export function createIdentityApi(request: Request): IdentityApi {
  return {
    me: () => request.get<MeResponse>('/api/me'),
    realName: (body) => request.post<LevelResponse>('/api/identity/real-name', body),
    faceStart: (body) => request.post<FaceStartResponse>('/api/identity/face/start', body),
    faceComplete: (body) => request.post<LevelResponse>('/api/identity/face/complete', body),
    sessions: () => request.get<SessionsResponse>('/api/me/sessions'),
    revokeSession: (id) => request.post<OkResponse>(`/api/me/sessions/${seg(id)}/revoke`, {}),
    enterprises: () => request.get<EnterprisesResponse>('/api/me/enterprises'),
    switchActing: (body) => request.post<TokenResponse>('/api/me/acting', body),
    mandates: () => request.get<MandatesResponse>('/api/me/mandates'),
    revokeMandate: (id) => request.post<OkResponse>(`/api/me/mandates/${seg(id)}/revoke`, {}),
    createMandate: (body) => request.post<CreatedResponse>('/api/me/mandates', body),
    operators: (id) => request.get<OperatorsResponse>(`/api/enterprises/${seg(id)}/operators`),
    addOperator: (id, body) => request.post<OkResponse>(`/api/enterprises/${seg(id)}/operators`, body),
    revokeOperator: (id, op) => request.post<OkResponse>(`/api/enterprises/${seg(id)}/operators/${seg(op)}/revoke`, {}),
    consents: () => request.get<ConsentsResponse>('/api/me/consents'),
    setConsent: (body) => request.post<OkResponse>('/api/me/consents', body),
    exportData: () => request.get<unknown>('/api/me/export'),
    deleteAccount: () => request.post<OkResponse>('/api/me/delete', { confirm: true }),
  }
}
