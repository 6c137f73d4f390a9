// The one loadable state every store uses for a server call: what is running, the error to show
// (and the field the server blamed), the level step a refusal asks for, and a retry of the last
// call. Stores hold one per journey or per part of a page, so one part's error never shows on
// another's. Kept tiny and Taro-free: the main package's stores (inbox, home) use it too.
// Pages read `store.<part>State.busy / .error / .step`; a store with a single state may also offer
// its fields as getters (`busy`, `error`), views of that state, never state of their own.
import { makeObservable, observable, action, runInAction } from 'mobx'
import { levelStep, type LevelStep } from '../services/level'
import { ApiError, userMessage } from '../services/request'

/**
 * What a refusal for want of a level (401, LEVEL_REQUIRED) becomes:
 * - 'error' (default): an error like any other;
 * - 'gate': `step` instead of an error (the page shows a LevelGate and walks the user up);
 * - 'both': `step` beside the error (the page shows the server's words and a way up).
 */
export type GateMode = 'error' | 'gate' | 'both'

export interface RunOptions<Task extends string> {
  /** What is running, for the button that shows it (default 'load'). */
  task?: Task
  gate?: GateMode
  /** Keep the previous error and notice while this call runs (a reload after an action). */
  keepMessages?: boolean
  /**
   * Store-specific handling of a failure, run inside an action before anything is shown; return
   * true when it dealt with the failure (an offline copy shown, say) and no error should show.
   */
  recover?: (e: unknown) => boolean | void
}

export class Loadable<Task extends string = 'load'> {
  /** The call running now ('' when idle), so a button can say what it is waiting for. */
  busy: Task | '' = ''
  error?: string = undefined
  /** The input the server blamed for `error`, so the page can show it beside that field. */
  errorField?: string = undefined
  /** The server's code for `error` ('' when none). */
  errorCode = ''
  /** The level step a refused call needs (L1 log in, L2 real name, reauth, L3 face check). */
  step: LevelStep | null = null
  /** A success message for the part this state serves. */
  notice?: string = undefined
  private last: (() => Promise<boolean>) | null = null

  constructor() {
    makeObservable(this, {
      busy: observable,
      error: observable,
      errorField: observable,
      errorCode: observable,
      step: observable,
      notice: observable,
      run: action,
      clear: action,
      setError: action,
      setNotice: action,
      failed: action,
    })
  }

  /** Forget the error, the step and the notice (the user edits a field, or leaves the page). */
  clear(): void {
    this.error = undefined
    this.errorField = undefined
    this.errorCode = ''
    this.step = null
    this.notice = undefined
  }

  /** An error found on the device (no call made), shown where the server's would be. */
  setError(text: string | undefined, field?: string): void {
    this.error = text
    this.errorField = text ? field : undefined
  }

  setNotice(text: string | undefined): void {
    this.notice = text
  }

  /**
   * Runs `fn` with this state: busy while it runs, the failure shown afterwards. True when `fn`
   * succeeded; never throws. The call is remembered for `retry()`.
   */
  async run(fn: () => Promise<unknown>, opts: RunOptions<Task> = {}): Promise<boolean> {
    const attempt = () => this.attempt(fn, opts)
    this.last = attempt
    return attempt()
  }

  /** The last call again (the 重试 button); false when there was none. */
  retry(): Promise<boolean> {
    return this.last ? this.last() : Promise.resolve(false)
  }

  private async attempt(fn: () => Promise<unknown>, opts: RunOptions<Task>): Promise<boolean> {
    runInAction(() => {
      this.busy = opts.task ?? ('load' as Task)
      if (opts.keepMessages) this.step = null
      else this.clear()
    })
    try {
      await fn()
      return true
    } catch (e) {
      this.failed(e, opts)
      return false
    } finally {
      runInAction(() => (this.busy = ''))
    }
  }

  /** Shows a failure met outside `run` (a follow-up call after an action that succeeded). */
  failed(e: unknown, opts: Pick<RunOptions<Task>, 'gate' | 'recover'> = {}): void {
    if (opts.recover?.(e) === true) return
    const mode = opts.gate ?? 'error'
    const step = mode === 'error' ? null : levelStep(e)
    this.step = step
    if (step && mode === 'gate') return
    this.error = userMessage(e)
    this.errorField = e instanceof ApiError ? e.field : undefined
    this.errorCode = e instanceof ApiError ? e.code : ''
  }
}

/** A loadable that also holds the answer (one query's data beside its state). */
export class Query<T, Task extends string = 'load'> extends Loadable<Task> {
  data?: T = undefined

  constructor() {
    super()
    makeObservable(this, { data: observable.ref, set: action })
  }

  set(data: T | undefined): void {
    this.data = data
  }
}

/**
 * One load in flight per sender: callers asking while it runs for the same person (a page's mount
 * and first show at mini-program launch, the tab's show) share it; someone else signed in since
 * gets a load of their own, and a later ask starts a fresh one.
 */
export class SharedFlight {
  private current: { sender: string | null; done: Promise<void> } | null = null

  run(sender: string | null, load: () => Promise<void>): Promise<void> {
    if (this.current && this.current.sender === sender) return this.current.done
    const flight = { sender, done: load() }
    this.current = flight
    const forget = () => {
      if (this.current === flight) this.current = null
    }
    flight.done.then(forget, forget)
    return flight.done
  }
}
