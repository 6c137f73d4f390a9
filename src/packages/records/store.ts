// Records on the device: 社保, 公积金 and 不动产 answers, 我的证明, 谁查询了我的数据 and the public
// proof check. The last answer of each query (for the account holder themself, never one read
// under a mandate) is kept in platform storage and shown when offline, marked 数据截至 <time>.
// Free of Taro so unit tests drive it with fake APIs.
import { makeAutoObservable, runInAction } from 'mobx'
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
import { ApiError, userMessage } from '../../services/request'
import { PERSONAL_KEYS } from '../../services/personalData'
import type { RecordsApi } from '../../services/records'

export const STORAGE_KEYS = {
  social: PERSONAL_KEYS.recordsSocial,
  fund: PERSONAL_KEYS.recordsFund,
  property: PERSONAL_KEYS.recordsProperty,
  proofs: PERSONAL_KEYS.recordsProofs,
} as const

type Area = 'social' | 'fund' | 'property'
type Answer = { social: SocialSecurityResponse; fund: ProvidentFundResponse; property: PropertyResponse }

export interface QueryState<T> {
  data?: T
  loading: boolean
  /** The shown data is the copy kept on the device (no answer from the server). */
  offline: boolean
  error?: string
  /** LEVEL_REQUIRED: the level to reach (L2 / L3). */
  requiredLevel?: string
}

const OFFLINE_KINDS = new Set(['offline', 'timeout', 'network'])

function emptyState<T>(): QueryState<T> {
  return { loading: false, offline: false }
}

export interface RecordsDeps {
  api: RecordsApi
  storage: PlatformStorage
  /** Opens a PDF (platform.openDocument); absent where the platform has none. */
  openDocument?: (url: string) => Promise<void>
  /** API base for absolute download links ('' = same origin). */
  apiBase?: string
}

export class RecordsStore {
  social: QueryState<SocialSecurityResponse> = emptyState()
  fund: QueryState<ProvidentFundResponse> = emptyState()
  property: QueryState<PropertyResponse> = emptyState()
  proofs: ProofView[] = []
  proofsLoading = false
  proofsError?: string = undefined
  proofsOffline = false
  access: AccessEntry[] = []
  accessLoading = false
  accessError?: string = undefined
  /** The kind being issued right now. */
  making: ProofKind | null = null
  made?: ProofView = undefined
  makeError?: string = undefined

  verifyInput = ''
  verifying = false
  verifyResult?: VerifyResponse = undefined
  verifyError?: string = undefined

  constructor(private readonly deps: RecordsDeps) {
    makeAutoObservable<RecordsStore, 'deps'>(this, { deps: false })
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
    this.social = emptyState()
    this.fund = emptyState()
    this.property = emptyState()
    this.proofs = []
    this.access = []
  }

  private async query<A extends Area>(area: A, call: () => Promise<Answer[A]>): Promise<void> {
    const state = this[area] as QueryState<Answer[A]>
    state.loading = true
    state.error = undefined
    state.requiredLevel = undefined
    try {
      const data = await call()
      runInAction(() => {
        state.data = data
        state.offline = false
      })
      if (data.subject.acting === 'self') this.write(STORAGE_KEYS[area], data)
    } catch (e) {
      runInAction(() => {
        if (e instanceof ApiError && OFFLINE_KINDS.has(e.kind)) {
          const kept = this.read<Answer[A]>(STORAGE_KEYS[area])
          if (kept) {
            state.data = kept
            state.offline = true
            return
          }
        }
        state.data = undefined
        state.offline = false
        state.error = e instanceof ApiError ? e.message : userMessage(e)
        if (e instanceof ApiError && e.code === 'LEVEL_REQUIRED') state.requiredLevel = String(e.body?.requiredLevel ?? 'L2')
      })
    } finally {
      runInAction(() => {
        state.loading = false
      })
    }
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
    this.proofsLoading = true
    this.proofsError = undefined
    try {
      const r = await this.deps.api.proofs()
      runInAction(() => {
        this.proofs = r.items
        this.proofsOffline = false
      })
      // Links expire: keep the list (numbers and dates) but not the links.
      this.write(STORAGE_KEYS.proofs, r.items.map((p) => ({ ...p, downloadUrl: '' })))
    } catch (e) {
      runInAction(() => {
        const kept = e instanceof ApiError && OFFLINE_KINDS.has(e.kind) ? this.read<ProofView[]>(STORAGE_KEYS.proofs) : undefined
        if (kept) {
          this.proofs = kept
          this.proofsOffline = true
        } else this.proofsError = e instanceof ApiError ? e.message : userMessage(e)
      })
    } finally {
      runInAction(() => {
        this.proofsLoading = false
      })
    }
  }

  async makeProof(kind: ProofKind): Promise<ProofView | undefined> {
    if (this.making) return undefined
    this.making = kind
    this.made = undefined
    this.makeError = undefined
    try {
      const p = await this.deps.api.createProof({ kind })
      runInAction(() => {
        this.made = p
        this.proofs = [p, ...this.proofs.filter((x) => x.id !== p.id)]
      })
      return p
    } catch (e) {
      runInAction(() => {
        this.makeError = e instanceof ApiError ? e.message : userMessage(e)
      })
      return undefined
    } finally {
      runInAction(() => {
        this.making = null
      })
    }
  }

  /** Open a proof's PDF with a fresh link (links last minutes; the list may be older). */
  async openProof(id: string): Promise<void> {
    this.makeError = undefined
    try {
      const fresh = (await this.deps.api.proofs()).items
      runInAction(() => {
        this.proofs = fresh
      })
      const p = fresh.find((x) => x.id === id)
      if (!p || !this.deps.openDocument) throw new Error('cannot open')
      await this.deps.openDocument(`${this.deps.apiBase ?? ''}${p.downloadUrl}`)
    } catch {
      runInAction(() => {
        this.makeError = messages.records.common.openFailed
      })
    }
  }

  async loadAccess(): Promise<void> {
    this.accessLoading = true
    this.accessError = undefined
    try {
      const r = await this.deps.api.accessLog()
      runInAction(() => {
        this.access = r.items
      })
    } catch (e) {
      runInAction(() => {
        this.accessError = e instanceof ApiError ? e.message : userMessage(e)
      })
    } finally {
      runInAction(() => {
        this.accessLoading = false
      })
    }
  }

  setVerifyInput(v: string): void {
    this.verifyInput = v
  }

  async verify(code?: string): Promise<void> {
    const input = (code ?? this.verifyInput).trim()
    if (code !== undefined) this.verifyInput = code
    if (!input) return
    this.verifying = true
    this.verifyResult = undefined
    this.verifyError = undefined
    try {
      const r = await this.deps.api.verify(input)
      runInAction(() => {
        this.verifyResult = r
      })
    } catch (e) {
      runInAction(() => {
        this.verifyError = e instanceof ApiError ? e.message : userMessage(e)
      })
    } finally {
      runInAction(() => {
        this.verifying = false
      })
    }
  }
}

/** fen -> "12,345.67" */
export function yuan(cents: number): string {
  const s = (Math.abs(cents) / 100).toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return cents < 0 ? `-${s}` : s
}

/** Bar heights for the contributions chart: percent of the tallest year (at least 2 so a bar shows). */
export function barHeights(totals: readonly number[]): number[] {
  const max = Math.max(0, ...totals)
  return totals.map((t) => (max === 0 || t <= 0 ? 0 : Math.max(2, Math.round((t / max) * 100))))
}
