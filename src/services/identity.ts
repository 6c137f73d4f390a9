// Identity API (issue 3): me, real name (L2), face (L3), sessions, acting identity, mandates,
// consents, export and account deletion.
import type {
  ConsentBody,
  ConsentsResponse,
  EnterprisesResponse,
  FaceCompleteBody,
  FaceStartBody,
  FaceStartResponse,
  LevelResponse,
  MandatesResponse,
  MeResponse,
  OkResponse,
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
    consents: () => request.get<ConsentsResponse>('/api/me/consents'),
    setConsent: (body) => request.post<OkResponse>('/api/me/consents', body),
    exportData: () => request.get<unknown>('/api/me/export'),
    deleteAccount: () => request.post<OkResponse>('/api/me/delete', { confirm: true }),
  }
}
