import { useDidShow } from '@tarojs/taro'
import { View, Text, Image, Button } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useStore } from '@/stores'
import type { CaseSummary } from '@/domain/contract'
import { format, messages } from '@/domain/messages/main'
import { Page, Tile, SectionHeader, PrivacyGuide, PrivacyDeclinedNote, navigateToSoon, openServicesTab, navigateTo, ROUTES } from '@/components'
import searchIcon from '@/assets/tiles/search.png'
import socialIcon from '@/assets/tiles/social.png'
import fundIcon from '@/assets/tiles/fund.png'
import propertyIcon from '@/assets/tiles/property.png'
import bookingIcon from '@/assets/tiles/booking.png'
import casesIcon from '@/assets/tiles/cases.png'
import credentialsIcon from '@/assets/tiles/credentials.png'
import './index.css'

const t = messages.ui.home
const ui = messages.ui

const TILES = [
  { key: 'social', icon: socialIcon },
  { key: 'fund', icon: fundIcon },
  { key: 'property', icon: propertyIcon },
  { key: 'booking', icon: bookingIcon },
  { key: 'cases', icon: casesIcon },
  { key: 'credentials', icon: credentialsIcon },
] as const

/** Tiles whose feature exists; the others still go to the 'soon' page. */
const TILE_ROUTES: Partial<Record<(typeof TILES)[number]['key'], string>> = {
  credentials: ROUTES.wallet,
  booking: ROUTES.bookingChoose,
  social: ROUTES.social,
  fund: ROUTES.fund,
  property: ROUTES.property,
  cases: ROUTES.cases,
}

const LIFE_EVENTS = Object.keys(t.lifeEvents) as (keyof typeof t.lifeEvents)[]

const StatusLine = observer(function StatusLine() {
  const { app } = useStore()
  // Offline, the notice below says it calmly; a network error line here would say it twice.
  const text = app.meta
    ? format(ui.status.line, { city: app.meta.city.name, app: app.meta.appName })
    : !app.online
      ? ui.appName
      : app.metaError ?? ui.status.unknown
  return (
    <View className='home-status'>
      <Text className='home-status-text'>{text}</Text>
    </View>
  )
})

const OfflineNotice = observer(function OfflineNotice() {
  const { app } = useStore()
  return app.online ? null : <View className='notice home-offline' ariaRole='status'>{ui.status.offline}</View>
})

/** Visible near the top: the people who need larger text should not have to hunt for it. */
const ElderToggle = observer(function ElderToggle() {
  const { app } = useStore()
  return (
    <Button
      className='btn btn-secondary home-elder-btn'
      ariaLabel={app.elderMode ? ui.elder.turnOff : ui.elder.turnOn}
      onClick={() => app.toggleElderMode()}
    >
      {app.elderMode ? ui.elder.turnOff : ui.elder.turnOn}
    </Button>
  )
})

const PrivacyOnHome = observer(function PrivacyOnHome() {
  const { app } = useStore()
  return app.privacyGuideOpen ? <PrivacyGuide /> : <PrivacyDeclinedNote />
})

type OpenState = keyof typeof t.mine.next

/** One open case: what it is, where it stands, what comes next; the whole row opens it. */
function CaseRow({ c }: { c: CaseSummary }) {
  const state = c.state as OpenState
  return (
    <View className='home-row' ariaRole='link' hoverClass='list-row-hover' onClick={() => navigateTo(`${ROUTES.caseDetail}?id=${c.id}`)}>
      <View className='home-row-main'>
        <Text className='home-row-title'>{c.itemName}</Text>
        <Text className='home-row-sub'>{t.mine.next[state] ?? ''}{c.dueOn ? ` · ${format(t.mine.due, { date: c.dueOn })}` : ''}</Text>
      </View>
      <Text className='home-state'>{t.mine.states[state] ?? ''}</Text>
    </View>
  )
}

/** 个人 / 法人: who the person is acting as; 法人 with several companies opens the chooser. */
const ActingSwitch = observer(function ActingSwitch() {
  const { home } = useStore()
  const acting = home.acting
  if (home.enterprises.length === 0 && acting?.kind !== 'enterprise') return null
  const asEnterprise = acting?.kind === 'enterprise'
  const chooseEnterprise = () => {
    if (home.enterprises.length === 1) void home.switchTo('enterprise', home.enterprises[0].id, new Date())
    else navigateTo(ROUTES.acting)
  }
  return (
    <View className='home-acting' ariaRole='radiogroup' ariaLabel={t.acting.label}>
      <View className={asEnterprise ? 'home-acting-opt' : 'home-acting-opt home-acting-on'} ariaRole='radio' aria-checked={!asEnterprise} onClick={() => (asEnterprise ? void home.switchTo('self', undefined, new Date()) : undefined)}>
        <Text>{t.acting.self}</Text>
      </View>
      <View className={asEnterprise ? 'home-acting-opt home-acting-on' : 'home-acting-opt'} ariaRole='radio' aria-checked={asEnterprise} onClick={() => (asEnterprise ? undefined : chooseEnterprise())}>
        <Text>{t.acting.enterprise}</Text>
      </View>
    </View>
  )
})

/** 我的事项: signed out, the way in; signed in, the person's (or the company's) own things. */
const Mine = observer(function Mine() {
  const { session, home, inbox } = useStore()
  useDidShow(() => {
    if (!session.isLoggedIn) {
      home.clear()
      return
    }
    void home.load(new Date())
    void inbox.load()
  })
  if (!session.isLoggedIn) {
    return (
      <View>
        <SectionHeader title={t.mine.title} />
        <View className='card'>
          <Text className='card-text'>{t.mine.loggedOut}</Text>
          <Button className='btn' onClick={() => navigateTo('/packages/account/pages/login')}>{t.mine.login}</Button>
        </View>
      </View>
    )
  }
  const acting = home.acting
  const title = acting?.kind === 'enterprise' ? format(t.mine.enterpriseTitle, { name: acting.label }) : t.mine.title
  const open = home.openCases
  const b = home.nextBooking
  return (
    <View>
      <SectionHeader title={title} actionLabel={t.mine.more} onAction={() => navigateTo(ROUTES.cases)} />
      <ActingSwitch />
      {home.error ? <View className='notice notice-danger' ariaRole='alert'>{home.error}</View> : null}
      <View className='card home-mine' id='home-mine'>
        {!home.loaded ? <Text className='card-text'>{t.mine.loading}</Text> : (
          <View>
            <Text className='home-mine-label'>{format(t.mine.cases, { n: open.length })}</Text>
            {open.length === 0 ? <Text className='card-text text-muted'>{t.mine.noCases}</Text> : open.slice(0, 3).map((c) => <CaseRow key={c.id} c={c} />)}
            <Text className='home-mine-label'>{t.mine.nextBooking}</Text>
            {b ? (
              <View className='home-row' ariaRole='link' hoverClass='list-row-hover' onClick={() => navigateTo(`${ROUTES.bookingDetail}?id=${b.id}`)}>
                <View className='home-row-main'>
                  <Text className='home-row-title'>{b.itemName}</Text>
                  <Text className='home-row-sub'>{`${b.date} ${b.start}-${b.end} · ${b.hallName}`}</Text>
                </View>
                <Text className='chevron'>›</Text>
              </View>
            ) : <Text className='card-text text-muted'>{t.mine.noBooking}</Text>}
            <View className='home-row' ariaRole='link' hoverClass='list-row-hover' onClick={() => navigateTo(ROUTES.wallet)}>
              <View className='home-row-main'>
                <Text className='home-row-title'>{t.mine.cards}</Text>
                <Text className='home-row-sub'>{home.cardCount > 0 ? format(t.mine.cardCount, { n: home.cardCount }) : t.mine.noCards}</Text>
              </View>
              <Text className='chevron'>›</Text>
            </View>
          </View>
        )}
      </View>
    </View>
  )
})

export default function Home() {
  return (
    <Page>
      <PrivacyOnHome />
      <View
        className='home-search'
        ariaRole='search'
        ariaLabel={t.searchLabel}
        onClick={() => navigateTo('/packages/catalog/pages/search')}
      >
        <Image className='home-search-icon' src={searchIcon} mode='scaleToFill' nativeProps={{ alt: '' }} />
        <Text className='home-search-text'>{t.searchPlaceholder}</Text>
      </View>

      <View className='home-bar'>
        <StatusLine />
        <ElderToggle />
      </View>
      <OfflineNotice />

      <Mine />

      <SectionHeader title={t.servicesTitle} />
      <View className='tiles'>
        {TILES.map((tile) => (
          <Tile key={tile.key} label={t.tiles[tile.key]} icon={tile.icon} onTap={() => (TILE_ROUTES[tile.key] ? navigateTo(TILE_ROUTES[tile.key]!) : navigateToSoon(t.tiles[tile.key]))} />
        ))}
      </View>

      <SectionHeader title={t.lifeTitle} />
      <View className='home-life'>
        {LIFE_EVENTS.map((key) => (
          <View
            key={key}
            className='home-life-item'
            ariaRole='button'
            hoverClass='tile-hover'
            onClick={() => openServicesTab(key)}
          >
            <Text>{t.lifeEvents[key]}</Text>
          </View>
        ))}
      </View>
    </Page>
  )
}
