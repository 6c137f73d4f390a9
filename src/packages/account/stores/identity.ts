// Real name (L2) with live ID-number checks, and the face check (L3), each after its consent.
import { makeAutoObservable, runInAction } from 'mobx'
import type { FaceStartResponse, LevelResponse, MeResponse } from '../../../domain/contract'
import { normaliseIdNumber, validateIdNumber } from '../../../domain/idNumber'
import { Loadable } from '../../../stores/loadable'
import { messages } from '../messages'
import type { AccountCore, ConsentKind } from './core'

export type IdentityTask = 'load' | 'action' | 'realName' | 'face'

export class IdentityStore {
  readonly state = new Loadable<IdentityTask>()
  name = ''
  idNumber = ''
  nameTouched = false
  idTouched = false
  /** The person has left the ID field (or tried to submit): an unfinished number is wrong from then on. */
  idLeft = false
  realNameDone?: LevelResponse = undefined
  faceFlow?: FaceStartResponse = undefined
  faceProof = ''
  faceDone?: LevelResponse = undefined
  nowMs: number

  constructor(private readonly core: AccountCore) {
    this.nowMs = core.now()
    makeAutoObservable<IdentityStore, 'core'>(this, { core: false, state: false })
  }

  // The journey's own state, read the way its pages and tests always have.
  get busy(): IdentityTask | '' {
    return this.state.busy
  }

  get error(): string | undefined {
    return this.state.error
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

  // ---- consents (id_processing before real name, face before the face check) ----------------

  async loadConsents(): Promise<void> {
    await this.state.run(() => this.core.consents.load())
  }

  hasConsent(kind: string): boolean {
    return this.core.consents.has(kind)
  }

  setConsent(kind: ConsentKind, granted: boolean): Promise<boolean> {
    return this.state.run(() => this.core.consents.set(kind, granted), { task: 'action' })
  }

  // ---- real name ------------------------------------------------------------------------------

  setName(v: string): void {
    this.name = v
    this.nameTouched = true
    if (this.state.errorField !== 'idNumber') this.state.clear()
  }

  setIdNumber(v: string): void {
    this.idNumber = v
    this.idTouched = true
    if (this.state.errorField !== 'name') this.state.clear()
  }

  get nameError(): string | undefined {
    if (this.state.errorField === 'name' && this.state.error) return this.state.error
    return this.nameTouched && this.name.trim() === '' ? messages.account.realName.nameEmpty : undefined
  }

  /** Live check with the same rules as the server: a wrong check digit never reaches it. */
  /** Leaving the ID field: its length is judged from now on. */
  leaveIdNumber(): void {
    if (this.idTouched) this.idLeft = true
  }

  get idNumberError(): string | undefined {
    if (this.state.errorField === 'idNumber' && this.state.error) return this.state.error
    if (!this.idTouched) return undefined
    const r = validateIdNumber(this.idNumber, new Date(this.nowMs))
    if (r.ok) return undefined
    // Still typing: 16 digits are not wrong yet (应为18位 at the 16th digit alarmed people); a
    // character that can never belong in the first 17 places is.
    if (!this.idLeft && (r.error === 'empty' || r.error === 'length')) {
      const typed = normaliseIdNumber(this.idNumber)
      if (typed.length < 18) return /^\d*$/.test(typed) ? undefined : messages.validation.idNumber.format
    }
    return messages.validation.idNumber[r.error]
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
    this.idLeft = true
    this.nowMs = this.core.now()
    const id = validateIdNumber(this.idNumber, new Date(this.nowMs))
    if (!id.ok || this.name.trim() === '' || this.busy !== '') return false
    const ok = await this.state.run(
      async () => {
        const res = await this.core.deps.identity.realName({ name: this.name.trim(), idNumber: id.value.idNumber })
        runInAction(() => {
          this.realNameDone = res
          // Plain values leave memory as soon as the server has them.
          this.name = ''
          this.idNumber = ''
          this.nameTouched = false
          this.idTouched = false
          this.idLeft = false
        })
      },
      { task: 'realName' },
    )
    if (ok) await this.loadMe()
    return ok
  }

  // ---- face (L3) ------------------------------------------------------------------------------

  async startFace(method: 'wechat' | 'alipay' | 'stand-in'): Promise<FaceStartResponse | undefined> {
    let flow: FaceStartResponse | undefined
    await this.state.run(
      async () => {
        flow = await this.core.deps.identity.faceStart({ method })
        runInAction(() => {
          this.faceFlow = flow
          this.faceProof = ''
        })
      },
      { task: 'face' },
    )
    return flow
  }

  setFaceProof(v: string): void {
    this.faceProof = v.replace(/\D/g, '').slice(0, 6)
    this.state.clear()
  }

  /** The server queries the vendor itself; the client result is never trusted. */
  async completeFace(standInProof?: string): Promise<boolean> {
    const flow = this.faceFlow
    if (!flow) return false
    const ok = await this.state.run(
      async () => {
        const res = await this.core.deps.identity.faceComplete({ flowId: flow.flowId, ...(standInProof !== undefined ? { standInProof } : {}) })
        runInAction(() => {
          this.faceDone = res
          this.faceFlow = undefined
          this.faceProof = ''
        })
      },
      { task: 'face' },
    )
    if (ok) await this.loadMe()
    return ok
  }
}
