// 我的事项 for a signed-in person (see index.tsx for why it is a module of its own).
import { useEffect } from 'react'
import { useDidShow } from '@tarojs/taro'
import { View, Text, Button } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useStore } from '@/stores'
import type { RootStore } from '@/stores/root'
import { HomeStore } from '@/stores/home'
import type { CaseSummary } from '@/domain/contract'
import { format, messages } from '@/domain/messages/main'
import { SectionHeader, navigateTo, ROUTES } from '@/components'

const t = messages.ui.home

function homeStoreOf(root: RootStore): HomeStore {
  return root.feature('home', (r) => new HomeStore(r.api.request, r.session, r.me))
}

type OpenState = keyof typeof t.mine.next

/** One open case: what it is, where it stands, what comes next; the whole row opens it. */
function CaseRow({ c }: { c: CaseSummary }) {
  const state = c.state as OpenState
  return (
    <View className='home-row' ariaRole='link' hoverClass='list-row-hover' onClick={() => navigateTo(`${ROUTES.caseDetail}?id=${c.id}`)}>
      <View className='home-row-main'>
        <Text className='home-row-title'>{c.itemName}</Text>
        {/* The number the receipt gave, so a new case is recognised here at once. */}
        {c.number ? <Text className='home-row-sub home-case-number'>{format(t.mine.caseNumber, { number: c.number })}</Text> : null}
        <Text className='home-row-sub'>{t.mine.next[state] ?? ''}{c.dueOn ? ` · ${format(t.mine.due, { date: c.dueOn })}` : ''}</Text>
      </View>
      <Text className='home-state'>{t.mine.states[state] ?? ''}</Text>
    </View>
  )
}

/** 个人 / 法人: who the person is acting as; 法人 with several companies opens the chooser. */
const ActingSwitch = observer(function ActingSwitch() {
  const home = homeStoreOf(useStore())
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

/** 我的事项 signed in: the person's (or the company's) open cases, next booking and cards. */
export default observer(function MineSignedIn() {
  const root = useStore()
  const { session, inbox } = root
  const home = homeStoreOf(root)
  const refresh = () => {
    if (!session.isLoggedIn) return home.clear()
    void home.load(new Date())
    void inbox.load()
  }
  // The first show happened before this chunk arrived on h5: load on mount, on every show after,
  // and when someone else signs in (another tab), so one person's cases never sit under another.
  const sender = session.sender
  useEffect(refresh, [home, inbox, session, sender])
  useDidShow(refresh)
  const acting = home.acting
  const title = acting?.kind === 'enterprise' ? format(t.mine.enterpriseTitle, { name: acting.label }) : t.mine.title
  const open = home.openCases
  const b = home.nextBooking
  return (
    <View>
      {/* At L1 the cases list would only answer 403: the card below offers real name instead. */}
      {home.level === 'L1' ? <SectionHeader title={title} /> : <SectionHeader title={title} actionLabel={t.mine.more} onAction={() => navigateTo(ROUTES.cases)} />}
      <ActingSwitch />
      {home.error ? <View className='notice notice-danger' ariaRole='alert'>{home.error}</View> : null}
      <View className='card home-mine' id='home-mine'>
        {!home.loaded ? <Text className='card-text'>{t.mine.loading}</Text> : home.level === 'L1' ? (
          <View id='home-need-realname'>
            <Text className='card-text'>{t.mine.needRealName}</Text>
            <Button className='btn' onClick={() => navigateTo(ROUTES.realName)}>{t.mine.toRealName}</Button>
          </View>
        ) : (
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
                <Text className='home-row-sub'>{home.cardCount === 0 ? t.mine.noCards : home.expiredCards > 0 ? format(t.mine.cardCountExpired, { n: home.cardCount, m: home.expiredCards }) : format(t.mine.cardCount, { n: home.cardCount })}</Text>
              </View>
              <Text className='chevron'>›</Text>
            </View>
          </View>
        )}
      </View>
    </View>
  )
})
