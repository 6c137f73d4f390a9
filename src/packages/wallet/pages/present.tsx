import { useEffect, useState } from 'react'
import Taro, { useDidHide, useDidShow, useRouter } from '@tarojs/taro'
import { View, Text, Button, Image } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useStore } from '@/stores'
import { format, messages } from '@/packages/wallet/messages'
import { Page, LevelGate, navigateTo } from '@/components'
import { NeedLogin } from '@/components/NeedLogin'
import { warmUpQr } from '@/components/qr'
import { chinaDateTimeSeconds } from '@/domain/time'
import { walletStoreOf } from '../store'
import { WALLET_ROUTES, credentialTitle } from '../routes'
import './wallet.css'

const t = messages.wallet

export default observer(function Present() {
  const root = useStore()
  const { platform } = root
  const w = walletStoreOf(root)
  const id = useRouter().params.id ?? ''
  const [captured, setCaptured] = useState(false)
  const [now, setNow] = useState(Date.now())

  useEffect(() => {
    if (root.me.loggedIn && !w.byId(id)) void w.load()
    w.startChoosing(id)
    // Screen-capture guard: weapp hides the page from captures; h5 hides the code in the background.
    platform.setScreenCaptureGuard(true).catch(() => undefined)
    const off = platform.onUserCaptureScreen(() => setCaptured(true))
    const tick = setInterval(() => setNow(Date.now()), 1000)
    const warm = setTimeout(warmUpQr, 50)
    return () => {
      off()
      clearInterval(tick)
      clearTimeout(warm)
      w.stop()
      platform.setScreenCaptureGuard(false).catch(() => undefined)
    }
  }, [id, platform, root.me.loggedIn, w])
  useDidHide(() => w.stop())
  useDidShow(() => {
    if (w.current) void w.present(id)
  })

  if (!root.me.loggedIn) {
    return (
      <Page title={t.present.title}>
        <NeedLogin />
      </Page>
    )
  }
  const c = w.byId(id)
  if (!c) {
    return (
      <Page title={t.present.title}>
        {w.listState.step ? <LevelGate step={w.listState.step} /> : null}
        {w.listState.error ? <View className='notice notice-danger' ariaRole='alert'>{w.listState.error}</View> : null}
      </Page>
    )
  }
  const cur = w.current
  const refreshIn = cur ? Math.min(cur.refreshAfterSeconds, Math.max(0, Math.ceil((w.receivedAt + cur.refreshAfterSeconds * 1000 - Math.max(now, w.receivedAt)) / 1000))) : 0
  return (
    <Page title={`${t.present.title} · ${credentialTitle(c)}`}>
      {captured ? <View className='notice notice-danger' ariaRole='alert' id='present-captured'>{t.present.captured}</View> : null}
      {w.presentState.step ? (
        <View id='present-level'>
          <Text className='card-text'>{t.present.needL3}</Text>
          <LevelGate step={w.presentState.step} />
        </View>
      ) : w.suggestion.length > 0 ? (
        <View className='notice' ariaRole='alert' id='present-suggestion'>
          <Text>{format(t.present.suggest, { fields: w.suggestion.map((k) => t.fields[k]).join('、') })}</Text>
          <Button className='btn' id='present-use-suggestion' onClick={() => void w.acceptSuggestion(id)}>
            {t.present.useSuggestion}
          </Button>
        </View>
      ) : w.presentState.error ? (
        <View className='notice notice-danger' ariaRole='alert'>{w.presentState.error}</View>
      ) : null}
      {w.qr && cur ? (
        <View className='wallet-qr-box' id='present-qr-box'>
          <Image className='wallet-qr' id='present-qr' src={w.qr} mode='aspectFit' ariaLabel={t.present.qrLabel} />
          <View className='wallet-live'>
            <View className='wallet-live-bar' />
          </View>
          <Text className='wallet-clock'>{chinaDateTimeSeconds(new Date(now))}</Text>
          <Text className='text-muted text-small'>{t.present.live} · {format(t.present.refreshIn, { seconds: refreshIn })}</Text>
          {!root.app.online ? <Text className='field-error'>{t.present.offline}</Text> : null}
          <View className='text-small text-muted'>
            <Text>{c.disclosable.filter((k) => w.chosen.includes(k)).map((k) => t.fields[k]).join('、')}</Text>
          </View>
        </View>
      ) : (
        <View>
          <View className='field-label'><Text>{t.present.choose}</Text></View>
          <Text className='card-text text-muted'>{t.present.chooseHint}</Text>
          <View className='choices'>
            {c.disclosable.map((k) => (
              <View
                key={k}
                id={`disclose-${k}`}
                className={w.chosen.includes(k) ? 'choice choice-on' : 'choice'}
                ariaRole='checkbox'
                ariaLabel={`${w.chosen.includes(k) ? '✓' : ''}${t.fields[k]}`}
                onClick={() => w.toggle(k)}
              >
                <Text>{w.chosen.includes(k) ? '✓ ' : ''}{c.type === 'bl' && k === 'n' ? t.enterpriseName : t.fields[k]}</Text>
              </View>
            ))}
          </View>
          <Button className={w.chosen.length ? 'btn' : 'btn btn-disabled'} id='present-show' disabled={w.chosen.length === 0} onClick={() => void w.present(id)}>
            {t.present.show}
          </Button>
        </View>
      )}
      <Button className='btn btn-secondary' onClick={() => void Taro.navigateBack().catch(() => navigateTo(WALLET_ROUTES.list))}>{t.present.back}</Button>
    </Page>
  )
})
