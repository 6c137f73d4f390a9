import { View, Text, Button } from '@tarojs/components'
import { messages } from '@/domain/messages/main'
import { useDidShow } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { observer } from 'mobx-react-lite'
import { useStore } from '@/stores'
import { Page, ElderSwitch, navigateTo, ROUTES, MaskedText } from '@/components'
import { ACCOUNT_ROUTES } from '@/components/accountRoutes'
import { platform } from '@/platform'
import './index.css'

const t = messages.ui.me

function Row({ label, value, onTap }: { label: string; value?: string; onTap: () => void }) {
  return (
    <View className='list-row' ariaRole='button' ariaLabel={value ? `${label}，${value}` : label} hoverClass='list-row-hover' onClick={onTap}>
      <Text>{label}</Text>
      <View>
        {value ? <Text className='list-row-value'>{value}</Text> : null}
        <Text className='chevron'>›</Text>
      </View>
    </View>
  )
}

const ta = messages.account

/** Login entry (owned by the account package): masked identity and account pages when signed in. */
const LoginEntry = observer(function LoginEntry() {
  const { me: who } = useStore()
  // A failed refresh keeps what was shown; the account pages report errors where they act.
  useDidShow(() => void who.load().catch(() => undefined))
  if (!who.loggedIn) {
    return (
      <View className='card me-login'>
        <Text className='me-login-title'>{t.loggedOut}</Text>
        <Text className='card-text text-muted'>{t.loggedOutHint}</Text>
        <Button className='btn' id='me-login' onClick={() => navigateTo(ACCOUNT_ROUTES.login)}>{t.login}</Button>
      </View>
    )
  }
  const me = who.me
  return (
    <View className='card me-login' id='me-identity'>
      {me ? (
        <View>
          <View className='me-login-title'>
            {me.realName ? <MaskedText kind='name' value={me.realName.name} /> : <MaskedText kind='phone' value={me.phone} />}
          </View>
          <Text className='card-text text-muted'>{ta.levels[me.level]}{me.acting.kind !== 'self' ? ` · ${me.acting.label}` : ''}</Text>
        </View>
      ) : (
        <Text className='me-login-title'>{ta.me.loggedIn}</Text>
      )}
      <View className='list'>
        {me && !me.realName ? <Row label={ta.me.realName} onTap={() => navigateTo(ACCOUNT_ROUTES.realName)} /> : null}
        {me?.realName && me.level !== 'L3' ? <Row label={ta.me.face} onTap={() => navigateTo(ACCOUNT_ROUTES.face)} /> : null}
        <Row label={ta.me.security} onTap={() => navigateTo(ACCOUNT_ROUTES.security)} />
        <Row label={ta.me.acting} onTap={() => navigateTo(ACCOUNT_ROUTES.acting)} />
        <Row label={ta.me.mandates} onTap={() => navigateTo(ACCOUNT_ROUTES.mandates)} />
        <Row label={ta.me.privacy} onTap={() => navigateTo(ACCOUNT_ROUTES.privacy)} />
      </View>
    </View>
  )
})

/** "Add to home screen", only where the browser offers it (h5: beforeinstallprompt). */
function InstallRow() {
  const [available, setAvailable] = useState(false)
  useEffect(() => platform.onInstallAvailable?.(setAvailable), [])
  if (!available) return null
  return <Row label={t.install} value={t.installHint} onTap={() => void platform.promptInstall?.()} />
}

export default function Me() {
  return (
    <Page title={t.title}>
      <LoginEntry />

      <View className='list'>
        <Row label={t.rows.bookings} onTap={() => navigateTo(ROUTES.bookings)} />
        <Row label={t.rows.cases} onTap={() => navigateTo(ROUTES.cases)} />
        <Row label={t.rows.wallet} onTap={() => navigateTo(ROUTES.wallet)} />
        <Row label={t.rows.social} onTap={() => navigateTo(ROUTES.social)} />
        <Row label={t.rows.fund} onTap={() => navigateTo(ROUTES.fund)} />
        <Row label={t.rows.property} onTap={() => navigateTo(ROUTES.property)} />
        <Row label={t.rows.proofs} onTap={() => navigateTo(ROUTES.proofs)} />
        <Row label={t.rows.access} onTap={() => navigateTo(ROUTES.accessLog)} />
      </View>

      <View className='list'>
        <ElderSwitch />
        <InstallRow />
        <Row label={t.settings} onTap={() => navigateTo(ROUTES.settings)} />
        <Row label={t.feedback} onTap={() => navigateTo(ROUTES.feedback)} />
      </View>

      <View className='list'>
        <Row label={t.about} onTap={() => navigateTo(`${ROUTES.settings}?section=about`)} />
        <Row label={t.privacy} onTap={() => navigateTo(ROUTES.privacy)} />
        <Row label={t.rows.staff} onTap={() => navigateTo(ROUTES.staff)} />
      </View>
    </Page>
  )
}
