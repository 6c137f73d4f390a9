// The "开启办件进度提醒" button (mini-programs only; nothing on h5 or without a configured template);
// with kind='rating_reply', the same for the answer to a 不满意 rating.
import { useEffect, useMemo } from 'react'
import { View, Text, Button } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useStore } from '@/stores'
// The cases area's text alone: this component ships with the subpackages that show it.
import { cases } from '@/domain/messages/zh-CN/cases'
import { apiBase } from '@/services/api'
import { casesClientOf } from '@/services/cases'
import { SubscribeReminder } from '@/stores/reminder'

export const ProgressReminder = observer(function ProgressReminder({ kind = 'case_progress' }: { kind?: 'case_progress' | 'rating_reply' }) {
  const root = useStore()
  const t = kind === 'rating_reply' ? cases.reminder.reply : cases.reminder
  const reminder = useMemo(() => new SubscribeReminder({ api: casesClientOf(root, apiBase()).api, platform: root.platform }, kind), [root, kind])
  useEffect(() => {
    void reminder.load()
  }, [reminder])
  if (!reminder.available) return null
  if (reminder.on) {
    return (
      <View className='notice' ariaRole='status'>
        <Text>{t.on}</Text>
      </View>
    )
  }
  return (
    <View className='card'>
      <Text className='text-muted text-small'>{t.hint}</Text>
      <Button className='btn btn-secondary' disabled={reminder.asking} onClick={() => void reminder.enable()}>
        {t.enable}
      </Button>
    </View>
  )
})
