// 我的办件: what waits to be sent, drafts, then the cases newest first with state and due date.
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { View, Text, Button } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useStore } from '@/stores'
import { format, messages } from '@/packages/cases/messages'
import { Page, EmptyState, navigateTo } from '@/components'
import '@/platform/pullToRefresh'
import { chinaTimeText } from '@/domain/time'
import { CASES_ROUTES, useCases } from '../use'
import './index.css'

const t = messages.cases


export default observer(function CasesList() {
  const { session, me } = useStore()
  const store = useCases()
  useDidShow(() => {
    if (!session.isLoggedIn) return
    void store.loadList()
    if (!me.me) void me.load().catch(() => undefined)
  })
  const acting = me.me?.acting
  const title = acting?.kind === 'enterprise' ? format(t.list.enterpriseTitle, { name: acting.label }) : t.list.title
  usePullDownRefresh(() => {
    void store.loadList().finally(() => Taro.stopPullDownRefresh())
  })
  return (
    <Page title={title}>
      <View className='btn-row'>
        <Button className='btn btn-secondary' onClick={() => navigateTo(CASES_ROUTES.lookup)}>{t.list.lookup}</Button>
      </View>
      {store.listState.error ? <View className='notice notice-danger' ariaRole='alert'><Text>{store.listState.error}</Text></View> : null}
      {store.outbox.length > 0 ? (
        <View className='card' id='cases-outbox'>
          <Text className='card-text'>{t.list.pendingOutbox}</Text>
          {store.outbox.map((o) => <Text key={o.key} className='text-muted'>{o.title}</Text>)}
        </View>
      ) : null}
      {store.drafts.length > 0 ? (
        <View className='list'>
          <View className='section-header'><Text className='section-header-title'>{t.list.drafts}</Text></View>
          {store.drafts.map((d) => (
            <View key={d.id} className='list-row'>
              <Text>{d.title}</Text>
              <View className='btn-row'>
                <Button className='btn btn-secondary' size='mini' onClick={() => navigateTo(`${CASES_ROUTES.apply}?code=${encodeURIComponent(d.itemCode)}${d.bundle ? '&bundle=1' : ''}`)}>{t.list.continueDraft}</Button>
                <Button className='btn btn-secondary' size='mini' onClick={() => void store.deleteDraft(d.id)}>{t.list.deleteDraft}</Button>
              </View>
            </View>
          ))}
        </View>
      ) : null}
      {session.isLoggedIn && store.items.length === 0 && store.listState.busy !== 'load' ? <EmptyState title={t.list.title} body={t.list.empty} /> : null}
      <View className='list' id='cases-list'>
        {store.items.map((c) => (
          <View key={c.id} className='list-row case-row' ariaRole='button' hoverClass='list-row-hover' onClick={() => navigateTo(`${CASES_ROUTES.detail}?id=${c.id}`)}>
            <View><Text>{c.itemName}</Text></View>
            <View><Text className='text-muted text-small'>{c.number}{c.enterprise ? ` · ${t.list.enterprise}` : ''} · {chinaTimeText(c.submittedAt)}</Text></View>
            <View>
              <Text className='case-state'>{t.states[c.state]}</Text>
              {c.dueOn ? <Text className='text-muted text-small'> · {format(t.list.due, { date: c.dueOn })}</Text> : null}
              {c.overdue ? <Text className='case-overdue'> · ⚠ {t.list.overdue}</Text> : null}
            </View>
          </View>
        ))}
      </View>
    </Page>
  )
})
