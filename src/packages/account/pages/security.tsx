import { useEffect } from 'react'
import Taro from '@tarojs/taro'
import { View, Text, Button } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { format, messages } from '@/packages/account/messages'
import { Page, EmptyState, MaskedText, ROUTES } from '@/components'
import { useStore } from '@/stores'
import { NeedLogin } from '@/components/NeedLogin'
import { chinaTimeText } from '@/domain/time'
import { StoreMessages } from '../components/Feedback'
import { ACCOUNT_ROUTES } from '../components/routes'
import { useSecurityStore } from '../use'

const t = messages.account.security
const c = messages.account.common

export default observer(function Security() {
  const root = useStore()
  const account = useSecurityStore()
  useEffect(() => {
    if (!account.loggedIn) return
    void account.loadMe()
    void account.loadSessions()
  }, [account])

  if (!account.loggedIn) {
    return (
      <Page title={t.title}>
        <StoreMessages state={account.state} />
        <NeedLogin />
      </Page>
    )
  }
  const me = account.me
  // Applications still in the outbox are the person's own (bound to them) and wait for their next
  // sign-in: say so before they go. Signed out, the person lands on 我的 rather than on an empty
  // copy of this page.
  const logout = async (all: boolean) => {
    const pending = root.app.pendingSends
    const content = [pending > 0 ? format(t.pendingOnLogout, { n: pending }) : '', all ? t.logoutAllConfirm : ''].filter(Boolean).join('\n')
    if (content) {
      const r = await Taro.showModal({ ...(pending > 0 ? { title: t.pendingTitle, confirmText: t.confirmLogout } : {}), content })
      if (!r.confirm) return
    }
    await account.logout(all)
    void Taro.switchTab({ url: ROUTES.me })
    void Taro.showToast({ title: t.loggedOut, icon: 'none' })
  }
  return (
    <Page title={t.title}>
      {me ? (
        <View className='list' id='security-me'>
          <View className='list-row'><Text>{t.phone}</Text><MaskedText kind='phone' value={me.phone} /></View>
          <View className='list-row'><Text>{t.level}</Text><Text className='list-row-value'>{messages.account.levels[me.level]}</Text></View>
          <View className='list-row'>
            <Text>{t.realName}</Text>
            {me.realName ? (
              <View><MaskedText kind='name' value={me.realName.name} /><Text> </Text><MaskedText kind='idNumber' value={me.realName.idNumber} /></View>
            ) : (
              <Text className='list-row-value link' onClick={() => void Taro.navigateTo({ url: ACCOUNT_ROUTES.realName })}>{t.notVerified}</Text>
            )}
          </View>
        </View>
      ) : null}
      <StoreMessages state={account.state} />
      <View className='section-header'><Text className='section-header-title'>{t.devices}</Text></View>
      {account.sessions.length === 0 ? (
        <EmptyState title={c.empty} body={t.devicesEmpty} />
      ) : (
        <View className='list'>
          {account.sessions.map((s) => (
            <View className='list-row' key={s.id}>
              <View className='list-row-text'>
                <Text>{s.device || s.channel}{s.current ? `（${c.current}）` : ''}</Text>
                <Text className='text-muted text-small'>{format(t.lastActive, { time: chinaTimeText(s.lastActiveAt) })}</Text>
              </View>
              {!s.current ? <Button className='btn btn-secondary' size='mini' onClick={() => void account.revokeSession(s.id)}>{t.signOutDevice}</Button> : null}
            </View>
          ))}
        </View>
      )}
      <View className='btn-row'>
        <Button className='btn btn-secondary' id='logout' onClick={() => void logout(false)}>{t.logout}</Button>
        <Button className='btn btn-danger' id='logout-all' onClick={() => void logout(true)}>{t.logoutAll}</Button>
      </View>
    </Page>
  )
})
