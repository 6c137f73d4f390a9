import { View, Text, Button } from '@tarojs/components'
import { messages } from '@/domain/messages/main'

const t = messages.ui.update

interface Props {
  onApply: () => void
  onDismiss: () => void
}

/** "新版本已就绪": non-blocking, dismissible; the reload happens only when the citizen taps 刷新. */
export function UpdateBar({ onApply, onDismiss }: Props) {
  return (
    <View className='update-bar' ariaRole='status'>
      <View className='update-bar-text'>
        <Text className='update-bar-title'>{t.ready}</Text>
        <Text className='update-bar-hint'>{t.hint}</Text>
      </View>
      <View className='update-bar-actions'>
        <Button className='btn' onClick={onApply}>{t.apply}</Button>
        <Button className='btn btn-secondary' ariaLabel={t.dismissLabel} onClick={onDismiss}>
          {t.dismiss}
        </Button>
      </View>
    </View>
  )
}
