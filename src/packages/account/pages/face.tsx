import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { View, Text, Button } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useStore } from '@/stores'
import { format, messages } from '@/packages/account/messages'
import { Page, TextInput } from '@/components'
import { PlatformUnsupportedError } from '@/platform/errors'
import { NeedLogin } from '@/components/NeedLogin'
import { chinaTimeText } from '@/domain/time'
import { StoreMessages } from '../components/Feedback'
import { ACCOUNT_ROUTES, leaveAccountFlow } from '../components/routes'
import { useIdentityStore } from '../use'

const t = messages.account.face

export default observer(function Face() {
  const { platform } = useStore()
  const account = useIdentityStore()
  const [unsupported, setUnsupported] = useState(false)
  useEffect(() => {
    if (!account.loggedIn) return
    void account.loadMe()
    void account.loadConsents()
  }, [account])

  // weapp / alipay: the vendor SDK runs on the device, the server asks the vendor for the verdict.
  const startVendor = async (method: 'wechat' | 'alipay') => {
    const flow = await account.startFace(method)
    if (!flow) return
    setUnsupported(false)
    try {
      await platform.faceCheck({ flowId: flow.clientToken, certifyUrl: flow.clientUrl })
    } catch (e) {
      if (e instanceof PlatformUnsupportedError) {
        setUnsupported(true)
        return
      }
      // Otherwise the server's query decides; a cancelled SDK simply ends without a pass.
    }
    await account.completeFace()
  }
  const start = () => {
    if (platform.faceVendor) void startVendor(platform.faceVendor)
    else void account.startFace('stand-in')
  }

  // 同意并开始核验: where the check is the stand-in (h5), agreeing also starts it — there is no
  // vendor SDK screen for the person to start, so a separate 开始 tap only cost J2 its budget. On the
  // mini-programs the vendor's check needs its own tap (a user gesture), so the start page follows.
  const agreeAndStart = async () => {
    if ((await account.setConsent('face', true)) && !platform.faceVendor) start()
  }

  if (!account.loggedIn) {
    return (
      <Page title={t.title}>
        <NeedLogin />
      </Page>
    )
  }
  const me = account.me
  if (account.faceDone) {
    return (
      <Page title={t.title}>
        <View className='notice notice-success' id='face-done' ariaRole='status'>✓ {t.done}</View>
        {account.faceDone.validUntil ? <Text className='card-text text-muted'>{format(t.validUntil, { time: chinaTimeText(account.faceDone.validUntil) })}</Text> : null}
        {/* Not a dead end: back to what the person was doing, or on to 首页. */}
        <Button className='btn' id='face-finish' onClick={leaveAccountFlow}>{t.finish}</Button>
        <Button className='btn btn-secondary' id='face-home' onClick={() => void Taro.switchTab({ url: '/pages/home/index' })}>{t.toHome}</Button>
      </Page>
    )
  }
  if (me && !me.realName) {
    return (
      <Page title={t.title}>
        <Text className='card-text'>{t.needRealName}</Text>
        <Button className='btn' onClick={() => void Taro.redirectTo({ url: ACCOUNT_ROUTES.realName })}>{messages.account.realName.title}</Button>
      </Page>
    )
  }
  if (!account.hasConsent('face')) {
    return (
      <Page title={t.title}>
        <View className='card'>
          <Text className='page-title'>{t.consentTitle}</Text>
          <Text className='card-text'>{t.consentBody}</Text>
        </View>
        <StoreMessages state={account.state} />
        <Button className='btn' id='consent-face' disabled={account.busy !== ''} onClick={() => void agreeAndStart()}>{t.consentAgree}</Button>
      </Page>
    )
  }
  const flow = account.faceFlow
  if (flow && flow.method === 'stand-in') {
    return (
      <Page title={t.title}>
        <View className='card'>
          <Text className='page-title'>{t.standInTitle}</Text>
          <Text className='card-text text-muted'>{t.standInHint}</Text>
          <Text className='card-text' id='face-challenge'>{format(t.challenge, { code: flow.clientToken })}</Text>
        </View>
        <View className='field'>
          <View className='field-label'><Text>{t.proof}</Text></View>
          <TextInput className='input' type='number' id='face-proof' value={account.faceProof} maxlength={6} placeholder={t.proofPlaceholder} ariaLabel={t.proof} onInput={(e) => account.setFaceProof(e.detail.value)} />
        </View>
        <StoreMessages state={account.state} />
        <Button className='btn' id='face-confirm' disabled={account.faceProof.length !== 6 || account.busy !== ''} onClick={() => void account.completeFace(account.faceProof)}>{t.confirm}</Button>
      </Page>
    )
  }
  return (
    <Page title={t.title}>
      <Text className='card-text text-muted'>{t.intro}</Text>
      {unsupported ? <View className='notice notice-danger' ariaRole='alert'>{t.unsupported}</View> : null}
      <StoreMessages state={account.state} />
      <Button className='btn' id='face-start' disabled={account.busy !== ''} onClick={start}>{account.busy === 'face' ? t.starting : t.start}</Button>
    </Page>
  )
})
