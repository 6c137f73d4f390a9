import Taro, { useDidShow } from '@tarojs/taro'
import { View, Text, Button } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { format, messages } from '@/packages/account/messages'
import type { MandateView } from '@/domain/contract'
import { Page, EmptyState, MaskedText } from '@/components'
import { NeedLogin } from '@/components/NeedLogin'
import { chinaTimeText } from '@/domain/time'
import { StoreMessages } from '../components/Feedback'
import { ACCOUNT_ROUTES } from '../components/routes'
import { useMandatesStore } from '../use'

const t = messages.account.mandates
const c = messages.account.common

const scopeLabels: Record<string, string> = { ...messages.catalog.lifeEvent, ...messages.account.dataScope }
/** A mandate category in words (older or unknown keys show as they are). */
const categoryLabel = (key: string): string => scopeLabels[key] ?? key

const Item = observer(function Item({ m }: { m: MandateView }) {
  const account = useMandatesStore()
  const revoke = async () => {
    const r = await Taro.showModal({ content: t.revokeConfirm })
    if (r.confirm) await account.revokeMandate(m.id)
  }
  return (
    <View className='card'>
      <View className='card-text'>
        <Text>{m.direction === 'given' ? t.to : t.from}</Text>
        <MaskedText kind='name' value={m.counterpart} />
        {m.paper ? <Text className='text-muted'>（{t.paper}）</Text> : null}
      </View>
      {m.itemCodes.length ? <Text className='card-text text-small'>{format(t.items, { count: m.itemCodes.length })}</Text> : null}
      {m.categories.length ? <Text className='card-text text-small'>{format(t.categories, { list: m.categories.map(categoryLabel).join('、') })}</Text> : null}
      <Text className='card-text text-muted text-small'>{format(t.endsAt, { date: chinaTimeText(m.endsAt) })}</Text>
      {m.revoked ? <Text className='text-muted'>{c.revoked}</Text> : m.direction === 'given' ? (
        <Button className='btn btn-danger' size='mini' disabled={account.busy !== ''} onClick={() => void revoke()}>{t.revoke}</Button>
      ) : null}
    </View>
  )
})

export default observer(function Mandates() {
  const account = useMandatesStore()
  // On show, not on mount: coming back from the grant form lists the new mandate.
  useDidShow(() => {
    if (account.loggedIn) void account.loadMandates()
  })

  if (!account.loggedIn) {
    return (
      <Page title={t.title}>
        <NeedLogin />
      </Page>
    )
  }
  return (
    <Page title={t.title}>
      <StoreMessages state={account.state} />
      <Button className='btn' id='mandate-grant' onClick={() => void Taro.navigateTo({ url: ACCOUNT_ROUTES.grant })}>{messages.account.grant.entry}</Button>
      <View className='section-header'><Text className='section-header-title'>{t.given}</Text></View>
      {account.givenMandates.length ? account.givenMandates.map((m) => <Item key={m.id} m={m} />) : <EmptyState title={t.none} body={t.noneGivenHint} />}
      <View className='section-header'><Text className='section-header-title'>{t.received}</Text></View>
      {account.receivedMandates.length ? account.receivedMandates.map((m) => <Item key={m.id} m={m} />) : <EmptyState title={t.none} body={t.noneReceivedHint} />}
    </Page>
  )
})
