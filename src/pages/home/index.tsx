import { Suspense } from 'react'
import { View, Text, Button, Image } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useStore } from '@/stores'
import { format, messages } from '@/domain/messages/main'
import { Page, Tile, SectionHeader, PrivacyGuide, PrivacyDeclinedNote, SearchEntry, navigateToSoon, openServicesTab, navigateTo, ROUTES } from '@/components'
import socialIcon from '@/assets/tiles/social.png'
import fundIcon from '@/assets/tiles/fund.png'
import propertyIcon from '@/assets/tiles/property.png'
import bookingIcon from '@/assets/tiles/booking.png'
import casesIcon from '@/assets/tiles/cases.png'
import credentialsIcon from '@/assets/tiles/credentials.png'
import phoneIcon from '@/assets/tiles/phone-white.png'
// 我的事项 signed in: its own chunk on h5, in the main package on the mini-programs (see the file).
import { MineSignedIn } from './mineSignedInView'
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

/** 我的事项: signed out, the way in; signed in, the person's (or the company's) own things. */
const Mine = observer(function Mine() {
  const { session } = useStore()
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
  return (
    <Suspense fallback={<View><SectionHeader title={t.mine.title} /><View className='card'><Text className='card-text'>{t.mine.loading}</Text></View></View>}>
      <MineSignedIn />
    </Suspense>
  )
})

/** 12345 政务服务便民热线: one tap to a person who can help, through the platform's dialer. */
const HOTLINE = '12345'

const Hotline = observer(function Hotline() {
  const { platform } = useStore()
  return (
    <Button className='btn home-hotline' id='home-hotline' ariaLabel={ui.elder.hotlineLabel} onClick={() => void platform.makePhoneCall(HOTLINE)}>
      {/* A drawn handset, not the 📞 emoji: phones without an emoji font showed an empty box. */}
      <Image className='home-hotline-icon' src={phoneIcon} mode='scaleToFill' nativeProps={{ alt: '' }} />
      <Text>{ui.elder.hotline}</Text>
    </Button>
  )
})

/**
 * 首页. In 关怀模式 the same page gets simpler rather than a second page (the first screen does not
 * grow): the six tasks first as large tiles, the 12345 hotline, then search and the person's own
 * things; no status line, no life-event grid.
 */
export default observer(function Home() {
  const { app } = useStore()
  const elder = app.elderMode
  const search = <SearchEntry />
  return (
    <Page>
      <PrivacyOnHome />
      {elder ? null : search}

      <View className='home-bar'>
        {elder ? null : <StatusLine />}
        <ElderToggle />
      </View>
      <OfflineNotice />

      {elder ? null : <Mine />}

      <SectionHeader title={elder ? ui.elder.tilesTitle : t.servicesTitle} />
      <View className={elder ? 'tiles home-elder' : 'tiles'} id={elder ? 'home-elder' : undefined}>
        {TILES.map((tile) => (
          <Tile key={tile.key} label={t.tiles[tile.key]} icon={tile.icon} onTap={() => (TILE_ROUTES[tile.key] ? navigateTo(TILE_ROUTES[tile.key]!) : navigateToSoon(t.tiles[tile.key]))} />
        ))}
      </View>

      {elder ? (
        <View>
          <Hotline />
          {search}
          <Mine />
        </View>
      ) : (
        <View>
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
        </View>
      )}
    </Page>
  )
})
