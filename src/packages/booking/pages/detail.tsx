import { useEffect, useState } from 'react'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { View, Text, Button, Image } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { format, messages } from '@/packages/booking/messages'
import { Page, SectionHeader, EmptyState } from '@/components'
import { useBookingStore } from '@/packages/booking/use'
import { qrDataUri } from '@/components/qr'
import { VisitRating } from '@/components/VisitRating'
import { BOOKING_ROUTES, rescheduleUrl } from '@/components/bookingRoutes'
import { chinaTimeText } from '@/domain/time'
import { VisitActions } from '../components/VisitActions'
import './booking.css'

const t = messages.booking

/** One booking: when and where, its check-in QR (inside the window), cancel and 改约. */
export default observer(function Detail() {
  const booking = useBookingStore()
  const id = useRouter().params.id ?? ''
  const [asking, setAsking] = useState(false)
  const [cancelled, setCancelled] = useState(false)

  useEffect(() => {
    if (id) void booking.loadCurrent(id)
  }, [booking, id])
  useDidShow(() => {
    if (id && booking.current?.id === id) void booking.loadCurrent(id)
  })
  // Before the check-in window there is no code (and nothing to refresh): the page asks again when
  // the window opens, by the app's clock, so the code appears without a tap.
  const pending = booking.current?.id === id && booking.current.status === 'active' && booking.current.checkIn && !booking.current.checkIn.code
  const opensAt = pending ? Date.parse(booking.current!.checkIn!.validFrom) : NaN
  useEffect(() => {
    if (!Number.isFinite(opensAt)) return undefined
    const wait = opensAt - Date.now()
    // A window days away: reopening the page (useDidShow) loads it; timers that long are not kept.
    if (wait > 12 * 60 * 60_000) return undefined
    const timer = setTimeout(() => void booking.loadCurrent(id), Math.max(0, wait) + 1_000)
    return () => clearTimeout(timer)
  }, [booking, id, opensAt])

  const b = booking.current?.id === id ? booking.current : undefined
  if (!id) return <Page><EmptyState title={messages.api.errors.BOOKING_NOT_FOUND} body='' actionLabel={t.flow.viewMine} onAction={() => void Taro.redirectTo({ url: BOOKING_ROUTES.mine })} /></Page>
  if (booking.currentState.error && !b) return <Page><EmptyState title={booking.currentState.error} body='' actionLabel={messages.ui.common.retry} onAction={() => void booking.loadCurrent(id)} /></Page>
  if (!b) return <Page><Text className='card-text'>{messages.ui.common.loading}</Text></Page>

  const code = b.checkIn?.code
  return (
    <Page title={t.detail.title}>
      {cancelled && b.status === 'cancelled' ? <View className='notice notice-success' ariaRole='status' id='bk-cancelled'><Text>{t.detail.cancelledDone}</Text></View> : null}
      <View className='card'>
        <Text className={`bk-status bk-status-${b.status}`} id='bk-status'>{t.mine.status[b.status]}</Text>
        <View className='bk-kv'><Text className='bk-kv-key'>{t.flow.item}</Text><Text className='bk-kv-value'>{b.itemName}</Text></View>
        <View className='bk-kv'><Text className='bk-kv-key'>{t.flow.hall}</Text><Text className='bk-kv-value'>{b.hallName}</Text></View>
        <View className='bk-kv'><Text className='bk-kv-key'>{t.flow.address}</Text><Text className='bk-kv-value'>{b.hallAddress}</Text></View>
        <View className='bk-kv'><Text className='bk-kv-key'>{t.flow.time}</Text><Text className='bk-kv-value'>{`${b.date} ${b.start}-${b.end}`}</Text></View>
        {b.queueNumber ? (
          <View>
            <Text className='card-text'>{t.detail.queueNumber}</Text>
            <Text className='bk-queue' id='bk-queue'>{b.queueNumber}</Text>
          </View>
        ) : null}
        {b.checkedInAt ? <View className='bk-kv'><Text className='bk-kv-key'>{t.detail.checkedInAt}</Text><Text className='bk-kv-value'>{chinaTimeText(b.checkedInAt)}</Text></View> : null}
      </View>

      {b.status === 'active' ? <VisitActions b={b} /> : null}

      <VisitRating bookingId={b.id} checkedIn={b.status === 'checked_in'} />

      {b.status === 'active' && b.checkIn ? (
        <View className='card'>
          <SectionHeader title={t.detail.checkInTitle} />
          {code ? (
            <View>
              <Image className='bk-qr' id='bk-qr' src={qrDataUri(code)} mode='aspectFit' ariaLabel={t.detail.codeLabel} />
              <Text className='card-text'>{t.detail.checkInHint}</Text>
              {/* The code is short-lived: a fresh one on request. */}
              <Button className='btn btn-secondary' onClick={() => void booking.loadCurrent(id)}>{t.detail.checkInRefresh}</Button>
            </View>
          ) : (
            <Text className='card-text'>{format(t.detail.checkInLater, { from: chinaTimeText(b.checkIn.validFrom), until: chinaTimeText(b.checkIn.validUntil) })}</Text>
          )}
        </View>
      ) : null}

      {b.status === 'active' ? (
        <View className='card'>
          <Text className='card-text text-muted'>{b.canCancel ? format(t.detail.cancelUntil, { time: chinaTimeText(b.cancellableUntil) }) : t.detail.noCancel}</Text>
          {booking.cancelState.error ? <View className='notice notice-danger' ariaRole='alert'>{booking.cancelState.error}</View> : null}
          {b.canCancel ? (
            asking ? (
              <View>
                <Text className='card-text'>{t.detail.cancelConfirm}</Text>
                <View className='btn-row'>
                  <Button className={booking.cancelState.busy ? 'btn btn-danger btn-disabled' : 'btn btn-danger'} disabled={booking.cancelState.busy !== ''} onClick={() => void booking.cancel(b.id).then((ok) => { setAsking(false); setCancelled(ok) })}>{t.detail.cancel}</Button>
                  <Button className='btn btn-secondary' onClick={() => setAsking(false)}>{messages.ui.common.back}</Button>
                </View>
              </View>
            ) : (
              <View className='btn-row'>
                <Button className='btn btn-secondary' onClick={() => void Taro.navigateTo({ url: rescheduleUrl(b.itemCode, b.hallId, b.id) })}>{t.detail.reschedule}</Button>
                <Button className='btn btn-secondary' onClick={() => setAsking(true)}>{t.detail.cancel}</Button>
              </View>
            )
          ) : null}
        </View>
      ) : null}
    </Page>
  )
})
