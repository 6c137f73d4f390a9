// Wallet API (issue 8): the holder's credentials, 亮证 codes, 谁查验了我的证照; and the staff
// scanner's calls (key set, revocation list, live status, verification upload, and the check-in /
// e-proof routes of the booking and queries areas it dispatches to).
import type {
  CredentialListResponse,
  CredentialStatusResponse,
  KeySetResponse,
  MyVerificationsResponse,
  OkResponse,
  PresentResponse,
  RevocationListResponse,
  ScannerSyncResponse,
  StaffMeResponse,
  TokenResponse,
  VerificationRecord,
  VerificationUploadResponse,
} from '../domain/contract'
import type { FieldKey } from '../domain/wallet/types'
import type { Request } from './request'

export interface WalletApi {
  list(): Promise<CredentialListResponse>
  present(id: string, disclose: FieldKey[]): Promise<PresentResponse>
  verifications(): Promise<MyVerificationsResponse>
}

export function createWalletApi(request: Request): WalletApi {
  return {
    list: () => request.get<CredentialListResponse>('/api/wallet/credentials'),
    present: (id, disclose) => request.post<PresentResponse>(`/api/wallet/credentials/${encodeURIComponent(id)}/present`, { disclose }),
    verifications: () => request.get<MyVerificationsResponse>('/api/wallet/verifications'),
  }
}

/** Calls made with the STAFF session (its own tokens, never the citizen's). */
export interface StaffApi {
  login(body: { username: string; password: string; totp: string }): Promise<TokenResponse>
  /** First sign-in: replaces the one-time password and proves the TOTP enrolment. */
  setup(body: { username: string; password: string; totp: string; newPassword?: string }): Promise<TokenResponse>
  refresh(refreshToken: string): Promise<TokenResponse>
  me(): Promise<StaffMeResponse>
  logout(): Promise<OkResponse>
  keys(): Promise<KeySetResponse>
  revocations(): Promise<RevocationListResponse>
  /** Keys + revocations for a signed-in scanner; the server records when (bounds offline verdicts). */
  sync(): Promise<ScannerSyncResponse>
  status(cid: string): Promise<CredentialStatusResponse>
  upload(records: VerificationRecord[]): Promise<VerificationUploadResponse>
  /** Booking area's route: check a visitor in with their signed check-in code. */
  checkIn(code: string): Promise<Record<string, unknown>>
  /** Queries area's route: is this e-proof genuine. */
  proof(code: string): Promise<Record<string, unknown>>
}

export function createStaffApi(request: Request): StaffApi {
  return {
    login: (body) => request.post<TokenResponse>('/api/staff/login', { ...body, device: '窗口工作台' }, { auth: false }),
    setup: (body) => request.post<TokenResponse>('/api/staff/setup', { ...body, device: '窗口工作台' }, { auth: false }),
    refresh: (refreshToken) => request.post<TokenResponse>('/api/auth/refresh', { refreshToken }, { auth: false }),
    me: () => request.get<StaffMeResponse>('/api/staff/me'),
    logout: () => request.post<OkResponse>('/api/staff/logout', {}),
    keys: () => request.get<KeySetResponse>('/api/keys', { auth: false }),
    revocations: () => request.get<RevocationListResponse>('/api/wallet/revocations', { auth: false }),
    sync: () => request.post<ScannerSyncResponse>('/api/staff/wallet/sync', {}),
    status: (cid) => request.get<CredentialStatusResponse>('/api/staff/wallet/status', { query: { cid } }),
    upload: (records) => request.post<VerificationUploadResponse>('/api/staff/wallet/verifications', { records }),
    checkIn: (code) => request.post<Record<string, unknown>>('/api/staff/bookings/check-in', { code }),
    proof: (code) => request.get<Record<string, unknown>>('/api/verify', { query: { code }, auth: false }),
  }
}
