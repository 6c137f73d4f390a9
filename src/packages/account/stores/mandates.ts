// Acting for others: the identity to act as (self or an enterprise), 代办 mandates given and
// received (granting one needs a face check, L3), and an enterprise's operators (legal representative).
import { makeAutoObservable, runInAction } from 'mobx'
import type { EnterprisesResponse, MandateView, MeResponse, OperatorsResponse } from '../../../domain/contract'
import { validatePhone } from '../../../domain/phone'
import { Loadable } from '../../../stores/loadable'
import { messages } from '../messages'
import type { AccountCore } from './core'

/** Mandate lengths the grant form offers (the server allows up to 90 days). */
export const GRANT_DAYS = [7, 30, 90] as const
const DAY_MS = 24 * 3600 * 1000

export type MandatesTask = 'load' | 'action' | 'grant'

export class MandatesStore {
  readonly state = new Loadable<MandatesTask>()
  enterprises: EnterprisesResponse['items'] = []
  mandates: MandateView[] = []
  // Grant a 代办 mandate
  grantPhone = ''
  grantPhoneTouched = false
  grantCategories: string[] = []
  grantDays: number = 30
  // Operators of an enterprise (legal representative)
  operators: OperatorsResponse['items'] = []
  operatorPhone = ''
  operatorPhoneTouched = false

  constructor(private readonly core: AccountCore) {
    makeAutoObservable<MandatesStore, 'core'>(this, { core: false, state: false })
    core.onSignedOut(() =>
      runInAction(() => {
        this.mandates = []
        this.enterprises = []
      }),
    )
  }

  // The journey's own state, read the way its pages and tests always have.
  get busy(): MandatesTask | '' {
    return this.state.busy
  }

  get error(): string | undefined {
    return this.state.error
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

  // ---- acting identity ------------------------------------------------------------------------

  async loadEnterprises(): Promise<void> {
    await this.state.run(async () => {
      const res = await this.core.deps.identity.enterprises()
      runInAction(() => (this.enterprises = res.items))
    })
  }

  async switchActing(kind: 'self' | 'enterprise', id?: string): Promise<boolean> {
    const ok = await this.state.run(
      async () => {
        const t = await this.core.deps.identity.switchActing({ kind, ...(id ? { id } : {}) })
        this.core.deps.session.setTokens({ accessToken: t.accessToken, refreshToken: t.refreshToken })
      },
      { task: 'action' },
    )
    if (ok) await this.loadMe()
    return ok
  }

  // ---- mandates -------------------------------------------------------------------------------

  async loadMandates(): Promise<void> {
    await this.state.run(async () => {
      const res = await this.core.deps.identity.mandates()
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
    const ok = await this.state.run(() => this.core.deps.identity.revokeMandate(id), { task: 'action' })
    if (ok) {
      // Reload first: a load clears messages, and the notice must survive it.
      await this.loadMandates()
      this.state.setNotice(messages.account.mandates.revokedDone)
    }
  }

  // ---- granting a mandate (L3) ----------------------------------------------------------------

  setGrantPhone(v: string): void {
    this.grantPhone = v
    this.grantPhoneTouched = true
    this.state.clear()
  }

  toggleGrantCategory(c: string): void {
    this.grantCategories = this.grantCategories.includes(c) ? this.grantCategories.filter((x) => x !== c) : [...this.grantCategories, c]
    this.state.clear()
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

  /** Returns true when the mandate exists; a missing face check sets `state.step` instead of an error. */
  async grantMandate(): Promise<boolean> {
    this.grantPhoneTouched = true
    const p = validatePhone(this.grantPhone)
    if (!p.ok || !this.canGrant) return false
    const endsAt = new Date(this.core.now() + this.grantDays * DAY_MS).toISOString()
    const body = { granteePhone: p.value, itemCodes: [], categories: [...this.grantCategories], endsAt }
    const ok = await this.state.run(() => this.core.deps.identity.createMandate(body), { task: 'grant', gate: 'gate' })
    if (ok) {
      await this.loadMandates()
      runInAction(() => {
        this.grantPhone = ''
        this.grantPhoneTouched = false
        this.grantCategories = []
        this.state.setNotice(messages.account.grant.done)
      })
    }
    return ok
  }

  // ---- enterprise operators (legal representative) --------------------------------------------

  setOperatorPhone(v: string): void {
    this.operatorPhone = v
    this.operatorPhoneTouched = true
    this.state.clear()
  }

  get operatorPhoneError(): string | undefined {
    if (!this.operatorPhoneTouched) return undefined
    const r = validatePhone(this.operatorPhone)
    return r.ok ? undefined : messages.validation.phone[r.error]
  }

  async loadOperators(enterpriseId: string): Promise<void> {
    await this.state.run(
      async () => {
        const res = await this.core.deps.identity.operators(enterpriseId)
        runInAction(() => (this.operators = res.items))
      },
      { gate: 'gate' },
    )
  }

  async addOperator(enterpriseId: string): Promise<boolean> {
    this.operatorPhoneTouched = true
    const p = validatePhone(this.operatorPhone)
    if (!p.ok || this.busy !== '') return false
    const ok = await this.state.run(() => this.core.deps.identity.addOperator(enterpriseId, { phone: p.value }), { task: 'action', gate: 'gate' })
    if (ok) {
      await this.loadOperators(enterpriseId)
      runInAction(() => {
        this.operatorPhone = ''
        this.operatorPhoneTouched = false
        this.state.setNotice(messages.account.operators.added)
      })
    }
    return ok
  }

  async revokeOperator(enterpriseId: string, operatorId: string): Promise<void> {
    const ok = await this.state.run(() => this.core.deps.identity.revokeOperator(enterpriseId, operatorId), { task: 'action', gate: 'gate' })
    if (ok) {
      await this.loadOperators(enterpriseId)
      this.state.setNotice(messages.account.operators.revokedDone)
    }
  }
}
