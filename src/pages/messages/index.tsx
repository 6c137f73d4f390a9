import Taro, { useDidShow } from '@tarojs/taro'
import { View, Text, Button } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { messages } from '@/domain/messages/main'
import type { InboxMessage } from '@/domain/contract'
import { Page, EmptyState, LevelGate, LEVEL_ROUTES, openServicesTab } from '@/components'
import { useStore } from '@/stores'
import { chinaTimeText } from '@/domain/time'
import './index.css'

const t = messages.ui.messages

/** ISO -> "11-24 20:00" in China time. */
function when(iso: string): string {
  return Number.isNaN(Date.parse(iso)) ? '' : chinaTimeText(iso).slice(5)
}

/** 消息: the inbox (预约 reminders, case progress …), newest first; a tap marks it read and opens it. */
export default observer(function Messages() {
  const { session, inbox } = useStore()
  useDidShow(() => {
    if (session.isLoggedIn) void inbox.load()
    else inbox.clear()
  })

  if (!session.isLoggedIn) {
    return (
      <Page title={t.title}>
        <EmptyState title={t.emptyTitle} body={t.needLogin} actionLabel={messages.account.common.goLogin} onAction={() => void Taro.navigateTo({ url: LEVEL_ROUTES.L1 })} />
      </Page>
    )
  }
  if (inbox.state.step) return <Page title={t.title}><LevelGate step={inbox.state.step} /></Page>

  const open = (m: InboxMessage) => {
    void inbox.open(m)
    if (m.link) void Taro.navigateTo({ url: m.link })
  }
  return (
    <Page title={t.title}>
      {inbox.state.error ? <View className='notice notice-danger' ariaRole='alert'>{inbox.state.error}</View> : null}
      {!inbox.loaded && inbox.state.busy ? <Text className='card-text'>{messages.ui.common.loading}</Text> : null}
      {inbox.loaded && inbox.items.length === 0 ? <EmptyState title={t.emptyTitle} body={t.inboxEmpty} actionLabel={t.emptyAction} onAction={() => openServicesTab()} /> : null}
      {inbox.items.length > 0 ? (
        <View className='card' id='inbox'>
          {inbox.unread > 0 ? <Button className='btn btn-secondary' onClick={() => void inbox.markAllRead()}>{t.markAll}</Button> : null}
          {inbox.items.map((m) => (
            <View key={m.id} className={m.read ? 'msg-row msg-read' : 'msg-row'} ariaRole={m.link ? 'link' : undefined} hoverClass='list-row-hover' onClick={() => open(m)}>
              <View className='msg-title'>
                {m.read ? null : <Text className='msg-unread'>{t.unread}</Text>}
                <Text>{m.title}</Text>
              </View>
              <Text className='msg-body'>{m.body}</Text>
              <Text className='text-muted text-small'>{when(m.createdAt)}</Text>
            </View>
          ))}
        </View>
      ) : null}
    </Page>
  )
})
