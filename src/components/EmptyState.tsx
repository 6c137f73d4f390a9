import { View, Text, Button } from '@tarojs/components'

interface Props {
  title: string
  /** What the citizen can do next; an empty state never ends in a dead end. */
  body: string
  actionLabel?: string
  onAction?: () => void
}

export function EmptyState({ title, body, actionLabel, onAction }: Props) {
  return (
    <View className='empty'>
      <Text className='empty-title'>{title}</Text>
      <Text className='empty-body'>{body}</Text>
      {actionLabel && onAction ? (
        <Button className='btn' onClick={onAction}>{actionLabel}</Button>
      ) : null}
    </View>
  )
}
