import Taro, { useDidShow } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { format, messages } from '@/packages/booking/messages'
import type { BookingView } from '@/domain/contract'
import { Page, SectionHeader, EmptyState, LevelGate, ROUTES } from '@/components'
import { useBookingStore } from '@/packages/booking/use'
import { detailUrl } from '@/components/bookingRoutes'
import { chinaTimeText } from '@/domain/time'
import './booking.css'

const t = messages.booking

function Row({ b }: { b: BookingView }) {
  return (
    <View className='bk-row' ariaRole='link' hoverClass='list-row-hover' onClick={() => void Taro.navigateTo({ url: detailUrl(b.id) })}>
      <Text className='bk-row-title'>{b.itemName}</Text>
      <Text className='card-text'>{`${b.date} ${b.start}-${b.end} · ${b.hallName}`}</Text>
      <View>
        <Text className={`bk-status bk-status-${b.status}`}>{t.mine.status[b.status]}</Text>
        {b.queueNumber ? <Text className='text-muted text-small'>{`　${t.detail.queueNumber} ${b.queueNumber}`}</Text> : null}
      </View>
    </View>
  )
}

/** 我的预约: upcoming first (soonest on top), then the history. */
export default observer(function Mine() {
  const booking = useBookingStore()
  useDidShow(() => {
    void booking.loadList()
  })
  if (booking.listState.step) return <Page title={t.mine.title}><LevelGate step={booking.listState.step} /></Page>
  const l = booking.list
  return (
    <Page title={t.mine.title}>
      {booking.listState.error ? <EmptyState title={booking.listState.error} body='' actionLabel={messages.ui.common.retry} onAction={() => void booking.loadList()} /> : null}
      {!l && booking.listState.busy ? <Text className='card-text'>{messages.ui.common.loading}</Text> : null}
      {l ? (
        <View>
          {l.blockedUntil ? <View className='notice notice-danger' ariaRole='alert'>{format(t.mine.blocked, { until: chinaTimeText(l.blockedUntil).slice(0, 10) })}</View> : null}
          {l.items.length === 0 ? (
            <EmptyState title={t.mine.empty} body='' actionLabel={t.mine.goBook} onAction={() => void Taro.navigateTo({ url: ROUTES.bookingChoose })} />
          ) : (
            <View>
              <View className='card' id='bk-upcoming'>
                <SectionHeader title={t.mine.upcoming} />
                <Text className='text-muted text-small' id='bk-limit'>{format(t.mine.active, { n: l.activeCount, max: l.maxActive })}</Text>
                {booking.upcoming.map((b) => <Row key={b.id} b={b} />)}
              </View>
              {booking.past.length > 0 ? (
                <View className='card' id='bk-past'>
                  <SectionHeader title={t.mine.past} />
                  {booking.past.map((b) => <Row key={b.id} b={b} />)}
                </View>
              ) : null}
            </View>
          )}
        </View>
      ) : null}
    </Page>
  )
})
