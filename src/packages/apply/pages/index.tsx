// 在线申请: one page for an item or a bundle (?code=…&bundle=1): the form from the server's data,
// materials, 秒批 conditions, draft, submit (queued in the outbox when offline), then the receipt.
import { useEffect } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { View, Text, Button, Picker, Textarea } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useStore } from '@/stores'
import { format, messages } from '@/packages/apply/messages'
import { CITY } from '@/domain/regions'
import type { ApplyField } from '@/domain/cases/forms'
import { Page, navigateTo, TextInput } from '@/components'
import { IdNumberInput } from '@/components/IdNumberInput'
import { apiBase } from '@/services/api'
import { casesClientOf } from '@/services/cases'
import { ProgressReminder } from '@/components/ProgressReminder'
import { applyStoreOf, type ApplyStore } from '../store'
import './index.css'

const t = messages.cases
const CASES_DETAIL = '/packages/cases/pages/detail'
const FACE = '/packages/account/pages/face'

function useApply(): ApplyStore {
  const root = useStore()
  const client = casesClientOf(root, apiBase())
  return applyStoreOf(client, {
    storage: root.platform.storage,
    randomBytes: (n) => root.platform.secureRandom(n),
    chooseFile: root.platform.chooseFile?.bind(root.platform),
    channel: root.platform.channel,
    signedIn: () => root.session.isLoggedIn,
  })
}

const inputType = (f: ApplyField): 'text' | 'number' | 'digit' => (f.kind === 'phone' ? 'number' : f.kind === 'number' ? 'digit' : 'text')

const FieldInput = observer(function FieldInput({ store, field }: { store: ApplyStore; field: ApplyField }) {
  const value = store.values[field.key] ?? ''
  const error = store.fieldErrors[field.key]
  const id = `apply-${field.key}`
  let control
  if (field.kind === 'select') {
    control = (
      <View className='choices choices-grid' ariaRole='radiogroup' ariaLabel={field.label}>
        {(field.options ?? []).map((o) => (
          <View key={o} className={value === o ? 'choice choice-on' : 'choice'} ariaRole='radio' aria-checked={value === o} onClick={() => store.setValue(field.key, o)}>
            <Text>{value === o ? `✓ ${o}` : o}</Text>
          </View>
        ))}
      </View>
    )
  } else if (field.kind === 'region') {
    const names = CITY.districts.map((d) => d.name)
    const idx = CITY.districts.findIndex((d) => d.code === value)
    control = (
      <Picker mode='selector' range={names} value={Math.max(0, idx)} onChange={(e) => store.setValue(field.key, CITY.districts[Number(e.detail.value)].code)}>
        <View className={error ? 'input input-picker input-error' : 'input input-picker'} id={id} ariaRole='button'>
          <Text>{idx >= 0 ? names[idx] : t.apply.choose}</Text>
        </View>
      </Picker>
    )
  } else if (field.kind === 'date') {
    control = (
      <Picker mode='date' value={value} onChange={(e) => store.setValue(field.key, String(e.detail.value))}>
        <View className={error ? 'input input-picker input-error' : 'input input-picker'} id={id} ariaRole='button'>
          <Text>{value || t.apply.pickDate}</Text>
        </View>
      </Picker>
    )
  } else if (field.kind === 'idNumber') {
    control = (
      <IdNumberInput
        id={id}
        className={error ? 'input input-error' : 'input'}
        reveal={!!error}
        value={value}
        maxlength={18}
        ariaLabel={field.label}
        onInput={(e) => store.setValue(field.key, e.detail.value)}
      />
    )
  } else if (field.kind === 'address') {
    // An address runs past one line on a phone: a box of about three lines shows it whole.
    control = (
      <Textarea
        id={id}
        className={error ? 'textarea apply-address input-error' : 'textarea apply-address'}
        value={value}
        maxlength={field.maxLength ?? 200}
        ariaLabel={field.label}
        // h5: the label on the inner <textarea> too (as TextInput does for inputs).
        nativeProps={{ 'aria-label': field.label }}
        onInput={(e) => store.setValue(field.key, e.detail.value)}
      />
    )
  } else {
    control = (
      <TextInput
        id={id}
        className={error ? 'input input-error' : 'input'}
        type={inputType(field)}
        value={value}
        maxlength={field.maxLength ?? (field.kind === 'uscc' ? 18 : field.kind === 'phone' ? 11 : 200)}
        ariaLabel={field.label}
        onInput={(e) => store.setValue(field.key, e.detail.value)}
      />
    )
  }
  return (
    <View className='field'>
      <View className='field-label'>
        <Text>{field.label}</Text>
        <Text className='field-tag'>{field.required ? t.apply.required : t.apply.optional}</Text>
      </View>
      {control}
      {field.hint ? <Text className='text-muted text-small'>{field.hint}</Text> : null}
      {error ? <View className='field-error' ariaRole='alert'>! {error}</View> : null}
    </View>
  )
})

const Materials = observer(function Materials({ store }: { store: ApplyStore }) {
  const form = store.form!
  const problems = store.attempted ? store.materialProblems : []
  return (
    <View>
      <View className='section-header'><Text className='section-header-title'>{t.apply.sectionMaterials}</Text></View>
      {form.materials.map((m) => {
        const s = store.materials[m.name]
        return (
          <View key={m.name} className='card apply-material' id={`material-${m.name}`}>
            <View className='field-label'>
              <Text className='apply-material-name'>{m.name}</Text>
              <Text className='field-tag'>{m.required ? t.apply.required : t.apply.optional}</Text>
            </View>
            {m.modes.length > 1 ? (
              <View className='choices choices-grid' ariaRole='radiogroup' ariaLabel={m.name}>
                {m.modes.map((mode) => (
                  <View key={mode} className={s.mode === mode ? 'choice choice-on' : 'choice'} ariaRole='radio' aria-checked={s.mode === mode} onClick={() => store.setMode(m.name, mode)}>
                    <Text>{s.mode === mode ? `✓ ${t.modes[mode]}` : t.modes[mode]}</Text>
                  </View>
                ))}
              </View>
            ) : null}
            {s.mode === 'upload' ? (
              <View className='apply-files'>
                {s.files.map((f) => (
                  <View key={f.fileId} className='apply-file'>
                    <Text>{f.name}（{Math.ceil(f.size / 1024)} KB）</Text>
                    <View className='link' ariaRole='button' onClick={() => store.removeFile(m.name, f.fileId)}><Text>{t.apply.removeFile}</Text></View>
                  </View>
                ))}
                <View className='btn-row'>
                  <Button className='btn btn-secondary' id={`upload-${m.name}`} onClick={() => void store.upload(m.name, 'image')}>{store.uploading === m.name ? t.apply.uploading : t.apply.upload}</Button>
                  <Button className='btn btn-secondary' onClick={() => void store.upload(m.name, 'pdf')}>PDF</Button>
                </View>
              </View>
            ) : null}
            {s.mode === 'commitment' ? (
              <View>
                <Text className='text-muted text-small'>{t.apply.commitmentNeedsL3}</Text>
                <Text className='text-small'>{t.apply.commitmentRead}</Text>
                <View className='apply-commitment'><Text>{m.commitmentText}</Text></View>
                <View className={s.agreed ? 'choice choice-on' : 'choice'} id={`agree-${m.name}`} ariaRole='checkbox' aria-checked={s.agreed} onClick={() => store.agree(m.name, !s.agreed)}>
                  <Text>{s.agreed ? `✓ ${t.apply.commitmentAgree}` : t.apply.commitmentAgree}</Text>
                </View>
              </View>
            ) : null}
            {s.mode === 'deferred' ? <Text className='text-muted text-small'>{format(t.apply.deferredNote, { days: form.deferredDueWorkingDays })}</Text> : null}
            {s.mode === 'shared' ? <Text className='text-muted text-small'>{t.apply.sharedNote}</Text> : null}
            {problems.includes(m.name) ? <View className='field-error' ariaRole='alert'>! {format(messages.api.errors.CASE_MATERIAL_MISSING, { name: m.name })}</View> : null}
          </View>
        )
      })}
    </View>
  )
})

/** The same item already being handled for this person: a warning with a link, or a refusal. */
const OpenCases = observer(function OpenCases({ store }: { store: ApplyStore }) {
  const first = store.blockedBy ?? store.openCases[0]
  if (!first) return null
  return (
    <View className={store.blockedBy ? 'notice notice-danger' : 'notice'} ariaRole='alert' id='apply-open-case'>
      <Text>{format(t.apply.openCase, { name: first.itemName, number: first.number })}</Text>
      <Text>{store.blockedBy ? t.apply.openCaseExclusive : t.apply.openCaseAgain}</Text>
      <View className='link' ariaRole='link' onClick={() => navigateTo(`${CASES_DETAIL}?id=${first.id}`)}><Text>{t.apply.viewOpenCase}</Text></View>
    </View>
  )
})

/** A 秒批 condition the person already misses (too young for 高龄津贴): said before they fill anything. */
const Unmet = observer(function Unmet({ store }: { store: ApplyStore }) {
  if (store.unmet.length === 0) return null
  return (
    <View className='notice' ariaRole='alert' id='apply-unmet'>
      <Text>{format(t.apply.unmet, { rules: store.unmet.map((r) => r.description).join('、') })}</Text>
      <View className='link' ariaRole='link' onClick={() => void Taro.navigateBack().catch(() => undefined)}><Text>{t.apply.backToGuide}</Text></View>
    </View>
  )
})

const Receipt = observer(function Receipt({ store }: { store: ApplyStore }) {
  const { platform } = useStore()
  const res = store.result!
  const copy = async (text: string) => {
    const ok = await platform.copyText(text)
    void Taro.showToast({ title: ok ? t.result.copied : t.result.copyFailed, icon: 'none' })
  }
  return (
    <View>
      <View className='notice notice-success' ariaRole='status'>
        <Text>✓ {t.result.title}</Text>
      </View>
      {res.bundleNumber ? (
        <View className='card'>
          <View className='apply-code-line'>
            <Text className='text-muted apply-code-label'>{t.result.bundleNumber}</Text>
            <Text className='apply-code' userSelect>{res.bundleNumber}</Text>
          </View>
        </View>
      ) : null}
      {res.cases.map((c) => (
        <View key={c.id} className='card' id={`receipt-${c.number}`}>
          <Text className='card-text'>{c.itemName}</Text>
          {/* Each code on its own labelled line: side by side they read as one long number. */}
          <View className='apply-code-line' id='receipt-number'>
            <Text className='text-muted apply-code-label'>{t.result.number}</Text>
            <View className='apply-code-row'>
              <Text className='apply-code case-number' userSelect>{c.number}</Text>
              <Button className='btn btn-secondary apply-copy' id='receipt-copy' ariaLabel={t.result.copyNumber} onClick={() => void copy(c.number)}>{t.result.copy}</Button>
            </View>
          </View>
          <View className='apply-code-line' id='receipt-query-code'>
            <Text className='text-muted apply-code-label'>{t.result.queryCode}</Text>
            <View className='apply-code-row'>
              <Text className='apply-code case-query-code' userSelect>{c.queryCode}</Text>
              {c.queryCode ? <Button className='btn btn-secondary apply-copy' id='receipt-copy-query' ariaLabel={t.result.copyQueryCode} onClick={() => void copy(c.queryCode!)}>{t.result.copy}</Button> : null}
            </View>
          </View>
          <Text className='text-muted text-small'>{t.result.queryCodeNote}</Text>
          <Text className='card-text case-state apply-state'>{t.states[c.state]}</Text>
          {c.rules ? <Text className='card-text'>{c.state === 'delivered' ? t.result.autoApproved : t.result.toManual}</Text> : null}
          <Button className='btn' onClick={() => void Taro.redirectTo({ url: `${CASES_DETAIL}?id=${c.id}` })}>{t.result.viewCase}</Button>
        </View>
      ))}
      {res.cases.some((c) => c.state !== 'delivered') ? <ProgressReminder /> : null}
    </View>
  )
})

export default observer(function ApplyPage() {
  const store = useApply()
  const { params } = useRouter()
  const code = decodeURIComponent(params.code ?? '')
  const bundle = params.bundle === '1'
  useEffect(() => {
    if (code) void store.load(code, bundle)
  }, [code, bundle, store])
  useEffect(() => () => store.leave(), [store])
  const form = store.form
  const title = form?.title ?? (bundle ? t.apply.bundleTitle : t.apply.title)
  if (store.result) return <Page title={title}><Receipt store={store} /></Page>
  if (store.queued) {
    return (
      <Page title={title}>
        <View className='notice' ariaRole='status' id='apply-queued'>
          <Text>{t.apply.offlineQueued}</Text>
          <Text className='text-small'>{t.apply.queuedWaiting}</Text>
        </View>
        <Button className='btn' onClick={() => void Taro.redirectTo({ url: '/packages/cases/pages/index' })}>{t.list.title}</Button>
      </Page>
    )
  }
  if (store.loadState.busy || !form) {
    return (
      <Page title={title}>
        <Text className='text-muted'>{store.loadState.error || t.apply.loading}</Text>
      </Page>
    )
  }
  return (
    <Page title={title}>
      {store.fromCache ? <View className='notice' ariaRole='status' id='apply-from-cache'><Text>{t.apply.fromCache}</Text></View> : null}
      {store.restored ? <View className='notice'><Text>{t.apply.draftRestored}</Text></View> : null}
      <Unmet store={store} />
      <OpenCases store={store} />
      {/* 当场办结 only while the person meets every 秒批 condition: a missed one sends the case to an officer. */}
      <Text className='card-text text-muted' id='apply-promise'>{form.promisedDays > 0 ? format(t.apply.promised, { days: form.promisedDays }) : form.instant && store.unmet.length === 0 ? t.apply.promisedInstant : t.apply.promisedReview}</Text>
      {form.rules.length > 0 ? (
        <View className='card'>
          <Text className='card-text'>{t.apply.sectionRules}</Text>
          <Text className='text-muted text-small'>{t.apply.rulesIntro}</Text>
          {form.rules.map((r) => (
            <View key={r.id} className='apply-rule'><Text>•</Text><Text>{r.description}</Text></View>
          ))}
        </View>
      ) : null}
      <View className='section-header'><Text className='section-header-title'>{t.apply.sectionForm}</Text></View>
      <Text className='text-muted text-small'>{t.apply.prefilled}</Text>
      {store.editable.map((f) => <FieldInput key={f.key} store={store} field={f} />)}
      <Materials store={store} />
      {store.formState.error && !(store.formState.errorField ?? '').startsWith('form.') ? (
        <View className='notice notice-danger' ariaRole='alert' id='apply-error'>
          <Text>{store.formState.error}</Text>
          {store.formState.errorCode === 'LEVEL_REQUIRED' ? <View className='link' ariaRole='button' onClick={() => navigateTo(FACE)}><Text>{messages.account.face.title}</Text></View> : null}
        </View>
      ) : null}
      {store.notice ? <View className='notice' ariaRole='status'><Text>{store.notice}</Text></View> : null}
      {store.attempted && store.problemCount > 0 ? <View className='field-error' ariaRole='alert'>{format(t.apply.fixErrors, { n: store.problemCount })}</View> : null}
      {/* The primary action stays in view at every scroll position (a long form put it below the fold). */}
      <View className='btn-row apply-actions' id='apply-actions'>
        <Button className='btn btn-secondary' id='apply-save' onClick={() => void store.saveDraft()}>{t.apply.saveDraft}</Button>
        <Button className='btn' id='apply-submit' disabled={store.formState.busy === 'submit' || Boolean(store.blockedBy)} onClick={() => void store.submit()}>{store.formState.busy === 'submit' ? t.apply.submitting : t.apply.submit}</Button>
      </View>
    </Page>
  )
})
