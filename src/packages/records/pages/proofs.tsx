import { useEffect } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { View, Text, Button } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useStore } from '@/stores'
import { useRecordsStore } from '@/packages/records/use'
import { format, messages } from '@/packages/records/messages'
import { Page, EmptyState, SectionHeader } from '@/components'
import { NeedLogin } from '@/components/NeedLogin'
import { chinaTimeText } from '@/domain/time'
import { RECORDS_ROUTES } from '../routes'
import './records.css'

const t = messages.records
const pr = t.proofs
const PROOF_VALID_DAYS = 30

export default observer(function Proofs() {
  const { me } = useStore()
  const records = useRecordsStore()
  const made = useRouter().params.made
  useEffect(() => {
    if (me.loggedIn) void records.loadProofs()
    else records.clearDevice()
  }, [records, me.loggedIn])

  if (!me.loggedIn) {
    return (
      <Page title={pr.title}>
        <NeedLogin id='rec-login' text={t.common.needLogin} replace={false} />
      </Page>
    )
  }
  return (
    <Page title={pr.title}>
      {made ? <View className='notice notice-success' ariaRole='status' id='proof-made'>{t.common.proofMade}</View> : null}
      {records.proofsOffline ? <View className='notice' ariaRole='status'>{t.common.offlineCopy}</View> : null}
      {records.proofsState.error ? <View className='notice notice-danger' ariaRole='alert'>{records.proofsState.error}</View> : null}
      {records.makeState.error ? <View className='notice notice-danger' ariaRole='alert'>{records.makeState.error}</View> : null}
      <Text className='card-text text-muted'>{format(pr.hint, { days: PROOF_VALID_DAYS })}</Text>
      {records.proofs.length === 0 && !records.proofsState.busy && !records.proofsState.error ? (
        <EmptyState title={pr.title} body={pr.empty} actionLabel={t.entry.social} onAction={() => void Taro.navigateTo({ url: RECORDS_ROUTES.social })} />
      ) : null}
      {records.proofs.length > 0 ? (
        <View className='list' id='proof-list'>
          {records.proofs.map((p) => (
            <View className='list-row proof-row' key={p.id}>
              <View className='rec-row-main'>
                <Text>{pr.kinds[p.kind]}</Text>
                <Text className='text-muted text-small proof-number'>{format(pr.number, { number: p.number })}</Text>
                <Text className='text-muted text-small'>{format(pr.issuedAt, { time: chinaTimeText(p.issuedAt) })}</Text>
                <Text className='text-muted text-small'>{format(pr.expiresAt, { time: chinaTimeText(p.expiresAt) })}</Text>
              </View>
              <View className='rec-row-main'>
                <Text className={`rec-tag ${p.status === 'valid' ? 'rec-tag-ok' : 'rec-tag-bad'}`}>{pr.status[p.status]}</Text>
                {p.status === 'valid' && !records.proofsOffline ? (
                  <Button className='btn btn-secondary rec-refresh' onClick={() => void records.openProof(p.id)}>{pr.open}</Button>
                ) : null}
              </View>
            </View>
          ))}
        </View>
      ) : null}
      <SectionHeader title={pr.make} />
      <View className='list'>
        <View className='list-row' ariaRole='link' onClick={() => void Taro.navigateTo({ url: RECORDS_ROUTES.social })}><Text>{pr.kinds.social_security}</Text><Text className='chevron'>›</Text></View>
        <View className='list-row' ariaRole='link' onClick={() => void Taro.navigateTo({ url: RECORDS_ROUTES.fund })}><Text>{pr.kinds.provident_fund}</Text><Text className='chevron'>›</Text></View>
        <View className='list-row' ariaRole='link' onClick={() => void Taro.navigateTo({ url: RECORDS_ROUTES.property })}><Text>{`${pr.kinds.property} ／ ${pr.kinds.no_property}`}</Text><Text className='chevron'>›</Text></View>
        <View className='list-row' ariaRole='link' onClick={() => void Taro.navigateTo({ url: RECORDS_ROUTES.verify })}><Text>{t.verify.title}</Text><Text className='chevron'>›</Text></View>
      </View>
    </Page>
  )
})
