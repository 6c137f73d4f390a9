// Structured logs (pino) that never carry personal data. Three layers, because PII can arrive in
// three ways: as a named field (redacted by key, at any depth), inside a string such as a URL or
// an error message (ID-number, mobile and bearer-token shapes are replaced), and in request
// headers (never logged: the request serializer keeps only method, URL, host and address).
import pino, { type DestinationStream, type Logger } from 'pino'

const REDACTED = '[REDACTED]'

// Compared after lower-casing and dropping '_' and '-'.
const SENSITIVE_KEYS = new Set([
  'idnumber', 'idno', 'idcard', 'sfzh', 'certno', 'certificatenumber',
  'phone', 'mobile', 'tel', 'telephone', 'contact', 'phonenumber',
  'name', 'realname', 'fullname', 'username', 'legalrep', 'legalrepname',
  'address', 'homeaddress',
  'authorization', 'cookie', 'setcookie', 'token', 'accesstoken', 'refreshtoken', 'idtoken',
  'password', 'secret', 'apikey', 'xapikey', 'sessionkey', 'openid', 'unionid',
  // Identity (issue 3): one-time secrets, tickets and third-party identifiers.
  'smscode', 'totp', 'bindticket', 'flowid', 'standinproof', 'jscode', 'authcode', 'verifyid', 'certifyid',
  'certname', 'certno', 'grantorname', 'grantoridnumber', 'granteephone', 'documentbase64', 'secretkey', 'privatekey',
])

// Log objects use the same few keys over and over; remembering the answer keeps the scrub pass
// off the access log's hot path (bench/server.bench.ts). Bounded: cleared when full.
const keyVerdicts = new Map<string, boolean>()

export function isSensitiveKey(key: string): boolean {
  let verdict = keyVerdicts.get(key)
  if (verdict === undefined) {
    verdict = SENSITIVE_KEYS.has(key.toLowerCase().replace(/[_-]/g, ''))
    if (keyVerdicts.size >= 1024) keyVerdicts.clear()
    keyVerdicts.set(key, verdict)
  }
  return verdict
}

const ID_NUMBER = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g
const MOBILE = /(?<![0-9])(?:\+?86[- ]?)?1[3-9]\d{9}(?![0-9])/g
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi

// Every shape below needs 11 digits in a row or a credential scheme word; most log text has neither.
const MAYBE_SENSITIVE = /\d{11}|bearer|basic/i

/** Replace ID-number, mobile-number and credential shapes inside free text. */
export function scrubText(text: string): string {
  if (!MAYBE_SENSITIVE.test(text)) return text
  return text.replace(BEARER, '$1 [REDACTED]').replace(ID_NUMBER, '[ID_NUMBER]').replace(MOBILE, '[PHONE]')
}

/** A URL for the log: sensitive query parameters blanked, the rest scrubbed as text. */
export function scrubUrl(url: string): string {
  const q = url.indexOf('?')
  if (q < 0) return scrubText(url)
  const params = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=')
      if (eq < 0) return pair
      let key = pair.slice(0, eq)
      try {
        key = decodeURIComponent(key)
      } catch {
        // keep the raw key
      }
      return isSensitiveKey(key) ? `${pair.slice(0, eq)}=${REDACTED}` : pair
    })
    .join('&')
  let out = `${url.slice(0, q)}?${params}`
  try {
    out = decodeURI(out)
  } catch {
    // malformed escapes: scrub the raw text
  }
  return scrubText(out)
}

/** Deep copy of plain data with sensitive keys redacted and strings scrubbed. */
export function scrubValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubText(value)
  if (value === null || typeof value !== 'object') return value
  if (depth > 8) return '[DEPTH]'
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, depth + 1))
  if (value instanceof Error) return scrubError(value)
  const proto = Object.getPrototypeOf(value)
  if (proto !== Object.prototype && proto !== null) return value // leave class instances to serializers
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value)) out[k] = isSensitiveKey(k) ? REDACTED : scrubValue(v, depth + 1)
  return out
}

function scrubError(err: Error): Record<string, unknown> {
  const s = pino.stdSerializers.err(err) as unknown as Record<string, unknown>
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(s)) {
    // Driver errors carry the offending values in `detail`/`parameters`/`where`.
    if (k === 'parameters' || k === 'params' || k === 'detail' || k === 'where') out[k] = REDACTED
    else out[k] = typeof v === 'string' ? scrubText(v) : k === 'type' || k === 'code' ? v : scrubValue(v, 1)
  }
  return out
}

interface RawRequest {
  method?: string
  url?: string
  host?: string
  hostname?: string
  ip?: string
  socket?: { remoteAddress?: string; remotePort?: number }
  routeOptions?: { url?: string }
}

export const serializers = {
  req(req: RawRequest) {
    return {
      method: req.method,
      url: req.url ? scrubUrl(req.url) : undefined,
      route: req.routeOptions?.url,
      host: req.host ?? req.hostname,
      remoteAddress: req.ip ?? req.socket?.remoteAddress,
    }
  },
  res(res: { statusCode?: number }) {
    return { statusCode: res.statusCode }
  },
  // formatters.log has already turned errors into scrubbed plain objects; keep those as they are.
  err: (err: unknown) => (err instanceof Error ? scrubError(err) : err),
}

// pino's isoTime formats a new Date for every line; a busy server writes several lines within
// the same millisecond, so the text of the last one is reused.
let lastMs = -1
let lastTime = ''
function isoTimeCached(): string {
  const ms = Date.now()
  if (ms !== lastMs) {
    lastMs = ms
    lastTime = `,"time":"${new Date(ms).toISOString()}"`
  }
  return lastTime
}

type LogFn = (...args: unknown[]) => void
type Bindings = Record<string, unknown>

/**
 * A request's logger, made only when something logs through it. Fastify gives every request a
 * pino child bound to its request id; most requests (a guide read) log nothing but their access
 * line, which accessLine writes without one, and making the child (bindings scrubbed and
 * serialized) was a visible share of a guide read (bench/server.bench.ts). The first call makes
 * the real child, so its lines are exactly what the child would have written.
 */
export class LazyRequestLogger {
  private made: Logger | undefined
  constructor(
    readonly parent: Logger,
    readonly bindingsGiven: Bindings,
  ) {}

  /** Whether a real child exists (something logged through this one). */
  get materialized(): boolean {
    return this.made !== undefined
  }

  private real(): Logger {
    this.made ??= this.parent.child(this.bindingsGiven) as unknown as Logger
    return this.made
  }

  get level(): string {
    return this.made?.level ?? this.parent.level
  }
  set level(level: string) {
    this.real().level = level
  }
  isLevelEnabled(level: string): boolean {
    return (this.made ?? this.parent).isLevelEnabled(level)
  }
  bindings(): Bindings {
    return this.real().bindings()
  }
  child(bindings: Bindings, options?: Parameters<Logger['child']>[1]): Logger {
    return this.real().child(bindings, options) as unknown as Logger
  }
  // Prototype methods, not arrow fields: one of these is made per request, and fields would make
  // six closures each time.
  fatal(...args: unknown[]): void {
    const l = this.real()
    ;(l.fatal as LogFn).apply(l, args)
  }
  error(...args: unknown[]): void {
    const l = this.real()
    ;(l.error as LogFn).apply(l, args)
  }
  warn(...args: unknown[]): void {
    const l = this.real()
    ;(l.warn as LogFn).apply(l, args)
  }
  info(...args: unknown[]): void {
    const l = this.real()
    ;(l.info as LogFn).apply(l, args)
  }
  debug(...args: unknown[]): void {
    const l = this.real()
    ;(l.debug as LogFn).apply(l, args)
  }
  trace(...args: unknown[]): void {
    const l = this.real()
    ;(l.trace as LogFn).apply(l, args)
  }
  silent(): void {}
}

/**
 * Fastify's childLoggerFactory: a lazy child, unless the route asks for its own level or
 * serializers (then the real child at once, as Fastify would make it).
 */
export function lazyChildLoggerFactory(logger: Logger, bindings: Bindings, opts: Parameters<Logger['child']>[1]): Logger | LazyRequestLogger {
  if (opts && (opts.level !== undefined || opts.serializers !== undefined)) return logger.child(bindings, opts) as unknown as Logger
  return new LazyRequestLogger(logger, bindings)
}

// Scrubbed URLs of recent requests. Only URLs with nothing to scrub are kept (key and value are
// the same text), so no personal data is held here. Bounded: cleared when full.
const cleanUrls = new Set<string>()

function scrubUrlCached(url: string): string {
  if (cleanUrls.has(url)) return url
  const out = scrubUrl(url)
  if (out === url) {
    if (cleanUrls.size >= 1024) cleanUrls.clear()
    cleanUrls.add(url)
  }
  return out
}

/**
 * The access line of a request whose logger nothing else used: the same JSON, field for field,
 * that `reply.log.info({ req, res, responseTime }, 'request completed')` writes through the lazy
 * logger's child (serializers, scrubbing, the request id binding), built directly and handed to the
 * logger's batched destination. Returns false when it cannot (the child exists, or info is off for
 * the root); the caller then logs the ordinary way.
 */
export function writeAccessLine(
  log: unknown,
  req: RawRequest & { id?: string },
  statusCode: number,
  responseTime: number,
): boolean {
  if (!(log instanceof LazyRequestLogger) || log.materialized) return false
  const root = log.parent
  if (!root.isLevelEnabled('info')) return true
  const fields = root as unknown as Record<symbol, unknown>
  const stream = fields[pino.symbols.streamSym] as { write(line: string): void } | undefined
  const chindings = fields[pino.symbols.chindingsSym]
  if (!stream || typeof chindings !== 'string') return false
  const reqId = log.bindingsGiven.reqId
  // serializers.req, with the URL scrub remembered for URLs that had nothing to scrub.
  const reqJson = JSON.stringify({
    method: req.method,
    url: req.url ? scrubUrlCached(req.url) : undefined,
    route: req.routeOptions?.url,
    host: req.host ?? req.hostname,
    remoteAddress: req.ip ?? req.socket?.remoteAddress,
  })
  // The child's binding, scrubbed as scrubbedChild scrubs it.
  const id = reqId === undefined ? '' : `,"reqId":${JSON.stringify(scrubValue(reqId))}`
  stream.write(`{"level":30${isoTimeCached()}${chindings}${id},"req":${reqJson},"res":{"statusCode":${statusCode}},"responseTime":${responseTime},"msg":"request completed"}\n`)
  return true
}

export function createLogger(level: string, destination?: DestinationStream): Logger {
  const logger = pino(
    {
      level,
      base: { service: 'zhijian-mock' },
      serializers,
      // Layer 1 is the serializers (no headers ever). Layer 2 runs on every log object (and, below,
      // on child-logger bindings): sensitive keys at any depth (authorization and cookie among
      // them), ID-number, mobile and token shapes in strings. pino's path-based `redact` covered
      // only a subset of that and cost a path parse on each line, so it is not used.
      formatters: {
        log: (obj) => scrubValue(obj) as Record<string, unknown>,
      },
      hooks: {
        // Messages and interpolation arguments are free text too.
        // Copies the arguments only when one needs scrubbing: most lines are a fixed message.
        logMethod(args, method) {
          const risky = args.some((a) => typeof a === 'string' && MAYBE_SENSITIVE.test(a))
          method.apply(this, (risky ? args.map((a) => (typeof a === 'string' ? scrubText(a) : a)) : args) as Parameters<typeof method>)
        },
      },
      timestamp: isoTimeCached,
    },
    // stdout by default, written asynchronously in batches: a write once 4 KB of lines have
    // gathered, and at least once a second, so a quiet server's lines still show promptly. One
    // write per line (through libuv's thread pool) cost a guide read more CPU than all the rest of
    // its logging (bench/server.bench.ts). pino flushes what is left on exit; a SIGKILL loses at
    // most the last second.
    destination ?? pino.destination({ dest: 1, sync: false, minLength: 4096, periodicFlush: 1000 }),
  )
  // pino runs formatters.bindings on the root's base only, never on a child's bindings. Children
  // inherit `child` from their parent, so this one override covers every descendant.
  const child = logger.child
  logger.child = function scrubbedChild(this: Logger, bindings, options) {
    return child.call(this, scrubValue(bindings) as typeof bindings, options)
  } as typeof logger.child
  return logger
}

/**
 * Write out the batched lines before exiting. pino's own exit hook flushes synchronously, and
 * sonic-boom's synchronous flush retries a failed write forever: with the reader of our stdout
 * gone (EPIPE) the process would hang there, port held, instead of exiting. An asynchronous flush
 * meets EPIPE as an error event instead, on which pino turns the stream into a no-op.
 */
export function flushLogs(logger: object, timeoutMs = 1000): Promise<void> {
  // Fastify types its logger without flush; the app's logger is this module's pino logger.
  const flush = (logger as Partial<Pick<Logger, 'flush'>>).flush
  if (typeof flush !== 'function') return Promise.resolve()
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, timeoutMs)
    timer.unref()
    try {
      flush.call(logger, () => {
        clearTimeout(timer)
        resolve()
      })
    } catch {
      // A destination without a buffer (tests pass their own) has nothing to flush.
      clearTimeout(timer)
      resolve()
    }
  })
}

/**
 * The console may go away while the server runs (`npm start | head`, a closed terminal, a log
 * collector restarting). Without a listener, the EPIPE of the next console write would be an
 * uncaught exception and stop a server that has nothing wrong with it.
 */
export function tolerateClosedConsole(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE') throw err
    })
  }
}
