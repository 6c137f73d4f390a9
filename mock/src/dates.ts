/** A stored instant as the contract's ISO 8601 text (the database may hand back a Date or a string). */
export function iso(v: Date | string): string {
  return new Date(v).toISOString()
}
