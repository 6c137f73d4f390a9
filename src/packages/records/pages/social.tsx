import { useEffect } from 'react'
import { useDidShow } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useStore } from '@/stores'
import { useRecordsStore } from '@/packages/records/use'
import { format, messages } from '@/packages/records/messages'
import { Page, EmptyState, SectionHeader } from '@/components'
import { NeedLogin } from '@/components/NeedLogin'
import { ProofButton, QueryError, StatusLine, scrollRegion } from '../components/Shared'
import { barHeights, yearLabelled, yuan } from '../store'
import './records.css'

const t = messages.records
const s = t.social

export default observer(function Social() {
  const { me, app } = useStore()
  const records = useRecordsStore()
  useEffect(() => {
    if (me.loggedIn) void records.loadSocial()
    else records.clearDevice()
  }, [records, me.loggedIn])
  // Back from the step a refusal asked for (实名认证, 重新验证, 人脸核验): ask again.
  useDidShow(() => {
    if (me.loggedIn && records.social.step) void records.loadSocial()
  })

  if (!me.loggedIn) {
    return (
      <Page title={s.title}>
        <NeedLogin id='rec-login' text={t.common.needLogin} replace={false} />
      </Page>
    )
  }
  const state = records.social
  const d = state.data
  const heights = d ? barHeights(d.years.map((y) => y.total)) : []
  // Whole years (a bare "20" under a bar read as an amount): as many as fit side by side in a 390 px
  // wide chart, fewer at 关怀模式's 18 px.
  const labels = app.elderMode ? 4 : 6
  return (
    <Page title={s.title}>
      <StatusLine state={state} onRefresh={() => void records.loadSocial(d?.year ?? undefined)} />
      <QueryError state={state} />
      {!d && state.busy ? <Text className='card-text'>{t.common.loading}</Text> : null}
      {d && d.insured.length === 0 && d.years.length === 0 ? <EmptyState title={t.common.none} body={s.empty} /> : null}
      {d && (d.insured.length > 0 || d.years.length > 0) ? (
        <>
          <View className='rec-figures'>
            <View className='rec-figure'>
              <Text className='rec-figure-label'>{s.totalMonths}</Text>
              <Text className='rec-figure-value' id='ss-total-months'>{format(t.common.months, { n: d.totalPaidMonths })}</Text>
            </View>
            {d.pension ? (
              <View className='rec-figure'>
                <Text className='rec-figure-label'>{s.pensionMonthly}</Text>
                <Text className='rec-figure-value'>{format(t.common.yuan, { amount: yuan(d.pension.monthly) })}</Text>
              </View>
            ) : (
              <View className='rec-figure'>
                <Text className='rec-figure-label'>{s.pensionAccount}</Text>
                <Text className='rec-figure-value'>{format(t.common.yuan, { amount: yuan(d.pensionAccount) })}</Text>
              </View>
            )}
          </View>

          <SectionHeader title={s.insured} />
          <View className='list' id='ss-insured'>
            {d.insured.map((i) => (
              <View className='list-row' key={i.insurance}>
                <View className='rec-row-main'>
                  <Text>{t.insurance[i.insurance]}</Text>
                  <Text className='text-muted text-small'>{format(s.since, { date: i.since })}</Text>
                  {i.employer ? <Text className='text-muted text-small'>{format(s.employer, { name: i.employer })}</Text> : null}
                </View>
                <Text className={`rec-tag ${i.status === 'suspended' ? 'rec-tag-warn' : 'rec-tag-ok'}`}>{t.insuredStatus[i.status]}</Text>
              </View>
            ))}
          </View>

          {d.years.length > 0 ? (
            <>
              <SectionHeader title={s.chart} />
              <View className='rec-chart' id='ss-chart' ariaRole='img' ariaLabel={d.years.map((y) => format(s.chartLabel, { year: y.year, amount: yuan(y.total), months: y.paidMonths })).join('；')}>
                <View className='rec-bars' {...scrollRegion}>
                  {d.years.map((y, i) => (
                    // A tap on a bar opens its year, a shortcut for pointers: a bar is too narrow for a
                    // control of its own (and the chart is one image to a screen reader), so the
                    // year tabs below are the accessible way.
                    <View key={y.year} className='rec-bar-col' onClick={() => void records.loadSocial(y.year)}>
                      <View className={`rec-bar${y.year === d.year ? ' rec-bar-on' : ''}${y.owedMonths > 0 ? ' rec-bar-owed' : ''}`} style={{ height: `${heights[i]}%` }} />
                      {/* A no-break space keeps unlabelled columns' bars on the same baseline. */}
                      <Text className='rec-bar-year'>{yearLabelled(d.years.length, i, labels) ? String(y.year) : '\u00a0'}</Text>
                    </View>
                  ))}
                </View>
                {d.year !== null ? (
                  <Text className='rec-chart-caption' id='ss-chart-caption'>
                    {(() => {
                      const y = d.years.find((x) => x.year === d.year)
                      return y ? format(s.chartLabel, { year: y.year, amount: yuan(y.total), months: y.paidMonths }) : ''
                    })()}
                  </Text>
                ) : null}
              </View>
            </>
          ) : null}

          {d.year !== null ? (
            <>
              <SectionHeader title={format(s.months, { year: d.year })} />
              <View className='rec-years' id='ss-years' ariaRole='tablist' ariaLabel={format(s.months, { year: d.year })} {...scrollRegion}>
                {[...d.years].reverse().map((y) => (
                  <View key={y.year} className={y.year === d.year ? 'choice choice-on' : 'choice'} ariaRole='tab' ariaLabel={y.year === d.year ? `${y.year}（已选）` : String(y.year)} onClick={() => void records.loadSocial(y.year)}>
                    <Text>{y.year}</Text>
                  </View>
                ))}
              </View>
              {d.months.some((m) => m.status === 'owed') ? <View className='notice'>{s.owedHint}</View> : null}
              <View className='list' id='ss-months'>
                {d.months.map((m) => (
                  <View className='list-row' key={m.month}>
                    <View className='rec-row-main'>
                      <Text>{m.month}</Text>
                      <Text className='text-muted text-small'>{m.employer}</Text>
                      <Text className='text-muted text-small'>{`${s.base} ${yuan(m.base)} ／ ${s.employerPart} ${yuan(m.employerPart)} ／ ${s.personalPart} ${yuan(m.personalPart)}`}</Text>
                    </View>
                    <Text className={`rec-tag ${m.status === 'owed' ? 'rec-tag-bad' : 'rec-tag-ok'}`}>{s.status[m.status]}</Text>
                  </View>
                ))}
              </View>
            </>
          ) : null}

          {d.pension ? (
            <>
              <SectionHeader title={s.pension} />
              <View className='list'>
                <View className='list-row'><Text className='list-row-label'>{format(s.pensionSince, { date: d.pension.startedOn })}</Text></View>
                {d.pension.payments.map((p) => (
                  <View className='list-row' key={p.month}>
                    <Text>{p.month}</Text>
                    <Text className='list-row-value'>{`${s.pensionPaid} ${format(t.common.yuan, { amount: yuan(p.amount) })}`}</Text>
                  </View>
                ))}
              </View>
            </>
          ) : null}
          {!state.offline && d.subject ? <ProofButton kind='social_security' /> : null}
        </>
      ) : null}
    </Page>
  )
})
