import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { messages } from '@/packages/booking/messages'
import { Page, SectionHeader, TextInput } from '@/components'
import { useStore } from '@/stores'
import { useBookingStore } from '@/packages/booking/use'
import { useCatalogStore } from '@/stores/useCatalog'
import { BOOKING_ROUTES, bookUrl } from '@/components/bookingRoutes'
import './booking.css'

const t = messages.booking.choose

function ItemRow({ name, sub, onTap }: { name: string; sub?: string; onTap: () => void }) {
  return (
    <View className='bk-row' ariaRole='link' hoverClass='list-row-hover' onClick={onTap}>
      <Text className='bk-row-title'>{name}</Text>
      {sub ? <Text className='card-text text-muted'>{sub}</Text> : null}
    </View>
  )
}

/**
 * 预约办理 from 首页: the person's recent items first (booked before, or guides opened), then a
 * search limited to what can be booked. An item opens the booking at the nearest hall.
 */
export default observer(function Choose() {
  const { session } = useStore()
  const catalog = useCatalogStore()
  const booking = useBookingStore()
  const [q, setQ] = useState('')
  useEffect(() => {
    void catalog.load()
    if (session.isLoggedIn && !booking.list) void booking.loadList()
  }, [catalog, booking, session])

  const seen = new Set<string>()
  const recent: Array<{ code: string; name: string }> = []
  for (const r of [...(booking.list?.items ?? []).map((b) => ({ code: b.itemCode, name: b.itemName })), ...catalog.used]) {
    if (seen.has(r.code) || !catalog.canBook(r.code)) continue
    seen.add(r.code)
    recent.push(r)
  }
  const results = q.trim() ? catalog.bookable(q) : []
  // Nothing typed: the most booked-for items after the person's own, so the page offers a choice at once.
  const popular = q.trim() ? [] : catalog.bookable('', 5 + recent.length).filter((r) => !seen.has(r.code)).slice(0, 5)
  const go = (code: string) => void Taro.navigateTo({ url: bookUrl(code) })

  return (
    <Page title={t.title}>
      <View className='bk-search' ariaRole='search'>
        <TextInput className='input' type='text' confirmType='search' value={q} placeholder={t.placeholder} ariaLabel={t.search} onInput={(e) => setQ(e.detail.value)} />
      </View>
      {q.trim() ? (
        <View className='card' id='bk-choose-results'>
          <SectionHeader title={t.results} />
          {!catalog.ready ? <Text className='card-text'>{t.loading}</Text> : results.length === 0 ? <Text className='card-text'>{t.none}</Text> : null}
          {results.map((r) => <ItemRow key={r.code} name={r.name} sub={r.departmentName} onTap={() => go(r.code)} />)}
        </View>
      ) : null}
      {recent.length > 0 ? (
        <View className='card' id='bk-choose-recent'>
          <SectionHeader title={t.recent} />
          {recent.slice(0, 5).map((r) => <ItemRow key={r.code} name={r.name} onTap={() => go(r.code)} />)}
        </View>
      ) : null}
      {popular.length > 0 ? (
        <View className='card' id='bk-choose-popular'>
          <SectionHeader title={t.popular} />
          {popular.map((r) => <ItemRow key={r.code} name={r.name} sub={r.departmentName} onTap={() => go(r.code)} />)}
        </View>
      ) : !q.trim() && !catalog.ready ? <Text className='card-text'>{t.loading}</Text> : null}
      <View className='link' ariaRole='link' onClick={() => void Taro.navigateTo({ url: BOOKING_ROUTES.mine })}>{t.mine}</View>
    </Page>
  )
})
