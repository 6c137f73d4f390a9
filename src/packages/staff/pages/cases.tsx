// Staff: the work queue by role (window: intake; approver: review), one case with its form
// (masked), materials, timeline, and the steps this officer may take; 差评 follow-ups.
import { useEffect, useMemo, useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { View, Text, Button, Textarea, Image } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { makeAutoObservable, runInAction } from 'mobx'
import type { CaseDetail, CaseFollowUpListResponse, CaseSummary } from '@/domain/contract'
import { format, messages } from '@/packages/staff/messages'
import { useStore } from '@/stores'
import { Page } from '@/components'
import { apiBase } from '@/services/api'
import { createCasesApi, type CasesApi } from '@/services/cases'
import { createRequest } from '@/services/request'
import { Loadable } from '@/stores/loadable'
import type { Platform } from '@/platform/types'
import { staffStoreOf } from '../store'
import { STAFF_ROUTES } from '../routes'

const t = messages.cases

/** What comes next on a case and whose step it is (the header of the staff page). */
function nextStep(c: CaseDetail): string {
  if (c.state === 'supplement_requested') return t.staff.nextApplicant
  const step = t.staff.steps[c.state as keyof typeof t.staff.steps]
  if (!step) return t.staff.nextNone
  const owner = c.state === 'accepted' || c.state === 'under_review' ? format(t.staff.stepOwner.approver, { department: c.departmentName ?? '' }) : t.staff.stepOwner.window
  return format(t.staff.next, { step, who: owner })
}

class StaffCases {
  items: CaseSummary[] = []
  counts: Record<string, number> = {}
  followUps: CaseFollowUpListResponse['items'] = []
  detail: CaseDetail | null = null
  /** The image material open in the viewer (PDFs go to the platform's document viewer). */
  viewing: { url: string; name: string } | null = null
  /** One state for the queue and the open case: the page shows one message area for both. */
  readonly state = new Loadable()
  constructor(
    private readonly api: CasesApi,
    private readonly openDocument?: (url: string, title?: string) => Promise<void>,
  ) {
    makeAutoObservable<StaffCases, 'api' | 'openDocument'>(this, { api: false, openDocument: false, state: false })
  }
  get busy(): boolean {
    return this.state.busy !== ''
  }
  get error(): string {
    return this.state.error ?? ''
  }
  private async run(fn: () => Promise<void>): Promise<void> {
    await this.state.run(fn)
  }
  load(): Promise<void> {
    return this.run(async () => {
      const [q, f] = await Promise.all([this.api.staffQueue(), this.api.staffFollowUps()])
      runInAction(() => {
        this.items = q.items
        this.counts = q.counts ?? {}
        this.followUps = f.items.filter((x) => !x.replied)
      })
    })
  }
  open(id: string): Promise<void> {
    return this.run(async () => {
      const d = await this.api.staffGet(id)
      runInAction(() => {
        this.detail = d
        this.viewing = null
      })
    })
  }
  /** Open a material through a fresh signed link (the server logs the opening for the citizen). */
  viewFile(fileId: string, name: string): Promise<void> {
    const id = this.detail?.id
    if (!id) return Promise.resolve()
    return this.run(async () => {
      const link = await this.api.staffFileLink(id, fileId)
      const url = `${apiBase()}${link.url}`
      if (link.type === 'application/pdf' && this.openDocument) await this.openDocument(url, name)
      else runInAction(() => (this.viewing = { url, name }))
    })
  }
  closeFile(): void {
    this.viewing = null
  }
  act(action: string, comment: string, materials: string[]): Promise<void> {
    const id = this.detail?.id
    if (!id) return Promise.resolve()
    return this.run(async () => {
      const d = await this.api.staffAct(id, action, { ...(comment ? { comment } : {}), ...(materials.length ? { materials } : {}) })
      runInAction(() => (this.detail = d))
    })
  }
  reply(id: string, text: string): Promise<void> {
    return this.run(async () => {
      await this.api.staffReply(id, text)
      runInAction(() => (this.followUps = this.followUps.filter((f) => f.caseId !== id)))
    })
  }
}

let instance: StaffCases | null = null
function staffCasesOf(platform: Platform): StaffCases {
  if (!instance) {
    const st = staffStoreOf(platform)
    const request = createRequest({ baseUrl: apiBase(), transport: platform.request, session: st.session, randomBytes: (n) => platform.secureRandom(n), isOnline: () => platform.isOnline() })
    instance = new StaffCases(createCasesApi(request, { baseUrl: apiBase(), session: st.session }), platform.openDocument?.bind(platform))
  }
  return instance
}

const Detail = observer(function Detail({ s }: { s: StaffCases }) {
  const c = s.detail!
  const [comment, setComment] = useState('')
  const [names, setNames] = useState<string[]>([])
  return (
    <View>
      <Button className='btn btn-secondary' onClick={() => runInAction(() => (s.detail = null))}>{messages.account.common.back}</Button>
      <View className='card'>
        <Text className='card-text'>{c.itemName}</Text>
        <Text className='text-muted'>{c.number}</Text>
        <View><Text id='staff-case-state'>{t.states[c.state]}</Text></View>
        <View><Text id='staff-case-next' className='text-small'>{nextStep(c)}</Text></View>
        {c.dueOn ? <Text className='text-muted'>{format(t.list.due, { date: c.dueOn })}{c.overdue ? ` · ${t.list.overdue}` : ''}</Text> : null}
      </View>
      <View className='card'>
        <Text className='card-text'>{t.detail.form}</Text>
        {(c.fields ?? []).map((f) => (
          <View key={f.key} className='staff-field'>
            <Text className='text-small'>{f.label}：{f.value}</Text>
          </View>
        ))}
      </View>
      <View className='card'>
        <Text className='card-text'>{t.detail.materials}</Text>
        {c.materials.map((m) => (
          <View key={m.name} className='staff-material'>
            <View className={names.includes(m.name) ? 'choice choice-on' : 'choice'} ariaRole='checkbox' aria-checked={names.includes(m.name)} onClick={() => setNames(names.includes(m.name) ? names.filter((x) => x !== m.name) : [...names, m.name])}>
              <Text>{m.name}：{t.modes[m.mode]}{m.files.length ? `（${m.files.length}）` : ''}{m.mode === 'deferred' ? (m.provided ? ' ✓' : ` · ${m.dueOn ?? ''}`) : ''}</Text>
            </View>
            {m.files.length > 0 ? (
              <View className='btn-row'>
                {m.files.map((f, i) => (
                  <Button key={f.id} id={`staff-file-${f.id}`} className='btn btn-secondary btn-small staff-open-file' disabled={s.busy} onClick={() => void s.viewFile(f.id, m.name)}>
                    {m.files.length > 1 ? format(t.staff.openFileN, { n: i + 1 }) : t.staff.openFile}
                  </Button>
                ))}
              </View>
            ) : null}
          </View>
        ))}
        <Text className='text-muted text-small'>{t.staff.supplementMaterials}</Text>
      </View>
      {s.viewing ? (
        <View className='card' id='staff-viewer'>
          <Text className='card-text'>{s.viewing.name}</Text>
          <Image id='staff-viewer-image' src={s.viewing.url} mode='widthFix' style={{ width: '100%' }} ariaLabel={s.viewing.name} />
          <Button className='btn btn-secondary' onClick={() => s.closeFile()}>{t.staff.closeFile}</Button>
        </View>
      ) : null}
      {c.rules ? (
        <View className='card'>
          {c.rules.map((r) => <View key={r.id}><Text>{r.passed ? '✓' : '✗'} {r.description}</Text></View>)}
        </View>
      ) : null}
      <View className='card'>
        {c.events.map((e, i) => <View key={i}><Text className='text-small'>{t.states[e.to]} · {t.actors[e.actor as keyof typeof t.actors] ?? e.actor}{e.comment ? ` · ${e.comment}` : ''}</Text></View>)}
      </View>
      {c.actions.length > 0 ? (
        <View className='field'>
          <Textarea id='staff-comment' className='textarea' value={comment} placeholder={t.staff.comment} maxlength={500} onInput={(e) => setComment(e.detail.value)} />
          <View className='btn-row'>
            {c.actions.map((a) => (
              <Button key={a} id={`staff-${a}`} className={a === 'reject' || a === 'deny' ? 'btn btn-danger' : 'btn'} disabled={s.busy} onClick={() => void s.act(a, comment.trim(), a === 'requestSupplement' ? names : []).then(() => setComment(''))}>
                {t.actions[a as keyof typeof t.actions] ?? a}
              </Button>
            ))}
          </View>
        </View>
      ) : null}
    </View>
  )
})

const FollowUps = observer(function FollowUps({ s }: { s: StaffCases }) {
  const [reply, setReply] = useState<Record<string, string>>({})
  if (s.followUps.length === 0) return null
  return (
    <View>
      <View className='section-header'><Text className='section-header-title'>{t.staff.followUps}</Text></View>
      {s.followUps.map((f) => (
        <View key={f.caseId} className='card'>
          <Text>{f.itemName} · {f.number} · {t.rating.levels[f.level as 1 | 2]}</Text>
          {f.comment ? <Text className='text-small'>{f.comment}</Text> : null}
          <Text className='text-muted text-small'>{format(t.detail.followUpDue, { date: f.followUpDueOn })}</Text>
          <Textarea className='textarea' value={reply[f.caseId] ?? ''} placeholder={t.staff.replyPlaceholder} onInput={(e) => setReply({ ...reply, [f.caseId]: e.detail.value })} />
          <Button className='btn' disabled={(reply[f.caseId] ?? '').trim().length < 2} onClick={() => void s.reply(f.caseId, reply[f.caseId].trim())}>{t.staff.sendReply}</Button>
        </View>
      ))}
    </View>
  )
})

export default observer(function StaffCasesPage() {
  const { platform } = useStore()
  const st = staffStoreOf(platform)
  const s = useMemo(() => staffCasesOf(platform), [platform])
  const roles = st.me?.roles ?? []
  const onlyApprover = roles.includes('approver') && !roles.includes('window') && !roles.includes('admin')
  useEffect(() => {
    if (!st.loggedIn) void Taro.redirectTo({ url: STAFF_ROUTES.login })
  }, [st.loggedIn])
  useDidShow(() => {
    if (!st.loggedIn) return
    void s.load()
    if (!st.me) void st.loadMe()
  })
  return (
    <Page title={s.detail ? t.staff.detail : t.staff.queue}>
      {s.error ? <View className='notice notice-danger' ariaRole='alert'><Text>{s.error}</Text></View> : null}
      {s.detail ? (
        <Detail s={s} />
      ) : (
        <View>
          <View id='staff-counts' className='btn-row'>
            {Object.entries(s.counts).map(([state, n]) => (
              <Text key={state} className='text-small staff-count'>{format(t.staff.counts, { state: t.states[state as keyof typeof t.states], n })}</Text>
            ))}
          </View>
          {s.items.length === 0 && !s.busy ? (
            <Text id='staff-empty' className='text-muted'>{onlyApprover ? t.staff.emptyApprover : t.staff.empty}</Text>
          ) : null}
          <View className='list' id='staff-queue'>
            {s.items.map((c) => (
              <View key={c.id} className='list-row' ariaRole='button' hoverClass='list-row-hover' id={`staff-row-${c.number}`} onClick={() => void s.open(c.id)}>
                <View>
                  <Text>{c.itemName}</Text>
                  <View><Text className='text-muted text-small'>{c.number} · {t.states[c.state]}{c.overdue ? ` · ${t.list.overdue}` : ''}</Text></View>
                </View>
                <Text className='chevron'>›</Text>
              </View>
            ))}
          </View>
          <FollowUps s={s} />
        </View>
      )}
    </Page>
  )
})
