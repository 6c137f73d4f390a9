// Citizen sign-in API (issue 3): SMS code, login, token refresh, log out.
import type { LoginBody, MiniLoginBody, MiniLoginResponse, OkResponse, SendSmsBody, SendSmsResponse, TokenResponse } from '../domain/contract'
import type { Request } from './request'

export interface AuthApi {
  sendSms(body: SendSmsBody): Promise<SendSmsResponse>
  login(body: LoginBody): Promise<TokenResponse>
  /** weapp/alipay: the platform login code; signed in when the openid is bound, else a ticket for the phone step. */
  miniLogin(body: MiniLoginBody): Promise<MiniLoginResponse>
  /** Never sends the (possibly expired) access token: the refresh token is the credential. */
  refresh(refreshToken: string): Promise<TokenResponse>
  logout(): Promise<OkResponse>
  logoutAll(): Promise<OkResponse>
  /** Real name lapsed (12 h / 30 min idle): a code to the account's own phone restores it. */
  sendReauthSms(): Promise<SendSmsResponse>
  reauth(code: string): Promise<OkResponse>
}

export function createAuthApi(request: Request): AuthApi {
  return {
    sendSms: (body) => request.post<SendSmsResponse>('/api/auth/sms', body, { auth: false }),
    login: (body) => request.post<TokenResponse>('/api/auth/login', body, { auth: false }),
    miniLogin: (body) => request.post<MiniLoginResponse>('/api/auth/mini-login', body, { auth: false }),
    refresh: (refreshToken) => request.post<TokenResponse>('/api/auth/refresh', { refreshToken }, { auth: false }),
    logout: () => request.post<OkResponse>('/api/auth/logout', {}),
    logoutAll: () => request.post<OkResponse>('/api/auth/logout-all', {}),
    sendReauthSms: () => request.post<SendSmsResponse>('/api/auth/reauth/sms', {}),
    reauth: (code) => request.post<OkResponse>('/api/auth/reauth', { code }),
  }
}
