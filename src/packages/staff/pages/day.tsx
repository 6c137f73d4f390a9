// 今日预约 (booking area's staff page): a hall's day — slots, bookings, check-ins, no-shows.
import { useEffect, useMemo, useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { View, Text, Button } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useStore } from '@/stores'
import { useCatalogStore } from '@/stores/useCatalog'
import { format, messages } from '@/packages/staff/messages'
import type { StaffDayResponse } from '@/domain/contract'
import { Page, SectionHeader } from '@/components'
import { apiBase } from '@/services/api'
import { createBookingApi } from '@/services/booking'
import { createRequest, userMessage } from '@/services/request'
import { addDays } from '@/domain/time'
import { staffStoreOf } from '../store'
import { STAFF_ROUTES } from '../routes'

const t = messages.booking.staff
const status = messages.booking.mine.status
const HALL_KEY = 'zj.staff.dayHall'

export default observer(function StaffDay() {
  const { platform } = useStore()
  const catalog = useCatalogStore()
  const st = staffStoreOf(platform)
  const api = useMemo(
    () => createBookingApi(createRequest({ baseUrl: apiBase(), transport: platform.request, session: st.session, randomBytes: (n) => platform.secureRandom(n), isOnline: () => platform.isOnline() })),
    [platform, st],
  )
  const [hall, setHall] = useState(() => platform.storage.get(HALL_KEY) ?? '')
  const [date, setDate] = useState<string | undefined>(undefined)
  const [day, setDay] = useState<StaffDayResponse | undefined>(undefined)
  const [error, setError] = useState<string | undefined>(undefined)

  useEffect(() => {
    if (!st.loggedIn) void Taro.redirectTo({ url: STAFF_ROUTES.login })
  }, [st.loggedIn])
  useEffect(() => {
    if (!hall) void catalog.loadHalls()
  }, [hall, catalog])

  const load = () => {
    if (!hall || !st.loggedIn) return
    setError(undefined)
    api.staffDay(hall, date).then(
      (d) => {
        setDay(d)
        setDate(d.date)
      },
      (e: unknown) => setError(userMessage(e)),
    )
  }
  useEffect(load, [hall, date, api, st.loggedIn]) // eslint-disable-line react-hooks/exhaustive-deps
  useDidShow(load)

  const choose = (id: string) => {
    platform.storage.set(HALL_KEY, id)
    setHall(id)
    setDay(undefined)
  }

  if (!st.loggedIn) return <Page title={t.dayTitle} />
  if (!hall) {
    return (
      <Page title={t.hall}>
        <View className='card'>
          {(catalog.halls?.halls ?? []).map((h) => (
            <View key={h.code} className='list-row' ariaRole='button' hoverClass='list-row-hover' onClick={() => choose(h.code)}>
              <Text>{h.name}</Text>
              <Text className='chevron'>›</Text>
            </View>
          ))}
        </View>
      </Page>
    )
  }
  return (
    <Page title={day ? `${day.hallName} · ${day.date}` : t.dayTitle}>
      <View className='btn-row'>
        <Button className='btn btn-secondary' disabled={!day} onClick={() => day && setDate(addDays(day.date, -1))}>{t.prevDay}</Button>
        <Button className='btn btn-secondary' disabled={!day} onClick={() => day && setDate(addDays(day.date, 1))}>{t.nextDay}</Button>
      </View>
      <Button className='btn btn-secondary' onClick={() => choose('')}>{t.hall}</Button>
      {error ? <View className='notice notice-danger' ariaRole='alert'>{error}</View> : null}
      {day ? (
        <View>
          <View className='card' id='staff-day-totals'>
            <Text className='card-text'>{format(t.totals, day.totals)}</Text>
          </View>
          {!day.working ? <Text className='card-text'>{t.closedDay}</Text> : null}
          {day.slots.map((s) => (
            <View key={s.start} className='card'>
              <SectionHeader title={format(t.slot, { start: s.start, end: s.end, booked: s.booked, capacity: s.capacity })} />
              {s.bookings.length === 0 ? <Text className='text-muted text-small'>{t.none}</Text> : null}
              {s.bookings.map((b) => (
                <View key={b.id} className='list-row'>
                  <Text>{`${b.name} · ${b.itemName}`}</Text>
                  <Text className='list-row-value'>{b.queueNumber ? `${status[b.status]} ${b.queueNumber}` : status[b.status]}</Text>
                </View>
              ))}
            </View>
          ))}
        </View>
      ) : null}
    </Page>
  )
})
