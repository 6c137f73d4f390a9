import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { View, Text, Button } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { messages } from '@/packages/account/messages'
import { Page, MaskedText, TextInput } from '@/components'
import { IdNumberInput } from '@/components/IdNumberInput'
import { NeedLogin } from '@/components/NeedLogin'
import { FieldError, StoreMessages } from '../components/Feedback'
import { ACCOUNT_ROUTES, leaveAccountFlow } from '../components/routes'
import { useIdentityStore } from '../use'

const t = messages.account.realName

export default observer(function RealName() {
  const account = useIdentityStore()
  const [declined, setDeclined] = useState(false)
  useEffect(() => {
    if (!account.loggedIn) return
    void account.loadMe()
    void account.loadConsents()
  }, [account])

  if (!account.loggedIn) {
    return (
      <Page title={t.title}>
        <NeedLogin />
      </Page>
    )
  }
  const me = account.me
  if (me?.realName) {
    return (
      <Page title={t.title}>
        <View className='notice notice-success' ariaRole='status'>✓ {account.realNameDone ? t.done : t.already}</View>
        <View className='card' id='realname-result'>
          <View className='card-text'>
            <Text>{messages.account.security.realName}：</Text>
            <MaskedText kind='name' value={me.realName.name} />
            <Text> </Text>
            <MaskedText kind='idNumber' value={me.realName.idNumber} />
          </View>
        </View>
        {me.level !== 'L3' ? <Button className='btn' id='to-face' onClick={() => void Taro.redirectTo({ url: ACCOUNT_ROUTES.face })}>{t.toFace}</Button> : null}
        <Button className={me.level !== 'L3' ? 'btn btn-secondary' : 'btn'} id='rn-back' onClick={leaveAccountFlow}>{me.level !== 'L3' ? t.later : messages.account.face.finish}</Button>
      </Page>
    )
  }
  // The consent sits above the form and the one button both agrees and submits: a separate
  // 同意 page cost the new citizen a tap on the way to L3 (J2's budget).
  const needConsent = !account.hasConsent('id_processing')
  const submit = async () => {
    if (needConsent && !(await account.setConsent('id_processing', true))) return
    await account.submitRealName()
  }
  return (
    <Page title={t.title}>
      <Text className='card-text text-muted'>{t.intro}</Text>
      {needConsent ? (
        <View className='card' id='rn-consent'>
          <Text className='page-title'>{t.consentTitle}</Text>
          <Text className='card-text'>{t.consentBody}</Text>
        </View>
      ) : null}
      {declined ? <View className='notice' ariaRole='status'>{t.consentDeclined}</View> : null}
      <View className='field'>
        <View className='field-label'><Text>{t.name}</Text></View>
        <TextInput
          className={account.nameError ? 'input input-error' : 'input'}
          id='rn-name'
          value={account.name}
          placeholder={t.namePlaceholder}
          maxlength={40}
          ariaLabel={t.name}
          onInput={(e) => account.setName(e.detail.value)}
        />
        <FieldError text={account.nameError} />
      </View>
      <View className='field'>
        <View className='field-label'><Text>{t.idNumber}</Text></View>
        <IdNumberInput
          className={account.idNumberError ? 'input input-error' : 'input'}
          reveal={!!account.idNumberError}
          id='rn-id'
          value={account.idNumber}
          placeholder={t.idNumberPlaceholder}
          maxlength={18}
          ariaLabel={t.idNumber}
          onInput={(e) => account.setIdNumber(e.detail.value)}
          onBlur={() => account.leaveIdNumber()}
        />
        {account.idNumberError ? <FieldError text={account.idNumberError} /> : account.idNumberOk ? <Text className='field-ok'>✓ {t.idOk}</Text> : null}
      </View>
      <StoreMessages state={account.state} hideField />
      <Button className={account.canSubmitRealName ? 'btn' : 'btn btn-disabled'} id='rn-submit' disabled={!account.canSubmitRealName} onClick={() => void submit()}>
        {account.busy === 'realName' ? t.submitting : needConsent ? t.consentAndSubmit : t.submit}
      </Button>
      {needConsent ? <Button className='btn btn-secondary' id='rn-decline' onClick={() => setDeclined(true)}>{t.consentDecline}</Button> : null}
    </Page>
  )
})
