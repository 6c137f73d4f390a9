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

/** Staff sign-in: work account + password + TOTP (POST /api/staff/login). */
export default observer(function StaffLogin() {
  const { platform } = useStore()
  const st = staffStoreOf(platform)
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [totp, setTotp] = useState('')
  const submit = async () => {
    if (await st.login(username, password, totp)) void Taro.redirectTo({ url: STAFF_ROUTES.home })
  }
  const ready = username.trim() !== '' && password !== '' && /^\d{6}$/.test(totp.trim())
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
