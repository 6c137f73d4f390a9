import Taro from '@tarojs/taro'
import { View, Text, Button } from '@tarojs/components'
import { messages } from '@/domain/messages/main'
import { ACCOUNT_ROUTES } from './accountRoutes'

const c = messages.account.common

interface Props {
  /** Why login is needed here; the plain 请先登录 by default. */
  text?: string
  id?: string
  /**
   * The login page takes this page's place (account and wallet pages: nothing to come back to),
   * or opens on top of it so 返回 comes back (records: the query runs once logged in).
   */
  replace?: boolean
}

/**
 * What a page shows to someone not logged in: why, and the way to the login page, in a card of its
 * own: one look on every page (卡包 had bare text where 查询 had this card).
 */
export function NeedLogin({ text = c.needLogin, id, replace = true }: Props) {
  const go = () => void (replace ? Taro.redirectTo({ url: ACCOUNT_ROUTES.login }) : Taro.navigateTo({ url: ACCOUNT_ROUTES.login }))
  return (
    <View className='card need-login'>
      <Text className='card-text'>{text}</Text>
      <Button className='btn' id={id} onClick={go}>{c.goLogin}</Button>
    </View>
  )
}
