import { View, Text } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { format, lifeEvent as lifeEventText, messages } from '@/domain/messages/main'
import { Page, SearchEntry, SectionHeader, navigateTo, servicesIntent } from '@/components'
import './index.css'

const t = messages.ui.services
const home = messages.ui.home
const lifeEvent = lifeEventText as Record<string, string>

/** Person categories by life event; the ones the home page links to come first. */
const LIFE_EVENT_KEYS = ['birth', 'employment', 'marriage', 'housing', 'retirement', 'education', 'medical', 'residence', 'elderly', 'socialAid']
const STAGE_KEYS = Object.keys(t.enterpriseStages) as (keyof typeof t.enterpriseStages)[]
const FOUR_WAYS = ['instant', 'online', 'nearby', 'oneVisit'] as const

/** Home-page keys that are enterprise stages rather than life events. */
const INTENT_TO_STAGE: Record<string, keyof typeof t.enterpriseStages> = { startBusiness: 'start' }

function intentName(key: string | null): string | null {
  if (!key) return null
  if (INTENT_TO_STAGE[key]) return t.enterpriseStages[INTENT_TO_STAGE[key]]
  return lifeEvent[key] ?? (home.lifeEvents as Record<string, string>)[key] ?? null
}

/** The catalog's search page, filtered to one category. */
const SEARCH = '/packages/catalog/pages/search'
const searchUrl = (param: 'lifeEvent' | 'stage', key: string) => `${SEARCH}?${param}=${encodeURIComponent(key)}`

function Category({ label, selected, url }: { label: string; selected: boolean; url: string }) {
  return (
    <View
      className={selected ? 'svc-cat svc-cat-on' : 'svc-cat'}
      ariaRole='button'
      ariaLabel={selected ? `${label}（${t.selectedShort}）` : label}
      hoverClass='tile-hover'
      onClick={() => navigateTo(url)}
    >
      <Text>{label}</Text>
    </View>
  )
}

export default observer(function Services() {
  const chosen = servicesIntent.category
  const chosenName = intentName(chosen)
  const chosenStage = chosen ? INTENT_TO_STAGE[chosen] : undefined
  return (
    <Page title={t.title}>
      <SearchEntry />
      {chosenName ? (
        <View
          className='notice notice-success svc-chosen'
          ariaRole='button'
          onClick={() => navigateTo(chosenStage ? searchUrl('stage', chosenStage) : searchUrl('lifeEvent', chosen ?? ''))}
        >
          <Text>{format(t.selected, { name: chosenName })}</Text>
          <Text className='chevron'>›</Text>
        </View>
      ) : null}

      <SectionHeader title={t.personTitle} />
      <View className='svc-grid'>
        {LIFE_EVENT_KEYS.map((k) => (
          <Category key={k} label={lifeEvent[k]} selected={chosen === k} url={searchUrl('lifeEvent', k)} />
        ))}
      </View>

      <SectionHeader title={t.enterpriseTitle} />
      <View className='svc-grid'>
        {STAGE_KEYS.map((k) => (
          <Category key={k} label={t.enterpriseStages[k]} selected={chosenStage === k} url={searchUrl('stage', k)} />
        ))}
      </View>

      <SectionHeader title={t.fourWays.title} />
      <View className='card'>
        <Text className='card-text'>{t.fourWays.intro}</Text>
        {FOUR_WAYS.map((k) => (
          <View key={k} className='svc-way'>
            <Text className='svc-way-name'>{t.fourWays[k].name}</Text>
            <Text className='svc-way-desc'>{t.fourWays[k].desc}</Text>
          </View>
        ))}
      </View>
    </Page>
  )
})
