import Taro from '@tarojs/taro'
import { View, Text, Button } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { messages } from '@/domain/messages/main'
import { PRIVACY_AGREE_BUTTON_ID } from '@/platform/types'
import { useStore } from '@/stores'
import { ROUTES } from './nav'

const t = messages.ui.privacyGuide

/**
 * First-launch privacy guide, inline (not a pop-up): agreeing and declining are equally easy, and
 * declining still lets the user browse public content. On weapp the agree button also records the
 * consent with WeChat (open-type agreePrivacyAuthorization).
 */
export const PrivacyGuide = observer(function PrivacyGuide({ forLogin = false }: { forLogin?: boolean }) {
  const { app, platform } = useStore()
  return (
    <View className='card' id='privacy-guide' ariaRole='region' ariaLabel={t.title}>
      <View className='page-title' ariaRole='heading' aria-level={2}>{t.title}</View>
      <Text className='card-text'>{forLogin ? t.needForLogin : t.body}</Text>
      <Button className='btn btn-secondary' onClick={() => void Taro.navigateTo({ url: ROUTES.privacy })}>{t.read}</Button>
      <Button className='btn' id={PRIVACY_AGREE_BUTTON_ID} openType={platform.privacyAgreeOpenType} onClick={() => app.acceptPrivacy()}>{t.agree}</Button>
      {forLogin ? null : <Button className='btn btn-secondary' id='privacy-decline' onClick={() => app.declinePrivacy()}>{t.decline}</Button>}
    </View>
  )
})

/** A quiet line after 仅浏览, so the choice is visible and reversible. */
export const PrivacyDeclinedNote = observer(function PrivacyDeclinedNote() {
  const { app } = useStore()
  if (!app.privacyDeclined || app.privacyAccepted) return null
  return (
    <View className='notice' ariaRole='status'>
      <Text>{t.declined}</Text>
    </View>
  )
})
