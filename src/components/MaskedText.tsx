import { Text } from '@tarojs/components'
import { maskIdNumber, maskName, maskPhone } from '@/domain/mask'

export type MaskKind = 'idNumber' | 'name' | 'phone'

const MASKS: Record<MaskKind, (v: string) => string> = {
  idNumber: maskIdNumber,
  name: maskName,
  phone: maskPhone,
}

interface Props {
  kind: MaskKind
  value: string
  /**
   * Show the value in full. Only a caller that has just passed a fresh real-person check may set
   * it (UI.md), and only briefly; the default is masked.
   */
  revealed?: boolean
  className?: string
}

/**
 * Personal data on screen, masked by the one rule per kind in src/domain/mask.ts. Values the
 * server already masked (they contain '*') are shown as they are: masking twice garbles them.
 */
export function MaskedText({ kind, value, revealed = false, className }: Props) {
  const shown = revealed || value.includes('*') ? value : MASKS[kind](value)
  return <Text className={className ? `masked ${className}` : 'masked'}>{shown}</Text>
}
