// Account state for the identity pages: SMS login with countdown and lock screen, real name (L2)
// with live ID-number checks, face check (L3), sessions, acting identity, mandates, privacy.
// Free of Taro so unit tests drive it with fake APIs.
import { makeAutoObservable, runInAction } from 'mobx'
import type {
  Channel,
  ConsentsResponse,
  EnterprisesResponse,
  FaceStartResponse,
  LevelResponse,
  MandateView,
  MeResponse,
  OperatorsResponse,
  SendSmsResponse,
  SessionView,
} from '../../domain/contract'
import { validatePhone } from '../../domain/phone'
import { validateIdNumber } from '../../domain/idNumber'
import { messages } from './messages'
import { ApiError, userMessage } from '../../services/request'
import { levelStep, type LevelStep } from '../../services/level'
import type { AuthApi } from '../../services/auth'
import type { IdentityApi } from '../../services/identity'
import type { Tokens } from '../../stores/session'
import { MeStore } from '../../stores/me'

/** Consent text version the pages show; bump it when the wording changes. */
export const CONSENT_VERSION = '2026-11'
export const RESEND_SECONDS = 60
/** Mandate lengths the grant form offers (the server allows up to 90 days). */
export const GRANT_DAYS = [7, 30, 90] as const
const DAY_MS = 24 * 3600 * 1000
const CODE = /^\d{6}$/

export interface AccountSession {
  readonly isLoggedIn: boolean
  setTokens(tokens: Tokens): void
  clear(): void
}

export interface AccountDeps {
  auth: AuthApi
  identity: IdentityApi
  session: AccountSession
  /** Who is signed in, shared with the 我的 tab (root.me); its own copy when not given (tests). */
  me?: MeStore
  channel?: Channel
  /** Device label for the session list. */
  device?: string
  now?: () => number
}

function errorText(e: unknown): string {
  return e instanceof ApiError ? e.message : userMessage(e)
}

type Busy = '' | 'send' | 'login' | 'realName' | 'face' | 'load' | 'action' | 'grant'

export class AccountStore {
  // Login form
  phone = ''
  code = ''
  phoneTouched = false
  codeTouched = false
  sent?: SendSmsResponse = undefined
  /** Epoch ms when 获取验证码 becomes available again. */
  resendAt = 0
  /** From mini-login when this WeChat/Alipay user is not bound yet: sent with the phone login to bind it. */
  bindTicket: string | null = null
  /** ISO time the server locked this phone until (423). */
  lockedUntil: string | null = null
  nowMs: number

  // Real name
  name = ''
  idNumber = ''
  nameTouched = false
  idTouched = false
  realNameDone?: LevelResponse = undefined

  // Face
  faceFlow?: FaceStartResponse = undefined
  faceProof = ''
  faceDone?: LevelResponse = undefined

  sessions: SessionView[] = []
  enterprises: EnterprisesResponse['items'] = []
  mandates: MandateView[] = []
  consents: ConsentsResponse['items'] = []
  exportedBytes?: number = undefined

  // Grant a 代办 mandate
  grantPhone = ''
  grantPhoneTouched = false
  grantCategories: string[] = []
  grantDays: number = 30

  // Operators of an enterprise (legal representative)
  operators: OperatorsResponse['items'] = []
  operatorPhone = ''
  operatorPhoneTouched = false

  /** The step a refused action needs (L3 for granting); the page shows a LevelGate. */
  gate: LevelStep | null = null

  busy: Busy = ''
  error?: string = undefined
  /** Field the server blamed for `error`, so the page shows it beside that input. */
  errorField?: string = undefined
  notice?: string = undefined

  private readonly meStore: MeStore

  constructor(private readonly deps: AccountDeps) {
    this.nowMs = (deps.now ?? Date.now)()
    this.meStore = deps.me ?? new MeStore(deps.session, () => deps.identity.me())
    makeAutoObservable<AccountStore, 'deps' | 'meStore'>(this, { deps: false, meStore: false })
  }

  get me(): MeResponse | undefined {
    return this.meStore.me
  }

  get loggedIn(): boolean {
    return this.deps.session.isLoggedIn
  }

  /** Re-read the clock (the pages call this every second while a countdown is on screen). */
  tick(): void {
    this.nowMs = (this.deps.now ?? Date.now)()
    if (this.lockedUntil && Date.parse(this.lockedUntil) <= this.nowMs) this.lockedUntil = null
  }

  private clearMessages(): void {
    this.error = undefined
    this.errorField = undefined
    this.notice = undefined
  }

  private fail(e: unknown): void {
    this.error = errorText(e)
    this.errorField = e instanceof ApiError ? e.field : undefined
    if (e instanceof ApiError && e.status === 423 && typeof e.body?.lockedUntil === 'string') this.lockedUntil = e.body.lockedUntil
  }

  // ---- login ------------------------------------------------------------------------------

  setPhone(v: string): void {
    this.phone = v
    this.phoneTouched = true
    this.clearMessages()
  }

  setCode(v: string): void {
    this.code = v.replace(/\D/g, '').slice(0, 6)
    this.codeTouched = true
    if (this.errorField === 'code') this.clearMessages()
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
    return validatePhone(this.phone).ok && CODE.test(this.code) && this.busy === '' && !!this.sent
  }

  async sendCode(): Promise<void> {
    this.phoneTouched = true
    const p = validatePhone(this.phone)
    if (!p.ok || !this.canSend) return
    this.busy = 'send'
    this.clearMessages()
    await this.send(() => this.deps.auth.sendSms({ phone: p.value, purpose: 'login' }))
  }

  /** Shared by login and re-authentication: countdown from the server's answer, or its retry-after. */
  private async send(call: () => Promise<SendSmsResponse>): Promise<void> {
    try {
      const res = await call()
      runInAction(() => {
        this.sent = res
        this.tick()
        this.resendAt = this.nowMs + (res.resendAfterSeconds || RESEND_SECONDS) * 1000
      })
    } catch (e) {
      runInAction(() => {
        this.fail(e)
        const retry = e instanceof ApiError ? e.body?.retryAfterSeconds : undefined
        if (typeof retry === 'number') {
          this.tick()
          this.resendAt = this.nowMs + retry * 1000
        }
      })
    } finally {
      runInAction(() => (this.busy = ''))
    }
  }

  // ---- re-authentication: real name lapsed after 12 h or 30 min idle ------------------------

  get canSendReauth(): boolean {
    return this.loggedIn && this.resendSeconds === 0 && this.busy === ''
  }

  get canReauth(): boolean {
    return CODE.test(this.code) && this.busy === '' && !!this.sent
  }

  async sendReauthCode(): Promise<void> {
    if (!this.canSendReauth) return
    this.busy = 'send'
    this.clearMessages()
    await this.send(() => this.deps.auth.sendReauthSms())
  }

  async reauth(): Promise<boolean> {
    this.codeTouched = true
    if (!this.canReauth) return false
    this.busy = 'login'
    this.clearMessages()
    try {
      await this.deps.auth.reauth(this.code)
      runInAction(() => {
        this.code = ''
        this.sent = undefined
      })
      await this.loadMe()
      return true
    } catch (e) {
      runInAction(() => this.fail(e))
      return false
    } finally {
      runInAction(() => (this.busy = ''))
    }
  }

  /** True when signed in. */
  async login(): Promise<boolean> {
    this.codeTouched = true
    const p = validatePhone(this.phone)
    if (!p.ok || !this.canLogin) return false
    this.busy = 'login'
    this.clearMessages()
    try {
      const t = await this.deps.auth.login({ phone: p.value, code: this.code, channel: this.deps.channel, device: this.deps.device, ...(this.bindTicket ? { bindTicket: this.bindTicket } : {}) })
      this.deps.session.setTokens({ accessToken: t.accessToken, refreshToken: t.refreshToken })
      runInAction(() => {
        this.code = ''
        this.sent = undefined
        this.lockedUntil = null
        this.bindTicket = null
      })
      await this.loadMe()
      return true
    } catch (e) {
      runInAction(() => this.fail(e))
      return false
    } finally {
      runInAction(() => (this.busy = ''))
    }
  }

  /**
   * weapp/alipay one-tap login: `getCode` is the platform's login code. Returns true when signed
   * in; false when the phone step is needed (the ticket binds this WeChat/Alipay user to it) or on error.
   */
  async miniLogin(platform: 'weapp' | 'alipay', getCode: () => Promise<string>): Promise<boolean> {
    if (this.busy !== '') return false
    this.busy = 'login'
    this.clearMessages()
    try {
      const code = await getCode()
      const res = await this.deps.auth.miniLogin({ platform, code, device: this.deps.device })
      if (res.status === 'signed_in') {
        this.deps.session.setTokens({ accessToken: res.tokens.accessToken, refreshToken: res.tokens.refreshToken })
        await this.loadMe()
        return true
      }
      runInAction(() => {
        this.bindTicket = res.bindTicket
        this.notice = messages.account.login.bindNeeded
      })
      return false
    } catch (e) {
      runInAction(() => this.fail(e))
      return false
    } finally {
      runInAction(() => (this.busy = ''))
    }
  }

  /** Leave the lock screen once the time is up (or to try another number). */
  resetLogin(): void {
    this.lockedUntil = null
    this.code = ''
    this.sent = undefined
    this.resendAt = 0
    this.clearMessages()
  }

  async loadMe(): Promise<void> {
    try {
      await this.meStore.load()
    } catch (e) {
      runInAction(() => this.fail(e))
    }
  }

  // ---- consents ---------------------------------------------------------------------------

  async loadConsents(): Promise<void> {
    await this.run('load', async () => {
      const res = await this.deps.identity.consents()
      runInAction(() => (this.consents = res.items))
    })
  }

  /** Latest decision per kind (the server lists newest first). */
  hasConsent(kind: string): boolean {
    return this.consents.find((c) => c.kind === kind)?.granted === true
  }

  async setConsent(kind: 'privacy_policy' | 'face' | 'id_processing', granted: boolean): Promise<boolean> {
    return this.run('action', async () => {
      await this.deps.identity.setConsent({ kind, version: CONSENT_VERSION, granted })
      const res = await this.deps.identity.consents()
      runInAction(() => (this.consents = res.items))
    })
  }

  // ---- real name --------------------------------------------------------------------------

  setName(v: string): void {
    this.name = v
    this.nameTouched = true
    if (this.errorField !== 'idNumber') this.clearMessages()
  }

  setIdNumber(v: string): void {
    this.idNumber = v
    this.idTouched = true
    if (this.errorField !== 'name') this.clearMessages()
  }

  get nameError(): string | undefined {
    if (this.errorField === 'name' && this.error) return this.error
    return this.nameTouched && this.name.trim() === '' ? messages.account.realName.nameEmpty : undefined
  }

  /** Live check with the same rules as the server: a wrong check digit never reaches it. */
  get idNumberError(): string | undefined {
    if (this.errorField === 'idNumber' && this.error) return this.error
    if (!this.idTouched) return undefined
    const r = validateIdNumber(this.idNumber, new Date(this.nowMs))
    return r.ok ? undefined : messages.validation.idNumber[r.error]
  }

  get idNumberOk(): boolean {
    return validateIdNumber(this.idNumber, new Date(this.nowMs)).ok
  }

  get canSubmitRealName(): boolean {
    return this.name.trim() !== '' && this.idNumberOk && this.busy === ''
  }

  async submitRealName(): Promise<boolean> {
    this.nameTouched = true
    this.idTouched = true
    this.tick()
    const id = validateIdNumber(this.idNumber, new Date(this.nowMs))
    if (!id.ok || this.name.trim() === '' || this.busy !== '') return false
    const ok = await this.run('realName', async () => {
      const res = await this.deps.identity.realName({ name: this.name.trim(), idNumber: id.value.idNumber })
      runInAction(() => {
        this.realNameDone = res
        // Plain values leave memory as soon as the server has them.
        this.name = ''
        this.idNumber = ''
        this.nameTouched = false
        this.idTouched = false
      })
    })
    if (ok) await this.loadMe()
    return ok
  }

  // ---- face (L3) --------------------------------------------------------------------------

  async startFace(method: 'wechat' | 'alipay' | 'stand-in'): Promise<FaceStartResponse | undefined> {
    let flow: FaceStartResponse | undefined
    await this.run('face', async () => {
      flow = await this.deps.identity.faceStart({ method })
      runInAction(() => {
        this.faceFlow = flow
        this.faceProof = ''
      })
    })
    return flow
  }

  setFaceProof(v: string): void {
    this.faceProof = v.replace(/\D/g, '').slice(0, 6)
    this.clearMessages()
  }

  /** The server queries the vendor itself; the client result is never trusted. */
  async completeFace(standInProof?: string): Promise<boolean> {
    const flow = this.faceFlow
    if (!flow) return false
    const ok = await this.run('face', async () => {
      const res = await this.deps.identity.faceComplete({ flowId: flow.flowId, ...(standInProof !== undefined ? { standInProof } : {}) })
      runInAction(() => {
        this.faceDone = res
        this.faceFlow = undefined
        this.faceProof = ''
      })
    })
    if (ok) await this.loadMe()
    return ok
  }

  // ---- sessions ---------------------------------------------------------------------------

  async loadSessions(): Promise<void> {
    await this.run('load', async () => {
      const res = await this.deps.identity.sessions()
      runInAction(() => (this.sessions = res.items))
    })
  }

  async revokeSession(id: string): Promise<void> {
    const current = this.sessions.find((s) => s.id === id)?.current
    const ok = await this.run('action', () => this.deps.identity.revokeSession(id))
    if (!ok) return
    if (current) this.signedOut()
    else await this.loadSessions()
  }

  async logout(all = false): Promise<void> {
    // Local sign-out happens even when the server cannot be reached: the device is what matters.
    await this.run('action', () => (all ? this.deps.auth.logoutAll() : this.deps.auth.logout()))
    this.signedOut()
  }

  private signedOut(): void {
    this.deps.session.clear()
    this.meStore.clear()
    this.sessions = []
    this.mandates = []
    this.enterprises = []
    this.consents = []
    this.notice = messages.account.security.loggedOut
  }

  // ---- acting identity --------------------------------------------------------------------

  async loadEnterprises(): Promise<void> {
    await this.run('load', async () => {
      const res = await this.deps.identity.enterprises()
      runInAction(() => (this.enterprises = res.items))
    })
  }

  async switchActing(kind: 'self' | 'enterprise', id?: string): Promise<boolean> {
    const ok = await this.run('action', async () => {
      const t = await this.deps.identity.switchActing({ kind, ...(id ? { id } : {}) })
      this.deps.session.setTokens({ accessToken: t.accessToken, refreshToken: t.refreshToken })
    })
    if (ok) await this.loadMe()
    return ok
  }

  // ---- mandates ---------------------------------------------------------------------------

  async loadMandates(): Promise<void> {
    await this.run('load', async () => {
      const res = await this.deps.identity.mandates()
      runInAction(() => (this.mandates = res.items))
    })
  }

  get givenMandates(): MandateView[] {
    return this.mandates.filter((m) => m.direction === 'given')
  }

  get receivedMandates(): MandateView[] {
    return this.mandates.filter((m) => m.direction === 'received')
  }

  async revokeMandate(id: string): Promise<void> {
    const ok = await this.run('action', () => this.deps.identity.revokeMandate(id))
    if (ok) {
      // Reload first: a load clears messages, and the notice must survive it.
      await this.loadMandates()
      runInAction(() => (this.notice = messages.account.mandates.revokedDone))
    }
  }

  // ---- granting a mandate (L3) ---------------------------------------------------------------

  setGrantPhone(v: string): void {
    this.grantPhone = v
    this.grantPhoneTouched = true
    this.clearMessages()
  }

  toggleGrantCategory(c: string): void {
    this.grantCategories = this.grantCategories.includes(c) ? this.grantCategories.filter((x) => x !== c) : [...this.grantCategories, c]
    this.clearMessages()
  }

  setGrantDays(days: number): void {
    this.grantDays = days
  }

  get grantPhoneError(): string | undefined {
    if (!this.grantPhoneTouched) return undefined
    const r = validatePhone(this.grantPhone)
    return r.ok ? undefined : messages.validation.phone[r.error]
  }

  get canGrant(): boolean {
    return validatePhone(this.grantPhone).ok && this.grantCategories.length > 0 && this.busy === ''
  }

  /** Returns true when the mandate exists; a missing face check sets `gate` instead of an error. */
  async grantMandate(): Promise<boolean> {
    this.grantPhoneTouched = true
    const p = validatePhone(this.grantPhone)
    if (!p.ok || !this.canGrant) return false
    this.gate = null
    const endsAt = new Date((this.deps.now ?? Date.now)() + this.grantDays * DAY_MS).toISOString()
    const body = { granteePhone: p.value, itemCodes: [], categories: [...this.grantCategories], endsAt }
    const ok = await this.run('grant', () => this.deps.identity.createMandate(body), true)
    if (ok) {
      await this.loadMandates()
      runInAction(() => {
        this.grantPhone = ''
        this.grantPhoneTouched = false
        this.grantCategories = []
        this.notice = messages.account.grant.done
      })
    }
    return ok
  }

  // ---- enterprise operators (legal representative) -------------------------------------------

  setOperatorPhone(v: string): void {
    this.operatorPhone = v
    this.operatorPhoneTouched = true
    this.clearMessages()
  }

  get operatorPhoneError(): string | undefined {
    if (!this.operatorPhoneTouched) return undefined
    const r = validatePhone(this.operatorPhone)
    return r.ok ? undefined : messages.validation.phone[r.error]
  }

  async loadOperators(enterpriseId: string): Promise<void> {
    await this.run(
      'load',
      async () => {
        const res = await this.deps.identity.operators(enterpriseId)
        runInAction(() => (this.operators = res.items))
      },
      true,
    )
  }

  async addOperator(enterpriseId: string): Promise<boolean> {
    this.operatorPhoneTouched = true
    const p = validatePhone(this.operatorPhone)
    if (!p.ok || this.busy !== '') return false
    const ok = await this.run('action', () => this.deps.identity.addOperator(enterpriseId, { phone: p.value }), true)
    if (ok) {
      await this.loadOperators(enterpriseId)
      runInAction(() => {
        this.operatorPhone = ''
        this.operatorPhoneTouched = false
        this.notice = messages.account.operators.added
      })
    }
    return ok
  }

  async revokeOperator(enterpriseId: string, operatorId: string): Promise<void> {
    const ok = await this.run('action', () => this.deps.identity.revokeOperator(enterpriseId, operatorId), true)
    if (ok) {
      await this.loadOperators(enterpriseId)
      runInAction(() => (this.notice = messages.account.operators.revokedDone))
    }
  }


  // ---- privacy ----------------------------------------------------------------------------

  /** Returns the export as JSON text (the page offers it to save/copy). */
  async exportData(): Promise<string | undefined> {
    let text: string | undefined
    await this.run('action', async () => {
      const data = await this.deps.identity.exportData()
      text = JSON.stringify(data, null, 2)
      runInAction(() => (this.exportedBytes = text!.length))
    })
    return text
  }

  async deleteAccount(): Promise<boolean> {
    const ok = await this.run('action', () => this.deps.identity.deleteAccount())
    if (ok) {
      this.signedOut()
      this.notice = messages.account.privacy.deleted
    }
    return ok
  }

  /** One place for busy/error handling; true when `fn` succeeded. */
  /**
   * Runs an action with busy state and messages. `gated`: a refusal for want of a level becomes
   * `gate` (the page walks the user up) instead of an error.
   */
  private async run(kind: Busy, fn: () => Promise<unknown>, gated = false): Promise<boolean> {
    if (gated) this.gate = null
    this.busy = kind
    this.clearMessages()
    try {
      await fn()
      return true
    } catch (e) {
      runInAction(() => {
        const step = gated ? levelStep(e) : null
        if (step) this.gate = step
        else this.fail(e)
      })
      return false
    } finally {
      runInAction(() => (this.busy = ''))
    }
  }
}
