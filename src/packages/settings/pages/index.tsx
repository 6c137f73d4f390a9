import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { View, Text, Button } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useStore } from '@/stores'
import { messages } from '@/packages/settings/messages'
import { Page, SectionHeader, ElderSwitch } from '@/components'
import './index.css'

const t = messages.ui.settings

type CacheStep = 'idle' | 'asking' | 'done'

/** Clearing asks once, inline: the question and both answers sit where the citizen tapped, no dialog. */
function ClearCache({ onCleared }: { onCleared: () => void }) {
  const [step, setStep] = useState<CacheStep>('idle')
  return (
    <View className='card'>
      <Text className='settings-item-title'>{t.cacheTitle}</Text>
      <Text className='card-text text-muted'>{t.cacheDesc}</Text>
      {step === 'asking' ? (
        <View ariaRole='group'>
          <Text className='notice'>{t.cacheAsk}</Text>
          <View className='btn-row'>
            <Button
              className='btn btn-danger'
              onClick={() => {
                Taro.clearStorageSync()
                onCleared()
                setStep('done')
              }}
            >
              {t.cacheConfirm}
            </Button>
            <Button className='btn btn-secondary' onClick={() => setStep('idle')}>{messages.ui.common.cancel}</Button>
          </View>
        </View>
      ) : (
        <View>
          {step === 'done' ? <View className='notice notice-success' ariaRole='status'>✓ {t.cacheDone}</View> : null}
          <Button className='btn btn-secondary' onClick={() => setStep('asking')}>{t.cacheTitle}</Button>
        </View>
      )}
    </View>
  )
}

const About = observer(function About() {
  const { app } = useStore()
  const meta = app.meta
  const rows: [string, string][] = [
    [t.version, meta?.appVersion ?? t.unknown],
    [t.apiVersion, meta?.apiVersion ?? t.unknown],
    [t.city, meta?.city.name ?? t.unknown],
  ]
  return (
    <View className='list' id='about'>
      {rows.map(([k, v]) => (
        <View key={k} className='list-row'>
          <Text>{k}</Text>
          <Text className='list-row-value'>{v}</Text>
        </View>
      ))}
      <View className='list-row'>
        <Text className='text-muted text-small'>{t.aboutText}</Text>
      </View>
    </View>
  )
})

export default observer(function Settings() {
  const { app } = useStore()
  const router = useRouter()
  const aboutFirst = router.params.section === 'about'
  const about = (
    <View key='about'>
      <SectionHeader title={t.aboutTitle} />
      <About />
    </View>
  )
  return (
    <Page title={t.title}>
      {aboutFirst ? about : null}
      <View className='list'>
        <ElderSwitch desc={t.elderDesc} />
      </View>
      {/* Clearing drops the stored preference too, so the screen follows it at once. */}
      <ClearCache onCleared={() => app.setElderMode(false)} />
      {aboutFirst ? null : about}
    </Page>
  )
})
