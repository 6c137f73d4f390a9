// 复制 on h5: the async Clipboard API where the browser allows it (secure context, permission),
// else the older way that still works in in-app browsers: select a hidden textarea and copy.
export async function copyTextH5(text: string, nav: Navigator | undefined = globalThis.navigator, doc: Document | undefined = globalThis.document): Promise<boolean> {
  try {
    if (typeof nav?.clipboard?.writeText === 'function') {
      await nav.clipboard.writeText(text)
      return true
    }
  } catch {
    // Refused (no permission, not a secure context): the fallback below.
  }
  if (!doc?.body) return false
  const ta = doc.createElement('textarea')
  ta.value = text
  ta.setAttribute('readonly', '')
  ta.style.position = 'fixed'
  ta.style.opacity = '0'
  doc.body.appendChild(ta)
  ta.select()
  let ok = false
  try {
    ok = doc.execCommand('copy')
  } catch {
    ok = false
  }
  ta.remove()
  return ok
}
