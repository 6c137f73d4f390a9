import { useEffect } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { View, Text, Button } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { format, messages } from '@/packages/account/messages'
import { Page, EmptyState, LevelGate, MaskedText, TextInput } from '@/components'
import { NeedLogin } from '@/components/NeedLogin'
import { chinaTimeText } from '@/domain/time'
import { FieldError, StoreMessages } from '../components/Feedback'
import { useMandatesStore } from '../use'

const t = messages.account.operators
const c = messages.account.common

/** A legal representative authorises staff to act for the enterprise (经办人); L3 to add. */
export default observer(function Operators() {
  const account = useMandatesStore()
  const { params } = useRouter()
  const enterpriseId = params.id ?? ''
  const name = params.name ? decodeURIComponent(params.name) : ''
  useEffect(() => {
    if (account.loggedIn && enterpriseId) void account.loadOperators(enterpriseId)
  }, [account, enterpriseId])

  if (!account.loggedIn) {
    return (
      <Page title={t.title}>
        <NeedLogin />
      </Page>
    )
  }
  const revoke = async (operatorId: string) => {
    const r = await Taro.showModal({ content: t.revokeConfirm })
    if (r.confirm) await account.revokeOperator(enterpriseId, operatorId)
  }
  return (
    <Page title={t.title}>
      {name ? <Text className='page-title'>{name}</Text> : null}
      <Text className='card-text text-muted'>{t.intro}</Text>
      {account.state.step ? <LevelGate step={account.state.step} /> : null}
      <StoreMessages state={account.state} />
      <View className='field'>
        <View className='field-label'><Text>{t.phone}</Text></View>
        <TextInput
          className={account.operatorPhoneError ? 'input input-error' : 'input'}
          type='number'
          id='operator-phone'
          value={account.operatorPhone}
          placeholder={t.phonePlaceholder}
          maxlength={20}
          ariaLabel={t.phone}
          onInput={(e) => account.setOperatorPhone(e.detail.value)}
        />
        <FieldError text={account.operatorPhoneError} />
        <Button className='btn' id='operator-add' disabled={account.busy !== ''} onClick={() => void account.addOperator(enterpriseId)}>{t.add}</Button>
      </View>
      {account.operators.length === 0 && account.busy === '' ? <EmptyState title={t.none} body={t.noneHint} /> : null}
      {account.operators.map((o) => (
        <View className='card' key={o.id}>
          <View className='card-text'>
            <MaskedText kind='name' value={o.name} /> <MaskedText kind='phone' value={o.phone} />
          </View>
          <Text className='card-text text-muted text-small'>{format(t.since, { date: chinaTimeText(o.createdAt) })}</Text>
          {o.revoked ? <Text className='text-muted'>{c.revoked}</Text> : (
            <Button className='btn btn-danger' size='mini' disabled={account.busy !== ''} onClick={() => void revoke(o.id)}>{t.revoke}</Button>
          )}
        </View>
      ))}
    </Page>
  )
})
