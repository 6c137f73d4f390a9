import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { View, Text, Button } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { format, messages } from '@/packages/account/messages'
import { Page } from '@/components'
import { NeedLogin } from '@/components/NeedLogin'
import { chinaTimeText } from '@/domain/time'
import { StoreMessages } from '../components/Feedback'
import { ACCOUNT_ROUTES } from '../components/routes'
import { usePrivacyStore } from '../use'

const t = messages.account.privacy
const KINDS = ['privacy_policy', 'id_processing', 'face'] as const

export default observer(function Privacy() {
  const account = usePrivacyStore()
  const [exported, setExported] = useState(false)
  useEffect(() => {
    if (account.loggedIn) void account.loadConsents()
  }, [account])

  if (!account.loggedIn) {
    return (
      <Page title={t.title}>
        <StoreMessages state={account.state} />
        <NeedLogin />
      </Page>
    )
  }
  const doExport = async () => {
    const text = await account.exportData()
    if (text === undefined) return
    setExported(true)
    // The export is the user's own copy: put it where they can paste it into a file or a chat.
    await Taro.setClipboardData({ data: text }).catch(() => undefined)
  }
  const doDelete = async () => {
    const r = await Taro.showModal({ content: t.deleteConfirm })
    if (r.confirm && (await account.deleteAccount())) void Taro.switchTab({ url: '/pages/me/index' })
  }
  return (
    <Page title={t.title}>
      <View className='section-header'><Text className='section-header-title'>{t.consents}</Text></View>
      <View className='list'>
        {KINDS.map((k) => {
          const rec = account.consents.find((x) => x.kind === k)
          return (
            <View className='list-row' key={k}>
              <View className='list-row-text'>
                <Text>{t.kinds[k]}</Text>
                {rec ? <Text className='text-muted text-small'>{rec.granted ? t.granted : t.withdrawn} · {chinaTimeText(rec.at)}</Text> : null}
              </View>
              {rec?.granted && k !== 'privacy_policy' ? (
                <Button className='btn btn-secondary' size='mini' disabled={account.busy !== ''} onClick={() => void account.setConsent(k, false)}>{t.withdraw}</Button>
              ) : null}
            </View>
          )
        })}
      </View>
      <StoreMessages state={account.state} />
      {exported && account.exportedBytes !== undefined ? <View className='notice notice-success' ariaRole='status'>{format(t.exported, { size: account.exportedBytes })}</View> : null}
      <Button className='btn btn-secondary' id='export' disabled={account.busy !== ''} onClick={() => void doExport()}>{t.export}</Button>
      <View className='card'>
        <Text className='card-text text-muted'>{t.deleteHint}</Text>
        <Button className='btn btn-danger' id='delete-account' disabled={account.busy !== ''} onClick={() => void doDelete()}>{t.delete}</Button>
      </View>
      <Button className='btn btn-secondary' onClick={() => void Taro.navigateTo({ url: ACCOUNT_ROUTES.security })}>{messages.account.security.title}</Button>
    </Page>
  )
})
