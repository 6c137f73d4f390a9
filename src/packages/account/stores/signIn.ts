// Sign-in journey: SMS login with countdown and lock screen, one-tap mini-program login, and
// re-authentication when real name lapsed (12 h, or 30 min idle).
import { makeAutoObservable, runInAction } from 'mobx'
import type { MeResponse, SendSmsResponse } from '../../../domain/contract'
import { validatePhone } from '../../../domain/phone'
import { ApiError } from '../../../services/request'
import { Loadable } from '../../../stores/loadable'
import { messages } from '../messages'
import type { AccountCore } from './core'

export const RESEND_SECONDS = 60
const CODE = /^\d{6}$/

export type SignInTask = 'send' | 'login'

export class SignInStore {
  readonly state = new Loadable<SignInTask>()
  phone = ''
  code = ''
  phoneTouched = false
  codeTouched = false
  sent?: SendSmsResponse = undefined
  /**
   * The server refused a new code because one went out moments ago (SMS_TOO_SOON): typically the
   * page was reloaded after sending. That code still works; the page says so instead of an error.
   */
  recentlySent = false
  /** Epoch ms when 获取验证码 becomes available again. */
  resendAt = 0
  /** From mini-login when this WeChat/Alipay user is not bound yet: sent with the phone login to bind it. */
  bindTicket: string | null = null
  /** ISO time the server locked this phone until (423). */
  lockedUntil: string | null = null
  nowMs: number

  constructor(private readonly core: AccountCore) {
    this.nowMs = core.now()
    makeAutoObservable<SignInStore, 'core'>(this, { core: false, state: false })
  }

  // The journey's own state, read the way its pages and tests always have.
  get busy(): SignInTask | '' {
    return this.state.busy
  }

  get error(): string | undefined {
    return this.state.error
  }

  get errorField(): string | undefined {
    return this.state.errorField
  }

  get notice(): string | undefined {
    return this.state.notice
  }

  get me(): MeResponse | undefined {
    return this.core.me.me
  }

  get loggedIn(): boolean {
    return this.core.loggedIn
  }

  loadMe(): Promise<void> {
    return this.core.loadMe(this.state)
  }

  /** Re-read the clock (the pages call this every second while a countdown is on screen). */
  tick(): void {
    this.nowMs = this.core.now()
    if (this.lockedUntil && Date.parse(this.lockedUntil) <= this.nowMs) this.lockedUntil = null
  }

  /** A 423 carries the time the phone stays locked: the page shows the lock screen until then. */
  private noteLock(e: unknown): void {
    if (e instanceof ApiError && e.status === 423 && typeof e.body?.lockedUntil === 'string') this.lockedUntil = e.body.lockedUntil
  }

  setPhone(v: string): void {
    this.phone = v
    this.phoneTouched = true
    this.state.clear()
  }

  setCode(v: string): void {
    this.code = v.replace(/\D/g, '').slice(0, 6)
    this.codeTouched = true
    if (this.state.errorField === 'code') this.state.clear()
  }

  get phoneError(): string | undefined {
    if (!this.phoneTouched) return undefined
    const r = validatePhone(this.phone)
    return r.ok ? undefined : messages.validation.phone[r.error]
  }

  get codeError(): string | undefined {
    if (!this.codeTouched || this.code === '' || CODE.test(this.code)) return undefined
    return this.code.length < 6 ? undefined : messages.account.login.codeFormat
  }

  get resendSeconds(): number {
    return Math.max(0, Math.ceil((this.resendAt - this.nowMs) / 1000))
  }

  get lockSecondsLeft(): number {
    return this.lockedUntil ? Math.max(0, Math.ceil((Date.parse(this.lockedUntil) - this.nowMs) / 1000)) : 0
  }

  get canSend(): boolean {
    return validatePhone(this.phone).ok && this.resendSeconds === 0 && this.busy === ''
  }

  get canLogin(): boolean {
    // No `sent` needed: a code received before a reload is still good, and the server judges it.
    return validatePhone(this.phone).ok && CODE.test(this.code) && this.busy === ''
  }

  async sendCode(): Promise<void> {
    this.phoneTouched = true
    const p = validatePhone(this.phone)
    if (!p.ok || !this.canSend) return
    await this.send(() => this.core.deps.auth.sendSms({ phone: p.value, purpose: 'login' }))
  }

  /** Shared by login and re-authentication: countdown from the server's answer, or its retry-after. */
  private async send(call: () => Promise<SendSmsResponse>): Promise<void> {
    await this.state.run(
      async () => {
        const res = await call()
        runInAction(() => {
          this.sent = res
          this.recentlySent = false
          this.tick()
          this.resendAt = this.nowMs + (res.resendAfterSeconds || RESEND_SECONDS) * 1000
        })
      },
      {
        task: 'send',
        recover: (e) => {
          this.noteLock(e)
          const retry = e instanceof ApiError ? e.body?.retryAfterSeconds : undefined
          if (typeof retry === 'number') {
            this.tick()
            this.resendAt = this.nowMs + retry * 1000
          }
          // The button counts the wait down; a second, frozen number in an error box read as another wait.
          if (e instanceof ApiError && e.code === 'SMS_TOO_SOON' && typeof retry === 'number') {
            this.recentlySent = true
            return true
          }
          return false
        },
      },
    )
  }

  // ---- re-authentication ----------------------------------------------------------------------

  get canSendReauth(): boolean {
    return this.loggedIn && this.resendSeconds === 0 && this.busy === ''
  }

  get canReauth(): boolean {
    return CODE.test(this.code) && this.busy === '' && !!this.sent
  }

  async sendReauthCode(): Promise<void> {
    if (!this.canSendReauth) return
    await this.send(() => this.core.deps.auth.sendReauthSms())
  }

  async reauth(): Promise<boolean> {
    this.codeTouched = true
    if (!this.canReauth) return false
    return this.state.run(
      async () => {
        await this.core.deps.auth.reauth(this.code)
        runInAction(() => {
          this.code = ''
          this.sent = undefined
        })
        await this.loadMe()
      },
      { task: 'login', recover: (e) => this.noteLock(e) },
    )
  }

  // ---- login ----------------------------------------------------------------------------------

  /** True when signed in. */
  async login(): Promise<boolean> {
    this.codeTouched = true
    const p = validatePhone(this.phone)
    if (!p.ok || !this.canLogin) return false
    const { auth, session, channel, device } = this.core.deps
    return this.state.run(
      async () => {
        const t = await auth.login({ phone: p.value, code: this.code, channel, device, ...(this.bindTicket ? { bindTicket: this.bindTicket } : {}) })
        session.setTokens({ accessToken: t.accessToken, refreshToken: t.refreshToken })
        runInAction(() => {
          this.code = ''
          this.sent = undefined
          this.lockedUntil = null
          this.bindTicket = null
        })
        await this.loadMe()
      },
      { task: 'login', recover: (e) => this.noteLock(e) },
    )
  }

  /**
   * weapp/alipay one-tap login: `getCode` is the platform's login code. Returns true when signed
   * in; false when the phone step is needed (the ticket binds this WeChat/Alipay user to it) or on error.
   */
  async miniLogin(platform: 'weapp' | 'alipay', getCode: () => Promise<string>): Promise<boolean> {
    if (this.busy !== '') return false
    let signedIn = false
    await this.state.run(
      async () => {
        const code = await getCode()
        const res = await this.core.deps.auth.miniLogin({ platform, code, device: this.core.deps.device })
        if (res.status === 'signed_in') {
          this.core.deps.session.setTokens({ accessToken: res.tokens.accessToken, refreshToken: res.tokens.refreshToken })
          await this.loadMe()
          signedIn = true
          return
        }
        runInAction(() => {
          this.bindTicket = res.bindTicket
          this.state.setNotice(messages.account.login.bindNeeded)
        })
      },
      { task: 'login', recover: (e) => this.noteLock(e) },
    )
    return signedIn
  }

  /** Leave the lock screen once the time is up (or to try another number). */
  resetLogin(): void {
    this.lockedUntil = null
    this.code = ''
    this.sent = undefined
    this.resendAt = 0
    this.state.clear()
  }
}
