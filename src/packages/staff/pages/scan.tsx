import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { View, Text, Button, Textarea } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useStore } from '@/stores'
import { format, messages } from '@/packages/staff/messages'
import { Page } from '@/components'
import { isFieldKey, type CredentialType } from '@/domain/wallet/types'
import type { StaffCheckInResponse, VerifyResponse } from '@/domain/contract'
import { PlatformCancelledError } from '@/platform/errors'
import { RESULT_TTL_MS, REFRESH_EVERY_MS, staffStoreOf, type ScanResult } from '../store'
import { STAFF_ROUTES, ageText } from '../routes'
import './scan.css'

const t = messages.staff.scan
const w = messages.wallet
const bk = messages.booking

/** A checked-in booking: 已签到 and the queue number to call, with whom and what for (name masked). */
function CheckInDetail({ d }: { d: StaffCheckInResponse }) {
  return (
    <View id='scan-chk'>
      <Text className='scan-chk-status' id='scan-chk-status'>{bk.mine.status.checked_in}</Text>
      <View className='scan-row'><Text className='text-muted'>{bk.detail.queueNumber}</Text><Text className='scan-queue' id='scan-chk-queue'>{d.queueNumber}</Text></View>
      <View className='scan-row'><Text className='text-muted'>{w.fields.n}</Text><Text>{d.name}</Text></View>
      <View className='scan-row'><Text className='text-muted'>{bk.flow.item}</Text><Text>{d.itemName}</Text></View>
      <View className='scan-row'><Text className='text-muted'>{bk.flow.time}</Text><Text>{`${d.start}-${d.end}`}</Text></View>
    </View>
  )
}

/** A genuine e-proof: what it states, to compare with the paper or screen shown (holder masked). */
function ProofDetail({ d }: { d: VerifyResponse }) {
  const rv = messages.records.verify
  if (!d.proof) return null
  return (
    <View id='scan-proof'>
      <View className='scan-row'><Text className='text-muted'>{rv.kind}</Text><Text>{d.proof.title}</Text></View>
      <View className='scan-row'><Text id='scan-proof-number'>{format(messages.records.proofs.number, { number: d.proof.number })}</Text></View>
      <View className='scan-row'><Text className='text-muted'>{rv.holder}</Text><Text>{d.proof.holder}</Text></View>
      <View className='scan-row'><Text className='text-muted'>{rv.issuer}</Text><Text>{d.proof.issuer}</Text></View>
    </View>
  )
}

function verdict(r: ScanResult): { ok: boolean; text: string } {
  if (r.kind === 'chk') return { ok: Boolean(r.ok), text: r.ok ? t.checkedIn : r.message ?? '' }
  if (r.kind === 'proof') return { ok: Boolean(r.ok), text: r.ok ? t.proofValid : r.message ?? '' }
  if (r.kind === 'unknown' && r.result === 'wrong_kind') return { ok: false, text: t.unsupported }
  const result = r.live === 'revoked' ? 'revoked' : r.result ?? 'malformed'
  return { ok: result === 'valid', text: w.results[result] }
}

function fieldValue(key: string, v: string | number): string {
  if (key === 'a18' || key === 'a60') return v ? w.yes : w.no
  return String(v)
}

/** The ONE scanner: credentials (offline verify), check-in codes, e-proof codes. */
export default observer(function Scan() {
  const { platform } = useStore()
  const st = staffStoreOf(platform)
  const [text, setText] = useState('')
  const [notice, setNotice] = useState('')
  useEffect(() => {
    if (!st.loggedIn) void Taro.redirectTo({ url: STAFF_ROUTES.login })
    void st.sync()
    const timer = setInterval(() => st.tick(), 1000)
    return () => clearInterval(timer)
  }, [st])

  const submit = async (code: string) => {
    if (!code.trim()) return
    setNotice('')
    await st.submit(code)
    setText('')
  }
  const camera = async () => {
    setNotice('')
    try {
      const code = await platform.scan()
      await submit(code)
    } catch (e) {
      if (!(e instanceof PlatformCancelledError)) setNotice(t.cameraUnavailable)
    }
  }

  const r = st.last
  const v = r ? verdict(r) : null
  const revStale = !st.revocations || st.now - st.revocations.savedAt > REFRESH_EVERY_MS
  const clearsIn = r ? Math.max(0, Math.ceil((r.at + RESULT_TTL_MS - st.now) / 1000)) : 0
  return (
    <Page title={t.title}>
      {!st.online ? <View className='notice' id='scan-offline'>{t.offlineMode}</View> : null}
      {!st.keys?.keys.length ? <View className='notice notice-danger'>{t.noKeys}</View> : null}
      <Text className='card-text text-muted' id='scan-rev-age'>{format(t.revAge, { age: ageText(st.revocations?.fetchedAt, st.now) })}</Text>
      {revStale && st.revocations ? <View className='notice notice-danger'>{t.revStale}</View> : null}

      {r && v ? (
        <View className={v.ok ? 'scan-result scan-result-ok' : 'scan-result scan-result-bad'} id='scan-result' ariaRole='status'>
          <Text className='scan-verdict' id='scan-verdict'>{v.ok ? '✓ ' : '✕ '}{v.text}</Text>
          <Text className='text-muted text-small'>{t.kind[r.kind === 'cred' ? 'zj.cred' : r.kind === 'chk' ? 'zj.chk' : 'zj.proof']}</Text>
          {r.kind === 'cred' && r.result === 'valid' ? (
            <View>
              {r.type && r.type in w.types ? (
                <View className='scan-row'><Text className='text-muted'>{t.type}</Text><Text>{w.types[r.type as CredentialType]}</Text></View>
              ) : null}
              <View className='field-label'><Text>{t.disclosed}</Text></View>
              {Object.entries(r.disclosed ?? {}).filter(([k]) => isFieldKey(k)).map(([k, val]) => (
                <View key={k} className='scan-row' id={`scan-field-${k}`}>
                  <Text className='text-muted'>{r.type === 'bl' && k === 'n' ? w.enterpriseName : w.fields[k as keyof typeof w.fields]}</Text>
                  <Text>{fieldValue(k, val)}</Text>
                </View>
              ))}
            </View>
          ) : null}
          {r.kind === 'chk' && r.ok && r.detail ? <CheckInDetail d={r.detail as StaffCheckInResponse} /> : null}
          {r.kind === 'proof' && r.ok && r.detail ? <ProofDetail d={r.detail as unknown as VerifyResponse} /> : null}
          {r.live === 'active' ? <Text className='field-ok' id='scan-live'>{t.liveActive}</Text> : r.live === 'revoked' ? <Text className='field-error' id='scan-live'>{t.liveRevoked}</Text> : r.live === 'unknown' ? <Text className='field-error' id='scan-live'>{t.liveUnknown}</Text> : null}
          <View className='text-muted text-small'><Text>{format(t.clearsIn, { seconds: clearsIn })}</Text></View>
          <Button className='btn btn-secondary' id='scan-clear' onClick={() => st.clear()}>{t.clear}</Button>
        </View>
      ) : null}

      <Button className='btn' id='scan-camera' onClick={() => void camera()}>{t.camera}</Button>
      {notice ? <View className='notice notice-danger' ariaRole='alert'>{notice}</View> : null}
      <View className='field'>
        <View className='field-label'><Text>{t.paste}</Text></View>
        <Textarea className='textarea' id='scan-code' value={text} maxlength={2000} ariaLabel={t.paste} onInput={(e) => setText(e.detail.value)} />
      </View>
      <Button className={text.trim() ? 'btn' : 'btn btn-disabled'} id='scan-verify' disabled={!text.trim()} onClick={() => void submit(text)}>{t.verify}</Button>
    </Page>
  )
})
