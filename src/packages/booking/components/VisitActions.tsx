import { useState } from 'react'
import { View, Button } from '@tarojs/components'
import { messages } from '@/packages/booking/messages'
import { useStore } from '@/stores'
import type { BookingView } from '@/domain/contract'
import { useCatalogStore } from '@/stores/useCatalog'

const t = messages.booking

/** 加入日历 and 导航 for a booked visit, through the platform layer. */
export function VisitActions({ b }: { b: BookingView }) {
  const { platform } = useStore()
  const catalog = useCatalogStore()
  const [added, setAdded] = useState(false)
  const [error, setError] = useState('')
  const addToCalendar = () => {
    setError('')
    platform
      .addToCalendar({ uid: `${b.id}@zhijian`, title: `${b.itemName}（${b.hallName}）`, startsAt: b.startsAt, endsAt: b.endsAt, location: `${b.hallName} ${b.hallAddress}`, description: t.flow.calendarNote })
      .then(() => setAdded(true), (e: Error) => setError(e.name === 'PlatformCancelledError' ? '' : e.message))
  }
  const navigate = () => {
    setError('')
    catalog
      .hall(b.hallId)
      .then((h) => platform.openLocation({ lat: h.hall.location.lat, lng: h.hall.location.lng, name: h.hall.name, address: h.hall.address }))
      .catch((e: Error) => setError(e.name === 'PlatformCancelledError' ? '' : e.message))
  }
  return (
    <View className='bk-visit-actions'>
      <View className='btn-row'>
        <Button className='btn btn-secondary' id='bk-calendar' onClick={addToCalendar}>{added ? t.flow.calendarAdded : t.flow.addCalendar}</Button>
        <Button className='btn btn-secondary' id='bk-navigate' onClick={navigate}>{t.flow.navigate}</Button>
      </View>
      {error ? <View className='notice notice-danger' ariaRole='alert'>{error}</View> : null}
    </View>
  )
}
