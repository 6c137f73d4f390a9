import { View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useAccountStore } from '../use'

/** The store's latest error or notice, announced to screen readers. */
export const StoreMessages = observer(function StoreMessages({ hideField }: { hideField?: boolean }) {
  const account = useAccountStore()
  return (
    <View>
      {account.error && !(hideField && account.errorField) ? (
        <View className='notice notice-danger' ariaRole='alert'>{account.error}</View>
      ) : null}
      {account.notice ? <View className='notice notice-success' ariaRole='status'>{account.notice}</View> : null}
    </View>
  )
})

export function FieldError({ text }: { text?: string }) {
  return text ? <View className='field-error' ariaRole='alert'>! {text}</View> : null
}
