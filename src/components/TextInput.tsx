import { Input } from '@tarojs/components'
import type { InputProps } from '@tarojs/components'

/**
 * Taro's Input with its label on the real control. On h5 the `ariaLabel` prop (compiled to
 * `aria-label`) lands on the <taro-input-core> wrapper and the inner <input> stays nameless for
 * screen readers; nativeProps reach the inner <input>. Mini-programs read `ariaLabel` as before.
 */
export function TextInput(props: InputProps & { ariaLabel: string }) {
  // Taro's JSX transform renames `ariaLabel` to `aria-label` at every call site.
  const label = (props as { 'aria-label'?: string })['aria-label'] ?? props.ariaLabel
  // Always an explicit type: when React reuses one control for another (a form swapped for the next
  // step), a type that disappears becomes null, and Taro's h5 input throws "unexpected type" on it.
  return <Input {...props} type={props.type ?? 'text'} nativeProps={{ ...(props.nativeProps ?? {}), 'aria-label': label }} />
}
