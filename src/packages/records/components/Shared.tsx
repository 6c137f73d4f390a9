// Pieces every records page shares: the status line (数据截至, offline copy, acting for someone),
// errors with the way up to the level a query needs, and the proof button.
import Taro from '@tarojs/taro'
import { View, Text, Button } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { format, messages } from '@/packages/records/messages'
import type { ProofKind, RecordSubject } from '@/domain/contract/records'
import { useRecordsStore } from '@/packages/records/use'
import { chinaTimeText } from '@/domain/time'
import { ACCOUNT_ROUTES } from '@/components/accountRoutes'
import type { Loadable } from '@/stores/loadable'
import type { RecordQuery } from '../store'
import { RECORDS_ROUTES } from '../routes'

const t = messages.records

/**
 * Spread on a row that scrolls sideways: keyboard users must be able to focus it to scroll it
 * (WCAG 2.1.1; axe scrollable-region-focusable). Taro's View has no tabIndex in its types; on h5
 * it reaches the element, mini-programs ignore it.
 */
export const scrollRegion: Record<string, unknown> = { tabIndex: 0 }

// Observers: they read the query's busy/error themselves, which the page's render does not track
// (a plain component here kept 正在查询… after the answer had come).
export const StatusLine = observer(function StatusLine({ state, onRefresh }: { state: RecordQuery<{ asOf: string; subject: RecordSubject }>; onRefresh: () => void }) {
  const d = state.data
  return (
    <>
      {state.offline ? <View className='notice' ariaRole='status' id='rec-offline'>{t.common.offlineCopy}</View> : null}
      {d && d.subject.acting === 'proxy' ? <View className='notice' id='rec-proxy'>{format(t.common.proxyFor, { name: d.subject.name })}</View> : null}
      {d ? (
        <View className='rec-status'>
          <Text id='rec-asof'>{format(t.common.asOf, { time: chinaTimeText(d.asOf) })}</Text>
          <Button className='btn btn-secondary rec-refresh' disabled={state.busy !== ''} onClick={onRefresh}>{state.busy ? t.common.loading : t.common.refresh}</Button>
        </View>
      ) : null}
    </>
  )
})

/** Where each step up leads: a lapsed real name (12 h, 30 min idle) needs 重新验证, not 实名认证 again. */
const LEVEL_UP = {
  L2: { url: ACCOUNT_ROUTES.realName, label: t.common.goRealName },
  reauth: { url: ACCOUNT_ROUTES.reauth, label: t.common.goReauth },
  L3: { url: ACCOUNT_ROUTES.face, label: t.common.goFace },
} as const

/** An error answer; LEVEL_REQUIRED also offers the way up (real name, re-verification, face check). */
export const QueryError = observer(function QueryError({ state }: { state: Pick<Loadable<string>, 'error' | 'step'> }) {
  if (!state.error) return null
  // Signed out (L1) is NeedLogin's business; here only real name, re-verification and face check.
  const up = state.step && state.step !== 'L1' ? LEVEL_UP[state.step] : null
  return (
    <View className='card' id='rec-error'>
      <View className='notice notice-danger' ariaRole='alert'>{state.step === 'L3' ? t.common.needFace : state.error}</View>
      {up ? (
        <Button className='btn' id='rec-level-up' onClick={() => void Taro.navigateTo({ url: up.url })}>
          {up.label}
        </Button>
      ) : null}
    </View>
  )
})

/** 开具证明: issue, then go to 我的证明 where the new proof is on top. */
export const ProofButton = observer(function ProofButton({ kind, label }: { kind: ProofKind; label?: string }) {
  const records = useRecordsStore()
  const busy = records.makeState.busy === kind
  const make = async () => {
    const p = await records.makeProof(kind)
    if (p) void Taro.navigateTo({ url: `${RECORDS_ROUTES.proofs}?made=${p.id}` })
  }
  return (
    <View className='rec-actions'>
      {records.makeState.error && !busy ? <View className='notice notice-danger' ariaRole='alert'>{records.makeState.error}</View> : null}
      <Button className='btn' id={`rec-proof-${kind}`} disabled={records.makeState.busy !== ''} onClick={() => void make()}>
        {busy ? t.common.making : label ?? `${t.common.makeProof}：${t.proofs.kinds[kind]}`}
      </Button>
    </View>
  )
})
