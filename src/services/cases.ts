// The platform API of online applications (办件). Uploads send raw bytes through the platform
// (binary bodies are not JSON); everything else goes through the request wrapper.
import type {
  ApplyFormResponse,
  CaseDetail,
  CaseDraftListResponse,
  CaseDraftView,
  CaseFollowUpListResponse,
  CaseListResponse,
  CaseLookupResponse,
  CaseMaterialChoice,
  CaseUploadResponse,
  KnownApplicantResponse,
  RatingFollowUpListResponse,
  StaffCaseListResponse,
  StaffFileLinkResponse,
  VisitRatingResponse,
  SubmitCaseBody,
  SubmitCaseResponse,
} from '../domain/contract'
import type { NotifyTemplatesResponse, SubscribeTemplate } from '../domain/contract/notify'
import type { BytesRequest } from '../platform/files-types'
import type { TransportResponse } from '../platform/types'
import { httpError, type Request, type SessionLike } from './request'
import type { CaseOutbox } from './outbox'
import { appOutbox } from '../stores/outbox'
import type { RootStore } from '../stores/root'

export interface CasesApi {
  form(code: string, bundle: boolean): Promise<ApplyFormResponse>
  /** Contact details to prefill and the subject's open cases of the same item(s). */
  known(code: string, bundle: boolean): Promise<KnownApplicantResponse>
  upload(bytes: ArrayBuffer, type: string): Promise<CaseUploadResponse>
  saveDraft(body: { clientRef: string; itemCode: string; bundle?: boolean; form: Record<string, string | number>; materials: CaseMaterialChoice[] }): Promise<{ draft: CaseDraftView }>
  drafts(): Promise<CaseDraftListResponse>
  deleteDraft(id: string): Promise<unknown>
  submit(body: SubmitCaseBody, idempotencyKey: string): Promise<SubmitCaseResponse>
  list(): Promise<CaseListResponse>
  get(id: string): Promise<CaseDetail>
  withdraw(id: string, comment?: string): Promise<CaseDetail>
  supplement(id: string, materials: CaseMaterialChoice[], comment?: string): Promise<CaseDetail>
  provide(id: string, name: string, fileIds: string[]): Promise<CaseDetail>
  withdrawCommitment(id: string, name: string): Promise<CaseDetail>
  rate(id: string, level: number, tags: string[], comment?: string): Promise<CaseDetail>
  lookup(number: string, queryCode: string): Promise<CaseLookupResponse>
  staffQueue(state?: string): Promise<StaffCaseListResponse>
  staffGet(id: string): Promise<CaseDetail>
  staffAct(id: string, action: string, body: { comment?: string; materials?: string[] }): Promise<CaseDetail>
  staffFollowUps(): Promise<CaseFollowUpListResponse>
  /** Staff: a short-lived signed link that opens one material of a case in a viewer. */
  staffFileLink(caseId: string, fileId: string): Promise<StaffFileLinkResponse>
  staffReply(id: string, reply: string): Promise<unknown>
  /** Staff: 不满意 ratings of cases and hall visits awaiting a follow-up; answer one by its rating id. */
  staffRatingFollowUps(): Promise<RatingFollowUpListResponse>
  staffRatingReply(ratingId: string, reply: string): Promise<unknown>
  /** Whether a hall visit (booking) can be rated, and its rating. */
  visitRating(bookingId: string): Promise<VisitRatingResponse>
  rateVisit(bookingId: string, level: number, tags: string[], comment?: string): Promise<VisitRatingResponse>
  /** The subscribe-message template ids this deployment configured (public, cacheable). */
  notifyTemplates(): Promise<NotifyTemplatesResponse>
  /** Record the templates the user accepted in requestSubscribeMessage (one message each). */
  subscribed(channel: 'weapp' | 'alipay', accepted: SubscribeTemplate[]): Promise<unknown>
}

export interface UploadDeps {
  baseUrl: string
  session: SessionLike
  sendBytes?: (req: BytesRequest) => Promise<TransportResponse>
}

export function createCasesApi(request: Request, deps: UploadDeps): CasesApi {
  const enc = encodeURIComponent
  return {
    form: (code, bundle) => request.get(`/api/cases/forms/${enc(code)}`, { query: bundle ? { bundle: true } : undefined }),
    known: (code, bundle) => request.get('/api/cases/known', { query: { code, ...(bundle ? { bundle: true } : {}) } }),
    async upload(bytes, type) {
      if (!deps.sendBytes) throw new Error('sendBytes unavailable')
      const headers: Record<string, string> = { 'Content-Type': type, Accept: 'application/json' }
      const token = deps.session.accessToken
      if (token) headers.Authorization = `Bearer ${token}`
      const res = await deps.sendBytes({ url: `${deps.baseUrl.replace(/\/+$/, '')}/api/cases/uploads`, headers, bytes, timeoutMs: 60_000 })
      if (res.status === 401 && (await deps.session.refresh())) return this.upload(bytes, type)
      if (res.status < 200 || res.status >= 300) throw httpError(res)
      return JSON.parse(res.body) as CaseUploadResponse
    },
    saveDraft: (body) => request.post('/api/cases/drafts', body),
    drafts: () => request.get('/api/cases/drafts'),
    deleteDraft: (id) => request.post(`/api/cases/drafts/${enc(id)}/delete`, {}),
    submit: (body, idempotencyKey) => request.post('/api/cases', body, { idempotencyKey, timeoutMs: 30_000 }),
    list: () => request.get('/api/cases'),
    get: (id) => request.get(`/api/cases/${enc(id)}`),
    withdraw: (id, comment) => request.post(`/api/cases/${enc(id)}/withdraw`, comment ? { comment } : {}),
    supplement: (id, materials, comment) => request.post(`/api/cases/${enc(id)}/supplement`, { materials, ...(comment ? { comment } : {}) }),
    provide: (id, name, fileIds) => request.post(`/api/cases/${enc(id)}/materials`, { name, fileIds }),
    withdrawCommitment: (id, name) => request.post(`/api/cases/${enc(id)}/commitments/withdraw`, { name }),
    rate: (id, level, tags, comment) => request.post(`/api/cases/${enc(id)}/rating`, { level, tags, ...(comment ? { comment } : {}) }),
    lookup: (number, queryCode) => request.post('/api/cases/lookup', { number, queryCode }, { auth: false }),
    staffQueue: (state) => request.get('/api/staff/cases', { query: { state } }),
    staffGet: (id) => request.get(`/api/staff/cases/${enc(id)}`),
    staffAct: (id, action, body) => request.post(`/api/staff/cases/${enc(id)}/${enc(action)}`, body),
    staffFollowUps: () => request.get('/api/staff/cases/follow-ups'),
    staffFileLink: (caseId, fileId) => request.get(`/api/staff/cases/${enc(caseId)}/files/${enc(fileId)}/link`),
    staffReply: (id, reply) => request.post(`/api/staff/cases/${enc(id)}/rating-reply`, { reply }),
    staffRatingFollowUps: () => request.get('/api/staff/ratings/follow-ups'),
    staffRatingReply: (id, reply) => request.post(`/api/staff/ratings/${enc(id)}/reply`, { reply }),
    visitRating: (id) => request.get(`/api/bookings/${enc(id)}/rating`),
    rateVisit: (id, level, tags, comment) => request.post(`/api/bookings/${enc(id)}/rating`, { level, tags, ...(comment ? { comment } : {}) }),
    notifyTemplates: () => request.get('/api/notify/templates', { auth: false }),
    subscribed: (channel, accepted) => request.post('/api/notify/subscriptions', { channel, accepted }),
  }
}

// The outbox lives in its own module (src/services/outbox.ts) so the app can send from any page
// without loading the rest of this API.
export { CaseOutbox, isNoAnswer, type OutboxEntry } from './outbox'

export interface CasesClient {
  api: CasesApi
  outbox: CaseOutbox
}

const clients = new WeakMap<object, CasesClient>()

/** One cases client per app (root store): the API and the app's one outbox (src/stores/outbox.ts). */
export function casesClientOf(root: RootStore, baseUrl: string): CasesClient {
  let c = clients.get(root)
  if (!c) {
    const api = createCasesApi(root.api.request, { baseUrl, session: root.session, sendBytes: root.platform.sendBytes?.bind(root.platform) })
    c = { api, outbox: appOutbox(root) }
    clients.set(root, c)
  }
  return c
}
