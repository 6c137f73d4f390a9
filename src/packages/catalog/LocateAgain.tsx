import { useState } from 'react'
import { View, Text, Button } from '@tarojs/components'
import { messages } from '@/packages/catalog/messages'
import type { CatalogStore } from '@/stores/catalog'

const t = messages.catalogUi.halls

/**
 * Halls listed by district because no location came when the list loaded (refused, or the prompt
 * dismissed): one tap asks again and re-sorts by distance; a second refusal says where to allow it,
 * rather than a button that silently does nothing.
 */
export function LocateAgain({ store, item }: { store: CatalogStore; item?: string }) {
  const [busy, setBusy] = useState(false)
  const [failed, setFailed] = useState(false)
  const again = async () => {
    setBusy(true)
    try {
      await store.loadHalls(item)
      setFailed(store.locationRefused)
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className='cat-locate'>
      <Button className='btn btn-secondary' id='halls-locate' disabled={busy} onClick={() => void again()}>{busy ? t.locating : t.locate}</Button>
      {failed ? <View className='notice' ariaRole='status' id='halls-locate-failed'><Text>{t.locateFailed}</Text></View> : null}
    </View>
  )
}
