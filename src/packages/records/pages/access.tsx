import { useEffect } from 'react'
import { View, Text } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useStore } from '@/stores'
import { useRecordsStore } from '@/packages/records/use'
import { format, messages } from '@/packages/records/messages'
import { Page, EmptyState } from '@/components'
import { NeedLogin } from '@/components/NeedLogin'
import { chinaTimeText } from '@/domain/time'
import { QueryError } from '../components/Shared'
import './records.css'

const t = messages.records
const a = t.access

function channelName(c: string): string {
  return (a.channels as Record<string, string>)[c] ?? a.channels.unknown
}

export default observer(function Access() {
  const { me } = useStore()
  const records = useRecordsStore()
  useEffect(() => {
    if (me.loggedIn) void records.loadAccess()
  }, [records, me.loggedIn])

  if (!me.loggedIn) {
    return (
      <Page title={a.title}>
        <NeedLogin id='rec-login' text={t.common.needLogin} replace={false} />
      </Page>
    )
  }
  return (
    <Page title={a.title}>
      <Text className='card-text text-muted'>{a.intro}</Text>
      <QueryError state={records.accessState} />
      {!records.accessState.busy && !records.accessState.error && records.access.length === 0 ? <EmptyState title={t.common.none} body={a.empty} /> : null}
      {records.access.length > 0 ? (
        <View className='list' id='access-list'>
          {records.access.map((e, i) => (
            <View className='list-row access-row' key={`${e.at}-${i}`}>
              <View className='rec-row-main'>
                <Text>{a.actions[e.action]}</Text>
                {e.action === 'case_material.view' && e.department ? (
                  <Text className='text-muted text-small access-staff-viewed'>{format(a.staffViewed, { department: e.department, material: e.subject ?? '' })}</Text>
                ) : (
                  <Text className='text-muted text-small'>{format(a.who[e.who], { name: e.actor })}</Text>
                )}
              </View>
              <View className='rec-row-main'>
                <Text className='text-small'>{chinaTimeText(e.at)}</Text>
                <Text className='text-muted text-small'>{channelName(e.channel)}</Text>
              </View>
            </View>
          ))}
        </View>
      ) : null}
    </Page>
  )
})
