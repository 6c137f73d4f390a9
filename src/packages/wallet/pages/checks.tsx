import { View, Text } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useDidShow } from '@tarojs/taro'
import { useStore } from '@/stores'
import { format, messages } from '@/packages/wallet/messages'
import { Page, EmptyState } from '@/components'
import { NeedLogin } from '@/components/NeedLogin'
import { chinaDateTimeSeconds } from '@/domain/time'
import { walletStoreOf } from '../store'
import './wallet.css'

const t = messages.wallet

/** 谁查验了我的证照: every verification of the holder's credentials, newest first. */
export default observer(function Checks() {
  const root = useStore()
  const w = walletStoreOf(root)
  useDidShow(() => {
    if (root.me.loggedIn) void w.loadChecks()
  })
  if (!root.me.loggedIn) {
    return (
      <Page title={t.checks.title}>
        <NeedLogin />
      </Page>
    )
  }
  return (
    <Page title={t.checks.title}>
      {w.checksState.error ? <View className='notice notice-danger' ariaRole='alert'>{w.checksState.error}</View> : null}
      {w.checks.length === 0 ? <EmptyState title={t.checks.title} body={t.checks.empty} /> : null}
      <View className='list' id='wallet-checks'>
        {w.checks.map((c) => (
          <View key={c.id} className='list-row'>
            <View>
              <Text>{t.types[c.credentialType]} · {t.results[c.result]}</Text>
              <View className='text-muted text-small'>
                <Text>{chinaDateTimeSeconds(new Date(c.verifiedAt))} · {format(t.checks.by, { name: c.verifier })} · {c.mode === 'offline' ? t.checks.offline : t.checks.online}</Text>
              </View>
              <View className='text-muted text-small'>
                <Text>{format(t.checks.disclosed, { fields: c.disclosed.map((k) => t.fields[k]).join('、') })}</Text>
              </View>
            </View>
          </View>
        ))}
      </View>
    </Page>
  )
})
