import { useState } from 'react'
import Taro from '@tarojs/taro'
import { View, Text, Button } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useStore } from '@/stores'
import { messages } from '@/packages/staff/messages'
import { Page, TextInput } from '@/components'
import { staffStoreOf } from '../store'
import { STAFF_ROUTES } from '../routes'

const t = messages.staff.login
const ts = messages.staff.setup

/**
 * Staff sign-in: work account + password + TOTP (POST /api/staff/login). An account on its
 * one-time password (bootstrap or reset) is sent through the first sign-in step on the same page:
 * a fresh code from the newly enrolled authenticator and a new password (POST /api/staff/setup).
 */
export default observer(function StaffLogin() {
  const { platform } = useStore()
  const st = staffStoreOf(platform)
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [totp, setTotp] = useState('')
  const [newPassword, setNewPassword] = useState('')
  const [confirm, setConfirm] = useState('')
  const submit = async () => {
    if (await st.login(username, password, totp)) void Taro.redirectTo({ url: STAFF_ROUTES.home })
    else if (st.needsSetup) setTotp('')
  }
  const ready = username.trim() !== '' && password !== '' && /^\d{6}$/.test(totp.trim())
  if (st.needsSetup) {
    const mismatch = confirm !== '' && confirm !== newPassword
    const withPassword = st.setupPassword
    const setupReady = ready && (!withPassword || (newPassword !== '' && confirm === newPassword))
    const finish = async () => {
      if (await st.setup(username, password, totp, withPassword ? newPassword : undefined)) void Taro.redirectTo({ url: STAFF_ROUTES.home })
    }
    return (
      <Page title={withPassword ? ts.title : ts.enrolTitle}>
        <Text className='card-text'>{withPassword ? ts.intro : ts.enrolIntro}</Text>
        <View className='field'>
          <View className='field-label'><Text>{ts.totp}</Text></View>
          <TextInput className='input' id='staff-setup-totp' type='number' value={totp} maxlength={6} ariaLabel={ts.totp} onInput={(e) => setTotp(e.detail.value)} />
        </View>
        {withPassword ? (
          <View>
            <View className='field'>
              <View className='field-label'><Text>{ts.newPassword}</Text></View>
              <TextInput className='input' id='staff-new-password' password value={newPassword} maxlength={200} ariaLabel={ts.newPassword} onInput={(e) => setNewPassword(e.detail.value)} />
              <Text className='card-text text-muted'>{ts.rule}</Text>
            </View>
            <View className='field'>
              <View className='field-label'><Text>{ts.confirm}</Text></View>
              <TextInput className='input' id='staff-confirm-password' password value={confirm} maxlength={200} ariaLabel={ts.confirm} onInput={(e) => setConfirm(e.detail.value)} />
            </View>
          </View>
        ) : null}
        {mismatch ? <View className='notice notice-danger' ariaRole='alert'>{ts.mismatch}</View> : st.error ? <View className='notice notice-danger' ariaRole='alert'>{st.error}</View> : null}
        <Button className={setupReady && !st.busy ? 'btn' : 'btn btn-disabled'} id='staff-setup' disabled={!setupReady || st.busy} onClick={() => void finish()}>{withPassword ? ts.submit : ts.enrolSubmit}</Button>
        <Button className='btn btn-secondary' id='staff-setup-back' onClick={() => st.leaveSetup()}>{ts.back}</Button>
      </Page>
    )
  }
  return (
    <Page title={t.title}>
      <Text className='card-text text-muted'>{t.hint}</Text>
      <View className='field'>
        <View className='field-label'><Text>{t.username}</Text></View>
        <TextInput className='input' id='staff-username' value={username} maxlength={64} ariaLabel={t.username} onInput={(e) => setUsername(e.detail.value)} />
      </View>
      <View className='field'>
        <View className='field-label'><Text>{t.password}</Text></View>
        <TextInput className='input' id='staff-password' password value={password} maxlength={200} ariaLabel={t.password} onInput={(e) => setPassword(e.detail.value)} />
      </View>
      <View className='field'>
        <View className='field-label'><Text>{t.totp}</Text></View>
        <TextInput className='input' id='staff-totp' type='number' value={totp} maxlength={6} ariaLabel={t.totp} onInput={(e) => setTotp(e.detail.value)} />
      </View>
      {st.error ? <View className='notice notice-danger' ariaRole='alert'>{st.error}</View> : null}
      <Button className={ready && !st.busy ? 'btn' : 'btn btn-disabled'} id='staff-login' disabled={!ready || st.busy} onClick={() => void submit()}>{t.submit}</Button>
    </Page>
  )
})
