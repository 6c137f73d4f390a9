import { View, Text, Switch } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useStore } from '@/stores'
import { messages } from '@/domain/messages/main'

const ui = messages.ui

/** 关怀模式 as a list row with a switch; the state is also said in words, not only by the switch. */
export const ElderSwitch = observer(function ElderSwitch({ desc }: { desc?: string }) {
  const { app } = useStore()
  return (
    // The whole row is the target (≥ 60 px in 关怀模式). The switch has no handler of its own: a tap
    // on it bubbles to the row, so one tap toggles once, and `checked` follows the store.
    <View
      className='list-row'
      ariaRole='switch'
      ariaLabel={`${ui.elder.title}，${app.elderMode ? ui.common.on : ui.common.off}`}
      aria-checked={app.elderMode}
      hoverClass='list-row-hover'
      onClick={() => app.toggleElderMode()}
    >
      <View className='switch-row-text'>
        <Text>{ui.elder.title}</Text>
        <Text className='text-muted text-small'>
          {app.elderMode ? ui.common.on : ui.common.off}
          {desc ? ` · ${desc}` : ''}
        </Text>
      </View>
      {/* The row is the switch for assistive technology; the picture of a switch must not be a
          second, unnamed control inside it. h5 (nativeProps reach only the browser's input): not
          focusable, hidden from the accessibility tree; a tap on it still reaches the row (app.css). */}
      <Switch checked={app.elderMode} color='#0B57D0' nativeProps={{ disabled: true, tabindex: '-1', 'aria-hidden': 'true' }} />
    </View>
  )
})
