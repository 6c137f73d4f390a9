import { useEffect } from 'react'
import { View, Text, Button } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useDidShow } from '@tarojs/taro'
import { useStore } from '@/stores'
import { messages } from '@/packages/wallet/messages'
import { Page, EmptyState, LevelGate, navigateTo } from '@/components'
import { NeedLogin } from '@/components/NeedLogin'
import { walletStoreOf } from '../store'
import { WALLET_ROUTES, credentialTitle } from '../routes'
import './wallet.css'

const t = messages.wallet

export default observer(function WalletList() {
  const root = useStore()
  const w = walletStoreOf(root)
  useDidShow(() => {
    if (root.me.loggedIn) void w.load()
  })
  useEffect(() => {
    if (root.me.loggedIn && !w.loaded) void w.load()
  }, [root.me.loggedIn, w])
  if (!root.me.loggedIn) {
    return (
      <Page title={t.list.title}>
        {/* As 查询's pages: the login opens on top, and 返回 comes back to 卡包, which then loads. */}
        <NeedLogin id='wallet-login' text={t.list.needLogin} replace={false} />
      </Page>
    )
  }
  if (w.listState.step) {
    return (
      <Page title={t.list.title}>
        <LevelGate step={w.listState.step} />
      </Page>
    )
  }
  return (
    <Page title={t.list.title}>
      {w.listState.error ? <View className='notice notice-danger' ariaRole='alert'>{w.listState.error}</View> : null}
      {w.loaded && w.items.length === 0 ? <EmptyState title={t.list.title} body={t.list.empty} /> : null}
      {w.items.length > 0 ? <Text className='card-text text-muted'>{t.list.masked}</Text> : null}
      {w.items.map((c) => (
        <View key={c.id} className='wallet-card' id={`cred-${c.type}`}>
          <View className='wallet-card-head'>
            <Text className='wallet-card-title'>{credentialTitle(c)}</Text>
            <Text className={c.status === 'active' ? 'field-ok' : 'field-error'}>{t.status[c.status]}</Text>
          </View>
          {c.fields.map((f) => (
            <View key={f.key} className='wallet-row'>
              <Text className='text-muted'>{c.type === 'bl' && f.key === 'n' ? t.enterpriseName : t.fields[f.key]}</Text>
              <Text>{f.value}</Text>
            </View>
          ))}
          <View className='wallet-row'>
            <Text className='text-muted'>{t.list.issuer}</Text>
            <Text>{c.issuer}</Text>
          </View>
          {c.status === 'active' ? (
            <Button className='btn' id={`present-${c.type}`} onClick={() => navigateTo(`${WALLET_ROUTES.present}?id=${c.id}`)}>
              {t.list.present}
            </Button>
          ) : null}
        </View>
      ))}
      <View className='list'>
        <View className='list-row' ariaRole='button' hoverClass='list-row-hover' onClick={() => navigateTo(WALLET_ROUTES.checks)}>
          <Text>{t.list.checks}</Text>
          <Text className='chevron'>›</Text>
        </View>
      </View>
    </Page>
  )
})
