import Taro from '@tarojs/taro'
import { View, Text, Button } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { format, messages } from '@/packages/account/messages'
import { DATA_SCOPES, LIFE_EVENT_SCOPES } from '@/domain/mandate'
import { Page, LevelGate, TextInput } from '@/components'
import { NeedLogin } from '@/components/NeedLogin'
import { FieldError, StoreMessages } from '../components/Feedback'
import { Choice } from '../components/Choice'
import { GRANT_DAYS } from '../store'
import { useMandatesStore } from '../use'

const t = messages.account.grant

/** 授权他人代办: who, what (data scopes and kinds of matters), how long. Needs a face check (L3). */
export default observer(function Grant() {
  const account = useMandatesStore()
  if (!account.loggedIn) {
    return (
      <Page title={t.title}>
        <NeedLogin />
      </Page>
    )
  }
  const submit = async () => {
    if (await account.grantMandate()) void Taro.navigateBack().catch(() => undefined)
  }
  return (
    <Page title={t.title}>
      <Text className='card-text text-muted'>{t.intro}</Text>
      {account.state.step ? <LevelGate step={account.state.step} /> : null}
      <View className='field'>
        <View className='field-label'><Text>{t.phone}</Text></View>
        <TextInput
          className={account.grantPhoneError ? 'input input-error' : 'input'}
          type='number'
          id='grant-phone'
          value={account.grantPhone}
          placeholder={t.phonePlaceholder}
          maxlength={20}
          ariaLabel={t.phone}
          onInput={(e) => account.setGrantPhone(e.detail.value)}
        />
        <FieldError text={account.grantPhoneError} />
      </View>
      <View className='field'>
        <View className='field-label'><Text>{t.scope}</Text></View>
        <Text className='field-meta'>{t.dataScopes}</Text>
        <View className='choices' ariaRole='group' ariaLabel={t.dataScopes}>
          {DATA_SCOPES.map((c) => (
            <Choice key={c} id={`grant-${c}`} role='checkbox' label={messages.account.dataScope[c]} on={account.grantCategories.includes(c)} onTap={() => account.toggleGrantCategory(c)} />
          ))}
        </View>
        <Text className='field-meta'>{t.lifeEvents}</Text>
        <View className='choices' ariaRole='group' ariaLabel={t.lifeEvents}>
          {LIFE_EVENT_SCOPES.map((c) => (
            <Choice key={c} id={`grant-${c}`} role='checkbox' label={messages.catalog.lifeEvent[c]} on={account.grantCategories.includes(c)} onTap={() => account.toggleGrantCategory(c)} />
          ))}
        </View>
        {account.grantCategories.length === 0 && account.grantPhoneTouched ? <FieldError text={t.scopeRequired} /> : null}
      </View>
      <View className='field'>
        <View className='field-label'><Text>{t.days}</Text></View>
        <View className='choices' ariaRole='radiogroup' ariaLabel={t.days}>
          {GRANT_DAYS.map((d) => (
            <Choice key={d} id={`grant-days-${d}`} role='radio' label={format(t.daysOption, { days: d })} on={account.grantDays === d} onTap={() => account.setGrantDays(d)} />
          ))}
        </View>
      </View>
      <StoreMessages state={account.state} />
      <Button className={account.canGrant ? 'btn' : 'btn btn-disabled'} id='grant-submit' disabled={!account.canGrant} onClick={() => void submit()}>
        {account.busy === 'grant' ? t.submitting : t.submit}
      </Button>
    </Page>
  )
})
