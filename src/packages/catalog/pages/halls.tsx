import { useEffect } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { View, Text, Map as TaroMap } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { format, messages } from '@/packages/catalog/messages'
import { Page, SectionHeader, EmptyState } from '@/components'
import { useStore } from '@/stores'
import { useCatalogStore } from '@/stores/useCatalog'
import type { HallSummary } from '@/domain/contract/catalog'
import hallIcon from '@/assets/tiles/booking.png'
import { hallUrl, param } from '../routes'
import { LocateAgain } from '../LocateAgain'
import { distanceText, hallStatus } from '../hallText'
import './catalog.css'

const t = messages.catalogUi.halls
const c = messages.catalog

function HallRow({ hall }: { hall: HallSummary }) {
  const status = hallStatus(hall.today)
  return (
    <View className='cat-result' ariaRole='link' onClick={() => void Taro.navigateTo({ url: hallUrl(hall.code) })}>
      <Text className='cat-result-name'>{hall.name}</Text>
      <Text className='cat-result-meta'>
        {[c.hallLevel[hall.level], hall.districtName, hall.distanceMeters !== undefined ? distanceText(hall.distanceMeters) : ''].filter(Boolean).join(' · ')}
      </Text>
      <Text className='cat-result-meta'>{hall.address}</Text>
      <Text className={hall.today.openNow ? 'cat-open' : 'cat-closed'}>{status}</Text>
    </View>
  )
}

/**
 * Mini-programs: the halls on the platform's native map (Taro Map); a tap on a marker opens the
 * hall. h5 has no native map component: the list and each hall's web map link serve there.
 */
function HallMap({ halls }: { halls: HallSummary[] }) {
  if (halls.length === 0) return null
  const centre = halls[0].location
  const markers = halls.map((h, i) => ({ id: i, latitude: h.location.lat, longitude: h.location.lng, title: h.name, width: 28, height: 28, iconPath: hallIcon }))
  return (
    <TaroMap
      className='cat-map'
      latitude={centre.lat}
      longitude={centre.lng}
      scale={12}
      markers={markers}
      showLocation
      onMarkerTap={(e) => {
        const h = halls[Number(e.detail.markerId)]
        if (h) void Taro.navigateTo({ url: hallUrl(h.code) })
      }}
      onError={() => undefined}
    />
  )
}

/** 就近办: nearest first with the user's location; by district when it is refused. */
export default observer(function Halls() {
  const { platform } = useStore()
  const store = useCatalogStore()
  const item = param(useRouter().params.item)
  useEffect(() => {
    void store.loadHalls(item || undefined)
  }, [store, item])
  const res = store.halls
  const byCode = new Map((res?.halls ?? []).map((h) => [h.code, h]))

  return (
    <Page title={t.title}>
      {store.locationRefused ? (
        <View className='notice' id='halls-by-district'>
          <Text>{c.halls.locationRefused}</Text>
          {store.leadingOwnDistrict ? <View><Text>{format(t.ownDistrictFirst, { name: store.leadingOwnDistrict.name })}</Text></View> : null}
        </View>
      ) : null}
      {store.locationRefused && res ? <LocateAgain store={store} item={item || undefined} /> : null}
      {store.loadingHalls && !res ? <View className='card'><Text className='card-text'>{t.loading}</Text></View> : null}
      {store.hallsError ? (
        <EmptyState title={format(t.failed, { reason: '' })} body={store.hallsError} actionLabel={messages.catalogUi.search.retry} onAction={() => void store.loadHalls(item || undefined)} />
      ) : null}
      {res && res.halls.length === 0 ? <EmptyState title={t.empty} body={c.halls.locationRefused} /> : null}
      {res && platform.nativeMap ? <HallMap halls={res.halls} /> : null}
      {res && res.sort === 'distance' ? (
        <View>
          <SectionHeader title={t.nearest} />
          {res.halls.map((h) => <HallRow key={h.code} hall={h} />)}
        </View>
      ) : null}
      {res && res.sort === 'district'
        ? store.hallGroups.map((g) => (
          <View key={g.district} className='cat-section'>
            <SectionHeader title={g.name} />
            {g.hallCodes.map((code) => {
              const h = byCode.get(code)
              return h ? <HallRow key={code} hall={h} /> : null
            })}
          </View>
        ))
        : null}
    </Page>
  )
})
