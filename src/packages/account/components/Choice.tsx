import { View, Text } from '@tarojs/components'

/** One chip of a multiple (checkbox) or single (radio) choice: all options in view, one tap each. */
export function Choice({ label, on, role, onTap, id }: { label: string; on: boolean; role: 'checkbox' | 'radio'; onTap: () => void; id?: string }) {
  return (
    <View id={id} className={on ? 'choice choice-on' : 'choice'} ariaRole={role} ariaLabel={label} aria-checked={on} onClick={onTap}>
      <Text>{on ? `✓ ${label}` : label}</Text>
    </View>
  )
}
