import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { View, Text, Button } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { format, messages } from '@/packages/settings/messages'
import { Page } from '@/components'
import { ACCOUNT_ROUTES } from '@/components/accountRoutes'
import { useStore } from '@/stores'
import { PRIVACY_VERSION } from '@/stores/app'
import type { ConsentsResponse } from '@/domain/contract'
import { chinaTimeText } from '@/domain/time'
import './privacy.css'

const t = messages.ui.privacy

/**
 * The short plain-language version; each heading answers one question a citizen asks. Above it,
 * the person's own standing with it: agreed (which version, when: the account's record when signed
 * in, else this device's) or not, and where to take it back.
 */
export default observer(function Privacy() {
  const root = useStore()
  const { app } = root
  const signedIn = root.me.loggedIn
  const [recorded, setRecorded] = useState<{ version: string; at: string } | undefined>(undefined)
  useEffect(() => {
    if (!signedIn) return
    void root.api.request.get<ConsentsResponse>('/api/me/consents').then(
      (res) => {
        const rec = res.items.find((x) => x.kind === 'privacy_policy')
        // An agreement to an older text is not one to this text (the guide asks again).
        setRecorded(rec?.granted && rec.version === PRIVACY_VERSION ? { version: rec.version, at: rec.at } : undefined)
      },
      () => undefined,
    )
  }, [root, signedIn])
  const status = recorded
    ? format(t.agreed, { time: chinaTimeText(recorded.at), version: recorded.version })
    : app.privacyAccepted
      ? app.privacyAcceptedAt
        ? format(t.agreed, { time: chinaTimeText(app.privacyAcceptedAt), version: PRIVACY_VERSION })
        : format(t.agreedOnDevice, { version: PRIVACY_VERSION })
      : format(t.notAgreed, { version: PRIVACY_VERSION })
  return (
    <Page title={t.title}>
      <View className='card' id='privacy-status'>
        <View className='privacy-heading' ariaRole='heading' aria-level={2}>{t.statusTitle}</View>
        <Text className='card-text'>{status}</Text>
        <Text className='card-text text-muted'>{t.withdrawHint}</Text>
        <Button className='btn btn-secondary' onClick={() => void Taro.navigateTo({ url: ACCOUNT_ROUTES.privacy })}>{t.toSettings}</Button>
      </View>
      {t.sections.map((s) => (
        <View key={s.heading} className='card'>
          <View className='privacy-heading' ariaRole='heading' aria-level={2}>{s.heading}</View>
          <Text className='privacy-body'>{s.body}</Text>
        </View>
      ))}
    </Page>
  )
})
