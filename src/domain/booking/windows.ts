// The booking windows the app shows before a person confirms, in a module of their own: rules.ts
// brings the holiday calendar (chinese-days) with it, which a booking page has no use for.

/** Cancel or reschedule until this long before the start. */
export const CANCEL_UNTIL_BEFORE_MINUTES = 60
