import { messages } from '../domain/messages/main'

export type PlatformCapability = keyof typeof messages.platform.unsupported

/** A capability this app build cannot offer (e.g. face check on h5). Message is zh-CN, user-facing. */
export class PlatformUnsupportedError extends Error {
  readonly capability: PlatformCapability
  constructor(capability: PlatformCapability) {
    super(messages.platform.unsupported[capability])
    this.name = 'PlatformUnsupportedError'
    this.capability = capability
  }
}

/** The user closed a system dialog (scan, location prompt...). Callers usually stay silent. */
export class PlatformCancelledError extends Error {
  constructor() {
    super(messages.platform.cancelled)
    this.name = 'PlatformCancelledError'
  }
}

/** A platform API failed for another reason; message is zh-CN. */
export class PlatformFailedError extends Error {
  readonly capability: PlatformCapability
  constructor(capability: PlatformCapability, detail?: string) {
    super(messages.platform.failed[capability])
    this.name = 'PlatformFailedError'
    this.capability = capability
    // Vendor errMsg kept for diagnostics only (no PII in it: these are system errors).
    if (detail) this.cause = detail
  }
}
