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
import { yuan } from '../store'
import './records.css'

const t = messages.records
const f = t.fund
const money = (cents: number) => format(t.common.yuan, { amount: yuan(cents) })

export default observer(function Fund() {
  const { me } = useStore()
  const records = useRecordsStore()
  useEffect(() => {
    if (me.loggedIn) void records.loadFund()
    else records.clearDevice()
  }, [records, me.loggedIn])
  // Back from the step a refusal asked for (实名认证, 重新验证, 人脸核验): ask again.
  useDidShow(() => {
    if (me.loggedIn && records.fund.step) void records.loadFund()
  })

  if (!me.loggedIn) {
    return (
      <Page title={f.title}>
        <NeedLogin id='rec-login' text={t.common.needLogin} replace={false} />
      </Page>
    )
  }
  const state = records.fund
  const d = state.data
  const a = d?.account
  return (
    <Page title={f.title}>
      <StatusLine state={state} onRefresh={() => void records.loadFund(d?.year ?? undefined)} />
      <QueryError state={state} />
      {!d && state.busy ? <Text className='card-text'>{t.common.loading}</Text> : null}
      {d && !a ? <EmptyState title={t.common.none} body={f.empty} /> : null}
      {d && a ? (
        <>
          <View className='rec-figures'>
            <View className='rec-figure'>
              <Text className='rec-figure-label'>{f.balance}</Text>
              <Text className='rec-figure-value' id='pf-balance'>{money(a.balance)}</Text>
            </View>
            <View className='rec-figure'>
              <Text className='rec-figure-label'>{f.monthly}</Text>
              <Text className='rec-figure-value'>{money(a.monthlyDeposit)}</Text>
            </View>
          </View>
          <SectionHeader title={f.account} />
          <View className='list' id='pf-account'>
            <View className='list-row'><Text className='list-row-label'>{f.accountNo}</Text><Text className='list-row-value'>{a.accountNo}</Text></View>
            <View className='list-row'>
              <Text>{t.pdf.accountStatus}</Text>
              <Text className={`rec-tag ${a.status === 'normal' ? 'rec-tag-ok' : 'rec-tag-warn'}`}>{f.status[a.status]}</Text>
            </View>
            <View className='list-row'><Text className='list-row-label'>{f.employer}</Text><Text className='list-row-value'>{a.employer ?? t.common.none}</Text></View>
            <View className='list-row'><Text className='list-row-label'>{f.base}</Text><Text className='list-row-value'>{money(a.base)}</Text></View>
            <View className='list-row'><Text className='list-row-label'>{f.rates}</Text><Text className='list-row-value'>{format(f.ratesValue, { employer: a.employerRatePercent, personal: a.personalRatePercent })}</Text></View>
            <View className='list-row'><Text className='list-row-label'>{f.openedOn}</Text><Text className='list-row-value'>{a.openedOn}</Text></View>
            <View className='list-row'><Text className='list-row-label'>{f.lastDeposit}</Text><Text className='list-row-value'>{a.lastDepositMonth ?? t.common.none}</Text></View>
          </View>

          {d.loan ? (
            <>
              <SectionHeader title={f.loan} />
              <View className='list' id='pf-loan'>
                <View className='list-row'><Text className='list-row-label'>{f.loanBalance}</Text><Text className='list-row-value'>{money(d.loan.balance)}</Text></View>
                <View className='list-row'><Text className='list-row-label'>{f.loanPrincipal}</Text><Text className='list-row-value'>{money(d.loan.principal)}</Text></View>
                <View className='list-row'><Text className='list-row-label'>{format(f.loanRate, { rate: d.loan.ratePercent })}</Text><Text className='list-row-value'>{format(f.loanTerm, { months: d.loan.termMonths, paid: d.loan.paidMonths })}</Text></View>
                {d.loan.nextPayment ? (
                  <View className='list-row'><Text className='list-row-label'>{f.nextPayment}</Text><Text className='list-row-value'>{format(f.nextPaymentValue, { date: d.loan.nextPayment.date, amount: yuan(d.loan.nextPayment.amount) })}</Text></View>
                ) : null}
              </View>
              <SectionHeader title={f.schedule} />
              <View className='list'>
                {d.loan.schedule.map((i) => (
                  <View className='list-row' key={i.n}>
                    <Text>{format(f.instalment, { n: i.n, date: i.date })}</Text>
                    <Text className='list-row-value'>{format(f.instalmentValue, { principal: yuan(i.principal), interest: yuan(i.interest) })}</Text>
                  </View>
                ))}
              </View>
            </>
          ) : null}

          <SectionHeader title={f.withdrawals} />
          <View className='list' id='pf-withdrawals'>
            {d.withdrawals.map((w) => (
              <View className='list-row' key={w.kind}>
                <View className='rec-row-main'>
                  <Text>{f.withdrawalKinds[w.kind]}</Text>
                  <Text className='text-muted text-small'>{w.reason}</Text>
                </View>
                <Text className={`rec-tag ${w.allowed ? 'rec-tag-ok' : 'rec-tag-warn'}`}>{w.allowed ? f.allowed : f.notAllowed}</Text>
              </View>
            ))}
          </View>

          {d.years.length > 0 && d.year !== null ? (
            <>
              <SectionHeader title={format(f.history, { year: d.year })} />
              <View className='rec-years' ariaRole='tablist' ariaLabel={format(f.history, { year: d.year })} {...scrollRegion}>
                {d.years.map((y) => (
                  <View key={y} className={y === d.year ? 'choice choice-on' : 'choice'} ariaRole='tab' ariaLabel={y === d.year ? `${y}（已选）` : String(y)} onClick={() => void records.loadFund(y)}>
                    <Text>{y}</Text>
                  </View>
                ))}
              </View>
              <View className='list' id='pf-history'>
                {d.history.map((e, i) => (
                  <View className='list-row' key={`${e.date}-${i}`}>
                    <View className='rec-row-main'>
                      <Text>{`${e.date} ${f.kinds[e.kind]}`}</Text>
                      <Text className='text-muted text-small'>{e.note}</Text>
                    </View>
                    <View className='rec-row-main'>
                      <Text className='list-row-value'>{`${e.kind === 'withdrawal' ? '-' : '+'}${yuan(e.amount)}`}</Text>
                      <Text className='text-muted text-small'>{yuan(e.balance)}</Text>
                    </View>
                  </View>
                ))}
              </View>
            </>
          ) : null}
          {!state.offline ? <ProofButton kind='provident_fund' /> : null}
        </>
      ) : null}
    </Page>
  )
})
