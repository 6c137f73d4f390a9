import { useState } from 'react'
import { View, Text, Button } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { messages } from '@/packages/catalog/messages'
import type { CatalogStore } from '@/stores/catalog'

const t = messages.catalogUi.halls

/**
 * Halls listed by district because no location came when the list loaded (refused, or the prompt
 * dismissed): one tap asks again and re-sorts by distance; a second refusal says where to allow it,
 * rather than a button that silently does nothing.
 */
export const LocateAgain = observer(function LocateAgain({ store, item }: { store: CatalogStore; item?: string }) {
  // Only "this tap was refused too" is the button's own; loading is the store's.
  const [failed, setFailed] = useState(false)
  const busy = store.loadingHalls
  const again = async () => {
    await store.loadHalls(item)
    setFailed(store.locationRefused)
  }
  return (
    <View className='cat-locate'>
      <Button className='btn btn-secondary' id='halls-locate' disabled={busy} onClick={() => void again()}>{busy ? t.locating : t.locate}</Button>
      {failed ? <View className='notice' ariaRole='status' id='halls-locate-failed'><Text>{t.locateFailed}</Text></View> : null}
    </View>
  )
})
