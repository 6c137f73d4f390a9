import { useEffect, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { View, Text, Button } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { format, messages } from '@/packages/catalog/messages'
import { Page, SectionHeader, EmptyState, TextInput } from '@/components'
import { useStore } from '@/stores'
import { useCatalogStore } from '@/stores/useCatalog'
import type { EnterpriseStage, FourWay, LifeEvent } from '@/domain/catalog/types'
import type { CatalogIndexResponse, HallSummary } from '@/domain/contract/catalog'
import type { CatalogStore, ResultRow } from '@/stores/catalog'
import { bundleUrl, guideUrl, hallUrl, hallsUrl, param } from '../routes'
import './catalog.css'

const t = messages.catalogUi.search
const c = messages.catalog
const FOUR_WAYS: FourWay[] = ['instant', 'online', 'nearby', 'oneVisit']
const FOUR_WAY_BITS: Record<FourWay, number> = { instant: 1, online: 2, nearby: 4, oneVisit: 8 }

/**
 * On h5 a press on the × would first move focus from the input to the page (and React undoes a
 * focus made during its commit): the press keeps it where it is. Mini-programs have no such event
 * and re-focus through the input's `focus` prop.
 */
const KEEP_FOCUS = { onMouseDown: (e: { preventDefault(): void }) => e.preventDefault() }

function Chip({ label, on, onTap }: { label: string; on: boolean; onTap: () => void }) {
  return (
    <View className={on ? 'cat-chip cat-chip-on' : 'cat-chip'} ariaRole='button' ariaLabel={label} onClick={onTap}>
      <Text>{label}</Text>
    </View>
  )
}

const Filters = observer(function Filters({ store }: { store: CatalogStore }) {
  const f = store.filters
  const [open, setOpen] = useState(false)
  const n = store.activeFilterCount
  if (!open) {
    return <Chip label={n > 0 ? format(t.filtersOn, { n }) : t.filters} on={n > 0} onTap={() => setOpen(true)} />
  }
  return (
    <View className='cat-filters'>
      <Chip label={t.filtersHide} on={n > 0} onTap={() => setOpen(false)} />
      <Text className='cat-row-label'>{t.audience}</Text>
      <View className='cat-chips'>
        <Chip label={t.all} on={!f.audience} onTap={() => store.setFilter('audience', undefined)} />
        <Chip label={t.audiencePerson} on={f.audience === 'person'} onTap={() => store.setFilter('audience', 'person')} />
        <Chip label={t.audienceEnterprise} on={f.audience === 'enterprise'} onTap={() => store.setFilter('audience', 'enterprise')} />
      </View>
      <Text className='cat-row-label'>{t.fourWay}</Text>
      <View className='cat-chips'>
        <Chip label={t.all} on={!f.fourWay} onTap={() => store.setFilter('fourWay', undefined)} />
        {FOUR_WAYS.map((w) => (
          <Chip key={w} label={c.fourWays[w]} on={f.fourWay === w} onTap={() => store.setFilter('fourWay', w)} />
        ))}
      </View>
      <Text className='cat-row-label'>{t.department}</Text>
      <View className='cat-chips'>
        <Chip label={t.all} on={!f.department} onTap={() => store.setFilter('department', undefined)} />
        {store.departmentOptions.map((d) => (
          <Chip key={d.id} label={d.name} on={f.department === d.id} onTap={() => store.setFilter('department', d.id)} />
        ))}
      </View>
    </View>
  )
})

const RESULT_WAYS = FOUR_WAYS.filter((w) => w === 'online' || w === 'instant')

function Result({ row, onOpen }: { row: ResultRow; onOpen: () => void }) {
  const visits = c.visits[(row.brief?.v ?? 1) as 0 | 1 | 2]
  const days = row.brief?.pd ?? 0
  return (
    <View className='cat-result' ariaRole='link' hoverClass='list-row-hover' onClick={onOpen}>
      <Text className='cat-result-name'>{row.name}</Text>
      <Text className='cat-result-meta'>{row.departmentName}</Text>
      <Text className='cat-result-meta'>{days > 0 ? format(t.visitsAndDays, { visits, days }) : format(t.onTheSpot, { visits })}</Text>
      {/* Only the ways that tell results apart: the line above already says how many visits
          (一次办), and nearly every item is 就近办. */}
      <View className='cat-tags'>
        {RESULT_WAYS.filter((w) => row.entry.w & FOUR_WAY_BITS[w]).map((w) => (
          <Text key={w} className='cat-tag'>{c.fourWays[w]}</Text>
        ))}
      </View>
    </View>
  )
}

function BundleResult({ b, onOpen }: { b: CatalogIndexResponse['bundles'][number]; onOpen: () => void }) {
  return (
    <View className='cat-result' ariaRole='link' hoverClass='list-row-hover' onClick={onOpen}>
      <View className='cat-result-head'>
        <Text className='cat-badge cat-badge-bundle'>{t.badgeBundle}</Text>
        <Text className='cat-result-name'>{format(t.bundleName, { name: b.name })}</Text>
      </View>
      <Text className='cat-result-meta'>{format(t.bundleItems, { n: b.itemCount })} · {b.description}</Text>
    </View>
  )
}

function HallResult({ h }: { h: HallSummary }) {
  return (
    <View className='cat-result' ariaRole='link' hoverClass='list-row-hover' onClick={() => void Taro.navigateTo({ url: hallUrl(h.code) })}>
      <View className='cat-result-head'>
        <Text className='cat-badge cat-badge-hall'>{t.badgeHall}</Text>
        <Text className='cat-result-name'>{h.name}</Text>
      </View>
      <Text className='cat-result-meta'>{h.address}</Text>
    </View>
  )
}

/** Search over the catalog on the device: results as the user types, filters, hot and recent searches. */
export default observer(function Search() {
  const { app } = useStore()
  const store = useCatalogStore()
  const router = useRouter()
  const lifeEvent = param(router.params.lifeEvent) as LifeEvent | ''
  const stage = param(router.params.stage) as EnterpriseStage | ''

  useEffect(() => {
    store.resetFilters({ lifeEvent: lifeEvent || undefined, stage: stage || undefined })
    store.setQuery(param(router.params.q))
    void store.load()
    void store.loadHallList()
    // Only on open: the page's own controls change the filters afterwards.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  // Opened from a search box (首页, 办事) the person came to type: the keyboard comes up at once.
  // Opened on a category, the list is what they came for, so it stays uncovered. Kept as state so
  // the × button can bring the keyboard back (Taro focuses the input when this turns true).
  const [focused, setFocused] = useState(!(lifeEvent || stage))
  const clear = () => {
    store.setQuery('')
    setFocused(true)
  }

  const open = (row: ResultRow) => {
    store.rememberQuery()
    void Taro.navigateTo({ url: guideUrl(row.code) })
  }
  const categoryName = store.filters.lifeEvent
    ? (c.lifeEvent as Record<string, string>)[store.filters.lifeEvent]
    : store.filters.stage
      ? c.enterpriseStage[store.filters.stage]
      : ''
  const results = store.results
  const q = store.query.trim()
  const showIntro = !q && !categoryName
  // With a category chosen, its bundles lead; with a query, the bundles and halls that answer it.
  const bundles = q ? store.bundleHits : categoryName ? store.bundles : []
  const halls = store.hallHits
  const total = bundles.length + results.length + halls.length
  // 共找到 only answers a query; before anything is typed the list is the most asked-for items
  // (or a category's), and says so instead of claiming a search result.
  const heading = q ? format(t.count, { n: total }) : categoryName ? format(t.categoryCount, { n: total }) : t.popular

  return (
    <Page title={t.title}>
      <View className='cat-search' ariaRole='search'>
        <TextInput
          className='input'
          type='text'
          confirmType='search'
          focus={focused}
          value={store.query}
          placeholder={c.search.placeholder}
          ariaLabel={t.label}
          onInput={(e) => store.setQuery(e.detail.value)}
          onFocus={() => setFocused(true)}
          onBlur={() => setFocused(false)}
          onConfirm={() => store.rememberQuery()}
        />
        {store.query !== '' ? (
          <View className='cat-search-clear' id='cat-search-clear' ariaRole='button' ariaLabel={t.clear} onClick={clear} {...KEEP_FOCUS}>
            <Text aria-hidden>×</Text>
          </View>
        ) : null}
      </View>
      {!app.online && store.ready ? <View className='notice'><Text>{t.offlineCache}</Text></View> : null}
      {categoryName ? (
        <View className='cat-chips'>
          <Chip label={format(t.category, { name: categoryName })} on onTap={() => undefined} />
          <Chip label={t.clearCategory} on={false} onTap={() => store.resetFilters({})} />
        </View>
      ) : null}

      {!store.ready ? (
        store.indexError ? (
          <EmptyState title={format(t.loadFailed, { reason: '' })} body={store.indexError} actionLabel={t.retry} onAction={() => void store.load()} />
        ) : (
          <View className='card'><Text className='card-text'>{t.loading}</Text></View>
        )
      ) : (
        <View>
          {/* Count and the one filter control sit above the results, so the first result stays in view. */}
          <View className='cat-bar'>
            <View className='cat-count' ariaRole='status'>{heading}</View>
            <Filters store={store} />
          </View>
          {showIntro && store.used.length > 0 ? (
            <View className='cat-section'>
              <SectionHeader title={t.used} />
              {store.used.map((u) => (
                <View key={u.code} className='cat-result' ariaRole='link' hoverClass='list-row-hover' onClick={() => void Taro.navigateTo({ url: guideUrl(u.code) })}>
                  <Text className='cat-result-name'>{u.name}</Text>
                </View>
              ))}
            </View>
          ) : null}
          {showIntro && store.recent.length > 0 ? (
            <View className='cat-section'>
              <SectionHeader title={c.search.recent} />
              <View className='cat-chips'>
                {store.recent.map((r) => <Chip key={r} label={r} on={false} onTap={() => store.setQuery(r)} />)}
                <Chip label={c.search.clearRecent} on={false} onTap={() => store.clearRecent()} />
              </View>
            </View>
          ) : null}
          {showIntro && store.hot.length > 0 ? (
            <View className='cat-section'>
              <SectionHeader title={c.search.hot} />
              <View className='cat-chips'>
                {store.hot.map((h) => <Chip key={h} label={h} on={false} onTap={() => store.setQuery(h)} />)}
              </View>
            </View>
          ) : null}
          {total === 0 ? (
            <EmptyState title={format(c.search.noResults, { query: q || categoryName })} body='' actionLabel={t.clearCategory} onAction={() => { store.setQuery(''); store.resetFilters({}) }} />
          ) : (
            <View className='cat-section' id='cat-results'>
              {bundles.map((b) => <BundleResult key={b.code} b={b} onOpen={() => { store.rememberQuery(); void Taro.navigateTo({ url: bundleUrl(b.code) }) }} />)}
              {results.map((r) => <Result key={r.code} row={r} onOpen={() => open(r)} />)}
              {halls.map((h) => <HallResult key={h.code} h={h} />)}
            </View>
          )}
          <Button className='btn btn-secondary' onClick={() => void Taro.navigateTo({ url: hallsUrl() })}>{t.nearbyHalls}</Button>
        </View>
      )}
    </Page>
  )
})
