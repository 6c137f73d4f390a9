import { useEffect, useState } from 'react'
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro'
import { View, Text, Button } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { format, messages } from '@/packages/catalog/messages'
import { Page, SectionHeader, EmptyState, ROUTES, goBack } from '@/components'
import { useStore } from '@/stores'
import { useCatalogStore } from '@/stores/useCatalog'
import type { ServiceItem } from '@/domain/contract/catalog'
import type { KnownApplicantResponse } from '@/domain/contract/known'
import { bookUrl } from '@/components/bookingRoutes'
import { checklistText, toBring } from '@/stores/catalog'
import { hallUrl, hallsUrl, param } from '../routes'
import { distanceText, hallStatus } from '../hallText'
import { LocateAgain } from '../LocateAgain'
import './catalog.css'

const t = messages.catalogUi.guide
const c = messages.catalog
const FOUR_WAYS = ['instant', 'online', 'nearby', 'oneVisit'] as const

function Kv({ k, v }: { k: string; v: string }) {
  return (
    <View className='cat-kv'>
      <Text className='cat-kv-key'>{k}</Text>
      <Text className='cat-kv-value'>{v}</Text>
    </View>
  )
}

function fee(amountFen: number | null): string {
  if (amountFen === null) return c.guide.feeByCase
  if (amountFen === 0) return c.guide.free
  return `${(amountFen / 100).toFixed(2)}元`
}

/**
 * 办事指南, citizen first: what and who in one sentence, what to bring (免提交 marked), where and
 * when (nearest halls, today's hours, 导航), how long, how much; the 十统一 fields folded under
 * 更多信息. 在线办理 / 预约 / 分享 sit in a bar that never scrolls away.
 */
export default observer(function Guide() {
  const root = useStore()
  const { platform, app } = root
  const store = useCatalogStore()
  const code = param(useRouter().params.code)
  const [item, setItem] = useState<ServiceItem | undefined>(undefined)
  const [error, setError] = useState<string | undefined>(undefined)
  const [ticked, setTicked] = useState<Set<number>>(new Set())
  const [copied, setCopied] = useState(false)
  const [more, setMore] = useState(false)

  useEffect(() => {
    let live = true
    store.guide(code).then(
      (g) => {
        if (!live) return
        setItem(g)
        store.rememberUsed({ code: g.code, name: g.name })
        if (g.halls.length > 0) void store.loadHalls(g.code)
      },
      (e: { status?: number; code?: string; message?: string }) => {
        if (!live) return
        if (e.status === 404) setError(t.notFound)
        else if (e.code === 'OFFLINE' || e.code === 'NETWORK' || e.code === 'TIMEOUT') setError(t.offlineMissing)
        else setError(e.message || t.notFound)
      },
    )
    return () => {
      live = false
    }
  }, [store, code])

  // Signed in: a 秒批 condition the account already misses (age from the birth date) is said here,
  // before the person starts the form; the guide stays readable and 在线办理 stays offered.
  const [unmet, setUnmet] = useState<string[]>([])
  const signedIn = root.session.isLoggedIn
  useEffect(() => {
    setUnmet([])
    if (!item?.autoApproval || !item.canApplyOnline || !signedIn) return
    let live = true
    root.api.request.get<KnownApplicantResponse>('/api/cases/known', { query: { code: item.code } }).then(
      (r) => live && setUnmet((r.unmet ?? []).map((x) => x.description)),
      () => undefined,
    )
    return () => {
      live = false
    }
  }, [root, item, signedIn])

  // Forwarding in WeChat/Alipay sends this guide; the recipient opens the same item.
  useShareAppMessage(() => ({ title: item ? format(t.shareTitle, { name: item.name }) : '', path: `/packages/catalog/pages/guide?code=${encodeURIComponent(code)}` }))

  if (error) return <Page><EmptyState title={error} body='' actionLabel={messages.ui.common.back} onAction={goBack} /></Page>
  if (!item) return <Page><View className='card'><Text className='card-text'>{t.loading}</Text></View></Page>

  const toggle = (i: number) => {
    if (item.materials[i]?.source === 'shared') return
    const next = new Set(ticked)
    if (next.has(i)) next.delete(i)
    else next.add(i)
    setTicked(next)
    setCopied(false)
  }
  const share = async () => {
    const text = checklistText(item, ticked, { title: t.checklistTitle, ready: t.ready, todo: t.todo, exempt: t.exemptMark, footer: t.footer })
    // The system share sheet where the browser has one; otherwise (and on mini-programs) the clipboard.
    if (platform.shareText && (await platform.shareText(format(t.shareTitle, { name: item.name }), text))) return
    // A toast as well as the line under the list: tapped from the bottom bar, the list is off screen.
    void Taro.setClipboardData({ data: text }).then(() => {
      setCopied(true)
      void Taro.showToast({ title: t.copied, icon: 'none' })
    }, () => undefined)
  }
  const dept = store.departmentName(item.department)
  const days = item.promisedDays === 0 ? c.guide.onTheSpot : format(c.guide.promisedDays, { days: item.promisedDays })

  const who = item.audience === 'person' ? t.whoPerson : item.audience === 'enterprise' ? t.whoEnterprise : t.whoBoth
  const how = item.canApplyOnline ? t.howOnline : format(t.howHall, { visits: c.visits[item.visits] })
  const itemHalls = store.orderedHalls.filter((h) => item.halls.includes(h.code))
  const nearest = store.halls?.sort === 'distance'

  const elder = app.elderMode
  const tags = (
    <View className='cat-tags cat-section'>
      {FOUR_WAYS.filter((w) => item.fourWays[w]).map((w) => <Text key={w} className='cat-tag'>{c.fourWays[w]}</Text>)}
    </View>
  )
  return (
    <Page title={item.name}>
      <View className='cat-guide'>
        {/* 关怀模式 opens with the plain sentence; the 四办 tags follow it. */}
        {elder ? null : tags}
        <View className='card cat-section'>
          <Text className='cat-plain' id='guide-plain'>{format(t.plain, { name: item.name, dept, who, how })}</Text>
        </View>
        {elder ? tags : null}
        {unmet.length > 0 ? <View className='notice' ariaRole='alert' id='guide-unmet'><Text>{format(c.guide.unmetForYou, { rules: unmet.join('、') })}</Text></View> : null}

        <View className='card cat-section'>
          <SectionHeader title={t.bring} />
          {item.materials.length === 0 ? (
            <Text className='card-text'>{t.noMaterials}</Text>
          ) : (
            <View>
              <Text className='text-muted text-small'>{t.materialsHint}</Text>
              {item.materials.map((m, i) =>
                m.source === 'shared' ? (
                  // A department shares it: nothing to prepare, so no tick box and not in the count.
                  <View key={`${i}-${m.name}`} className='cat-material cat-material-shared' ariaLabel={`${m.name}（${t.exempt}）`}>
                    <Text className='cat-check cat-check-none' />
                    <View className='cat-material-text'>
                      <View className='cat-result-head'>
                        <Text className='cat-badge cat-badge-exempt'>{t.exempt}</Text>
                        <Text>{m.name}</Text>
                      </View>
                      <Text className='text-muted text-small'>{[c.materialForm[m.form], c.materialSource[m.source]].join(' · ')}</Text>
                      {m.issuer ? <Text className='text-muted text-small'>{format(t.issuer, { issuer: m.issuer })}</Text> : null}
                    </View>
                  </View>
                ) : (
                <View
                  key={`${i}-${m.name}`}
                  className='cat-material'
                  ariaRole='checkbox'
                  aria-checked={ticked.has(i)}
                  ariaLabel={m.name}
                  onClick={() => toggle(i)}
                >
                  <Text className={ticked.has(i) ? 'cat-check cat-check-on' : 'cat-check'}>{ticked.has(i) ? '✓' : ''}</Text>
                  <View className='cat-material-text'>
                    <View className='cat-result-head'>
                      <Text>{m.name}</Text>
                    </View>
                    <Text className='text-muted text-small'>
                      {[c.materialForm[m.form], format(c.guide.copies, { count: m.copies }), m.required ? c.guide.required : c.guide.optional, c.materialSource[m.source], m.commitmentAllowed ? c.guide.commitmentAllowed : '']
                        .filter(Boolean)
                        .join(' · ')}
                    </Text>
                    {m.issuer ? <Text className='text-muted text-small'>{format(t.issuer, { issuer: m.issuer })}</Text> : null}
                    {m.sampleNote ? <Text className='text-muted text-small'>{format(t.sample, { note: m.sampleNote })}</Text> : null}
                  </View>
                </View>
                ),
              )}
              <Text className='cat-row-label'>{format(t.ticked, { done: ticked.size, total: toBring(item) })}</Text>
              <Button className='btn btn-secondary' onClick={() => void share()}>{t.share}</Button>
              {copied ? <View className='notice notice-success'><Text>{t.copied}</Text></View> : null}
            </View>
          )}
        </View>

        <View className='card cat-section' id='guide-where'>
          <SectionHeader title={t.where} />
          {item.halls.length === 0 ? <Text className='card-text'>{t.noHalls}</Text> : (
            <View>
              <Text className='text-muted text-small'>{nearest ? t.nearestFirst : t.byDistrict}</Text>
              {store.halls && !nearest ? <LocateAgain store={store} item={item.code} /> : null}
              {itemHalls.slice(0, 3).map((h) => (
                <View key={h.code} className='cat-hall'>
                  <View className='cat-hall-text' ariaRole='link' onClick={() => void Taro.navigateTo({ url: hallUrl(h.code) })}>
                    <Text className='cat-result-name'>{h.name}{h.distanceMeters !== undefined ? <Text className='nowrap'>{` · ${distanceText(h.distanceMeters)}`}</Text> : null}</Text>
                    <Text className='cat-result-meta'>{h.address}</Text>
                    <Text className={h.today.openNow ? 'cat-open' : 'cat-closed'}>{hallStatus(h.today)}</Text>
                  </View>
                  <Button className='btn btn-secondary cat-nav' onClick={() => void platform.openLocation({ lat: h.location.lat, lng: h.location.lng, name: h.name, address: h.address }).catch(() => undefined)}>{t.navigate}</Button>
                </View>
              ))}
              <View className='link' ariaRole='link' onClick={() => void Taro.navigateTo({ url: hallsUrl(item.code) })}>{format(t.allHalls, { count: item.halls.length })}</View>
            </View>
          )}
        </View>

        <View className='card cat-section' id='guide-how-long'>
          <SectionHeader title={t.howLong} />
          {/* Missing a 秒批 condition, this person's case goes to an officer: no 当场办结 for them. */}
          <Text className='card-text'>{unmet.length > 0 && item.promisedDays === 0 ? t.reviewForYou : days}</Text>
        </View>

        <View className='card cat-section'>
          <SectionHeader title={t.howMuch} />
          {item.fees.length === 0 ? <Text className='card-text'>{c.guide.free}</Text> : item.fees.map((f) => (
            // Stacked, not a key column: fee names are long (居民身份证工本费) and broke mid-word in 6em.
            <View key={f.name} className='cat-fee'>
              <Text className='cat-fee-name'>{f.name}：{fee(f.amountFen)}</Text>
              <Text className='text-muted text-small'>{f.basis}</Text>
            </View>
          ))}
        </View>

        {item.autoApproval ? (
          <View className='card cat-section'>
            <SectionHeader title={t.autoApproval} />
            <Text className='card-text'>{c.guide.autoApproval}</Text>
            {item.autoApproval.rules.map((r) => <Text key={r.id} className='card-text'>• {r.description}</Text>)}
          </View>
        ) : null}

        <View className='card cat-section'>
          <View className='cat-more' ariaRole='button' aria-expanded={more} onClick={() => setMore(!more)}>
            <Text>{more ? t.moreHide : t.more}</Text>
            <Text className='chevron'>{more ? '▴' : '▾'}</Text>
          </View>
          {more ? (
            <View id='guide-more'>
              <SectionHeader title={t.basics} />
              <Kv k={t.baseCode} v={item.baseCode} />
              <Kv k={t.code} v={item.code} />
              <Kv k={t.type} v={c.itemType[item.type]} />
              <Kv k={t.department} v={dept} />
              <Kv k={t.level} v={item.level === 'city' ? t.levelCity : t.levelDistrict} />
              <Kv k={t.audience} v={c.audience[item.audience]} />
              <Kv k={t.visits} v={c.visits[item.visits]} />
              <Kv k={t.fourWays} v={FOUR_WAYS.filter((w) => item.fourWays[w]).map((w) => c.fourWays[w]).join('、') || '—'} />
              {item.subItems.length > 0 ? <Kv k={t.subItems} v={item.subItems.map((x) => x.name).join('；')} /> : null}
              <SectionHeader title={t.limits} />
              <Text className='card-text'>{format(c.guide.legalDays, { days: item.legalDays })}</Text>
              <Text className='card-text'>{days}</Text>
              <SectionHeader title={t.steps} />
              {item.steps.map((st, i) => <Kv key={st.name} k={`${i + 1}. ${st.name}`} v={st.description} />)}
              <SectionHeader title={t.legalBasis} />
              {item.legalBasis.map((b) => <Text key={b} className='card-text'>{b}</Text>)}
            </View>
          ) : null}
        </View>
      </View>

      {/* The primary actions stay on screen at every scroll position. */}
      <View className='cat-actionbar' id='guide-actions'>
        {item.canApplyOnline ? <Button className='btn cat-action' id='guide-apply' onClick={() => void Taro.navigateTo({ url: `${ROUTES.apply}?code=${encodeURIComponent(item.code)}` })}>{c.guide.applyOnline}</Button> : null}
        {item.canBook ? <Button className={item.canApplyOnline ? 'btn btn-secondary cat-action' : 'btn cat-action'} id='guide-book' onClick={() => void Taro.navigateTo({ url: bookUrl(item.code) })}>{c.guide.book}</Button> : null}
        {platform.shareOpenType ? (
          // Mini-programs: the platform's own forward-to-a-friend sheet (useShareAppMessage above).
          <Button className='btn btn-secondary cat-action' openType={platform.shareOpenType}>{t.shareAction}</Button>
        ) : (
          <Button className='btn btn-secondary cat-action' onClick={() => void share()}>{t.shareAction}</Button>
        )}
      </View>
    </Page>
  )
})
