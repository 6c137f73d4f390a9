import Taro from '@tarojs/taro'
import { Text, Button } from '@tarojs/components'
import { messages } from '@/domain/messages/main'
import { ACCOUNT_ROUTES } from './routes'

const c = messages.account.common

/** What an account page shows to someone not logged in: why, and the way to the login page. */
export function NeedLogin() {
  return (
    <>
      <Text className='card-text'>{c.needLogin}</Text>
      <Button className='btn' onClick={() => void Taro.redirectTo({ url: ACCOUNT_ROUTES.login })}>{c.goLogin}</Button>
    </>
  )
}
