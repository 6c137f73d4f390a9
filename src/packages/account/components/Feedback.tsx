import { View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import type { Loadable } from '@/stores/loadable'

/** The journey's latest error or notice (never another journey's), announced to screen readers. */
export const StoreMessages = observer(function StoreMessages({ state, hideField }: { state: Loadable<string>; hideField?: boolean }) {
  return (
    <View>
      {state.error && !(hideField && state.errorField) ? (
        <View className='notice notice-danger' ariaRole='alert'>{state.error}</View>
      ) : null}
      {state.notice ? <View className='notice notice-success' ariaRole='status'>{state.notice}</View> : null}
    </View>
  )
})

export function FieldError({ text }: { text?: string }) {
  return text ? <View className='field-error' ariaRole='alert'>! {text}</View> : null
}
