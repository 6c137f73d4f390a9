// Public progress lookup: case number + query code from the receipt, no login (rate-limited).
import { useState } from 'react'
import { useRouter } from '@tarojs/taro'
import { View, Text, Button } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { format, messages } from '@/packages/cases/messages'
import { Page, TextInput } from '@/components'
import { chinaTimeText } from '@/domain/time'
import { useCases } from '../use'
import './index.css'

const t = messages.cases

export default observer(function Lookup() {
  const store = useCases()
  const { params } = useRouter()
  const [number, setNumber] = useState(params.number ?? '')
  const [code, setCode] = useState('')
  const r = store.lookupResult
  return (
    <Page title={t.lookup.title}>
      <Text className='card-text text-muted'>{t.lookup.intro}</Text>
      <View className='field'>
        <View className='field-label'><Text>{t.lookup.number}</Text></View>
        <TextInput id='lookup-number' className='input' value={number} maxlength={24} ariaLabel={t.lookup.number} onInput={(e) => setNumber(e.detail.value.toUpperCase())} />
      </View>
      <View className='field'>
        <View className='field-label'><Text>{t.lookup.code}</Text></View>
        <TextInput id='lookup-code' className='input' value={code} maxlength={12} ariaLabel={t.lookup.code} onInput={(e) => setCode(e.detail.value.toUpperCase())} />
      </View>
      <Button className='btn' id='lookup-submit' disabled={store.lookupState.busy !== '' || !number || !code} onClick={() => void store.lookup(number, code)}>{t.lookup.submit}</Button>
      {store.lookupState.error ? <View className='notice notice-danger' ariaRole='alert'><Text>{store.lookupState.error}</Text></View> : null}
      {r ? (
        <View className='card' id='lookup-result'>
          <Text className='card-text'>{r.itemName}</Text>
          <Text className='case-state'>{t.states[r.state]}</Text>
          {r.dueOn ? <Text className='text-muted'>{format(t.list.due, { date: r.dueOn })}</Text> : null}
          {r.overdue ? <Text className='case-overdue'>⚠ {t.list.overdue}</Text> : null}
          {r.events.map((e, i) => (
            <View key={i} className='case-timeline-item'><Text>{t.states[e.to]} · {chinaTimeText(e.at)}</Text></View>
          ))}
        </View>
      ) : null}
    </Page>
  )
})
