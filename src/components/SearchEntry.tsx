import { View, Text, Image } from '@tarojs/components'
import searchIcon from '@/assets/tiles/search.png'
import { messages } from '@/domain/messages/main'
import { navigateTo } from './nav'

const t = messages.ui.home

/**
 * The search box of 首页 and 办事: one entry that opens the catalog's search page, which focuses
 * its input on arrival (the keyboard comes up), so both tabs search the same way.
 */
export function SearchEntry() {
  return (
    <View className='home-search' ariaRole='search' ariaLabel={t.searchLabel} onClick={() => navigateTo('/packages/catalog/pages/search')}>
      <Image className='home-search-icon' src={searchIcon} mode='scaleToFill' nativeProps={{ alt: '' }} />
      <Text className='home-search-text'>{t.searchPlaceholder}</Text>
    </View>
  )
}
