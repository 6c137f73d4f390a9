import { useEffect, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { View, Text, Button } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { format, messages } from '@/packages/catalog/messages'
import { Page, SectionHeader, EmptyState, goBack } from '@/components'
import { useStore } from '@/stores'
import { createBookingApi } from '@/services/booking'
import { useCatalogStore } from '@/stores/useCatalog'
import type { HallDetailResponse } from '@/domain/contract/catalog'
import type { HallLoadResponse } from '@/domain/contract/booking'
import { userMessage } from '@/services/request'
import { bookUrl } from '@/components/bookingRoutes'
import { guideUrl, param } from '../routes'
import { hallStatus, hoursText } from '../hallText'
import './catalog.css'

const t = messages.catalogUi.halls
const c = messages.catalog
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const

/** The busiest hour today in words, so a citizen can pick a quieter time. */
function loadHint(l: HallLoadResponse): string {
  const busiest = [...l.slots].sort((a, b) => b.booked / b.capacity - a.booked / a.capacity)[0]
  return busiest && busiest.booked > 0 ? format(t.loadBusiest, { start: busiest.start, end: busiest.end }) : t.loadQuiet
}

export default observer(function HallPage() {
  const { platform, api } = useStore()
  const store = useCatalogStore()
  const code = param(useRouter().params.code)
  const [doc, setDoc] = useState<HallDetailResponse | undefined>(undefined)
  const [error, setError] = useState<string | undefined>(undefined)
  const [load, setLoad] = useState<HallLoadResponse | null>(null)

  useEffect(() => {
    let live = true
    // Today's load (the booking API's); nothing is shown when it cannot be had (offline).
    createBookingApi(api.request).hallLoad(code).then((l) => live && setLoad(l), () => undefined)
    store.hall(code).then(
      (d) => live && setDoc(d),
      (e: unknown) => live && setError(format(t.hallFailed, { reason: userMessage(e) })),
    )
    return () => {
      live = false
    }
  }, [store, api, code])

  if (error) return <Page><EmptyState title={error} body='' actionLabel={messages.ui.common.back} onAction={goBack} /></Page>
  if (!doc) return <Page><View className='card'><Text className='card-text'>{t.loading}</Text></View></Page>
  const h = doc.hall
  return (
    <Page title={h.name}>
      <View className='card cat-section'>
        <Text className={h.today.openNow ? 'cat-open' : 'cat-closed'}>{hallStatus(h.today)}</Text>
        <Text className='card-text'>{format(t.address, { address: h.address })}</Text>
        <Text className='card-text'>{format(t.call, { phone: h.phone })}</Text>
        <Text className='card-text'>{`${c.hallLevel[h.level]} · ${h.districtName} · ${format(t.windows, { count: h.windows })}`}</Text>
        <Button className='btn btn-secondary' onClick={() => void platform.openLocation({ lat: h.location.lat, lng: h.location.lng, name: h.name, address: h.address }).catch(() => undefined)}>{t.map}</Button>
      </View>
      {load && load.capacity > 0 ? (
        <View className='card cat-section' id='hall-load'>
          <SectionHeader title={t.loadTitle} />
          <Text className='card-text'>{format(t.load, { booked: load.booked, capacity: load.capacity, percent: Math.round((load.booked / load.capacity) * 100) })}</Text>
          <Text className='card-text text-muted text-small'>{loadHint(load)}</Text>
        </View>
      ) : null}
      <View className='card cat-section'>
        <SectionHeader title={t.weekly} />
        {WEEKDAYS.map((d) => {
          const ranges = h.hours[String(d)] ?? []
          return (
            <View key={d} className='cat-kv'>
              <Text className='cat-kv-key'>{c.weekday[d]}</Text>
              <Text className='cat-kv-value'>{ranges.length ? hoursText(ranges) : t.closed}</Text>
            </View>
          )
        })}
      </View>
      <View className='card cat-section'>
        <SectionHeader title={format(t.itemsServed, { count: doc.items.length })} />
        {doc.items.map((i) => (
          <View key={i.code} className='list-row' ariaRole='link' onClick={() => void Taro.navigateTo({ url: guideUrl(i.code) })}>
            <Text>{i.name}</Text>
            {i.canBook ? (
              <View
                className='choice'
                ariaRole='button'
                ariaLabel={`${c.guide.book} ${i.name}`}
                onClick={(e) => {
                  e.stopPropagation()
                  void Taro.navigateTo({ url: bookUrl(i.code, h.code) })
                }}
              >
                <Text>{c.guide.book}</Text>
              </View>
            ) : (
              <Text className='chevron'>›</Text>
            )}
          </View>
        ))}
      </View>
    </Page>
  )
})
