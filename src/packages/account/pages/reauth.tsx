import { useEffect } from 'react'
import Taro from '@tarojs/taro'
import { View, Text, Button } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { format, messages } from '@/packages/account/messages'
import { Page, TextInput } from '@/components'
import { NeedLogin } from '@/components/NeedLogin'
import { FieldError, StoreMessages } from '../components/Feedback'
import { useSignInStore } from '../use'

const t = messages.account.reauth
const tl = messages.account.login

/** Real name lapsed (12 h, or 30 min idle): a code to the account's own phone restores it. */
export default observer(function Reauth() {
  const account = useSignInStore()
  const counting = account.resendSeconds > 0
  useEffect(() => {
    if (!counting) return undefined
    const timer = setInterval(() => account.tick(), 1000)
    return () => clearInterval(timer)
  }, [counting, account])

  const submit = async () => {
    if (!(await account.reauth())) return
    void Taro.showToast({ title: t.done, icon: 'none' })
    // Back to the feature that asked; it reloads on show.
    void Taro.navigateBack().catch(() => Taro.switchTab({ url: '/pages/me/index' }))
  }

  if (!account.loggedIn) {
    return (
      <Page title={t.title}>
        <NeedLogin />
      </Page>
    )
  }
  const codeFieldError = account.state.errorField === 'code' ? account.state.error : account.codeError
  return (
    <Page title={t.title}>
      <Text className='card-text text-muted'>{t.intro}</Text>
      <Button className={account.canSendReauth ? 'btn btn-secondary' : 'btn btn-secondary btn-disabled'} id='reauth-send' disabled={!account.canSendReauth} onClick={() => void account.sendReauthCode()}>
        {account.busy === 'send' ? tl.sending : account.resendSeconds > 0 ? format(tl.resendIn, { seconds: account.resendSeconds }) : t.send}
      </Button>
      {account.sent ? (
        <View className='field-meta' ariaRole='status'>{format(t.sent, { phone: account.sent.phone, minutes: Math.round(account.sent.expiresInSeconds / 60) })}</View>
      ) : null}
      <View className='field'>
        <View className='field-label'><Text>{tl.code}</Text></View>
        <TextInput
          className={codeFieldError ? 'input input-error' : 'input'}
          type='number'
          id='reauth-code'
          value={account.code}
          placeholder={tl.codePlaceholder}
          maxlength={6}
          ariaLabel={tl.code}
          onInput={(e) => account.setCode(e.detail.value)}
        />
        <FieldError text={codeFieldError} />
      </View>
      <StoreMessages state={account.state} hideField />
      <Button className={account.canReauth ? 'btn' : 'btn btn-disabled'} id='reauth-submit' disabled={!account.canReauth} onClick={() => void submit()}>
        {account.busy === 'login' ? t.submitting : t.submit}
      </Button>
    </Page>
  )
})
