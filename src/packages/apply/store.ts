// 在线申请: the form (as data from the server, checked here with the same domain rules as the
// server), materials (upload / 告知承诺 / 容缺 / 免提交), a draft kept on the device at every change
// and on the server on request, and submission through the outbox (never lost, never twice).
import { makeAutoObservable, runInAction } from 'mobx'
import type { ApplyFormResponse, CaseMaterialChoice, KnownApplicantResponse, SubmitCaseBody, SubmitCaseResponse } from '../../domain/contract'
import { IMAGE_MAX_EDGE, UPLOAD_MAX_BYTES } from '../../domain/cases/materials'
import { validateForm, type ApplyField } from '../../domain/cases/forms'
import { format, messages } from './messages'
import type { PickedFile } from '../../platform/files-types'
import { isNoAnswer, type CasesClient } from '../../services/cases'
import { uuidV4, userMessage } from '../../services/request'
import { Loadable } from '../../stores/loadable'
import { PERSONAL_KEYS } from '../../services/personalData'

const t = messages.cases
/** The contact details the platform last suggested (this device, this person). */
const CONTACT_KEY = PERSONAL_KEYS.casesContact
type Mode = CaseMaterialChoice['mode']

export interface MaterialState {
  mode: Mode | ''
  files: Array<{ fileId: string; name: string; size: number }>
  /** 告知承诺 read and accepted on this device. */
  agreed: boolean
}

interface DraftDoc {
  clientRef: string
  values: Record<string, string>
  materials: Record<string, MaterialState>
}

interface Deps {
  client: CasesClient
  storage: { get(k: string): string | null; set(k: string, v: string): void; remove(k: string): void }
  randomBytes: (n: number) => Uint8Array | Promise<Uint8Array>
  chooseFile?: (opts: { kind: 'image' | 'pdf'; maxEdge: number }) => Promise<PickedFile | null>
  channel: 'weapp' | 'alipay' | 'h5'
  now?: () => Date
  /** Signed in: ask the server what it knows about the applicant. */
  signedIn?: () => boolean
}

export class ApplyStore {
  code = ''
  bundle = false
  /** The form (and what is known about the applicant). */
  readonly loadState = new Loadable()
  form: ApplyFormResponse | null = null
  values: Record<string, string> = {}
  materials: Record<string, MaterialState> = {}
  clientRef = ''
  attempted = false
  /** Uploading a material (`upload:<name>`) and submitting: one message area below the form. */
  readonly formState = new Loadable<'submit' | `upload:${string}`>()
  notice = ''
  queued = false
  result: SubmitCaseResponse | null = null
  restored = false
  /** The form came from this device's copy (no network): it can be filled and queued. */
  fromCache = false
  /** Open cases of the same item(s) for the same person or enterprise (a warning, or a refusal). */
  openCases: KnownApplicantResponse['open'] = []
  /** 秒批 conditions the account already shows are missed (age from the birth date): warned before the form. */
  unmet: NonNullable<KnownApplicantResponse['unmet']> = []
  /** Outbox key of the submission waiting to be sent from this page. */
  private queuedKey = ''
  private stopSent: (() => void) | null = null
  /** Releases the outbox's "this page shows the answer" mark (leave()). */
  private releaseShown: (() => void) | null = null

  constructor(private readonly deps: Deps) {
    makeAutoObservable<ApplyStore, 'deps' | 'queuedKey' | 'stopSent' | 'releaseShown'>(this, { deps: false, queuedKey: false, stopSent: false, releaseShown: false, loadState: false, formState: false })
  }

  private get formKey(): string {
    return `zj.cases.form.${this.bundle ? 'b' : 'i'}.${this.code}`
  }

  /** One open case of an item that allows one at a time: the server would refuse (409). */
  get blockedBy(): KnownApplicantResponse['open'][number] | undefined {
    return this.openCases.find((c) => c.exclusive)
  }

  /** Sent by the app's outbox from any page (or by this one): show the receipt here too. */
  private watchQueued(key: string): void {
    this.queuedKey = key
    this.showHere(key)
    this.stopSent?.()
    this.stopSent = this.deps.client.outbox.onSent((entry, res) => {
      if (entry.key !== this.queuedKey) return
      runInAction(() => {
        this.result = res
        this.queued = false
      })
    })
  }

  /** This page will show the entry's receipt: the app-wide sent note leaves it out. */
  private showHere(key: string): void {
    this.releaseShown?.()
    this.releaseShown = this.deps.client.outbox.showInPlace(key)
  }

  /** The page went away: an application still waiting is announced app-wide when it goes. */
  leave(): void {
    this.releaseShown?.()
    this.releaseShown = null
  }

  private async fetchForm(code: string, bundle: boolean): Promise<ApplyFormResponse> {
    try {
      const form = await this.deps.client.api.form(code, bundle)
      this.deps.storage.set(this.formKey, JSON.stringify(form))
      runInAction(() => (this.fromCache = false))
      return form
    } catch (e) {
      // No network: the copy from the last time this form opened, so it can be filled and queued.
      const cached = isNoAnswer(e) ? this.deps.storage.get(this.formKey) : null
      if (!cached) throw e
      runInAction(() => (this.fromCache = true))
      return JSON.parse(cached) as ApplyFormResponse
    }
  }

  /** Contact details from the account and the last application, only into fields still empty. */
  private async loadKnown(code: string, bundle: boolean): Promise<void> {
    if (!this.deps.signedIn?.()) return
    let contact: Record<string, string> = {}
    try {
      const known = await this.deps.client.api.known(code, bundle)
      contact = known.contact
      // Kept on the device so a form opened with no network is prefilled too.
      this.deps.storage.set(CONTACT_KEY, JSON.stringify(contact))
      runInAction(() => {
        this.openCases = known.open
        this.unmet = known.unmet ?? []
      })
    } catch {
      try {
        contact = JSON.parse(this.deps.storage.get(CONTACT_KEY) ?? '{}') as Record<string, string>
      } catch {
        // Nothing known: the person types it.
      }
    }
    if (this.code !== code) return
    runInAction(() => {
      let changed = false
      for (const f of this.editable) {
        const v = contact[f.key]
        if (typeof v === 'string' && v !== '' && (this.values[f.key] ?? '') === '') {
          this.values[f.key] = v
          changed = true
        }
      }
      if (changed) this.saveLocal()
    })
  }

  private get draftKey(): string {
    return `zj.cases.draft.${this.bundle ? 'b' : 'i'}.${this.code}`
  }

  async load(code: string, bundle: boolean): Promise<void> {
    this.code = code
    this.bundle = bundle
    this.result = null
    this.queued = false
    this.formState.clear()
    this.attempted = false
    this.openCases = []
    this.unmet = []
    await this.loadState.run(async () => {
      const form = await this.fetchForm(code, bundle)
      const saved = this.readDraft()
      runInAction(() => {
        this.form = form
        this.values = saved?.values ?? {}
        this.materials = {}
        for (const m of form.materials) this.materials[m.name] = saved?.materials[m.name] ?? { mode: m.modes.length === 1 || m.modes[0] === 'shared' ? m.modes[0] : '', files: [], agreed: false }
        this.restored = Boolean(saved)
      })
      const clientRef = saved?.clientRef ?? uuidV4(await this.deps.randomBytes(16))
      runInAction(() => (this.clientRef = clientRef))
      await this.loadKnown(code, bundle)
    })
  }

  private readDraft(): DraftDoc | null {
    try {
      const raw = this.deps.storage.get(this.draftKey)
      return raw ? (JSON.parse(raw) as DraftDoc) : null
    } catch {
      return null
    }
  }

  private saveLocal(): void {
    const doc: DraftDoc = { clientRef: this.clientRef, values: this.values, materials: this.materials }
    this.deps.storage.set(this.draftKey, JSON.stringify(doc))
  }

  get fields(): ApplyField[] {
    return (this.form?.fields ?? []) as ApplyField[]
  }

  /** Fields the user types (identity fields are filled by the server from the real-name record). */
  get editable(): ApplyField[] {
    return this.fields.filter((f) => !f.prefill)
  }

  setValue(key: string, value: string): void {
    this.values[key] = value
    if (this.formState.errorField === `form.${key}`) this.formState.clear()
    this.saveLocal()
  }

  get fieldErrors(): Record<string, string> {
    const errs = validateForm(this.editable, this.values, (this.deps.now ?? (() => new Date()))())
    const out: Record<string, string> = {}
    for (const f of this.editable) {
      const e = errs[f.key]
      if (e && (this.attempted || (this.values[f.key] ?? '') !== '')) out[f.key] = format(t.fieldErrors[e], { field: f.label })
    }
    const { error, errorField = '' } = this.formState
    if (errorField.startsWith('form.') && error) out[errorField.slice(5)] = error
    return out
  }

  setMode(name: string, mode: Mode): void {
    const m = this.materials[name]
    if (!m) return
    m.mode = mode
    if (mode !== 'commitment') m.agreed = false
    this.saveLocal()
  }

  agree(name: string, on: boolean): void {
    const m = this.materials[name]
    if (m) m.agreed = on
    this.saveLocal()
  }

  async upload(name: string, kind: 'image' | 'pdf'): Promise<void> {
    if (!this.deps.chooseFile) return
    this.formState.clear()
    let picked: PickedFile | null
    try {
      picked = await this.deps.chooseFile({ kind, maxEdge: IMAGE_MAX_EDGE })
    } catch {
      return // cancelled
    }
    if (!picked) return
    if (picked.bytes.byteLength > UPLOAD_MAX_BYTES) {
      this.formState.setError(messages.api.errors.CASE_UPLOAD_TOO_LARGE)
      return
    }
    const file = picked
    await this.formState.run(
      async () => {
        const res = await this.deps.client.api.upload(file.bytes, file.type)
        runInAction(() => {
          const m = this.materials[name]
          m.mode = 'upload'
          if (!m.files.some((f) => f.fileId === res.fileId)) m.files.push({ fileId: res.fileId, name: file.name, size: res.size })
          this.saveLocal()
        })
      },
      { task: `upload:${name}` },
    )
  }

  /** The material whose file is being uploaded now ('' when none). */
  get uploading(): string {
    const busy = this.formState.busy
    return busy.startsWith('upload:') ? busy.slice('upload:'.length) : ''
  }

  removeFile(name: string, fileId: string): void {
    const m = this.materials[name]
    if (!m) return
    m.files = m.files.filter((f) => f.fileId !== fileId)
    this.saveLocal()
  }

  /** Materials still needing the user's choice (or an upload, or reading the commitment). */
  get materialProblems(): string[] {
    const out: string[] = []
    for (const m of this.form?.materials ?? []) {
      const s = this.materials[m.name]
      if (!s) continue
      if (s.mode === '' && m.required) out.push(m.name)
      else if (s.mode === 'upload' && s.files.length === 0 && m.required) out.push(m.name)
      else if (s.mode === 'commitment' && !s.agreed) out.push(m.name)
    }
    return out
  }

  get problemCount(): number {
    return Object.keys(validateForm(this.editable, this.values, new Date())).length + this.materialProblems.length
  }

  private choices(): CaseMaterialChoice[] {
    const out: CaseMaterialChoice[] = []
    for (const [name, s] of Object.entries(this.materials)) {
      if (s.mode === '' || (s.mode === 'upload' && s.files.length === 0)) continue
      out.push({ name, mode: s.mode, ...(s.mode === 'upload' ? { fileIds: s.files.map((f) => f.fileId) } : {}) })
    }
    return out
  }

  private formValues(): Record<string, string> {
    const out: Record<string, string> = {}
    for (const f of this.editable) if ((this.values[f.key] ?? '').trim() !== '') out[f.key] = this.values[f.key].trim()
    return out
  }

  async saveDraft(): Promise<void> {
    this.saveLocal()
    try {
      await this.deps.client.api.saveDraft({ clientRef: this.clientRef, itemCode: this.code, ...(this.bundle ? { bundle: true } : {}), form: this.formValues(), materials: this.choices() })
      runInAction(() => (this.notice = t.apply.draftSaved))
    } catch (e) {
      // Kept on the device anyway.
      runInAction(() => (this.notice = isNoAnswer(e) ? t.apply.draftSaved : userMessage(e)))
    }
  }

  async submit(): Promise<void> {
    this.attempted = true
    if (this.formState.busy === 'submit') return
    this.formState.clear()
    if (this.problemCount > 0) return
    const body: SubmitCaseBody = {
      itemCode: this.code,
      ...(this.bundle ? { bundle: true } : {}),
      clientRef: this.clientRef,
      form: this.formValues(),
      materials: this.choices(),
      channel: this.deps.channel,
    }
    const outbox = this.deps.client.outbox
    let key = ''
    await this.formState.run(
      async () => {
        key = uuidV4(await this.deps.randomBytes(16))
        // Written before sending: an app killed mid-request still has it.
        const entry = { key, body, title: this.form?.title ?? '', at: Date.now() }
        outbox.add(entry)
        this.showHere(key)
        const res = await outbox.send(entry)
        runInAction(() => {
          this.result = res
          this.deps.storage.remove(this.draftKey)
        })
      },
      {
        task: 'submit',
        recover: (e) => {
          if (!key || !isNoAnswer(e)) return false
          // Stays in the outbox; the app sends it from any page when the network returns.
          this.queued = true
          this.watchQueued(key)
          this.deps.storage.remove(this.draftKey)
          return true
        },
      },
    )
  }
}

const stores = new WeakMap<CasesClient, ApplyStore>()
export function applyStoreOf(client: CasesClient, deps: Omit<Deps, 'client'>): ApplyStore {
  let s = stores.get(client)
  if (!s) {
    s = new ApplyStore({ client, ...deps })
    stores.set(client, s)
  }
  return s
}
