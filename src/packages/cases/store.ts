// 我的办件: the list (with drafts and what waits in the outbox), one case with its timeline and
// the applicant's actions (withdraw, supplement, hand in a deferred material, withdraw a
// commitment, rate), and the public lookup by number + query code.
import { makeAutoObservable, runInAction } from 'mobx'
import type { CaseDetail, CaseDraftView, CaseLookupResponse, CaseSummary } from '../../domain/contract'
import { IMAGE_MAX_EDGE } from '../../domain/cases/materials'
import type { PickedFile } from '../../platform/files-types'
import type { CasesClient, OutboxEntry } from '../../services/cases'
import { Loadable } from '../../stores/loadable'

interface Deps {
  client: CasesClient
  chooseFile?: (opts: { kind: 'image' | 'pdf'; maxEdge: number }) => Promise<PickedFile | null>
}

export class CasesStore {
  /** 我的办件: the list and drafts (deleting a draft shows its failure there too). */
  readonly listState = new Loadable<'load' | 'delete'>()
  /** One case and the applicant's actions on it. */
  readonly detailState = new Loadable<'load' | 'act' | 'upload'>()
  /** The public lookup by number and query code. */
  readonly lookupState = new Loadable()
  items: CaseSummary[] = []
  drafts: CaseDraftView[] = []
  outbox: OutboxEntry[] = []
  detail: CaseDetail | null = null
  lookupResult: CaseLookupResponse | null = null
  /** Files picked for a supplement / deferred material, by material name. */
  picked: Record<string, Array<{ fileId: string; name: string }>> = {}

  constructor(private readonly deps: Deps) {
    makeAutoObservable<CasesStore, 'deps'>(this, { deps: false, listState: false, detailState: false, lookupState: false })
    this.outbox = deps.client.outbox.list()
    deps.client.outbox.onChange(() => runInAction(() => (this.outbox = deps.client.outbox.list())))
  }

  async loadList(): Promise<void> {
    await this.listState.run(async () => {
      await this.deps.client.outbox.flush()
      const [list, drafts] = await Promise.all([this.deps.client.api.list(), this.deps.client.api.drafts()])
      runInAction(() => {
        this.items = list.items
        this.drafts = drafts.items
      })
    })
  }

  async deleteDraft(id: string): Promise<void> {
    await this.listState.run(
      async () => {
        await this.deps.client.api.deleteDraft(id)
        runInAction(() => (this.drafts = this.drafts.filter((d) => d.id !== id)))
      },
      { task: 'delete' },
    )
  }

  async load(id: string): Promise<void> {
    this.detail = null
    this.picked = {}
    await this.detailState.run(async () => {
      const d = await this.deps.client.api.get(id)
      runInAction(() => (this.detail = d))
    })
  }

  private async act(fn: (id: string) => Promise<CaseDetail>): Promise<boolean> {
    const id = this.detail?.id
    if (!id) return false
    return this.detailState.run(
      async () => {
        const d = await fn(id)
        runInAction(() => {
          this.detail = d
          this.picked = {}
        })
      },
      { task: 'act' },
    )
  }

  withdraw(comment?: string): Promise<boolean> {
    return this.act((id) => this.deps.client.api.withdraw(id, comment))
  }

  withdrawCommitment(name: string): Promise<boolean> {
    return this.act((id) => this.deps.client.api.withdrawCommitment(id, name))
  }

  async pick(name: string, kind: 'image' | 'pdf'): Promise<void> {
    if (!this.deps.chooseFile) return
    let f: PickedFile | null
    try {
      f = await this.deps.chooseFile({ kind, maxEdge: IMAGE_MAX_EDGE })
    } catch {
      return
    }
    if (!f) return
    const file = f
    await this.detailState.run(
      async () => {
        const up = await this.deps.client.api.upload(file.bytes, file.type)
        runInAction(() => (this.picked[name] = [...(this.picked[name] ?? []), { fileId: up.fileId, name: file.name }]))
      },
      { task: 'upload' },
    )
  }

  supplement(comment?: string): Promise<boolean> {
    const materials = Object.entries(this.picked)
      .filter(([, files]) => files.length > 0)
      .map(([name, files]) => ({ name, mode: 'upload' as const, fileIds: files.map((f) => f.fileId) }))
    if (materials.length === 0) return Promise.resolve(false)
    return this.act((id) => this.deps.client.api.supplement(id, materials, comment))
  }

  provide(name: string): Promise<boolean> {
    const files = this.picked[name] ?? []
    if (files.length === 0) return Promise.resolve(false)
    return this.act((id) => this.deps.client.api.provide(id, name, files.map((f) => f.fileId)))
  }

  rate(level: number, tags: string[], comment?: string): Promise<boolean> {
    return this.act((id) => this.deps.client.api.rate(id, level, tags, comment))
  }

  async lookup(number: string, code: string): Promise<void> {
    this.lookupResult = null
    await this.lookupState.run(async () => {
      const r = await this.deps.client.api.lookup(number.trim(), code.trim())
      runInAction(() => (this.lookupResult = r))
    })
  }
}

const stores = new WeakMap<CasesClient, CasesStore>()
export function casesStoreOf(client: CasesClient, chooseFile?: Deps['chooseFile']): CasesStore {
  let s = stores.get(client)
  if (!s) {
    s = new CasesStore({ client, chooseFile })
    stores.set(client, s)
  }
  return s
}
