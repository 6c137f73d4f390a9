// Records on the device: 社保, 公积金 and 不动产 answers, 我的证明, 谁查询了我的数据 and the public
// proof check. The last answer of each query (for the account holder themself, never one read
// under a mandate) is kept in platform storage and shown when offline, marked 数据截至 <time>.
// Free of Taro so unit tests drive it with fake APIs.
import { makeAutoObservable, makeObservable, observable, runInAction } from 'mobx'
import type {
  AccessEntry,
  ProofKind,
  ProofView,
  PropertyResponse,
  ProvidentFundResponse,
  SocialSecurityResponse,
  VerifyResponse,
} from '../../domain/contract/records'
import { messages } from './messages'
import type { PlatformStorage } from '../../platform/types'
import { ApiError } from '../../services/request'
import { PERSONAL_KEYS } from '../../services/personalData'
import type { RecordsApi } from '../../services/records'
import { Loadable, Query } from '../../stores/loadable'

export const STORAGE_KEYS = {
  social: PERSONAL_KEYS.recordsSocial,
  fund: PERSONAL_KEYS.recordsFund,
  property: PERSONAL_KEYS.recordsProperty,
  proofs: PERSONAL_KEYS.recordsProofs,
} as const

type Area = 'social' | 'fund' | 'property'
type Answer = { social: SocialSecurityResponse; fund: ProvidentFundResponse; property: PropertyResponse }

/** One records query: its answer and loading state, and whether the answer is the device's copy. */
export class RecordQuery<T> extends Query<T> {
  /** The shown data is the copy kept on the device (no answer from the server). */
  offline = false

  constructor() {
    super()
    makeObservable(this, { offline: observable })
  }
}

const OFFLINE_KINDS = new Set(['offline', 'timeout', 'network'])
const noAnswer = (e: unknown): boolean => e instanceof ApiError && OFFLINE_KINDS.has(e.kind)

export interface RecordsDeps {
  api: RecordsApi
  storage: PlatformStorage
  /** Opens a PDF (platform.openDocument); absent where the platform has none. */
  openDocument?: (url: string) => Promise<void>
  /** API base for absolute download links ('' = same origin). */
  apiBase?: string
}

export class RecordsStore {
  // Replaced as a whole on clearDevice, so the fields are observable references.
  social = new RecordQuery<SocialSecurityResponse>()
  fund = new RecordQuery<ProvidentFundResponse>()
  property = new RecordQuery<PropertyResponse>()
  readonly proofsState = new Loadable()
  proofs: ProofView[] = []
  proofsOffline = false
  readonly accessState = new Loadable()
  access: AccessEntry[] = []
  /** Issuing a proof: `busy` is the kind being issued right now. */
  readonly makeState = new Loadable<ProofKind>()
  made?: ProofView = undefined

  readonly verifyState = new Loadable()
  verifyInput = ''
  verifyResult?: VerifyResponse = undefined

  constructor(private readonly deps: RecordsDeps) {
    makeAutoObservable<RecordsStore, 'deps'>(this, {
      deps: false,
      social: observable.ref,
      fund: observable.ref,
      property: observable.ref,
      proofsState: false,
      accessState: false,
      makeState: false,
      verifyState: false,
    })
  }

  private read<T>(key: string): T | undefined {
    try {
      const text = this.deps.storage.get(key)
      return text ? (JSON.parse(text) as T) : undefined
    } catch {
      return undefined
    }
  }

  private write(key: string, value: unknown): void {
    try {
      this.deps.storage.set(key, JSON.stringify(value))
    } catch {
      // Storage full or unavailable: the page still works online.
    }
  }

  /** Forget everything kept on the device (logout, or someone else signing in). */
  clearDevice(): void {
    for (const key of Object.values(STORAGE_KEYS)) this.deps.storage.remove(key)
    this.social = new RecordQuery()
    this.fund = new RecordQuery()
    this.property = new RecordQuery()
    this.proofs = []
    this.access = []
  }

  private async query<A extends Area>(area: A, call: () => Promise<Answer[A]>): Promise<void> {
    const state = this[area] as RecordQuery<Answer[A]>
    await state.run(
      async () => {
        const data = await call()
        runInAction(() => {
          state.data = data
          state.offline = false
        })
        if (data.subject.acting === 'self') this.write(STORAGE_KEYS[area], data)
      },
      {
        // The server's words and, for a level refusal, the way up beside them.
        gate: 'both',
        recover: (e) => {
          const kept = noAnswer(e) ? this.read<Answer[A]>(STORAGE_KEYS[area]) : undefined
          state.data = kept
          state.offline = kept !== undefined
          return state.offline
        },
      },
    )
  }

  loadSocial(year?: number): Promise<void> {
    return this.query('social', () => this.deps.api.socialSecurity(year))
  }

  loadFund(year?: number): Promise<void> {
    return this.query('fund', () => this.deps.api.providentFund(year))
  }

  loadProperty(): Promise<void> {
    return this.query('property', () => this.deps.api.property())
  }

  async loadProofs(): Promise<void> {
    await this.proofsState.run(
      async () => {
        const r = await this.deps.api.proofs()
        runInAction(() => {
          this.proofs = r.items
          this.proofsOffline = false
        })
        // Links expire: keep the list (numbers and dates) but not the links.
        this.write(STORAGE_KEYS.proofs, r.items.map((p) => ({ ...p, downloadUrl: '' })))
      },
      {
        recover: (e) => {
          const kept = noAnswer(e) ? this.read<ProofView[]>(STORAGE_KEYS.proofs) : undefined
          if (!kept) return false
          this.proofs = kept
          this.proofsOffline = true
          return true
        },
      },
    )
  }

  async makeProof(kind: ProofKind): Promise<ProofView | undefined> {
    if (this.makeState.busy) return undefined
    this.made = undefined
    let made: ProofView | undefined
    await this.makeState.run(
      async () => {
        const p = await this.deps.api.createProof({ kind })
        made = p
        runInAction(() => {
          this.made = p
          this.proofs = [p, ...this.proofs.filter((x) => x.id !== p.id)]
        })
      },
      { task: kind },
    )
    return made
  }

  /** Open a proof's PDF with a fresh link (links last minutes; the list may be older). */
  async openProof(id: string): Promise<void> {
    this.makeState.clear()
    try {
      const fresh = (await this.deps.api.proofs()).items
      runInAction(() => {
        this.proofs = fresh
      })
      const p = fresh.find((x) => x.id === id)
      if (!p || !this.deps.openDocument) throw new Error('cannot open')
      await this.deps.openDocument(`${this.deps.apiBase ?? ''}${p.downloadUrl}`)
    } catch {
      this.makeState.setError(messages.records.common.openFailed)
    }
  }

  async loadAccess(): Promise<void> {
    await this.accessState.run(async () => {
      const r = await this.deps.api.accessLog()
      runInAction(() => {
        this.access = r.items
      })
    })
  }

  setVerifyInput(v: string): void {
    this.verifyInput = v
  }

  async verify(code?: string): Promise<void> {
    const input = (code ?? this.verifyInput).trim()
    if (code !== undefined) this.verifyInput = code
    if (!input) return
    this.verifyResult = undefined
    await this.verifyState.run(async () => {
      const r = await this.deps.api.verify(input)
      runInAction(() => {
        this.verifyResult = r
      })
    })
  }
}

/** fen -> "12,345.67" */
export function yuan(cents: number): string {
  const s = (Math.abs(cents) / 100).toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return cents < 0 ? `-${s}` : s
}

/**
 * Which bars of the contributions chart carry their year: every `step`-th counted back from the
 * latest (always labelled). The bars share the chart's width however many years there are, so at
 * 390 px (and at 关怀模式's 18 px labels) only so many two-digit labels fit side by side.
 */
export function yearLabelled(count: number, index: number, maxLabels: number): boolean {
  const step = Math.max(1, Math.ceil(count / Math.max(1, maxLabels)))
  return (count - 1 - index) % step === 0
}

/** Bar heights for the contributions chart: percent of the tallest year (at least 2 so a bar shows). */
export function barHeights(totals: readonly number[]): number[] {
  const max = Math.max(0, ...totals)
  return totals.map((t) => (max === 0 || t <= 0 ? 0 : Math.max(2, Math.round((t / max) * 100))))
}
