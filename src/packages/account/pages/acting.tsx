import { useEffect } from 'react'
import Taro from '@tarojs/taro'
import { View, Text, Button } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { messages } from '@/packages/account/messages'
import { Page, EmptyState } from '@/components'
import { NeedLogin } from '@/components/NeedLogin'
import { StoreMessages } from '../components/Feedback'
import { ACCOUNT_ROUTES } from '../components/routes'
import { useMandatesStore } from '../use'

const t = messages.account.acting

export default observer(function Acting() {
  const account = useMandatesStore()
  useEffect(() => {
    if (!account.loggedIn) return
    void account.loadMe()
    void account.loadEnterprises()
  }, [account])

  if (!account.loggedIn) {
    return (
      <Page title={t.title}>
        <NeedLogin />
      </Page>
    )
  }
  const acting = account.me?.acting
  const isCurrent = (kind: string, id: string | null) => acting?.kind === kind && (acting.id ?? null) === id
  return (
    <Page title={t.title}>
      <Text className='card-text text-muted'>{t.intro}</Text>
      {acting ? <View className='card'><Text className='card-text'>{t.now}：{acting.kind === 'self' ? `${t.self}（${acting.label}）` : acting.label}</Text></View> : null}
      <StoreMessages state={account.state} />
      <View className='list'>
        <View className='list-row'>
          <Text>{t.self}</Text>
          {isCurrent('self', null) ? <Text className='list-row-value'>✓</Text> : (
            <Button className='btn btn-secondary' size='mini' disabled={account.busy !== ''} onClick={() => void account.switchActing('self')}>{t.switch}</Button>
          )}
        </View>
        {account.enterprises.map((e) => (
          <View className='list-row' key={e.id}>
            <View>
              <Text>{e.name}</Text>
              <Text className='text-muted text-small'>{e.role === 'legal_rep' ? t.legalRep : t.operator} · {e.uscc}</Text>
              {e.role === 'legal_rep' ? (
                <View className='link' ariaRole='link' onClick={() => void Taro.navigateTo({ url: `${ACCOUNT_ROUTES.operators}?id=${e.id}&name=${encodeURIComponent(e.name)}` })}>{messages.account.operators.entry}</View>
              ) : null}
            </View>
            {isCurrent('enterprise', e.id) ? <Text className='list-row-value'>✓</Text> : (
              <Button className='btn btn-secondary' size='mini' disabled={account.busy !== ''} onClick={() => void account.switchActing('enterprise', e.id)}>{t.switch}</Button>
            )}
          </View>
        ))}
      </View>
      {account.enterprises.length === 0 && account.busy === '' ? <EmptyState title={t.none} body={t.noneHint} /> : null}
    </Page>
  )
})
