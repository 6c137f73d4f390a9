// Small text helpers shared by the validators.

/**
 * Convert full-width ASCII variants (U+FF01..U+FF5E, e.g. '１２Ｘ') to ASCII and the ideographic
 * space U+3000 to a space. Chinese IMEs in full-width mode produce these; people mean digits.
 */
export function toHalfWidth(s: string): string {
  return s.replace(/[\uFF01-\uFF5E\u3000]/g, (c) =>
    c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0),
  )
}
