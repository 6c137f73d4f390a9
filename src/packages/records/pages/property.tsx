import { useEffect } from 'react'
import { useDidShow } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useStore } from '@/stores'
import { useRecordsStore } from '@/packages/records/use'
import { format, messages } from '@/packages/records/messages'
import { Page, EmptyState, SectionHeader } from '@/components'
import { NeedLogin } from '@/components/NeedLogin'
import { ProofButton, QueryError, StatusLine } from '../components/Shared'
import { yuan } from '../store'
import './records.css'

const t = messages.records
const p = t.property

export default observer(function Property() {
  const { me } = useStore()
  const records = useRecordsStore()
  useEffect(() => {
    if (me.loggedIn) void records.loadProperty()
    else records.clearDevice()
  }, [records, me.loggedIn])
  // Back from the step a refusal asked for (实名认证, 重新验证, 人脸核验): ask again.
  useDidShow(() => {
    if (me.loggedIn && records.property.step) void records.loadProperty()
  })

  if (!me.loggedIn) {
    return (
      <Page title={p.title}>
        <NeedLogin id='rec-login' text={t.common.needLogin} replace={false} />
      </Page>
    )
  }
  const state = records.property
  const d = state.data
  return (
    <Page title={p.title}>
      <StatusLine state={state} onRefresh={() => void records.loadProperty()} />
      <QueryError state={state} />
      {!d && state.busy ? <Text className='card-text'>{t.common.loading}</Text> : null}
      {d && d.units.length === 0 ? (
        <>
          <EmptyState title={t.common.none} body={p.empty} />
          {!state.offline ? <ProofButton kind='no_property' /> : null}
        </>
      ) : null}
      {d && d.units.length > 0 ? (
        <>
          <SectionHeader title={p.units} />
          {d.units.map((u) => (
            <View className='list re-unit' key={u.id}>
              <View className='list-row'><Text className='list-row-label'>{p.location}</Text><Text className='list-row-value'>{u.location}</Text></View>
              <View className='list-row'><Text className='list-row-label'>{p.certNo}</Text><Text className='list-row-value'>{u.certNo}</Text></View>
              <View className='list-row'><Text className='list-row-label'>{p.unitNo}</Text><Text className='list-row-value'>{u.unitNo}</Text></View>
              <View className='list-row'><Text className='list-row-label'>{p.area}</Text><Text className='list-row-value'>{format(p.areaValue, { area: u.areaM2.toFixed(2) })}</Text></View>
              <View className='list-row'><Text className='list-row-label'>{p.use}</Text><Text className='list-row-value'>{p.uses[u.use]}</Text></View>
              <View className='list-row'><Text className='list-row-label'>{p.rightType}</Text><Text className='list-row-value'>{u.rightType}</Text></View>
              <View className='list-row'><Text className='list-row-label'>{p.share}</Text><Text className='list-row-value'>{u.share}</Text></View>
              <View className='list-row'><Text className='list-row-label'>{p.registeredOn}</Text><Text className='list-row-value'>{u.registeredOn}</Text></View>
              <View className='list-row'>
                <Text>{p.mortgage}</Text>
                {u.mortgage ? (
                  <Text className='list-row-value'>{format(p.mortgageValue, { holder: u.mortgage.holder, since: u.mortgage.since, amount: yuan(u.mortgage.amount) })}</Text>
                ) : (
                  <Text className='list-row-value'>{t.common.none}</Text>
                )}
              </View>
              <View className='list-row'>
                <Text>{p.seized}</Text>
                <Text className={`rec-tag ${u.seized ? 'rec-tag-bad' : 'rec-tag-ok'}`}>{u.seized ? p.seizedYes : t.common.none}</Text>
              </View>
              <View className='list-row'>
                <View className='rec-row-main'>
                  <Text>{p.history}</Text>
                  {u.history.map((h, i) => (
                    <Text className='text-muted text-small' key={i}>{`${h.date} ${p.events[h.kind]} ${h.note}`}</Text>
                  ))}
                </View>
              </View>
            </View>
          ))}
          {!state.offline ? <ProofButton kind='property' /> : null}
        </>
      ) : null}
    </Page>
  )
})
