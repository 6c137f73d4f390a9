import { View, Text, Button, Textarea } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useFeedbackStore } from '@/packages/feedback/use'
import { format, messages } from '@/packages/feedback/messages'
import { Page, goHome, TextInput } from '@/components'
import { chinaTimeText } from '@/domain/time'
import { FEEDBACK_CATEGORY_VALUES } from '../store'
import './index.css'

const t = messages.ui.feedback
const ui = messages.ui

function FieldError({ text }: { text?: string }) {
  // Polite live region: announced as the citizen types, without stealing focus.
  return text ? <View className='field-error' ariaRole='alert'>! {text}</View> : null
}

const Success = observer(function Success() {
  const feedback = useFeedbackStore()
  const done = feedback.submitted!
  return (
    <View>
      <View className='notice notice-success fb-success' ariaRole='status'>
        <Text className='fb-success-title'>✓ {t.successTitle}</Text>
        <Text>{t.successBody}</Text>
      </View>
      <View className='card'>
        <Text className='fb-ref-label'>{t.reference}</Text>
        <Text className='fb-ref' userSelect>{done.id}</Text>
        <Text className='text-muted text-small fb-ref-hint'>{t.referenceHint}</Text>
        <Text className='text-muted text-small'>{t.submittedAt}：{chinaTimeText(done.createdAt)}</Text>
      </View>
      <View className='btn-row'>
        <Button className='btn btn-secondary' onClick={() => feedback.reset()}>{t.again}</Button>
        <Button className='btn btn-secondary' onClick={goHome}>{ui.common.backHome}</Button>
      </View>
    </View>
  )
})

const Form = observer(function Form() {
  const feedback = useFeedbackStore()
  const errors = feedback.fieldErrors
  const contactOk = feedback.draft.contact.trim() !== '' && !feedback.validation.contact
  return (
    <View>
      <Text className='card-text text-muted'>{t.intro}</Text>

      <View className='field'>
        <View className='field-label'>
          <Text>{t.category}</Text>
          <Text className='field-tag'>{ui.common.required}</Text>
        </View>
        {/* All choices in view: one tap, nothing pops up over the form. */}
        <View className='choices' ariaRole='radiogroup' ariaLabel={t.category}>
          {FEEDBACK_CATEGORY_VALUES.map((c) => {
            const on = feedback.draft.category === c
            return (
              <View
                key={c}
                className={on ? 'choice choice-on' : 'choice'}
                ariaRole='radio'
                ariaLabel={on ? `${t.categories[c]}，${t.chosen}` : t.categories[c]}
                aria-checked={on}
                onClick={() => feedback.setField('category', c)}
              >
                <Text>{on ? `✓ ${t.categories[c]}` : t.categories[c]}</Text>
              </View>
            )
          })}
        </View>
        <FieldError text={errors.category} />
      </View>

      <View className='field'>
        <View className='field-label'>
          <Text>{t.content}</Text>
          <Text className='field-tag'>{ui.common.required}</Text>
        </View>
        <Textarea
          className={errors.content ? 'textarea input-error' : 'textarea'}
          value={feedback.draft.content}
          placeholder={t.contentPlaceholder}
          // Room for what the server counts after trimming, so the counter can show "over".
          maxlength={feedback.contentMax + 50}
          ariaLabel={t.content}
          onInput={(e) => feedback.setField('content', e.detail.value)}
        />
        <View className='field-meta' ariaRole='status'>
          {format(t.counter, { count: feedback.contentLength, max: feedback.contentMax })}
        </View>
        <FieldError text={errors.content} />
      </View>

      <View className='field'>
        <View className='field-label'>
          <Text>{t.contact}</Text>
          <Text className='field-tag'>{ui.common.optional}</Text>
        </View>
        <TextInput
          className={errors.contact ? 'input input-error' : 'input'}
          type='number'
          value={feedback.draft.contact}
          placeholder={t.contactPlaceholder}
          maxlength={20}
          ariaLabel={t.contact}
          onInput={(e) => feedback.setField('contact', e.detail.value)}
        />
        {errors.contact ? <FieldError text={errors.contact} /> : contactOk ? <Text className='field-ok'>✓ {t.contactOk}</Text> : null}
      </View>

      {Object.keys(errors).length > 0 ? <Text className='card-text text-muted'>{t.fixFirst}</Text> : null}
      {feedback.error ? <View className='notice notice-danger' ariaRole='alert'>{feedback.error}</View> : null}

      <Button
        className={feedback.submitting ? 'btn btn-disabled' : 'btn'}
        // Not Taro's `loading`: on h5 its spinner is inserted outside React and breaks the next render.
        disabled={feedback.submitting}
        onClick={() => void feedback.submit()}
      >
        {feedback.submitting ? t.submitting : t.submit}
      </Button>
    </View>
  )
})

export default observer(function Feedback() {
  const feedback = useFeedbackStore()
  return <Page title={t.title}>{feedback.submitted ? <Success /> : <Form />}</Page>
})
