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
  return <Input {...props} nativeProps={{ ...(props.nativeProps ?? {}), 'aria-label': label }} />
}
