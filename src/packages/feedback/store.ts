// 意见反馈 form state: live field errors with the server's rules, one Idempotency-Key per
// logical submission (reused when the user retries the same content), input kept on failure.
import { makeAutoObservable, runInAction } from 'mobx'
import type { CreateFeedbackBody, CreateFeedbackResponse, FeedbackCategory, Channel } from '../../domain/contract'
import { validatePhone } from '../../domain/phone'
import { messages, format } from './messages'
import { ApiError } from '../../services/request'
import { Loadable } from '../../stores/loadable'
import type { FeedbackApi } from '../../services/feedback'

// The contract's constants live beside TypeBox schemas, which must not reach the app bundle;
// a unit test checks these equal FEEDBACK_CATEGORIES / FEEDBACK_CONTENT_MIN / _MAX.
export const FEEDBACK_CATEGORY_VALUES = ['suggestion', 'problem', 'complaint', 'praise', 'other'] as const satisfies readonly FeedbackCategory[]
export const CONTENT_MIN = 5
export const CONTENT_MAX = 500

export type FeedbackField = 'category' | 'content' | 'contact'
export interface FeedbackDraft {
  category: FeedbackCategory | ''
  content: string
  contact: string
}

const emptyDraft = (): FeedbackDraft => ({ category: '', content: '', contact: '' })
const label = (f: FeedbackField) => messages.api.fieldLabels[f] ?? f
/** Characters as the server counts them (code points, after trimming). */
const charCount = (s: string) => [...s.trim()].length

export interface FeedbackDeps {
  feedback: FeedbackApi
  request: { newIdempotencyKey(): Promise<string> }
}

export class FeedbackStore {
  draft: FeedbackDraft = emptyDraft()
  readonly submitState = new Loadable<'submit'>()
  submitted?: CreateFeedbackResponse = undefined
  /** Fields the user has edited; errors show for these (all of them after a submit attempt). */
  private touched = new Set<FeedbackField>()
  private attempted = false
  /** The server's verdict on a field, shown until that field is edited again. */
  private serverErrors: Partial<Record<FeedbackField, string>> = {}
  private pending: { key: string; body: string } | null = null

  constructor(
    private readonly api: FeedbackDeps,
    private readonly channel?: Channel,
  ) {
    makeAutoObservable<FeedbackStore, 'api' | 'channel' | 'pending'>(this, { api: false, channel: false, pending: false, submitState: false })
  }

  // The store has one loadable state: the page and tests read it as the store's own.
  get submitting(): boolean {
    return this.submitState.busy !== ''
  }

  get error(): string | undefined {
    return this.submitState.error
  }

  setField(name: FeedbackField, value: string): void {
    if (name === 'category') {
      this.draft.category = (FEEDBACK_CATEGORY_VALUES as readonly string[]).includes(value) ? (value as FeedbackCategory) : ''
    } else {
      this.draft[name] = value
    }
    this.touched.add(name)
    delete this.serverErrors[name]
    this.submitState.clear()
  }

  get contentLength(): number {
    return charCount(this.draft.content)
  }

  get contentMax(): number {
    return CONTENT_MAX
  }

  /** Every rule violation, whether or not it is shown yet. */
  get validation(): Partial<Record<FeedbackField, string>> {
    const errors: Partial<Record<FeedbackField, string>> = {}
    const v = messages.api.validation
    if (this.draft.category === '') errors.category = format(v.choice, { field: label('category') })
    const n = this.contentLength
    if (n < CONTENT_MIN) errors.content = format(v.minLength, { field: label('content'), limit: CONTENT_MIN })
    else if (n > CONTENT_MAX) errors.content = format(v.maxLength, { field: label('content'), limit: CONTENT_MAX })
    // Contact is optional; when given it must be a mainland mobile number.
    if (this.draft.contact.trim() !== '') {
      const phone = validatePhone(this.draft.contact)
      if (!phone.ok) errors.contact = messages.validation.phone[phone.error]
    }
    return errors
  }

  /** Errors to show now: for edited fields (all after a submit attempt), plus the server's. */
  get fieldErrors(): Partial<Record<FeedbackField, string>> {
    const shown: Partial<Record<FeedbackField, string>> = {}
    const all = this.validation
    for (const f of ['category', 'content', 'contact'] as const) {
      const msg = all[f] ?? this.serverErrors[f]
      if (msg && (this.attempted || this.touched.has(f) || this.serverErrors[f])) shown[f] = msg
    }
    return shown
  }

  get isValid(): boolean {
    return Object.keys(this.validation).length === 0
  }

  get canSubmit(): boolean {
    return this.isValid && !this.submitting && Object.keys(this.serverErrors).length === 0
  }

  private body(): CreateFeedbackBody {
    const body: CreateFeedbackBody = { category: this.draft.category as FeedbackCategory, content: this.draft.content.trim() }
    const phone = validatePhone(this.draft.contact)
    if (phone.ok) body.contact = phone.value
    if (this.channel) body.channel = this.channel
    return body
  }

  async submit(): Promise<void> {
    this.attempted = true
    if (!this.canSubmit) return
    const body = this.body()
    const bodyText = JSON.stringify(body)
    await this.submitState.run(
      async () => {
        // Same content as the failed attempt → same key, so the server replays instead of duplicating.
        const key = this.pending?.body === bodyText ? this.pending.key : await this.api.request.newIdempotencyKey()
        this.pending = { key, body: bodyText }
        const res = await this.api.feedback.submit(body, { idempotencyKey: key })
        runInAction(() => {
          this.submitted = res
          this.pending = null
        })
      },
      {
        task: 'submit',
        recover: (e) => {
          if (!(e instanceof ApiError)) return
          if (e.field === 'category' || e.field === 'content' || e.field === 'contact') this.serverErrors[e.field] = e.message
          // The server saw different content under this key; the next try must be a new submission.
          if (e.code === 'IDEMPOTENCY_KEY_REUSED') this.pending = null
        },
      },
    )
  }

  reset(): void {
    this.draft = emptyDraft()
    this.submitState.clear()
    this.submitted = undefined
    this.touched.clear()
    this.attempted = false
    this.serverErrors = {}
    this.pending = null
  }
}
