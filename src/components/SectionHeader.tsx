import { View, Text } from '@tarojs/components'

interface Props {
  title: string
  actionLabel?: string
  onAction?: () => void
}

export function SectionHeader({ title, actionLabel, onAction }: Props) {
  return (
    <View className='section-header'>
      <View className='section-header-title' ariaRole='heading' aria-level={2}>{title}</View>
      {actionLabel && onAction ? (
        <View className='section-header-action' ariaRole='link' onClick={onAction}>
          <Text>{actionLabel}</Text>
        </View>
      ) : null}
    </View>
  )
}
