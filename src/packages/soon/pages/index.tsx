import { useRouter } from '@tarojs/taro'
import { View, Text, Button } from '@tarojs/components'
import { format, messages } from '@/packages/soon/messages'
import { Page, goHome } from '@/components'
import './index.css'

const t = messages.ui.soon

/** Query values may arrive encoded once more than expected (h5 vs mini-program routers). */
function decode(value: string | undefined): string {
  if (!value) return ''
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

/** Where tiles for features not built yet lead: names the service, says what to do today. */
export default function Soon() {
  const router = useRouter()
  // Shown as text only, and capped, so a crafted link cannot fill the screen.
  const name = decode(router.params.name).trim().slice(0, 20)
  return (
    <Page title={name ? format(t.named, { name }) : t.heading}>
      <View className='card'>
        <Text className='card-text'>{t.body}</Text>
        <Text className='soon-meanwhile'>{t.meanwhile}</Text>
        <View className='soon-list'>
          <Text className='soon-item'>• {t.hall}</Text>
          <Text className='soon-item'>• {t.phone}</Text>
        </View>
      </View>
      <Button className='btn' onClick={goHome}>{messages.ui.common.backHome}</Button>
    </Page>
  )
}
