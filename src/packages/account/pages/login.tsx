import { useEffect } from 'react'
import Taro from '@tarojs/taro'
import { View, Text, Button } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useStore } from '@/stores'
import { format, messages } from '@/packages/account/messages'
import { Page, PrivacyGuide, TextInput, ROUTES } from '@/components'
import { chinaTimeText } from '@/domain/time'
import { FieldError, StoreMessages } from '../components/Feedback'
import { ACCOUNT_ROUTES } from '../components/routes'
import { useSignInStore } from '../use'

const t = messages.account.login
const tl = messages.account.locked

const Locked = observer(function Locked() {
  const account = useSignInStore()
  const left = account.lockSecondsLeft
  return (
    <View className='card' ariaRole='alert'>
      <Text className='page-title'>{tl.title}</Text>
      <Text className='card-text'>{tl.body}</Text>
      <Text className='card-text' id='lock-left'>
        {format(tl.timeLeft, { minutes: Math.floor(left / 60), seconds: left % 60 })}
      </Text>
      {account.lockedUntil ? <Text className='card-text text-muted'>{format(tl.until, { time: chinaTimeText(account.lockedUntil) })}</Text> : null}
      <Button className='btn btn-secondary' onClick={() => account.resetLogin()}>{tl.again}</Button>
    </View>
  )
})

export default observer(function Login() {
  const { app, platform } = useStore()
  const account = useSignInStore()
  const counting = account.resendSeconds > 0 || account.lockSecondsLeft > 0
  useEffect(() => {
    if (!counting) return undefined
    const timer = setInterval(() => account.tick(), 1000)
    return () => clearInterval(timer)
  }, [counting, account])

  const done = () => {
    // Walk the user up the levels: real name is the next step for a new account.
    if (account.me?.level === 'L1') void Taro.redirectTo({ url: ACCOUNT_ROUTES.realName })
    else void Taro.navigateBack().catch(() => Taro.switchTab({ url: '/pages/me/index' }))
  }
  const oneTapWith = platform.oneTapLogin
  const oneTap = async (name: 'weapp' | 'alipay') => {
    if (await account.miniLogin(name, () => platform.getLoginCode())) done()
  }
  const submit = async () => {
    if (await account.login()) done()
  }

  // Logging in processes the phone number: the privacy text must have been agreed to first.
  if (!app.privacyAccepted) {
    return (
      <Page title={t.title}>
        <PrivacyGuide forLogin />
      </Page>
    )
  }
  if (account.lockedUntil) {
    return (
      <Page title={t.title}>
        <Locked />
      </Page>
    )
  }
  const codeFieldError = account.state.errorField === 'code' ? account.state.error : account.codeError
  return (
    <Page title={t.title}>
      <Text className='card-text text-muted'>{t.intro}</Text>
      {oneTapWith && !account.bindTicket ? (
        <>
          <Button className='btn' id='login-one-tap' disabled={account.busy !== ''} onClick={() => void oneTap(oneTapWith)}>{t.oneTap[oneTapWith]}</Button>
          <Text className='card-text text-muted text-small'>{t.or}</Text>
        </>
      ) : null}
      <View className='field'>
        <View className='field-label'><Text>{t.phone}</Text></View>
        <TextInput
          className={account.phoneError ? 'input input-error' : 'input'}
          type='number'
          id='login-phone'
          value={account.phone}
          placeholder={t.phonePlaceholder}
          maxlength={20}
          ariaLabel={t.phone}
          onInput={(e) => account.setPhone(e.detail.value)}
        />
        <FieldError text={account.phoneError} />
      </View>
      <View className='field'>
        <View className='field-label'><Text>{t.code}</Text></View>
        <TextInput
          className={codeFieldError ? 'input input-error' : 'input'}
          type='number'
          id='login-code'
          value={account.code}
          placeholder={t.codePlaceholder}
          maxlength={6}
          ariaLabel={t.code}
          onInput={(e) => account.setCode(e.detail.value)}
        />
        <FieldError text={codeFieldError} />
        <Button className={account.canSend ? 'btn btn-secondary' : 'btn btn-secondary btn-disabled'} id='login-send' disabled={!account.canSend} onClick={() => void account.sendCode()}>
          {account.busy === 'send' ? t.sending : account.resendSeconds > 0 ? format(t.resendIn, { seconds: account.resendSeconds }) : t.send}
        </Button>
        {account.sent ? (
          <View className='field-meta' ariaRole='status'>{format(t.sent, { phone: account.sent.phone, minutes: Math.round(account.sent.expiresInSeconds / 60) })}</View>
        ) : account.recentlySent ? (
          <View className='field-meta' ariaRole='status' id='login-recently-sent'>{t.recentlySent}</View>
        ) : null}
      </View>
      <StoreMessages state={account.state} hideField />
      <Button className={account.canLogin ? 'btn' : 'btn btn-disabled'} id='login-submit' disabled={!account.canLogin} onClick={() => void submit()}>
        {account.busy === 'login' ? t.submitting : t.submit}
      </Button>
      <View className='card-text text-muted text-small agree-line'>
        <Text>{t.agree}</Text>
        {/* The policy itself one tap away, not only its name. */}
        <View className='link' id='login-policy' ariaRole='link' onClick={() => void Taro.navigateTo({ url: ROUTES.privacy })}>{t.agreePolicy}</View>
      </View>
    </Page>
  )
})
