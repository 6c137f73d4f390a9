// One case: state, due date (overdue, paused), query code, 秒批 results, timeline (newest first),
// materials, and what the applicant can do now: supplement, hand in a deferred material,
// withdraw a commitment, withdraw the case, rate once after conclusion.
import { useEffect, useState } from 'react'
import { useRouter } from '@tarojs/taro'
import { View, Text, Button } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { format, messages } from '@/packages/cases/messages'
import { Page } from '@/components'
import { ProgressReminder } from '@/components/ProgressReminder'
import { RatingForm, RatingShown } from '@/components/RatingForm'
import { asksForDeferred } from '@/domain/cases/states'
import { chinaTimeText } from '@/domain/time'
import { useCases } from '../use'
import { ruleLine } from '../ruleLine'
import type { CasesStore } from '../store'
import './index.css'

const t = messages.cases

const Picker = observer(function PickerRow({ store, name }: { store: CasesStore; name: string }) {
  const files = store.picked[name] ?? []
  return (
    <View>
      {files.map((f) => <Text key={f.fileId} className='text-muted text-small'>✓ {f.name}</Text>)}
      <View className='btn-row'>
        <Button className='btn btn-secondary' id={`pick-${name}`} onClick={() => void store.pick(name, 'image')}>{messages.cases.apply.upload}</Button>
        <Button className='btn btn-secondary' onClick={() => void store.pick(name, 'pdf')}>PDF</Button>
      </View>
    </View>
  )
})

export default observer(function CaseDetailPage() {
  const store = useCases()
  const { params } = useRouter()
  const [confirm, setConfirm] = useState(false)
  useEffect(() => {
    if (params.id) void store.load(params.id)
  }, [params.id, store])
  const c = store.detail
  if (!c) return <Page title={t.detail.title}><Text className='text-muted'>{store.detailState.error || messages.account.common.loading}</Text></Page>
  return (
    <Page title={c.itemName}>
      <View className='card'>
        <Text className='text-muted'>{t.detail.number}</Text>
        <Text className='case-code case-number' userSelect>{c.number}</Text>
        {c.bundleNumber ? <Text className='text-muted text-small'>{t.result.bundleNumber}：{c.bundleNumber}</Text> : null}
        {c.queryCode ? (
          <View>
            <Text className='text-muted text-small'>{t.detail.queryCode}：</Text>
            <Text className='case-query-code' userSelect>{c.queryCode}</Text>
          </View>
        ) : null}
        <View><Text className='text-muted'>{t.detail.state}：</Text><Text className='case-state' id='case-state'>{t.states[c.state]}</Text></View>
        {c.dueOn ? (
          <View>
            <Text className='text-muted'>{t.detail.due}：</Text><Text>{c.dueOn}</Text>
            {c.dueProvisional ? <Text className='text-muted text-small'>{t.detail.dueProvisional}</Text> : null}
          </View>
        ) : null}
        {c.overdue ? <Text className='case-overdue'>⚠ {t.detail.overdue}</Text> : null}
        {c.state === 'supplement_requested' && c.dueOn ? <Text className='text-muted text-small'>{t.detail.paused}</Text> : null}
      </View>

      {/* A 即办件 sent to an officer: the server's reason (which rule, or which 容缺 material). */}
      {c.manualReview ? <View className='notice' id='case-manual-review'><Text>{c.manualReview}</Text></View> : null}
      {store.detailState.error ? <View className='notice notice-danger' ariaRole='alert'><Text>{store.detailState.error}</Text></View> : null}
      {/* Each grant covers one message: offer it again while steps are still to come. */}
      {c.actions.includes('withdraw') || c.state === 'supplement_requested' ? <ProgressReminder /> : null}

      {c.actions.includes('supplement') ? (
        <View className='card' id='case-supplement'>
          <Text className='card-text'>{t.detail.supplementAsked}{c.supplementRequest}</Text>
          {c.materials.filter((m) => m.mode === 'upload' || m.mode === 'shared').map((m) => (
            <View key={m.name}>
              <Text>{m.name}</Text>
              <Picker store={store} name={m.name} />
            </View>
          ))}
          <Button className='btn' id='supplement-submit' disabled={store.detailState.busy !== '' || Object.keys(store.picked).length === 0} onClick={() => void store.supplement()}>{t.detail.supplementSubmit}</Button>
        </View>
      ) : null}

      {c.rules ? (
        <View className='card'>
          <Text className='card-text'>{t.detail.rules}</Text>
          {c.rules.map((r) => (
            <View key={r.id}><Text>{ruleLine(r)}</Text></View>
          ))}
        </View>
      ) : null}

      <View className='section-header'><Text className='section-header-title'>{t.detail.materials}</Text></View>
      <View className='card'>
        {c.materials.map((m) => (
          <View key={m.name} className='field'>
            <Text>{m.name}：{t.modes[m.mode]}{m.files.length ? `（${m.files.length}）` : ''}</Text>
            {m.mode === 'deferred' && !m.provided ? (
              // Asked for only while the case is open; once it has ended, the page says so instead.
              asksForDeferred(c.state) && !m.noLongerNeeded ? (
                <View>
                  <Text className='text-muted text-small'>{format(t.detail.deferredDue, { date: m.dueOn ?? '' })}</Text>
                  <Picker store={store} name={m.name} />
                  <Button className='btn btn-secondary' disabled={!(store.picked[m.name]?.length)} onClick={() => void store.provide(m.name)}>{t.detail.provideDeferred}</Button>
                </View>
              ) : (
                <View><Text className='text-muted text-small' id='case-deferred-not-needed'>{t.detail.deferredNotNeeded}</Text></View>
              )
            ) : null}
            {m.commitment && !m.commitment.withdrawn && c.actions.includes('withdraw') ? (
              <Button className='btn btn-secondary' size='mini' onClick={() => void store.withdrawCommitment(m.name)}>{t.detail.withdrawCommitment}</Button>
            ) : null}
          </View>
        ))}
      </View>

      <View className='section-header'><Text className='section-header-title'>{t.detail.timeline}</Text></View>
      <View className='card' id='case-timeline'>
        {c.events.map((e, i) => (
          <View key={`${e.at}-${i}`} className='case-timeline-item'>
            <View><Text className='case-state'>{t.states[e.to]}</Text></View>
            <View><Text className='text-muted text-small'>{chinaTimeText(e.at)} · {t.actors[e.actor as keyof typeof t.actors] ?? e.actor}{e.actorName ? `（${e.actorName}）` : ''}</Text></View>
            {e.comment ? <View><Text className='text-small'>{e.comment}</Text></View> : null}
          </View>
        ))}
      </View>

      {c.rating ? <RatingShown rating={c.rating} /> : null}
      {c.rating?.followUpDueOn && !c.rating.reply ? <ProgressReminder kind='rating_reply' /> : null}
      {c.canRate ? <RatingForm id='case-rating' busy={store.detailState.busy !== ''} onSubmit={(level, tags, comment) => void store.rate(level, tags, comment)} /> : null}

      {c.actions.includes('withdraw') ? (
        confirm ? (
          <View className='notice'>
            <Text>{t.detail.withdrawConfirm}</Text>
            <View className='btn-row'>
              <Button className='btn btn-danger' onClick={() => void store.withdraw().then(() => setConfirm(false))}>{t.detail.withdraw}</Button>
              <Button className='btn btn-secondary' onClick={() => setConfirm(false)}>{messages.account.common.back}</Button>
            </View>
          </View>
        ) : (
          <Button className='btn btn-secondary' onClick={() => setConfirm(true)}>{t.detail.withdraw}</Button>
        )
      ) : null}
    </Page>
  )
})
