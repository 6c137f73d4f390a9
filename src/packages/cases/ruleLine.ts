// The case page's line for one 秒批 rule. Composed in one place: wrapping the verdict in brackets
// after a description that ends in its own (e.g. 年满80周岁（人口库核验）) read as doubled brackets.
import { format, messages } from './messages'

const t = messages.cases.detail

export function ruleLine(r: { description: string; passed?: boolean }): string {
  return format(t.ruleLine, { mark: r.passed ? '✓' : '✗', rule: r.description, verdict: r.passed ? t.rulePassed : t.ruleFailed })
}
