import { View, Text } from '@tarojs/components'
import { messages } from '@/packages/settings/messages'
import { Page } from '@/components'
import './privacy.css'

const t = messages.ui.privacy

/** The short plain-language version; each heading answers one question a citizen asks. */
export default function Privacy() {
  return (
    <Page title={t.title}>
      {t.sections.map((s) => (
        <View key={s.heading} className='card'>
          <View className='privacy-heading' ariaRole='heading' aria-level={2}>{s.heading}</View>
          <Text>{s.body}</Text>
        </View>
      ))}
    </Page>
  )
}
