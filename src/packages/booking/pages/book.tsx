import { useEffect, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { View, Text, Button } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { format, messages } from '@/packages/booking/messages'
import { Page, SectionHeader, EmptyState, LevelGate, goBack } from '@/components'
import { useBookingStore } from '@/packages/booking/use'
import { useCatalogStore } from '@/stores/useCatalog'
import { CANCEL_UNTIL_BEFORE_MINUTES } from '@/domain/booking/windows'
import { BOOKING_ROUTES, bookUrl, detailUrl, pickHallUrl, rescheduleUrl } from '@/components/bookingRoutes'
import { VisitActions } from '../components/VisitActions'
import { dayLabel, remainingText } from '../format'
import './booking.css'

const t = messages.booking

function param(v: string | undefined): string {
  if (!v) return ''
  try {
    return decodeURIComponent(v)
  } catch {
    return v
  }
}

/** No hall chosen yet (from a guide): the halls that serve the item, nearest (or own district) first. */
const HallPicker = observer(function HallPicker({ item }: { item: string }) {
  const catalog = useCatalogStore()
  useEffect(() => {
    void catalog.loadHalls(item)
  }, [catalog, item])
  const halls = catalog.orderedHalls
  return (
    <Page title={t.flow.pickHall}>
      {catalog.hallsError ? <View className='notice notice-danger' ariaRole='alert'>{catalog.hallsError}</View> : null}
      {catalog.loadingHalls && halls.length === 0 ? <Text className='card-text'>{messages.ui.common.loading}</Text> : null}
      <View className='card'>
        {halls.map((h) => (
          <View key={h.code} className='list-row' ariaRole='link' hoverClass='list-row-hover' onClick={() => void Taro.redirectTo({ url: bookUrl(item, h.code) })}>
            <View>
              <Text className='bk-row-title'>{h.name}</Text>
              <Text className='text-muted text-small'>{`　${h.address}`}</Text>
            </View>
            <Text className='chevron'>›</Text>
          </View>
        ))}
      </View>
    </Page>
  )
})

/** Start of a slot inside the no-cancel window (CANCEL_UNTIL_BEFORE_MINUTES) as seen now. */
function noCancel(startsAt: string, now: number): boolean {
  return Date.parse(startsAt) - now < CANCEL_UNTIL_BEFORE_MINUTES * 60_000
}

const Done = observer(function Done() {
  const booking = useBookingStore()
  const b = booking.done!
  return (
    <Page title={booking.rescheduleOf ? t.detail.rescheduled : t.flow.done}>
      <View className='notice notice-success' ariaRole='status'>
        <Text>✓ {t.flow.doneHint}</Text>
      </View>
      <View className='card'>
        <View className='bk-kv'><Text className='bk-kv-key'>{t.flow.item}</Text><Text className='bk-kv-value'>{b.itemName}</Text></View>
        <View className='bk-kv'><Text className='bk-kv-key'>{t.flow.hall}</Text><Text className='bk-kv-value'>{b.hallName}</Text></View>
        <View className='bk-kv'><Text className='bk-kv-key'>{t.flow.address}</Text><Text className='bk-kv-value'>{b.hallAddress}</Text></View>
        <View className='bk-kv'><Text className='bk-kv-key'>{t.flow.time}</Text><Text className='bk-kv-value' id='bk-done-time'>{`${b.date} ${b.start}-${b.end}`}</Text></View>
      </View>
      {!b.canCancel ? <View className='notice notice-warning' ariaRole='status' id='bk-done-nocancel'><Text>{t.flow.noCancelDone}</Text></View> : null}
      <VisitActions b={b} />
      {booking.canAskReminders && !booking.reminderOn ? (
        <View className='card'>
          <Text className='card-text'>{t.flow.remindHint}</Text>
          <Button className='btn btn-secondary' onClick={() => void booking.enableReminders()}>{t.flow.remindMe}</Button>
          {booking.reminderDeclined ? <View className='notice' ariaRole='status' id='bk-remind-declined'>{t.flow.remindDeclined}</View> : null}
        </View>
      ) : null}
      <View className='btn-row'>
        <Button className='btn' onClick={() => void Taro.redirectTo({ url: detailUrl(b.id) })}>{t.detail.title}</Button>
        <Button className='btn btn-secondary' onClick={() => void Taro.redirectTo({ url: BOOKING_ROUTES.mine })}>{t.flow.viewMine}</Button>
      </View>
    </Page>
  )
})

/** 预约: the hall (given, or the nearest), then date → slot → confirm; `reschedule=<id>` moves that booking. */
export default observer(function Book() {
  const params = useRouter().params
  const item = param(params.item)
  const hall = param(params.hall)
  const reschedule = param(params.reschedule) || null
  const pick = params.pick === '1'
  return <Flow item={item} hall={hall} reschedule={reschedule} pick={pick} auto={false} />
})

/**
 * From the chooser or a guide without a hall: the nearest hall that serves the item (by distance
 * when location is allowed, else the first of the person's own district), its first free slot chosen.
 */
const NearestHall = observer(function NearestHall({ item }: { item: string }) {
  const catalog = useCatalogStore()
  const [hall, setHall] = useState('')
  const [failed, setFailed] = useState(false)
  useEffect(() => {
    let live = true
    void catalog.loadHalls(item).then(() => {
      if (!live) return
      const first = catalog.orderedHalls[0]?.code
      if (first) setHall(first)
      else setFailed(true)
    })
    return () => {
      live = false
    }
  }, [catalog, item])
  if (failed) return <HallPicker item={item} />
  if (!hall) return <Page title={t.title}><Text className='card-text'>{messages.ui.common.loading}</Text></Page>
  return <Flow item={item} hall={hall} reschedule={null} pick={false} auto />
})

/** 预约: date → slot (places left) → confirm; with `reschedule=<id>` it moves that booking. */
const Flow = observer(function Flow({ item, hall, reschedule, pick, auto }: { item: string; hall: string; reschedule: string | null; pick: boolean; auto: boolean }) {
  const catalog = useCatalogStore()
  const booking = useBookingStore()
  // The app's clock (the browser's; pinned in tests) decides which slots fall inside the no-cancel window.
  const now = Date.now()

  useEffect(() => {
    if (item && hall) void booking.start(item, hall, reschedule)
  }, [booking, item, hall, reschedule])

  if (!item) return <Page><EmptyState title={t.flow.notBookable} body='' actionLabel={messages.ui.common.back} onAction={goBack} /></Page>
  if (!hall && pick) return <HallPicker item={item} />
  if (!hall) return <NearestHall item={item} />
  if (booking.done) return <Done />
  if (booking.step) return <Page title={t.title}><LevelGate step={booking.step} /></Page>

  const a = booking.availability
  const existing = booking.existing
  if (existing) {
    return (
      <Page title={t.title}>
        <View className='notice notice-warning' ariaRole='status' id='bk-existing'>
          <Text>{t.flow.already}</Text>
        </View>
        <View className='card'>
          <View className='bk-kv'><Text className='bk-kv-key'>{t.flow.item}</Text><Text className='bk-kv-value'>{existing.itemName}</Text></View>
          <View className='bk-kv'><Text className='bk-kv-key'>{t.flow.hall}</Text><Text className='bk-kv-value'>{existing.hallName}</Text></View>
          <View className='bk-kv'><Text className='bk-kv-key'>{t.flow.time}</Text><Text className='bk-kv-value'>{`${existing.date} ${existing.start}-${existing.end}`}</Text></View>
        </View>
        <View className='btn-row'>
          <Button className='btn' id='bk-existing-open' onClick={() => void Taro.redirectTo({ url: detailUrl(existing.id) })}>{t.flow.viewExisting}</Button>
          {existing.canCancel ? (
            <Button className='btn btn-secondary' onClick={() => void Taro.redirectTo({ url: rescheduleUrl(existing.itemCode, existing.hallId, existing.id) })}>{t.flow.moveExisting}</Button>
          ) : null}
        </View>
      </Page>
    )
  }
  return (
    <Page title={booking.rescheduleOf ? t.detail.rescheduleTitle : t.title}>
      {booking.slotsState.error ? (
        <EmptyState title={booking.slotsState.error} body='' actionLabel={messages.ui.common.retry} onAction={() => void booking.loadAvailability()} />
      ) : null}
      {!a && booking.slotsState.busy ? <Text className='card-text'>{messages.ui.common.loading}</Text> : null}
      {a ? (
        <View className='bk-flow'>
          <View className='card'>
            <View className='bk-kv'><Text className='bk-kv-key'>{t.flow.item}</Text><Text className='bk-kv-value'>{a.itemName}</Text></View>
            <View className='bk-kv'><Text className='bk-kv-key'>{t.flow.hall}</Text><Text className='bk-kv-value' id='bk-hall'>{a.hallName}</Text></View>
            {auto ? <Text className='text-muted text-small'>{catalog.halls?.sort === 'distance' ? t.flow.nearestHall : catalog.leadingOwnDistrict ? t.flow.ownDistrictHall : t.flow.firstHall}</Text> : null}
            {!reschedule ? <View className='link' ariaRole='link' onClick={() => void Taro.navigateTo({ url: pickHallUrl(item) })}>{t.flow.otherHall}</View> : null}
          </View>
          {booking.moving ? (
            <View className='card' id='bk-moving'>
              <SectionHeader title={t.flow.current} />
              <Text className='card-text'>{`${booking.moving.date} ${booking.moving.start}-${booking.moving.end} · ${booking.moving.hallName}`}</Text>
            </View>
          ) : null}
          <View className='card'>
            <SectionHeader title={t.flow.pickDate} />
            {a.days.length === 0 ? <Text className='card-text'>{t.flow.noDays}</Text> : null}
            <View className='bk-days' ariaRole='radiogroup' ariaLabel={t.flow.pickDate}>
              {a.days.map((d) => {
                const on = d.date === booking.date
                const left = d.slots.reduce((n, s) => n + (s.open ? s.remaining : 0), 0)
                return (
                  <View key={d.date} className={on ? 'choice choice-on bk-day' : 'choice bk-day'} ariaRole='radio' aria-checked={on} ariaLabel={`${dayLabel(d.date, d.weekday)}${d.adjusted ? t.flow.adjusted : ''}`} onClick={() => booking.selectDate(d.date)}>
                    <Text>{dayLabel(d.date, d.weekday)}</Text>
                    <Text className='bk-day-sub'>{d.adjusted ? t.flow.adjusted : left > 0 ? format(t.flow.remaining, { n: left }) : t.flow.full}</Text>
                  </View>
                )
              })}
            </View>
          </View>
          <View className='card'>
            <SectionHeader title={t.flow.pickSlot} />
            {booking.slots.length === 0 ? <Text className='card-text'>{t.flow.noSlots}</Text> : null}
            <View className='bk-slots' ariaRole='radiogroup' ariaLabel={t.flow.pickSlot}>
              {booking.slots.map((s) => {
                const on = s.startsAt === booking.startsAt
                const usable = s.open && s.remaining > 0
                const cls = on ? 'choice choice-on bk-slot' : usable ? 'choice bk-slot' : 'choice bk-slot bk-slot-off'
                const late = usable && noCancel(s.startsAt, now)
                const sub = late ? `${remainingText(s.remaining, s.open)} · ${t.flow.noCancelSlot}` : remainingText(s.remaining, s.open)
                return (
                  <View key={s.startsAt} className={cls} ariaRole='radio' aria-checked={on} aria-disabled={!usable} ariaLabel={`${s.start}-${s.end} ${sub}`} onClick={() => booking.selectSlot(s.startsAt)}>
                    <Text>{`${s.start}-${s.end}`}</Text>
                    <Text className='bk-slot-sub'>{sub}</Text>
                  </View>
                )
              })}
            </View>
          </View>
          <Text className='card-text text-muted text-small'>{t.flow.rules}</Text>
          {/* Fixed at the bottom: 确认预约 (and what to know before it) is in view however long the day's slots run. */}
          <View className='bk-actionbar' id='bk-actionbar'>
            {booking.slot && noCancel(booking.slot.startsAt, now) ? <View className='notice notice-warning' ariaRole='alert' id='bk-nocancel'><Text>{t.flow.noCancelConfirm}</Text></View> : null}
            {booking.submitError ? <View className='notice notice-danger' ariaRole='alert'>{booking.submitError}</View> : null}
            <Button className={booking.slot && !booking.submitState.busy ? 'btn' : 'btn btn-disabled'} id='bk-submit' disabled={!booking.slot || booking.submitState.busy !== ''} onClick={() => void booking.confirm()}>
              {booking.submitState.busy ? t.flow.submitting : booking.slot ? `${t.flow.submit}（${booking.date} ${booking.slot.start}）` : t.flow.submit}
            </Button>
          </View>
        </View>
      ) : null}
    </Page>
  )
})
