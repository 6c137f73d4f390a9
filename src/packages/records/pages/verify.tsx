// Public: anyone (a bank clerk, a landlord) checks an e-proof by its number or QR content, without
// logging in. Opened as /verify?code=... it checks at once.
import { useEffect, useState } from 'react'
import { useRouter } from '@tarojs/taro'
import { View, Text, Button } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useRecordsStore } from '@/packages/records/use'
import { messages } from '@/packages/records/messages'
import { Page, TextInput } from '@/components'
import { platform } from '@/platform'
import { PlatformCancelledError } from '@/platform/errors'
import { chinaTimeText } from '@/domain/time'
import './records.css'

const t = messages.records
const v = t.verify

export default observer(function Verify() {
  const records = useRecordsStore()
  const code = useRouter().params.code
  useEffect(() => {
    if (code) void records.verify(decodeURIComponent(code))
  }, [records, code])
  // What the last scan attempt left to say: a cancel is said too (the typed code stays).
  const [scanNote, setScanNote] = useState('')
  const scan = async () => {
    setScanNote('')
    try {
      const text = await platform.scan()
      await records.verify(text)
    } catch (e) {
      setScanNote(e instanceof PlatformCancelledError ? v.scanCancelled : v.scanFailed)
    }
  }
  const r = records.verifyResult
  return (
    <Page title={v.title}>
      <Text className='card-text'>{v.intro}</Text>
      <View className='rec-input field'>
        <Text className='field-label'>{v.placeholder}</Text>
        <TextInput
          id='verify-code'
          className='input'
          value={records.verifyInput}
          placeholder={v.placeholder}
          ariaLabel={v.placeholder}
          maxlength={1000}
          onInput={(e) => records.setVerifyInput(e.detail.value)}
          onConfirm={() => void records.verify()}
        />
      </View>
      <View className='rec-actions'>
        <Button className='btn' id='verify-submit' disabled={records.verifyState.busy !== '' || !records.verifyInput.trim()} onClick={() => void records.verify()}>
          {records.verifyState.busy ? v.checking : v.submit}
        </Button>
        <Button className='btn btn-secondary' id='verify-scan' disabled={records.verifyState.busy !== ''} onClick={() => void scan()}>{v.scan}</Button>
      </View>
      {scanNote ? <View className='notice' ariaRole='status' id='verify-scan-note'>{scanNote}</View> : null}
      {records.verifyState.error ? <View className='notice notice-danger' ariaRole='alert'>{records.verifyState.error}</View> : null}
      {r && !r.valid ? (
        <View className='notice notice-danger' ariaRole='alert' id='verify-invalid'>
          <Text>{`✗ ${v.invalid}：${r.reason ? v.reasons[r.reason] : ''}`}</Text>
        </View>
      ) : null}
      {r && r.valid && r.proof ? (
        <>
          <View className='notice notice-success' ariaRole='status' id='verify-valid'>
            <Text>{`✓ ${v.valid}。${v.validHint}`}</Text>
          </View>
          <View className='list' id='verify-proof'>
            <View className='list-row'><Text>{v.kind}</Text><Text className='list-row-value'>{r.proof.title}</Text></View>
            <View className='list-row'><Text>{t.pdf.number}</Text><Text className='list-row-value'>{r.proof.number}</Text></View>
            <View className='list-row'><Text>{v.holder}</Text><Text className='list-row-value'>{r.proof.holder}</Text></View>
            <View className='list-row'><Text>{v.idNumber}</Text><Text className='list-row-value'>{r.proof.idNumber}</Text></View>
            <View className='list-row'><Text>{v.issuer}</Text><Text className='list-row-value'>{r.proof.issuer}</Text></View>
            <View className='list-row'><Text>{t.pdf.issuedAt}</Text><Text className='list-row-value'>{chinaTimeText(r.proof.issuedAt)}</Text></View>
            <View className='list-row'><Text>{t.pdf.validUntil}</Text><Text className='list-row-value'>{chinaTimeText(r.proof.expiresAt)}</Text></View>
            {r.proof.fields.map((f, i) => (
              <View className='list-row' key={i}>
                <View className='rec-row-main'>
                  {f.label ? <Text className='rec-field-label'>{f.label}</Text> : null}
                  <Text>{f.value}</Text>
                </View>
              </View>
            ))}
          </View>
        </>
      ) : null}
    </Page>
  )
})
