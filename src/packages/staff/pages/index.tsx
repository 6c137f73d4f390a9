import { useEffect } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { View, Text, Button } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useStore } from '@/stores'
import { format, messages } from '@/packages/staff/messages'
import { Page, navigateTo } from '@/components'
import { staffStoreOf } from '../store'
import { STAFF_ROUTES, ageText } from '../routes'

const t = messages.staff.home

function Row({ label, hint, id, onTap }: { label: string; hint?: string; id: string; onTap: () => void }) {
  return (
    <View className='list-row' id={id} ariaRole='button' hoverClass='list-row-hover' onClick={onTap}>
      <View>
        <Text>{label}</Text>
        {hint ? <View className='text-muted text-small'><Text>{hint}</Text></View> : null}
      </View>
      <Text className='chevron'>›</Text>
    </View>
  )
}

/** Staff home: the scanner first, then the other areas' staff pages, cache state, sign-out. */
export default observer(function StaffHome() {
  const { platform } = useStore()
  const st = staffStoreOf(platform)
  useEffect(() => {
    if (!st.loggedIn) void Taro.redirectTo({ url: STAFF_ROUTES.login })
  }, [st.loggedIn])
  useDidShow(() => {
    st.tick()
    if (st.loggedIn) {
      void st.loadMe()
      void st.sync()
    }
  })
  if (!st.loggedIn) return <Page title={t.title} />
  return (
    <Page title={st.me ? format(t.hello, { name: st.me.displayName }) : t.title}>
      <View className='list'>
        <Row id='staff-scan' label={t.scan} hint={t.scanHint} onTap={() => navigateTo(STAFF_ROUTES.scan)} />
        <Row id='staff-day' label={t.day} onTap={() => navigateTo(STAFF_ROUTES.day)} />
        <Row id='staff-cases' label={t.cases} onTap={() => navigateTo(STAFF_ROUTES.cases)} />
      </View>
      <View className='card'>
        <Text className='card-text text-muted'>{format(t.keysAge, { age: ageText(st.keys?.fetchedAt, st.now) })}</Text>
        <Text className='card-text text-muted'>{format(t.revAge, { age: ageText(st.revocations?.fetchedAt, st.now) })}</Text>
        {st.queue.length ? <Text className='card-text'>{format(t.pending, { n: st.queue.length })}</Text> : null}
        <Button className='btn btn-secondary' id='staff-refresh' onClick={() => void st.refreshCaches().then(() => st.flush())}>{t.refresh}</Button>
      </View>
      <Button className='btn btn-secondary' id='staff-logout' onClick={() => void st.logout().then(() => Taro.redirectTo({ url: STAFF_ROUTES.login }))}>{t.logout}</Button>
    </Page>
  )
})
