import { Text } from '@tarojs/components'
import { MaskedText, type MaskKind } from '@/components'

/**
 * Personal data from the server arrives masked already; masking it again must not garble it
 * (the phone rule keeps only the digits), so already-masked values are shown as they are.
 */
export function Masked({ kind, value }: { kind: MaskKind; value: string }) {
  if (value.includes('*')) return <Text className='masked'>{value}</Text>
  return <MaskedText kind={kind} value={value} />
}
